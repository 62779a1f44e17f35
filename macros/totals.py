"""Honest summaries of the resources of a set of fiches: sums only of figures that share a unit and a base.

A sum adds figures of one unit (ETP or euros) and one base (montant ponctuel, par an, one year of a
"selon l'année" line); how a base adds up is said by its `cumul` in data/vocabulaires/bases.yml. A line
whose base does not add up across lines (par structure) is shown on its own; a line without a figure is
named, never counted as 0; a set with no figure at all has no sum, and the page says so in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Action

RUBRICS = ("rh", "investissement")
UNITS = {"rh": "etp", "investissement": "euros"}


@dataclass(frozen=True)
class Line:
    """One line of a fiche's `rh` or `investissement` rubric."""

    action: Action
    rubrique: str
    ligne: dict


@dataclass
class Sum:
    """Figures of one unit and one base added together: `base` None is a plain ETP figure."""

    unite: str  # "etp" or "euros"
    base: str | None
    cumul: str  # "somme", "par_annee" or "ligne" (a line shown on its own), from the bases vocabulary
    valeur: float = 0.0
    annee: int | None = None
    lignes: list[Line] = field(default_factory=list)


@dataclass
class Resources:
    """What one rubric of a set of fiches says in figures, and what it leaves unfigured."""

    rubrique: str
    sommes: list[Sum] = field(default_factory=list)  # sums and lines shown on their own, in reading order
    sans_chiffre: list[Line] = field(default_factory=list)  # lines that give no figure
    non_renseigne: list[Action] = field(default_factory=list)  # fiches that leave the rubric empty

    @property
    def chiffre(self) -> bool:
        return bool(self.sommes)

    def somme(self, base: str | None, annee: int | None = None) -> Sum | None:
        """The sum of one base (and year), if any line gives it a figure."""
        return next((s for s in self.additionnees if s.base == base and s.annee == annee), None)

    @property
    def additionnees(self) -> list[Sum]:
        return [s for s in self.sommes if s.cumul != "ligne"]

    @property
    def a_part(self) -> list[Sum]:
        """Figures shown line by line because their base does not add up across lines (par structure)."""
        return [s for s in self.sommes if s.cumul == "ligne"]


@dataclass
class Totals:
    actions: list[Action]
    rh: Resources
    investissement: Resources

    @property
    def count(self) -> int:
        return len(self.actions)

    def par_programme(self, code: str) -> int:
        return sum(1 for a in self.actions if a.programme_code == code)

    @property
    def portees_par_syndicat(self) -> int:
        return sum(1 for a in self.actions if a.porte_par_syndicat)


def _figures(line: dict, rubrique: str) -> list[tuple[float, int | None]]:
    """The figures of a line: (value, year); a "selon l'année" line gives one per year."""
    if rubrique == "rh":
        return [(line["etp"], None)] if "etp" in line else []
    if "par_annee" in line:
        return [(year["montant"], year["annee"]) for year in line["par_annee"]]
    return [(line["montant"], None)] if "montant" in line else []


def resources(actions: list[Action], rubrique: str, bases: dict[str, dict]) -> Resources:
    """Add up the lines of `rubrique` ("rh" or "investissement") that share a unit and a base."""
    result = Resources(rubrique)
    sums: dict[tuple, Sum] = {}
    for action in actions:
        if not action.has_lines(rubrique):
            result.non_renseigne.append(action)
            continue
        for ligne in action.lines(rubrique):
            line = Line(action, rubrique, ligne)
            figures = _figures(ligne, rubrique)
            if not figures:
                result.sans_chiffre.append(line)
            base = ligne.get("base")
            cumul = "somme" if base is None else bases[base]["cumul"]
            for value, year in figures:
                key = (id(ligne), year) if cumul == "ligne" else (base, year)
                if key not in sums:
                    sums[key] = Sum(UNITS[rubrique], base, cumul, annee=year)
                    result.sommes.append(sums[key])
                sums[key].valeur = round(sums[key].valeur + value, 4)
                sums[key].lignes.append(line)
    result.sommes.sort(key=lambda s: (_order(bases, s.base), s.annee or 0))
    return result


def _order(bases: dict[str, dict], base: str | None) -> int:
    """Plain ETP first, then the bases in the order of the vocabulary file."""
    return 0 if base is None else 1 + list(bases).index(base)


def totals(actions: list[Action], bases: dict[str, dict]) -> Totals:
    actions = list(actions)
    return Totals(actions, resources(actions, "rh", bases), resources(actions, "investissement", bases))
