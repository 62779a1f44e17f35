"""Is the site ready to go online? What the law asks the legal notice and the accessibility statement to
say, the site's public address, a confirmed repository and a full git history (`python -m roadmap_site check
--publication`, make verifier-publication, run by the deployment workflow before it publishes).

The values are the publisher's (`extra.editeur` of mkdocs.yml): this module only says which are missing,
where and why, and never supplies one. mkdocs.yml is read as plain YAML, composed into nodes (their lines
kept) and never constructed as a whole: a tag MkDocs or a plugin understands (`!!python/name:…`, `!ENV`)
builds nothing here, and reads as no value.

Not with roadmap_site.read, the reader of the data files: mkdocs.yml is MkDocs' file, and this check must see
the values MkDocs will hand the site. MkDocs reads it with PyYAML (YAML 1.1: `confirme: yes` is true), accepts
tags and keeps the last of duplicate keys; roadmap_site.read refuses all three.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .history import run_git
from .problems import Problem

CONFIG = "mkdocs.yml"

LCEN = "mentions légales, loi n° 2004-575 du 21 juin 2004, article 6"
# (setting, what it holds, why it is required), in the order of mkdocs.yml.
REQUIRED = (
    ("site_url", "l'adresse publique définitive du site (https://…)",
     "adresses canoniques, plan du site, liens des flux et des citations"),
    ("extra.editeur.adresse", "l'adresse postale du siège de l'éditeur", LCEN),
    ("extra.editeur.telephone", "le numéro de téléphone de l'éditeur", LCEN),
    ("extra.editeur.courriel", "l'adresse électronique de contact de l'éditeur",
     "contact de la déclaration d'accessibilité, loi n° 2005-102 du 11 février 2005, article 47"),
    ("extra.editeur.directeur_publication", "le nom du directeur de la publication", LCEN),
    ("extra.editeur.hebergeur.nom", "le nom ou la raison sociale de l'hébergeur du site", LCEN),
    ("extra.editeur.hebergeur.adresse", "l'adresse de l'hébergeur du site", LCEN),
    ("extra.editeur.hebergeur.telephone", "le numéro de téléphone de l'hébergeur du site", LCEN),
    ("extra.depot.adresse", "l'adresse du dépôt du site", "guide du contributeur et liens « Modifier cette page »"),
    ("extra.depot.modifier", "l'adresse des liens « Modifier cette page » (adresse du dépôt + /edit/ + branche)",
     "liens « Modifier cette page »"),
)
CONFIRMED = "extra.depot.confirme"
TIMEOUT = 60  # seconds git may take to say whether the history is complete

GIT_PROBLEMS = {
    "no_git": "git n'est pas installé : installez-le (apt-get install git), puis relancez depuis un clone "
              "complet du dépôt",
    "not_repo": "ce dossier n'est pas un dépôt git (archive ou copie des fichiers) : publiez depuis un clone "
                "complet du dépôt (git clone, sans --depth)",
    "unsafe": "git refuse de lire ce dépôt, qui appartient à un autre utilisateur : lancez « git config "
              "--global --add safe.directory <dossier du dépôt> », puis relancez",
    "shallow": "le dépôt a été cloné sans tout son historique (clone superficiel) : les flux des "
               "changements seraient vides ou incomplets. Lancez « git fetch --unshallow » ; dans le "
               "workflow, écrivez « fetch-depth: 0 » sous « with: » de l'étape actions/checkout",
    "timeout": "git n'a pas répondu en une minute et a été arrêté : lancez « git status » dans ce dossier pour "
               "voir ce qui le bloque, puis relancez",
    "git_error": "git n'a pas pu dire si l'historique est complet : lancez « git status » dans ce dossier pour "
                 "voir ce qui ne va pas, puis relancez",
}


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


class _Loader(_SafeLoader):
    """PyYAML's safe loader, which builds a value of an unknown tag as nothing instead of raising."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def repository_confirmed(depot: Mapping | None) -> bool:
    """The repository's address is confirmed by the publisher (`extra.depot.confirme: true`), and edit
    links may point to it."""
    return depot is not None and depot.get("confirme") is True and bool(str(depot.get("modifier") or "").strip())


def problems(root: Path) -> list[Problem]:
    """Everything still missing before the site under `root` may go online, one problem per item."""
    return _settings_problems(Path(root)) + _history_problems(Path(root))


def _settings_problems(root: Path) -> list[Problem]:
    try:
        node = yaml.compose((root / CONFIG).read_text(encoding="utf-8"), Loader=_Loader)
    except OSError:
        return [Problem(CONFIG, None, "", "fichier introuvable : lancez la commande à la racine du projet")]
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(CONFIG, mark.line + 1 if mark else None, "", "fichier illisible : corrigez d'abord ce que "
                        "make build signale")]
    name = str(_setting(node, "extra.editeur.nom")[0] or "").strip()
    publisher = f"l'éditeur du site ({name})" if name else "l'éditeur du site"
    out = []
    for key, what, why in REQUIRED:
        value, line = _setting(node, key)
        if not str(value or "").strip():
            out.append(Problem(CONFIG, line, key, f"à renseigner avant la mise en ligne : {what} ({why}). Écrivez "
                               f"la valeur que fournit {publisher}, entre guillemets ; ne l'inventez jamais"))
    value, line = _setting(node, CONFIRMED)
    if value is not True:
        out.append(Problem(CONFIG, line, CONFIRMED, "l'adresse du dépôt (extra.depot.adresse) n'est pas confirmée : "
                           "les pages n'ont pas de lien « Modifier cette page » tant qu'elle ne l'est pas. Quand "
                           f"{publisher} l'a confirmée, corrigez-la si besoin, ainsi que extra.depot.modifier, "
                           "et écrivez « confirme: true »"))
    return out


def _setting(node, key: str) -> tuple[Any, int | None]:
    """The value at a dotted path of the composed file (None when absent or of an unknown tag) and the line
    of its key, or of its nearest parent's key present in the file."""
    line = None
    for part in key.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None, line
        # The last of duplicate keys, as MkDocs reads them.
        entry = next(((k, v) for k, v in reversed(node.value) if isinstance(k, yaml.ScalarNode) and k.value == part),
                     None)
        if entry is None:
            return None, line
        line, node = entry[0].start_mark.line + 1, entry[1]
    return _Loader("").construct_object(node, deep=True), line


def _history_problems(root: Path) -> list[Problem]:
    state = history_state(root)
    return [] if state is None else [Problem("historique git", None, "", GIT_PROBLEMS[state])]


def history_state(root: Path) -> str | None:
    """Why the git history under `root` is not complete (a key of GIT_PROBLEMS), or None when it is."""
    git = shutil.which("git")
    if git is None:
        return "no_git"
    try:
        probe = run_git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", git=git, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "timeout"
    except (OSError, subprocess.SubprocessError):
        return "git_error"
    if probe.returncode != 0:
        return "unsafe" if b"dubious ownership" in probe.stderr else "not_repo"
    answers = os.fsdecode(probe.stdout).split()
    if answers[:1] != ["true"]:
        return "not_repo"
    return {"true": "shallow", "false": None}.get(answers[1] if len(answers) == 2 else "", "git_error")
