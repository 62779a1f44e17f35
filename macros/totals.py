"""Sums of ETP and one-off investment, and the lines that cannot honestly be added to them.

A yearly amount, a per-structure amount or a line with no figure is never folded into a total: it is
listed beside it, so a reader sees both what adds up and what does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Action


@dataclass
class Aside:
    """A line left out of a total, and why."""

    action: Action
    rubrique: str  # "rh" or "investissement"
    ligne: dict
    raison: str


@dataclass
class Totals:
    actions: list[Action]
    etp: float = 0.0
    ponctuel: float = 0.0
    a_part: list[Aside] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.actions)

    def count_where(self, programme: str) -> int:
        return sum(1 for a in self.actions if a.data["programme"] == programme)

    @property
    def portees_par_syndicat(self) -> int:
        return sum(1 for a in self.actions if a.porte_par_syndicat)

    def asides(self, rubrique: str) -> list[Aside]:
        return [a for a in self.a_part if a.rubrique == rubrique]


def totals(actions: list[Action], bases: dict[str, dict]) -> Totals:
    """Add up what can be added; keep the rest aside with the reason in words."""
    result = Totals(list(actions))
    for action in actions:
        for line in action.lines("rh"):
            if "etp" not in line:
                result.a_part.append(Aside(action, "rh", line, "sans ETP chiffré"))
            elif line.get("base") == "par_structure":
                result.a_part.append(Aside(action, "rh", line, "par structure"))
            else:
                result.etp += line["etp"]
        for line in action.lines("investissement"):
            base = line.get("base")
            if base is None:
                result.a_part.append(Aside(action, "investissement", line, "non chiffré"))
            elif bases[base]["additionnable"]:
                result.ponctuel += line["montant"]
            else:
                result.a_part.append(Aside(action, "investissement", line, bases[base]["nom"].lower()))
    result.etp = round(result.etp, 4)
    return result
