"""What each template is given: the model objects and figures it shows, computed here, never in templates.

One function per template; each returns the template's context for a roadmap (and the object the page is
about). Generated pages get their context through roadmap_site.pages; hand-written pages through the macros glue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import address, exports
from .charts import Chart, bar_chart, stacked_chart, value_chart
from .dates import build_day
from .formatting import NBSP, date_fr, euros
from .guide import fields
from .model import Action, Axe, Organisation, Roadmap, Term
from .render import render
from .search import fold
from .summary import totals


@dataclass(frozen=True)
class GroupRow:
    """One organisation or public and the fiches naming it, counted per axe; `filtre`: the same fiches as a
    selection of the index's table (the filter and its value), which lists them."""

    nom: str
    url: str | None
    actions: tuple[Action, ...]
    par_axe: tuple[int, ...]
    filtre: tuple[str, str]


def groups(roadmap: Roadmap, by: str) -> list[GroupRow]:
    """Fiches regrouped by porteur, by partner organisation or by public cible."""
    found: list[tuple[str, str | None, Iterable[Action], tuple[str, str]]]
    if by == "porteurs":
        found = [(o.nom, o.url, o.porteur_de, ("porteur", o.id))
                 for o in roadmap.organisations.values() if o.porteur_de]
    elif by == "partenaires":
        found = [(o.nom, o.url, o.partenaire_de, ("partenaire", o.id))
                 for o in roadmap.organisations.values() if o.partenaire_de]
    elif by == "publics":
        found = [(p.nom, None, actions, ("public", p.code)) for p, actions in _by_public(roadmap)]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    rows = [GroupRow(nom, url, tuple(actions), tuple(sum(1 for a in actions if a.axe is axe) for axe in roadmap.axes),
                     filtre) for nom, url, actions, filtre in found]
    return sorted(rows, key=lambda r: (-len(r.actions), r.nom.casefold()))


@dataclass(frozen=True)
class Choix:
    valeur: str  # in the page's address (?porteur=cci-du-lot) and on each row
    nom: str
    nombre: int  # fiches with this value


@dataclass(frozen=True)
class Filtre:
    """A filter of the index of actions: a criterion, its choices (those some fiche has), each fiche's values."""

    cle: str
    titre: str
    tous: str  # the choice that keeps every fiche
    choix: tuple[Choix, ...]
    valeurs: Mapping[int, tuple[str, ...]]  # fiche number → its values


def _filtre(cle: str, titre: str, tous: str, options: Iterable[tuple[str, str]],
            valeurs_de: Callable[[Action], Iterable[str]], actions) -> Filtre:
    """`options`: (value, name) in the order shown; `valeurs_de(action)`: the values a fiche has."""
    valeurs = {a.numero: tuple(dict.fromkeys(valeurs_de(a))) for a in actions}
    counts = Counter(v for values in valeurs.values() for v in values)
    return Filtre(cle, titre, tous, tuple(Choix(v, nom, counts[v]) for v, nom in options if counts[v]), valeurs)


def _by_public(roadmap: Roadmap) -> list[tuple[Term, list[Action]]]:
    """The categories of publics (data/vocabulaires/publics.yml) that some fiche names, in the vocabulary's
    order, each with its fiches."""
    publics = roadmap.vocabularies.get("publics", {})
    return [(p, found) for p in publics.values() if (found := [a for a in roadmap.actions if p in a.publics])]


def filtres(roadmap: Roadmap) -> list[Filtre]:
    """The filters of the index of actions, all computed from the model: another criterion is one more entry
    here (as the follow-up status is), its values on the rows and its choices in the form follow."""
    actions = roadmap.actions
    organisations = sorted(roadmap.organisations.values(), key=lambda o: fold(o.nom))
    return [
        _filtre("axe", "Axe", "Tous les axes", [(ax.code, ax.titre) for ax in roadmap.axes],
                lambda a: [a.axe.code], actions),
        _filtre("objectif", "Objectif", "Tous les objectifs",
                [(o.code, f"{o.code} : {o.intitule}") for ax in roadmap.axes for o in ax.objectifs],
                lambda a: [a.objectif.code], actions),
        _filtre("porteur", "Porteur", "Tous les porteurs", [(o.id, o.nom) for o in organisations],
                lambda a: [m.organisation.id for m in a.porteurs if m.organisation], actions),
        _filtre("partenaire", "Organisation partenaire", "Toutes les organisations partenaires",
                [(o.id, o.nom) for o in organisations],
                lambda a: [m.organisation.id for m in a.partenaires or () if m.organisation], actions),
        _filtre("public", "Public cible", "Tous les publics", [(p.code, p.nom) for p, _ in _by_public(roadmap)],
                lambda a: [p.code for p in a.publics], actions),
        _filtre("programme", "Programme", "Tous les programmes",
                [(code, p.nom) for code, p in roadmap.programmes.items()], lambda a: [a.programme.code], actions),
    ] + _status_filter(roadmap)


