"""`make mutation`: run mutmut (setup.cfg) and judge its result.

Prints the score (mutants killed / mutants run) and fails when it is under 90 % or when a surviving mutant
is not listed, with the reason it is equivalent, in tests/mutation-equivalents.yml.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation-equivalents.yml"
TARGET = 0.90
MUTMUT = [sys.executable, "-m", "mutmut"]


def main() -> int:
    subprocess.run(MUTMUT + ["run"], cwd=ROOT, check=False)
    subprocess.run(MUTMUT + ["export-cicd-stats"], cwd=ROOT, check=True, capture_output=True)
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    listing = subprocess.run(MUTMUT + ["results"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    survivors = sorted(re.findall(r"^\s*(\S+): survived$", listing, flags=re.M))
    equivalents = yaml.safe_load(EQUIVALENTS.read_text(encoding="utf-8")) or {}
    run = stats["killed"] + stats["survived"] + stats.get("timeout", 0) + stats.get("suspicious", 0)
    killed = stats["killed"] + stats.get("timeout", 0)
    score = killed / run if run else 0.0
    unexplained = [name for name in survivors if name not in equivalents]
    stale = sorted(set(equivalents) - set(survivors))
    print(f"Mutants : {stats['total']} ; exécutés : {run} ; tués : {killed} ; survivants : {len(survivors)} "
          f"(dont {len(survivors) - len(unexplained)} équivalents justifiés) ; sans test : {stats.get('no_tests', 0)}")
    print(f"Score de mutation : {score:.1%} (objectif : {TARGET:.0%})")
    for name in unexplained:
        print(f"  survivant non justifié : {name} (mutmut show {name})")
    for name in stale:
        print(f"  justification sans survivant (à retirer de {EQUIVALENTS.relative_to(ROOT)}) : {name}")
    return 0 if score >= TARGET and not unexplained and not stats.get("no_tests") else 1


if __name__ == "__main__":
    sys.exit(main())
