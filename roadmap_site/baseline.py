"""What the base branch has already published, which a change may not take back.

`make check` and every build compare the working tree with the base branch (`origin/main`, else `main`),
as it stood where the current branch left it (their merge base: a branch behind main is not blamed for
what main added since):

- a line of data/adresses-publiees.txt stays: a removed line, an emptied or deleted list is refused, and
  the base's lines are checked as if they were still there (roadmap_site.addresses then names the redirection
  line to add for an address that would vanish);
- a fiche keeps its number: partners link /fiches/N/, and the follow-up, the budget and the deliberations
  cite fiches by number, so a renumbered or swapped fiche would silently hand its history to another. It
  is refused with one message, before any other check (every reference to it would otherwise be reported);
- a fiche of the adopted document (fiches 1 to `source.fiches` of data/feuille-de-route.yml), or one the
  base publishes, is never deleted: it stays, and its follow-up records the status « abandonnee ».

Without git, outside a repository, without either branch, or when git is slow, nothing is compared with
a base (never an error); the adopted fiches are still required.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .history import run_git
from .problems import Problem
from .read import read_file
from .sources import COLLECTIONS, DOCUMENTS, record_files, record_names

REFS = ("origin/main", "main")
TIMEOUT = 20  # seconds; a check never waits long on git
ACTIONS = COLLECTIONS["actions"]
_FICHE_FILE = re.compile(r"(\d+)-(.+)\.yml")


@dataclass(frozen=True)
class Base:
    """The base branch of the repository holding a roadmap: its name and the commit compared with."""

    root: Path
    ref: str  # "origin/main"
    commit: str  # the merge base of HEAD and `ref` (`ref` itself when HEAD has none)

    def text(self, path: str) -> str | None:
        """A file of the roadmap (path relative to its root) as the base holds it; None when absent."""
        done = git(self.root, "show", f"{self.commit}:./{path}")
        return done.stdout.decode("utf-8", errors="replace") if done is not None and done.returncode == 0 else None

    def names(self, folder: str) -> list[str]:
        """The names of the files of a folder of the roadmap in the base."""
        done = git(self.root, "ls-tree", "--name-only", self.commit, "--", f"{folder}/")
        if done is None or done.returncode != 0:
            return []
        return [line.rsplit("/", 1)[-1] for line in done.stdout.decode("utf-8", errors="replace").splitlines()]


def git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    """Run git in `root` (its output as bytes); None without git, or when it fails to run or times out."""
    try:
        return run_git(root, *args, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None


def base(root: Path) -> Base | None:
    """The base branch of the repository holding `root`, or None (no git, no repository, no such branch)."""
    root = Path(root)
    if not root.is_dir():
        return None
    for ref in REFS:
        found = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if found is None:
            return None
        if found.returncode == 0:
            fork = git(root, "merge-base", "HEAD", ref)
            commit = fork.stdout.decode().strip() if fork is not None and fork.returncode == 0 else ""
            return Base(root, ref, commit or found.stdout.decode().strip())
    return None


def _entries(text: str) -> list[str]:
    """The addresses a version of the list holds (blank lines and « # » comments aside)."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def published(root: Path, manifest: str, listed: list[tuple[int, str]] | None
              ) -> tuple[Sequence[tuple[int | None, str]] | None, list[Problem]]:
    """The list of published addresses to enforce — the working tree's (`listed`, with line numbers, read
    from the file `manifest`) plus every line the base lists that it lost (line None) — and a problem for
    each lost line."""
    found = base(root)
    text = found.text(manifest) if found is not None else None
    if found is None or text is None:
        return listed, []
    kept = {address for _, address in listed or []}
    lost = [address for address in dict.fromkeys(_entries(text)) if address not in kept]
    if not lost:
        return listed, []
    where = f"la version de {found.ref}"
    if not listed:
        state = "supprimé" if listed is None else "vidé"
        problems = [Problem(manifest, None, "", (
            f"ce fichier a été {state} : {where} liste {len(lost)} adresse{'s' if len(lost) > 1 else ''} "
            f"publiée{'s' if len(lost) > 1 else ''}, qui le restent ; remettez le fichier tel qu'il est dans cette "
            "version (on y ajoute des lignes, on n'en retire jamais)"))]
    else:
        problems = [Problem(manifest, None, "", (
            f"la ligne « {address} », présente dans {where}, a été retirée : remettez-la ; une adresse publiée "
            "le reste (si la page change d'adresse, c'est data/redirections.yml qui le dit)"))
            for address in lost]
    return list(listed or []) + [(None, address) for address in lost], problems