def _status_filter(roadmap: Roadmap) -> list[Filtre]:
    """The follow-up status of each fiche (the vocabulary's default when the register says nothing), for a
    roadmap that has a follow-up; the home page links to the index filtered by it (?statut=en_cours)."""
    s = roadmap.suivi
    if s is None:
        return []
    return [_filtre("statut", "Statut", "Tous les statuts", [(code, t.nom) for code, t in s.statuts.items()],
                    lambda a: [s.fiche(a).etat.code], roadmap.actions)]


def _common(roadmap: Roadmap) -> dict:
    return {"roadmap": roadmap.identite, "bases": roadmap.bases}


def citation(roadmap: Roadmap, action: Action) -> str:
    """A fiche as a partner cites it, before its address: who publishes the roadmap, the fiche's number and
    title, the document and the day it was adopted — each from the records (data/feuille-de-route.yml),
    none guessed: no date when the file gives none, nor for a fiche added after the adoption."""
    identite = roadmap.identite
    parts = [identite.porteur.nom, f"fiche n°{action.numero} « {action.intitule} »", identite.source["document"]]
    adoptee = identite.source.get("date_adoption")
    if adoptee and action.source is not None:
        parts.append(f"adoptée {'le' if adoptee.count('-') == 2 else 'en'} {date_fr(adoptee)}")
    return ", ".join(parts)


def fiche(roadmap: Roadmap, action: Action) -> dict:
    return {**_common(roadmap), "a": action, "t": totals([action], roadmap.bases),
            "suivi": roadmap.suivi.fiche(action) if roadmap.suivi else None, "s": roadmap.suivi,
            "fichiers": {"json": address.fiche_json(action.url), "flux": address.fiche_feed(action.url)},
            "citation": citation(roadmap, action)}


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
    """The index of actions; `statuts`: each fiche's follow-up status (fiche number → Term, with its rank in
    the vocabulary to sort by), empty without a follow-up."""
    s = roadmap.suivi
    ranks = {code: i for i, code in enumerate(s.statuts)} if s else {}
    return {**_common(roadmap), "actions": roadmap.actions, "programmes": roadmap.programmes,
            "totaux": {a.numero: totals([a], roadmap.bases) for a in roadmap.actions}, "filtres": filtres(roadmap),
            "statuts": {a.numero: (s.fiche(a).etat, ranks[s.fiche(a).etat.code]) for a in roadmap.actions} if s else {}}


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


# What the publisher states of itself (the legal notice, the accessibility contact), from the one place it
# is set (extra.editeur in mkdocs.yml): the keys the law asks for, in the order the pages list the missing ones.
EDITEUR_REQUIS = ("adresse", "telephone", "courriel", "directeur_publication",
                  "hebergeur.nom", "hebergeur.adresse", "hebergeur.telephone")


def editeur(roadmap: Roadmap, reglages: Mapping | None) -> dict:
    """The publisher's settings, every key present (empty when unset), and the required ones still empty, for
    the publisher and for the host: the pages say those will be published, and never print an empty line."""
    reglages = reglages or {}
    hebergeur = reglages.get("hebergeur") or {}
    e: dict[str, Any] = {key: str(reglages.get(key) or "").strip() for key in
         ("nom", "siren", "lieu_des_seances", "adresse", "telephone", "courriel", "directeur_publication",
          "schema_accessibilite")}
    e["nom"] = e["nom"] or roadmap.identite.porteur.nom
    e["hebergeur"] = {key: str(hebergeur.get(key) or "").strip() for key in ("nom", "adresse", "telephone")}
    manquants = {"editeur": [k for k in EDITEUR_REQUIS if "." not in k and not e[k]],
                 "hebergeur": [k for k in EDITEUR_REQUIS if k.startswith("hebergeur.") and not e["hebergeur"][k[10:]]]}
    return {**_common(roadmap), "e": e, "manquants": manquants}


