"""Every address of the site, decided and checked here: the pages of the records, the hand-written pages'
addresses the engine links to, the short links, the redirections, the open data files, the nginx rules and
the files the build writes all go through this module; no other module builds an address from its parts.

An address is relative to the site root and has one written form: "" for the home page, else lowercase
segments of `a-z0-9-` each followed by "/" ("actions/boucle-reconditionnement-solidaire/"). Nothing else
can become a folder of the site: no "." or ".." segment (a page outside the site, or over the home page), no
empty segment, no dot (a page over "sitemap.xml" or a data file), no space, no control character, no quote
(an nginx rule that stops the server). A file's address is a page address followed by a file name
("donnees/actions.csv"). Every file the build writes goes through `inside`, which refuses a path that would
resolve outside the site folder.

The rules, in order below: the form of an address and its checks; relative and public forms; the pages of
records and the short links; the hand-written pages the engine links to and the docs/ rule (MkDocs' with
directory URLs, which a test compares with MkDocs itself); the open data files. roadmap_site.addresses checks
that no published address vanishes; roadmap_site.publish writes the nginx rules and the glue the small
redirect pages, both from roadmap_site.pages.redirections and the rules here.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

SEGMENT = re.compile(r"[a-z0-9-]+")
FILE_NAME = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")  # "fiche.json", "action.schema.json"
BASE_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")  # where a host serves the site ("Mon-Projet")
RULE = "des segments en minuscules, chiffres et tirets, chacun suivi de « / » (ex. actions/ancien-slug/)"


class AddressError(ValueError):
    """An address the engine made itself is malformed: a defect of the engine, not of the data (the data's
    addresses are refused, with their file and line, before anything is built)."""


def _shown(text: str) -> str:
    """The text with every invisible or control character named (U+001B), never echoed raw."""
    return "".join(c if c.isprintable() and not c.isspace() or c == " " else f"U+{ord(c):04X}" for c in text)


def fault(text: object) -> str | None:
    """What is wrong with a page address, in French; None when it is one."""
    if not isinstance(text, str):
        return "une adresse est un texte"
    if text == "":
        return None
    if not text.endswith("/"):
        return f"« {_shown(text)} » ne se termine pas par « / » : attendu {RULE}"
    for segment in text[:-1].split("/"):
        if segment in ("", ".", ".."):
            what = "un segment vide (« // » ou « / » au début)" if not segment else f"le segment « {segment} »"
            return f"« {_shown(text)} » contient {what} : attendu {RULE}"
        if not SEGMENT.fullmatch(segment):
            odd = sorted({c for c in segment if not SEGMENT.fullmatch(c)})
            return (f"« {_shown(text)} » contient {', '.join('« ' + _shown(c) + ' »' for c in odd)} : "
                    f"attendu {RULE}")
    return None


def page(text: str) -> str:
    """`text`, a page address the engine made; AddressError when it is not one."""
    problem = fault(text)
    if problem is not None:
        raise AddressError(problem)
    return text


def file(folder: str, name: str) -> str:
    """The address of the file `name` in the page folder `folder` ("donnees/" + "actions.csv")."""
    if not FILE_NAME.fullmatch(name):
        raise AddressError(f"« {_shown(name)} » n'est pas un nom de fichier du site")
    return page(folder) + name


def is_file(text: str) -> bool:
    """Whether `text` is a file's address: a page folder and a file name ("donnees/actions.csv")."""
    folder, _, name = text.rpartition("/")
    return fault(folder + "/" if folder else "") is None and FILE_NAME.fullmatch(name) is not None


def ancestors(address: str) -> list[str]:
    """The path of each folder an address goes through, itself included without its "/" ("a/b/" → a, a/b)."""
    parts = address.rstrip("/").split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1) if parts[0]]


def base(site_url: str | None) -> str:
    """The path the site is served under, from its site_url: "/" or "/feuille-de-route/"; AddressError
    for a path that could not be written in a server rule or a link as it is."""
    path = urlsplit(site_url or "/").path or "/"
    segments = path.strip("/").split("/") if path.strip("/") else []
    bad = [s for s in segments if not BASE_SEGMENT.fullmatch(s) or s in (".", "..")]
    if bad or "//" in path:
        raise AddressError(f"site_url : le chemin « {_shown(path)} » ne peut pas être servi tel quel ; "
                           "écrivez des lettres, chiffres, « - », « _ » ou « . » entre les « / »")
    return "/" + "".join(s + "/" for s in segments)


