"""The filters of the index of actions: each criterion, two combined, a linked selection, the keyboard, and
the page without JavaScript. The fiches expected are read from the model, never from the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import checks

TABLE = "#legende-toutes-les-actions-table"
STATUS = ".lne-filtres [role=status]"


def shown(page) -> list[int]:
    """Numbers of the fiches whose rows are visible, in table order."""
    return [int(n) for n in page.locator(f"{TABLE} tbody tr:not([hidden]) td:first-child").all_inner_texts()]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def expected(roadmap, key: str, value: str) -> list[int]:
    """The fiches that have `value` for the criterion `key`, from the model."""
    actions = {
        "axe": lambda: roadmap.axe(value).actions,
        "objectif": lambda: next(o for ax in roadmap.axes for o in ax.objectifs if o.code == value).actions,
        "porteur": lambda: roadmap.organisations[value].porteur_de,
        "partenaire": lambda: roadmap.organisations[value].partenaire_de,
        "public": lambda: [a for a in roadmap.actions if value in {p.code for p in a.publics}],
        "programme": lambda: [a for a in roadmap.actions if a.programme.code == value],
    }[key]()
    return sorted(a.numero for a in actions)


@pytest.fixture
def index(page, base_url):
    page.goto(base_url + "/actions/")
    return page


@pytest.mark.parametrize("key, value", [
    ("axe", "innovant"), ("objectif", "2.2"), ("porteur", "bibliotheque-departementale"),
    ("partenaire", "la-melee"), ("public", "collectivites"), ("programme", "sdusn"),
])
def test_each_filter_keeps_the_fiches_that_match(index, roadmap, key, value):
    wanted = expected(roadmap, key, value)
    assert 0 < len(wanted) < len(roadmap.actions)
    index.select_option(f"#filtre-{key}", value)
    assert shown(index) == wanted
    assert index.locator(STATUS).inner_text() == (f"{len(wanted)} fiche{'s' if len(wanted) > 1 else ''} sur "
                                                  f"{len(roadmap.actions)}")
    assert query(index) == {key: [value]}


def test_two_filters_combine(index, roadmap):
    """Every criterion must hold: « Solidaire actions with the Département as partner »."""
    solidaire, departement = expected(roadmap, "axe", "solidaire"), expected(roadmap, "partenaire", "departement")
    both = sorted(set(solidaire) & set(departement))
    assert both and both != solidaire and both != departement
    index.select_option("#filtre-axe", "solidaire")
    index.select_option("#filtre-partenaire", "departement")
    assert shown(index) == both
    assert query(index) == {"axe": ["solidaire"], "partenaire": ["departement"]}
    index.select_option("#filtre-programme", "sdusn")
    assert shown(index) == [n for n in both if roadmap.action(n).programme.code == "sdusn"] == []
    assert index.locator(STATUS).inner_text() == (f"Aucune fiche sur {len(roadmap.actions)} ne répond à tous ces "
                                                  "critères")
    index.get_by_role("button", name="Tout afficher").click()
    total = len(roadmap.actions)  # the form resets, then the filters apply: wait for the status to say so
    index.wait_for_function("([s, t]) => document.querySelector(s).textContent === t",
                            arg=[STATUS, f"{total} fiches sur {total}"])
    assert shown(index) == [a.numero for a in roadmap.actions]
    assert query(index) == {}


def test_a_linked_selection_opens_filtered(page, base_url, roadmap):
    page.goto(base_url + "/actions/?partenaire=la-melee&axe=innovant")
    assert page.locator("#filtre-partenaire").input_value() == "la-melee"
    assert page.locator("#filtre-axe").input_value() == "innovant"
    wanted = sorted(set(expected(roadmap, "partenaire", "la-melee")) & set(expected(roadmap, "axe", "innovant")))
    assert wanted and shown(page) == wanted
    link = page.get_by_role("link", name="Lien vers cette sélection")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"partenaire": ["la-melee"], "axe": ["innovant"]}
    assert checks.axe(page, "/actions/?partenaire=la-melee&axe=innovant") == []


def test_an_unknown_value_in_the_address_filters_nothing(page, base_url, roadmap):
    page.goto(base_url + "/actions/?porteur=organisation-disparue")
    assert page.locator("#filtre-porteur").input_value() == ""
    assert len(shown(page)) == len(roadmap.actions)


def test_filters_from_the_keyboard(index, roadmap):
    """Tab to the criterion, choose with the arrow keys: the table and the status follow, focus stays."""
    for _ in range(200):
        index.keyboard.press("Tab")
        if index.evaluate("document.activeElement.id") == "filtre-axe":
            break
    else:
        raise AssertionError("le filtre « Axe » n'est jamais atteint au clavier")
    assert index.get_by_role("combobox", name="Axe").evaluate("e => e === document.activeElement")
    index.keyboard.press("ArrowDown")
    first = roadmap.axes[0]
    assert index.locator("#filtre-axe").input_value() == first.code
    assert shown(index) == sorted(a.numero for a in first.actions)
    assert index.evaluate("document.activeElement.id") == "filtre-axe"
    status = index.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.inner_text().endswith(f"sur {len(roadmap.actions)}")


def test_without_javascript_the_whole_table_shows_and_no_filter(new_context, base_url, roadmap):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(base_url + "/actions/?axe=innovant")
    assert page.locator(".lne-filtres").is_hidden()
    assert len(page.locator(f"{TABLE} tbody tr").all()) == len(roadmap.actions)
    assert page.locator(f"{TABLE} tbody tr").first.is_visible()
    page.goto(base_url + "/actions/regroupements/")
    assert page.locator("#legende-porteurs-table tbody tr").count() > 0  # the groupings are read without it too


LAYOUT_SHIFTS_JS = """() => new Promise(done => {
    const shifts = [];
    new PerformanceObserver(list => shifts.push(...list.getEntries().map(e => e.value)))
        .observe({type: "layout-shift", buffered: true});
    setTimeout(() => done(shifts), 1000);
})"""


def test_the_filters_take_their_place_before_the_first_paint(new_context, base_url):
    """On a phone, the filters shown by the scripts at the end of the page would push the table out of view
    (a layout shift Lighthouse measured at 0.45): they are shown from the head on (overrides/main.html).
    And the page asks for no missing file (the theme would ask for a sitemap.xml beside a feed link)."""
    page = new_context(viewport={"width": 412, "height": 823}, is_mobile=True).new_page()
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    page.goto(base_url + "/actions/")
    assert page.locator(".lne-filtres").is_visible()
    assert page.evaluate(LAYOUT_SHIFTS_JS) == []
    assert missing == []
