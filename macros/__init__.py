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

    def register(name: str) -> None:
        # the last good roadmap under `mkdocs serve`; a build stops at the hook before any macro runs
        env.macro(lambda *args: render_block(cached(root, last_good=True), name, env.page.url, *args), name)

    for name in BLOCKS:
        register(name)