@dataclass(frozen=True)
class Tableau:
    """A CSV file of the open data, as the « Données ouvertes » page lists it."""

    table: exports.columns.Table
    adresse: str
    lignes: int
    colonnes: int


def donnees(roadmap: Roadmap) -> dict:
    """What the open data holds, from the declarations that write it (roadmap_site.exports)."""
    context = exports.columns.Context(roadmap)
    return {**_common(roadmap),
            "tableaux": [Tableau(t, address.data_table(t.name), sum(1 for _ in t.rows(roadmap)),
                                 len(t.columns(context))) for t in exports.tables.tables(roadmap)],
            "paquet": address.DATA_PACKAGE, "complet": address.DATA_ROADMAP,
            "flux": exports.changes.site_feed(roadmap)[1],
            "schemas": [(name, address.data_schema(name)) for name in roadmap.schemas.raw],
            "exemple": roadmap.actions[0] if roadmap.actions else None,
            "fiche_json": lambda a: address.fiche_json(a.url), "fiche_flux": lambda a: address.fiche_feed(a.url),
            "licence": roadmap.identite.licence, "suivi": roadmap.suivi is not None}


def guide_des_champs(roadmap: Roadmap, schema: str = "action") -> dict:
    """The fields of a record schema; the fiche's table keeps its ids, the others get the schema's name."""
    title = roadmap.schemas.raw[schema]["title"]
    return {"champs": fields(roadmap.schemas, schema), "schema": schema,
            "id": "legende-champs" if schema == "action" else f"legende-champs-{schema}",
            "legende": ("Les champs d'une fiche action" if schema == "action"
                        else f"Les champs d'un fichier « {title} »")}


# The territorial diagnostic (roadmap_site.diagnostic).

def territoire(roadmap: Roadmap, slug: str) -> dict:
    generic = roadmap.identite.territoires.get("mention_generique")
    fiches = [a for a in roadmap.actions
              if generic and any(m.texte and generic in m.texte and not m.organisation for m in a.partenaires or ())]
    return {**_common(roadmap), "e": roadmap.diagnostic.territoire(slug), "generiques": fiches}


@dataclass(frozen=True)
class Colonne:
    """A compared figure: its title, and its unit when every value shares it (then said once, in the header)."""

    key: str
    titre: str
    unite: str | None


@dataclass(frozen=True)
class Note:
    """What a cell of the comparison holds besides a number, said once for every cell that holds the same: the
    statement made instead of a number, the definition when it changes between territories, a figure printed
    elsewhere in the document."""

    numero: int
    colonne: Colonne
    constat: str | None
    definition: str | None
    ailleurs: str | None
    territoires: tuple  # of Territoire, in table order


_NoteKey = tuple[str, Any, Any, Any]  # column, statement, definition, printed elsewhere


def _note_key(colonne: Colonne, figure) -> _NoteKey | None:
    chiffre = figure.mesure or figure.constat
    if chiffre is None:
        return None
    key = (colonne.key, figure.constat.constat if figure.constat else None,
           chiffre.get("definition") if figure.definition_variable else None, chiffre.get("imprime_ailleurs"))
    return key if any(key[1:]) else None


