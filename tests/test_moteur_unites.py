"""Unit tests of the engine's small functions that the rendered pages alone do not pin down: headings
outline, relative addresses, navigation, redirections, French number formats at their edges."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from roadmap_site import load, views
from roadmap_site.address import fault
from roadmap_site.charts import bar_chart, stacked_chart, value_chart
from roadmap_site.formatting import date_au, date_fr, etp, euros, mesure, nombre, pourcent
from roadmap_site.model import Redirection
from roadmap_site.pages import PageSpec, navigation, page_specs, redirect_page, redirection_problems, redirections
from roadmap_site.render import anchor, code_files, compact, outline, public_url, relative_url
from roadmap_site.views import _note_key, editeur, filtres, groups
from tests.conftest import ROOT

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("value, text", [(0.15, "0,15"), (43818, f"43{NNBSP}818"), (34.2, "34,2"), (1, "1"),
                                         (1234567.5, f"1{NNBSP}234{NNBSP}567,5"), (0.125, "0,12"), (2.0, "2")])
def test_nombre(value, text):
    assert nombre(value) == text


def test_units_are_kept_with_their_figure():
    assert euros(5000) == f"5{NNBSP}000{NBSP}€"
    assert etp(0.15) == f"0,15{NBSP}ETP"
    assert pourcent(14.8) == f"14,8{NBSP}%" and pourcent(14.85) == f"14,8{NBSP}%" and pourcent(7) == f"7{NBSP}%"
    assert mesure(14.8, "%") == f"14,8{NBSP}%" and mesure(14.85, "%") == f"14,8{NBSP}%"
    assert mesure(14.85, "habitants") == f"14,85{NBSP}habitants"
    assert mesure(43818, "habitants") == f"43{NNBSP}818{NBSP}habitants"


def test_outline_lists_headings_with_an_id_in_order():
    html = ('<h1 id="t">Titre <em>ici</em></h1><p>x</p><h2>sans id</h2><h2 id="a">A &amp; B</h2>'
            '<h3 id="b">\n B  b </h3><h4 id="c">C</h4>')
    assert [(h.level, h.id, h.text) for h in outline(html)] == [(1, "t", "Titre ici"), (2, "a", "A & B"), (3, "b", "B b")]


def test_anchor_is_the_markdown_toc_slug():
    assert anchor("Description de l'action") == "description-de-laction"
    assert anchor("Chiffres clés (2024)") == "chiffres-cles-2024"


@pytest.mark.parametrize("target, page, expected", [
    ("actions/", "axes/responsable/", "../../actions/"), ("", "actions/", ".."), ("actions/", "", "actions/"),
    ("actions/x/", "actions/x/", "./"), ("diagnostic/epci/a/", "diagnostic/epci/", "a/"),
    ("assets/a.css", "actions/x/", "../../assets/a.css")])
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected


def spec(url: str, parent: str | None) -> PageSpec:
    return PageSpec(url, url.upper(), "fiche.html", {}, "src.yml", parent)


def test_navigation_nests_generated_pages_under_their_parent():
    specs = [spec("axes/a/", "actions/"), spec("actions/x/", "axes/a/"), spec("actions/y/", "axes/a/"),
             spec("axes/b/", "actions/"), spec("organisations/o/", None), spec("diagnostic/epci/e/", "diagnostic/epci/")]
    nav = navigation(specs)
    assert list(nav) == ["actions/", "diagnostic/epci/"]
    assert [(e.spec.url, [c.spec.url for c in e.children]) for e in nav["actions/"]] == [
        ("axes/a/", ["actions/x/", "actions/y/"]), ("axes/b/", [])]
    assert [e.spec.url for e in nav["diagnostic/epci/"]] == ["diagnostic/epci/e/"]
    assert spec("actions/x/", None).src_uri == "actions/x/index.md"


def test_short_links_and_declared_redirections():
    roadmap = load(ROOT)
    moves = redirections(roadmap)
    short = [m for m in moves if m.ancienne.startswith("fiches/")]
    assert [(m.ancienne, m.nouvelle) for m in short][:2] == [
        ("fiches/1/", "actions/partager-outils-bonnes-pratiques-numerique-responsable/"),
        ("fiches/2/", "actions/former-mediateurs-numerique-responsable/")]
    assert len(short) == len(roadmap.actions) and all(m.file.startswith("actions/") for m in short)


def test_a_malformed_old_or_new_address_is_named_with_its_line():
    moves = [Redirection("actions/sans-barre", "actions/a/", "data/redirections.yml", 7),
             Redirection("actions/old/", "actions//a/", "data/redirections.yml", 8)]
    assert [str(p) for p in redirection_problems(moves, {"actions/a/"}.__contains__)] == [
        f"data/redirections.yml:7: actions/sans-barre: {fault('actions/sans-barre')}",
        f"data/redirections.yml:8: actions/old/: {fault('actions//a/')}"]


def test_redirection_problems_name_file_line_and_what_to_do():
    pages = {"actions/a/", "actions/b/"}
    moves = [Redirection("actions/old/", "actions/a/", "data/redirections.yml", 4),
             Redirection("actions/gone/", "actions/nowhere/", "data/redirections.yml", 5),
             Redirection("actions/b/", "actions/a/", "data/redirections.yml", 6)]
    assert [str(p) for p in redirection_problems(moves, pages.__contains__)] == [
        "data/redirections.yml:5: actions/gone/: la page de destination « actions/nowhere/ » n'existe pas",
        "data/redirections.yml:6: actions/b/: cette adresse est encore une page du site ; une redirection ne peut "
        "pas la remplacer : retirez cette ligne"]


def test_redirect_page_is_french_and_relative():
    html = redirect_page(Redirection("fiches/3/", "actions/boucle/", "x", None), {"actions/boucle/": "Boucle <b>"})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fr"
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../actions/boucle/"
    assert soup.find("a")["href"] == "../../actions/boucle/" and soup.find("a").get_text() == "Boucle <b>"
    assert "Boucle &lt;b&gt;" in html
    fallback = BeautifulSoup(redirect_page(Redirection("a/", "b/", "x", None), {}), "html.parser")
    assert fallback.find("a").get_text() == "b/"


def test_every_record_with_a_page_has_one_spec():
    roadmap = load(ROOT)
    urls = [s.url for s in page_specs(roadmap)]
    assert len(urls) == len(set(urls))
    expected = ([a.url for a in roadmap.axes] + [a.url for a in roadmap.actions]
                + [o.url for o in roadmap.organisations.values()] + [d.url for d in roadmap.suivi.deliberations]
                + [t.url for t in roadmap.diagnostic.territoires] + [t.url for t in roadmap.diagnostic.themes])
    assert urls == expected
    # Only the axes are in the navigation; a record page has a trail back to the page listing its kind.
    expected = ([(f"Axe {a.numero} : {a.nom}", "data/vocabulaires/axes.yml", "actions/", None) for a in roadmap.axes]
                + [(a.intitule, a.file, None, a.axe.url) for a in roadmap.actions]
                + [(o.nom, "data/organisations.yml", None, None) for o in roadmap.organisations.values()]
                + [(d.titre_page, d.file, None, "deliberations/") for d in roadmap.suivi.deliberations]
                + [(t.nom_court, t.file, None, "diagnostic/epci/") for t in roadmap.diagnostic.territoires]
                + [(t.titre, t.file, None, "diagnostic/enjeux/") for t in roadmap.diagnostic.themes])
    assert [(s.title, s.source, s.parent, s.trail and s.trail.up) for s in page_specs(roadmap)] == expected


def test_the_specs_of_a_roadmap_are_made_once_and_never_given_for_another():
    """The check and the glue of one build share one set of specs; another roadmap (the preview's next
    one) gets its own."""
    roadmap = load(ROOT)
    first = page_specs(roadmap)
    assert page_specs(roadmap) is first
    without_organisations = replace(roadmap, organisations={})
    urls = {s.url for s in page_specs(without_organisations)}
    assert urls == {s.url for s in first} - {o.url for o in roadmap.organisations.values()}
    assert not any(s.template == "organisation.html" for s in page_specs(without_organisations))
    assert [s.url for s in page_specs(roadmap)] == [s.url for s in first]


def test_every_generated_page_has_a_description_naming_its_record_and_a_fiche_its_feed():
    """The sentence of <meta name="description"> and of a shared link's preview; a fiche page announces the
    feed of its changes, next to its page."""
    roadmap = load(ROOT)
    full_names = {e.url: e.nom for e in roadmap.diagnostic.territoires}  # the page title is the short name
    for spec in page_specs(roadmap):
        name = full_names.get(spec.url, spec.title)
        assert name.replace("\xa0", " ") in spec.description.replace("\xa0", " "), spec.url
        assert spec.description.endswith("."), spec.url
    feeds = {s.url: s.feeds for s in page_specs(roadmap)}
    for a in roadmap.actions:
        assert feeds[a.url] == ((f"Fiche n°{a.numero} : modifications", f"{a.url}modifications.atom"),)
    assert {url: f for url, f in feeds.items() if f and url not in {a.url for a in roadmap.actions}} == {}


def test_a_fiche_leads_to_its_neighbours_in_the_order_of_its_axis():
    roadmap = load(ROOT)
    trails = {s.url: s.trail for s in page_specs(roadmap)}
    for axe in roadmap.axes:
        order = [a.url for o in axe.objectifs for a in o.actions]
        assert [trails[url].previous and trails[url].previous.url for url in order] == [None] + order[:-1]
        assert [trails[url].next and trails[url].next.url for url in order] == order[1:] + [None]
        assert trails[order[1]].previous.title == roadmap.actions[[a.url for a in roadmap.actions].index(order[0])].intitule


def test_the_navigation_does_not_grow_with_the_records():
    """With ten times the fiches (and territories, themes, deliberations), the same navigation: every page
    carries it, so a navigation listing records would make each page grow with the roadmap."""
    roadmap = load(ROOT)
    specs = page_specs(roadmap)
    more = [replace(s, url=f"{s.url}{k}/") for s in specs if s.parent is None for k in range(10)]

    def shape(nav):
        return {anchor: [(e.spec.url, [c.spec.url for c in e.children]) for e in entries] for anchor, entries in nav.items()}

    assert shape(navigation([*specs, *more])) == shape(navigation(specs)) == {
        "actions/": [(a.url, []) for a in roadmap.axes]}


def test_a_chart_without_any_measured_value_has_no_bar():
    roadmap = load(ROOT)
    territoires = roadmap.diagnostic.territoires
    without = [SimpleNamespace(nom_court=t.nom_court, figure=lambda key, t=t: SimpleNamespace(
        mesure=None, constat=None)) for t in territoires[:2]]
    chart = bar_chart("x", "Rien", without, False)
    assert [(b.label, b.width, b.texte) for b in chart.bars] == [(t.nom_court, None, "non renseigné")
                                                                 for t in territoires[:2]]
    assert chart.description == f"{territoires[0].nom_court} : non renseigné ; {territoires[1].nom_court} : non renseigné."


def test_an_unknown_grouping_is_an_error():
    with pytest.raises(ValueError, match="unknown grouping 'auteurs'"):
        groups(load(ROOT), "auteurs")


@pytest.mark.parametrize(("value", "fr", "au"), [
    ("2018", "2018", "en 2018"),
    ("2026-05", "mai 2026", "en mai 2026"),
    ("2027-01", "janvier 2027", "en janvier 2027"),  # 1 January 2027 belongs to ISO week-year 2026
    ("2025-03-07", "7\u00a0mars 2025", "au 7\u00a0mars 2025"),
    ("2025-09-01", "1er\u00a0septembre 2025", "au 1er\u00a0septembre 2025"),
])
def test_dates_as_precise_as_the_register(value, fr, au):
    assert (date_fr(value), date_au(value)) == (fr, au)


def test_publisher_settings_trimmed_with_the_missing_ones_named():
    roadmap = load(ROOT)
    shown = editeur(roadmap, {"siren": " 200062263 ", "hebergeur": {"nom": " Hébergeur SA ", "telephone": None}})
    assert shown["e"]["nom"] == roadmap.identite.porteur.nom and shown["e"]["siren"] == "200062263"
    assert shown["e"]["hebergeur"] == {"nom": "Hébergeur SA", "adresse": "", "telephone": ""}
    assert shown["manquants"] == {"editeur": ["adresse", "telephone", "courriel", "directeur_publication"],
                                  "hebergeur": ["hebergeur.adresse", "hebergeur.telephone"]}
    assert editeur(roadmap, None)["manquants"]["hebergeur"] == ["hebergeur.nom", "hebergeur.adresse",
                                                                 "hebergeur.telephone"]


def test_a_comparison_figure_printed_elsewhere_gets_its_own_note():
    figure = SimpleNamespace(mesure={"imprime_ailleurs": "AFOM, p. 12"}, constat=None, definition_variable=False)
    assert _note_key(SimpleNamespace(key="faits"), figure) == ("faits", None, None, "AFOM, p. 12")
    plain = SimpleNamespace(mesure={"valeur": 3}, constat=None, definition_variable=False)
    assert _note_key(SimpleNamespace(key="faits"), plain) is None


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests" / "exemple"], ids=["lot", "exemple"])
def test_publics_are_grouped_and_filtered_by_their_category_never_by_their_wording(root):
    """« Séniors » and « Personnes seniors résidants dans les EHPAD… » are one category: the groupings and the
    filter of the index list each category some fiche names, in the vocabulary's order, with its fiches."""
    roadmap = load(root)
    vocabulary = list(roadmap.vocabularies["publics"].values())
    named = [p for p in vocabulary if any(p in a.publics for a in roadmap.actions)]
    rows = {row.filtre: row for row in groups(roadmap, "publics")}
    assert {value for _, value in rows} == {p.code for p in named}
    for p in named:
        assert rows["public", p.code].actions == tuple(a for a in roadmap.actions if p in a.publics)
        assert rows["public", p.code].nom == p.nom
    public = next(f for f in filtres(roadmap) if f.cle == "public")
    assert [(c.valeur, c.nom, c.nombre) for c in public.choix] == [
        (p.code, p.nom, len(rows["public", p.code].actions)) for p in named]
    assert all(public.valeurs[a.numero] == tuple(p.code for p in a.publics) for a in roadmap.actions)


