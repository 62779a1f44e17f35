"""`make mutation`: run mutmut (setup.cfg) and judge its result.

Prints the score (mutants killed / mutants run) and fails when it is under 95 %, when a surviving mutant is not
described, with the reason it is equivalent, in tests/mutation-equivalents.yml, or when a description there matches
no surviving mutant any more (stale: the code changed, or a test now kills it).

A mutant is described by what it changes, not by mutmut's number, which shifts with every edit of its function:
its module, its function, and its source line(s) before and after the mutation, stripped of their indentation
(`mutmut show`). An edit elsewhere in the function keeps the description; one description may match several
mutants (the same line written twice in a function). The equivalents are survivors, so declaring one never
raises the score: it only says why the survivor is left.

`--no-run` judges the last run (mutants/) without running mutmut again.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation-equivalents.yml"
TARGET = 0.95
MUTMUT = [sys.executable, "-m", "mutmut"]
FIELDS = ("module", "function", "line", "mutated")


def mutmut(*args: str) -> str:
    return subprocess.run(MUTMUT + list(args), cwd=ROOT, check=True, capture_output=True, text=True).stdout


def describe(name: str, diff: str) -> dict[str, str]:
    """The stable description of mutant `name` (e.g. roadmap_site.views.xǁIndexǁrows__mutmut_12) from its diff."""
    module, _, mangled = name.partition("__mutmut_")[0].rpartition(".")
    function = ".".join(mangled.split("ǁ")[1:]) if mangled.startswith("xǁ") else mangled.removeprefix("x_")
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    return {"module": module, "function": function,
            "line": "\n".join(line[1:].strip() for line in lines if line.startswith("-")),
            "mutated": "\n".join(line[1:].strip() for line in lines if line.startswith("+"))}


def key(description: dict[str, str]) -> tuple[str, ...]:
    return tuple(str(description.get(field, "")).strip() for field in FIELDS)


def main() -> int:
    if "--no-run" not in sys.argv[1:]:
        start = time.monotonic()
        subprocess.run(MUTMUT + ["run"], cwd=ROOT, check=False)
        print(f"Durée de l'exécution de mutmut : {(time.monotonic() - start) / 60:.0f} min")
    mutmut("export-cicd-stats")
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    survivors = sorted(re.findall(r"^\s*(\S+): survived$", mutmut("results"), flags=re.M))
    described = {name: describe(name, mutmut("show", name)) for name in survivors}
    equivalents = yaml.safe_load(EQUIVALENTS.read_text(encoding="utf-8")) or []
    reasons = {key(entry): entry.get("reason") for entry in equivalents}
    run = stats["killed"] + stats["survived"] + stats.get("timeout", 0) + stats.get("suspicious", 0)
    killed = stats["killed"] + stats.get("timeout", 0)
    score = killed / run if run else 0.0
    unexplained = [name for name in survivors if not reasons.get(key(described[name]))]
    judged = run - (len(survivors) - len(unexplained))
    matched = {key(described[name]) for name in survivors}
    stale = [entry for entry in equivalents if key(entry) not in matched]
    print(f"Mutants : {stats['total']} ; exécutés : {run} ; tués : {killed} ; survivants : {len(survivors)} "
          f"(dont {len(survivors) - len(unexplained)} équivalents justifiés) ; sans test : {stats.get('no_tests', 0)}")
    print(f"Score de mutation : {score:.1%} (objectif : {TARGET:.0%}) ; "
          f"hors équivalents : {killed / judged if judged else 0.0:.1%}")
    for name in unexplained:
        print(f"  survivant non justifié : {name} (mutmut show {name}), à décrire dans "
              f"{EQUIVALENTS.relative_to(ROOT)} :")
        print("    " + yaml.safe_dump([described[name]], allow_unicode=True, width=1000).replace("\n", "\n    "))
    for entry in stale:
        print(f"  justification sans survivant (à retirer de {EQUIVALENTS.relative_to(ROOT)}) : "
              f"{entry.get('module')}.{entry.get('function')} : {entry.get('line')!r} → {entry.get('mutated')!r}")
    ok = score >= TARGET and not unexplained and not stale and not stats.get("no_tests")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
