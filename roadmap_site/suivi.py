"""The follow-up of a roadmap, beside its fiches: the deliberations that are its sources, the status,
targets, measured values and calendar of each fiche, and the budget lines of the register's tables.

Living data, kept apart from the fiches (which stay the transcription of the adopted document) and
optional: a roadmap without deliberations/, suivi/ and budget/ has no follow-up (`build` returns None).
A fiche the register says nothing about gets the default status of the vocabulary, never a guess; a
target without a measured value is said so, never shown as 0 %. Dated facts sort in the order of
roadmap_site.dates ("2025" before "2025-03-07").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import address
from .dates import order
from .formatting import date_au, mesure, nombre, pourcent
from .model import Action, Axe, Record, Term, freeze, link
from .sources import Sources

FALLBACK_DEFAULT = Term("non_renseigne", "Non renseigné", description="Le registre ne dit rien de l'avancement.",
                        extra=freeze({"defaut": True}))


@dataclass(frozen=True)
class Passage:
    """Lines of the register's extracted text."""

    premiere: int
    derniere: int

    @property
    def texte(self) -> str:
        return f"l. {self.premiere}" if self.premiere == self.derniere else f"l. {self.premiere}-{self.derniere}"


@dataclass(frozen=True)
class Reference:
    """Where a fact comes from: a deliberation and its lines, or another document."""

    deliberation: Deliberation | None
    lignes: Passage | None
    document: str | None = None


@dataclass(frozen=True)
class Annexe:
    titre: str
    lignes: Passage
    deliberation: Deliberation | None


@dataclass(frozen=True)
class Piste:
    """One line of a meeting's table of proposed actions, with its scores as the register prints them."""

    code: str
    titre: str
    ligne: int
    rubrique: bool = False
    rh: int | str | None = None  # number of clock pictograms, or "non lisible"
    investissement: int | None = None  # number of « € »
    maturite: str | None = None
    priorite: str | None = None
    annee: int | None = None
    programme: Term | None = None
    action: Action | None = None
    note: str | None = None
    deliberation: Deliberation | None = None  # the meeting that examined it


@dataclass(frozen=True)
class TableauPistes:
    axe: str
    note: str | None
    pistes: tuple[Piste, ...]


@dataclass(frozen=True)
class FicheCitee:
    """A fiche a deliberation concerns; `motif` None: linked by a follow-up fact, not by the record itself."""

    action: Action
    motif: str | None


@dataclass(frozen=True, eq=False)
class Deliberation:
    slug: str
    file: str
    numero: str | None
    instance: str
    date: str
    titre: str
    titre_sommaire: str | None
    resume: str
    decision: tuple[str, ...]
    vote: str | None
    delegues: Record | None
    convocation: str | None
    points: tuple[Record, ...]
    lignes: Passage
    notes: tuple[str, ...]
    annexes: tuple[Annexe, ...] = ()
    programmation: tuple[TableauPistes, ...] = ()
    approuve_par: Deliberation | None = None
    approuve: tuple[Deliberation, ...] = ()
    fiches: tuple[FicheCitee, ...] = ()

    def __repr__(self) -> str:
        return f"Deliberation({self.slug!r})"

    @property
    def url(self) -> str:
        return address.deliberation(self.slug)

    @property
    def libelle(self) -> str:
        """How links name it: « Délibération CS2025/11 », or the title of a minutes."""
        return f"Délibération {self.numero}" if self.numero else self.titre

    @property
    def titre_page(self) -> str:
        return f"{self.libelle} : {self.titre}" if self.numero else self.titre


@dataclass(frozen=True)
class Statut:
    terme: Term
    date: str
    citation: str
    reference: Reference
    note: str | None = None


@dataclass(frozen=True)
class Cible:
    compte: str  # the fiche's indicator, or what the target counts
    de_la_fiche: bool  # True: `compte` is one of the fiche's indicators
    texte: str
    unite: str | None
    reference: Reference
    valeur: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    echeance: str | None = None
    note: str | None = None

    @property
    def chiffree(self) -> bool:
        return self.valeur is not None or self.minimum is not None or self.maximum is not None


@dataclass(frozen=True)
class Mesure:
    compte: str
    de_la_fiche: bool
    date: str
    valeur: float
    unite: str
    reference: Reference
    note: str | None = None


