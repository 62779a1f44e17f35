"""Citing and sharing a fiche, in a real browser, on a phone (390 px) and a desktop (1 280 px): the block is
on screen, its field holds the fiche's short link, « Copier » puts it in the clipboard and says so in a live
region; without JavaScript the field still holds it and no button is offered; an organisation page copies
the link of each of its fiches; the preview image is a PNG of the size the page declares; axe finds
nothing on these pages once a copy has been announced."""

from __future__ import annotations

import struct

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser import checks

FICHE = "/actions/boucle-reconditionnement-solidaire/"
NUMBER = 3
ORGANISATION = "/organisations/prefecture-du-lot/"
PHONE = {"width": 390, "height": 844}
SIZES = [PHONE, checks.DESKTOP]
STATUS = "[data-lne-partage] [role=status]"


@pytest.fixture(params=SIZES, ids=lambda size: f"{size['width']}px")
def page(request, new_context, base_url):
    context = new_context(viewport=request.param, permissions=["clipboard-read", "clipboard-write"],
                          base_url=base_url)
    return context.new_page()


def on_screen(page, selector: str) -> None:
    """The element is shown, scrolled to, and wholly within the width of the window."""
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    assert element.is_visible(), selector
    box = element.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box, width)


def test_the_short_link_is_copied_and_announced(page, base_url):
    page.goto(FICHE)
    on_screen(page, "#citer-ou-partager-cette-fiche")
    on_screen(page, "#lien-court")
    address = f"{base_url}/fiches/{NUMBER}/"  # made absolute from the page's address while site_url is unset
    assert page.input_value("#lien-court") == address
    button = page.locator('button[data-lne-copier="lien-court"]')
    on_screen(page, 'button[data-lne-copier="lien-court"]')
    assert page.locator(STATUS).inner_text() == ""
    button.click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent === 'Lien copié'")
    assert page.evaluate("navigator.clipboard.readText()") == address
    page.goto(address)  # the short link leads to the fiche
    page.wait_for_url(base_url + FICHE)


def test_the_citation_is_copied_with_the_absolute_link(page, base_url):
    page.goto(FICHE)
    on_screen(page, "#citation-suggeree")
    text = page.input_value("#citation-suggeree")
    assert text.startswith(f"Lot Numérique, fiche n°{NUMBER} « ") and text.endswith(f", {base_url}/fiches/{NUMBER}/")
    page.locator('button[data-lne-copier="citation-suggeree"]').click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent === 'Citation copiée'")
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_a_refused_clipboard_falls_back_on_the_selected_field(page, base_url):
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('refusé'))")
    page.goto(FICHE)
    page.locator('button[data-lne-copier="lien-court"]').click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent !== ''")
    selection = page.evaluate("""() => { const f = document.getElementById('lien-court');
        return [document.activeElement === f, f.selectionStart, f.selectionEnd, f.value.length]; }""")
    assert selection[:3] == [True, 0, selection[3]]  # the whole link selected, ready for Ctrl+C
    said = page.locator(STATUS).inner_text()
    assert said == "Lien copié" or said.startswith("Copie refusée par le navigateur")
    if said == "Lien copié":
        assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/fiches/{NUMBER}/"


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size['width']}px")
def test_without_javascript_the_link_is_there_and_no_button(new_context, base_url, size):
    page = new_context(viewport=size, java_script_enabled=False, base_url=base_url).new_page()
    page.goto(FICHE)
    on_screen(page, "#lien-court")
    assert page.input_value("#lien-court") == f"/fiches/{NUMBER}/"
    assert page.input_value("#citation-suggeree").endswith(f", /fiches/{NUMBER}/")
    assert page.locator("button[data-lne-copier]").count() == 2
    assert not any(b.is_visible() for b in page.locator("button[data-lne-copier]").all())
    page.focus("#lien-court")  # read-only, not disabled: it can be selected and copied by hand
    page.keyboard.press("Control+A")
    assert page.evaluate("document.activeElement.id") == "lien-court"


def test_an_organisation_copies_the_link_of_each_of_its_fiches(page, base_url, roadmap):
    organisation = roadmap.organisations[ORGANISATION.split("/")[2]]
    numbers = [a.numero for a in organisation.actions]
    assert len(numbers) > 1
    page.goto(ORGANISATION)
    fields = page.locator("#liens-vers-ses-fiches + div input")
    assert [f.input_value() for f in fields.all()] == [f"{base_url}/fiches/{n}/" for n in numbers]
    last = numbers[-1]
    on_screen(page, f'button[data-lne-copier="lien-fiche-{last}"]')
    page.locator(f'button[data-lne-copier="lien-fiche-{last}"]').click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent === 'Lien de la fiche n°{last} copié'")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/fiches/{last}/"


def test_the_preview_image_is_a_png_of_the_declared_size(page):
    page.goto(FICHE)
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:image"]')]
        .map(m => [m.getAttribute('property'), m.content]))""")
    image = page.evaluate("src => new URL(src, location.href).href", meta["og:image"])
    response = page.request.get(image)
    assert response.ok and response.headers["content-type"] == "image/png"
    body = response.body()
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and body[12:16] == b"IHDR"
    assert struct.unpack(">II", body[16:24]) == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    assert meta["og:image:alt"]


@pytest.mark.parametrize("url", [FICHE, ORGANISATION])
def test_axe_finds_nothing_once_a_copy_is_announced(page, url):
    """The whole page at 1 280 px, as every page is audited (test_accessibility.py); the block alone at
    390 px (the tables of a fiche at that width are the concern of the phone layout of tables)."""
    page.goto(url)
    page.locator("button[data-lne-copier]").first.click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent !== ''")
    if page.viewport_size["width"] >= checks.DESKTOP["width"]:
        found = checks.axe(page, url)
    else:
        checks.settle(page)
        page.evaluate(AXE_SCRIPT)
        found = page.evaluate("""async options => (await axe.run('[data-lne-partage]', options)).violations
            .map(v => `${v.id} ${v.nodes.map(n => n.target.join(' ')).join(' | ')}`)""", checks.AXE_OPTIONS)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("url", [FICHE, ORGANISATION])
def test_axe_finds_nothing_in_the_dark_palette_once_a_copy_is_announced(new_context, base_url, url):
    page = new_context(color_scheme="dark", permissions=["clipboard-read", "clipboard-write"],
                       base_url=base_url).new_page()
    page.goto(url)
    page.locator("button[data-lne-copier]").first.click()
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent !== ''")
    found = checks.axe(page, url)
    assert not found, "\n".join(found)
