"""The annex "Diagnostic inclusion numérique 2024": EPCI records, themes of enjeux, documented local actions
and the one-off parts (departmental context, accompaniments, actors, tools, numérique responsable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Action, Catalog, Organisation
    from .loader import Document

# The figures every EPCI record gives, in the order of the comparison page.
FIGURES = ("population", "densite", "taux_pauvrete", "taux_chomage", "part_personnes_agees")
# Figures whose definition differs from one EPCI to another (60 ans et plus, 65 ans et plus, seniors).
VARYING_DEFINITION = ("part_personnes_agees",)
NOT_GIVEN = "non renseigné"


@dataclass
class Figure:
    """One figure of an EPCI: a measured value, a statement without a number, or nothing."""

    key: str
    titre: str
    chiffre: Any

    @property
    def mesure(self) -> dict | None:
        return self.chiffre if isinstance(self.chiffre, dict) and "valeur" in self.chiffre else None

    @property
    def constat(self) -> dict | None:
        return self.chiffre if isinstance(self.chiffre, dict) and "constat" in self.chiffre else None


@dataclass(eq=False, repr=False)
class Epci:
    data: dict
    file: str
    titles: dict[str, str]
    organisation: "Organisation | None" = None
    actions_locales: list[dict] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Epci({self.slug!r})"

    @property
    def slug(self) -> str:
        return self.data["slug"]

    @property
    def url(self) -> str:
        return f"diagnostic/epci/{self.slug}/"

    @property
    def nom_court(self) -> str:
        return self.data["nom_court"]

    @property
    def fiches(self) -> list["Action"]:
        """Fiches that name this EPCI (through its organisation in the registry)."""
        return self.organisation.actions if self.organisation else []

    def figure(self, key: str) -> Figure:
        return Figure(key, self.titles[key], self.data[key])

    @property
    def figures(self) -> list[Figure]:
        return [self.figure(key) for key in FIGURES]


@dataclass(eq=False, repr=False)
class Theme:
    """A theme of "Enjeux et dispositifs existants", with the fiches each enjeu links to."""

    data: dict
    file: str
    fiches: dict[int, list["Action"]]  # enjeu number → fiches

    def __repr__(self) -> str:
        return f"Theme({self.data['slug']!r})"

    @property
    def url(self) -> str:
        return f"diagnostic/enjeux/{self.data['slug']}/"


@dataclass(repr=False)
class Diagnostic:
    epcis: list[Epci]
    themes: list[Theme]
    actions_locales: list[dict]
    contexte: dict
    accompagnements: dict
    acteurs: dict
    numerique_responsable: dict
    outils: dict

    def epci(self, slug: str) -> Epci:
        return next(e for e in self.epcis if e.slug == slug)

    def theme(self, slug: str) -> Theme:
        return next(t for t in self.themes if t.data["slug"] == slug)


def build(catalog: "Catalog", collections: dict[str, list["Document"]], documents: dict[str, dict]) -> Diagnostic:
    """Cross-link the validated annex records with the fiches and the organisations."""
    titles = {key: catalog.schemas["epci"]["properties"][key]["title"] for key in FIGURES}
    epcis = [Epci(doc.data, doc.name, titles, catalog.organisations.get(doc.data.get("organisation")))
             for doc in sorted(collections["epci"], key=lambda d: d.data["numero"])]
    locales = sorted((doc.data for doc in collections["actions_locales"]), key=lambda d: d["ordre"])
    for epci in epcis:
        epci.actions_locales = [a for a in locales if a.get("epci") == epci.slug]
    themes = [Theme(doc.data, doc.name,
                    {e["numero"]: [catalog.action(n) for n in e.get("fiches", [])] for e in doc.data["enjeux"]})
              for doc in sorted(collections["enjeux"], key=lambda d: d.data["numero"])]
    return Diagnostic(epcis, themes, locales, documents["contexte"], documents["accompagnements"],
                      documents["acteurs"], documents["numerique_responsable"], documents["outils"])
