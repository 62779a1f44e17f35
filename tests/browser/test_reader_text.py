"""No back-office text in the reader's way, as the browser shows it (issue 19, section 3): in the text a reader
sees (`innerText`, closed « Sources » disclosures and code left out, since `innerText` skips what is not
rendered), no register line number, no data file name, no raw register symbol; at 390 and 1 280 px. The
line numbers are still there for staff, once the « Sources » disclosure is opened."""

from __future__ import annotations

import pytest

from tests.browser import checks
from tests.unit.page_sources.test_page_sources import BACK_OFFICE

PAGES = ["/", "/actions/", "/actions/boucle-reconditionnement-solidaire/", "/actions/esport-intergenerationnel/",
         "/suivi/", "/suivi/budget/", "/deliberations/cs2025-06/", "/diagnostic/epci/grand-figeac/"]
PHONE = {"width": 390, "height": 844}
TEXT_JS = """() => {
    document.querySelectorAll('pre, code, kbd, samp').forEach(e => e.replaceWith(''));
    return document.body.innerText;
}"""


@pytest.mark.parametrize("viewport", [PHONE, checks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("url", PAGES)
def test_the_text_read_has_no_line_number_file_name_or_register_symbol(new_context, base_url, url, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto(base_url + url)
    text = page.evaluate(TEXT_JS)
    assert len(text) > 300
    assert BACK_OFFICE.findall(text) == []


def test_the_lines_are_there_for_staff_once_the_sources_are_opened(new_context, base_url):
    page = new_context(viewport=PHONE).new_page()
    page.goto(base_url + "/actions/boucle-reconditionnement-solidaire/")
    sources = page.locator("details.lne-sources")
    assert sources.count() == 1 and sources.get_attribute("open") is None
    sources.locator("summary").click()
    assert BACK_OFFICE.search(page.evaluate(TEXT_JS))
