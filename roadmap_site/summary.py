"""Honest summaries of the resources of a set of fiches: sums only of figures that share a unit and a base.

A sum adds figures of one unit (ETP or euros) and one base (montant ponctuel, par an, one year of a
"selon l'année" line); how a base adds up is its `cumul` in the bases vocabulary (data/vocabulaires/
bases.yml): "somme", "par_annee", or "ligne" (never added: each line is shown on its own). A line without a
figure is named, never counted as 0; a set with no figure at all has no sum, and the page says so in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Action, Ligne, Term

UNITS = {"rh": "etp", "investissement": "euros"}


@dataclass(frozen=True)
class Line:
    """One line of a fiche's `rh` or `investissement` rubric, with its fiche."""

    action: Action
    ligne: Ligne


@dataclass
class Sum:
    """Figures of one unit and one base added together; `base` None: a plain ETP figure."""

    unite: str  # "etp" or "euros"
    base: Term | None
    seule: bool  # a line whose base adds up with no other (par structure): shown on its own
    valeur: float = 0.0
    annee: int | None = None
    lignes: list[Line] = field(default_factory=list)


@dataclass
class Resources:
    """What one rubric of a set of fiches says in figures, and what it leaves unfigured."""

    rubrique: str
    sommes: list[Sum] = field(default_factory=list)  # in the order of the bases vocabulary
    sans_chiffre: list[Line] = field(default_factory=list)  # lines that give no figure
    non_renseigne: list[Action] = field(default_factory=list)  # fiches that leave the rubric empty

    def somme(self, base: str | None, annee: int | None = None) -> Sum | None:
        """The sum of one base code (and year), if any line gives it a figure."""
        return next((s for s in self.additionnees if (s.base.code if s.base else None) == base
                     and s.annee == annee), None)

    @property
    def additionnees(self) -> list[Sum]:
        return [s for s in self.sommes if not s.seule]

    @property
    def a_part(self) -> list[Sum]:
        """Figures shown line by line because their base does not add up across lines (par structure)."""
        return [s for s in self.sommes if s.seule]


@dataclass
class Totals:
    actions: list[Action]
    rh: Resources
    investissement: Resources

    @property
    def count(self) -> int:
        return len(self.actions)

    def par_programme(self, code: str) -> int:
        return sum(1 for a in self.actions if a.programme.code == code)

    @property
    def portees_par_porteur(self) -> int:
        return sum(1 for a in self.actions if a.portee_par_porteur)


def _figures(ligne: Ligne, rubrique: str) -> list[tuple[float, int | None]]:
    """The figures of a line: (value, year); a "selon l'année" line gives one per year."""
    if rubrique == "rh":
        return [(ligne.etp, None)] if ligne.etp is not None else []
    if ligne.par_annee:
        return [(year.montant, year.annee) for year in ligne.par_annee]
    return [(ligne.montant, None)] if ligne.montant is not None else []


def resources(actions: list[Action], rubrique: str, bases: Mapping[str, Term]) -> Resources:
    """Add up the lines of `rubrique` ("rh" or "investissement") that share a unit and a base."""
    result = Resources(rubrique)
    sums: dict[tuple, Sum] = {}
    for action in actions:
        if getattr(action, rubrique) is None:
            result.non_renseigne.append(action)
            continue
        for ligne in action.lignes(rubrique):
            line = Line(action, ligne)
            figures = _figures(ligne, rubrique)
            if not figures:
                result.sans_chiffre.append(line)
            alone = ligne.base is not None and ligne.base.cumul == "ligne"
            for value, year in figures:
                key = (id(ligne), year) if alone else (ligne.base, year)
                if key not in sums:
                    sums[key] = Sum(UNITS[rubrique], ligne.base, alone, annee=year)
                    result.sommes.append(sums[key])
                sums[key].valeur = round(sums[key].valeur + value, 4)
                sums[key].lignes.append(line)
    order = [None, *bases.values()]
    result.sommes.sort(key=lambda s: (order.index(s.base), s.annee))  # a base's sums all have a year, or none
    return result


def totals(actions, bases: Mapping[str, Term]) -> Totals:
    actions = list(actions)
    return Totals(actions, resources(actions, "rh", bases), resources(actions, "investissement", bases))
