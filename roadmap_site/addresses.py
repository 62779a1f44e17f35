"""Published addresses: partners print and link the site's URLs, so no public address may ever vanish.
A file of docs/ may not take the address of an open data file either (the build writes the latter), nor be
a compressed copy (a server would send it in place of the page it claims to copy).

data/adresses-publiees.txt lists every address the site has published. At check time (`make check` and
every build alike) the engine computes what the site will serve — generated pages, the hand-written pages
of docs/, short links, redirections — and refuses a listed address that would vanish, naming the line to
add to data/redirections.yml; a redirection must lead to a page and must not take the place of a page, a
file or another rule (roadmap_site.pages.redirection_problems; the form of an address: roadmap_site.address).

A new address is not an error: staff who add a fiche from the forge's web interface cannot run a command.
`python -m roadmap_site adresses` appends the new ones; the publication workflow runs it on main and commits the
list, and `make nouvelle-fiche` does it at once. Without the list (a new roadmap), nothing is enforced.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from . import baseline, exports
from .address import docs_page, fault, is_file, public
from .model import Roadmap
from .pages import page_specs, redirection_problems, redirections
from .problems import Problem

MANIFEST = "data/adresses-publiees.txt"
REDIRECTIONS = "data/redirections.yml"
DOCS = "docs"  # the hand-written pages of a roadmap
PLACEHOLDER = "adresse/de/la/page/qui/la/remplace/"


def docs_files(root: Path) -> list[Path]:
    """Every file of docs/, relative to it, in name order; hidden ones (".git…") are not part of the site."""
    docs = root / DOCS
    files = sorted(path.relative_to(docs) for path in docs.rglob("*") if path.is_file()) if docs.is_dir() else []
    return [relative for relative in files if not any(part.startswith(".") for part in relative.parts)]


def handwritten(root: Path) -> dict[str, str]:
    """Address of each hand-written page ("feuille-de-route/methode/", "" for the home page) → its file,
    (roadmap_site.address.docs_page)."""
    return {docs_page(relative.as_posix()): f"{DOCS}/{relative.as_posix()}" for relative in docs_files(root)
            if relative.suffix == ".md"}


def _static_files(root: Path) -> set[str]:
    """Addresses of the files of docs/ that are not pages (images, documents), as the site serves them."""
    return {relative.as_posix() for relative in docs_files(root) if relative.suffix != ".md"}


def pages(roadmap: Roadmap) -> set[str]:
    """Every page address of the site, without the leading slash."""
    return {spec.url for spec in page_specs(roadmap)} | set(handwritten(roadmap.root))


def served(roadmap: Roadmap) -> set[str]:
    """Every public address the site will serve, as the list writes them: pages and redirections
    ("/actions/x/") and open data files ("/donnees/actions.csv")."""
    return {public(url) for url in pages(roadmap) | {move.ancienne for move in redirections(roadmap)}
            | exports.addresses(roadmap)}


def _well_formed(listed: str) -> bool:
    """A page ("/actions/x/") or a file ("/donnees/actions.csv"), in the one form of roadmap_site.address."""
    text = listed.removeprefix("/")
    return listed.startswith("/") and (fault(text) is None if text.endswith("/") or not text else is_file(text))


def _beside_a_page(address: str, page_set: set[str]) -> bool:
    """Whether a file's page is still a page: a fiche's JSON and feed follow their page, so the page's
    redirection (moved fiche: the files at the old address too) or its message (retired fiche) covers them."""
    folder = posixpath.dirname(address).lstrip("/")
    return not folder or folder + "/" in page_set


def published(root: Path) -> list[tuple[int, str]] | None:
    """The listed addresses with their line; None when the roadmap keeps no list."""
    path = root / MANIFEST
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")]


def _replacement(address: str, new: set[str], page_set: set[str]) -> str:
    """The likely new address of a vanished one: the only new address beside it, else its nearest
    ancestor that is a page."""
    parent = posixpath.dirname(address.rstrip("/"))
    siblings = [a for a in new if posixpath.dirname(a.rstrip("/")) == parent]
    if len(siblings) == 1:
        return siblings[0].lstrip("/")
    while parent not in ("/", ""):
        if parent.lstrip("/") + "/" in page_set:
            return parent.lstrip("/") + "/"
        parent = posixpath.dirname(parent)
    return PLACEHOLDER


def problems(roadmap: Roadmap) -> list[Problem]:
    """Redirections that lead nowhere or take the place of a page, a file or another rule; hand-written pages
    at a generated page's address; listed addresses the site would no longer serve."""
    page_set = pages(roadmap)
    files = _static_files(roadmap.root) | exports.addresses(roadmap)
    found = redirection_problems(list(redirections(roadmap)), page_set.__contains__, files)
    generated = {spec.url for spec in page_specs(roadmap)}
    found += [Problem(source, None, "", f"cette page aurait l'adresse « {url} » d'une page produite à partir des "
                      "données, qui la remplacerait : renommez-la ou déplacez-la")
              for url, source in handwritten(roadmap.root).items() if url in generated]
    found += [Problem(f"{DOCS}/{address}", None, "", "ce fichier a l'adresse d'un fichier des données ouvertes, "
                      "que la construction écrit à sa place : renommez-le ou déplacez-le")
              for address in sorted(_static_files(roadmap.root) & exports.addresses(roadmap))]
    listed, removed = baseline.published(roadmap.root, MANIFEST, published(roadmap.root))  # the base's lines stay
    found += removed
    if listed is None:
        return found
    now = served(roadmap)
    new = now - {address for _, address in listed}
    found += [Problem(MANIFEST, number, "", f"« {address} » : une adresse de la liste commence par « / » et se "
                      "termine par « / » pour une page (ex. /actions/mon-slug/), par le nom du fichier pour un "
                      "fichier (ex. /donnees/actions.csv)")
              for number, address in listed if not _well_formed(address)]
    gone = [(number, address) for number, address in listed if _well_formed(address) and address not in now]
    found += [Problem(MANIFEST, number, "", f"le fichier publié « {address} » disparaîtrait du site : ses "
                      "réutilisateurs s'y fient, il doit rester publié à cette adresse")
              for number, address in gone if not address.endswith("/") and _beside_a_page(address, page_set)]
    vanished = [(number, address) for number, address in gone if address.endswith("/")]
    targets = {address: _replacement(address, new, page_set) for _, address in vanished}
    found_targets = [t for t in targets.values() if t != PLACEHOLDER]
    for number, address in vanished:
        target = targets[address]
        if target == PLACEHOLDER and len(set(found_targets)) == 1:
            target = found_targets[0]  # a retired fiche's short link goes where its page goes
        where = "" if target != PLACEHOLDER else " (remplacez la fin par l'adresse de la page qui la remplace)"
        found.append(Problem(MANIFEST, number, "", (
            f"l'adresse publiée « {address} » disparaîtrait du site : ajoutez dans {REDIRECTIONS} la ligne "
            f"« {address.lstrip('/')}: {target} »{where} ; ne retirez jamais une ligne de cette liste")))
    return found


def new_addresses(roadmap: Roadmap) -> list[str]:
    """Addresses the site will serve that the list does not hold yet."""
    listed = published(roadmap.root)
    known = {address for _, address in listed or []}
    return sorted(served(roadmap) - known)


def record(roadmap: Roadmap) -> list[str]:
    """Append the new addresses to the list (created if absent); return them."""
    added = new_addresses(roadmap)
    path = roadmap.root / MANIFEST
    if added:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        with path.open("a", encoding="utf-8") as out:
            out.write(("" if not text or text.endswith("\n") else "\n") + "".join(f"{a}\n" for a in added))
    return added