@dataclass(frozen=True)
class Progression:
    """How a measured value stands against a target, in words; `barre` (0 to 100) only for a target to
    reach with a measured value: a progress bar is never drawn for « unknown » nor for a range."""

    etat: str  # "sans_cible", "sans_mesure", "ratio" or "fourchette"
    texte: str
    barre: float | None = None
    pourcentage: float | None = None  # the real ratio, which may exceed 100


NO_TARGET = "pas de cible chiffrée"
NO_VALUE = "aucune valeur mesurée à ce jour"


def _range(cible: Cible) -> str:
    low, high, unit = cible.minimum, cible.maximum, cible.unite or ""
    if low is not None and high is not None:
        return f"{nombre(low)} à {mesure(high, unit)}"
    if low is not None:
        return f"au moins {mesure(low, unit)}"
    assert high is not None  # a range has a bound at least (schema)
    return f"au plus {mesure(high, unit)}"


def progression(cible: Cible | None, valeur: Mesure | None) -> Progression:
    """The progress rule: no numeric target → no bar, « pas de cible chiffrée »; no measured value →
    « aucune valeur mesurée à ce jour », never 0 %; a value above its target → a full bar and the real
    ratio in the text; a range (« 1 à 3 ») → the value compared with its bounds, in words."""
    if cible is None or not cible.chiffree:
        return Progression("sans_cible", NO_TARGET)
    if valeur is None:
        return Progression("sans_mesure", NO_VALUE)
    measured = f"{mesure(valeur.valeur, valeur.unite)} {date_au(valeur.date)}"
    if cible.valeur is not None:
        ratio = 100 * valeur.valeur / cible.valeur
        words = ", cible dépassée" if ratio > 100 else ", cible atteinte" if ratio == 100 else ""
        target = mesure(cible.valeur, cible.unite or "")  # a target value has its unit (schema)
        return Progression("ratio", f"{measured} : {pourcent(ratio)} de la cible ({target}){words}",
                           barre=min(ratio, 100.0), pourcentage=ratio)
    low, high = cible.minimum, cible.maximum
    if low is not None and valeur.valeur < low:
        words = "en dessous de la fourchette visée" if high is not None else "en dessous du minimum visé"
    elif high is not None and valeur.valeur > high:
        words = "au-dessus de la fourchette visée" if low is not None else "au-dessus du maximum visé"
    else:
        words = "dans la fourchette visée" if low is not None and high is not None else "objectif respecté"
    return Progression("fourchette", f"{measured} : {words} ({_range(cible)})")


@dataclass(frozen=True)
class Indicateur:
    """What a fiche's follow-up counts (one of its indicators, or another count the register targets),
    with its targets and its measured values, oldest first."""

    nom: str
    de_la_fiche: bool
    cibles: tuple[Cible, ...]
    mesures: tuple[Mesure, ...]

    @property
    def derniere(self) -> Mesure | None:
        return self.mesures[-1] if self.mesures else None

    @property
    def progressions(self) -> tuple[tuple[Cible | None, Progression], ...]:
        """Each target against the latest value; a value without target says « pas de cible chiffrée »."""
        if not self.cibles:
            return ((None, progression(None, self.derniere)),)
        return tuple((c, progression(c, self.derniere)) for c in self.cibles)


@dataclass(frozen=True)
class Jalon:
    date: str
    date_texte: str | None
    texte: str
    reference: Reference


@dataclass(frozen=True)
class Total:
    """A total the register prints, beside the sum of the lines it adds up (`calcule`)."""

    libelle: str
    montant: float
    perimetre: str  # "tableau", "fiches" or "axe"
    axe: Axe | None
    lignes: Passage
    calcule: float
    note: str | None = None

    @property
    def ecart(self) -> float:
        """Register minus computed; 0 when they agree."""
        return round(self.montant - self.calcule, 2)


@dataclass(frozen=True, eq=False)
class Poste:
    """A line of a budget table; attached to a fiche only where the register names its action."""

    objet: str
    montant: float
    action: Action | None
    axe: Axe | None  # the fiche's axis, or the one the register files an unattached line under
    reference: str | None
    titulaire: str | None
    note: str | None
    lignes: Passage
    tableau: Tableau | None = None

    @property
    def source(self) -> Reference:
        assert self.tableau is not None  # linked to its table as soon as the table is built
        return Reference(self.tableau.reference.deliberation, self.lignes)


