"""What each macro shows: gather the model objects and figures a template needs, then render it.

Each function returns page content (HTML, with Markdown headings where the page wants them in its table
of contents) for the page at `page_url`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Action, Catalog, Mention, Organisation, public_groups
from .charts import bar_chart
from .diagnostic import VARYING_DEFINITION
from .render import render
from .schema_guide import fields
from .totals import totals


@dataclass
class GroupRow:
    """One organisation or public and the fiches naming it, counted per axe."""

    nom: str
    url: str | None
    actions: list[Action]
    par_axe: list[int]


def _rows(catalog: Catalog, groups) -> list[GroupRow]:
    rows = [GroupRow(nom, url, actions, [sum(1 for a in actions if a.axe is axe) for axe in catalog.axes])
            for nom, url, actions in groups]
    return sorted(rows, key=lambda r: (-len(r.actions), r.nom.casefold()))


def groups(catalog: Catalog, by: str) -> list[GroupRow]:
    """Fiches regrouped by porteur, by partner organisation or by public cible."""
    if by == "porteurs":
        found = [(o.nom, o.url, o.porteur_de) for o in catalog.organisations.values() if o.porteur_de]
    elif by == "partenaires":
        found = [(o.nom, o.url, o.partenaire_de) for o in catalog.organisations.values() if o.partenaire_de]
    elif by == "publics":
        found = [(nom, None, actions) for nom, actions in public_groups(catalog.actions)]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    return _rows(catalog, found)


def fiche(catalog: Catalog, numero: int, page_url: str, edit_base: str) -> str:
    action = catalog.action(numero)
    return render("fiche.html", page_url, a=action, t=totals([action], catalog.bases),
                  bases=catalog.bases, lien_modifier=edit_base + action.file)


def axe(catalog: Catalog, code: str, page_url: str) -> str:
    ax = catalog.axe(code)
    return render("axe.html", page_url, ax=ax, t=totals(ax.actions, catalog.bases))


def _wordings(org: Organisation, mentions: list[Mention]) -> list[str]:
    """How a fiche names the organisation, wherever that differs from the registry name, in fiche order."""
    found = [m.libelle for m in mentions if m.organisation is org and m.libelle != org.nom]
    return list(dict.fromkeys(found))


def organisation(catalog: Catalog, ident: str, page_url: str) -> str:
    org = catalog.organisations[ident]
    partenariats = [(a, _wordings(org, a.partenaires)) for a in org.partenaire_de]
    porteur = [(a, _wordings(org, a.porteurs)) for a in org.porteur_de]
    return render("organisation.html", page_url, o=org, porteur=porteur, partenariats=partenariats,
                  filiales=[x for x in catalog.organisations.values() if x.rattachement is org])


def engagement(catalog: Catalog, codes: list[str], page_url: str) -> str:
    """The axes' introductions in the order a hand-written page gives (the register's own order there)."""
    return render("engagement.html", page_url, axes=[catalog.axe(code) for code in codes])


def tableau_actions(catalog: Catalog, page_url: str) -> str:
    return render("tableau-actions.html", page_url, actions=catalog.actions,
                  totaux={a.numero: totals([a], catalog.bases) for a in catalog.actions})


def totaux(catalog: Catalog, page_url: str) -> str:
    par_axe = [(ax, totals(ax.actions, catalog.bases)) for ax in catalog.axes]
    syndicat = [a for a in catalog.actions if a.porte_par_syndicat]
    return render("totaux.html", page_url, par_axe=par_axe, t=totals(catalog.actions, catalog.bases),
                  syndicat=totals(syndicat, catalog.bases), axes=catalog.axes)


def regroupement(catalog: Catalog, by: str, page_url: str) -> str:
    return render("regroupement.html", page_url, rows=groups(catalog, by), axes=catalog.axes, par=by)


def organisations(catalog: Catalog, page_url: str) -> str:
    orgs = sorted(catalog.organisations.values(), key=lambda o: o.nom.casefold())
    return render("organisations.html", page_url, organisations=orgs)


def chiffres_cles(catalog: Catalog, page_url: str) -> str:
    return render("chiffres-cles.html", page_url, t=totals(catalog.actions, catalog.bases),
                  axes=[(ax, totals(ax.actions, catalog.bases)) for ax in catalog.axes],
                  organisations=len([o for o in catalog.organisations.values() if o.actions]))


def guide_des_champs(catalog: Catalog, page_url: str) -> str:
    return render("guide.html", page_url, champs=fields(catalog.schemas, "action"))


# The diagnostic annex (macros/diagnostic.py).

DIAGNOSTIC_PARTS = {1: "diagnostic/", 2: "diagnostic/epci/", 3: "diagnostic/accompagnements/",
                    4: "diagnostic/acteurs/", 5: "diagnostic/outils/", 6: "diagnostic/numerique-responsable/",
                    7: "diagnostic/enjeux/", 8: "diagnostic/actions-locales/"}


def epci(catalog: Catalog, slug: str, page_url: str) -> str:
    generic = [a for a in catalog.actions
               if any(m.texte and "EPCI" in m.texte for m in a.partenaires or [])]
    return render("epci.html", page_url, e=catalog.diagnostic.epci(slug), types=catalog.vocabularies["types-epci"],
                  generiques=generic)


def comparaison_epci(catalog: Catalog, page_url: str) -> str:
    epcis = catalog.diagnostic.epcis
    titles = [f.titre for f in epcis[0].figures]
    charts = [bar_chart(f.key, f"{f.titre} par intercommunalité", epcis, f.key in VARYING_DEFINITION)
              for f in epcis[0].figures]
    return render("epci-comparaison.html", page_url, epcis=epcis, titres=titles, graphiques=charts,
                  tableau="legende-comparaison-table", variables=VARYING_DEFINITION)


def diagnostic_contexte(catalog: Catalog, page_url: str) -> str:
    return render("diagnostic-contexte.html", page_url, x=catalog.diagnostic.contexte, sommaire=DIAGNOSTIC_PARTS)


def diagnostic_partie(catalog: Catalog, partie: str, page_url: str) -> str:
    """One of the one-record parts: accompagnements, acteurs, outils, numerique-responsable."""
    record = getattr(catalog.diagnostic, partie.replace("-", "_"))
    return render(f"{partie}.html", page_url, x=record, organisations=catalog.organisations)


def actions_locales(catalog: Catalog, page_url: str) -> str:
    return render("actions-locales.html", page_url, actions=catalog.diagnostic.actions_locales,
                  epcis={e.slug: e for e in catalog.diagnostic.epcis})


def enjeux(catalog: Catalog, page_url: str) -> str:
    return render("enjeux.html", page_url, themes=catalog.diagnostic.themes)


def enjeu(catalog: Catalog, slug: str, page_url: str) -> str:
    return render("enjeu.html", page_url, t=catalog.diagnostic.theme(slug))