def test_a_value_chart_without_any_value_has_no_bar_and_says_why():
    chart = value_chart("c", "Titre", [("Cahors", None, "non renseigné"), ("Figeac", None, "non renseigné")], "#n")
    assert [bar.width for bar in chart.bars] == [None, None]
    assert chart.description == "Cahors : non renseigné ; Figeac : non renseigné."


def test_compact_drops_layout_white_space_but_keeps_preformatted_text():
    page = "<main>\n    <p>a\u00a0b</p>\n\n  <pre>\n  x\n    y</pre>\n  <script>\n  var s;\n</script>\n</main>"
    assert compact(page) == "<main>\n<p>a\u00a0b</p>\n<pre>\n  x\n    y</pre>\n<script>\n  var s;\n</script>\n</main>"


def test_a_roadmap_without_follow_up_or_fiches_still_renders_its_views():
    roadmap = load(ROOT)
    plan_only = replace(roadmap, suivi=None)
    assert views.fiche(plan_only, roadmap.actions[0])["suivi"] is None
    assert views.tableau_actions(plan_only)["statuts"] == {}  # the index has no status column
    no_publics = replace(roadmap, vocabularies={k: v for k, v in roadmap.vocabularies.items() if k != "publics"})
    assert [f.choix for f in views.filtres(no_publics) if f.cle == "public"] == [()]  # no vocabulary, no choice
    assert views.donnees(replace(roadmap, actions=()))["exemple"] is None
    without_budget = replace(roadmap, suivi=replace(roadmap.suivi, tableaux=()))
    assert views.etat_suivi(without_budget)["budget"] == []  # the home page says nothing of a budget


