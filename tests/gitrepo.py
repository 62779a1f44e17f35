"""Throw-away git repositories with fixed dates, for the history and feed tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from roadmap_site import WATCHED, addresses, load

EXAMPLE = Path(__file__).resolve().parent / "exemple"

# Commits made here ignore the machine's git configuration (signing, hooks, templates).
_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Agent Exemple",
        "GIT_AUTHOR_EMAIL": "agent@exemple.invalid", "GIT_COMMITTER_NAME": "Agent Exemple",
        "GIT_COMMITTER_EMAIL": "agent@exemple.invalid", "LC_ALL": "C"}


class Repo:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str | None = None) -> str:
        env = {**os.environ, **_ENV}
        if date:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        return subprocess.run(["git", "-C", str(self.path), *args], env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, subject: str, date: str) -> str:
        """Commit everything in the work tree; the new commit's hash."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", subject, date=date)
        return self.git("rev-parse", "HEAD")


def published_example(path: Path) -> Repo:
    """The example roadmap's folders published on main (its address list recorded), then a branch
    `proposition` to change them."""
    repo = Repo(path)
    for part in WATCHED:
        shutil.copytree(EXAMPLE / part, repo.path / part)
    addresses.record(load(repo.path))
    repo.commit("Publication", "2025-01-10T09:00:00+01:00")
    repo.git("checkout", "-q", "-b", "proposition")
    return repo
