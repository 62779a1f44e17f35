"""What a production web server needs beside the built pages: compressed copies to send as they are, and
the redirections as server rules.

A server that finds `file.gz` (or `.br`) beside `file` sends it to a browser that accepts that encoding,
without compressing the file again at each request (nginx: gzip_static, brotli_static); the copies are made
once per build (`python -m engine compresser site`, which `make build` runs after MkDocs), at a level a
server would not spend at each request. Where that helps: the styles and scripts every page loads, and the
big files (the search index, megabytes at thousands of fiches; the big pages and data tables); a page or a
record's data of a few kilobytes is compressed on the fly in a fraction of a millisecond, and copies of
thousands of them would weigh as much again as the site's largest part. The redirections
(short links /fiches/N/ and the moved addresses of data/redirections.yml) are also written as an nginx map,
from the same list as the small pages written at each old address, so the two never differ. README.md,
« Mettre en ligne », shows the server configuration that uses them.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .model import Redirection

try:  # optional: without the library, gzip copies only
    import brotli
except ImportError:  # pragma: no cover - brotli is pinned in requirements.txt
    brotli = None

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".csv", ".atom"}
ASSETS = {".css", ".js", ".svg"}  # loaded by every page: a copy from MIN_BYTES on
MIN_BYTES = 1024  # below, a compressed copy saves less than a network packet
MIN_FILE_BYTES = 100_000  # any other file: only the big ones
MIN_GAIN = 0.9  # a copy is kept only when at most 90 % of the original's size
REDIRECTIONS_FILE = "_redirections.conf"


def _encoders() -> dict[str, object]:
    """Suffix of each copy and its encoder; levels a build can afford at thousands of pages (gzip 9 is
    barely smaller than 6 for text; brotli 5 already beats gzip 9, 11 is a hundred times slower)."""
    found = {".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}  # mtime 0: the same bytes each build
    if brotli is not None:
        found[".br"] = lambda data: brotli.compress(data, quality=5)
    return found


def _compress(path: Path, encoders: dict) -> list[Path]:
    data = path.read_bytes()
    written = []
    for suffix, encode in encoders.items():
        copy = path.with_name(path.name + suffix)
        packed = encode(data)
        if len(packed) <= MIN_GAIN * len(data):
            copy.write_bytes(packed)
            written.append(copy)
        elif copy.exists():  # a stale copy of an earlier build would be sent instead of the page
            copy.unlink()
    return written


def worth_a_copy(path: Path) -> bool:
    if path.suffix not in COMPRESSIBLE or not path.is_file():
        return False
    return path.stat().st_size >= (MIN_BYTES if path.suffix in ASSETS else MIN_FILE_BYTES)


def precompress(site: Path) -> list[Path]:
    """Write a .gz (and .br) copy beside each file of `site` worth one (`worth_a_copy`); return the copies."""
    files = [p for p in site.rglob("*") if worth_a_copy(p)]
    encoders = _encoders()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # zlib and brotli release the GIL
        return [copy for copies in pool.map(lambda p: _compress(p, encoders), files) for copy in copies]


def _path(base: str, url: str) -> str:
    return "/" + (base.strip("/") + "/" if base.strip("/") else "") + url


def redirection_rules(moves: Iterable[Redirection], base: str = "/") -> str:
    """Two nginx maps from the request path to its new address: the moved pages, for a permanent redirection
    (301), and the short links, whose target follows the fiche's address, for a temporary one (302). Each
    old address is matched with and without its final slash. `base`: the path the site is served under."""
    moved, short = [], []
    for move in moves:
        (short if move.ancienne.startswith("fiches/") else moved).append(move)

    def entries(group: list[Redirection]) -> list[str]:
        lines = []
        for move in group:
            old, new = _path(base, move.ancienne), _path(base, move.nouvelle)
            bare = old.rstrip("/")
            lines += [f'    "{old}" "{new}";', f'    "{bare}" "{new}";']
        return lines

    return "\n".join([
        "# Écrit par la construction du site (engine/publish.py) à partir des liens courts des fiches et de",
        "# data/redirections.yml : ne pas modifier à la main. À inclure dans le bloc http { } de nginx ; le bloc",
        "# server { } du site fait « if ($lne_deplacee) { return 301 $lne_deplacee; } » et",
        "# « if ($lne_lien_court) { return 302 $lne_lien_court; } » (voir README.md, « Mettre en ligne »).",
        "map $uri $lne_deplacee {", *entries(moved), "}",
        "map $uri $lne_lien_court {", *entries(short), "}",
        "",
    ])
