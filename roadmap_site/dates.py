"""The register's dates ("2025-03-07", "2025-03" or "2025", as precise as the register) and the day of the
build, each decided here only.

Order: a date stands for the first day of its period, and a less precise date comes before a more precise
one of the same first day: "2025" < "2025-01" < "2025-01-01" < "2025-03-07" < "2026". That is the order of
the written text itself, so the pages, the exports and a reader sorting the CSV agree.

The day of the build is `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set, as reproducible builds
expect, else today: a fact dated after it is not yet a fact.
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime, timezone
from typing import Any, TypeGuard

_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def source_date_epoch() -> int | None:
    """The build's timestamp when the environment fixes it (`SOURCE_DATE_EPOCH`), else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def build_day() -> date:
    """The day of the build: facts dated after it are refused."""
    epoch = source_date_epoch()
    return date.today() if epoch is None else datetime.fromtimestamp(epoch, timezone.utc).date()


def months_since(text: str, day: date) -> int:
    """Whole months from a register date to `day`, counted from the last day of its period (« 2025 » is at
    least as old as 31 December 2025: an age is never overstated); 0 for less than a month or a later date."""
    end = last_day(text)
    month_end = day.day == calendar.monthrange(day.year, day.month)[1]  # 31 March → 30 April: one month
    months = (day.year - end.year) * 12 + day.month - end.month - (day.day < end.day and not month_end)
    return max(months, 0)


def of_register_shape(value: Any) -> bool:
    """A text shaped like a register date (« 2025 », « 2025-03 », « 2025-03-07 »), real or not."""
    return isinstance(value, str) and _SHAPE.fullmatch(value) is not None


def valid(value: Any) -> TypeGuard[str]:
    """True for a date of the register's shape that names a real day, month or year."""
    if not of_register_shape(value):
        return False
    try:
        last_day(value)
    except ValueError:
        return False
    return True


def order(text: str) -> tuple[date, int]:
    """Sort key of a checked date: its first day, then its precision (a year before its first day)."""
    return first_day(text), text.count("-")


def first_day(text: str) -> date:
    parts = [int(part) for part in text.split("-")]
    return date(parts[0], *(parts[1:] + [1, 1])[:2])


def last_day(text: str) -> date:
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])
