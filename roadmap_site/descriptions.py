"""One-sentence summaries of the generated pages, from their records: the page's `<meta name="description">`
and the text of a link preview (Open Graph) when a partner shares it. Plain text; whoever prints it escapes it.
"""

from __future__ import annotations

from .formatting import date_fr
from .model import Action, Axe, Organisation, Roadmap


def _numeros(actions) -> str:
    """« la fiche n°15 », « les fiches n°4 et n°8 », « 11 fiches » (beyond three, a count)."""
    numeros = [f"n°{a.numero}" for a in actions]
    if len(numeros) == 1:
        return f"la fiche {numeros[0]}"
    if len(numeros) > 3:
        return f"{len(numeros)} fiches"
    return "les fiches " + ", ".join(numeros[:-1]) + " et " + numeros[-1]


def _fiches(n: int) -> str:
    return f"{n} fiche action" if n == 1 else f"{n} fiches action"


def fiche(roadmap: Roadmap, a: Action) -> str:
    porteurs = ", ".join(m.nom for m in a.porteurs)
    return (f"Fiche action n°{a.numero} de {roadmap.identite.nom} ({a.axe.titre}) : {a.intitule}. "
            f"Porteur{'s' if len(a.porteurs) > 1 else ''} : {porteurs}.")


def axe(roadmap: Roadmap, ax: Axe) -> str:
    objectifs = len(ax.objectifs)
    return (f"{ax.titre}, de {roadmap.identite.nom} : {_fiches(len(ax.actions))}, "
            f"{objectifs} objectif{'s' if objectifs > 1 else ''}.")


def organisation(roadmap: Roadmap, o: Organisation) -> str:
    name = f"{o.nom} ({o.sigle})" if o.sigle else o.nom
    roles = ([f"porteur de {_numeros(o.porteur_de)}"] if o.porteur_de else []) + \
        ([f"partenaire de {_numeros(o.partenaire_de)}"] if o.partenaire_de else [])
    return f"{name} dans {roadmap.identite.nom}" + (f" : {' et '.join(roles)}." if roles else ".")


def _d_apres(roadmap: Roadmap) -> str:
    titre = roadmap.diagnostic.titre
    return f" d'après « {titre} »" if titre else ""


def territoire(roadmap: Roadmap, e) -> str:
    return (f"{e.nom} : chiffres clés, dispositifs d'inclusion numérique et diagnostic{_d_apres(roadmap)} "
            f"({roadmap.identite.nom}).")


def theme(roadmap: Roadmap, t) -> str:
    return (f"{t.titre} : les enjeux et les dispositifs existants{_d_apres(roadmap)}, "
            f"et les fiches action de {roadmap.identite.nom} qui y répondent.")


def deliberation(roadmap: Roadmap, d) -> str:
    seance = date_fr(d.date)
    when = "" if seance.replace("\xa0", " ") in d.titre_page else f" ({d.instance}, séance du {seance})"
    return f"{d.titre_page}{when} : ce que le registre en dit et les fiches concernées ({roadmap.identite.nom})."
