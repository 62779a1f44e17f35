"""French spacing as the browser lays the text out: in the text a reader sees (`innerText`, which also holds
what the site's scripts write, such as the hint of sortable tables), no ordinary space or line break before
`; : ! ?` or `»`, after `«`, or between a number and its unit; at 390 and 1 280 px. Code is left out: it
is shown as typed."""

from __future__ import annotations

import re

import pytest

from tests.browser import checks

PAGES = ["/", "/actions/", "/actions/boucle-reconditionnement-solidaire/", "/actions/esport-intergenerationnel/",
         "/suivi/", "/suivi/budget/", "/contribuer/"]
PHONE = {"width": 390, "height": 844}
WHITE = r"[ \t\r\n]"
# The text read, code left out (a placeholder stands for it: it is no space).
TEXT_JS = """() => {
    document.querySelectorAll('pre, code, kbd, samp').forEach(e => e.replaceWith('\u00a4'));
    return document.body.innerText;
}"""
FAULTS = re.compile(rf"\S{{0,25}}{WHITE}+[;:!?»]|«{WHITE}+\S{{0,25}}|\d{WHITE}+(?:%|€|ETP)")


@pytest.mark.parametrize("viewport", [PHONE, checks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("url", PAGES)
def test_no_breaking_space_before_french_punctuation_in_the_text_read(new_context, base_url, url, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto(base_url + url)
    text = page.evaluate(TEXT_JS)
    assert len(text) > 500 and re.search("[\u00a0\u202f][:;]", text)  # the page, with its French spacing
    assert FAULTS.findall(text) == []
