"""Where the open data files live on the site: the only place that decides their addresses, which the
« Données ouvertes » page documents and which must never change once published."""

from __future__ import annotations

from ..model import Action

FOLDER = "donnees/"
PACKAGE = FOLDER + "datapackage.json"
ROADMAP = FOLDER + "feuille-de-route.json"
FEED = FOLDER + "modifications.atom"
SCHEMAS = FOLDER + "schemas/"


def table(name: str) -> str:
    return f"{FOLDER}{name}.csv"


def schema(name: str) -> str:
    return f"{SCHEMAS}{name}.schema.json"


def fiche_json(action: Action) -> str:
    """Next to the fiche's page: the page's address and the file's go together."""
    return f"{action.url}fiche.json"


def fiche_feed(action: Action) -> str:
    return f"{action.url}modifications.atom"
