"""What the pages do not need — the open data files and feeds, the search's extra terms — made in a second
process while the site generator renders the pages, on a machine with more than one processor.

The worker is forked from the build once the roadmap is checked: it has the model as it is, nothing read,
checked or serialised again. It writes the open data files into the site itself; the entries of the search
index reach it as each page is indexed, and their terms come back in the same order at the end. Without
fork or with one processor, the build makes them itself (engine.exports.write, engine.search.enrich).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from . import exports
from .model import Roadmap
from .search import Terms

_worker: dict = {}  # in the worker process: the roadmap and the search's terms maker


def possible() -> bool:
    """A second process can work beside the build: fork exists, and so does a second processor."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) > 1


def _start(roadmap: Roadmap, separator: str | None) -> None:
    _worker["roadmap"] = roadmap
    _worker["terms"] = Terms(separator, roadmap.organisations.values()) if separator is not None else None


def _write_exports(site: str, site_url: str | None) -> None:
    exports.write(Path(site), _worker["roadmap"], site_url)


def _terms(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return _worker["terms"].of_entries(entries)


class Background:
    """The worker of one build: started with the roadmap, fed the search entries, finished at the end."""

    def __init__(self, roadmap: Roadmap, site: Path, site_url: str | None, separator: str | None):
        """`separator`: that of the search index, None for a site without search."""
        # Forked, not spawned: the child starts with the loaded roadmap; the executor forks before it
        # starts any thread of its own.
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_start,
                                         initargs=(roadmap, separator))
        self._exports = self._pool.submit(_write_exports, str(site), site_url)
        self._terms: list[Future] = []

    def index(self, entries: list[tuple[str, str]]) -> None:
        """Search entries (title, text) of one page, in the order of the index."""
        if entries:
            self._terms.append(self._pool.submit(_terms, entries))

    def finish(self) -> list[tuple[str, str]]:
        """Wait for the open data files; the terms of every entry given to `index`, in order. An error of
        the worker is raised here, with its traceback."""
        try:
            self._exports.result()
            return [terms for batch in self._terms for terms in batch.result()]
        finally:
            self._pool.shutdown(cancel_futures=True)

    def cancel(self) -> None:
        """A build that failed: drop the work not begun, wait for the job under way (it may be writing into
        the site, which the failed build's caller removes)."""
        self._pool.shutdown(cancel_futures=True)
