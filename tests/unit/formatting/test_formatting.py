"""French formats at their edges (roadmap_site/formatting.py): numbers, figures with their unit, register
dates as precise as the register gives them."""

from __future__ import annotations

import pytest

from roadmap_site.formatting import date_au, date_fr, etp, euros, mesure, nombre, pourcent

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("value, text", [(0.15, "0,15"), (43818, f"43{NNBSP}818"), (34.2, "34,2"), (1, "1"),
                                         (1234567.5, f"1{NNBSP}234{NNBSP}567,5"), (0.125, "0,12"), (2.0, "2")])
def test_nombre(value, text):
    assert nombre(value) == text


def test_units_are_kept_with_their_figure():
    assert euros(5000) == f"5{NNBSP}000{NBSP}€"
    assert etp(0.15) == f"0,15{NBSP}ETP"
    assert pourcent(14.8) == f"14,8{NBSP}%" and pourcent(14.85) == f"14,8{NBSP}%" and pourcent(7) == f"7{NBSP}%"
    assert mesure(14.8, "%") == f"14,8{NBSP}%" and mesure(14.85, "%") == f"14,8{NBSP}%"
    assert mesure(14.85, "habitants") == f"14,85{NBSP}habitants"
    assert mesure(43818, "habitants") == f"43{NNBSP}818{NBSP}habitants"


@pytest.mark.parametrize(("value", "fr", "au"), [
    ("2018", "2018", "en 2018"),
    ("2026-05", "mai 2026", "en mai 2026"),
    ("2027-01", "janvier 2027", "en janvier 2027"),  # 1 January 2027 belongs to ISO week-year 2026
    ("2025-03-07", "7\u00a0mars 2025", "au 7\u00a0mars 2025"),
    ("2025-09-01", "1er\u00a0septembre 2025", "au 1er\u00a0septembre 2025"),
])
def test_dates_as_precise_as_the_register(value, fr, au):
    assert (date_fr(value), date_au(value)) == (fr, au)
