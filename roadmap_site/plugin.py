"""The MkDocs plugin (`roadmap-site` in a roadmap's mkdocs.yml): check every data file before anything renders,
then give MkDocs the pages the engine specifies — files, navigation, titles, edit links, content and table of
contents —, the theme's templates and assets (theme/), the macros of the hand-written pages
(roadmap_site.macros), and once every page is written the redirections, open data files, feeds and search index.

All the logic is in the rest of the package, which knows nothing of MkDocs; a move to another static site
generator replaces this module and roadmap_site/macros.py, not the engine, the records or the templates.

One `Build` per build, made in on_config, holds what that build knows. The plugin object lives as long as the
`mkdocs` command (MkDocs keeps a plugin with `on_startup` across the rebuilds of `mkdocs serve`) and keeps only
what outlives a build: whether it serves, and the last roadmap without error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import WATCHED, exports, load, search
from .address import AddressError, OutsideSite, base, docs_page, index_file, inside
from .macros import macros, refused
from .model import Roadmap
from .pages import PageSpec, navigation, page_specs, redirect_page, redirections
from .problems import DataErrors
from .publication import repository_confirmed
from .publish import REDIRECTIONS_FILE, redirection_rules
from .render import TEMPLATES, compact, outline, render
from .schema import SCHEMAS
from .typography import french

THEME = Path(__file__).parent / "theme"  # templates and assets, over Material's and under the site's custom_dir
# The theme's style sheet and scripts, put first in every page (a roadmap's own extra_css and extra_javascript
# come after them).
STYLESHEETS = ("assets/stylesheets/lne.css",)
SCRIPTS = ("assets/javascripts/lne.js", "assets/javascripts/filtres.js", "assets/javascripts/partage.js")
PREVIEW_IMAGE = "assets/images/apercu.png"  # a roadmap's own link preview image, in its custom_dir (1 200 × 630)

# A generated page has no Markdown: its content comes from the engine (on_page_content). The front matter
# keeps mkdocs-macros away from it, titles included (macros would evaluate `{{ … }}` in a record's title).
GENERATED_SOURCE = "---\nrender_macros: false\n---\n"


@dataclass
class Build:
    """What one build knows: its checked roadmap, its generated pages, and under `mkdocs serve` the data
    errors it shows on every page above the last good roadmap."""

    roadmap: Roadmap
    specs: dict[str, PageSpec]  # generated pages, by source path
    feeds: list[tuple[str, str]]  # the roadmap's feed of changes, named in every page's head: (title, address)
    errors: DataErrors | None
    page_url: str = ""  # the page mkdocs-macros is rendering, for the macros' links


class RoadmapPlugin(BasePlugin):
    def __init__(self) -> None:
        self.serving = False
        self.last_good: Roadmap | None = None  # under `mkdocs serve`: shown while the data have errors
        self.build: Build | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def on_serve(self, server, config, builder):
        """The preview rebuilds when a data file changes, in whichever data folders this roadmap has, or one
        of the package's templates and schemas (the theme's folders MkDocs watches itself)."""
        root = Path(config.config_file_path).parent
        for folder in [root / name for name in WATCHED] + [TEMPLATES, SCHEMAS]:
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def _load(self, root: Path) -> tuple[Roadmap, DataErrors | None]:
        """The checked roadmap. A build with data errors fails; the preview server instead keeps the last
        roadmap without error and shows the errors on every page (a failed rebuild would leave the browser
        waiting for the server until the file is fixed)."""
        try:
            roadmap = load(root)
        except DataErrors as errors:
            if self.serving and self.last_good is not None and self.last_good.root == root:
                return self.last_good, errors
            raise PluginError("\n" + errors.report() + " : le site n'a pas été construit.") from None
        if self.serving:
            self.last_good = roadmap
        return roadmap, None

    @event_priority(100)
    def _on_config_first(self, config: MkDocsConfig) -> MkDocsConfig:
        """The roadmap and its pages, before any other plugin; the theme's folder and assets."""
        self.build = None
        try:
            base(config.site_url)
        except AddressError as error:
            raise PluginError(f"mkdocs.yml: {error}") from None
        if "macros" not in config.plugins:
            raise PluginError("mkdocs.yml : ajoutez « macros » à plugins, avant « roadmap-site » (les pages écrites "
                              "à la main appellent les macros du site)")
        roadmap, errors = self._load(Path(config.config_file_path).parent.resolve())
        specs = page_specs(roadmap)
        self.build = Build(roadmap, {spec.src_uri: spec for spec in specs}, [exports.changes.site_feed(roadmap)],
                           errors)
        if config.nav is not None:  # without a nav, MkDocs lists every page itself, the generated ones included
            config.nav = _insert(config.nav, navigation(specs))
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        config.extra_css[:0] = [path for path in STYLESHEETS if path not in config.extra_css]
        listed = {str(script) for script in config.extra_javascript}
        config.extra_javascript[:0] = [path for path in SCRIPTS if path not in listed]
        return config

    @event_priority(-100)
    def _on_config_last(self, config: MkDocsConfig) -> MkDocsConfig:
        """The macros, once mkdocs-macros has made its own environment for this build: those a site's own
        macros module has not registered already (roadmap_site.macros.define_env)."""
        plugin: Any = config.plugins["macros"]  # mkdocs-macros publishes no type information
        registered = plugin.macros
        plugin.register_macros(
            {name: block for name, block in self.macros().items() if name not in registered})
        return config

    def macros(self) -> dict:
        """The package's macros, bound to this build's roadmap and to the page being rendered."""
        build = self._current()
        return macros(build.roadmap, lambda: build.page_url)

    on_config = CombinedEvent(_on_config_first, _on_config_last)

    def _current(self) -> Build:
        if self.build is None:  # pragma: no cover - on_config makes it before any other event
            raise PluginError("roadmap-site : construction non préparée")
        return self.build

    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for spec in self._current().specs.values():  # a record page is out of the navigation by design
            inclusion = InclusionLevel.UNDEFINED if spec.parent else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content=GENERATED_SOURCE, inclusion=inclusion))
        return files

    def on_env(self, env, config, files):
        """The theme names the link preview image only when the site has one (main.html, `apercu`)."""
        env.globals["apercu"] = PREVIEW_IMAGE if files.get_file_from_path(PREVIEW_IMAGE) else None
        return env

    def on_pre_page(self, page, config, files):
        """Title of a generated page, and the one edit link of every page (the theme's button): the record a
        page is generated from, or the hand-written page itself; none until the repository's address is
        confirmed (extra.depot.confirme)."""
        spec = self._current().specs.get(page.file.src_uri)
        docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
        if spec is not None:
            page.title = _title(spec.title)
        if not repository_confirmed(config.extra.get("depot")):
            return page
        # The path URL-encoded: a file name can hold "?", "#", a space or a quote, never a second address.
        source = spec.source if spec else f"{docs}/{page.file.src_uri}"
        page.edit_url = config.extra["depot"]["modifier"] + quote(source)
        return page

    @event_priority(50)  # before mkdocs-macros renders the page
    def on_page_markdown(self, markdown, page, config, files):
        """The page the macros are about to render; one (or its title) the check refuses is not rendered at
        all: its text stays as written."""
        build = self._current()
        build.page_url = page.url
        if page.file.src_uri in build.specs:  # a generated page: its front matter keeps the macros away
            return markdown
        if refused(markdown, page.title, page.file.src_uri, config.plugins["macros"].env):
            page.meta["render_macros"] = False
        return markdown

    def on_page_content(self, html, page, config, files):
        """A generated page's content is the engine's HTML, never Markdown, and its description the engine's;
        every description is escaped here (the theme prints it as it is); every page's table of contents lists
        the headings of its final HTML (those of the engine's blocks included)."""
        build = self._current()
        spec = build.specs.get(page.file.src_uri)
        if spec is not None:
            html = spec.render(config.site_url or None)
            page.meta["description"] = spec.description
        page.meta["recherche"] = search.kind(spec.template if spec else None)  # for the search's results
        page.meta["flux"] = [*build.feeds, *(spec.feeds if spec else ())]
        if page.meta.get("description"):
            page.meta["description"] = Markup(escape(page.meta["description"]))
        page.toc = _toc(outline(html))
        if build.errors is not None:
            html = render("erreurs.html", page.url, problems=build.errors.problems) + html
        return html

    @event_priority(-100)  # last, once every plugin has written the page
    def on_post_page(self, output, page, config):
        """The page with French spacing (roadmap_site/typography.py), without the theme's blank lines and
        indentation."""
        return compact(french(output))

    def on_post_template(self, output, template_name, config):
        """The theme's pages that are no page of the site (404.html) get French spacing too; sitemap.xml
        does not."""
        return french(output) if template_name.endswith(".html") else output

    @event_priority(-100)  # last: every page is written
    def on_post_build(self, config):
        """The build's own files; a write outside the site folder fails it in French."""
        try:
            self._post_build(config)
        except (AddressError, OutsideSite) as error:
            raise PluginError(str(error)) from None

    def _post_build(self, config):
        """Write one small French page per old or short address (the check stage made sure each one leads to
        a page); then, while Pagefind indexes the written pages for the search (roadmap_site/search.py), the
        preview's too, write the open data files and the feeds of changes (after MkDocs copied docs/: the check
        refuses a file of docs/ at their addresses) and the redirections as web server rules
        (roadmap_site/publish.py)."""
        build = self._current()
        site, roadmap = Path(config.site_dir), build.roadmap
        moves = redirections(roadmap)
        titles = {spec.url: spec.title for spec in build.specs.values()}
        for move in moves:
            target = inside(site, index_file(move.ancienne))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(redirect_page(move, titles), encoding="utf-8")
        try:
            with search.indexing(site, roadmap.organisations.values()):
                exports.write(site, roadmap, config.site_url or None)
                rules = redirection_rules(moves, base(config.site_url))
                inside(site, REDIRECTIONS_FILE).write_text(rules, encoding="utf-8")
        except search.SearchError as error:
            raise PluginError(str(error)) from None


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


def _toc(headings):
    tokens: list[Any] = []  # MkDocs' own token type is private (mkdocs.structure.toc._TocToken)
    stack: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": str(escape(heading.text)), "children": []}
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return get_toc(tokens)
