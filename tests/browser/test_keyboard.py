"""Keyboard only: the sortable table of the index and the back-to-top button, without a mouse (the search:
test_search_ui.py)."""

from __future__ import annotations

from playwright.sync_api import expect

TABLE = "#legende-toutes-les-actions-table"
ACTIVE_JS = """() => {
    const a = document.activeElement;
    const th = a.closest('th');
    return {tag: a.tagName, header: th && a.closest('table').id === '%s' ? a.textContent.trim() : null,
            region: a.classList.contains('lne-defilement') ? a.getAttribute('aria-labelledby') : null};
}""" % TABLE[1:]


def numbers(page) -> list[int]:
    return [int(n) for n in page.locator(f"{TABLE} tbody tr td:first-child").all_inner_texts()]


def sort_state(page) -> dict[str, str | None]:
    headers = page.locator(f"{TABLE} thead th")
    return {headers.nth(i).inner_text().split("\n")[0].strip(" ↕↑↓"): headers.nth(i).get_attribute("aria-sort")
            for i in range(headers.count())}


def tab_until(page, predicate, limit=400):
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(ACTIVE_JS)
        if predicate(state):
            return state
    raise AssertionError("élément jamais atteint au clavier")


COLUMNS = ["N°", "Intitulé", "Axe", "Objectif", "Porteur(s)", "Programme", "Statut", "ETP chiffrés", "Montant ponctuel",
           "Autres montants"]
AMOUNT = COLUMNS.index("Montant ponctuel")


def test_index_table_sorts_from_the_keyboard(page, base_url, roadmap):
    page.goto(base_url + "/actions/")
    ordered = numbers(page)
    assert ordered == sorted(action.numero for action in roadmap.actions)  # every fiche, by number, as built

    # The scrolling frame of the table is reached first (it can scroll), then each column header in turn.
    tab_until(page, lambda s: s["region"] == "legende-toutes-les-actions")
    reached = []
    for _ in COLUMNS:
        page.keyboard.press("Tab")
        state = page.evaluate(ACTIVE_JS)
        assert state["tag"] == "BUTTON" and state["header"], state
        reached.append(state["header"].strip(" ↕↑↓"))
    assert reached == COLUMNS

    # Sort by amount first, so that sorting by number has something to put back in order.
    for _ in COLUMNS[AMOUNT + 1:]:  # back from the last column to the amount
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(ACTIVE_JS)["header"].strip(" ↕↑↓") == "Montant ponctuel"
    page.keyboard.press("Enter")
    assert sort_state(page)["Montant ponctuel"] == "ascending"
    by_amount = numbers(page)
    assert by_amount != ordered and sorted(by_amount) == ordered

    for _ in COLUMNS[1:AMOUNT + 1]:  # back from the amount to the first column
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(ACTIVE_JS)["header"].startswith("N°")
    page.keyboard.press("Enter")
    state = sort_state(page)
    assert state["N°"] == "ascending" and [k for k, v in state.items() if v] == ["N°"]
    assert numbers(page) == ordered
    page.keyboard.press("Space")
    assert sort_state(page)["N°"] == "descending"
    assert numbers(page) == ordered[::-1]
    # Focus stays on the header that was activated, so one can go on sorting.
    assert page.evaluate(ACTIVE_JS)["header"].startswith("N°")


def test_epci_without_a_figure_sorts_last_not_as_zero(page, base_url):
    """Sorting the comparison table by poverty rate puts the EPCIs with a statement last, both ways."""
    page.goto(base_url + "/diagnostic/epci/")
    table = page.locator("#legende-comparaison-table")
    header = table.locator("thead th").nth(4)
    assert header.inner_text().startswith("Taux de pauvreté")
    for _ in range(2):  # ascending, then descending
        header.locator("button").click()
        cells = table.locator("tbody tr td:nth-child(5)").all_inner_texts()
        assert [c.startswith("pas de chiffre") for c in cells] == [False] * 8 + [True] * 2
    numbers = [float(c.split()[0].replace(",", ".")) for c in cells[:8]]
    assert numbers == sorted(numbers, reverse=True)


def test_the_back_to_top_button_takes_the_focus_only_when_shown(page, base_url):
    """The theme keeps its hidden "back to top" button rendered, transparent (roadmap_site/theme/…/lne.css): hidden,
    it must not take the focus; shown (when the reader scrolls back up), it must."""
    page.goto(base_url + "/contribuer/")
    top = page.locator(".md-top")
    focused = "e => { e.focus(); return e === document.activeElement; }"
    assert top.evaluate("e => e.hidden") and not top.evaluate(focused)
    page.mouse.wheel(0, 2000)
    page.wait_for_function("scrollY >= 2000")
    assert top.evaluate("e => e.hidden") and not top.evaluate(focused)  # scrolling down: still hidden
    page.mouse.wheel(0, -500)
    expect(top).to_be_visible()
    assert top.evaluate(focused)
