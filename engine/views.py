"""What each template is given: the model objects and figures it shows, computed here, never in templates.

One function per template; each returns the template's context for a roadmap (and the object the page is
about). Generated pages get their context through engine.pages; hand-written pages through the macros glue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .charts import Chart, bar_chart, value_chart
from .formatting import NBSP, euros
from .guide import fields
from .model import Action, Axe, Organisation, Roadmap
from .render import render
from .summary import totals


@dataclass(frozen=True)
class GroupRow:
    """One organisation or public and the fiches naming it, counted per axe."""

    nom: str
    url: str | None
    actions: tuple[Action, ...]
    par_axe: tuple[int, ...]


def public_groups(actions) -> list[tuple[str, list[Action]]]:
    """Fiches grouped by public cible, matching publics written alike (case aside), biggest groups first."""
    names: dict[str, str] = {}
    groups: dict[str, list[Action]] = {}
    for action in actions:
        for public in action.public_cible:
            key = public.strip().rstrip(".").casefold()
            names.setdefault(key, public.strip().rstrip("."))
            if action not in groups.setdefault(key, []):
                groups[key].append(action)
    counts = Counter({key: len(value) for key, value in groups.items()})
    return [(names[key], groups[key]) for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def groups(roadmap: Roadmap, by: str) -> list[GroupRow]:
    """Fiches regrouped by porteur, by partner organisation or by public cible."""
    if by == "porteurs":
        found = [(o.nom, o.url, o.porteur_de) for o in roadmap.organisations.values() if o.porteur_de]
    elif by == "partenaires":
        found = [(o.nom, o.url, o.partenaire_de) for o in roadmap.organisations.values() if o.partenaire_de]
    elif by == "publics":
        found = [(nom, None, actions) for nom, actions in public_groups(roadmap.actions)]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    rows = [GroupRow(nom, url, tuple(actions), tuple(sum(1 for a in actions if a.axe is axe) for axe in roadmap.axes))
            for nom, url, actions in found]
    return sorted(rows, key=lambda r: (-len(r.actions), r.nom.casefold()))


def _common(roadmap: Roadmap) -> dict:
    return {"roadmap": roadmap.identite, "bases": roadmap.bases}


def fiche(roadmap: Roadmap, action: Action) -> dict:
    return {**_common(roadmap), "a": action, "t": totals([action], roadmap.bases),
            "suivi": roadmap.suivi.fiche(action) if roadmap.suivi else None, "s": roadmap.suivi}


def axe(roadmap: Roadmap, ax: Axe) -> dict:
    return {**_common(roadmap), "ax": ax, "t": totals(ax.actions, roadmap.bases)}


def _wordings(org: Organisation, mentions) -> list[str]:
    """How a fiche names the organisation, wherever that differs from the registry name, in fiche order."""
    return list(dict.fromkeys(m.libelle for m in mentions if m.organisation is org and m.libelle != org.nom))


def organisation(roadmap: Roadmap, org: Organisation) -> dict:
    return {**_common(roadmap), "o": org,
            "porteur": [(a, _wordings(org, a.porteurs)) for a in org.porteur_de],
            "partenariats": [(a, _wordings(org, a.partenaires or ())) for a in org.partenaire_de]}


def engagement(roadmap: Roadmap, codes: list[str]) -> dict:
    """The axes' introductions in the order a hand-written page gives (the register's own order there)."""
    return {"axes": [roadmap.axe(code) for code in codes]}


def tableau_actions(roadmap: Roadmap) -> dict:
    return {**_common(roadmap), "actions": roadmap.actions, "programmes": roadmap.programmes,
            "totaux": {a.numero: totals([a], roadmap.bases) for a in roadmap.actions}}


def totaux(roadmap: Roadmap) -> dict:
    carried = [a for a in roadmap.actions if a.portee_par_porteur]
    return {**_common(roadmap), "par_axe": [(ax, totals(ax.actions, roadmap.bases)) for ax in roadmap.axes],
            "t": totals(roadmap.actions, roadmap.bases), "porteur": totals(carried, roadmap.bases),
            "programmes": roadmap.programmes}


def regroupement(roadmap: Roadmap, by: str) -> dict:
    return {"rows": groups(roadmap, by), "axes": roadmap.axes, "par": by}


def liste_organisations(roadmap: Roadmap) -> dict:
    return {"organisations": sorted(roadmap.organisations.values(), key=lambda o: o.nom.casefold())}


def chiffres_cles(roadmap: Roadmap) -> dict:
    return {**_common(roadmap), "t": totals(roadmap.actions, roadmap.bases),
            "axes": [(ax, totals(ax.actions, roadmap.bases)) for ax in roadmap.axes],
            "programmes": roadmap.programmes,
            "organisations": len([o for o in roadmap.organisations.values() if o.actions])}


def guide_des_champs(roadmap: Roadmap, schema: str = "action") -> dict:
    """The fields of a record schema; the fiche's table keeps its ids, the others get the schema's name."""
    title = roadmap.schemas.raw[schema]["title"]
    return {"champs": fields(roadmap.schemas, schema), "schema": schema,
            "id": "legende-champs" if schema == "action" else f"legende-champs-{schema}",
            "legende": "Les champs d'une fiche action" if schema == "action" else f"Les champs d'un fichier « {title} »"}


# The territorial diagnostic (engine.diagnostic).

def territoire(roadmap: Roadmap, slug: str) -> dict:
    generic = roadmap.identite.territoires.get("mention_generique")
    fiches = [a for a in roadmap.actions
              if generic and any(m.texte and generic in m.texte and not m.organisation for m in a.partenaires or ())]
    return {**_common(roadmap), "e": roadmap.diagnostic.territoire(slug), "generiques": fiches}


def comparaison(roadmap: Roadmap) -> dict:
    territoires = roadmap.diagnostic.territoires
    charts = [bar_chart(f.key, f"{f.titre} par {roadmap.identite.territoires.singulier}", territoires,
                        f.definition_variable) for f in territoires[0].figures]
    variables = [(f.titre, list(dict.fromkeys(t.figure(f.key).chiffre.definition for t in territoires
                                              if isinstance(t.figure(f.key).chiffre, Mapping))))
                 for f in territoires[0].figures if f.definition_variable]
    return {**_common(roadmap), "epcis": territoires, "titres": roadmap.diagnostic.figures_comparees,
            "graphiques": charts, "tableau": "legende-comparaison-table", "variables": variables}


def diagnostic_contexte(roadmap: Roadmap) -> dict:
    return {**_common(roadmap), "x": roadmap.diagnostic.contexte}


def diagnostic_partie(roadmap: Roadmap, partie: str) -> dict:
    """One of the one-file parts: accompagnements, acteurs, outils, numerique-responsable."""
    return {**_common(roadmap), "x": getattr(roadmap.diagnostic, partie.replace("-", "_")),
            "organisations": roadmap.organisations}


def actions_locales(roadmap: Roadmap) -> dict:
    return {**_common(roadmap), "actions": roadmap.diagnostic.actions_locales,
            "epcis": {e.slug: e for e in roadmap.diagnostic.territoires}}


def enjeux(roadmap: Roadmap) -> dict:
    return {"themes": roadmap.diagnostic.themes}


def enjeu(roadmap: Roadmap, slug: str) -> dict:
    return {**_common(roadmap), "t": roadmap.diagnostic.theme(slug)}


# The follow-up (engine.suivi): dashboard, budget, deliberations, the home page's summary.

def tableau_de_bord(roadmap: Roadmap) -> dict:
    """Status counts per axis and, for each axis, each fiche's follow-up."""
    s = roadmap.suivi
    comptes = [(ax, [s.compte(ax.actions, code) for code in s.statuts]) for ax in roadmap.axes]
    return {"s": s, "comptes": comptes, "total": [s.compte(roadmap.actions, code) for code in s.statuts],
            "axes": [(ax, [s.fiche(a) for a in ax.actions]) for ax in roadmap.axes],
            "sans_statut": [f for f in s.fiches if f.statut is None],
            "mesures": sum(len(f.mesures) for f in s.fiches)}


