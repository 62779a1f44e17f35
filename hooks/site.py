"""MkDocs glue: check every data file before anything renders, then give MkDocs the pages the engine
specifies — files, navigation, titles, edit links, content and table of contents — and the redirections.

All the logic is in the `roadmap_site` package, which knows nothing of MkDocs; a move to another static site
generator replaces this file and macros/__init__.py, not the engine, the records or the templates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the engine, beside this folder

from roadmap_site import WATCHED, background, cached, exports, search
from roadmap_site.address import AddressError, OutsideSite, base, docs_page, index_file, inside
from roadmap_site.pages import PageSpec, navigation, page_specs, redirect_page, redirections
from roadmap_site.problems import DataErrors
from roadmap_site.publication import repository_confirmed
from roadmap_site.publish import REDIRECTIONS_FILE, redirection_rules
from roadmap_site.render import compact, outline, render
from roadmap_site.typography import french

_specs: dict[str, PageSpec] = {}  # generated pages of the current build, by source path
_feeds: list[tuple[str, str]] = []  # the roadmap's feed of changes, named in every page's head: (title, address)
_preview = {"serving": False, "errors": None}  # mkdocs serve, and the data errors it shows on every page
_background: dict = {"worker": None}  # the second process of a build (roadmap_site/background.py)


def on_startup(command, dirty):
    _preview["serving"] = command == "serve"


def on_serve(server, config, builder):
    """The preview rebuilds when a data file changes, in whichever data folders this roadmap has."""
    root = Path(config.config_file_path).parent
    for folder in WATCHED:
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def _roadmap(config):
    """The checked roadmap. A build with data errors fails; the preview server instead keeps the last
    roadmap without error and shows the errors on every page (a failed rebuild would leave the browser
    waiting for the server until the file is fixed)."""
    root = Path(config.config_file_path).parent
    try:
        roadmap = cached(root)
        _preview["errors"] = None
        return roadmap
    except DataErrors as errors:
        if _preview["serving"]:
            try:
                roadmap = cached(root, last_good=True)
                _preview["errors"] = errors
                return roadmap
            except DataErrors:
                pass
        raise PluginError("\n" + errors.report() + " : le site n'a pas été construit.") from None


def _title(text: str) -> Markup:
    """Page and section titles are HTML for MkDocs themes: escaped once, and marked so that the theme's
    own `| e` does not escape them again."""
    return Markup(escape(text))


def _nav_entry(entry):
    if not entry.children:
        return entry.spec.src_uri
    return {_title(entry.spec.title): [entry.spec.src_uri] + [_nav_entry(child) for child in entry.children]}


def _insert(nav: list, insertions: dict[str, list]) -> list:
    """Insert generated entries right after the hand-written nav entry whose address they follow."""
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _insert(value, insertions) if isinstance(value, list) else value
                     for title, value in entry.items()}
        out.append(entry)
        source = entry if isinstance(entry, str) else next(iter(entry.values()))
        if isinstance(source, str):
            out.extend(_nav_entry(e) for e in insertions.get(docs_page(source), []))
    return out


@event_priority(100)
def on_config(config):
    try:
        base(config.site_url)
    except AddressError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    roadmap = _roadmap(config)
    specs = page_specs(roadmap)
    _specs.clear()
    _specs.update({spec.src_uri: spec for spec in specs})
    _feeds[:] = [exports.changes.site_feed(roadmap)]
    config.nav = _insert(config.nav, navigation(specs))
    return config


# A generated page has no Markdown: its content comes from the engine (on_page_content). The front matter
# keeps mkdocs-macros away from it, titles included (macros would evaluate `{{ … }}` in a record's title).
GENERATED_SOURCE = "---\nrender_macros: false\n---\n"


@event_priority(100)
def on_files(files, config):
    """The generated pages; and, the site folder being emptied by now, the second process of a build, which
    renders them (not for the preview, whose rebuilds keep what they can from the previous one)."""
    _background["worker"] = None
    if not _preview["serving"] and background.possible():
        _background["worker"] = background.Background(
            _roadmap(config), tuple(_specs.values()), Path(config.site_dir), config.site_url or None)
    for spec in _specs.values():  # a record page is out of the navigation by design, not forgotten
        inclusion = InclusionLevel.UNDEFINED if spec.parent else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content=GENERATED_SOURCE, inclusion=inclusion))
    return files


def on_pre_page(page, config, files):
    """Title of a generated page, and the one edit link of every page (the theme's button): the record a
    page is generated from, or the hand-written page itself; none until the repository's address is
    confirmed (extra.depot.confirme)."""
    spec = _specs.get(page.file.src_uri)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    if spec is not None:
        page.title = _title(spec.title)
    if not repository_confirmed(config.extra.get("depot")):
        return page
    # The path URL-encoded: a file name can hold "?", "#", a space or a quote, never a second address.
    page.edit_url = config.extra["depot"]["modifier"] + quote(spec.source if spec else f"{docs}/{page.file.src_uri}")
    return page


def _toc(headings):
    tokens: list[dict] = []
    stack: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": str(escape(heading.text)), "children": []}
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return get_toc(tokens)


def on_page_content(html, page, config, files):
    """A generated page's content is the engine's HTML, never Markdown, and its description the engine's;
    every description is escaped here (the theme prints it as it is); every page's table of contents lists
    the headings of its final HTML (those of the engine's blocks included)."""
    spec = _specs.get(page.file.src_uri)
    if spec is not None:
        html = (_background["worker"].page(spec) if _background["worker"] is not None
                else spec.render(config.site_url or None))
        page.meta["description"] = spec.description
    page.meta["recherche"] = search.kind(spec.template if spec else None)  # for the search's results
    page.meta["flux"] = [*_feeds, *(spec.feeds if spec else ())]
    if page.meta.get("description"):
        page.meta["description"] = Markup(escape(page.meta["description"]))
    page.toc = _toc(outline(html))
    if _preview["errors"] is not None:
        html = render("erreurs.html", page.url, problems=_preview["errors"].problems) + html
    return html


def on_build_error(error):
    """A failed build stops its second process (which may be writing into the site)."""
    if _background["worker"] is not None:
        _background["worker"].cancel()
        _background["worker"] = None


@event_priority(-100)  # last, once every plugin has written the page (the search has indexed its plain text)
def on_post_page(output, page, config):
    """The page with French spacing (roadmap_site/typography.py), without the theme's blank lines and indentation."""
    return compact(french(output))


def on_post_template(output, template_name, config):
    """The theme's pages that are no page of the site (404.html) get French spacing too; sitemap.xml does not."""
    return french(output) if template_name.endswith(".html") else output


@event_priority(-100)  # last: every page is written
def on_post_build(config):
    """The build's own files (`_post_build`); a write outside the site folder fails it in French."""
    try:
        _post_build(config)
    except (AddressError, OutsideSite) as error:
        raise PluginError(str(error)) from None


def _post_build(config):
    """Write one small French page per old or short address (the check stage made sure each one leads to
    a page) and the same redirections as web server rules (roadmap_site/publish.py); write the open data files and
    the feeds of changes; index the written pages for the search (roadmap_site/search.py), the preview's too."""
    site, roadmap = Path(config.site_dir), _roadmap(config)
    moves = redirections(roadmap)
    titles = {spec.url: spec.title for spec in _specs.values()}
    for move in moves:
        target = inside(site, index_file(move.ancienne))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(move, titles), encoding="utf-8")
    worker, _background["worker"] = _background["worker"], None
    if worker is not None:
        worker.finish()  # the open data files are written by then
    else:
        exports.write(site, roadmap, config.site_url or None)
    rules = redirection_rules(moves, base(config.site_url))
    inside(site, REDIRECTIONS_FILE).write_text(rules, encoding="utf-8")
    try:
        search.index(site, roadmap.organisations.values())
    except search.SearchError as error:
        raise PluginError(str(error)) from None
