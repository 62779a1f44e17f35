"""The follow-up's tables (roadmap_site.suivi): deliberations, the dated status of each fiche, its targets and
measured values, the budget tables and their lines. Published only by a roadmap that has a follow-up.

A date is written as precisely as the register gives it (ISO 8601: 2025-03-07, 2025-03 or 2025); a fiche
the register says nothing of has no row of status, target or value, never a made-up one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ..model import Roadmap
from .columns import Column, Context, ForeignKey, Table, joined

DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FICHE_KEY = ForeignKey(("fiche",), "actions", ("numero",))
SOURCE_KEY = ForeignKey(("deliberation",), "deliberations", ("slug",))


def _has_suivi(roadmap: Roadmap) -> bool:
    return roadmap.suivi is not None


def statut_column(context: Context) -> Column:
    """The current status of a fiche, in actions.csv: the latest the register states, else the default."""
    suivi = context.roadmap.suivi
    return Column("statut", lambda a: suivi.fiche(a).etat.code, title="Statut d'avancement", required=True,
                  description=("Le dernier statut que le registre constate pour la fiche (un code de statuts.csv), ou "
                               f"« {suivi.defaut.code} » quand il n'en dit rien ; ses dates et citations sont dans "
                               "avancement.csv."))


class Fact(NamedTuple):
    """A dated fact of a fiche's follow-up, with its place among the facts of its kind."""

    numero: int
    rang: int
    fait: Any


def _facts(roadmap: Roadmap, kind: str) -> Iterable[Fact]:
    for f in roadmap.suivi.fiches:
        found = {"statuts": f.statuts, "cibles": [c for i in f.indicateurs for c in i.cibles],
                 "mesures": f.mesures}[kind]
        yield from (Fact(f.action.numero, rang, fait) for rang, fait in enumerate(found, 1))


def _fiche() -> Column:
    return Column("fiche", lambda row: row.numero, "integer", title="Numéro de la fiche", required=True,
                  description="Le numéro de la fiche (colonne numero de actions.csv).")


def _rang(what: str) -> Column:
    return Column("rang", lambda row: row.rang, "integer", title="Rang", required=True,
                  description=f"La place {what}, à partir de 1.")


def _source(kind: str) -> list[Column]:
    """Where a fact comes from: a deliberation of deliberations.csv, or another document."""
    return [
        Column("deliberation", lambda row: row.fait.reference.deliberation.slug if row.fait.reference.deliberation
               else None, doc=f"suivi:{kind}[].deliberation", description=(
                   "La délibération ou le procès-verbal qui établit le fait (colonne slug de deliberations.csv).")),
        Column("document", lambda row: row.fait.reference.document, doc=f"suivi:{kind}[].document"),
        Column("note", lambda row: row.fait.note, doc=f"suivi:{kind}[].note",
               description="Un choix de transcription ou une réserve sur le fait, quand il y en a une."),
    ]


def _counted(kind: str) -> list[Column]:
    return [
        Column("indicateur", lambda row: row.fait.compte, title="Ce qui est compté", required=True, description=(
            "L'indicateur de la fiche (colonne texte de indicateurs.csv), ou ce que compte le registre quand ce "
            "n'est pas un indicateur de la fiche.")),
        Column("indicateur_de_la_fiche", lambda row: row.fait.de_la_fiche, "boolean", title="Indicateur de la fiche",
               required=True, description="true quand ce qui est compté est un indicateur de la fiche."),
    ]


class Line(NamedTuple):
    tableau: Any
    rang: int
    poste: Any


def _budget_lines(roadmap: Roadmap) -> Iterable[Line]:
    for t in roadmap.suivi.tableaux:
        yield from (Line(t, rang, p) for rang, p in enumerate(t.postes, 1))


