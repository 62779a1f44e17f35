"""Load every data file, validate it all, and only then build the model the pages are rendered from.

Validation comes first and reports every problem at once (`DataErrors`): no page is ever rendered from
data that failed a check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from . import diagnostic, loader
from .problems import DataErrors, Problem
from .validation import Schemas

VOCABULARY_DIR = Path("data/vocabulaires")
# Data files, each with the schema that validates it. A collection is a folder of records of one kind,
# with the number of digits of the <numero>- prefix of its file names (0: files are named <slug>.yml).
COLLECTIONS = {
    "actions": ("actions/*.yml", "action", 2),
    "epci": ("diagnostic/epci/*.yml", "epci", 2),
    "enjeux": ("diagnostic/enjeux/*.yml", "enjeu", 1),
    "actions_locales": ("diagnostic/actions-locales/*.yml", "action-locale", 0),
}
DOCUMENTS = {
    "organisations": ("data/organisations.yml", "organisations"),
    "redirections": ("data/redirections.yml", "redirections"),
    "contexte": ("diagnostic/contexte.yml", "contexte"),
    "accompagnements": ("diagnostic/accompagnements.yml", "accompagnements"),
    "acteurs": ("diagnostic/acteurs.yml", "acteurs"),
    "numerique_responsable": ("diagnostic/numerique-responsable.yml", "numerique-responsable"),
    "outils": ("diagnostic/outils.yml", "outils"),
}
SYNDICAT = "lot-numerique"


@dataclass(repr=False)
class Organisation:
    id: str
    nom: str
    sigle: str | None = None
    notes: list[str] = field(default_factory=list)
    rattachement: "Organisation | None" = None
    porteur_de: list["Action"] = field(default_factory=list)
    partenaire_de: list["Action"] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Organisation({self.id!r})"

    @property
    def url(self) -> str:
        return f"organisations/{self.id}/"

    @property
    def actions(self) -> list["Action"]:
        """Every fiche naming the organisation, as carrier or partner, in fiche order."""
        return sorted(set(self.porteur_de) | set(self.partenaire_de), key=lambda a: a.numero)


@dataclass(repr=False)
class Objectif:
    code: str
    intitule: str
    axe: "Axe"
    actions: list["Action"] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Objectif({self.code!r})"


@dataclass(repr=False)
class Axe:
    code: str
    numero: int
    nom: str
    introduction: list
    objectifs: list[Objectif] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Axe({self.code!r})"

    @property
    def url(self) -> str:
        return f"axes/{self.code}/"

    @property
    def actions(self) -> list["Action"]:
        return [a for o in self.objectifs for a in o.actions]


@dataclass
class Mention:
    """An organisation of the registry or a generic text, as a fiche names it.

    `texte` is the fiche's own wording; on an organisation it is set only where the fiche words the name
    differently from the registry, so pages quote the register and link to the registry entry.
    """

    organisation: Organisation | None
    texte: str | None
    precision: str | None = None
    groupe: str | None = None

    @property
    def nom(self) -> str:
        """The name as the fiche writes it."""
        return self.texte or self.organisation.nom

    @property
    def libelle(self) -> str:
        """The whole mention as pages print it: the name, then what the fiche adds in parentheses."""
        return f"{self.nom} ({self.precision})" if self.precision else self.nom


@dataclass(eq=False, repr=False)
class Action:
    numero: int
    slug: str
    file: str
    data: dict
    axe: Axe
    objectif: Objectif
    programme: dict
    porteurs: list[Mention]
    partenaires: list[Mention] | None

    def __repr__(self) -> str:
        return f"Action({self.numero})"

    @property
    def url(self) -> str:
        return f"actions/{self.slug}/"

    @property
    def intitule(self) -> str:
        return self.data["intitule"]

    @property
    def porte_par_syndicat(self) -> bool:
        return any(m.organisation and m.organisation.id == SYNDICAT for m in self.porteurs)

    @property
    def groupes_partenaires(self) -> list[tuple[str | None, list[Mention]]]:
        """Partners under the headings the fiche gives them, in the fiche's order."""
        return [(groupe, list(members)) for groupe, members in groupby(self.partenaires or [], lambda m: m.groupe)]

    def lines(self, key: str) -> list[dict]:
        """The lines of `rh` or `investissement`; none when the fiche leaves the rubric empty."""
        value = self.data[key]
        return value if isinstance(value, list) else []


