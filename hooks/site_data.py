"""MkDocs glue: validate all data before anything renders, then add the pages the records generate.

The logic lives in the `macros` package (tested without MkDocs); this file only wires it to MkDocs events.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from markupsafe import Markup
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the hook runs before mkdocs-macros puts the project on the path

from macros import catalog as data, pages  # noqa: E402
from macros.problems import DataErrors  # noqa: E402
from macros.render import render  # noqa: E402

_generated: dict[str, pages.GeneratedPage] = {}


def _catalog() -> data.Catalog:
    try:
        return data.cached(ROOT)
    except DataErrors as errors:
        raise PluginError("\n" + errors.report()) from None


@event_priority(100)
def on_config(config):
    catalog = _catalog()
    config.nav = _insert(config.nav, pages.nav_insertions(catalog))
    return config


def _insert(nav: list, insertions: dict[str, list]) -> list:
    """Insert generated entries right after the hand-written nav entry (e.g. `actions/index.md`) they follow."""
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _insert(value, insertions) if isinstance(value, list) else value
                     for title, value in entry.items()}
        out.append(entry)
        anchor = entry if isinstance(entry, str) else next(iter(entry.values()))
        if isinstance(anchor, str) and anchor in insertions:
            out.extend(insertions[anchor])
    return out


@event_priority(100)
def on_files(files, config):
    _generated.clear()
    for page in pages.generated_pages(_catalog()):
        _generated[page.src_uri] = page
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_pre_page(page, config, files):
    """The one edit link of every page (the theme's button): the record a page is generated from, or the
    hand-written page itself."""
    generated = _generated.get(page.file.src_uri)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    source = generated.source if generated is not None else f"{docs}/{page.file.src_uri}"
    page.edit_url = config.extra["depot"]["modifier"] + source
    return page


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    """Title generated pages after mkdocs-macros, which would evaluate `{{ … }}` in a title."""
    generated = _generated.get(page.file.src_uri)
    if generated is not None:
        page.title = Markup(generated.title)  # escaped once; the theme's `| e` leaves Markup as it is
    return markdown


def on_post_build(config):
    """Write one small French page per old or short address, after checking where each one leads."""
    site = Path(config.site_dir)
    catalog = _catalog()
    titles = {a.url: a.intitule for a in catalog.actions}
    moves = pages.redirections(catalog)
    problems = [f"data/redirections.yml: {old}: la page de destination « {new} » n'existe pas"
                for old, new in moves.items() if not (site / new / "index.html").exists()]
    problems += [f"data/redirections.yml: {old}: cette adresse est encore une page du site ; une redirection "
                 "ne peut pas la remplacer" for old in moves if (site / old / "index.html").exists()]
    if problems:
        raise PluginError("\n" + "\n".join(problems))
    for old, new in moves.items():
        target = site / old / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        relative = "../" * old.count("/") + new
        target.write_text(render("redirect.html", old, cible=relative, titre=titles.get(new, new)), encoding="utf-8")
