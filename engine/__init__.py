"""The engine of a roadmap site, with no knowledge of MkDocs.

    records (YAML) → read → check → model → pages → render

read (engine.read) parses YAML keeping line numbers; check (engine.check, engine.rules, engine.schema,
engine.messages) validates every file and the rules between records, every error a `Problem`; build
(engine.build, engine.model, engine.diagnostic) makes immutable model objects; pages (engine.pages,
engine.views, engine.summary, engine.charts) decides what pages exist and what each template gets; render
(engine.render, engine/templates/) writes HTML; exports (engine.exports) writes the open data files (CSV, JSON,
datapackage.json, JSON Schema) and the Atom feeds of changes. The MkDocs glue (hooks/site.py, macros/) calls `load`.
"""

from __future__ import annotations

from pathlib import Path

from .build import build
from .check import check
from .model import Roadmap

DATA_GLOBS = ("data/**/*.yml", "actions/*.yml", "diagnostic/**/*.yml", "deliberations/*.yml", "suivi/*.yml",
              "budget/*.yml")
_cache: dict[Path, tuple[tuple, Roadmap]] = {}


def load(root: Path) -> Roadmap:
    """Read, check and build the roadmap under `root`; raise `DataErrors` listing every problem."""
    root = Path(root)
    sources, schemas = check(root)
    return build(root, sources, schemas)


def cached(root: Path) -> Roadmap:
    """`load`, reused while no data file changed: the hook and the macros of one build share one model."""
    root = Path(root).resolve()
    stamp = tuple(sorted((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                         for pattern in DATA_GLOBS for p in root.glob(pattern)))
    if root not in _cache or _cache[root][0] != stamp:
        _cache[root] = (stamp, load(root))
    return _cache[root][1]
