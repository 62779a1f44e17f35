"""Assemble the model (roadmap_site.model) from checked sources: the only place that reads record fields by name
and the only place that links objects to each other."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from types import MappingProxyType

from . import diagnostic, suivi
from .model import (
    Action,
    Annee,
    Axe,
    Identite,
    Indicateurs,
    Ligne,
    Mention,
    Objectif,
    Organisation,
    Redirection,
    Roadmap,
    Source,
    Term,
    freeze,
    link,
)
from .schema import SchemaSet
from .sources import Sources

NOT_GIVEN = "non renseigné"
TERM_FIELDS = ("nom", "sigle", "description")


def _texts(value) -> tuple[str, ...] | None:
    """A list rubric, or None for « non renseigné »."""
    return tuple(value) if isinstance(value, list) else None


def vocabulary(data: dict) -> dict[str, Term]:
    return {code: Term(code, entry["nom"], entry.get("sigle"), entry.get("description"),
                       freeze({k: v for k, v in entry.items() if k not in TERM_FIELDS}))
            for code, entry in data.items()}


def organisations(data: dict) -> dict[str, Organisation]:
    found = {key: Organisation(key, value["nom"], value.get("sigle"), tuple(value.get("notes", ())))
             for key, value in data.items()}
    for key, value in data.items():
        if "rattachement" in value:
            link(found[key], rattachement=found[value["rattachement"]])
    for org in found.values():
        link(org, filiales=tuple(x for x in found.values() if x.rattachement is org))
    return found


def axes(data: dict) -> tuple[tuple[Axe, ...], dict[str, Objectif]]:
    built, objectifs = [], {}
    for code, value in sorted(data.items(), key=lambda item: item[1]["numero"]):
        axe = Axe(code, value["numero"], value["nom"], freeze(value["introduction"]))
        link(axe, objectifs=tuple(Objectif(o["code"], o["intitule"], axe) for o in value["objectifs"]))
        objectifs.update({o.code: o for o in axe.objectifs})
        built.append(axe)
    return tuple(built), objectifs


def _ligne(item: dict, bases: dict[str, Term]) -> Ligne:
    return Ligne(texte=item["texte"], etp=item.get("etp"), montant=item.get("montant"),
                 par_annee=tuple(Annee(y["annee"], y["montant"]) for y in item.get("par_annee", [])),
                 base=bases[item["base"]] if "base" in item else None, objet=item.get("objet"),
                 groupe=item.get("groupe"))


def _lignes(value, bases: dict[str, Term]) -> tuple[Ligne, ...] | None:
    return tuple(_ligne(item, bases) for item in value) if isinstance(value, list) else None


def action(doc, axes_by_code: dict[str, Axe], objectifs: dict[str, Objectif], vocabularies: dict[str, dict[str, Term]],
           orgs: dict[str, Organisation], porteur: Organisation) -> Action:
    data = doc.data
    bases = vocabularies["bases"]

    def mention(item: dict) -> Mention:
        return Mention(orgs.get(item.get("organisation", "")), item.get("texte"), item.get("precision"),
                       item.get("groupe"))

    porteurs = tuple(mention(p) for p in data["porteurs"])
    indicateurs = data["indicateurs"]
    source = data.get("source")
    return Action(
        numero=data["numero"], slug=data["slug"], file=doc.name, intitule=data["intitule"],
        axe=axes_by_code[data["axe"]], objectif=objectifs[data["objectif"]],
        programme=vocabularies["programmes"][data["programme"]], public_cible=tuple(data["public_cible"]),
        publics=tuple(vocabularies["publics"][code] for code in data["publics"]), enjeux=freeze(data["enjeux"]),
        description=freeze(data["description"]), porteurs=porteurs,
        partenaires=tuple(mention(p) for p in data["partenaires"]) if isinstance(data["partenaires"], list) else None,
        freins=_texts(data["freins"]), leviers=_texts(data["leviers"]),
        rh=_lignes(data["rh"], bases), investissement=_lignes(data["investissement"], bases),
        ressources_existantes=_texts(data["ressources_existantes"]),
        indicateurs=Indicateurs(_texts(indicateurs["quantitatifs"]),
                                _texts(indicateurs["qualitatifs"]) if "qualitatifs" in indicateurs else None),
        source=Source(source["fiche"], source["page"], source["section"], tuple(source.get("notes") or ()))
        if source is not None else None,
        portee_par_porteur=any(m.organisation is porteur for m in porteurs),
    )


def redirections(document) -> tuple[Redirection, ...]:
    return tuple(Redirection(old, new, document.name, document.line_of([old])) for old, new in document.data.items())


def build(root: Path, sources: Sources, schemas: SchemaSet) -> Roadmap:
    """Cross-link checked sources into the model."""
    orgs = organisations(sources.data("organisations"))
    vocabularies = {name: vocabulary(data) for name in sources.vocabularies
                    if name != "axes" and isinstance(data := sources.vocabulary(name), dict)}
    built_axes, objectifs = axes(sources.vocabulary("axes"))
    identity = sources.data("feuille_de_route")
    identite = Identite(identity["nom"], orgs[identity["porteur"]], freeze(identity["source"]),
                        freeze(identity["territoires"]), freeze(identity.get("diagnostic")),
                        freeze(identity.get("licence")))
    axes_by_code = {a.code: a for a in built_axes}
    actions = tuple(action(doc, axes_by_code, objectifs, vocabularies, orgs, identite.porteur)
                    for doc in sorted(sources.collections["actions"], key=lambda d: d.data["numero"]))
    # One pass over the fiches (not one per objective or organisation: hundreds of each at scale).
    of_objective: defaultdict[int, list[Action]] = defaultdict(list)
    carried: defaultdict[int, dict[int, Action]] = defaultdict(dict)
    partnered: defaultdict[int, dict[int, Action]] = defaultdict(dict)
    for a in actions:
        of_objective[id(a.objectif)].append(a)
        for m in a.porteurs:
            carried[id(m.organisation)][id(a)] = a  # a dict keeps each fiche once, in fiche order
        for m in a.partenaires or ():
            partnered[id(m.organisation)][id(a)] = a
    for objectif in objectifs.values():
        link(objectif, actions=tuple(of_objective[id(objectif)]))
    for org in orgs.values():
        link(org, porteur_de=tuple(carried[id(org)].values()), partenaire_de=tuple(partnered[id(org)].values()))
    by_number = {a.numero: a for a in actions}
    annex = diagnostic.build(sources, schemas.raw["epci"], identite, orgs, vocabularies.get("types-epci", {}),
                             by_number.__getitem__)
    return Roadmap(
        root=root, identite=identite, actions=actions, axes=built_axes, organisations=MappingProxyType(orgs),
        programmes=MappingProxyType(vocabularies["programmes"]), bases=MappingProxyType(vocabularies["bases"]),
        vocabularies=MappingProxyType(vocabularies), redirections=redirections(sources.documents["redirections"]),
        schemas=schemas, diagnostic=annex, suivi=suivi.build(sources, actions, built_axes, vocabularies),
        sources=sources)
