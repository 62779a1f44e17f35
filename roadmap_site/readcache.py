"""Data files read once, not at every build: what the careful reader (roadmap_site.read) made of a file, kept
between builds under the hash of the file's bytes, as Python keeps compiled modules and Jinja compiled
templates.

Only a file read without any problem is kept: a problem's message is always made afresh. The key also
holds the reader's own source (with roadmap_site.characters, whose characters it refuses) and PyYAML's version,
so that a change of either reads every file again; a changed file has another key, so an entry never
goes stale. Entries are JSON (values and lines), never pickles, in a folder of the temporary directory
that only the user can write (the environment variable FEUILLE_DE_ROUTE_CACHE names another folder, or
turns the cache off when empty). When the folder cannot be used, files are read as if there were no
cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

ENVIRONMENT = "FEUILLE_DE_ROUTE_CACHE"


@functools.lru_cache(maxsize=1)
def _reader_version() -> bytes:
    reader = b"".join(Path(__file__).with_name(name).read_bytes() for name in ("read.py", "characters.py"))
    return hashlib.blake2b(reader + yaml.__version__.encode(), digest_size=16).digest()


def key(raw: bytes, empty: Any) -> str:
    """The entry of a file's bytes, read with `empty` as the value of a file without data."""
    return hashlib.blake2b(_reader_version() + repr(empty).encode() + b"\0" + raw, digest_size=20).hexdigest()


def folder() -> Path | None:
    """The cache folder, created if need be; None when it is turned off or not safe to use."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen is not None:
        return _usable(Path(chosen)) if chosen.strip() else None
    if not hasattr(os, "getuid"):
        return None
    return _usable(Path(tempfile.gettempdir()) / f"feuille-de-route-lecture-{os.getuid()}")


@functools.lru_cache(maxsize=8)  # asked for every file; a folder removed meanwhile only loses entries
def _usable(path: Path) -> Path | None:
    """`path`, if it is a folder of this user that no one else can write."""
    try:
        path.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISDIR(info.st_mode) or not mine or stat.S_IMODE(info.st_mode) & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return path


def get(where: Path | None, entry: str) -> tuple[Any, dict[tuple, int]] | None:
    """The values and lines kept under `entry`, or None."""
    if where is None:
        return None
    try:
        kept = json.loads((where / f"{entry}.json").read_bytes())
        return kept["data"], {tuple(path): line for path, line in kept["lines"]}
    except (OSError, ValueError, KeyError, TypeError):  # absent, or damaged: read the file again
        return None


def put(where: Path | None, entry: str, data: Any, lines: dict[tuple, int]) -> None:
    """Keep a file's values and lines under `entry` (written aside, then renamed: never half an entry)."""
    if where is None:
        return
    target = where / f"{entry}.json"
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps({"data": data, "lines": [[list(p), n] for p, n in lines.items()]},
                                        ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, target)
    except (OSError, ValueError, TypeError):  # a full disk or a value JSON cannot hold: simply not kept
        temporary.unlink(missing_ok=True)
