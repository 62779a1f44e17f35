"""Work made in a second process while the site generator builds the pages, on a machine with more than one
processor: the HTML of the generated pages, ahead of the generator asking for it; the open data files and
feeds; the search's extra terms.

The worker is forked from the build once the roadmap is checked: it has the model and the page specs as they
are, nothing read, checked or serialised again. It renders every generated page first (the generator reaches
them after the hand-written ones), then writes the open data files into the site itself; the entries of the
search index reach it as each page is indexed, and their terms come back in the same order at the end.
Without fork or with one processor, the build makes all of it itself (PageSpec.render, engine.exports.write,
engine.search.enrich).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from . import exports
from .model import Roadmap
from .pages import PageSpec
from .search import Terms

_worker: dict = {}  # in the worker process: the roadmap, the generated pages, the search's terms maker


def possible() -> bool:
    """A second process can work beside the build: fork exists, and so does a second processor."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) > 1


def _start(roadmap: Roadmap, pages: tuple[PageSpec, ...], site_url: str | None, separator: str | None) -> None:
    _worker["roadmap"], _worker["pages"], _worker["site_url"] = roadmap, pages, site_url
    _worker["terms"] = Terms(separator, roadmap.organisations.values()) if separator is not None else None


def _render() -> dict[str, str]:
    return {spec.url: spec.render(_worker["site_url"]) for spec in _worker["pages"]}


def _write_exports(site: str, site_url: str | None) -> None:
    exports.write(Path(site), _worker["roadmap"], site_url)


def _terms(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return _worker["terms"].of_entries(entries)


class Background:
    """The worker of one build: started with the roadmap and its generated pages, asked for their HTML, fed
    the search entries, finished at the end."""

    def __init__(self, roadmap: Roadmap, pages: tuple[PageSpec, ...], site: Path, site_url: str | None,
                 separator: str | None):
        """`separator`: that of the search index, None for a site without search."""
        # Forked, not spawned: the child starts with the loaded roadmap; the executor forks before it
        # starts any thread of its own.
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_start,
                                         initargs=(roadmap, pages, site_url, separator))
        self._pages = self._pool.submit(_render)
        self._exports = self._pool.submit(_write_exports, str(site), site_url)
        self._terms: list[Future] = []

    def page(self, spec: PageSpec) -> str:
        """The HTML of a generated page (waits for the worker to have rendered them all)."""
        return self._pages.result()[spec.url]

    def index(self, entries: list[tuple[str, str]]) -> None:
        """Search entries (title, text) of one page, in the order of the index."""
        if entries:
            self._terms.append(self._pool.submit(_terms, entries))

    def finish(self) -> list[tuple[str, str]]:
        """Wait for the open data files; the terms of every entry given to `index`, in order. An error of
        the worker is raised here (or by `page`), with its traceback."""
        try:
            self._pages.result()
            self._exports.result()
            return [terms for batch in self._terms for terms in batch.result()]
        finally:
            self._pool.shutdown(cancel_futures=True)

    def cancel(self) -> None:
        """A build that failed: drop the work not begun, wait for the job under way (it may be writing into
        the site, which the failed build's caller removes)."""
        self._pool.shutdown(cancel_futures=True)
