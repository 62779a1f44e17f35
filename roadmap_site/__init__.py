"""The engine of a roadmap site, with no knowledge of MkDocs.

    records (YAML) → read → check → model → pages → render

read (roadmap_site.read) parses YAML keeping line numbers; check (roadmap_site.check, roadmap_site.rules,
roadmap_site.schema, roadmap_site.messages) validates every file and the rules between records, every error a
`Problem`; build (roadmap_site.build, roadmap_site.model, roadmap_site.diagnostic) makes immutable model objects;
pages (roadmap_site.pages, roadmap_site.views, roadmap_site.summary, roadmap_site.charts) decides what pages exist
and what each template gets; render (roadmap_site.render, roadmap_site/templates/) writes HTML; exports
(roadmap_site.exports) writes the open data files (CSV, JSON, datapackage.json, JSON Schema) and the Atom feeds
of changes. The MkDocs glue (hooks/site.py, macros/) calls `load`,
which also checks the hand-written pages of docs/, code for Jinja and browsers (roadmap_site.docs_pages).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import addresses, baseline, docs_pages
from .build import build
from .check import check
from .model import Roadmap
from .problems import DataErrors
from .sources import COLLECTIONS, DOCUMENTS

# What a roadmap is made of: the folders of its records and data, and docs/ (its hand-written addresses).
WATCHED = tuple(sorted({path.split("/")[0] for path in [c.pattern for c in COLLECTIONS.values()]
                        + [d.path for d in DOCUMENTS.values()]} | {"data", "docs"}))
_cache: dict[Path, tuple[tuple, Roadmap | DataErrors]] = {}
_last_good: dict[Path, Roadmap] = {}


def load(root: Path) -> Roadmap:
    """Read, check and build the roadmap under `root`; raise `DataErrors` listing every problem."""
    root = Path(root)
    renumbered = baseline.fiche_problems(root)  # first: every reference to such a fiche would be reported too
    if renumbered:
        raise DataErrors(renumbered)
    pages = docs_pages.problems(root)  # the hand-written pages are code: checked before any of them renders
    try:
        sources, schemas = check(root)
    except DataErrors as errors:
        raise DataErrors(errors.problems + pages) from None
    roadmap = build(root, sources, schemas)
    problems = addresses.problems(roadmap) + pages  # needs the pages the model makes
    if problems:
        raise DataErrors(problems)
    return roadmap


def _stamp(root: Path) -> tuple:
    """Every entry of the roadmap's folders, with its time and size (symbolic links not followed)."""
    found = []
    for folder in WATCHED:
        for directory, dirs, files in os.walk(root / folder):
            for name in files + dirs:
                path = os.path.join(directory, name)
                try:
                    info = os.lstat(path)
                except OSError:  # removed meanwhile
                    continue
                found.append((path, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


def cached(root: Path, last_good: bool = False) -> Roadmap:
    """`load`, reused while no data file changed: the hook and the macros of one build share one model.
    `last_good`: on data errors, the last roadmap that loaded without any (what `mkdocs serve` keeps
    showing, under the list of errors, instead of failing); raise `DataErrors` when there is none."""
    root = Path(root).resolve()
    stamp = _stamp(root)
    if root not in _cache or _cache[root][0] != stamp:
        try:
            _cache[root] = (stamp, load(root))
        except DataErrors as errors:
            _cache[root] = (stamp, errors)
    value = _cache[root][1]
    if isinstance(value, DataErrors):
        if last_good and root in _last_good:
            return _last_good[root]
        raise value
    _last_good[root] = value
    return value