@dataclass(frozen=True)
class _Fiche:
    """A file of actions/ as far as its identity goes, read leniently (the full check comes after)."""

    name: str  # actions/03-slug.yml
    numero: int | None  # the file's `numero`, else the number its name starts with
    slug: str | None
    line: int
    named: int | None  # the number its name starts with


def _current(root: Path) -> list[_Fiche]:
    paths, _ = record_files(root, ACTIONS.folder, ACTIONS.form)
    fiches = []
    for path in paths:
        document, _ = read_file(path, root)
        data = document.data if document is not None and isinstance(document.data, dict) else {}
        named = _FICHE_FILE.fullmatch(path.name)
        numero, slug = data.get("numero"), data.get("slug")
        if not isinstance(numero, int) or isinstance(numero, bool):
            numero = int(named.group(1)) if named else None
        if not isinstance(slug, str):
            slug = named.group(2) if named else None
        line = document.line_of(["numero"]) if document is not None and "numero" in data else 1
        fiches.append(_Fiche(f"{ACTIONS.folder}/{path.name}", numero, slug, line or 1,
                             int(named.group(1)) if named else None))
    return fiches


def _adopted(root: Path) -> int:
    """How many fiches the adopted document has (data/feuille-de-route.yml, source.fiches); 0 if unknown."""
    path = root / DOCUMENTS["feuille_de_route"].path
    document, _ = read_file(path, root) if path.is_file() else (None, [])
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    count = data.get("source", {}).get("fiches") if isinstance(data.get("source"), dict) else None
    return count if isinstance(count, int) and not isinstance(count, bool) and 0 < count < 10_000 else 0


def fiche_problems(root: Path) -> list[Problem]:
    """A renumbered or swapped fiche (one message for all of them), a deleted fiche of the adopted document
    or of the base (one message each)."""
    root = Path(root)
    current = _current(root)
    found = base(root)
    before: dict[int, str] = {}  # number → slug, as the base's file names say
    for name in found.names(ACTIONS.folder) if found is not None else []:
        named = _FICHE_FILE.fullmatch(name)
        if named:
            before[int(named.group(1))] = named.group(2)
    where = found.ref if found is not None else ""  # named only for what the base lists
    problems = []
    moved = [(fiche, numero) for numero, slug in sorted(before.items()) for fiche in current
             if fiche.slug == slug and fiche.numero != numero
             and not any(other.slug == slug and other.numero == numero for other in current)]
    if moved:
        changes = " ; ".join(f"« {fiche.slug} » n°{numero} → n°{fiche.numero}" for fiche, numero in moved)
        fix = " ; ".join(f"{fiche.name} : « numero: {numero} », fichier "
                         f"{ACTIONS.folder}/{numero:0{ACTIONS.digits}d}-{fiche.slug}.yml" for fiche, numero in moved)
        first = moved[0][0]
        problems.append(Problem(first.name, first.line, "numero", (
            f"numéro de fiche changé par rapport à {where} ({changes}) : le numéro d'une fiche publiée ne "
            "change jamais, car le lien /fiches/N/, le suivi, le budget et les délibérations citent les fiches "
            f"par leur numéro ; remettez {fix} (une nouvelle fiche prend le numéro qui suit le plus grand)")))
    present = {fiche.numero for fiche in current} | {fiche.named for fiche in current}  # a file is not deleted
    # nor one the check refuses for its name (hidden, `.yaml`…), under the name it should have: its one message
    present |= {int(named.group(1)) for name in record_names(root, ACTIONS.folder, ACTIONS.form)
                if (named := _FICHE_FILE.fullmatch(name))}
    renumbered = {numero for _, numero in moved}
    adopted = _adopted(root)
    for numero in sorted((set(range(1, adopted + 1)) | set(before)) - present - renumbered):
        slug = before.get(numero)
        name = f"{ACTIONS.folder}/{numero:0{ACTIONS.digits}d}-{slug}.yml" if slug else f"{ACTIONS.folder}/"
        why = "elle fait partie du document adopté" if numero <= adopted else f"elle est publiée dans {where}"
        problems.append(Problem(name, None, "", (
            f"fiche n°{numero} supprimée : {why} et reste sur le site, avec son numéro ; remettez son fichier. "
            f"Pour dire qu'elle ne sera pas menée, ajoutez à son suivi (suivi/, « fiche: {numero} ») un statut "
            "« abandonnee », daté et cité dans une délibération")))
    return problems
