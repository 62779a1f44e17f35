"""mkdocs-macros glue: one macro per block of the engine (roadmap_site.views.BLOCKS), for the hand-written pages.

`define_env` only registers, exactly the macros the check of docs/ lets a page call (roadmap_site.docs_pages.MACROS).
The HTML a macro returns is a block Markdown leaves as it is: record text never reaches Markdown or Jinja as
source. mkdocs-macros renders pages with plain, unsandboxed Jinja (1.5 offers no setting for a sandbox), so
the check is the guard: `roadmap_site.load` runs it before the build renders anything, and `on_pre_page_macros`
runs it again on the very text about to be rendered, which under `mkdocs serve` (the build going on with the
last good roadmap) is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_site import cached, docs_pages
from roadmap_site.model import Roadmap
from roadmap_site.views import render_block


def define_env(env) -> None:
    root = Path(env.project_dir)
    loaded: list[Roadmap] = []  # the roadmap of this build, read once (define_env runs at the start of every build)

    def roadmap():
        if not loaded:
            # the last good roadmap under `mkdocs serve`; a build stops at the hook before any macro runs
            loaded.append(cached(root, last_good=True))
        return loaded[0]

    def register(name: str) -> None:
        env.macro(lambda *args: render_block(roadmap(), name, env.page.url, *args), name)

    for name in docs_pages.MACROS:
        register(name)


def on_pre_page_macros(env) -> None:
    """A page (or its title) the check refuses is not rendered at all: its text stays as written."""
    file = env.page.file.src_uri
    if any(docs_pages.page_problems(text, file, env.env) for text in (env.markdown, env.page.title or "")):
        env.page.meta["render_macros"] = False