def comparaison(roadmap: Roadmap) -> dict:
    """The territories side by side: units in the headers, numbers alone in the cells, and every statement,
    varying definition or placement in numbered notes under the table (one note per distinct text)."""
    territoires = roadmap.diagnostic.territoires
    colonnes = []
    for f in roadmap.diagnostic.indicateurs:
        unites = {t.figure(f.key).mesure.unite for t in territoires if t.figure(f.key).mesure}
        colonnes.append(Colonne(f.key, f.titre, unites.pop() if len(unites) == 1 else None))
    found: dict[_NoteKey, list] = {}
    cells = {}
    for t in territoires:
        for colonne in colonnes:
            key = _note_key(colonne, t.figure(colonne.key))
            if key is not None:
                found.setdefault(key, []).append(t)
                cells[t.slug, colonne.key] = key
    notes = {key: Note(i, next(c for c in colonnes if c.key == key[0]), *key[1:], tuple(ts))
             for i, (key, ts) in enumerate(found.items(), start=1)}
    charts = [bar_chart(f.key, f"{f.titre} par {roadmap.identite.territoires.singulier}", territoires,
                        f.definition_variable) for f in roadmap.diagnostic.indicateurs]
    variables = [(f.titre, list(dict.fromkeys(t.figure(f.key).chiffre.definition for t in territoires
                                              if isinstance(t.figure(f.key).chiffre, Mapping))))
                 for f in roadmap.diagnostic.indicateurs if f.definition_variable]
    return {**_common(roadmap), "epcis": territoires, "colonnes": colonnes, "notes": list(notes.values()),
            "note": {cell: notes[key] for cell, key in cells.items()},
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


# The follow-up (roadmap_site.suivi): dashboard, budget, deliberations, the home page's summary.

def tableau_de_bord(roadmap: Roadmap) -> dict:
    """Status counts per axis and, for each axis, each fiche's follow-up."""
    s = roadmap.suivi
    comptes = [(ax, [s.compte(ax.actions, code) for code in s.statuts]) for ax in roadmap.axes]
    chart = stacked_chart("graphique-statuts", "Statuts des fiches par axe",
                          [(f"Axe {ax.numero} : {ax.nom}", list(zip((t.nom for t in s.statuts.values()), counts)))
                           for ax, counts in comptes], s.defaut.nom, "tableau des statuts par axe")
    return {"s": s, "comptes": comptes, "total": [s.compte(roadmap.actions, code) for code in s.statuts],
            "graphique": chart, "construit": build_day().isoformat(),
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
                       "tableau de synthèse par fiche et par axe")


def budget(roadmap: Roadmap) -> dict:
    """The summary first: one column per register table (one nature, one year: never added to another), one
    row per axis, per fiche with lines and per group of lines without fiche, the register's totals beside
    the sums; then each table in detail. `par_axe`: (axis, its fiches with lines, whether some line of the
    axis has no fiche)."""
    s = roadmap.suivi
    par_axe = [(ax, [a for a in ax.actions if any(t.de(a) for t in s.tableaux)],
                any(t.sans_fiche_de(ax) for t in s.tableaux)) for ax in roadmap.axes]
    return {"s": s, "par_axe": par_axe, "hors_axes": any(t.hors_axes for t in s.tableaux),
            "graphiques": {t.slug: _chart(t, roadmap.axes) for t in s.depenses}}


def liste_deliberations(roadmap: Roadmap) -> dict:
    return {"s": roadmap.suivi}


def deliberation(roadmap: Roadmap, d) -> dict:
    s = roadmap.suivi
    return {"d": d, "tableaux": [t for t in s.tableaux if t.reference.deliberation is d],
            "s_budget": s.url_budget}


def etat_suivi(roadmap: Roadmap) -> dict:
    """Where the roadmap stands, for the home page: status counts, the latest year's expense tables."""
    s = roadmap.suivi
    latest = max((t.annee for t in s.depenses), default=None)
    return {"s": s, "total": [(s.statuts[code], s.compte(roadmap.actions, code)) for code in s.statuts],
            "budget": [t for t in s.depenses if t.annee == latest]}


# The blocks hand-written pages call (through the macros glue): name → (template, view). A template may
# depend on the block's arguments.
BLOCKS: dict[str, tuple[str | Callable[..., str], Callable[..., dict]]] = {
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
    "mentions_legales": ("mentions-legales.html", editeur),  # argument: extra.editeur of mkdocs.yml
    "contact_editeur": ("contact.html", editeur),
    "schema_accessibilite": ("schema-accessibilite.html", editeur),
    "tableau_de_bord": ("suivi.html", tableau_de_bord),
    "budget": ("budget.html", budget),
    "liste_deliberations": ("deliberations.html", liste_deliberations),
    "etat_suivi": ("etat-suivi.html", etat_suivi),
    "donnees_ouvertes": ("donnees.html", donnees),
}


def render_block(roadmap: Roadmap, name: str, page_url: str, *args) -> str:
    """The HTML of block `name` for the page at `page_url`."""
    template, view = BLOCKS[name]
    return render(template if isinstance(template, str) else template(*args), page_url, **view(roadmap, *args))