def relative(target: str, page_url: str) -> str:
    """A site address ("actions/") as seen from the page at `page_url` ("axes/responsable/")."""
    found = posixpath.relpath("/" + target, posixpath.dirname("/" + page_url))
    return found + "/" if target.endswith("/") else found


def public(target: str, site_url: str | None = None) -> str:
    """A site address ("fiches/3/") as a reader or reuser can follow it from anywhere: absolute once the
    site's address is known, else from the root of the server ("/fiches/3/", the form of the list of published
    addresses)."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return "/" + target


# The pages of records: what partners print and link, never to change once published. Their parts were
# checked with the data (a slug, a code); a page specification checks the whole (roadmap_site.pages).
def fiche(slug: str) -> str:
    return f"actions/{slug}/"


def short_link(numero: int) -> str:
    """A fiche's short address, which follows the fiche when its slug changes (a temporary redirection)."""
    return f"fiches/{numero}/"


def redirect_status(old: str) -> int:
    """The HTTP status of the server's redirection from `old`: temporary (302) for a short link, whose target
    follows the fiche's address; permanent (301) for a page that moved."""
    return 302 if old.startswith("fiches/") else 301


def axe(code: str) -> str:
    return f"axes/{code}/"


def organisation(identifier: str) -> str:
    return f"organisations/{identifier}/"


def territoire(slug: str) -> str:
    return f"{TERRITOIRES}{slug}/"


def theme(slug: str) -> str:
    return f"{THEMES}{slug}/"


def deliberation(slug: str) -> str:
    return f"{DELIBERATIONS}{slug}/"


# The hand-written pages (docs/) the engine lists records under or links to: a roadmap writes them.
ACTIONS = "actions/"
TERRITOIRES = "diagnostic/epci/"
THEMES = "diagnostic/enjeux/"
ACTIONS_LOCALES = "diagnostic/actions-locales/"
SUIVI = "suivi/"
BUDGET = "suivi/budget/"
DELIBERATIONS = "deliberations/"
MENTIONS_LEGALES = "mentions-legales/"


def docs_page(path: str) -> str:
    """The address of the hand-written page at `path` in docs/ ("feuille-de-route/methode.md"), as MkDocs
    makes it with directory URLs: x.md → x/, d/index.md (or d/README.md) → d/, index.md → ""."""
    folder, _, name = path.removesuffix(".md").rpartition("/")
    if name in ("index", "README"):
        return folder + "/" if folder else ""
    return f"{folder}/{name}/" if folder else f"{name}/"


def index_file(page_address: str) -> str:
    """The file a server sends for a page address: its folder's index.html (a generated page or the small
    page written at an old address)."""
    return page(page_address) + "index.html"


def page_source(page_address: str) -> str:
    """A generated page's path among the site's source files ("actions/boucle…/index.md")."""
    return page_address + "index.md"


class OutsideSite(ValueError):
    """The build was about to write a file outside the site folder."""


def inside(site: Path, address: str) -> Path:
    """The path where the build writes the file at `address` of `site`, once its resolved form (links
    followed) is known to lie inside the site folder; OutsideSite otherwise."""
    root = Path(site).resolve()
    target = (root / address).resolve()
    if target == root or not target.is_relative_to(root):
        raise OutsideSite(f"la construction allait écrire « {_shown(address)} » hors du dossier du site "
                          f"{root} : rien n'a été écrit à cette adresse")
    return target


# The search's files: Pagefind's folder (its default name), which overrides/assets/javascripts/recherche.js loads.
SEARCH = "pagefind/"
SEARCH_SYNONYMS = file(SEARCH, "synonymes.json")

# The open data files (the « Données ouvertes » page documents them): each a page folder and a file name.
DATA = "donnees/"
DATA_SCHEMAS = DATA + "schemas/"
DATA_PACKAGE = file(DATA, "datapackage.json")
DATA_ROADMAP = file(DATA, "feuille-de-route.json")
DATA_FEED = file(DATA, "modifications.atom")


def data_table(name: str) -> str:
    return file(DATA, f"{name}.csv")


def data_schema(name: str) -> str:
    return file(DATA_SCHEMAS, f"{name}.schema.json")


def fiche_json(page_address: str) -> str:
    """Next to the fiche's page: the page's address and the file's go together."""
    return file(page_address, "fiche.json")


def fiche_feed(page_address: str) -> str:
    return file(page_address, "modifications.atom")


def beside(folder: str, address: str) -> str:
    """The address of the file `address` (beside a page) beside the page `folder` instead."""
    return file(folder, address.rsplit("/", 1)[1])
