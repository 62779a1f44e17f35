"""Where the open data files live on the site: the only place that decides their addresses, which the
« Données ouvertes » page documents and which must never change once published. Each is a page folder and
a file name, checked by roadmap_site.address."""

from __future__ import annotations

from ..address import file
from ..model import Action

FOLDER = "donnees/"
PACKAGE = file(FOLDER, "datapackage.json")
ROADMAP = file(FOLDER, "feuille-de-route.json")
FEED = file(FOLDER, "modifications.atom")
SCHEMAS = FOLDER + "schemas/"


def table(name: str) -> str:
    return file(FOLDER, f"{name}.csv")


def schema(name: str) -> str:
    return file(SCHEMAS, f"{name}.schema.json")


def fiche_json(action: Action) -> str:
    """Next to the fiche's page: the page's address and the file's go together."""
    return file(action.url, "fiche.json")


def fiche_feed(action: Action) -> str:
    return file(action.url, "modifications.atom")


def beside(folder: str, address: str) -> str:
    """The address of the file `address` (beside a page) beside the page `folder` instead."""
    return file(folder, address.rsplit("/", 1)[1])
