"""Work made in a second process while the site generator builds the pages, on a machine with more than one
processor: the HTML of the generated pages, ahead of the generator asking for it; the open data files and
feeds.

The worker is forked from the build once the roadmap is checked: it has the model and the page specs as they
are, nothing read, checked or serialised again. It renders every generated page first (the generator reaches
them after the hand-written ones), then writes the open data files into the site itself. Without fork or with
one processor, the build makes all of it itself (PageSpec.render, roadmap_site.exports.write).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import exports
from .model import Roadmap
from .pages import PageSpec

_worker: dict = {}  # in the worker process: the roadmap and the generated pages


def possible() -> bool:
    """A second process can work beside the build: fork exists, and so does a second processor."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) > 1


def _start(roadmap: Roadmap, pages: tuple[PageSpec, ...], site_url: str | None) -> None:
    _worker["roadmap"], _worker["pages"], _worker["site_url"] = roadmap, pages, site_url


def _render() -> dict[str, str]:
    return {spec.url: spec.render(_worker["site_url"]) for spec in _worker["pages"]}


def _write_exports(site: str, site_url: str | None) -> None:
    exports.write(Path(site), _worker["roadmap"], site_url)


class Background:
    """The worker of one build: started with the roadmap and its generated pages, asked for their HTML,
    finished at the end."""

    def __init__(self, roadmap: Roadmap, pages: tuple[PageSpec, ...], site: Path, site_url: str | None):
        # Forked, not spawned: the child starts with the loaded roadmap; the executor forks before it
        # starts any thread of its own.
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_start,
                                         initargs=(roadmap, pages, site_url))
        self._pages = self._pool.submit(_render)
        self._exports = self._pool.submit(_write_exports, str(site), site_url)

    def page(self, spec: PageSpec) -> str:
        """The HTML of a generated page (waits for the worker to have rendered them all)."""
        return self._pages.result()[spec.url]

    def finish(self) -> None:
        """Wait for the open data files. An error of the worker is raised here (or by `page`), with its
        traceback."""
        try:
            self._pages.result()
            self._exports.result()
        finally:
            self._pool.shutdown(cancel_futures=True)

    def cancel(self) -> None:
        """A build that failed: drop the work not begun, wait for the job under way (it may be writing into
        the site, which the failed build's caller removes)."""
        self._pool.shutdown(cancel_futures=True)
