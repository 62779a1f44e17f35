"""Printing a fiche: A4, at most 3 pages, the fiche alone (no header, navigation, search or footer)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

FICHE = "/actions/boucle-reconditionnement-solidaire/"
TITLE = "Expérimenter une boucle de reconditionnement solidaire"

# Text of the screen's surroundings (header, navigation, table of contents, footers) that the article does
# not contain, and the article's edit line: none of it may reach the paper.
SURROUNDINGS_JS = """() => {
    const article = document.querySelector('.md-content article').innerText;
    const parts = document.querySelectorAll(
        '.md-header a, .md-header label, .md-header button, .md-sidebar a, .md-footer a, .lne-pied a, .md-nav__title');
    const texts = [...parts].map(e => e.textContent.replace(/\\s+/g, ' ').trim())
        .filter(t => t.length > 3 && !article.includes(t));
    return [...new Set(texts)];
}"""


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def test_a_fiche_prints_alone_on_at_most_three_a4_pages(page, base_url):
    page.goto(base_url + FICHE)
    assert page.locator("h1").inner_text() == TITLE
    surroundings = page.evaluate(SURROUNDINGS_JS)
    assert {"Rechercher", "Mentions légales"} <= set(surroundings)
    assert len(surroundings) > 8  # the top of the menu (the rest is pruned), the contents, the footers

    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = flat(" ".join(p.extract_text() for p in pdf.pages))

    assert 1 <= len(pdf.pages) <= 3
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4: 210 × 297 mm in points
    assert TITLE in text
    assert "Enjeux et contexte" in text and "Indicateurs de suivi" in text  # the whole fiche
    assert [t for t in surroundings if flat(t) in text] == []
    assert "../" not in text  # addresses within the site are not written out on paper
