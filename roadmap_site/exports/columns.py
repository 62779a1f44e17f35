"""How an open data table is declared and written: its columns (each with its value for a row and where its
French title and description come from), its keys, and its CSV file.

Cells: UTF-8, comma separator, decimal point, ISO 8601 dates; a value the records do not give is an empty
cell, never 0. A text a spreadsheet would run as a formula is neutralised as OWASP's "CSV Injection" page
recommends (a leading single quote), so that opening the file never runs what a record holds. The declarations
themselves are in roadmap_site.exports.tables (fiches, vocabularies, diagnostic) and roadmap_site.exports.suivi
(follow-up).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import address
from ..model import Roadmap

SEPARATOR = " ; "  # between the items of a list written in one cell
# What makes a spreadsheet read a cell as a formula (OWASP, CSV Injection), and the numbers that start so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Column:
    """One column: its name in the header, its value for a row (None: an empty cell) and how it is documented."""

    name: str
    value: Callable[[Any], Any]
    type: str = "string"  # a Table Schema type: string, integer, number, year, date, boolean
    doc: str | None = None  # "schema:path" of the record field whose title and description the column takes
    title: str | None = None  # else (or instead of the schema's)
    description: str | None = None
    required: bool = False
    pattern: str | None = None  # a constraint on the text (a date as precise as the register: 2025, 2025-03…)


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str  # another table's name; "" for the table itself
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Context:
    """What the columns of an export depend on besides the records: the site's address, when known."""

    roadmap: Roadmap
    site_url: str | None = None

    def address(self, path: str) -> str:
        """A site address ("actions/x/") as reusers can follow it: absolute once the site's address is
        known, else from the root of the server ("/actions/x/")."""
        return address.public(path, self.site_url)


@dataclass(frozen=True)
class Table:
    name: str  # donnees/<name>.csv, and the resource's name in datapackage.json
    title: str
    description: str
    rows: Callable[[Roadmap], Iterable]
    columns: Callable[[Context], Sequence[Column]]
    key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    present: Callable[[Roadmap], bool] = lambda roadmap: True  # a roadmap without a diagnostic has no territories

    def write(self, context: Context) -> bytes:
        """The CSV file: a header row of column names, then one row per record."""
        columns = self.columns(context)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
        writer.writerow([c.name for c in columns])
        for row in self.rows(context.roadmap):
            writer.writerow([cell(c.value(row)) for c in columns])
        return out.getvalue().encode("utf-8")


def cell(value: Any) -> str:
    """A value as CSV text: numbers with a decimal point and no thousands separator (4000, 0.15); a text
    starting like a formula (`=`, `+`, `-`, `@`, tab, carriage return) and that is not a number gets a
    leading `'`, which spreadsheets read as "this is text" (-5 stays a number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def joined(values: Iterable[str] | None) -> str | None:
    values = list(values or ())
    return SEPARATOR.join(values) if values else None
