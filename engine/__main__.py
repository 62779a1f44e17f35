"""`python -m engine check`: validate every data file without building the site, for a fast answer.
`python -m engine compresser site`: write the compressed copies a production server sends (engine.publish)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import load
from .problems import DataErrors
from .publish import precompress


def check(root: Path) -> int:
    try:
        roadmap = load(root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    print(f"Données valides : {len(roadmap.actions)} fiches, {len(roadmap.organisations)} organisations.")
    return 0


def compress(site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"{site}/index.html introuvable : construisez d'abord le site (make build)", file=sys.stderr)
        return 1
    copies = precompress(site)
    print(f"{len(copies)} copies compressées écrites dans {site}.")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["compresser"] and len(argv) == 2:
        return compress(Path(argv[1]))
    if argv[:1] != ["check"]:
        print("usage : python -m engine check [dossier] | python -m engine compresser <site>", file=sys.stderr)
        return 2
    return check(Path(argv[1]) if len(argv) > 1 else Path("."))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
