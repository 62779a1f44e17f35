"""What a roadmap is made of: the data files the engine reads, each with the schema that validates it.

This is the format every roadmap of the kind shares (fiches, vocabularies, an organisation registry, an
optional territorial diagnostic); the content of each roadmap is in its own files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .problems import Problem, number_order
from .read import Document, read_file, read_paths

VOCABULARY_DIR = "data/vocabulaires"


@dataclass(frozen=True)
class Collection:
    """A folder of records of one kind; `digits`: width of the <numero>- prefix of file names (0: the file
    is named <slug>.yml)."""

    pattern: str
    schema: str
    digits: int

    @property
    def folder(self) -> str:
        return self.pattern.rsplit("/", 1)[0]

    @property
    def form(self) -> str:
        """How a file of the collection is named, for messages."""
        return {2: "NN-slug.yml", 1: "N-slug.yml"}.get(self.digits, "slug.yml")


@dataclass(frozen=True)
class Single:
    """A one-file document; an optional one may be absent (a roadmap without a diagnostic part).
    `empty`: the value of a file with no data (comments only), when that is allowed."""

    path: str
    schema: str
    required: bool
    empty: Any = None


COLLECTIONS = {
    "actions": Collection("actions/*.yml", "action", 2),
    "epci": Collection("diagnostic/epci/*.yml", "epci", 2),
    "enjeux": Collection("diagnostic/enjeux/*.yml", "enjeu", 1),
    "actions_locales": Collection("diagnostic/actions-locales/*.yml", "action-locale", 0),
    # Follow-up of the roadmap (roadmap_site.suivi), optional: living data beside the fiches.
    "deliberations": Collection("deliberations/*.yml", "deliberation", 0),
    "suivi": Collection("suivi/*.yml", "suivi", 0),
    "budget": Collection("budget/*.yml", "budget", 0),
}
DOCUMENTS = {
    "feuille_de_route": Single("data/feuille-de-route.yml", "feuille-de-route", True),
    "organisations": Single("data/organisations.yml", "organisations", True),
    "redirections": Single("data/redirections.yml", "redirections", True, empty={}),
    "contexte": Single("diagnostic/contexte.yml", "contexte", False),
    "accompagnements": Single("diagnostic/accompagnements.yml", "accompagnements", False),
    "acteurs": Single("diagnostic/acteurs.yml", "acteurs", False),
    "numerique_responsable": Single("diagnostic/numerique-responsable.yml", "numerique-responsable", False),
    "outils": Single("diagnostic/outils.yml", "outils", False),
}
REQUIRED_VOCABULARIES = ("axes", "programmes", "bases")
# The `x-vocabulaire` lists whose values name records (an organisation of the registry, a file of a
# collection), not codes: a value missing from them names a record that does not exist or no longer does,
# and the closest existing record is never offered in its place.
RECORD_VOCABULARIES = frozenset({"organisations", "epci", "fiches", "deliberations"})


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

    def named(self, name: str) -> Document:
        """The document of a collection's file, by its name (« actions/01-….yml »)."""
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Document]:
        return {document.name: document for documents in self.collections.values() for document in documents}


_BACKUP = re.compile(r".*(~|\.bak|\.orig|\.old|\.tmp|\.swp|\.swo)$|#.*#$|\.#.*", re.IGNORECASE)


def _intended(name: str) -> str | None:
    """The `.yml` name a data file saved under a name the engine does not read was meant to have (hidden,
    `.yaml`, `.YML`); None for a name that is right, or no data file's (a backup, a `.txt`)."""
    if _BACKUP.fullmatch(name) or not name.lower().endswith((".yml", ".yaml")):
        return None
    intended = name.lstrip(".").rsplit(".", 1)[0] + ".yml"
    return intended if intended != name else None


def _unread_name(name: str) -> str | None:
    """What is wrong with a name the engine never reads, in any data folder: an editor's backup, a hidden
    file (its name starts with a dot)."""
    if _BACKUP.fullmatch(name):
        return "copie de sauvegarde laissée par un éditeur de texte : supprimez-la"
    if name.startswith(".") and _intended(name):
        return (f"nom commençant par un point (fichier caché) : il ne serait pas lu ; renommez le fichier en "
                f"« {_intended(name)} »")
    if name.startswith("."):
        return "fichier caché (laissé par le système ou un logiciel) : il ne serait pas lu ; supprimez-le"
    return None