SUIVI: tuple[Table, ...] = (
    Table("statuts", "Statuts d'avancement", "Les statuts d'avancement d'une fiche.",
          lambda r: r.suivi.statuts.values(), lambda c: [
              Column("code", lambda t: t.code, title="Code du statut", required=True,
                     description="Le code du statut (colonnes statut de actions.csv et de avancement.csv)."),
              Column("nom", lambda t: t.nom, title="Nom du statut", required=True,
                     description="Le statut tel que les pages l'écrivent."),
              Column("description", lambda t: t.description, title="Description",
                     description="Ce que veut dire le statut."),
              Column("tet", lambda t: t.extra.get("tet"), doc="statuts:*.tet"),
          ], ("code",), present=_has_suivi),
    Table("deliberations", "Délibérations et procès-verbaux",
          "Une ligne par délibération ou procès-verbal du registre qui concerne la feuille de route.",
          lambda r: r.suivi.deliberations, lambda c: [
              Column("slug", lambda d: d.slug, doc="deliberation:slug", required=True),
              Column("numero", lambda d: d.numero, doc="deliberation:numero"),
              Column("instance", lambda d: d.instance, doc="deliberation:instance", required=True),
              Column("date", lambda d: d.date, doc="deliberation:date", required=True, pattern=DATE,
                     description="La date de la séance (ISO 8601 : AAAA-MM-JJ)."),
              Column("titre", lambda d: d.titre, doc="deliberation:titre", required=True),
              Column("resume", lambda d: d.resume, doc="deliberation:resume", required=True),
              Column("vote", lambda d: d.vote, doc="deliberation:vote"),
              Column("fiches", lambda d: joined(str(f.action.numero) for f in d.fiches), title="Fiches concernées",
                     description="Les numéros des fiches que la délibération concerne, séparés par « ; »."),
              Column("adresse", lambda d: c.address(d.url), title="Adresse de la page", required=True,
                     description="L'adresse de la page de la délibération sur le site."),
          ], ("slug",), present=_has_suivi),
    Table("avancement", "Avancement des fiches",
          "Une ligne par statut que le registre constate pour une fiche, du plus ancien au plus récent.",
          lambda r: _facts(r, "statuts"), lambda c: [
              _fiche(), _rang("du constat parmi ceux de la fiche, du plus ancien au plus récent"),
              Column("date", lambda row: row.fait.date, doc="suivi:statuts[].date", required=True, pattern=DATE),
              Column("statut", lambda row: row.fait.terme.code, doc="suivi:statuts[].statut", required=True,
                     description="Le statut constaté (colonne code de statuts.csv)."),
              Column("citation", lambda row: row.fait.citation, doc="suivi:statuts[].citation", required=True),
              *_source("statuts"),
          ], ("fiche", "rang"),
          (FICHE_KEY, ForeignKey(("statut",), "statuts", ("code",)), SOURCE_KEY), _has_suivi),
    Table("cibles", "Cibles des fiches",
          "Une ligne par cible que le registre fixe à une fiche : une valeur à atteindre, une fourchette, ou des "
          "mots seulement (valeur, minimum et maximum vides).",
          lambda r: _facts(r, "cibles"), lambda c: [
              _fiche(), _rang("de la cible parmi celles de la fiche"), *_counted("cibles"),
              Column("texte", lambda row: row.fait.texte, doc="suivi:cibles[].texte", required=True),
              Column("valeur", lambda row: row.fait.valeur, "number", "suivi:cibles[].valeur"),
              Column("minimum", lambda row: row.fait.minimum, "number", "suivi:cibles[].minimum"),
              Column("maximum", lambda row: row.fait.maximum, "number", "suivi:cibles[].maximum"),
              Column("unite", lambda row: row.fait.unite, doc="suivi:cibles[].unite",
                     description="Ce que compte le nombre (« structures », « aidants », « % »)."),
              Column("echeance", lambda row: row.fait.echeance, doc="suivi:cibles[].echeance", pattern=DATE),
              *_source("cibles"),
          ], ("fiche", "rang"), (FICHE_KEY, SOURCE_KEY), _has_suivi),
    Table("mesures", "Valeurs mesurées",
          "Une ligne par valeur mesurée d'un indicateur ou d'une cible d'une fiche, avec sa date et sa source.",
          lambda r: _facts(r, "mesures"), lambda c: [
              _fiche(), _rang("de la valeur parmi celles de la fiche"), *_counted("mesures"),
              Column("date", lambda row: row.fait.date, doc="suivi:mesures[].date", required=True, pattern=DATE,
                     description="La date de la mesure (ISO 8601, aussi précise que la source)."),
              Column("valeur", lambda row: row.fait.valeur, "number", "suivi:mesures[].valeur", required=True),
              Column("unite", lambda row: row.fait.unite, doc="suivi:mesures[].unite", required=True,
                     description="Ce que compte le nombre, la même unité que les cibles du même indicateur."),
              *_source("mesures"),
          ], ("fiche", "rang"), (FICHE_KEY, SOURCE_KEY), _has_suivi),
    Table("budgets", "Tableaux budgétaires",
          "Une ligne par tableau budgétaire du registre : sa nature (orientation, réalisé, commande, recette…) "
          "et son année ; ses lignes sont dans lignes-budget.csv.",
          lambda r: r.suivi.tableaux, lambda c: [
              Column("slug", lambda t: t.slug, doc="budget:slug", required=True),
              Column("titre", lambda t: t.titre, doc="budget:titre", required=True),
              Column("nature", lambda t: t.nature.code, doc="budget:nature", required=True),
              Column("nature_nom", lambda t: t.nature.nom, title="Nature des montants, en toutes lettres",
                     required=True, description="La nature des montants telle que les pages l'écrivent."),
              Column("annee", lambda t: t.annee, "year", "budget:annee", required=True),
              Column("ttc", lambda t: t.ttc, "boolean", "budget:ttc", required=True, description=(
                  "true quand le registre dit que les montants sont toutes taxes comprises ; false sinon (le registre "
                  "ne le précise pas).")),
              Column("deliberation", lambda t: t.reference.deliberation.slug, doc="budget:deliberation",
                     required=True,
                     description="La délibération qui donne le tableau (colonne slug de deliberations.csv)."),
          ], ("slug",), (SOURCE_KEY,), _has_suivi),
    Table("lignes-budget", "Lignes des tableaux budgétaires",
          "Une ligne par ligne d'un tableau budgétaire, rattachée à une fiche seulement quand le registre nomme "
          "son action. Les montants de tableaux différents (orientation, réalisé, recette…) ne s'additionnent pas.",
          _budget_lines, lambda c: [
              Column("tableau", lambda row: row.tableau.slug, title="Tableau", required=True,
                     description="Le tableau de la ligne (colonne slug de budgets.csv)."),
              _rang("de la ligne dans son tableau, dans l'ordre du registre"),
              Column("objet", lambda row: row.poste.objet, doc="budget:postes[].objet", required=True),
              Column("montant", lambda row: row.poste.montant, "number", "budget:postes[].montant", required=True,
                     description=("Le montant en euros (toutes taxes comprises quand la colonne ttc du tableau "
                                  "le dit).")),
              Column("fiche", lambda row: row.poste.action.numero if row.poste.action else None, "integer",
                     "budget:postes[].fiche", description=(
                         "Le numéro de la fiche (colonne numero de actions.csv), seulement quand le registre nomme son "
                         "action ; vide sinon.")),
              Column("axe", lambda row: row.poste.axe.code if row.poste.axe else None, doc="budget:postes[].axe",
                     description=("L'axe de la ligne (colonne code de axes.csv) : celui de sa fiche, ou celui sous "
                                  "lequel le registre range une ligne sans fiche ; vide sinon.")),
              Column("reference", lambda row: row.poste.reference, doc="budget:postes[].reference"),
              Column("titulaire", lambda row: row.poste.titulaire, doc="budget:postes[].titulaire"),
              Column("note", lambda row: row.poste.note, doc="budget:postes[].note"),
          ], ("tableau", "rang"),
          (ForeignKey(("tableau",), "budgets", ("slug",)), FICHE_KEY, ForeignKey(("axe",), "axes", ("code",))),
          _has_suivi),
)