@dataclass(frozen=True, eq=False)
class Tableau:
    """A budget table of the register: one nature (orientation, actual, order…) for one year."""

    slug: str
    file: str
    titre: str
    nature: Term
    annee: int
    reference: Reference
    ttc: bool
    postes: tuple[Poste, ...]
    totaux: tuple[Total, ...]
    notes: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Tableau({self.slug!r})"

    @property
    def recette(self) -> bool:
        return self.nature.sens == "recette"

    @property
    def sorte(self) -> str:
        """What its amounts are, in a few words and the year: « Prévu 2025 », « Commandé 2024 » (the nature's
        `colonne`, else its name): pages say it beside every amount, which never adds to another kind."""
        return f"{self.nature.extra.get('colonne', self.nature.nom)} {self.annee}"

    @property
    def ancre(self) -> str:
        return f"tableau-{self.slug}"

    def somme(self, postes) -> float | None:
        """The sum of some lines; None when there is none (never a 0 for « nothing »)."""
        postes = list(postes)
        return round(sum(p.montant for p in postes), 2) if postes else None

    def de(self, action: Action) -> tuple[Poste, ...]:
        return tuple(p for p in self.postes if p.action is action)

    def de_l_axe(self, axe: Axe) -> tuple[Poste, ...]:
        return tuple(p for p in self.postes if p.axe is axe)

    @property
    def sans_fiche(self) -> tuple[Poste, ...]:
        return tuple(p for p in self.postes if p.action is None)

    @property
    def rattachees(self) -> tuple[Poste, ...]:
        return tuple(p for p in self.postes if p.action is not None)

    def sans_fiche_de(self, axe: Axe) -> tuple[Poste, ...]:
        """Lines the register files under `axe` without naming any of its fiches."""
        return tuple(p for p in self.postes if p.action is None and p.axe is axe)

    @property
    def hors_axes(self) -> tuple[Poste, ...]:
        """Lines neither attached to a fiche nor filed under an axis by the register."""
        return tuple(p for p in self.postes if p.axe is None)

    @property
    def totaux_generaux(self) -> tuple[Total, ...]:
        """The register's totals of the whole table, then of its lines attached to fiches."""
        return tuple(x for kind in ("tableau", "fiches") for x in self.totaux if x.perimetre == kind)


@dataclass(frozen=True, eq=False)
class SuiviFiche:
    """Everything the follow-up says of one fiche; a fiche without follow-up record has none of it."""

    action: Action
    file: str | None
    etat: Term  # the latest status, or the vocabulary's default
    statuts: tuple[Statut, ...]  # oldest first
    indicateurs: tuple[Indicateur, ...]
    jalons: tuple[Jalon, ...]
    notes: tuple[str, ...]
    postes: tuple[Poste, ...] = ()
    pistes: tuple[Piste, ...] = ()
    deliberations: tuple[Deliberation, ...] = ()

    @property
    def statut(self) -> Statut | None:
        return self.statuts[-1] if self.statuts else None

    @property
    def mesures(self) -> tuple[Mesure, ...]:
        return tuple(m for i in self.indicateurs for m in i.mesures)


@dataclass(frozen=True, eq=False)
class Suivi:
    """The follow-up; its hand-written pages live at `url` (dashboard), `url_budget` and `url_deliberations`."""

    deliberations: tuple[Deliberation, ...]  # latest first
    tableaux: tuple[Tableau, ...]  # expenses before receipts, latest year first, then in the natures' order
    fiches: tuple[SuiviFiche, ...]  # in fiche order
    statuts: Mapping[str, Term]  # the vocabulary, the default last
    defaut: Term

    url = address.SUIVI
    url_budget = address.BUDGET
    url_deliberations = address.DELIBERATIONS

    def fiche(self, action: Action) -> SuiviFiche:
        return self._by_action[id(action)]

    @functools.cached_property
    def _by_action(self) -> dict[int, SuiviFiche]:
        """Each page and export asks for its fiche's follow-up: a lookup, not a scan of every fiche."""
        return {id(f.action): f for f in self.fiches}

    def deliberation(self, slug: str) -> Deliberation:
        return next(d for d in self.deliberations if d.slug == slug)

    @property
    def derniere_date(self) -> str | None:
        """The date of the latest information: the latest deliberation, status or measured value."""
        dates = [d.date for d in self.deliberations] + [s.date for f in self.fiches for s in f.statuts]
        dates += [m.date for f in self.fiches for m in f.mesures]
        return max(dates, key=order, default=None)

    def compte(self, actions, code: str) -> int:
        """How many of `actions` have status `code`."""
        return sum(1 for a in actions if self.fiche(a).etat.code == code)

    @property
    def depenses(self) -> tuple[Tableau, ...]:
        return tuple(t for t in self.tableaux if not t.recette)