def _chart(tableau, axes) -> Chart:
    """The amounts of a budget table by axis, and its lines without fiche, as bars."""
    suffix = f"{NBSP}TTC" if tableau.ttc else ""
    values = [(ax.nom, tableau.somme(tableau.de_l_axe(ax))) for ax in axes]
    if tableau.hors_axes:
        values.append(("Sans fiche ni axe", tableau.somme(tableau.hors_axes)))
    return value_chart(f"graphique-{tableau.slug}", f"{tableau.titre} : montants par axe",
                       [(label, v, euros(v) + suffix if v is not None else "aucune ligne") for label, v in values],
                       "tableau des dépenses par fiche et par axe")


def budget(roadmap: Roadmap) -> dict:
    """Per fiche and per axis, the amounts of each budget table, the register's totals beside the sums."""
    s = roadmap.suivi

    def by_axis(tableaux):
        return [(ax, [a for a in ax.actions if any(t.de(a) for t in tableaux)]) for ax in roadmap.axes]

    return {"s": s, "depenses": by_axis(s.depenses), "recettes": by_axis(s.recettes),
            "graphiques": {t.slug: _chart(t, roadmap.axes) for t in s.depenses}}


def liste_deliberations(roadmap: Roadmap) -> dict:
    return {"s": roadmap.suivi}


