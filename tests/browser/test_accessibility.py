"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA) on every page, in the light and the dark
palette, and what axe does not check: one h1, the language, the skip link, a visible keyboard focus."""

from __future__ import annotations

import pytest

from tests.browser import checks

DARK_PAGES = ["/", "/actions/", "/actions/boucle-reconditionnement-solidaire/", "/organisations/prefecture-du-lot/",
              "/axes/solidaire/"]
FOCUS_WALK_PAGES = ["/", "/actions/", "/actions/boucle-reconditionnement-solidaire/",
                    "/organisations/prefecture-du-lot/", "/axes/solidaire/", "/contribuer/"]


def test_axe_finds_nothing_on_any_page(audit):
    found = audit.axe
    assert not found, f"{len(found)} problème(s) d'accessibilité :\n" + "\n".join(found)


def test_every_page_has_lang_one_h1_and_a_working_skip_link(audit):
    found = audit.structure
    assert not found, "\n".join(found)


def test_axe_finds_nothing_in_the_dark_palette(new_context, base_url, pages):
    page = new_context(color_scheme="dark").new_page()
    found = []
    for url in DARK_PAGES:
        assert url in pages, url
        page.goto(base_url + url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", url
        found += checks.axe(page, url)
    assert not found, f"{len(found)} problème(s) en thème sombre :\n" + "\n".join(found)


def test_keyboard_reaches_everything_in_order_with_a_visible_focus(page, base_url, pages):
    """Tab through whole pages, header, navigation, content and footer: the path is the one the page's DOM
    defines, every stop shows the focus, and nothing on the screen is left out."""
    found = []
    for url in FOCUS_WALK_PAGES:
        assert url in pages, url
        page.goto(base_url + url)
        found += checks.keyboard_walk(page, url)
    assert not found, "\n".join(found)


# --- The checks can fail: doctored pages are reported -----------------------------------------------------


def test_the_axe_check_reports_what_it_must(page, base_url):
    page.goto(base_url + "/")
    page.evaluate("""() => {
        document.querySelector('.md-content p').style.color = '#bbb';
        document.querySelector('.md-content').appendChild(document.createElement('button'));
        document.querySelector('.lne-pied').style.background = 'linear-gradient(#000, #333)';
    }""")
    report = "\n".join(checks.axe(page, "/"))
    assert "/: color-contrast (serious)" in report and "/: button-name (critical)" in report
    assert "color-contrast (non vérifiable)" in report and 'accessibilite/"]' in report


def test_the_axe_check_audits_the_page_as_it_settles(page, base_url):
    """A transition under way is audited at its end: text fading to a poor contrast is reported, text coming
    from a poor contrast (as the theme's header title does when it fades in) is not. A page that never stops
    moving is not audited at all."""
    page.goto(base_url + "/")
    page.evaluate("""() => {
        const [fading, darkening] = document.querySelectorAll('.md-content p');
        fading.id = 'vers-pale';
        darkening.id = 'vers-fonce';
        darkening.style.color = '#bbb';
        getComputedStyle(darkening).color;  // the starting point of its transition
        for (const p of [fading, darkening]) p.style.transition = 'color 60s linear';
        fading.style.color = '#bbb';
        darkening.style.color = '';
    }""")
    report = "\n".join(checks.axe(page, "/"))
    assert "#vers-pale" in report and "#vers-fonce" not in report
    page.evaluate("() => document.querySelector('.md-content p').animate([{opacity: 1}, {opacity: 0.9}],"
                  " {duration: 1000, iterations: Infinity})")
    with pytest.raises(AssertionError, match='animation sans fin : animation sur <p id="vers-pale"'):
        checks.axe(page, "/")


def test_the_keyboard_walk_reports_what_it_must(page, base_url):
    url = "/organisations/prefecture-du-lot/"
    page.goto(base_url + url)
    assert checks.keyboard_walk(page, url) == []
    # A link left out of the path, another without a focus style.
    page.goto(base_url + url)
    page.evaluate("""() => {
        const [left, bare] = document.querySelectorAll('.md-content article a[href]:not(.md-content__button)');
        left.tabIndex = -1;
        bare.style.cssText = 'outline: none !important; box-shadow: none !important';
    }""")
    found = checks.keyboard_walk(page, url)
    assert len(found) == 2
    assert found[0].startswith(f'{url}: focus invisible sur <a href="../../actions/former-outiller-aidants/"')
    assert found[1].startswith(f'{url}: jamais atteint au clavier : <a href="../../actions/coordonner-feuille-')
    # A positive tabindex, which reorders the path.
    page.goto(base_url + url)
    page.evaluate("() => document.querySelector('.lne-pied a').tabIndex = 1")
    assert checks.keyboard_walk(page, url) == [
        f"{url}: tabindex positif, qui change l'ordre de tabulation : "
        '<a href="../../accessibilite/" tabindex="1">Accessibilité&nbsp;: non conforme</a>']
    # A keyboard trap: Tab does nothing on one link.
    page.goto(base_url + url)
    page.evaluate("""() => document.querySelector('.md-content article a[href]:not(.md-content__button)')
        .addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); })""")
    [found] = checks.keyboard_walk(page, url)
    assert found.startswith(f'{url}: la tabulation mène à <a href="../../actions/coordonner-feuille-')
    assert 'au lieu de <a href="../../actions/former-outiller-aidants/"' in found


def test_the_structure_check_reports_what_it_must(page, base_url):
    page.goto(base_url + "/actions/")
    page.evaluate("""() => {
        document.documentElement.lang = 'en';
        document.querySelector('.md-content h2').outerHTML = '<h1>Deuxième titre</h1>';
    }""")
    assert checks.structure(page, "/actions/") == ["/actions/: <html lang> n'est pas « fr »", "/actions/: 2 titres h1"]
    page.goto(base_url + "/actions/")
    page.evaluate("() => document.querySelector('.md-skip').remove()")
    assert "n'est pas le lien « Aller au contenu »" in checks.structure(page, "/actions/")[0]
    page.goto(base_url + "/actions/")
    page.evaluate("() => document.querySelector('.md-skip').setAttribute('href', '#totaux-par-axe')")
    assert checks.structure(page, "/actions/") == [
        "/actions/: lien d'évitement #totaux-par-axe : la cible est après le titre h1, qu'il fait sauter"]
    page.goto(base_url + "/actions/")
    page.add_style_tag(content=".md-content :focus, .md-content :focus-visible "
                               "{ outline: none !important; box-shadow: none !important }")
    assert "focus invisible" in checks.structure(page, "/actions/")[0]
