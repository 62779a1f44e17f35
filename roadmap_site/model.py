"""Stage 3 of the engine, model: typed, immutable objects built from checked records.

Everything a template or an export needs is an attribute here; no raw dict of a data file goes past this
point. Relations run both ways (an axis knows its fiches, a fiche its axis): roadmap_site.build creates the
objects and links them once, then nothing changes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import address


class Record(Mapping):
    """A checked part of a data file whose shape only its schema and template know (structured text, a
    part of the diagnostic): read-only, by key or by attribute."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is read-only")

    def __repr__(self) -> str:
        return f"Record({self._data!r})"


def freeze(value: Any) -> Any:
    """Mappings become Records and lists tuples, all the way down."""
    if isinstance(value, dict):
        return Record({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value


def link(obj: Any, **relations: Any) -> None:
    """Set the relations of a frozen object, once, while roadmap_site.build assembles the model."""
    for name, value in relations.items():
        object.__setattr__(obj, name, value)


@dataclass(frozen=True, eq=False)
class Term:
    """An entry of a vocabulary (data/vocabulaires/): a code and what the site says of it."""

    code: str
    nom: str
    sigle: str | None = None
    description: str | None = None
    extra: Record = field(default_factory=lambda: Record({}))

    def __getattr__(self, name: str) -> Any:
        """Fields a vocabulary adds to code, nom, sigle and description (bases: cumul, resume…)."""
        try:
            return object.__getattribute__(self, "extra")[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True, eq=False)
class Organisation:
    id: str
    nom: str
    sigle: str | None
    notes: tuple[str, ...] = ()  # where the register writes the name, and each transcription choice
    rattachement: Organisation | None = None
    filiales: tuple[Organisation, ...] = ()
    porteur_de: tuple[Action, ...] = ()
    partenaire_de: tuple[Action, ...] = ()

    def __repr__(self) -> str:
        return f"Organisation({self.id!r})"

    @property
    def url(self) -> str:
        return address.organisation(self.id)

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every fiche naming the organisation, as carrier or partner, in fiche order."""
        return tuple(sorted(set(self.porteur_de) | set(self.partenaire_de), key=lambda a: a.numero))


@dataclass(frozen=True, eq=False)
class Objectif:
    code: str
    intitule: str
    axe: Axe | None = None
    actions: tuple[Action, ...] = ()

    def __repr__(self) -> str:
        return f"Objectif({self.code!r})"

    @property
    def ancre(self) -> str:
        return "objectif-" + self.code.replace(".", "-")


@dataclass(frozen=True, eq=False)
class Axe:
    code: str
    numero: int
    nom: str
    introduction: tuple
    objectifs: tuple[Objectif, ...] = ()

    def __repr__(self) -> str:
        return f"Axe({self.code!r})"

    @property
    def url(self) -> str:
        return address.axe(self.code)

    @property
    def titre(self) -> str:
        return f"Axe {self.numero} : {self.nom}"

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for o in self.objectifs for a in o.actions)


@dataclass(frozen=True)
class Mention:
    """An organisation of the registry or a generic partner, as a fiche names it: `texte` is the fiche's
    own wording, set on an organisation only where it differs from the registry's name."""

    organisation: Organisation | None
    texte: str | None
    precision: str | None = None
    groupe: str | None = None

    @property
    def nom(self) -> str:
        """The name as the fiche writes it."""
        if self.texte or self.organisation is None:  # a mention names an organisation or has its own text
            return self.texte or ""
        return self.organisation.nom

    @property
    def libelle(self) -> str:
        """The whole mention as pages print it: the name, then what the fiche adds in parentheses."""
        return f"{self.nom} ({self.precision})" if self.precision else self.nom


@dataclass(frozen=True)
class Annee:
    annee: int
    montant: float


@dataclass(frozen=True)
class Ligne:
    """One line of the `rh` or `investissement` rubric of a fiche, as written and as figured."""

    texte: str
    etp: float | None = None
    montant: float | None = None
    par_annee: tuple[Annee, ...] = ()
    base: Term | None = None
    objet: str | None = None
    groupe: str | None = None


@dataclass(frozen=True)
class Indicateurs:
    quantitatifs: tuple[str, ...] | None  # None: « non renseigné » in the fiche
    qualitatifs: tuple[str, ...] | None = None  # None: the fiche has no such rubric


@dataclass(frozen=True)
class Source:
    fiche: int
    page: int
    section: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Action:
    """A fiche action. A rubric the fiche leaves empty (« non renseigné ») is None."""

    numero: int
    slug: str
    file: str
    intitule: str
    axe: Axe
    objectif: Objectif
    programme: Term
    public_cible: tuple[str, ...]  # the register's wording
    publics: tuple[Term, ...]  # its categories (data/vocabulaires/publics.yml)
    enjeux: tuple
    description: tuple
    porteurs: tuple[Mention, ...]
    partenaires: tuple[Mention, ...] | None
    freins: tuple[str, ...] | None
    leviers: tuple[str, ...] | None
    rh: tuple[Ligne, ...] | None
    investissement: tuple[Ligne, ...] | None
    ressources_existantes: tuple[str, ...] | None
    indicateurs: Indicateurs
    source: Source | None  # None: a fiche added after the adopted document
    portee_par_porteur: bool  # carried or co-carried by the organisation that carries the roadmap

    def __repr__(self) -> str:
        return f"Action({self.numero})"

    @property
    def url(self) -> str:
        return address.fiche(self.slug)

    @property
    def lien_court(self) -> str:
        return address.short_link(self.numero)

    @property
    def groupes_partenaires(self) -> list[tuple[str | None, list[Mention]]]:
        """Partners under the headings the fiche gives them, in the fiche's order."""
        groups: list[tuple[str | None, list[Mention]]] = []
        for mention in self.partenaires or ():
            if not groups or groups[-1][0] != mention.groupe:
                groups.append((mention.groupe, []))
            groups[-1][1].append(mention)
        return groups

    def lignes(self, rubrique: str) -> tuple[Ligne, ...]:
        """The lines of `rh` or `investissement`; none when the fiche leaves the rubric empty."""
        return getattr(self, rubrique) or ()


@dataclass(frozen=True)
class Redirection:
    """An old or short address that leads to a current one; where it is declared, for error messages."""

    ancienne: str  # "actions/ancien-slug/"
    nouvelle: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Identite:
    """data/feuille-de-route.yml: what the pages say of the roadmap and of its source."""

    nom: str
    porteur: Organisation
    source: Record
    territoires: Record
    diagnostic: Record | None
    licence: Record | None = None  # of the open data files: code, nom, adresse


@dataclass(frozen=True, eq=False)
class Roadmap:
    """Everything the site shows, checked and cross-linked."""

    root: Path
    identite: Identite
    actions: tuple[Action, ...]
    axes: tuple[Axe, ...]
    organisations: Mapping[str, Organisation]
    programmes: Mapping[str, Term]
    bases: Mapping[str, Term]
    vocabularies: Mapping[str, Mapping[str, Term]]
    redirections: tuple[Redirection, ...]  # those of data/redirections.yml
    schemas: Any  # roadmap_site.schema.SchemaSet, for the contributor guide
    diagnostic: Any  # roadmap_site.diagnostic.Diagnostic, or None without an annex
    suivi: Any = None  # roadmap_site.suivi.Suivi, or None without follow-up records
    sources: Any = None  # roadmap_site.sources.Sources: the documents as read, which the open data records are

    def __repr__(self) -> str:
        return f"Roadmap({self.root}, {len(self.actions)} fiches)"

    def action(self, numero: int) -> Action:
        return next(a for a in self.actions if a.numero == int(numero))

    def axe(self, code: str) -> Axe:
        return next(x for x in self.axes if x.code == code)
