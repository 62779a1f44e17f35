"""The pages a roadmap makes (roadmap_site/pages.py): one spec per record, made once, the navigation and
its size, a fiche's neighbours, short links and redirections."""

from __future__ import annotations

from dataclasses import replace

from bs4 import BeautifulSoup

from roadmap_site import load
from roadmap_site.address import fault
from roadmap_site.model import Redirection
from roadmap_site.pages import PageSpec, navigation, page_specs, redirect_page, redirection_problems, redirections
from tests.conftest import ROOT


def spec(url: str, parent: str | None) -> PageSpec:
    return PageSpec(url, url.upper(), "fiche.html", dict, "src.yml", parent)


def test_navigation_nests_generated_pages_under_their_parent():
    specs = [spec("axes/a/", "actions/"), spec("actions/x/", "axes/a/"), spec("actions/y/", "axes/a/"),
             spec("axes/b/", "actions/"), spec("organisations/o/", None),
             spec("diagnostic/epci/e/", "diagnostic/epci/")]
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


def test_a_page_gives_its_addresses_to_copy_absolute_once_the_site_is_known():
    fiche = next(s for s in page_specs(load(ROOT)) if s.template == "fiche.html")
    copied = BeautifulSoup(fiche.render("https://exemple.fr/feuille/"), "html.parser").select_one("#lien-court")
    assert copied["value"].startswith("https://exemple.fr/feuille/") and copied["data-lne-public"] == copied["value"]
    assert "https://exemple.fr" not in fiche.render()


def test_redirection_problems_name_file_line_and_what_to_do():
    pages = {"actions/a/", "actions/b/"}
    moves = [Redirection("actions/old/", "actions/a/", "data/redirections.yml", 4),
             Redirection("actions/gone/", "actions/nowhere/", "data/redirections.yml", 5),
             Redirection("actions/b/", "actions/a/", "data/redirections.yml", 6)]
    assert [str(p) for p in redirection_problems(moves, pages.__contains__)] == [
        "data/redirections.yml:5: actions/gone/: la page de destination « actions/nowhere/ » n'existe pas",
        "data/redirections.yml:6: actions/b/: cette adresse est encore une page du site ; une redirection ne peut "
        "pas la remplacer : retirez cette ligne"]


def test_every_rule_after_a_duplicate_is_still_checked():
    moves = [Redirection("actions/old/", "actions/a/", "data/redirections.yml", 4),
             Redirection("actions/old/", "actions/b/", "data/redirections.yml", 5),
             Redirection("actions/gone/", "actions/nowhere/", "data/redirections.yml", 6)]
    assert [str(p) for p in redirection_problems(moves, {"actions/a/", "actions/b/"}.__contains__)] == [
        "data/redirections.yml:5: actions/old/: cette adresse a déjà une règle (data/redirections.yml, ligne 4) : "
        "une adresse ne mène qu'à une page ; retirez cette ligne",
        "data/redirections.yml:6: actions/gone/: la page de destination « actions/nowhere/ » n'existe pas"]


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
    """The check and the plugin of one build share one set of specs; another roadmap (the preview's next
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
        assert trails[order[1]].previous.title == \
            roadmap.actions[[a.url for a in roadmap.actions].index(order[0])].intitule


def test_the_navigation_does_not_grow_with_the_records():
    """With ten times the fiches (and territories, themes, deliberations), the same navigation: every page
    carries it, so a navigation listing records would make each page grow with the roadmap."""
    roadmap = load(ROOT)
    specs = page_specs(roadmap)
    more = [replace(s, url=f"{s.url}{k}/") for s in specs if s.parent is None for k in range(10)]

    def shape(nav):
        return {anchor: [(e.spec.url, [c.spec.url for c in e.children]) for e in entries]
                for anchor, entries in nav.items()}

    assert shape(navigation([*specs, *more])) == shape(navigation(specs)) == {
        "actions/": [(a.url, []) for a in roadmap.axes]}


def test_a_page_context_is_made_when_the_page_renders_not_when_the_roadmap_is_checked(monkeypatch):
    """`load` (what make check runs) decides every page's address without making any template context: the
    views of 2 000 fiches cost the check a tenth of its time. Rendering a fiche makes its own."""
    from roadmap_site import views

    made = []
    fiche = views.fiche
    monkeypatch.setattr(views, "fiche", lambda roadmap, action: made.append(action.slug) or fiche(roadmap, action))
    roadmap = load(ROOT)
    specs = [s for s in page_specs(roadmap) if s.template == "fiche.html"]
    assert len(specs) == len(roadmap.actions) and made == []
    html = specs[0].render()
    assert made == [roadmap.actions[0].slug] and roadmap.actions[0].intitule.split()[0] in html