def _entry_problem(entry: os.DirEntry, folder: str, form: str) -> str | None:
    """What is wrong with an entry of a records folder; None for a regular `.yml` file."""
    name = entry.name
    if entry.is_symlink():
        return "lien symbolique : seuls les fichiers ordinaires sont lus ; remplacez-le par le fichier lui-même"
    if entry.is_dir():
        return (f"dossier inattendu : les fichiers vont directement dans {folder}/, nommés « {form} » ; "
                "déplacez-y ses fichiers, puis supprimez le dossier")
    if not entry.is_file():
        return "ce n'est pas un fichier ordinaire : supprimez-le"
    if name.endswith(".yml"):
        return None
    if _intended(name):
        return f"l'extension doit être « .yml » en minuscules : renommez le fichier en « {_intended(name)} »"
    return (f"fichier inattendu : {folder}/ ne contient que des fichiers « {form} » ; déplacez-le ailleurs ou "
            "supprimez-le")


def record_files(root: Path, folder: str, form: str) -> tuple[list[Path], list[Problem]]:
    """The regular `.yml` files of a records folder, and a problem for anything else in it, hidden files
    included: a record saved as `.yaml`, in a subfolder, under a name starting with a dot, would otherwise
    be silently left out, and a symbolic link could publish a file from outside the repository."""
    files, problems = [], []
    try:
        entries = sorted(os.scandir(root / folder), key=lambda entry: number_order(entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    except OSError as error:
        return [], [Problem(f"{folder}/", None, "", f"dossier illisible ({error.strerror})")]
    for entry in entries:
        message = _unread_name(entry.name) or _entry_problem(entry, folder, form)
        if message is None:
            files.append(Path(entry.path))
        else:
            problems.append(Problem(f"{folder}/{entry.name}", None, "", message))
    return files, problems


def record_names(root: Path, folder: str, form: str) -> list[str]:
    """The file names of a records folder's records, those refused only for their name (hidden, `.yaml`)
    under the name they should have: a reference to such a record is not reported as well (one mistake,
    one message)."""
    files, problems = record_files(root, folder, form)
    return [path.name for path in files] + [name for p in problems if (name := _intended(Path(p.file).name))]


def stray_documents(root: Path) -> list[Problem]:
    """Problems for a data file beside the one-file documents (data/, diagnostic/) that is none of them:
    `diagnostic/acteur.yml`, `data/.organisations.yml`, `data/organisations.yml.bak` would be silently left
    out. Only what looks like a data file is concerned (`.yml`, `.yaml`, a backup, a hidden file): other
    files there (data/adresses-publiees.txt) belong to other parts of the engine."""
    problems = []
    folders: dict[str, set[str]] = {}
    for single in DOCUMENTS.values():
        folder, name = single.path.rsplit("/", 1)
        folders.setdefault(folder, set()).add(name)
    for folder, names in folders.items():
        try:
            entries = sorted(os.scandir(root / folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            message = _unread_name(name)
            if not message and name not in names and name.lower().endswith((".yml", ".yaml")):
                message = (f"fichier inattendu, qui ne serait pas lu : les fichiers de données de {folder}/ sont "
                           f"{', '.join(sorted(names))} ; renommez-le ou supprimez-le")
            if message:
                problems.append(Problem(f"{folder}/{name}", None, "", message))
    return problems


def read_sources(root: Path) -> tuple[Sources, list[Problem]]:
    sources = Sources()
    paths, problems = record_files(root, VOCABULARY_DIR, "nom.yml")
    problems += stray_documents(root)
    documents, found = read_paths(paths, root)
    problems += found
    sources.vocabularies = {Path(d.name).stem: d for d in documents}
    for name in REQUIRED_VOCABULARIES:
        if not (root / VOCABULARY_DIR / f"{name}.yml").exists():
            problems.append(Problem(f"{VOCABULARY_DIR}/{name}.yml", None, "",
                                    "fichier manquant : toute feuille de route a ce vocabulaire"))
    for name, single in DOCUMENTS.items():
        sources.documents[name] = None
        if not os.path.lexists(root / single.path):
            if single.required:
                problems.append(Problem(single.path, None, "", "fichier manquant"))
            continue
        sources.documents[name], found = read_file(root / single.path, root, single.empty)
        problems += found
    for name, collection in COLLECTIONS.items():
        paths, found = record_files(root, collection.folder, collection.form)
        sources.collections[name], read = read_paths(paths, root)
        problems += found + read
    return sources, problems
