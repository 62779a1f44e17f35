"""What a roadmap is made of: the data files the engine reads, each with the schema that validates it.

This is the format every roadmap of the kind shares (fiches, vocabularies, an organisation registry, an
optional territorial diagnostic); the content of each roadmap is in its own files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .read import Document, read_all, read_file

VOCABULARY_DIR = "data/vocabulaires"


@dataclass(frozen=True)
class Collection:
    """A folder of records of one kind; `digits`: width of the <numero>- prefix of file names (0: the file
    is named <slug>.yml)."""

    pattern: str
    schema: str
    digits: int


@dataclass(frozen=True)
class Single:
    """A one-file document; an optional one may be absent (a roadmap without a diagnostic part)."""

    path: str
    schema: str
    required: bool


COLLECTIONS = {
    "actions": Collection("actions/*.yml", "action", 2),
    "epci": Collection("diagnostic/epci/*.yml", "epci", 2),
    "enjeux": Collection("diagnostic/enjeux/*.yml", "enjeu", 1),
    "actions_locales": Collection("diagnostic/actions-locales/*.yml", "action-locale", 0),
    # Follow-up of the roadmap (engine.suivi), optional: living data beside the fiches.
    "deliberations": Collection("deliberations/*.yml", "deliberation", 0),
    "suivi": Collection("suivi/*.yml", "suivi", 0),
    "budget": Collection("budget/*.yml", "budget", 0),
}
DOCUMENTS = {
    "feuille_de_route": Single("data/feuille-de-route.yml", "feuille-de-route", True),
    "organisations": Single("data/organisations.yml", "organisations", True),
    "redirections": Single("data/redirections.yml", "redirections", True),
    "contexte": Single("diagnostic/contexte.yml", "contexte", False),
    "accompagnements": Single("diagnostic/accompagnements.yml", "accompagnements", False),
    "acteurs": Single("diagnostic/acteurs.yml", "acteurs", False),
    "numerique_responsable": Single("diagnostic/numerique-responsable.yml", "numerique-responsable", False),
    "outils": Single("diagnostic/outils.yml", "outils", False),
}
REQUIRED_VOCABULARIES = ("axes", "programmes", "bases")


@dataclass
class Sources:
    """Every data file of a roadmap, parsed (a file that failed to parse is absent)."""

    vocabularies: dict[str, Document] = field(default_factory=dict)
    documents: dict[str, Document | None] = field(default_factory=dict)
    collections: dict[str, list[Document]] = field(default_factory=dict)

    def data(self, name: str):
        """The values of a one-file document, or None when it is absent."""
        document = self.documents.get(name)
        return document.data if document is not None else None

    def vocabulary(self, name: str) -> dict:
        document = self.vocabularies.get(name)
        return document.data if document is not None and isinstance(document.data, dict) else {}


def read_sources(root: Path) -> tuple[Sources, list[Problem]]:
    sources = Sources()
    documents, problems = read_all(root, f"{VOCABULARY_DIR}/*.yml")
    sources.vocabularies = {Path(d.name).stem: d for d in documents}
    for name in REQUIRED_VOCABULARIES:
        if not (root / VOCABULARY_DIR / f"{name}.yml").exists():
            problems.append(Problem(f"{VOCABULARY_DIR}/{name}.yml", None, "",
                                    "fichier manquant : toute feuille de route a ce vocabulaire"))
    for name, single in DOCUMENTS.items():
        sources.documents[name] = None
        if not (root / single.path).exists():
            if single.required:
                problems.append(Problem(single.path, None, "", "fichier manquant"))
            continue
        sources.documents[name], found = read_file(root / single.path, root)
        problems += found
    for name, collection in COLLECTIONS.items():
        sources.collections[name], found = read_all(root, collection.pattern)
        problems += found
    return sources, problems
