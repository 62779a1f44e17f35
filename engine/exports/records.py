"""The model written back in the format of the records: the JSON exports hold exactly what the YAML files
say, field for field, so that a reuser reads them with the published record schemas, and an export can be
edited and brought back as a record (imports and exports in one format).

This is engine.build run backwards: a field added to a record needs a line here too; the tests compare
every export with the YAML files read directly, so a forgotten field fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..build import NOT_GIVEN
from ..model import Action, Axe, Identite, Ligne, Mention, Organisation, Roadmap, Term


def thaw(value: Any) -> Any:
    """A frozen value (engine.model.freeze) as plain JSON values: Records become dicts, tuples lists."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [thaw(item) for item in value]
    return value


def _given(**fields: Any) -> dict:
    """The fields a record states: an absent optional field is left out, never written as null."""
    return {key: value for key, value in fields.items() if value is not None}


def _or_not_given(values: Iterable | None, each: Callable[[Any], Any] = thaw) -> Any:
    """A rubric: its items, or « non renseigné » when the fiche leaves it empty."""
    return NOT_GIVEN if values is None else [each(value) for value in values]


def _mention(mention: Mention) -> dict:
    return _given(organisation=mention.organisation.id if mention.organisation else None, texte=mention.texte,
                  precision=mention.precision, groupe=mention.groupe)


def _ligne(ligne: Ligne) -> dict:
    return _given(texte=ligne.texte, objet=ligne.objet, etp=ligne.etp, montant=ligne.montant,
                  base=ligne.base.code if ligne.base else None,
                  par_annee=[{"annee": y.annee, "montant": y.montant} for y in ligne.par_annee] or None,
                  groupe=ligne.groupe)


def fiche(action: Action) -> dict:
    """A fiche as its file actions/NN-<slug>.yml writes it."""
    a = action
    indicateurs = _given(quantitatifs=_or_not_given(a.indicateurs.quantitatifs),
                         qualitatifs=thaw(a.indicateurs.qualitatifs))
    return {
        "numero": a.numero, "slug": a.slug, "programme": a.programme.code, "axe": a.axe.code,
        "objectif": a.objectif.code, "intitule": a.intitule, "public_cible": list(a.public_cible),
        "enjeux": thaw(a.enjeux), "description": thaw(a.description),
        "porteurs": [_mention(m) for m in a.porteurs], "partenaires": _or_not_given(a.partenaires, _mention),
        "freins": _or_not_given(a.freins), "leviers": _or_not_given(a.leviers),
        "rh": _or_not_given(a.rh, _ligne), "investissement": _or_not_given(a.investissement, _ligne),
        "ressources_existantes": _or_not_given(a.ressources_existantes), "indicateurs": indicateurs,
        "source": {"fiche": a.source.fiche, "page": a.source.page, "section": a.source.section,
                   "notes": list(a.source.notes)},
    }


def organisations(found: Mapping[str, Organisation]) -> dict:
    """data/organisations.yml."""
    return {org.id: _given(nom=org.nom, sigle=org.sigle, notes=list(org.notes) or None,
                           rattachement=org.rattachement.id if org.rattachement else None)
            for org in found.values()}


def vocabulary(terms: Mapping[str, Term]) -> dict:
    """A vocabulary of data/vocabulaires/."""
    return {code: {**_given(nom=t.nom, sigle=t.sigle, description=t.description), **thaw(t.extra)}
            for code, t in terms.items()}


def axes(found: Iterable[Axe]) -> dict:
    """data/vocabulaires/axes.yml."""
    return {ax.code: {"numero": ax.numero, "nom": ax.nom, "introduction": thaw(ax.introduction),
                      "objectifs": [{"code": o.code, "intitule": o.intitule} for o in ax.objectifs]}
            for ax in found}


def identite(identity: Identite) -> dict:
    """data/feuille-de-route.yml."""
    return _given(nom=identity.nom, porteur=identity.porteur.id, source=thaw(identity.source),
                  diagnostic=thaw(identity.diagnostic), territoires=thaw(identity.territoires),
                  licence=thaw(identity.licence))


def territoire(t) -> dict:
    """A file of diagnostic/epci/."""
    return {
        "numero": t.numero, "slug": t.slug, "nom": t.nom, "nom_court": t.nom_court, "type": t.type.code,
        **_given(organisation=t.organisation.id if t.organisation else None),
        "communes": t.communes,
        **_given(communes_dans_le_departement=t.communes_dans_le_departement),
        "communes_citees": _or_not_given(t.communes_citees),
        **{f.key: thaw(f.chiffre) for f in t.figures},
        "dispositifs": thaw(t.dispositifs), "diagnostic": thaw(t.diagnostic),
        **_given(illustration_perdue=thaw(t.illustration_perdue)),
        "source": thaw(t.source),
    }


def theme(t) -> dict:
    """A file of diagnostic/enjeux/."""
    return {"numero": t.numero, "slug": t.slug, "titre": t.titre, "enjeux": thaw(t.enjeux), "source": thaw(t.source)}


# The one-file parts of the diagnostic, by their key in the export (that of engine.sources.DOCUMENTS).
DIAGNOSTIC_PARTS = ("contexte", "accompagnements", "acteurs", "numerique_responsable", "outils")


def diagnostic(annex) -> dict:
    """Every record of the territorial diagnostic: territories, themes, local actions, one-file parts."""
    return {
        "epci": [territoire(t) for t in annex.territoires],
        "enjeux": [theme(t) for t in annex.themes],
        "actions_locales": [thaw(a) for a in annex.actions_locales],
        **{part: thaw(getattr(annex, part)) for part in DIAGNOSTIC_PARTS if getattr(annex, part) is not None},
    }


def roadmap(r: Roadmap) -> dict:
    """Every record of the roadmap, each part in the format of its file (data/redirections.yml aside: it
    is about the site's addresses, not the roadmap)."""
    return {
        "feuille_de_route": identite(r.identite),
        "vocabulaires": {"axes": axes(r.axes), **{name: vocabulary(terms) for name, terms in r.vocabularies.items()}},
        "organisations": organisations(r.organisations),
        "fiches": [fiche(a) for a in r.actions],
        **({"diagnostic": diagnostic(r.diagnostic)} if r.diagnostic is not None else {}),
    }
