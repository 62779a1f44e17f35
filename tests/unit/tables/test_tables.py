"""Tables labelled for narrow screens (roadmap_site/tables.py): each body cell carries the text of its column's header,
every table element its ARIA role; on every built page, read with an HTML parser of its own."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from roadmap_site.tables import label_cells
from tests.oracles import norm


def test_each_body_cell_gets_its_column_header_and_each_element_its_role():
    html = label_cells(
        '<p>avant</p><table id="t"><caption>Légende</caption><thead><tr><th scope="col">N°</th>'
        '<th scope="col" colspan="2">Montant <span class="x">&amp; base</span></th><th></th></tr></thead>'
        '<tbody><tr><th scope="row">1</th><td>5 €</td><td class="lne-nombre">par an</td><td>x</td></tr>'
        '<tr><td colspan="3">sur trois colonnes</td><td>y</td></tr></tbody>'
        '<tfoot><tr><th scope="row">Total</th><td>5 €</td><td></td><td></td></tr></tfoot></table><p>après</p>')
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("table")["role"] == "table" and soup.find("caption").get("role") is None
    assert [s["role"] for s in soup.select("thead, tbody, tfoot")] == ["rowgroup"] * 3
    assert {tr["role"] for tr in soup.find_all("tr")} == {"row"}
    assert [th["role"] for th in soup.select("thead th")] == ["columnheader"] * 3
    body = [[(c.name, c.get("role"), c.get("data-label")) for c in tr.find_all(["th", "td"])]
            for tr in soup.select("tbody tr, tfoot tr")]
    assert body == [
        [("th", "rowheader", "N°"), ("td", "cell", "Montant & base"), ("td", "cell", "Montant & base"),
         ("td", "cell", None)],
        [("td", "cell", "N°"), ("td", "cell", None)],  # spans N° and both Montant columns: the last is empty
        [("th", "rowheader", "N°"), ("td", "cell", "Montant & base"), ("td", "cell", "Montant & base"),
         ("td", "cell", None)]]
    assert soup.select("thead [data-label]") == []
    assert html.startswith("<p>avant</p>") and html.endswith("<p>après</p>")


@pytest.mark.parametrize("html", [
    "<p>Pas de tableau</p>",
    '<table><tbody><tr><td role="presentation">sans en-tête</td></tr></tbody></table>',
])
def test_what_has_no_header_gets_no_label_and_keeps_the_roles_it_has(html):
    labelled = label_cells(html)
    assert "data-label" not in labelled
    assert labelled.count("role=") == html.count("role=") + (3 if "<table" in html else 0)  # table, tbody, tr


def test_rows_that_follow_the_header_without_a_tbody_are_labelled():
    """HTML lets body rows follow `</thead>` without a `<tbody>`: they are body rows all the same."""
    soup = BeautifulSoup(label_cells('<table><thead><tr><th>Axe</th><th>Fiches</th></tr></thead>'
                                     '<tr><td>1</td><td>4</td></tr></table>'), "html.parser")
    assert [td.get("data-label") for td in soup.find_all("td")] == ["Axe", "Fiches"]
    assert [th.get("data-label") for th in soup.find_all("th")] == [None, None]


def test_a_label_is_escaped_as_an_attribute_and_keeps_its_no_break_spaces():
    soup = BeautifulSoup(label_cells('<table><thead><tr><th>« Dit\u00a0» "\n   &lt;b&gt;</th></tr></thead>'
                                     '<tbody><tr><td>1</td></tr></tbody></table>'), "html.parser")
    assert soup.find("td")["data-label"] == '« Dit\u00a0» " <b>'


def test_every_cell_of_every_built_page_names_its_column(site):
    """On every page, whatever template the table comes from (the engine's tables are in a .lne-defilement
    frame): the label of a body cell is the text of the header cell above it (column spans counted)."""
    checked = 0
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select(".md-content .lne-defilement table"):
            if table.thead is None:
                continue
            headers = []
            for th in table.thead.find_all("tr")[-1].find_all("th"):
                headers += [norm(th.get_text())] * int(th.get("colspan", 1))
            assert table["role"] == "table", path
            for row in table.select("tbody tr, tfoot tr"):
                column = 0
                for cell in row.find_all(["th", "td"], recursive=False):
                    wanted = headers[column] if column < len(headers) and headers[column] else None
                    label = cell.get("data-label")
                    assert (norm(label) if label else None) == wanted, (path, table.get("id"), column)
                    assert cell["role"] == ("rowheader" if cell.get("scope") == "row" else "cell"), (path, cell)
                    column += int(cell.get("colspan", 1))
                    checked += 1
    assert checked > 2000
