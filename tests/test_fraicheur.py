"""How old a register date is on the day of the build (roadmap_site.dates.months_since,
roadmap_site.formatting.anciennete): whole months from the end of the date's period, in words, from the one build
day SOURCE_DATE_EPOCH decides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from roadmap_site import dates
from roadmap_site.formatting import NBSP, anciennete


@pytest.mark.parametrize("value, day, months", [
    ("2025-03-07", date(2025, 3, 7), 0),
    ("2025-03-07", date(2025, 4, 6), 0),
    ("2025-03-07", date(2025, 4, 7), 1),
    ("2025-03-07", date(2026, 12, 6), 20),
    ("2025-03-07", date(2026, 12, 7), 21),
    ("2025-01-31", date(2025, 2, 28), 1),  # the last day of a shorter month completes the month
    ("2024-01-31", date(2024, 2, 29), 1),
    ("2024-01-31", date(2024, 2, 28), 0),
    ("2025-03", date(2025, 4, 29), 0),  # a month is at least as old as its last day
    ("2025-03", date(2025, 4, 30), 1),
    ("2025", date(2026, 12, 6), 11),  # a year, from 31 December
    ("2025-03-07", date(2025, 1, 1), 0),  # a later date is never a negative age
])
def test_whole_months_from_the_end_of_the_date_s_period(value, day, months):
    assert dates.months_since(value, day) == months


@pytest.mark.parametrize("value, day, words", [
    ("2025-03-07", date(2025, 3, 20), "il y a moins d'un mois"),
    ("2025-03-07", date(2025, 4, 7), f"il y a 1{NBSP}mois"),
    ("2025-03-07", date(2026, 12, 7), f"il y a 21{NBSP}mois"),
    ("2024-03-07", date(2026, 3, 6), f"il y a 23{NBSP}mois"),
    ("2024-03-07", date(2026, 3, 7), f"il y a 2{NBSP}ans"),
    ("2024-03-07", date(2026, 4, 7), f"il y a plus de 2{NBSP}ans"),
    ("2018", date(2026, 12, 31), f"il y a 8{NBSP}ans"),
])
def test_the_age_in_words(value, day, words):
    assert anciennete(value, day) == words


@pytest.mark.parametrize("value", ["2024", "2024-02", "2024-02-29", "2025-12-31"])
def test_the_age_never_decreases_as_days_pass(value):
    ages = [dates.months_since(value, date(2024, 1, 1) + timedelta(days=n)) for n in range(0, 2000, 3)]
    assert ages == sorted(ages) and ages[0] == 0 and ages[-1] > 24


@pytest.mark.parametrize("epoch, words", [("1741348800", "il y a moins d'un mois"),  # 2025-03-07 12:00 UTC
                                          ("1796558400", f"il y a 20{NBSP}mois"),  # 2026-12-06
                                          ("1804507200", f"il y a 2{NBSP}ans")])  # 2027-03-08
def test_the_age_is_counted_on_the_build_day(monkeypatch, epoch, words):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert anciennete("2025-03-07") == words
