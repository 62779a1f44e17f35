"""Render model objects to page content with the Jinja templates of macros/templates/.

Autoescaping is on: text typed in YAML reaches the page as text, never as HTML, and it is never parsed
as a template (it is a value, not template source).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.utils import get_relative_url

from .formatting import FILTERS

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(FILTERS)


def render(template: str, page_url: str, **context) -> str:
    """Render `template` for the page at `page_url`; `lien(url)` makes site URLs relative to it."""

    def lien(target: str) -> str:
        return get_relative_url(target, page_url)

    return _env.get_template(template).render(lien=lien, **context)
