"""The engine of a roadmap site; only its MkDocs plugin (roadmap_site.plugin, roadmap_site.macros) knows MkDocs.

    records (YAML) → read → check → model → pages → render

read (roadmap_site.read) parses YAML keeping line numbers; check (roadmap_site.check, roadmap_site.rules,
roadmap_site.schema, roadmap_site.messages) validates every file and the rules between records, every error a
`Problem`; build (roadmap_site.build, roadmap_site.model, roadmap_site.diagnostic) makes immutable model objects;
pages (roadmap_site.pages, roadmap_site.views, roadmap_site.summary, roadmap_site.charts) decides what pages exist
and what each template gets; render (roadmap_site.render, roadmap_site/templates/) writes HTML; exports
(roadmap_site.exports) writes the open data files (CSV, JSON, datapackage.json, JSON Schema) and the Atom feeds
of changes. The MkDocs plugin (roadmap_site.plugin, roadmap_site.macros, the theme in theme/) calls `load` once
per build, which also checks the hand-written pages of docs/, code for Jinja and browsers
(roadmap_site.docs_pages).
"""

from __future__ import annotations

from pathlib import Path

from . import addresses, baseline, docs_pages
from .build import build
from .check import check
from .model import Roadmap
from .problems import DataErrors
from .sources import COLLECTIONS, DOCUMENTS, read_sources

# What a roadmap is made of: the folders of its records and data, and docs/ (its hand-written addresses).
WATCHED = tuple(sorted({path.split("/")[0] for path in [c.pattern for c in COLLECTIONS.values()]
                        + [d.path for d in DOCUMENTS.values()]} | {"data", "docs"}))


def load(root: Path) -> Roadmap:
    """Read, check and build the roadmap under `root`; raise `DataErrors` listing every problem."""
    root = Path(root)
    read = read_sources(root)  # every file read once, for the fiches' numbers and for the check
    renumbered = baseline.fiche_problems(root, read[0].collections["actions"])
    if renumbered:  # first: every reference to such a fiche would be reported too
        raise DataErrors(renumbered)
    pages = docs_pages.problems(root)  # the hand-written pages are code: checked before any of them renders
    try:
        sources, schemas = check(root, read)
    except DataErrors as errors:
        raise DataErrors(errors.problems + pages) from None
    roadmap = build(root, sources, schemas)
    problems = addresses.problems(roadmap) + pages  # needs the pages the model makes
    if problems:
        raise DataErrors(problems)
    return roadmap

