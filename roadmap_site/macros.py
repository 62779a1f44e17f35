"""The macros of the hand-written pages: one per block of the engine (roadmap_site.views.BLOCKS), exactly those
the check of docs/ lets a page call (roadmap_site.docs_pages.MACROS). The plugin registers them with
mkdocs-macros (its `register_macros`, made for other plugins), so a roadmap needs no macros module of its own;
a site that keeps one (`module_name`, like the Lot's macros/) registers them there with `define_env`.

The HTML a macro returns is a block Markdown leaves as it is: record text never reaches Markdown or Jinja as
source. mkdocs-macros renders pages with plain, unsandboxed Jinja (1.5 offers no setting for a sandbox), so
the check is the guard: `roadmap_site.load` runs it before the build renders anything, and `refused` runs it
again on the very text about to be rendered, which under `mkdocs serve` (the build going on with the last
good roadmap) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from . import docs_pages
from .model import Roadmap
from .views import render_block


def macros(roadmap: Roadmap, page_url: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Every macro of `roadmap`, by name; `page_url` gives the address of the page being rendered."""

    def macro(name: str) -> Callable[..., str]:
        def block(*args):
            return render_block(roadmap, name, page_url(), *args)

        block.__name__ = name
        return block

    return {name: macro(name) for name in docs_pages.MACROS}


def define_env(env) -> None:
    """mkdocs-macros' entry point, for a site's own macros module: the package's macros, bound to the roadmap
    the roadmap-site plugin loaded for this build (which then registers none of them twice)."""
    for name, block in env.conf.plugins["roadmap-site"].macros().items():
        env.macro(block, name)


def refused(markdown: str, title: str | None, file: str, environment: jinja2.Environment) -> bool:
    """Whether a page (or its title) holds what the check refuses: such a page is not rendered at all."""
    return any(docs_pages.page_problems(text, file, environment) for text in (markdown, title or ""))
