"""Rules between records that a schema alone cannot state: unique ids, file names that say which record
they hold, objectives that belong to their axis, figures that follow their base."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .problems import Problem, field_path
from .read import Document
from .sources import COLLECTIONS, Collection, Sources, record_files


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a slug the schema refuses makes no file name worth naming


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
                how = "numéro sur deux chiffres, tiret, slug" if collection.digits == 2 else (
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
    """Ids of a collection's records, from their file names: known even when a file fails to parse, so
    one broken record does not also break every reference to it."""
    ids = []
    for path in record_files(root, collection.folder, collection.form)[0]:
        number, _, slug = path.stem.partition("-") if collection.digits else ("", "", path.stem)
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


def cross_record(sources: Sources) -> list[Problem]:
    problems = []
    for name, collection in COLLECTIONS.items():
        problems += collection_ids(sources.collections[name], collection)
    problems += objectives_in_their_axis(sources.collections["actions"], sources.vocabulary("axes"))
    problems += lines_match_their_base(sources.collections["actions"], sources.vocabulary("bases"))
    problems += sources_of_the_adopted_fiches(sources.collections["actions"], sources.data("feuille_de_route"))
    return problems
