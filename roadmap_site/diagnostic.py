"""The territorial diagnostic annexed to a roadmap, as model objects: one territory per EPCI record with
its figures, the themes of enjeux linked to fiches, documented local actions and the one-file parts
(departmental context, accompaniments, actors, tools, numérique responsable). A roadmap may have none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import address
from .model import Action, Organisation, Record, Term, freeze, link


@dataclass(frozen=True)
class Indicateur:
    """A figure the territories are compared on (marked `x-comparaison` in the territory schema)."""

    key: str
    titre: str
    definition_variable: bool  # the definition differs between territories: show it with each value


@dataclass(frozen=True)
class Figure:
    """One figure of a territory: a measured value, a statement without a number, or nothing."""

    key: str
    titre: str
    chiffre: Any  # Record (valeur… or constat…) or the text « non renseigné »
    definition_variable: bool  # the definition differs between territories: show it with each value

    @property
    def mesure(self) -> Record | None:
        return self.chiffre if isinstance(self.chiffre, Record) and "valeur" in self.chiffre else None

    @property
    def constat(self) -> Record | None:
        return self.chiffre if isinstance(self.chiffre, Record) and "constat" in self.chiffre else None


@dataclass(frozen=True, eq=False)
class Territoire:
    numero: int
    slug: str
    file: str
    nom: str
    nom_court: str
    type: Term
    communes: int
    communes_dans_le_departement: int | None
    communes_citees: tuple[str, ...] | None
    figures: tuple[Figure, ...]
    dispositifs: tuple
    diagnostic: tuple
    illustration_perdue: Record | None
    source: Record
    organisation: Organisation | None
    actions_locales: tuple[Record, ...] = ()

    def __repr__(self) -> str:
        return f"Territoire({self.slug!r})"

    @property
    def url(self) -> str:
        return address.territoire(self.slug)

    @property
    def fiches(self) -> tuple[Action, ...]:
        """Fiches that name this territory (through its organisation in the registry)."""
        return self.organisation.actions if self.organisation else ()

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


@dataclass(frozen=True, eq=False)
class Theme:
    """A theme of "Enjeux et dispositifs existants", with the fiches each enjeu links to."""

    numero: int
    slug: str
    file: str
    titre: str
    enjeux: tuple[Record, ...]
    source: Record
    fiches: dict[int, tuple[Action, ...]]  # enjeu number → fiches

    def __repr__(self) -> str:
        return f"Theme({self.slug!r})"

    @property
    def url(self) -> str:
        return address.theme(self.slug)


@dataclass(frozen=True, eq=False)
class Diagnostic:
    titre: str
    indicateurs: tuple[Indicateur, ...]
    territoires: tuple[Territoire, ...]
    themes: tuple[Theme, ...]
    actions_locales: tuple[Record, ...]
    contexte: Record | None
    accompagnements: Record | None
    acteurs: Record | None
    numerique_responsable: Record | None
    outils: Record | None

    def territoire(self, slug: str) -> Territoire:
        return next(t for t in self.territoires if t.slug == slug)

    def theme(self, slug: str) -> Theme:
        return next(t for t in self.themes if t.slug == slug)


def compared_figures(schema: dict) -> tuple[Indicateur, ...]:
    """The properties of the territory schema marked `x-comparaison`, in schema order."""
    return tuple(Indicateur(key, node["title"], bool(node.get("x-definition-variable")))
                 for key, node in schema["properties"].items() if node.get("x-comparaison"))


def build(sources, schema: dict, identite, organisations: dict[str, Organisation], types: dict[str, Term],
          action: Callable[[int], Action]) -> Diagnostic | None:
    """The annex from checked records, or None when the roadmap has no diagnostic at all."""
    collections = sources.collections
    singles = ("contexte", "accompagnements", "acteurs", "numerique_responsable", "outils")
    if identite.diagnostic is None and not any(collections[k] for k in ("epci", "enjeux", "actions_locales")) \
            and all(sources.data(k) is None for k in singles):
        return None
    figures = compared_figures(schema)
    locales = tuple(sorted((freeze(d.data) for d in collections["actions_locales"]), key=lambda a: a.ordre))
    territoires = []
    for doc in sorted(collections["epci"], key=lambda d: d.data["numero"]):
        data = doc.data
        territoire = Territoire(
            numero=data["numero"], slug=data["slug"], file=doc.name, nom=data["nom"], nom_court=data["nom_court"],
            type=types[data["type"]], communes=data["communes"],
            communes_dans_le_departement=data.get("communes_dans_le_departement"),
            communes_citees=tuple(data["communes_citees"]) if isinstance(data["communes_citees"], list) else None,
            figures=tuple(Figure(i.key, i.titre, freeze(data[i.key]), i.definition_variable) for i in figures),
            dispositifs=freeze(data["dispositifs"]), diagnostic=freeze(data["diagnostic"]),
            illustration_perdue=freeze(data.get("illustration_perdue")), source=freeze(data["source"]),
            organisation=organisations.get(data.get("organisation")))
        link(territoire, actions_locales=tuple(a for a in locales if a.get("epci") == territoire.slug))
        territoires.append(territoire)
    themes = tuple(
        Theme(numero=d.data["numero"], slug=d.data["slug"], file=d.name, titre=d.data["titre"],
              enjeux=freeze(d.data["enjeux"]), source=freeze(d.data["source"]),
              fiches={e["numero"]: tuple(action(n) for n in e.get("fiches", [])) for e in d.data["enjeux"]})
        for d in sorted(collections["enjeux"], key=lambda d: d.data["numero"]))
    return Diagnostic(
        titre=identite.diagnostic.titre if identite.diagnostic else "", indicateurs=figures,
        territoires=tuple(territoires),
        themes=themes, actions_locales=locales,
        **{name: freeze(sources.data(name)) for name in singles})
