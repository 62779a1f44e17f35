"""The filters of the index on a phone (390 px): folded behind a button that counts the active criteria, the
number of fiches shown on the first screen, and the publics filtered by category, not by wording."""

from __future__ import annotations

import pytest

from tests.browser.test_filters import STATUS, TABLE, expected, shown

PHONE = {"width": 390, "height": 844}
BUTTON = ".lne-filtres__bouton"


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def in_first_screen(page, selector: str) -> bool:
    return page.locator(selector).evaluate("e => { const b = e.getBoundingClientRect(); "
                                           "return b.height > 0 && b.top >= 0 && b.bottom <= innerHeight; }")


@pytest.mark.parametrize("address", ["/actions/", "/actions/?axe=solidaire&partenaire=departement#filtres"])
def test_the_count_is_on_the_first_screen_and_the_criteria_folded(phone, base_url, roadmap, address):
    phone.goto(base_url + address)
    button = phone.locator(BUTTON)
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.locator("#filtre-axe").is_hidden()
    phone.evaluate("window.scrollTo(0, 0)")
    assert in_first_screen(phone, STATUS) and in_first_screen(phone, BUTTON)
    active = 2 if "?" in address else 0
    assert button.inner_text().strip().rstrip("▾▴ ") == ("Filtres" if not active else f"Filtres ({active} actifs)")
    assert phone.locator(STATUS).inner_text().endswith(f"sur {len(roadmap.actions)}")


def test_the_button_unfolds_the_criteria_and_counts_them(phone, base_url, roadmap):
    phone.goto(base_url + "/actions/")
    button = phone.get_by_role("button", name="Filtres")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.locator(f"#{button.get_attribute('aria-controls')}").is_visible()
    phone.select_option("#filtre-programme", "fne")
    assert phone.locator(BUTTON).inner_text().startswith("Filtres (1 actif)")
    phone.select_option("#filtre-axe", "solidaire")
    assert phone.locator(BUTTON).inner_text().startswith("Filtres (2 actifs)")
    wanted = sorted(set(expected(roadmap, "programme", "fne")) & set(expected(roadmap, "axe", "solidaire")))
    assert shown(phone) == wanted
    button.click()
    assert button.get_attribute("aria-expanded") == "false" and phone.locator("#filtre-axe").is_hidden()
    assert phone.locator(STATUS).inner_text() == (f"{len(wanted)} fiche{'s' if len(wanted) > 1 else ''} sur "
                                                  f"{len(roadmap.actions)}")


def test_seniors_finds_every_fiche_for_seniors_whatever_its_wording(phone, base_url, roadmap):
    """« Séniors » (fiche 22) and « Personnes seniors résidants dans les EHPAD… » (fiche 11): one category."""
    wanted = expected(roadmap, "public", "seniors")
    wordings = {p for n in wanted for p in roadmap.action(n).public_cible}
    assert len(wanted) >= 2 and len({w.casefold().strip(".") for w in wordings}) > 1  # worded differently
    assert any("EHPAD" in w for w in wordings)
    phone.goto(base_url + "/actions/")
    phone.get_by_role("button", name="Filtres").click()
    option = phone.locator("#filtre-public option[value=seniors]")
    assert option.inner_text() == f"Seniors ({len(wanted)} fiches)"
    phone.select_option("#filtre-public", "seniors")
    assert shown(phone) == wanted
    rows = phone.locator(f"{TABLE} tbody tr:not([hidden])")
    assert rows.count() == len(wanted)
