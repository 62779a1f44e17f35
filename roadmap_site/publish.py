"""What a production web server needs beside the built pages: compressed copies to send as they are, and
the redirections as server rules.

A server that finds `file.gz` (or `.br`) beside `file` sends it to a browser that accepts that encoding,
without compressing the file again at each request (nginx: gzip_static, brotli_static); the copies are made
once per build (`python -m roadmap_site compresser site`, which `make build` runs after MkDocs), at a level a
server would not spend at each request. Where that helps: the styles and scripts every page loads, and the
big files (the search index, megabytes at thousands of fiches; the big pages and data tables); a page or a
record's data of a few kilobytes is compressed on the fly in a fraction of a millisecond, and copies of
thousands of them would weigh as much again as the site's largest part. The redirections
(short links /fiches/N/ and the moved addresses of data/redirections.yml) are also written as nginx rules,
from the same list as the small pages written at each old address, so the two never differ. README.md,
« Mettre en ligne », shows the server configuration that uses them.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import address
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
COPIES = (".gz", ".br")  # a server sends `file.gz` in place of `file`: only the build's own copies may exist


def _encoders() -> dict[str, Callable[[bytes], bytes]]:
    """Suffix of each copy and its encoder; levels a build can afford at thousands of pages (gzip 9 is
    barely smaller than 6 for text; brotli 5 already beats gzip 9, 11 is a hundred times slower)."""
    found: dict[str, Callable[[bytes], bytes]] = {
        ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}  # mtime 0: the same bytes each build
    if brotli is not None:
        found[".br"] = lambda data: brotli.compress(data, quality=5)
    return found


def _compress(site: Path, path: Path, encoders: dict) -> list[Path]:
    data = path.read_bytes()
    written = []
    for suffix, encode in encoders.items():
        copy = address.inside(site, path.relative_to(site).as_posix() + suffix)
        packed = encode(data)
        if len(packed) <= MIN_GAIN * len(data):
            copy.write_bytes(packed)
            written.append(copy)
    return written


def worth_a_copy(path: Path) -> bool:
    if path.suffix not in COMPRESSIBLE or not path.is_file():
        return False
    return path.stat().st_size >= (MIN_BYTES if path.suffix in ASSETS else MIN_FILE_BYTES)


def precompress(site: Path) -> list[Path]:
    """Write a .gz (and .br) copy beside each file of `site` worth one (`worth_a_copy`); remove every other
    .gz and .br file (a stale copy of an earlier build, the generator's own, one a page brought in), which a
    server would send in place of its file; return the copies written."""
    site = Path(site).resolve()
    files = [p for p in site.rglob("*") if worth_a_copy(p)]
    encoders = _encoders()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # zlib and brotli release the GIL
        written = [copy for copies in pool.map(lambda p: _compress(site, p, encoders), files) for copy in copies]
    kept = set(written)
    for path in site.rglob("*"):
        if path.suffix in COPIES and path not in kept and (path.is_file() or path.is_symlink()):
            path.unlink()
    return written


def redirection_rules(moves: Iterable[Redirection], base: str = "/") -> str:
    """One nginx exact-match location per old address, with and without its final slash: a permanent
    redirection (301) for a moved page, a temporary one (302) for a short link, whose target follows the
    fiche's address. `base`: the path the site is served under (its site_url's).

    Locations, not a `map` in http { }: nginx hashes a map's keys in buckets of 64 bytes by default, and
    refuses, with every site of the server, a key longer than 46 characters (an old fiche address often
    is); the directives that widen the buckets are global and fail once another map is read. Exact
    locations have no such limit and stay within the site's server { }. Every address goes through
    roadmap_site.address (nothing in a rule can break nginx's syntax); an address given twice, which nginx
    refuses ("duplicate location"), is the engine's defect: the check stage refuses two rules for one
    address."""
    base = address.base(base)
    lines, keys = [], set()
    for move in moves:
        if not move.ancienne:
            raise address.AddressError("la page d'accueil ne peut pas être redirigée")
        old, new = base + address.page(move.ancienne), base + address.page(move.nouvelle)
        code = address.redirect_status(move.ancienne)
        for key in (old, old.rstrip("/")):
            if key in keys:
                raise address.AddressError(f"deux règles nginx pour « {key} »")
            keys.add(key)
            lines.append(f'location = "{key}" {{ return {code} "{new}"; }}')
    return "\n".join([
        "# Écrit par la construction du site (roadmap_site/publish.py) à partir des liens courts des fiches "
        "(302) et de",
        "# data/redirections.yml (301) : ne pas modifier à la main. À inclure dans le bloc server { } du site",
        "# (voir README.md, « Mettre en ligne »).",
        *lines,
        "",
    ])
