"""The one shape every data error takes: `file:line: field: message`, in French, for non-developers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .characters import shown


def number_order(name: str) -> list:
    """Sort key of names with their numbers in numeric order: 9-…, 10-…, 100-… (not 10, 100, 9)."""
    return [int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", name))]


@dataclass(frozen=True, order=True)
class Problem:
    """One error in one data file, located as precisely as the file allows."""

    file: str
    line: int | None
    field: str
    message: str

    def __post_init__(self) -> None:
        """No message prints a control or invisible character raw: it shows as [U+001B]."""
        object.__setattr__(self, "file", shown(self.file))
        object.__setattr__(self, "field", shown(self.field))
        object.__setattr__(self, "message", shown(self.message))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on its line in « Files changed »:
        `::error file=<path>,line=<n>,title=<champ>::<message>` (escaped as GitHub reads them back)."""
        properties = [("file", self.file)] + ([("line", str(self.line))] if self.line is not None else [])
        properties += [("title", self.field)] if self.field else []
        listed = ",".join(f"{name}={_escape(value, _PROPERTY)}" for name, value in properties)
        return f"::error {listed}::{_escape(self.message, _DATA)}"


# What GitHub's workflow commands decode: in the message, then also in a property's value.
_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}


def _escape(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(char, char) for char in text)


class DataErrors(Exception):
    """Raised with every problem found, so the editor fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (number_order(p.file), p.line or 0, p.field, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one per line, then how many in how many files: « 3 erreurs dans 2 fichiers »."""
        return "\n".join([str(p) for p in self.problems] + [self.count()])

    def count(self) -> str:
        errors, files = len(self.problems), len({p.file for p in self.problems})
        return f"{errors} erreur{'s' if errors > 1 else ''} dans {files} fichier{'s' if files > 1 else ''}"


def field_path(path) -> str:
    """Format a path of keys and indexes as staff read it: `investissement[0].montant`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
