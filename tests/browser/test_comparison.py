"""The comparison of the territories fits a desktop page, and stays readable on a 320 px screen."""

from __future__ import annotations

from tests.browser import checks

URL = "/diagnostic/epci/"
TABLE = "#legende-comparaison-table"

GEOMETRY_JS = """selector => {
    const table = document.querySelector(selector);
    const frame = table.closest('.lne-defilement');  // ours, which the keyboard reaches, scrolls
    const box = frame.getBoundingClientRect();
    return {frame: frame.clientWidth, content: frame.scrollWidth, page: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth, frameLeft: box.left,
            rows: [...table.tBodies[0].rows].map(r => r.getBoundingClientRect().height),
            columns: table.tHead.rows[0].cells.length};
}"""

# After the frame is scrolled to its end: where each row's first cell is, and what is drawn at its middle.
STICKY_JS = """selector => {
    const table = document.querySelector(selector);
    const frame = table.closest('.lne-defilement');  // ours, which the keyboard reaches, scrolls
    frame.scrollLeft = frame.scrollWidth;
    return [...table.rows].map(row => {
        window.scrollTo(0, window.scrollY + row.getBoundingClientRect().top - innerHeight / 2);  // in view
        const cell = row.cells[0], box = cell.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 8, box.top + box.height / 2);
        return {left: box.left, frameLeft: frame.getBoundingClientRect().left, scrolled: frame.scrollLeft,
                onTop: cell.contains(hit), text: cell.textContent.trim()};
    });
}"""


def test_the_comparison_fits_a_desktop_page(new_context, base_url, roadmap):
    page = new_context(viewport=checks.DESKTOP).new_page()
    page.goto(base_url + URL)
    geometry = page.evaluate(GEOMETRY_JS, TABLE)
    assert geometry["columns"] == 2 + len(roadmap.diagnostic.territoires[0].figures)
    assert geometry["content"] <= geometry["frame"], f"défilement horizontal : {geometry}"
    # A number per cell, no repeated unit or statement: no row grows beyond a few lines.
    assert max(geometry["rows"]) < 100, geometry["rows"]


def test_the_comparison_keeps_the_names_in_view_at_320_px(new_context, base_url, roadmap):
    page = new_context(viewport=checks.NARROW).new_page()
    page.goto(base_url + URL)
    geometry = page.evaluate(GEOMETRY_JS, TABLE)
    assert geometry["page"] <= geometry["viewport"]  # the page itself never scrolls sideways
    assert geometry["content"] > geometry["frame"]  # the table scrolls in its frame…
    cells = page.evaluate(STICKY_JS, TABLE)
    assert cells[0]["scrolled"] > 0
    names = [c["text"] for c in cells[1:]]
    assert names == [t.nom_court for t in roadmap.diagnostic.territoires]
    for cell in cells:  # …and the names stay at its left edge, drawn over the scrolled cells
        assert abs(cell["left"] - cell["frameLeft"]) <= 2 and cell["onTop"], cell


def test_a_note_mark_leads_to_its_note_and_back(page, base_url):
    page.goto(base_url + URL)
    mark = page.locator(f"{TABLE} a.lne-renvoi-note").first
    hidden = mark.locator(".lne-visuellement-masque")  # « note » is said to screen readers, not shown
    assert hidden.inner_text().strip() == "note" and hidden.bounding_box()["width"] <= 1
    assert mark.evaluate("e => e.textContent.trim()").removeprefix("note ").isdigit()
    mark.click()
    note = page.locator(mark.get_attribute("href"))
    assert note.evaluate("e => e.tagName") == "LI" and note.is_visible()
    back = note.locator(f"a[href='#{mark.get_attribute('id')}']")
    assert back.count() == 1
