"""Independent oracles: read the records straight from YAML, format figures with a formatter of our own
(never the site's), and read the built pages as tables of header → cell, so that a figure is looked for in
its own cell of its own row, not anywhere in the page."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def records(folder: str) -> list[dict]:
    """Every record of a folder, parsed by plain PyYAML, in file order."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / folder).glob("*.yml"))]


def document(path: str):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def fr(value: float, decimals: int = 2) -> str:
    """French number, written independently of the site: 43818 → "43 818", 0.15 → "0,15", 14.80 → "14,8"."""
    whole, _, fraction = f"{value:,.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0")
    return whole.replace(",", " ") + (f",{fraction}" if fraction else "")


def euros(value: float) -> str:
    """An amount as money is written: cents with both digits when there are some (268.8 → "268,80 €")."""
    if float(value).is_integer():
        return f"{fr(value)} €"
    whole, _, cents = f"{value:,.2f}".partition(".")
    return f"{whole.replace(',', ' ')},{cents} €"


def etp(value: float) -> str:
    return f"{fr(value)} ETP"


def norm(text: str) -> str:
    """Text as read: every kind of space folded into one."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def cell_text(cell) -> str:
    return norm(cell.get_text(" "))


def table(soup: BeautifulSoup, table_id: str, part: str = "tbody") -> list[dict[str, str]]:
    """The rows of a table as {column header: cell text}, read from its header row."""
    element = soup.find(id=table_id)
    assert element is not None and element.name == "table", f"tableau {table_id} introuvable"
    headers = [cell_text(th) for th in element.find("thead").find_all("th")]
    rows = []
    for tr in element.find(part).find_all("tr"):
        cells = tr.find_all(["th", "td"], recursive=False)
        assert len(cells) == len(headers), (table_id, headers, [cell_text(c) for c in cells])
        rows.append(dict(zip(headers, (cell_text(c) for c in cells))))
    return rows


def definition(soup: BeautifulSoup, term: str, scope: str = ".lne-resume") -> str:
    """The <dd> of the <dt> named `term` in a definition list."""
    block = soup.select_one(scope)
    for dt in block.find_all("dt"):
        if cell_text(dt) == term:
            return cell_text(dt.find_next_sibling("dd"))
    raise AssertionError(f"« {term} » absent de {scope}")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


# A reference to lines of the register, as staff type it in a text (« l. 2095 », « l. 4507-4523 », « l. 334 et 387 »).
LINE_REFERENCE = re.compile(r"\bl\. ?\d+(?:-\d+)?(?:(?:, ?| et )\d+(?:-\d+)?)*")


def skeleton(text: str) -> str:
    """Text without its register lines, spaces and punctuation: what stays of a note for readers."""
    return re.sub(r"\W", "", LINE_REFERENCE.sub("", text))


def for_readers(shown: str, typed: str) -> bool:
    """`shown` is `typed` as readers get it: no line of the register left, every word of it kept (spaces and
    punctuation aside, which go with the references)."""
    return LINE_REFERENCE.search(shown) is None and skeleton(shown) == skeleton(typed)


def staff_sources(soup: BeautifulSoup) -> str:
    """The text of the page's closed « Sources » disclosure (register lines, data files), '' without one."""
    found = soup.select("details.lne-sources")
    assert len(found) <= 1 and all(d.get("open") is None for d in found)
    return norm(found[0].get_text(" ")) if found else ""
