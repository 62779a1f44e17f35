"""The benchmark table, in French number formats, for the terminal and for the committed Markdown file."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

NBSP = "\u00a0"
MET, NOT_MET, UNKNOWN = "atteint", "non atteint", "non mesuré"


def number(value: float | None, decimals: int = 0) -> str:
    """1234.5 → « 1 234,5 » (non-breaking space between thousands, comma for decimals)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return text


def kb(size: int | None) -> str:
    return "—" if size is None else f"{number(size / 1000, 1)}{NBSP}Ko"


def mb(size: int | None) -> str:
    return "—" if size is None else f"{number(size / 1_000_000, 1)}{NBSP}Mo"


def seconds(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else f"{number(value, decimals)}{NBSP}s"


def status(ok: bool | None) -> str:
    return UNKNOWN if ok is None else (MET if ok else NOT_MET)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, padded so that it also reads well in a terminal."""
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows])


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _first_line(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "absent"


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on: absolute times only compare on the same kind of machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "inconnu")
    ram = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    load = " ; ".join(number(x, 2) for x in os.getloadavg())
    lighthouse = Path(__file__).with_name("node_modules") / "lighthouse" / "package.json"
    lighthouse_version = lighthouse.read_text().split('"version": "', 1)[1].split('"', 1)[0] if lighthouse.exists() \
        else "absent"
    return [
        ("Date", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("Processeur", f"{cpu}, {os.cpu_count()} cœurs"),
        ("Mémoire vive", f"{number(ram / 2**30, 1)}{NBSP}Gio"),
        ("Charge moyenne au départ (1, 5, 15 min)", load),
        ("Système", platform.platform()),
        ("Python", platform.python_version()),
        ("MkDocs / Material / mkdocs-macros", " / ".join(_version(p) for p in
                                                          ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin"))),
        ("PyYAML / Playwright", f"{_version('PyYAML')} / {_version('playwright')}"),
        ("Chromium", _first_line(["/usr/bin/chromium", "--version"])),
        ("Node / Lighthouse", f"{_first_line(['node', '--version'])} / {lighthouse_version}"),
    ]
