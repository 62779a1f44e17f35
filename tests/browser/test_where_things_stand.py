"""Where the roadmap stands, as a reader sees it in Chromium at 390 px (a phone) and 1 280 px: how old the
latest information is, on the follow-up page and on a fiche; the index filtered by status from the home
page's figures; the statuses-by-axis chart legible on a phone; the budget led by its summary table, which
prints on A4 with no column cut. Expected figures are read from the records (tests/site/test_oracles_follow_up.py)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser import checks
from tests.site.test_oracles_follow_up import FICHES, STATUTS, freshness, status_code, status_counts

WIDTHS = [390, 1280]
FICHE = "/actions/boucle-reconditionnement-solidaire/"
NO_STATUS = "/actions/partager-outils-bonnes-pratiques-numerique-responsable/"  # no follow-up record
TABLE = "#legende-toutes-les-actions-table"
STATUS = ".lne-filtres [role=status]"
SUMMARY = "legende-budget-synthese-table"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request, new_context):
    return new_context(viewport={"width": request.param, "height": 800}).new_page()


def within_the_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 0.5


@pytest.mark.parametrize("url, selector", [("/suivi/", ".lne-date-suivi .lne-fraicheur"),
                                           (FICHE, ".lne-resume .lne-fraicheur"),
                                           (NO_STATUS, ".lne-resume .lne-fraicheur")])
def test_the_age_of_the_latest_information_is_visible(sized, base_url, url, selector):
    sized.goto(base_url + url)
    checks.settle(sized)
    sentence = sized.locator(selector)
    assert sentence.count() == 1 and sentence.is_visible()
    assert flat(sentence.inner_text()) == freshness()
    assert within_the_screen(sized, sentence)
    if url != "/suivi/":  # in the fiche's summary, on the first screen
        assert sentence.bounding_box()["y"] < 2 * sized.viewport_size["height"]


def shown(page) -> list[int]:
    return [int(n) for n in page.locator(f"{TABLE} tbody tr:not([hidden]) td:first-child").all_inner_texts()]


@pytest.mark.parametrize("code", sorted(status_counts()))
def test_a_status_figure_of_the_home_page_opens_the_index_filtered_by_it(sized, base_url, code):
    wanted = sorted(n for n in FICHES if status_code(n) == code)
    sized.goto(base_url + "/")
    sized.locator(f".lne-chiffres a[href*='statut={code}']").click()
    sized.wait_for_url(re.compile(rf"/actions/\?statut={code}"))
    assert sized.locator("#filtre-statut").input_value() == code
    assert shown(sized) == wanted
    count = sized.locator(STATUS)
    assert count.inner_text() == f"{len(wanted)} fiche{'s' if len(wanted) > 1 else ''} sur {len(FICHES)}"
    assert count.is_visible()
    cells = sized.locator(f"{TABLE} tbody tr:not([hidden]) .lne-statut").all_inner_texts()
    assert [flat(c) for c in cells] == [STATUTS[code]["nom"]] * len(wanted)


def test_en_cours_in_the_address_keeps_only_the_fiches_in_progress(page, base_url):
    page.goto(base_url + "/actions/?statut=en_cours")
    wanted = sorted(n for n in FICHES if status_code(n) == "en_cours")
    assert 0 < len(wanted) < len(FICHES)
    assert shown(page) == wanted
    assert page.locator(STATUS).inner_text() == f"{len(wanted)} fiches sur {len(FICHES)}"


CHART_TEXT_JS = """() => [...document.querySelectorAll('.lne-graphique--empile svg text')].map(t =>
    t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))"""


def test_the_statuses_chart_is_legible_on_a_phone(new_context, base_url):
    page = new_context(viewport={"width": 390, "height": 800}, is_mobile=True).new_page()
    page.goto(base_url + "/suivi/")
    checks.settle(page)
    chart = page.locator(".lne-graphique--empile svg")
    assert chart.is_visible() and within_the_screen(page, chart)
    sizes = page.evaluate(CHART_TEXT_JS)
    assert len(sizes) > 3 and min(sizes) >= 12, sizes  # labels and counts, in CSS px as rendered
    for text in page.locator(".lne-graphique--empile svg text").all():
        assert within_the_screen(page, text), text.inner_text()


def test_the_budget_page_leads_with_its_summary_table(sized, base_url):
    sized.goto(base_url + "/suivi/budget/")
    first = sized.locator("article table").first
    assert first.get_attribute("id") == SUMMARY
    assert first.locator("caption").is_visible()
    assert sized.locator("details.lne-detail-budget[open]").count() == 0  # the detail is folded


def test_the_budget_prints_on_a_few_a4_pages_with_no_column_cut(page, base_url):
    page.goto(base_url + "/suivi/budget/")
    cells = [flat(t) for t in page.locator(f"#{SUMMARY} :is(thead, tbody, tfoot) :is(th, td)").all_inner_texts()]
    headers = [flat(t) for t in page.locator(f"#{SUMMARY} thead th").all_inner_texts()]
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = flat(" ".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 4  # 13 when every table was printed in full
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5
    # Every column, the last one included, reaches the paper whole: its header and each of its figures.
    assert [h for h in headers if h not in text] == []
    figures = [c for c in cells if re.fullmatch(r"[\d ]+(,\d\d)? €", c)]
    assert len(figures) > 30 and [f for f in figures if f not in text] == []
    assert "Sur papier, la synthèse seule" in text
    assert "Lignes du tableau :" not in text  # the detail tables stay on the screen
