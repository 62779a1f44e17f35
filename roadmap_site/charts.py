"""Horizontal bar charts (figures of the territories, amounts of the budget), computed here and drawn as inline
SVG by graphique.html; stacked bars of counts (statuses by axis) drawn by graphique-empile.html.

Built at build time: no charting library, no JavaScript, nothing fetched. An EPCI whose text gives a
statement instead of a number gets no bar but its statement, never a zero bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostic import Territoire
from .formatting import mesure

WIDTH = 760
LABEL_WIDTH = 200  # room for the names, left of the bars
CHAR = 7.4  # average width of a character of the value labels, in SVG units
ROW = 32
TOP = 10
# On a narrow screen, the wide chart shrinks its 14-unit text under 12 px (below 651 px wide): the same bars
# are drawn again for it, each name above its bar, in a viewBox this wide (text of 12,9 px at 332 px, the
# content of a 390 px phone inside a folded detail). lne.css shows one or the other, by the width of the figure.
NARROW_WIDTH = 360
NARROW_ROW = 44


@dataclass
class Bar:
    label: str
    y: int
    width: float | None  # None: no number in the text, see `texte`
    texte: str  # the value as shown after the bar, or why there is no bar
    detail: str = ""  # for the text description: the statement the text makes instead of a number


@dataclass
class Chart:
    id: str
    titre: str
    description: str
    bars: list[Bar]
    height: int
    narrow: list[Bar]  # the same bars, for a narrow screen: name above bar
    narrow_height: int
    x0: int = LABEL_WIDTH
    width: int = WIDTH
    narrow_width: int = NARROW_WIDTH
    renvoi: str = "tableau comparatif"  # how the caption names the table that holds the same data


def _chart(id: str, titre: str, rows: list[tuple[str, float | None, str, str]], renvoi: str) -> Chart:
    """Both layouts of one bar per (label, value, value as shown, statement instead of a number); a None value
    gets its text and no bar, never a zero bar. Bars are in proportion to the largest value."""
    top = max((v for _, v, _, _ in rows if v is not None), default=1)
    value_room = 12 + CHAR * max((len(shown) for _, v, shown, _ in rows if v is not None), default=0)
    span, narrow_span = WIDTH - LABEL_WIDTH - value_room, NARROW_WIDTH - value_room
    bars = [Bar(label, TOP + i * ROW, None if v is None else span * v / top, shown, detail)
            for i, (label, v, shown, detail) in enumerate(rows)]
    narrow = [Bar(label, TOP + i * NARROW_ROW, None if v is None else narrow_span * v / top, shown, detail)
              for i, (label, v, shown, detail) in enumerate(rows)]
    description = " ; ".join(f"{b.label} : {b.detail or b.texte}" for b in bars) + "."
    return Chart(id, titre, description, bars, TOP * 2 + ROW * len(bars), narrow, TOP + NARROW_ROW * len(bars),
                 renvoi=renvoi)


def bar_chart(key: str, titre: str, epcis: list[Territoire], with_definition: bool) -> Chart:
    """One bar per territory for the figure `key`; the text description lists every value.

    `with_definition`: the territories measure this figure differently (60 ans et plus, 65 ans et plus…), so
    each value says what it measures and bars of different definitions are not read as comparable.
    """
    def row(label: str, figure) -> tuple[str, float | None, str, str]:
        if figure.mesure:
            m = figure.mesure
            return label, m["valeur"], mesure(m["valeur"], m["unite"]) + (
                f" ({m['definition']})" if with_definition else ""), ""
        if figure.constat:
            return (label, None, "pas de chiffre : un constat du texte, voir le tableau",
                    f"pas de chiffre, « {figure.constat['constat']} »")
        return label, None, "non renseigné", ""

    return _chart(f"graphique-{key.replace('_', '-')}", titre, [row(e.nom_court, e.figure(key)) for e in epcis],
                  "tableau comparatif")


def value_chart(id: str, titre: str, values: list[tuple[str, float | None, str]], renvoi: str) -> Chart:
    """One bar per (label, value, value as shown); a None value gets its text and no bar, never a zero bar."""
    return _chart(id, titre, [(label, value, shown, "") for label, value, shown in values], renvoi)


@dataclass
class Segment:
    nom: str  # what is counted (a status)
    nombre: int
    x: float  # left edge and width, in % of the chart's width
    largeur: float
    rang: int  # the category's rank in its vocabulary, which picks its fill
    defaut: bool = False


@dataclass
class Pile:
    label: str
    y: int
    segments: list[Segment]


@dataclass
class StackedChart:
    """Counts per category for each row, one stacked bar per row on a common scale.

    Drawn without a viewBox, lengths along the bars in %: the text keeps its CSS size at any width (legible
    on a phone), the bars stretch. `categories`: (name, rank, default) of the categories some row has, for
    the legend."""

    id: str
    titre: str
    description: str
    piles: list[Pile]
    categories: list[tuple[str, int, bool]]
    height: int
    renvoi: str


STACK_ROW = 56  # a label line above a bar (graphique-empile.html places both)


def stacked_chart(id: str, titre: str, rows: list[tuple[str, list[tuple[str, int]]]], defaut: str | None,
                  renvoi: str) -> StackedChart:
    """One bar per (label, [(category, count)…]), categories in the same order for every row; a category
    with no count in a row gets no segment (never a zero-width one); `defaut`: the category meaning « nothing
    known », drawn apart (outlined, not filled)."""
    top = max((sum(n for _, n in counts) for _, counts in rows), default=0) or 1
    names = [name for name, _ in rows[0][1]] if rows else []
    piles = []
    for i, (label, counts) in enumerate(rows):
        x, segments = 0.0, []
        for rank, (name, n) in enumerate(counts):
            if n:
                width = 100 * n / top
                segments.append(Segment(name, n, x, width, rank, name == defaut))
                x += width
        piles.append(Pile(label, TOP + i * STACK_ROW, segments))
    present = [(name, rank, name == defaut) for rank, name in enumerate(names)
               if any(counts[rank][1] for _, counts in rows)]
    description = " ; ".join(f"{label} : " + ", ".join(f"{n} {name}" for name, n in counts if n)
                             for label, counts in rows) + "."
    return StackedChart(id, titre, description, piles, present, TOP * 2 + STACK_ROW * len(rows), renvoi)
