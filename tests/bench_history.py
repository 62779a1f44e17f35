"""Time record_history on this repository's fiches and on a synthetic repository of 2 000 records.

    .venv/bin/python -m tests.bench_history [--follow]

--follow also times the alternative it replaces: one `git log --follow` per file (fields not compared).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from roadmap_site.history import record_history
from tests.gitrepo import Repo

ROOT = Path(__file__).resolve().parent.parent
RECORDS, COMMITS = 2000, 20


def timed(function, repeat: int = 3) -> tuple[float, object]:
    """Median time of `function`."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def synthetic(folder: Path, touch_all: bool) -> tuple[Repo, list[str]]:
    """RECORDS fiches made from a real one; COMMITS - 1 later commits edit 100 of them (or all), rename
    and delete a few."""
    template = (ROOT / "actions" / "03-boucle-reconditionnement-solidaire.yml").read_text(encoding="utf-8")
    repo = Repo(folder)
    names = [f"actions/{n:04d}-fiche.yml" for n in range(RECORDS)]
    for n, name in enumerate(names):
        repo.write(name, template.replace("numero: 3", f"numero: {n}"))
    repo.commit("Create", "2024-01-01T00:00:00+00:00")
    for step in range(1, COMMITS):
        edited = names if touch_all else names[step * 100 % RECORDS:][:100]
        for name in edited:
            path = repo.path / name
            if not path.exists():  # deleted earlier: still asked about, to see its deletion
                continue
            path.write_text(path.read_text(encoding="utf-8").replace("intitule: ", f"intitule: v{step} "),
                            encoding="utf-8")
        if step % 5 == 0:
            old = names[step]
            names[step] = old.replace("-fiche", "-fiche-renommee")
            repo.git("mv", old, names[step])
            repo.git("rm", "-q", "-f", names[-step])
        repo.commit(f"Step {step}", f"2024-01-{step + 1:02d}T00:00:00+00:00")
    return repo, names


def follow_each(root: Path, paths: list[str]) -> int:
    """The per-file alternative: one `git log --follow` per record."""
    count = 0
    for path in paths:
        out = subprocess.run(["git", "-C", str(root), "log", "--follow", "-M", "--format=%H %aI", "--", path],
                             capture_output=True, text=True).stdout
        count += len(out.splitlines())
    return count


def main() -> None:
    fiches = sorted(f"actions/{path.name}" for path in (ROOT / "actions").glob("*.yml"))
    seconds, found = timed(lambda: record_history(ROOT, fiches), repeat=5)
    print(f"this repository: {len(fiches)} fiches, {len(found.changes)} changes: {seconds * 1000:.0f} ms")
    for touch_all in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            repo, names = synthetic(Path(folder), touch_all)
            made = time.perf_counter() - start
            seconds, found = timed(lambda: record_history(repo.path, names))
            edits = "every record in every commit" if touch_all else "100 records a commit"
            print(f"synthetic, {RECORDS} records, {COMMITS} commits, {edits} (made in {made:.0f} s): "
                  f"{len(found.changes)} changes in {seconds:.2f} s")
            if "--follow" in sys.argv and not touch_all:
                seconds, count = timed(lambda: follow_each(repo.path, names), repeat=1)
                print(f"  one git log --follow per file instead: {count} changes in {seconds:.2f} s")


if __name__ == "__main__":
    main()
