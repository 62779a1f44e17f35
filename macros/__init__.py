"""mkdocs-macros glue: one macro per block of the engine (engine.views.BLOCKS), for the hand-written pages.

`define_env` only registers. The HTML a macro returns is a block Markdown leaves as it is: record text
never reaches Markdown or Jinja as source.
"""

from __future__ import annotations

from pathlib import Path

from engine import cached
from engine.views import BLOCKS, render_block


def define_env(env) -> None:
    root = Path(env.project_dir)
    loaded = []  # the roadmap of this build, read once (define_env runs at the start of every build)

    def roadmap():
        if not loaded:
            # the last good roadmap under `mkdocs serve`; a build stops at the hook before any macro runs
            loaded.append(cached(root, last_good=True))
        return loaded[0]

    def register(name: str) -> None:
        env.macro(lambda *args: render_block(roadmap(), name, env.page.url, *args), name)

    for name in BLOCKS:
        register(name)
