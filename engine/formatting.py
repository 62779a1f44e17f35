"""French number formats (5 000 €, 0,15 ETP, 14,8 %), from Babel's CLDR data rather than by hand.

Babel separates thousands with a narrow no-break space and we put a no-break space before units, so a
figure never wraps across two lines.
"""

from __future__ import annotations

from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"


def nombre(value: float, decimals: int = 2) -> str:
    """43818 → « 43 818 » ; 34.2 → « 34,2 » (at most `decimals` decimals, none when whole)."""
    return format_decimal(value, format="#,##0." + "#" * decimals, locale=LOCALE)


def euros(value: float) -> str:
    """5000 → « 5 000 € »."""
    return f"{nombre(value)}{NBSP}€"


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



FILTERS = {"nombre": nombre, "euros": euros, "etp": etp, "pourcent": pourcent, "mesure": mesure,
           "sans_unite": sans_unite}
