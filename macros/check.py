"""`make check`: validate every data file without building the site, for a fast answer to editors."""

from __future__ import annotations

import sys
from pathlib import Path

from .catalog import load
from .problems import DataErrors


def main(root: Path = Path(".")) -> int:
    try:
        catalog = load(root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    print(f"Données valides : {len(catalog.actions)} fiches, {len(catalog.organisations)} organisations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