# --- Building, from checked sources (the only place that reads the follow-up records' fields) ------------

def _lines(value: dict) -> Passage:
    return Passage(value["premiere"], value["derniere"])


def _passage(value: dict | None) -> Passage | None:
    return _lines(value) if value else None


def _deliberation(doc) -> Deliberation:
    data = doc.data
    return Deliberation(
        slug=data["slug"], file=doc.name, numero=data.get("numero"), instance=data["instance"], date=data["date"],
        titre=data["titre"], titre_sommaire=data.get("titre_sommaire"), resume=data["resume"],
        decision=tuple(data.get("decision", ())), vote=data.get("vote"), delegues=freeze(data.get("delegues")),
        convocation=data.get("convocation"), points=freeze(data.get("points", [])), lignes=_lines(data["lignes"]),
        notes=tuple(data["source"]["notes"]))


def _reference(item: dict, deliberations: dict[str, Deliberation]) -> Reference:
    return Reference(deliberations.get(item.get("deliberation", "")), _passage(item.get("lignes")),
                     item.get("document"))


def _counted(item: dict) -> tuple[str, bool]:
    return (item["indicateur"], True) if "indicateur" in item else (item["libelle"], False)


def _indicators(data: dict, deliberations: dict[str, Deliberation]) -> tuple[Indicateur, ...]:
    cibles = [Cible(*_counted(c), texte=c["texte"], unite=c.get("unite"), reference=_reference(c, deliberations),
                    valeur=c.get("valeur"), minimum=c.get("minimum"), maximum=c.get("maximum"),
                    echeance=c.get("echeance"), note=c.get("note")) for c in data.get("cibles", [])]
    mesures = [Mesure(*_counted(m), date=m["date"], valeur=m["valeur"], unite=m["unite"],
                      reference=_reference(m, deliberations), note=m.get("note")) for m in data.get("mesures", [])]
    names = list(dict.fromkeys([(c.compte, c.de_la_fiche) for c in cibles]
                               + [(m.compte, m.de_la_fiche) for m in mesures]))
    return tuple(Indicateur(name, own, tuple(c for c in cibles if c.compte == name),
                            tuple(sorted((m for m in mesures if m.compte == name), key=lambda m: order(m.date))))
                 for name, own in names)


def _tableau(doc, deliberations, by_number: dict[int, Action], axes: dict[str, Axe],
             natures: Mapping[str, Term]) -> Tableau:
    data = doc.data
    postes = []
    for item in data["postes"]:
        action = by_number.get(item.get("fiche"))
        postes.append(Poste(item["objet"], item["montant"], action, action.axe if action else axes.get(item.get("axe")),
                            item.get("reference"), item.get("titulaire"), item.get("note"), _lines(item["lignes"])))

    def computed(total: dict) -> float:
        chosen = {"tableau": postes, "fiches": [p for p in postes if p.action],
                  "axe": [p for p in postes if p.axe is axes.get(total.get("axe", ""))]}[total["perimetre"]]
        return round(sum(p.montant for p in chosen), 2)

    totaux = tuple(Total(t["libelle"], t["montant"], t["perimetre"], axes.get(t.get("axe")), _lines(t["lignes"]),
                         computed(t), t.get("note")) for t in data.get("totaux", []))
    tableau = Tableau(data["slug"], doc.name, data["titre"], natures[data["nature"]], data["annee"],
                      Reference(deliberations[data["deliberation"]], _passage(data["lignes"])), data.get("ttc", False),
                      tuple(postes), totaux, tuple(data.get("notes", ())))
    for poste in postes:
        link(poste, tableau=tableau)
    return tableau


def _pistes(groups: list, meeting: Deliberation, by_number: dict[int, Action],
            programmes: Mapping[str, Term]) -> tuple[TableauPistes, ...]:
    return tuple(TableauPistes(g["axe"], g.get("note"), tuple(
        Piste(p["code"], p["titre"], p["ligne"], p.get("rubrique", False), p.get("rh"), p.get("investissement"),
              p.get("maturite"), p.get("priorite"), p.get("annee"), programmes.get(p.get("programme")),
              by_number.get(p.get("fiche")), p.get("note"), meeting) for p in g["pistes"])) for g in groups)


