"""Tables and charts on a phone (390 px) and on a desktop (1 280 px), measured in the browser: every cell of
the index, follow-up, budget and fiche pages is on the screen, each saying its column on a phone; no table
overflows the content column on a desktop; sorting still works on a phone; chart text is 12 px or more.
The comparison of the territories is the one table that scrolls sideways, under a line that says so."""

from __future__ import annotations

import pytest

from tests.browser import checks

PHONE = {"width": 390, "height": 844}
PAGES = ["/actions/", "/suivi/", "/suivi/budget/", "/diagnostic/"]
INDEX = "#legende-toutes-les-actions-table"
COMPARISON = "/diagnostic/epci/"

# Every cell a reader can see (rows filtered out, and the header kept for screen readers only, left out):
# where it is against the viewport and the content column, and on a phone the label it shows (a row header
# is the title of its card, and needs none).
CELLS_JS = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect();
    const hidden = e => { for (let p = e; p; p = p.parentElement) {
        if (getComputedStyle(p).display === 'contents') continue;  // no box of its own (the search wrapper)
        const box = p.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return true; } return false; };
    const found = [];
    for (const table of document.querySelectorAll('.md-content table')) {
        if (table.closest('.lne-colonne-fixe')) continue;  // scrolls sideways, on purpose (test below)
        const frame = table.closest('.lne-defilement');
        for (const cell of table.querySelectorAll('th, td')) {
            if (hidden(cell)) continue;
            const box = cell.getBoundingClientRect();
            found.push({table: table.id, text: cell.textContent.trim().slice(0, 40),
                        label: cell.getAttribute('data-label'), head: !!cell.closest('thead'),
                        rowHeader: cell.matches('th[scope=row]'),
                        left: box.left, right: box.right, columnLeft: column.left, columnRight: column.right,
                        before: getComputedStyle(cell, '::before').content,
                        frameScrolls: frame.scrollWidth > frame.clientWidth + 1});
        }
    }
    return {cells: found, width: innerWidth};
}"""


def fiche_pages(roadmap) -> list[str]:
    return [f"/{a.url}" for a in roadmap.actions]


def cells(page, url: str) -> dict:
    page.goto(url)
    checks.settle(page)
    return page.evaluate(CELLS_JS)


def off_screen(found: dict) -> list[str]:
    """Cells beyond either edge of a phone's screen."""
    return [f"{c['table']} « {c['text']} » ({c['left']:.0f}-{c['right']:.0f} px)" for c in found["cells"]
            if c["left"] < -1 or c["right"] > found["width"] + 1]


def out_of_column(found: dict) -> list[str]:
    """Cells beyond the content column, or in a table whose frame has to scroll."""
    return [f"{c['table']} « {c['text']} » ({c['left']:.0f}-{c['right']:.0f} px, colonne {c['columnLeft']:.0f}-"
            f"{c['columnRight']:.0f})" for c in found["cells"]
            if c["left"] < c["columnLeft"] - 1 or c["right"] > c["columnRight"] + 1 or c["frameScrolls"]]


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


@pytest.fixture
def desktop(new_context):
    return new_context(viewport=checks.DESKTOP).new_page()


def test_every_cell_is_on_a_phone_screen_and_says_its_column(phone, base_url, roadmap):
    problems, seen = [], 0
    for url in PAGES + fiche_pages(roadmap):
        found = cells(phone, base_url + url)
        seen += len(found["cells"])
        problems += [f"{url}: {p}" for p in off_screen(found)]
        problems += [f"{url}: {c['table']} « {c['text']} » ne dit pas sa colonne « {c['label']} »"
                     for c in found["cells"] if c["label"] and not (c["head"] or c["rowHeader"])
                     and c["label"] not in c["before"]]
    assert seen > 500 and problems == [], "\n".join(problems)


