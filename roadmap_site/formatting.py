"""French number formats (5 000 €, 0,15 ETP, 14,8 %), from Babel's CLDR data rather than by hand.

Babel separates thousands with a narrow no-break space and we put a no-break space before units, so a
figure never wraps across two lines: the same spaces roadmap_site/typography.py gives the numbers typed in text.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from .dates import build_day, months_since
from .typography import NBSP  # the spaces of French typography are named there, once

LOCALE = "fr_FR"


def nombre(value: float, decimals: int = 2) -> str:
    """43818 → « 43 818 » ; 34.2 → « 34,2 » (at most `decimals` decimals, none when whole)."""
    return format_decimal(value, format="#,##0." + "#" * decimals, locale=LOCALE)


def euros(value: float) -> str:
    """5000 → « 5 000 € » ; 268.8 → « 268,80 € » (an amount with cents shows both digits)."""
    if float(value).is_integer():
        return f"{nombre(value)}{NBSP}€"
    return f"{format_decimal(value, format='#,##0.00', locale=LOCALE)}{NBSP}€"


def etp(value: float) -> str:
    """0.15 → « 0,15 ETP »."""
    return f"{nombre(value)}{NBSP}ETP"


def pourcent(value: float) -> str:
    """14.8 → « 14,8 % »."""
    return f"{nombre(value, 1)}{NBSP}%"



def mesure(valeur: float, unite: str) -> str:
    """A value with its unit: 14.8 "%" → « 14,8 % » ; 43818 "habitants" → « 43 818 habitants »."""
    return f"{sans_unite(valeur, unite)}{NBSP}{unite}"


def sans_unite(valeur: float, unite: str) -> str:
    """The number `mesure` writes, without the unit, for a table whose column header gives it."""
    return nombre(valeur, 1) if unite == "%" else nombre(valeur)


def date_fr(value: str) -> str:
    """A record's date, as precise as it is written: "2025-03-07" → « 7 mars 2025 », "2025-09-01" → « 1er
    septembre 2025 », "2026-05" → « mai 2026 », "2018" → « 2018 »."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = format_date(date(parts[0], parts[1], 1), "MMMM y", locale=LOCALE)
    if len(parts) == 2:
        return month
    return f"{'1er' if parts[2] == 1 else parts[2]}{NBSP}{month}"


def date_au(value: str) -> str:
    """The date a state holds at: « au 7 mars 2025 », « en mai 2026 », « en 2018 »."""
    return f"{'au' if value.count('-') == 2 else 'en'} {date_fr(value)}"


def anciennete(value: str, day: date | None = None) -> str:
    """How old a register date is on `day` (the build day by default): « il y a moins d'un mois », « il y a
    1 mois », « il y a 21 mois », then in years from two years on: « il y a 2 ans », « il y a plus de 2 ans »."""
    months = months_since(value, day or build_day())
    if months == 0:
        return "il y a moins d'un mois"
    if months < 24:
        return f"il y a {months}{NBSP}mois"
    years, rest = divmod(months, 12)
    return f"il y a {'plus de ' if rest else ''}{years}{NBSP}ans"


FILTERS = {"nombre": nombre, "euros": euros, "etp": etp, "pourcent": pourcent, "mesure": mesure,
           "sans_unite": sans_unite, "date_fr": date_fr, "date_au": date_au, "anciennete": anciennete}