def build(sources: Sources, actions: tuple[Action, ...], axes: tuple[Axe, ...],
          vocabularies: Mapping[str, Mapping[str, Term]]) -> Suivi | None:
    """The follow-up of the roadmap, or None when it has no follow-up record at all."""
    documents = {name: sources.collections.get(name, []) for name in ("deliberations", "suivi", "budget")}
    if not any(documents.values()):
        return None
    by_number = {a.numero: a for a in actions}
    axes_by_code = {a.code: a for a in axes}
    deliberations = {doc.data["slug"]: _deliberation(doc) for doc in documents["deliberations"]}
    raw = {doc.data["slug"]: doc.data for doc in documents["deliberations"]}
    for slug, d in deliberations.items():
        link(d, approuve_par=deliberations.get(raw[slug].get("approuve_par")),
             annexes=tuple(Annexe(a["titre"], _lines(a["lignes"]), deliberations.get(a.get("deliberation")))
                           for a in raw[slug].get("annexes", [])),
             programmation=_pistes(raw[slug].get("programmation", []), d, by_number,
                                   vocabularies.get("programmes", {})))
    for d in deliberations.values():
        link(d, approuve=tuple(x for x in deliberations.values() if x.approuve_par is d))

    statuses = vocabularies.get("statuts", {})
    default = next((t for t in statuses.values() if t.extra.get("defaut")), FALLBACK_DEFAULT)
    tableaux = [_tableau(doc, deliberations, by_number, axes_by_code, vocabularies.get("natures-budget", {}))
                for doc in documents["budget"]]
    ranks = {code: i for i, code in enumerate(vocabularies.get("natures-budget", {}))}
    tableaux.sort(key=lambda t: (t.recette, -t.annee, ranks.get(t.nature.code, len(ranks)), t.slug))
    records = {doc.data["fiche"]: doc for doc in documents["suivi"]}
    pistes = [p for d in deliberations.values() for g in d.programmation for p in g.pistes if p.action]

    fiches = []
    cited: dict[Deliberation, dict[Action, str | None]] = {d: {} for d in deliberations.values()}
    for slug, d in deliberations.items():
        for item in raw[slug].get("fiches", []):
            cited[d][by_number[item["fiche"]]] = item["motif"]
    for action in actions:
        doc = records.get(action.numero)
        data = doc.data if doc else {}
        statuts = tuple(sorted((Statut(statuses[s["statut"]], s["date"], s["citation"], _reference(s, deliberations),
                                       s.get("note")) for s in data.get("statuts", [])), key=lambda s: order(s.date)))
        jalons = tuple(sorted((Jalon(j["date"], j.get("date_texte"), j["texte"], _reference(j, deliberations))
                               for j in data.get("jalons", [])), key=lambda j: order(j.date)))
        indicateurs = _indicators(data, deliberations)
        postes = tuple(p for t in tableaux for p in t.postes if p.action is action)
        own_pistes = tuple(p for p in pistes if p.action is action)
        sources_here = [s.reference.deliberation for s in statuts] + [j.reference.deliberation for j in jalons]
        sources_here += [x.reference.deliberation for i in indicateurs for x in i.cibles + i.mesures]
        sources_here += [p.source.deliberation for p in postes]
        sources_here += [p.deliberation for p in own_pistes]
        for cited_here in sources_here:
            if cited_here is not None:
                cited[cited_here].setdefault(action, None)
        mine = sorted((d for d in deliberations.values() if action in cited[d]), key=lambda d: (order(d.date), d.slug),
                      reverse=True)
        fiches.append(SuiviFiche(action, doc.name if doc else None, statuts[-1].terme if statuts else default, statuts,
                                 indicateurs, jalons, tuple(data.get("notes", ())), postes, own_pistes, tuple(mine)))
    for d, actions_cited in cited.items():
        link(d, fiches=tuple(FicheCitee(a, motif)
                             for a, motif in sorted(actions_cited.items(), key=lambda x: x[0].numero)))
    ordered = dict(sorted(statuses.items(), key=lambda kv: bool(kv[1].extra.get("defaut")))) or {default.code: default}
    return Suivi(deliberations=tuple(sorted(deliberations.values(), key=lambda d: (order(d.date), d.slug),
                                            reverse=True)),
                 tableaux=tuple(tableaux), fiches=tuple(fiches), statuts=MappingProxyType(ordered), defaut=default)