@pytest.mark.parametrize("site_url, expected", [
    (None, "/fiches/3/"), ("", "/fiches/3/"), ("https://exemple.fr/feuille/", "https://exemple.fr/feuille/fiches/3/"),
    ("https://exemple.fr/feuille", "https://exemple.fr/feuille/fiches/3/"), ("https://exemple.fr/", "https://exemple.fr/fiches/3/"),
    ("https://exemple.fr/LOTX", "https://exemple.fr/LOTX/fiches/3/"),  # only the slashes are trimmed
])
def test_a_public_address_is_absolute_once_the_sites_is_known(site_url, expected):
    assert public_url("fiches/3/", site_url) == expected


def test_a_page_gives_its_addresses_to_copy_absolute_once_the_site_is_known():
    fiche = next(s for s in page_specs(load(ROOT)) if s.template == "fiche.html")
    copied = BeautifulSoup(fiche.render("https://exemple.fr/feuille/"), "html.parser").select_one("#lien-court")
    assert copied["value"].startswith("https://exemple.fr/feuille/") and copied["data-lne-public"] == copied["value"]
    assert "https://exemple.fr" not in fiche.render()


@pytest.mark.parametrize("text, expected", [
    ("de data/vocabulaires/axes.yml.", "de <code>data/vocabulaires/axes.yml</code>."),
    ("(roadmap_site/schemas/action.schema.yml)", "(<code>roadmap_site/schemas/action.schema.yml</code>)"),
    ("sans « .yml » ; a.json, b.csv et c.atom", "sans « <code>.yml</code> » ; <code>a.json</code>, <code>b.csv</code> et "
                                             "<code>c.atom</code>"),
    ("<identifiant>.yaml & co", "<code>&lt;identifiant&gt;.yaml</code> &amp; co"),
    ("ymlx.ymlx, pas un fichier", "ymlx.ymlx, pas un fichier"),
])
def test_file_names_in_a_text_are_marked_as_code(text, expected):
    assert str(code_files(text)) == expected


