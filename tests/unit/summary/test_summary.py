"""The rule of the honest sums (roadmap_site/summary.py) on small made-up fiches: only figures of one unit and one
base are added, per-structure lines never, years each apart, lines without a figure counted, never 0."""

from __future__ import annotations

from types import SimpleNamespace

from roadmap_site.model import Annee, Ligne, Record, Term
from roadmap_site.summary import resources, totals

BASES = {code: Term(code, code.capitalize(), extra=Record({"cumul": cumul, "resume": code}))
         for code, cumul in [("ponctuel", "somme"), ("annuel", "somme"), ("par_annee", "par_annee"),
                             ("par_structure", "ligne")]}
P, A, Y, S = (BASES[c] for c in ("ponctuel", "annuel", "par_annee", "par_structure"))


def fiche(numero, rh=None, investissement=None, programme="x", porteur=False):
    return SimpleNamespace(numero=numero, rh=rh, investissement=investissement, portee_par_porteur=porteur,
                           programme=SimpleNamespace(code=programme),
                           lignes=lambda rubrique, r=rh, i=investissement: (r if rubrique == "rh" else i) or ())


def figures(r):
    return [(s.base.code if s.base else None, s.annee, s.valeur, s.seule, len(s.lignes)) for s in r.sommes]


def test_like_figures_add_up_and_others_stay_apart():
    one = fiche(1, investissement=(Ligne("a", montant=1000, base=P), Ligne("b", montant=200, base=A),
                                   Ligne("c", montant=2500, base=S)))
    two = fiche(2, investissement=(Ligne("d", montant=500, base=P), Ligne("e", montant=100, base=S),
                                   Ligne("f", montant=50, base=A)))
    r = resources([one, two], "investissement", BASES)
    assert figures(r) == [("ponctuel", None, 1500, False, 2), ("annuel", None, 250, False, 2),
                          ("par_structure", None, 2500, True, 1), ("par_structure", None, 100, True, 1)]
    assert [s.valeur for s in r.additionnees] == [1500, 250]
    assert [s.valeur for s in r.a_part] == [2500, 100]
    assert r.somme("ponctuel").valeur == 1500 and r.somme("par_structure") is None and r.somme("x") is None
    assert r.sans_chiffre == [] and r.non_renseigne == []


def test_per_year_amounts_add_up_year_by_year_in_year_order():
    one = fiche(1, investissement=(Ligne("a", par_annee=(Annee(2026, 400), Annee(2025, 200)), base=Y),))
    two = fiche(2, investissement=(Ligne("b", par_annee=(Annee(2025, 50),), base=Y), Ligne("c", montant=9, base=P)))
    r = resources([one, two], "investissement", BASES)
    assert figures(r) == [("ponctuel", None, 9, False, 1), ("par_annee", 2025, 250, False, 2),
                          ("par_annee", 2026, 400, False, 1)]
    assert r.somme("par_annee", 2026).valeur == 400 and r.somme("par_annee") is None


def test_staff_without_base_first_then_bases_in_vocabulary_order():
    rh = (Ligne("s", etp=0.1, base=S), Ligne("p", etp=0.5, base=P), Ligne("a", etp=0.25),
          Ligne("b", etp=0.1), Ligne("rien"))
    r = resources([fiche(1, rh=rh)], "rh", BASES)
    assert figures(r) == [(None, None, 0.35, False, 2), ("ponctuel", None, 0.5, False, 1),
                          ("par_structure", None, 0.1, True, 1)]
    assert r.somme(None).valeur == 0.35 and all(s.unite == "etp" for s in r.sommes)
    assert [(x.action.numero, x.ligne.texte) for x in r.sans_chiffre] == [(1, "rien")]


def test_float_noise_is_rounded_away():
    rh = tuple(Ligne(str(i), etp=0.1) for i in range(3))
    assert resources([fiche(1, rh=rh)], "rh", BASES).somme(None).valeur == 0.3


def test_empty_and_unfigured_rubrics_are_said_not_counted():
    empty = fiche(1)
    unfigured = fiche(2, investissement=(Ligne("à définir"),))
    r = resources([empty, unfigured], "investissement", BASES)
    assert r.sommes == [] and r.non_renseigne == [empty]
    assert [x.ligne.texte for x in r.sans_chiffre] == ["à définir"]
    assert all(s.unite == "euros" for s in resources([fiche(3, investissement=(Ligne("x", montant=1, base=P),))],
                                                     "investissement", BASES).sommes)


def test_totals_count_programmes_and_the_carrier():
    fiches = [fiche(1, programme="a", porteur=True), fiche(2, programme="b"), fiche(3, programme="a", porteur=True)]
    t = totals(iter(fiches), BASES)
    assert (t.count, t.par_programme("a"), t.par_programme("b"), t.par_programme("c"), t.portees_par_porteur) == (
        3, 2, 1, 0, 2)
    assert t.rh.non_renseigne == fiches and t.investissement.rubrique == "investissement"