@dataclass(repr=False)
class Catalog:
    """Everything the site shows, validated and cross-linked."""

    root: Path
    actions: list[Action]
    axes: list[Axe]
    organisations: dict[str, Organisation]
    vocabularies: dict[str, dict]  # data/vocabulaires/<name>.yml
    redirections: dict[str, str]
    schemas: dict[str, dict]
    diagnostic: Any = None  # the annex, see macros/diagnostic.py

    @property
    def programmes(self) -> dict[str, dict]:
        return self.vocabularies["programmes"]

    @property
    def bases(self) -> dict[str, dict]:
        return self.vocabularies["bases"]

    def __repr__(self) -> str:
        return f"Catalog({self.root}, {len(self.actions)} fiches)"

    def action(self, numero: int) -> Action:
        return next(a for a in self.actions if a.numero == int(numero))

    def axe(self, code: str) -> Axe:
        return next(x for x in self.axes if x.code == code)


def _load_all(root: Path, pattern: str) -> tuple[list[loader.Document], list[Problem]]:
    documents, problems = [], []
    for path in sorted(root.glob(pattern)):
        document, found = loader.load(path, root)
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems


def _mapping(document: loader.Document | None) -> dict:
    return document.data if document is not None and isinstance(document.data, dict) else {}


def _check_collection(documents: list[loader.Document], digits: int) -> list[Problem]:
    """Ids unique across files, and file names that say which record they hold."""
    problems = []
    keys = ("numero", "slug") if digits else ("slug",)
    seen: dict[str, dict[Any, loader.Document]] = {key: {} for key in keys}
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
        if isinstance(slug, str) and (not digits or isinstance(numero, int)):
            expected = f"{numero:0{digits}d}-{slug}.yml" if digits else f"{slug}.yml"
            if Path(doc.name).name != expected:
                how = "numéro sur deux chiffres, tiret, slug" if digits == 2 else (
                    "numéro, tiret, slug" if digits else "le slug")
                problems.append(Problem(doc.name, 1, "", f"le nom du fichier doit être « {expected} » ({how}) : "
                                        "renommez le fichier"))
    return problems


def _check_objectives(documents: list[loader.Document], axes: dict) -> list[Problem]:
    problems = []
    for doc in documents:
        data = _mapping(doc)
        axe, objectif = data.get("axe"), data.get("objectif")
        if axe in axes and isinstance(objectif, str):
            codes = [o["code"] for o in axes[axe].get("objectifs", [])]
            if objectif not in codes:
                problems.append(Problem(doc.name, doc.line_of(["objectif"]), "objectif",
                                        f"l'objectif « {objectif} » n'appartient pas à l'axe « {axe} » ; "
                                        f"objectifs de cet axe : {', '.join(codes)}"))
    return problems


def _ids(root: Path, collection: str, key: str) -> list:
    """Ids of a collection's records, from their file names: known even when a file fails to parse, so
    one broken record does not also break every reference to it."""
    pattern, _schema, digits = COLLECTIONS[collection]
    ids = []
    for path in sorted(root.glob(pattern)):
        number, _, slug = path.stem.partition("-") if digits else ("", "", path.stem)
        ids.append(int(number) if key == "numero" and number.isdigit() else slug)
    return ids


def _vocabularies(root: Path, vocab: dict, documents: dict) -> dict[str, list]:
    """Allowed values of every `x-vocabulaire`, read from the data itself."""
    vocabularies = {name: list(values) for name, values in vocab.items()}
    vocabularies["objectifs"] = [o.get("code") for axe in vocab.get("axes", {}).values()
                                 if isinstance(axe, dict) for o in axe.get("objectifs", []) if isinstance(o, dict)]
    vocabularies["organisations"] = list(_mapping(documents["organisations"]))
    vocabularies["epci"] = _ids(root, "epci", "slug")
    vocabularies["fiches"] = _ids(root, "actions", "numero")
    return vocabularies


