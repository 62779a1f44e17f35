"""The model written back in the format of the records: the JSON exports hold exactly what the YAML files
say, field for field, so that a reuser reads them with the published record schemas, and an export can be
edited and brought back as a record (imports and exports in one format).

This is roadmap_site.build run backwards: a field added to a record needs a line here too; the tests compare
every export with the YAML files read directly, so a forgotten field fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..build import NOT_GIVEN
from ..model import Action, Axe, Identite, Ligne, Mention, Organisation, Roadmap, Term


def thaw(value: Any) -> Any:
    """A frozen value (roadmap_site.model.freeze) as plain JSON values: Records become dicts, tuples lists."""
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
        "publics": [p.code for p in a.publics],
        "enjeux": thaw(a.enjeux), "description": thaw(a.description),
        "porteurs": [_mention(m) for m in a.porteurs], "partenaires": _or_not_given(a.partenaires, _mention),
        "freins": _or_not_given(a.freins), "leviers": _or_not_given(a.leviers),
        "rh": _or_not_given(a.rh, _ligne), "investissement": _or_not_given(a.investissement, _ligne),
        "ressources_existantes": _or_not_given(a.ressources_existantes), "indicateurs": indicateurs,
        **({"source": {"fiche": a.source.fiche, "page": a.source.page, "section": a.source.section,
                       "notes": list(a.source.notes)}} if a.source else {}),  # none: added after adoption
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


# The one-file parts of the diagnostic, by their key in the export (that of roadmap_site.sources.DOCUMENTS).
DIAGNOSTIC_PARTS = ("contexte", "accompagnements", "acteurs", "numerique_responsable", "outils")


def diagnostic(annex) -> dict:
    """Every record of the territorial diagnostic: territories, themes, local actions, one-file parts."""
    return {
        "epci": [territoire(t) for t in annex.territoires],
        "enjeux": [theme(t) for t in annex.themes],
        "actions_locales": [thaw(a) for a in annex.actions_locales],
        **{part: thaw(getattr(annex, part)) for part in DIAGNOSTIC_PARTS if getattr(annex, part) is not None},
    }


# The follow-up (roadmap_site.suivi): lists of dated facts come in the model's order (by date), budget tables in
# the order of the budget page, which a file may write otherwise; nothing else changes.

def _passage(p) -> dict | None:
    return {"premiere": p.premiere, "derniere": p.derniere} if p else None


def _source(reference) -> dict:
    """Where a fact comes from: its deliberation and lines, or another document."""
    return _given(deliberation=reference.deliberation.slug if reference.deliberation else None,
                  lignes=_passage(reference.lignes), document=reference.document)


def _counted(fact) -> dict:
    return {"indicateur" if fact.de_la_fiche else "libelle": fact.compte}


def suivi_fiche(f) -> dict:
    """A file of suivi/."""
    cibles = [{**_counted(c), **_given(texte=c.texte, valeur=c.valeur, minimum=c.minimum, maximum=c.maximum,
                                      unite=c.unite, echeance=c.echeance, note=c.note), **_source(c.reference)}
              for i in f.indicateurs for c in i.cibles]
    mesures = [{**_counted(m), **_given(date=m.date, valeur=m.valeur, unite=m.unite, note=m.note),
                **_source(m.reference)}
               for i in f.indicateurs for m in i.mesures]
    return _given(
        fiche=f.action.numero,
        statuts=[{**_given(statut=s.terme.code, date=s.date, citation=s.citation, note=s.note), **_source(s.reference)}
                 for s in f.statuts] or None,
        cibles=cibles or None, mesures=mesures or None,
        jalons=[{**_given(date=j.date, date_texte=j.date_texte, texte=j.texte), **_source(j.reference)}
                for j in f.jalons] or None,
        notes=list(f.notes) or None)


def _piste(p) -> dict:
    return _given(code=p.code, titre=p.titre, ligne=p.ligne, rubrique=p.rubrique or None, rh=p.rh,
                  investissement=p.investissement, maturite=p.maturite, priorite=p.priorite, annee=p.annee,
                  programme=p.programme.code if p.programme else None, fiche=p.action.numero if p.action else None,
                  note=p.note)


def deliberation(d) -> dict:
    """A file of deliberations/."""
    return _given(
        slug=d.slug, numero=d.numero, instance=d.instance, date=d.date, titre=d.titre, titre_sommaire=d.titre_sommaire,
        resume=d.resume, decision=list(d.decision) or None, vote=d.vote, delegues=thaw(d.delegues),
        convocation=d.convocation, approuve_par=d.approuve_par.slug if d.approuve_par else None,
        annexes=[_given(titre=a.titre, lignes=_passage(a.lignes),
                        deliberation=a.deliberation.slug if a.deliberation else None) for a in d.annexes] or None,
        points=thaw(d.points) or None,
        programmation=[_given(axe=g.axe, note=g.note, pistes=[_piste(p) for p in g.pistes])
                       for g in d.programmation] or None,
        fiches=[{"fiche": f.action.numero, "motif": f.motif} for f in d.fiches if f.motif is not None],
        lignes=_passage(d.lignes), source={"notes": list(d.notes)})


def tableau(t) -> dict:
    """A file of budget/."""
    return _given(
        slug=t.slug, titre=t.titre, nature=t.nature.code, annee=t.annee, deliberation=t.reference.deliberation.slug,
        lignes=_passage(t.reference.lignes), ttc=t.ttc or None,
        postes=[_given(objet=p.objet, montant=p.montant, fiche=p.action.numero if p.action else None,
                       axe=p.axe.code if p.axe and not p.action else None, reference=p.reference,
                       titulaire=p.titulaire, note=p.note, lignes=_passage(p.lignes)) for p in t.postes],
        totaux=[_given(libelle=x.libelle, montant=x.montant, perimetre=x.perimetre, axe=x.axe.code if x.axe else None,
                       lignes=_passage(x.lignes), note=x.note) for x in t.totaux] or None,
        notes=list(t.notes) or None)


def suivi(s) -> dict:
    """Every follow-up record: deliberations, the follow-up of each fiche that has one, budget tables."""
    return {"deliberations": [deliberation(d) for d in s.deliberations],
            "fiches": [suivi_fiche(f) for f in s.fiches if f.file is not None],
            "budget": [tableau(t) for t in s.tableaux]}


def roadmap(r: Roadmap) -> dict:
    """Every record of the roadmap, each part in the format of its file (data/redirections.yml aside: it
    is about the site's addresses, not the roadmap)."""
    return {
        "feuille_de_route": identite(r.identite),
        "vocabulaires": {"axes": axes(r.axes), **{name: vocabulary(terms) for name, terms in r.vocabularies.items()}},
        "organisations": organisations(r.organisations),
        "fiches": [fiche(a) for a in r.actions],
        **({"diagnostic": diagnostic(r.diagnostic)} if r.diagnostic is not None else {}),
        **({"suivi": suivi(r.suivi)} if r.suivi is not None else {}),
    }
