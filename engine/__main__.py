"""The engine's commands, in French for the staff who run them (see the Makefile):

    python -m engine check [dossier]        vérifie les données, sans construire le site (make check)
    python -m engine adresses [dossier]     ajoute les nouvelles adresses à data/adresses-publiees.txt
    python -m engine schemas [dossier]      réécrit schemas/*.schema.json et l'en-tête des fichiers de données
    python -m engine nouvelle-fiche         crée la fiche suivante à partir de modeles/fiche.yml, avec les
                                            variables TITRE, AXE et, si besoin, OBJECTIF et PROGRAMME
                                            (make nouvelle-fiche TITRE="Intitulé" AXE=solidaire)
    python -m engine compresser site        écrit les copies compressées (.gz, .br) que sert le serveur (make build)
    python -m engine changements [--base REF] [dossier]
                                            ce qui change pour les lecteurs entre REF (main par défaut) et les
                                            fichiers actuels, en Markdown (make changements BASE=origin/main)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import addresses, changements, editor, load, scaffold
from .model import Roadmap
from .problems import DataErrors
from .publish import precompress


SHOWN = 6  # new addresses listed by name


def _common_prefix(names: list[str]) -> int:
    """Words every name starts with (« Lot Numérique »), left out of the summary when something remains."""
    words = [name.split() for name in names]
    count = 0
    while len(names) > 1 and all(len(w) > count + 1 and w[count] == words[0][count] for w in words):
        count += 1
    return count


def summary(roadmap: Roadmap) -> list[str]:
    """A few lines computed from the data: what a valid tree holds."""
    names = [axe.nom for axe in roadmap.axes]
    skip = _common_prefix(names)
    per_axe = ", ".join(f"{len(axe.actions)} {' '.join(axe.nom.split()[skip:])}" for axe in roadmap.axes)
    lines = [f"{len(roadmap.actions)} fiches : {per_axe}"]
    others = [f"{len(roadmap.organisations)} organisations"]
    if roadmap.diagnostic is not None:
        others.append(f"{len(roadmap.diagnostic.territoires)} {roadmap.identite.territoires['pluriel']}")
    lines.append(", ".join(others))
    new = addresses.new_addresses(roadmap)
    if new and addresses.published(roadmap.root) is not None:
        shown = ", ".join(new[:SHOWN]) + (f" et {len(new) - SHOWN} autres" if len(new) > SHOWN else "")
        lines.append(f"Nouvelles adresses (elles seront ajoutées à {addresses.MANIFEST} à la publication) : {shown}")
    for name, texts, marks in scaffold.reminders(roadmap.root):
        todo = [f"{texts} texte{'s' if texts > 1 else ''} « À compléter »"] if texts else []
        todo += [f"{marks} valeur{'s' if marks > 1 else ''} « À vérifier »"] if marks else []
        lines.append(f"Reste à faire dans {name} : {' et '.join(todo)}")
    return lines


def _load(root: Path) -> Roadmap | None:
    try:
        return load(root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # each problem on its line of the pull request
            print("\n".join(problem.annotation() for problem in errors.problems), flush=True)
        return None


def check(root: Path) -> int:
    roadmap = _load(root)
    if roadmap is None:
        return 1
    print("Données valides.")
    print("\n".join(summary(roadmap)))
    return 0


def record_addresses(root: Path) -> int:
    roadmap = _load(root)
    if roadmap is None:
        return 1
    added = addresses.record(roadmap)
    print(f"{len(added)} adresse{'s' if len(added) > 1 else ''} ajoutée{'s' if len(added) > 1 else ''} "
          f"à {addresses.MANIFEST}" + "".join(f"\n  {a}" for a in added))
    return 0


def schemas(root: Path) -> int:
    if _load(root) is None:
        return 1
    changed = editor.generate(root)
    print(f"{len(changed)} fichier{'s' if len(changed) > 1 else ''} mis à jour" + "".join(f"\n  {c}" for c in changed))
    return 0


def new_fiche(root: Path, titre: str, axe: str, objectif: str = "", programme: str = "") -> int:
    roadmap = _load(root)
    if roadmap is None:
        print("Corrigez d'abord ces erreurs, puis relancez la commande.", file=sys.stderr)
        return 1
    try:
        created = scaffold.create(roadmap, titre, axe, objectif or None, programme or None)
    except scaffold.ScaffoldError as error:
        print(f"make nouvelle-fiche : {error}", file=sys.stderr)
        return 2
    name = created.path.relative_to(root).as_posix()
    print(f"Fiche n°{created.numero} créée : {name} (adresse /actions/{created.slug}/).\n"
          f"À faire maintenant, dans {name} :\n"
          "  - remplacez chaque texte qui commence par « À compléter » ;\n"
          f"  - vérifiez l'objectif (objectifs de l'axe {axe} : {', '.join(created.objectifs)}), le programme "
          f"({', '.join(created.programmes)}) et le porteur, puis supprimez les commentaires « À vérifier » ;\n"
          "  - lancez make check (il rappelle ce qui reste à compléter) et make serve pour voir la page.")
    return 0


def compress(site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"{site}/index.html introuvable : construisez d'abord le site (make build)", file=sys.stderr)
        return 1
    copies = precompress(site)
    print(f"{len(copies)} copies compressées écrites dans {site}.")
    return 0


def changes(args: list[str]) -> int:
    """`changements [--base REF] [dossier]`: the report on stdout (it is also the pull request's summary)."""
    ref = "main"
    if args[:1] == ["--base"] and len(args) >= 2:
        ref, args = args[1], args[2:]
    if len(args) > 1 or any(arg.startswith("-") for arg in args):
        print("usage : python -m engine changements [--base REF] [dossier]", file=sys.stderr)
        return 2
    text, code = changements.report(Path(args[0]) if args else Path("."), ref)
    print(text, end="")
    return code


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command in ("check", "adresses", "schemas") and len(args) <= 1:
        root = Path(args[0]) if args else Path(".")
        return {"check": check, "adresses": record_addresses, "schemas": schemas}[command](root)
    if command == "changements" and len(args) <= 3:
        return changes(args)
    if command == "compresser" and len(args) == 1:
        return compress(Path(args[0]))
    if command == "nouvelle-fiche" and not args:
        values = [os.environ.get(name, "") for name in ("TITRE", "AXE", "OBJECTIF", "PROGRAMME")]
        if values[0] and values[1]:
            return new_fiche(Path("."), *values)
        print("usage : make nouvelle-fiche TITRE=\"Intitulé de l'action\" AXE=<code de l'axe> "
              "[OBJECTIF=<code>] [PROGRAMME=<code>]", file=sys.stderr)
        return 2
    print("usage :\n" + __doc__.split("\n\n", 1)[1].rstrip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