def load(root: Path) -> Catalog:
    """Read and validate every data file under `root`; raise `DataErrors` listing all problems."""
    root = Path(root)
    schemas = Schemas(root)
    if schemas.problems:  # without every schema, no data file can be checked
        raise DataErrors(schemas.problems)
    problems: list[Problem] = []

    vocab_docs, found = _load_all(root, f"{VOCABULARY_DIR.as_posix()}/*.yml")
    problems += found
    documents = {}
    for name, (path, _schema) in DOCUMENTS.items():
        if not (root / path).exists():
            problems.append(Problem(path, None, "", "fichier manquant"))
            documents[name] = None
            continue
        documents[name], found = loader.load(root / path, root)
        problems += found
    collections = {}
    for name, (pattern, _schema, _digits) in COLLECTIONS.items():
        collections[name], found = _load_all(root, pattern)
        problems += found

    vocab = {Path(d.name).stem: _mapping(d) for d in vocab_docs}
    vocabularies = _vocabularies(root, vocab, documents)
    missing = schemas.vocabulary_names() - set(vocabularies)
    problems += [Problem("data/schemas", None, "", f"vocabulaire « {name} » introuvable : créez "
                         f"data/vocabulaires/{name}.yml") for name in sorted(missing)]
    vocabularies.update({name: [] for name in missing})
    validators = schemas.bind(vocabularies)

    for doc in vocab_docs:
        stem = Path(doc.name).stem
        problems += validators.validate(stem if stem in schemas.raw else "vocabulaire", doc)
    for name, (_path, schema) in DOCUMENTS.items():
        if documents[name] is not None:
            problems += validators.validate(schema, documents[name])
    for name, (_pattern, schema, digits) in COLLECTIONS.items():
        for doc in collections[name]:
            problems += validators.validate(schema, doc)
        problems += _check_collection(collections[name], digits)
    problems += _check_objectives(collections["actions"], vocab.get("axes", {}))

    if problems:
        raise DataErrors(problems)
    data = {name: _mapping(doc) for name, doc in documents.items()}
    catalog = _build(root, vocab, data["organisations"], data["redirections"], collections["actions"],
                     validators.schemas)
    catalog.diagnostic = diagnostic.build(catalog, collections, data)
    return catalog


def _build(root, vocab, organisations_data, redirections, documents, schemas) -> Catalog:
    """Cross-link validated data into the model."""
    organisations = {key: Organisation(key, value["nom"], value.get("sigle"), value.get("notes", []))
                     for key, value in organisations_data.items()}
    for key, value in organisations_data.items():
        if "rattachement" in value:
            organisations[key].rattachement = organisations[value["rattachement"]]
    axes, objectifs = [], {}
    for code, value in sorted(vocab["axes"].items(), key=lambda item: item[1]["numero"]):
        axe = Axe(code, value["numero"], value["nom"], value["introduction"])
        axe.objectifs = [Objectif(o["code"], o["intitule"], axe) for o in value["objectifs"]]
        objectifs.update({o.code: o for o in axe.objectifs})
        axes.append(axe)

    def mention(item: dict) -> Mention:
        org = organisations.get(item.get("organisation"))
        return Mention(org, item.get("texte"), item.get("precision"), item.get("groupe"))

    actions = []
    for doc in sorted(documents, key=lambda d: d.data["numero"]):
        data = doc.data
        partenaires = data["partenaires"]
        action = Action(
            numero=data["numero"], slug=data["slug"], file=doc.name, data=data,
            axe=next(a for a in axes if a.code == data["axe"]), objectif=objectifs[data["objectif"]],
            programme=vocab["programmes"][data["programme"]],
            porteurs=[mention(p) for p in data["porteurs"]],
            partenaires=[mention(p) for p in partenaires] if isinstance(partenaires, list) else None,
        )
        action.objectif.actions.append(action)
        for m in action.porteurs:
            m.organisation.porteur_de.append(action)
        for m in action.partenaires or []:
            if m.organisation and action not in m.organisation.partenaire_de:
                m.organisation.partenaire_de.append(action)
        actions.append(action)
    return Catalog(root, actions, axes, organisations, vocab, redirections, schemas)


def public_groups(actions: list[Action]) -> list[tuple[str, list[Action]]]:
    """Fiches grouped by public cible, matching publics written alike (case aside), biggest groups first."""
    names: dict[str, str] = {}
    groups: dict[str, list[Action]] = {}
    for action in actions:
        for public in action.data["public_cible"]:
            key = public.strip().rstrip(".").casefold()
            names.setdefault(key, public.strip().rstrip("."))
            if action not in groups.setdefault(key, []):
                groups[key].append(action)
    counts = Counter({key: len(value) for key, value in groups.items()})
    return [(names[key], groups[key]) for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


_cache: dict[Path, tuple[tuple, Catalog]] = {}
DATA_GLOBS = ("data/**/*.yml", "actions/*.yml", "diagnostic/**/*.yml")


def cached(root: Path) -> Catalog:
    """`load`, reused while no data file changed (the hook and the macros both need it each build)."""
    root = Path(root).resolve()
    stamp = tuple(sorted((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                         for pattern in DATA_GLOBS for p in root.glob(pattern)))
    if root not in _cache or _cache[root][0] != stamp:
        _cache[root] = (stamp, load(root))
    return _cache[root][1]