def test_no_table_overflows_the_content_column_at_1280_px(desktop, base_url, roadmap):
    problems = []
    for url in PAGES + [COMPARISON] + fiche_pages(roadmap):
        found = cells(desktop, base_url + url)
        problems += [f"{url}: {p}" for p in out_of_column(found)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("url, key", [
    ("/actions/", f"{INDEX} td[data-label='ETP chiffrés'], {INDEX} td[data-label='Montant ponctuel']"),
    ("/suivi/", "#legende-statuts-table td, td[data-label='Statut']"),
    ("/suivi/budget/", "td.lne-nombre:not(:empty)"),  # an empty cell: the register states nothing there
    ("/actions/esport-intergenerationnel/", "td[data-label='Montant']"),  # resources and budget lines
])
def test_the_key_figures_are_in_view_on_a_phone(phone, base_url, url, key):
    """Amounts, ETP, statuses and counts: on the screen, each with its column's name beside it."""
    phone.goto(base_url + url)
    phone.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")  # folded details too
    figures = phone.locator(key)
    assert figures.count() >= 3
    for i in range(figures.count()):
        cell = figures.nth(i)
        cell.scroll_into_view_if_needed()
        box, label = cell.bounding_box(), cell.get_attribute("data-label")
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (label, box)
        assert cell.inner_text().strip() and label
        assert label in cell.evaluate("c => getComputedStyle(c, '::before').content")


def test_the_cell_checks_report_what_they_must(phone, desktop, base_url):
    """A cell wider than the phone, or than the desktop column, is reported."""
    for page, check in ((phone, off_screen), (desktop, out_of_column)):
        found = cells(page, base_url + "/suivi/")
        assert check(found) == []
        page.evaluate("""() => {
            const cell = document.querySelector('#legende-suivi-solidaire-table tbody td');
            cell.id = 'trop-large';
            cell.style.minWidth = '1400px';
        }""")
        reported = check(page.evaluate(CELLS_JS))
        assert reported and all("legende-suivi-solidaire-table" in line for line in reported), reported


def test_sorting_works_on_a_phone(phone, base_url, roadmap):
    phone.goto(base_url + "/actions/")
    numbers = phone.locator(f"{INDEX} tbody td[data-label='N°']")
    header = phone.locator(f"{INDEX} thead th", has_text="N°")
    button = header.get_by_role("button")
    assert button.is_visible() and button.bounding_box()["x"] + button.bounding_box()["width"] <= PHONE["width"]
    button.click()
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert [int(n) for n in numbers.all_inner_texts()] == sorted((a.numero for a in roadmap.actions), reverse=True)
    etp = phone.locator(f"{INDEX} thead th", has_text="ETP chiffrés")
    etp.get_by_role("button").click()
    values = [float(v) for v in phone.locator(f"{INDEX} tbody td[data-label='ETP chiffrés']").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-valeur')).filter(v => v !== null)")]
    assert len(values) > 2 and values == sorted(values) and etp.get_attribute("aria-sort") == "ascending"


def test_the_tables_stay_tables_for_screen_readers(phone, base_url):
    """A table shown as cards keeps its roles (browsers drop them when the display of its elements changes)."""
    phone.goto(base_url + "/actions/")
    table = phone.get_by_role("table", name="fiches action de la feuille de route")
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    rows, columns = phone.locator(f"{INDEX} tbody tr").count(), phone.locator(f"{INDEX} thead th").count()
    assert table.get_by_role("row").count() == rows + 1
    assert table.get_by_role("columnheader").count() == columns
    assert table.get_by_role("cell").count() == rows * columns


def test_the_comparison_scrolls_sideways_and_says_so_on_a_phone(phone, base_url):
    phone.goto(base_url + COMPARISON)
    hint = phone.locator(".lne-colonne-fixe .lne-defiler")
    assert hint.is_visible() and "Faites défiler le tableau" in hint.inner_text()
    frame = phone.locator(".lne-colonne-fixe .lne-defilement")
    assert frame.get_attribute("role") == "region" and frame.get_attribute("tabindex") == "0"
    # the frame the keyboard reaches is the one that scrolls
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    frame.focus()
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    # The browser scrolls smoothly: wait for it to have moved at all.
    phone.wait_for_function("s => document.querySelector(s).scrollLeft > 0", arg=".lne-colonne-fixe .lne-defilement",
                            timeout=5000)


def test_the_hint_is_not_shown_on_a_desktop(desktop, base_url):
    desktop.goto(base_url + COMPARISON)
    assert desktop.locator(".lne-defiler").is_hidden()


# The rendered size of each chart text shown: its font size times the scale of its SVG; and whether it stays
# within its drawing.
CHART_TEXT_JS = """() => [...document.querySelectorAll('figure.lne-graphique svg text')]
    .filter(t => t.getBoundingClientRect().width > 0)
    .map(t => { const svg = t.closest('svg'), box = t.getBoundingClientRect(), frame = svg.getBoundingClientRect();
                return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a,
                        inside: box.left >= frame.left - 1 && box.right <= frame.right + 1}; })"""


@pytest.mark.parametrize("viewport", [PHONE, checks.DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("url", [COMPARISON, "/suivi/budget/"])
def test_chart_text_is_legible(new_context, base_url, viewport, url):
    page = new_context(viewport=viewport).new_page()
    page.goto(base_url + url)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")  # as a reader unfolds them
    texts = page.evaluate(CHART_TEXT_JS)
    assert len(texts) > 10
    small = [f"« {t['text']} » : {t['size']:.1f} px" for t in texts if t["size"] < 12]
    assert small == [], "\n".join(small)
    cut = [t["text"] for t in texts if not t["inside"]]
    assert cut == []
    # One drawing of each chart is shown, the other is neither shown nor read.
    figures = page.locator("figure.lne-graphique")
    for i in range(figures.count()):
        assert figures.nth(i).get_by_role("img").count() == 1