def test_a_citation_dates_the_adoption_only_for_a_fiche_of_the_adopted_document():
    roadmap = load(ROOT)
    first = roadmap.actions[0]
    assert views.citation(roadmap, first) == (f"Lot Numérique, fiche n°1 « {first.intitule} », Feuille de route Lot "
                                              "Numérique Ensemble 2024-2027, adoptée le 21\u00a0octobre 2024")
    added = replace(first, source=None)
    assert views.citation(roadmap, added).endswith(" », Feuille de route Lot Numérique Ensemble 2024-2027")
    month = replace(roadmap, identite=replace(roadmap.identite, source={**roadmap.identite.source,
                                                                        "date_adoption": "2024-10"}))
    assert views.citation(month, first).endswith(", adoptée en octobre 2024")


def test_a_stacked_chart_of_one_row_and_of_none():
    """One row (an index with one axis): its categories come from that row; no row at all: an empty chart."""
    one = stacked_chart("g", "Statuts", [("Axe 1", [("à lancer", 2), ("en cours", 0), ("non renseigné", 1)])],
                        "non renseigné", "tableau")
    assert [(s.nombre, s.x, s.largeur, s.rang, s.defaut) for s in one.piles[0].segments] == [
        (2, 0.0, 100 * 2 / 3, 0, False), (1, 100 * 2 / 3, 100 / 3, 2, True)]
    assert one.categories == [("à lancer", 0, False), ("non renseigné", 2, True)]
    none = stacked_chart("g", "Statuts", [], None, "tableau")
    assert none.piles == [] and none.categories == [] and none.description == "."
