"""Reflow (WCAG 1.4.10): at 320 CSS px wide, no page scrolls sideways; wide tables scroll in their own frame."""

from __future__ import annotations

from tests.browser import checks


def test_no_page_scrolls_sideways_at_320_px(audit):
    found = audit.reflow
    assert not found, "\n".join(found)


def test_the_reflow_check_reports_what_it_must(page, base_url):
    page.goto(base_url + "/actions/")
    assert checks.reflow(page, "/actions/") == []
    page.evaluate("""() => {
        const wide = document.createElement('p');
        wide.id = 'trop-large';
        wide.style.width = '600px';
        document.querySelector('.md-content article').appendChild(wide);
        // Wide only once narrow, at the end of a transition that the resize starts.
        const later = document.createElement('div');
        later.id = 'large-a-terme';
        document.querySelector('.md-content article').appendChild(later);
        const style = document.createElement('style');
        style.textContent = '#large-a-terme { width: 100px; transition: width 60s linear } ' +
                            '@media (max-width: 400px) { #large-a-terme { width: 600px } }';
        document.head.appendChild(style);
        const frame = document.querySelector('.lne-defilement');
        frame.replaceWith(frame.querySelector('table'));
    }""")
    assert checks.reflow(page, "/actions/") == [
        "/actions/: dépasse des 320 px de large : p#trop-large, div#large-a-terme",
        "/actions/: tableau sans cadre de défilement : legende-toutes-les-actions-table"]
    assert page.viewport_size == checks.DESKTOP
