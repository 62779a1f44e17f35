"""A new fiche from the commented template (modeles/fiche.yml): the next number, a slug made from the
title, the axis and title filled in; what remains to write is marked « À compléter », what to check
« À vérifier », and `make check` lists both until they are gone."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Roadmap
from .slug import slug as make_slug
from .sources import COLLECTIONS

TEMPLATE = "modeles/fiche.yml"
TO_WRITE, TO_CHECK = "À compléter (", "# À vérifier :"  # a text to write; a comment above a value to check
_BANNER = re.compile(r"^# =+\n.*?^# =+\n", re.M | re.S)
CREATED = ("# Fiche créée à partir de modeles/fiche.yml ; le guide du contributeur (page « Contribuer » du site)\n"
           "# explique chaque champ.\n")
_SMALL_WORDS = {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une", "pour",
                "sur", "dans", "par", "avec"}
SLUG_MAX = 60


class ScaffoldError(Exception):
    """A request that cannot make a valid fiche; the message says what to give instead."""


@dataclass(frozen=True)
class Created:
    path: Path
    numero: int
    slug: str
    objectifs: tuple[str, ...]
    programmes: tuple[str, ...]


def _set(text: str, key: str, value: str) -> str:
    """Replace the value of the top-level field `key` in the template's text."""
    pattern = re.compile(rf"^{key}: .*$", re.M)
    if not pattern.search(text):
        raise ScaffoldError(f"{TEMPLATE} : le champ « {key} » manque au modèle")
    return pattern.sub(lambda _: f"{key}: {value}", text, count=1)


def create(roadmap: Roadmap, titre: str, axe: str, objectif: str | None = None,
           programme: str | None = None) -> Created:
    """Write actions/NN-slug.yml from the template; raise ScaffoldError with a French message."""
    root = roadmap.root
    titre = " ".join(titre.split())
    if len(titre) < 5:
        raise ScaffoldError("donnez l'intitulé de la fiche : make nouvelle-fiche TITRE=\"Intitulé de l'action\" AXE=…")
    axes = {a.code: a for a in roadmap.axes}
    if axe not in axes:
        raise ScaffoldError(f"axe « {axe} » inconnu ; axes possibles : {', '.join(axes)}")
    codes = tuple(o.code for o in axes[axe].objectifs)
    objectif = objectif or codes[0]
    if objectif not in codes:
        raise ScaffoldError(f"objectif « {objectif} » inconnu pour l'axe {axe} ; objectifs possibles : "
                            f"{', '.join(codes)}")
    programmes = tuple(roadmap.programmes)
    programme = programme or programmes[0]
    if programme not in programmes:
        raise ScaffoldError(f"programme « {programme} » inconnu ; programmes possibles : {', '.join(programmes)}")
    slug = make_slug(titre, _SMALL_WORDS, SLUG_MAX)  # « Former et outiller les aidants » → former-outiller-aidants
    if not slug:
        raise ScaffoldError("l'intitulé ne donne pas d'adresse : écrivez-le avec des lettres")
    if any(a.slug == slug for a in roadmap.actions):
        raise ScaffoldError(f"une fiche a déjà le slug « {slug} » : choisissez un autre intitulé")
    numero = max((a.numero for a in roadmap.actions), default=0) + 1
    template = root / TEMPLATE
    if not template.is_file():
        raise ScaffoldError(f"modèle introuvable : {TEMPLATE}")
    text = _BANNER.sub(CREATED, template.read_text(encoding="utf-8"), count=1)
    for key, value in (("numero", str(numero)), ("slug", slug), ("programme", programme), ("axe", axe),
                       ("objectif", json.dumps(objectif)), ("intitule", json.dumps(titre, ensure_ascii=False))):
        text = _set(text, key, value)
    text = re.sub(r"^(porteurs:\n  - organisation: ).*$", lambda m: m.group(1) + roadmap.identite.porteur.id,
                  text, count=1, flags=re.M)
    digits = COLLECTIONS["actions"].digits
    path = root / COLLECTIONS["actions"].folder / f"{numero:0{digits}d}-{slug}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} existe déjà")
    path.write_text(text, encoding="utf-8")
    return Created(path, numero, slug, codes, programmes)


def reminders(root: Path) -> list[tuple[str, int, int]]:
    """Fiches that still hold « À compléter » texts or « À vérifier » marks: (file, texts, marks)."""
    found = []
    folder = COLLECTIONS["actions"].folder
    for path in sorted((root / folder).glob("*.yml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        texts, marks = text.count(TO_WRITE), text.count(TO_CHECK)
        if texts or marks:
            found.append((path.relative_to(root).as_posix(), texts, marks))
    return found