def deliberation(roadmap: Roadmap, d) -> dict:
    s = roadmap.suivi
    return {"d": d, "tableaux": [t for t in s.tableaux if t.reference.deliberation is d],
            "s_budget": s.url_budget, "s_liste": s.url_deliberations}


def etat_suivi(roadmap: Roadmap) -> dict:
    """Where the roadmap stands, for the home page: status counts, the latest year's expense tables."""
    s = roadmap.suivi
    latest = max((t.annee for t in s.depenses), default=None)
    return {"s": s, "total": [(s.statuts[code], s.compte(roadmap.actions, code)) for code in s.statuts],
            "budget": [t for t in s.depenses if t.annee == latest]}


# The blocks hand-written pages call (through the macros glue): name → (template, view). A template may
# depend on the block's arguments.
BLOCKS = {
    "tableau_actions": ("tableau-actions.html", tableau_actions),
    "totaux": ("totaux.html", totaux),
    "regroupement": ("regroupement.html", regroupement),
    "liste_organisations": ("organisations.html", liste_organisations),
    "chiffres_cles": ("chiffres-cles.html", chiffres_cles),
    "guide_des_champs": ("guide.html", guide_des_champs),
    "comparaison_epci": ("epci-comparaison.html", comparaison),
    "diagnostic_contexte": ("diagnostic-contexte.html", diagnostic_contexte),
    "diagnostic_partie": (lambda partie: f"{partie}.html", diagnostic_partie),
    "actions_locales": ("actions-locales.html", actions_locales),
    "enjeux": ("enjeux.html", enjeux),
    "engagement": ("engagement.html", engagement),
    "tableau_de_bord": ("suivi.html", tableau_de_bord),
    "budget": ("budget.html", budget),
    "liste_deliberations": ("deliberations.html", liste_deliberations),
    "etat_suivi": ("etat-suivi.html", etat_suivi),
}


def render_block(roadmap: Roadmap, name: str, page_url: str, *args) -> str:
    """The HTML of block `name` for the page at `page_url`."""
    template, view = BLOCKS[name]
    return render(template(*args) if callable(template) else template, page_url, **view(roadmap, *args))
