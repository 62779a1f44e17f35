"""The engine's commands, in French for the staff who run them (see the Makefile):

    python -m roadmap_site check [dossier]        vérifie les données, sans construire le site (make check)
    python -m roadmap_site check --publication [dossier]
                                            vérifie aussi ce que la loi et le site demandent avant la mise
                                            en ligne (make verifier-publication)
    python -m roadmap_site adresses [dossier]     ajoute les nouvelles adresses à data/adresses-publiees.txt
    python -m roadmap_site schemas [dossier]      réécrit schemas/*.schema.json et l'en-tête des fichiers de données
    python -m roadmap_site nouvelle-fiche         crée la fiche suivante à partir de modeles/fiche.yml, avec les
                                            variables TITRE, AXE et, si besoin, OBJECTIF et PROGRAMME
                                            (make nouvelle-fiche TITRE="Intitulé" AXE=solidaire)
    python -m roadmap_site compresser site        écrit les copies compressées (.gz, .br) que sert le serveur
                                            (make build)
    python -m roadmap_site changements [--base REF] [dossier]
                                            ce qui change pour les lecteurs entre REF (main par défaut) et les
                                            fichiers actuels, en Markdown (make changements BASE=origin/main)
    python -m roadmap_site --aide                 affiche cette aide
"""

from __future__ import annotations

import argparse
import ast
import gc
import os
import re
import sys
from pathlib import Path

from . import address, addresses, changements, editor, load, publication, scaffold
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


def check(root: Path, for_publication: bool = False) -> int:
    """The data; with `for_publication`, also what must be set before the site goes online
    (roadmap_site/publication.py): every problem of both at once."""
    roadmap = _load(root)
    if roadmap is not None:
        print("Données valides.")
        print("\n".join(summary(roadmap)))
    missing = publication.problems(root) if for_publication else []
    if missing:
        print("\n".join(str(p) for p in missing) + f"\nMise en ligne refusée : {len(missing)} point"
              f"{'s' if len(missing) > 1 else ''} à régler (voir ci-dessus).", file=sys.stderr)
    elif for_publication and roadmap is not None:
        print("Prêt pour la mise en ligne : mentions légales, contact, adresse du site, dépôt confirmé et "
              "historique git complet.")
    return 1 if roadmap is None or missing else 0


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
    print(f"Fiche n°{created.numero} créée : {name} (adresse {address.public(address.fiche(created.slug))}).\n"
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


def changes(root: Path, ref: str) -> int:
    """The report on stdout (it is also the pull request's summary)."""
    text, code = changements.report(root, ref)
    print(text, end="")
    return code


def new_fiche_from_environment() -> int:
    values = [os.environ.get(name, "") for name in ("TITRE", "AXE", "OBJECTIF", "PROGRAMME")]
    if values[0] and values[1]:
        return new_fiche(Path("."), *values)
    print("usage : make nouvelle-fiche TITRE=\"Intitulé de l'action\" AXE=<code de l'axe> "
          "[OBJECTIF=<code>] [PROGRAMME=<code>]", file=sys.stderr)
    return 2


USAGE = "usage :\n" + __doc__.split("\n\n", 1)[1].rstrip() + "\n"

# argparse's own messages (English) that a command line can cause, as staff read them; each group is the
# text typed, quoted by argparse (repr) in the last two.
_MESSAGES = (
    (r"the following arguments are required: (.*)", "il manque : {0}"),
    (r"argument \S+: invalid choice: (.*) \(choose from .*\)", "commande inconnue : « {0} »"),
    (r"argument (\S+): ignored explicit argument (.*)", "{0} ne prend pas de valeur (reçu : « {1} »)"),
)


def _typed(text: str) -> str:
    """Text typed on a command line, unquoted if argparse quoted it, its control characters named (U+001B)
    instead of echoed."""
    try:
        text = ast.literal_eval(text) if text[:1] in "'\"" else text
    except (ValueError, SyntaxError):
        pass
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"U+{ord(m[0]):04X}", str(text))


class Parser(argparse.ArgumentParser):
    """argparse speaking French: its help is the list of commands above, and a command line it refuses
    ends (exit code 2) with a French message followed by that list."""

    def format_help(self) -> str:
        return USAGE

    format_usage = format_help

    def error(self, message: str):
        match = next(((m, french) for pattern, french in _MESSAGES if (m := re.fullmatch(pattern, message, re.S))),
                     None)
        self.refuse(match[1].format(*map(_typed, match[0].groups())) if match else "ligne de commande incorrecte")

    def refuse(self, message: str):
        self.exit(2, f"{self.prog} : {message}\n\n{USAGE}")


def parser() -> Parser:
    """The commands and their arguments; a command is one block: its parser, its arguments, what it runs."""
    top = Parser(prog="python -m roadmap_site", add_help=False, allow_abbrev=False)
    top.add_argument("-h", "--aide", action="help")
    commands = top.add_subparsers(dest="commande")

    def command(name: str, run):
        sub = commands.add_parser(name, add_help=False, allow_abbrev=False)
        sub.add_argument("-h", "--aide", action="help")
        sub.set_defaults(run=run)
        return sub

    def folder(sub):
        sub.add_argument("dossier", nargs="?", type=Path, default=Path("."))

    folder(c := command("check", lambda a: check(a.dossier, a.publication)))
    c.add_argument("--publication", action="store_true")
    folder(command("adresses", lambda a: record_addresses(a.dossier)))
    folder(command("schemas", lambda a: schemas(a.dossier)))
    command("nouvelle-fiche", lambda a: new_fiche_from_environment())
    command("compresser", lambda a: compress(a.site)).add_argument("site", type=Path)
    folder(c := command("changements", lambda a: changes(a.dossier, a.base)))
    c.add_argument("--base", default="main", metavar="REF")
    return top


def main(argv: list[str]) -> int:
    top = parser()
    try:
        arguments, unknown = top.parse_known_args(argv)
        if unknown:  # before a missing command: « --verbose » alone is an unknown option
            top.refuse(f"option ou argument inconnu : {' '.join(map(_typed, unknown))}")
        if arguments.commande is None:
            top.refuse("indiquez une commande")
    except SystemExit as refused:  # a refused command line (2), or the help (0)
        return refused.code if isinstance(refused.code, int) else 2  # argparse exits with a number
    return arguments.run(arguments)


# The commands keep every record they read until they exit, and leave no garbage cycles: the cyclic garbage
# collector's full passes over those records, at its default thresholds, took a tenth of `make check` at
# 2 000 fiches (make bench). A pass every 100 000 new objects rather than 700: far fewer of them.
GC_THRESHOLDS = (100_000, 50, 100)


def run(argv: list[str]) -> int:
    """`main`, quiet when the reader of its output stops early (`make check | head`): no traceback, as the
    Python documentation recommends for SIGPIPE (the rest of the output goes nowhere)."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        code = main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
