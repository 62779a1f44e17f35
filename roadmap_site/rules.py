"""Rules between records that a schema alone cannot state: unique ids, file names that say which record
they hold, objectives that belong to their axis, figures that follow their base, passages of the register
that end after they start; for the follow-up, counts of delegates that add up, follow-up files named after
their fiche and naming its indicators, one unit per indicator, a purchase order counted once, no fact dated
after the day of the build, no status before the sitting it cites."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import dates
from .formatting import date_fr
from .messages import mistyped
from .problems import Problem, field_path
from .read import Document
from .slug import PATTERN as SLUG
from .sources import COLLECTIONS, Collection, Sources, record_names

_SLUG = re.compile(SLUG)  # a slug the schema refuses makes no file name worth naming


def _mapping(document: Document) -> dict:
    return document.data if isinstance(document.data, dict) else {}


def collection_ids(documents: list[Document], collection: Collection) -> list[Problem]:
    """Ids unique across files, and file names that say which record they hold."""
    problems = []
    keys = ("numero", "slug") if collection.digits else ("slug",)
    seen: dict[str, dict[Any, Document]] = {key: {} for key in keys}
    for doc in documents:
        data = _mapping(doc)
        for key, taken in seen.items():
            value = data.get(key)
            if value is None or isinstance(value, (dict, list)):
                continue
            if value in taken:
                other = taken[value]
                problems.append(Problem(doc.name, doc.line_of([key]), key,
                                        f"« {value} » est déjà utilisé par {other.name} : chaque fichier a le sien"))
                problems.append(Problem(other.name, other.line_of([key]), key,
                                        f"« {value} » est aussi utilisé par {doc.name} : chaque fichier a le sien"))
            else:
                taken[value] = doc
        numero, slug = data.get("numero"), data.get("slug")
        if isinstance(slug, str) and _SLUG.fullmatch(slug) and (not collection.digits or isinstance(numero, int)):
            expected = f"{numero:0{collection.digits}d}-{slug}.yml" if collection.digits else f"{slug}.yml"
            if Path(doc.name).name != expected:
                how = "numéro sur au moins deux chiffres, tiret, slug" if collection.digits == 2 else (
                    "numéro, tiret, slug" if collection.digits else "le slug")
                fields = "« numero » et « slug »" if collection.digits else "« slug »"
                problems.append(Problem(doc.name, 1, "", f"le nom du fichier ne correspond pas à {fields} : "
                                        f"renommez le fichier en « {expected} » ({how}), ou corrigez {fields}"))
    return problems


def objectives_in_their_axis(documents: list[Document], axes: dict) -> list[Problem]:
    problems = []
    for doc in documents:
        data = _mapping(doc)
        axe, objectif = data.get("axe"), data.get("objectif")
        if axe in axes and isinstance(axes[axe], dict) and isinstance(objectif, str):
            codes = [o.get("code") for o in axes[axe].get("objectifs", []) if isinstance(o, dict)]
            if objectif not in codes:
                problems.append(Problem(doc.name, doc.line_of(["objectif"]), "objectif",
                                        f"l'objectif « {objectif} » n'appartient pas à l'axe « {axe} » ; "
                                        f"objectifs de cet axe : {', '.join(map(str, codes))}"))
    return problems


def lines_match_their_base(documents: list[Document], bases: dict) -> list[Problem]:
    """How a line gives its figure follows its base (data/vocabulaires/bases.yml): a base whose amounts add
    up year by year (« cumul: par_annee ») takes `par_annee` and no `montant`; any other base, a `montant`;
    an ETP never varies by year."""
    problems = []

    def problem(doc: Document, path: tuple, message: str) -> None:
        problems.append(Problem(doc.name, doc.line_of(path), field_path(path), message))

    for doc in documents:
        data = _mapping(doc)
        for rubric in ("rh", "investissement"):
            lines = data.get(rubric)
            for i, line in enumerate(lines if isinstance(lines, list) else []):
                base = line.get("base") if isinstance(line, dict) else None
                if not isinstance(base, str) or not isinstance(bases.get(base), dict):
                    continue
                yearly = bases[base].get("cumul") == "par_annee"
                here = (rubric, i)
                if rubric == "rh":
                    if yearly:
                        problem(doc, here + ("base",), f"« {base} » ne convient pas à un ETP, qui ne change pas "
                                "d'une année à l'autre : retirez « base » ou choisissez une autre base")
                elif yearly and "montant" in line:
                    problem(doc, here + ("montant",), f"avec « base: {base} », les montants vont dans « par_annee » "
                            "(une ligne « - annee: …, montant: … » par année) ; retirez « montant »")
                elif yearly and "par_annee" not in line:
                    problem(doc, here, f"avec « base: {base} », donnez les montants année par année dans "
                            "« par_annee »")
                elif not yearly and "par_annee" in line:
                    problem(doc, here + ("par_annee",), f"« par_annee » ne s'utilise qu'avec une base dont les "
                            f"montants changent selon l'année ; avec « base: {base} », écrivez « montant: … »")
                elif not yearly and "montant" not in line:
                    problem(doc, here, f"avec « base: {base} », le montant est obligatoire (« montant: … ») ; "
                            "sans montant, retirez aussi « base »")
    return problems


def file_ids(root: Path, collection: Collection, key: str) -> list:
    """Ids of a collection's records, from their file names: known even when a file fails to parse or is
    refused for its name, so one broken record does not also break every reference to it."""
    ids = []
    for name in record_names(root, collection.folder, collection.form):
        stem = name.removesuffix(".yml")
        number, _, slug = stem.partition("-") if collection.digits else ("", "", stem)
        ids.append(int(number) if key == "numero" and number.isdigit() else slug)
    return ids


def vocabularies(root: Path, sources: Sources) -> dict[str, list]:
    """Allowed values of every `x-vocabulaire`, read from the data itself."""
    found = {name: list(sources.vocabulary(name)) for name in sources.vocabularies}
    found["objectifs"] = [o.get("code") for axe in sources.vocabulary("axes").values() if isinstance(axe, dict)
                          for o in axe.get("objectifs", []) if isinstance(o, dict)]
    organisations = sources.data("organisations")
    found["organisations"] = list(organisations) if isinstance(organisations, dict) else []
    found["epci"] = file_ids(root, COLLECTIONS["epci"], "slug")
    found["fiches"] = file_ids(root, COLLECTIONS["actions"], "numero")
    found["deliberations"] = file_ids(root, COLLECTIONS["deliberations"], "slug")
    return found


def sources_of_the_adopted_fiches(documents: list[Document], identity) -> list[Problem]:
    """The fiches of the adopted document keep where they come from; a fiche added later claims no place
    in it (copying a fiche to start a new one would otherwise keep a false source)."""
    source = identity.get("source") if isinstance(identity, dict) else None
    adopted = source.get("fiches") if isinstance(source, dict) else None
    if not isinstance(adopted, int) or isinstance(adopted, bool):
        return []
    problems = []
    for doc in documents:
        numero = _mapping(doc).get("numero")
        if not isinstance(numero, int) or isinstance(numero, bool):
            continue
        if numero <= adopted and "source" not in _mapping(doc):
            problems.append(Problem(doc.name, 1, "source", f"champ obligatoire manquant (Source) : les fiches 1 à "
                                    f"{adopted} viennent du document adopté et gardent leur source"))
        elif numero > adopted and "source" in _mapping(doc):
            problems.append(Problem(doc.name, doc.line_of(["source"]), "source", (
                f"une fiche ajoutée après le document adopté (fiches 1 à {adopted}) n'a pas de « source » : "
                "retirez « source » et les lignes indentées sous lui")))
    return problems


def _walk(value: Any):
    """Every mapping in a document's values, with its path, in the document's order: a loop, not nested
    generators, since every document goes through it."""
    stack: list[tuple[tuple, Any]] = [((), value)] if isinstance(value, (dict, list)) else []
    while stack:
        path, value = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        if isinstance(value, dict):
            yield path, value
        stack += reversed([(path + (key,), item) for key, item in items if isinstance(item, (dict, list))])


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def line_ranges(documents: list[Document]) -> list[Problem]:
    """A passage of the source (`lignes: {premiere: …, derniere: …}`, wherever it is) ends at or after its
    start: a reversed range points at nothing."""
    problems = []
    for doc in documents:
        for path, item in _walk(doc.data):
            first, last = item.get("premiere"), item.get("derniere")
            if _integer(first) and _integer(last) and last < first:
                problems.append(Problem(doc.name, doc.line_of(path + ("derniere",)), field_path(path + ("derniere",)),
                                        f"la dernière ligne ({last}) est avant la première ({first}) : vérifiez les "
                                        "deux numéros (pour une seule ligne, écrivez-la deux fois)"))
    return problems


def cross_record(sources: Sources) -> list[Problem]:
    problems = line_ranges(list(sources.vocabularies.values()) + [d for d in sources.documents.values() if d]
                           + [d for documents in sources.collections.values() for d in documents])
    for name, collection in COLLECTIONS.items():
        problems += collection_ids(sources.collections[name], collection)
    problems += objectives_in_their_axis(sources.collections["actions"], sources.vocabulary("axes"))
    problems += lines_match_their_base(sources.collections["actions"], sources.vocabulary("bases"))
    problems += followup(sources)
    problems += sources_of_the_adopted_fiches(sources.collections["actions"], sources.data("feuille_de_route"))
    return problems


# Follow-up of the roadmap (deliberations/, suivi/, budget/, data/vocabulaires/statuts.yml).

def _items(document: Document, key: str) -> list[tuple[tuple, dict]]:
    values = _mapping(document).get(key)
    return [((key, i), item) for i, item in enumerate(values if isinstance(values, list) else [])
            if isinstance(item, dict)]


def delegates_add_up(documents: list[Document]) -> list[Problem]:
    """Present + proxies = voters, and present + proxies + absent = delegates in office."""
    problems = []
    for doc in documents:
        count = _mapping(doc).get("delegues")
        if not isinstance(count, dict) or not all(isinstance(count.get(k), int) for k in
                                                   ("en_exercice", "presents", "absents", "votants")):
            continue
        proxies = count.get("pouvoirs", 0) if isinstance(count.get("pouvoirs", 0), int) else 0
        voters, office = count["presents"] + proxies, count["presents"] + proxies + count["absents"]
        if voters != count["votants"]:
            problems.append(Problem(doc.name, doc.line_of(["delegues", "votants"]), "delegues.votants",
                                    f"présents + pouvoirs = {voters}, pas {count['votants']} : vérifiez le décompte"))
        if office != count["en_exercice"]:
            problems.append(Problem(doc.name, doc.line_of(["delegues", "en_exercice"]), "delegues.en_exercice",
                                    f"présents + pouvoirs + absents = {office}, pas {count['en_exercice']} : "
                                    "vérifiez le décompte"))
    return problems


def deliberation_numbers_unique(documents: list[Document]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for doc in documents:
        numero = _mapping(doc).get("numero")
        if isinstance(numero, str) and numero in seen:
            problems.append(Problem(doc.name, doc.line_of(["numero"]), "numero",
                                    f"« {numero} » est déjà le numéro de {seen[numero]} : chaque délibération a "
                                    "le sien"))
        elif isinstance(numero, str):
            seen[numero] = doc.name
    return problems


def one_default_status(statuses: dict, name: str = "data/vocabulaires/statuts.yml") -> list[Problem]:
    defaults = [code for code, entry in statuses.items() if isinstance(entry, dict) and entry.get("defaut") is True]
    if statuses and len(defaults) != 1:
        return [Problem(name, None, "", f"un seul statut doit porter « defaut: true » (celui d'une fiche dont le "
                        f"registre ne dit rien) ; trouvé : {', '.join(defaults) or 'aucun'}")]
    return []


def _counted(item: dict) -> str | None:
    """What a target or a measure counts: its indicator, else its label."""
    value = item.get("indicateur", item.get("libelle"))
    return value if isinstance(value, str) else None


def followup_files(documents: list[Document], fiches: list[Document], statuses: dict) -> list[Problem]:
    """One follow-up file per fiche, named with its number (the fiche's file name, whose slug may change);
    it names the fiche's indicators exactly; the targets and measures of one indicator share a unit; a range
    is a range; the default status is never written."""
    problems = []
    by_number = {_mapping(f).get("numero"): f for f in fiches}
    defaults = {code for code, entry in statuses.items() if isinstance(entry, dict) and entry.get("defaut") is True}

    def problem(doc: Document, path: tuple, message: str) -> None:
        problems.append(Problem(doc.name, doc.line_of(path), field_path(path), message))

    followed: dict[int, str] = {}
    for doc in documents:
        numero: Any = _mapping(doc).get("fiche")  # as written: checked against the fiches below
        fiche = by_number.get(numero)
        if fiche is not None and not Path(doc.name).name.startswith(f"{numero:02d}-"):
            problems.append(Problem(doc.name, 1, "", "le nom du fichier doit commencer par le numéro de la fiche sur "
                                    "au moins deux chiffres, comme celui de sa fiche : "
                                    f"« {Path(fiche.name).name} » : renommez le fichier"))
        if fiche is not None and numero in followed:
            problems.append(Problem(doc.name, doc.line_of(["fiche"]), "fiche", f"la fiche {numero} a déjà son suivi "
                                    f"dans {followed[numero]} : un seul fichier de suivi par fiche"))
        elif fiche is not None:
            followed[numero] = doc.name
        indicators = []
        if fiche is not None and isinstance(_mapping(fiche).get("indicateurs"), dict):
            for kind in ("quantitatifs", "qualitatifs"):
                found = _mapping(fiche)["indicateurs"].get(kind)
                indicators += found if isinstance(found, list) else []
        for path, item in _items(doc, "statuts"):
            if item.get("statut") in defaults:
                problem(doc, path + ("statut",), f"« {item['statut']} » est le statut d'une fiche dont le registre "
                        "ne dit rien : ne l'écrivez pas, retirez cet élément")
        dates: dict[str, int] = {}
        for path, item in _items(doc, "statuts"):
            if isinstance(item.get("date"), str) and item["date"] in dates:
                problem(doc, path + ("date",), f"deux statuts à la même date ({item['date']}, déjà ligne "
                        f"{dates[item['date']]}) : gardez celui que dit le registre")
            elif isinstance(item.get("date"), str):
                dates[item["date"]] = doc.line_of(path + ("date",))
        units: dict[str, tuple[str, int]] = {}
        for path, item in _items(doc, "cibles") + _items(doc, "mesures"):
            counted = item.get("indicateur")
            fix = mistyped(counted, set(indicators).__contains__) if fiche is not None else None
            if fix:  # the indicator's text but for a look-alike or invisible character: say which
                problem(doc, path + ("indicateur",), f"« {counted} » n'est pas le texte exact d'un indicateur de la "
                        f"fiche : {fix}")
            elif fiche is not None and isinstance(counted, str) and counted not in indicators:
                names = [f"« {name} »" for name in indicators if isinstance(name, str)]
                listed = " ; ".join(names) if 0 < len(names) <= 4 else f"voir « indicateurs » dans {fiche.name}"
                problem(doc, path + ("indicateur",), f"la fiche {_mapping(doc)['fiche']} n'a pas (ou plus) cet "
                        f"indicateur : recopiez le texte exact d'un de ses indicateurs ({listed}) ; si elle ne le "
                        "suit pas, écrivez « libelle » à la place")
            unit, key = item.get("unite"), _counted(item)
            if isinstance(unit, str) and key is not None:
                if key in units and units[key][0] != unit:
                    problem(doc, path + ("unite",), f"« {unit} » : les cibles et valeurs de « {key} » ont déjà "
                            f"l'unité « {units[key][0]} » (ligne {units[key][1]}) ; une valeur ne se compare à sa "
                            "cible que dans la même unité")
                units.setdefault(key, (unit, doc.line_of(path + ("unite",))))
        for path, item in _items(doc, "cibles"):
            if "valeur" in item and ("minimum" in item or "maximum" in item):
                problem(doc, path + ("valeur",), "une cible est un nombre (« valeur ») ou une fourchette "
                        "(« minimum », « maximum »), pas les deux")
            low, high = item.get("minimum"), item.get("maximum")
            if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
                problem(doc, path + ("maximum",),
                        f"le haut de la fourchette ({high}) est plus petit que le bas ({low})")
    return problems


def budget_lines(documents: list[Document]) -> list[Problem]:
    """The axis of a line attached to a fiche is the fiche's; a total by axis names its axis."""
    problems = []
    for doc in documents:
        for path, item in _items(doc, "postes"):
            if "axe" in item and "fiche" in item:
                problems.append(Problem(doc.name, doc.line_of(path + ("axe",)), field_path(path + ("axe",)),
                                        "« axe » seulement pour une ligne sans fiche : l'axe d'une ligne "
                                        "rattachée est celui de sa fiche ; retirez « axe »"))
        for path, item in _items(doc, "totaux"):
            if item.get("perimetre") == "axe" and "axe" not in item:
                problems.append(Problem(doc.name, doc.line_of(path), field_path(path),
                                        "avec « perimetre: axe », écrivez aussi l'axe (« axe: … »)"))
            elif "axe" in item and item.get("perimetre") != "axe":
                problems.append(Problem(doc.name, doc.line_of(path + ("axe",)), field_path(path + ("axe",)),
                                        "« axe » seulement avec « perimetre: axe »"))
    return problems


def dated_facts(deliberations: list[Document], followups: list[Document]) -> list[Problem]:
    """A sitting, a status or a measured value is dated on or before the day of the build (roadmap_site.dates); a
    status is dated on or after the sitting it cites. A month or a year is judged by its period: "2026" is
    neither after a day of 2026 nor before a sitting of 2026."""
    problems, today = [], dates.build_day()
    sittings = {_mapping(doc)["slug"]: _mapping(doc).get("date") for doc in deliberations
                if isinstance(_mapping(doc).get("slug"), str)}
    checked = [(doc, ("date",), _mapping(doc).get("date"), "une séance se transcrit une fois tenue")
               for doc in deliberations]
    for kind, why in (("statuts", "un statut se constate"), ("mesures", "une valeur se mesure")):
        checked += [(doc, path + ("date",), item.get("date"), f"{why} à une date passée ; une date prévue va dans "
                     "« jalons »") for doc in followups for path, item in _items(doc, kind)]
    for doc, path, when, why in checked:
        if dates.valid(when) and dates.first_day(when) > today:
            problems.append(Problem(doc.name, doc.line_of(path), field_path(path), (
                f"« {when} » est après le jour de la construction du site ({date_fr(today.isoformat())}) : {why} ; "
                "vérifiez la date")))
    for doc in followups:
        for path, item in _items(doc, "statuts"):
            cited = item.get("deliberation")
            when, sitting = item.get("date"), sittings.get(cited) if isinstance(cited, str) else None
            if dates.valid(when) and dates.valid(sitting) and dates.last_day(when) < dates.first_day(sitting):
                problems.append(Problem(doc.name, doc.line_of(path + ("date",)), field_path(path + ("date",)), (
                    f"« {when} » est avant la séance qu'il cite ({cited}, {date_fr(sitting)}) : un "
                    "statut se constate au plus tôt le jour de la séance ; écrivez la date de la séance, ou citez "
                    "la délibération qui le constate")))
    return problems


def order_references(documents: list[Document]) -> list[Problem]:
    """A piece (a purchase order « LC2024-07 »…) is listed once among the tables of its nature: given twice,
    it would be added twice. References are compared without case or spaces."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], tuple[str, int | None]] = {}
    for doc in documents:
        nature = _mapping(doc).get("nature")
        for path, item in _items(doc, "postes"):
            reference = item.get("reference")
            if not isinstance(reference, str) or not isinstance(nature, str):
                continue
            key = (nature, re.sub(r"\s+", "", reference).casefold())
            if key in seen:
                other, line = seen[key]
                where = f"ligne {line}" if other == doc.name else f"{other}, ligne {line}"
                problems.append(Problem(doc.name, doc.line_of(path + ("reference",)), field_path(path + ("reference",)),
                                        f"« {reference} » est déjà la référence d'une ligne ({where}) : une pièce "
                                        "ne compte qu'une fois ; corrigez la référence, ou retirez la ligne en double"))
            else:
                seen[key] = (doc.name, doc.line_of(path + ("reference",)))
    return problems


def followup(sources: Sources) -> list[Problem]:
    statuses = sources.vocabulary("statuts")
    problems = delegates_add_up(sources.collections["deliberations"])
    problems += dated_facts(sources.collections["deliberations"], sources.collections["suivi"])
    problems += order_references(sources.collections["budget"])
    problems += deliberation_numbers_unique(sources.collections["deliberations"])
    problems += one_default_status(statuses)
    problems += followup_files(sources.collections["suivi"], sources.collections["actions"], statuses)
    problems += budget_lines(sources.collections["budget"])
    return problems
