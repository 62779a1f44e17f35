"""The checks run in the browser on each page, as plain functions: the audit of every page (conftest.py)
and the tests that prove each check can fail (a doctored page must be reported) use the same code."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT  # axe-core bundled with the package: loaded locally, no CDN

from tests.browser.harness import HOST

DESKTOP = {"width": 1280, "height": 720}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10 Reflow: 320 CSS px, i.e. 1280 px zoomed to 400 %

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations", "incomplete"]}

# axe's results, boiled down in the page to one readable line per problem. Besides the violations, text
# whose contrast axe could not compute because of a background gradient or image counts too: such a
# background is a styling choice that hides the text from the check (a plain colour can always be used
# instead), not a limit of the tool.
AXE_RUN_JS = """async options => {
    const r = await axe.run(document, options);
    const unverifiable = r.incomplete.filter(i => i.id === 'color-contrast').flatMap(i => i.nodes)
        .filter(n => n.any.some(c => c.data && ['bgGradient', 'bgImage'].includes(c.data.messageKey)));
    return [
        ...r.violations.map(v => `${v.id} (${v.impact}) ${v.help} -> ` +
                                  v.nodes.map(n => n.target.join(' ')).join(' | ')),
        ...unverifiable.map(n => `color-contrast (non vérifiable) ${n.any[0].message} -> ${n.target.join(' ')}`),
    ];
}"""


# The page's final look, before anything is measured: stylesheets and fonts loaded, and no CSS transition or
# animation under way. Mid-transition, text is measured at a partial opacity or colour and boxes at a partial
# size: the theme's header title fades for 150 ms when the page scrolls past the h1, and axe then reported a
# contrast the settled page does not have; a resize to 320 px slides the drawer and resizes the search box
# for 300 ms. Each transition is taken to its end (Animation.finish(): the state it would reach, at once);
# two frames let the theme react to what happened (a scroll, a resize, a focus) and start new ones; the page
# is settled when two such rounds in a row find nothing running. An animation without end is reported.
SETTLE_JS = """async limit => {
    await document.fonts.ready;
    await Promise.all([...document.querySelectorAll('link[rel~="stylesheet"]')].filter(l => !l.sheet)
        .map(l => new Promise(done => { l.addEventListener('load', done); l.addEventListener('error', done); })));
    const frame = () => new Promise(done => requestAnimationFrame(() => done()));
    const name = a => `${a.transitionProperty || a.animationName || 'animation'} sur ` +
        (a.effect && a.effect.target ? a.effect.target.outerHTML.slice(0, 80) : '?');
    for (let round = 0, quiet = 0; quiet < 2; round++) {
        await frame(); await frame();
        const running = document.getAnimations().filter(a => a.playState === 'running' || a.pending);
        const endless = running.find(a => a.effect.getComputedTiming().endTime === Infinity);
        if (endless) return `animation sans fin : ${name(endless)}`;
        if (round === limit) return `toujours en mouvement après ${limit} tours : ${running.map(name).join(' ; ')}`;
        running.forEach(a => a.finish());
        quiet = running.length ? 0 : quiet + 1;
    }
    return null;
}"""
SETTLE_ROUNDS = 50  # a page that still starts transitions after 100 frames is moving by itself


def settle(page) -> None:
    """Bring the page to the look it will keep (see SETTLE_JS); a page that never settles is an error."""
    if error := page.evaluate(SETTLE_JS, SETTLE_ROUNDS):
        raise AssertionError(f"{page.url}: {error}")


def axe(page, url: str) -> list[str]:
    """axe-core with the WCAG 2.0/2.1 A and AA rules, on the settled page: rule, impact, help, target
    selectors, page URL."""
    settle(page)
    page.evaluate(AXE_SCRIPT)
    return [f"{url}: {line}" for line in page.evaluate(AXE_RUN_JS, AXE_OPTIONS)]


# After one Tab from a fresh page: is the focus on the theme's skip link, visible, leading into the content
# without passing over the page's h1?
SKIP_LINK_JS = """() => {
    const a = document.activeElement;
    if (a.tagName !== 'A' || !a.classList.contains('md-skip') || a.textContent.trim() !== 'Aller au contenu')
        return `le premier élément atteint au clavier n'est pas le lien « Aller au contenu » : `
            + a.outerHTML.slice(0, 80);
    const box = a.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.right < 0 || box.top > innerHeight)
        return "le lien « Aller au contenu » reste invisible quand il a le focus";
    const href = a.getAttribute('href');
    const target = href.startsWith('#') && document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return `lien d'évitement ${href} : cible absente`;
    if (!target.closest('.md-content')) return `lien d'évitement ${href} : cible hors du contenu`;
    const h1 = document.querySelector('h1');
    if (h1 && target !== h1 && !target.contains(h1) &&
        !(target.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING))
        return `lien d'évitement ${href} : la cible est après le titre h1, qu'il fait sauter`;
    return null;
}"""

# Once the skip link is activated: the address ends with its target, and the target is in view.
SKIP_FOLLOWED_JS = """href => {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    const top = target.getBoundingClientRect().top;
    if (location.hash !== href) return `« Aller au contenu » ne mène pas à ${href} (adresse : ${location.hash})`;
    if (top < -2 || top > innerHeight / 2)
        return `« Aller au contenu » laisse sa cible hors de vue (${Math.round(top)} px)`;
    return null;
}"""

# The focused element, and whether it shows a focus indicator, read at the end of a transition of the
# indicator itself (outline, box-shadow), as in SETTLE_JS. Checked: links and buttons anywhere, and every
# focusable element of the content (table frames, summaries). The theme's visually hidden inputs (palette,
# search) show their focus on another element and are left out.
FOCUS_JS = """() => {
    const a = document.activeElement;
    a.getAnimations().filter(x => !x.transitionProperty || /^(outline|box-shadow)/.test(x.transitionProperty))
        .filter(x => x.effect.getComputedTiming().endTime !== Infinity).forEach(x => x.finish());
    const s = getComputedStyle(a);
    const checked = ['A', 'BUTTON'].includes(a.tagName) || !!a.closest('.md-content');
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return {checked, visible, keyboard: a.matches(':focus-visible'), desc: a.outerHTML.slice(0, 100)};
}"""
CONTENT_FOCUSABLE = ".md-content a[href], .md-content button, .md-content summary, .md-content [tabindex='0']"


def structure(page, url: str) -> list[str]:
    """One h1, <html lang="fr">, the skip link (first Tab stop, visible, leads into the content without
    passing over the h1, and following it brings its target into view), and a visible keyboard focus on the
    first focusable element of the content. Run on a freshly loaded page: it moves the focus."""
    found = []
    if page.evaluate("document.documentElement.lang") != "fr":
        found.append(f"{url}: <html lang> n'est pas « fr »")
    if (h1 := page.locator("h1").count()) != 1:
        found.append(f"{url}: {h1} titres h1")
    page.keyboard.press("Tab")
    if error := page.evaluate(SKIP_LINK_JS):
        return found + [f"{url}: {error}"]
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    if error := page.evaluate(SKIP_FOLLOWED_JS, href):
        found.append(f"{url}: {error}")
    first = page.locator(CONTENT_FOCUSABLE).first
    if first.count():
        first.focus()  # after keyboard use, as a Tab would: the browser shows its keyboard focus style
        focus = page.evaluate(FOCUS_JS)
        if not (focus["keyboard"] and focus["visible"]):
            found.append(f"{url}: focus invisible sur {focus['desc']}")
    return found


# The keyboard's path through a page, derived from the page itself. Sequential focus navigation (HTML) visits,
# in document order, the elements that can take the focus: focusable (a link, a control, a summary, a
# tabindex, or, in Chromium, a scrolling box with nothing focusable inside), tabindex not negative, not
# disabled, rendered (no display: none, visibility: hidden or closed <details> on the way), not inert; one
# stop per radio group (its checked button). A positive tabindex, which would reorder that path, is
# reported instead. Evaluated before each Tab, from the focused element: returns the stop that Tab must
# reach (kept in window.__lneNext), or null when none is left and the focus must leave the page.
TAB_ORDER_JS = """() => {
    const focusable = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, ' +
                      'summary, [contenteditable]:not([contenteditable="false"]), [tabindex]';
    const scrolls = e => { const s = getComputedStyle(e);
        return (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth) ||
               (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight); };
    const current = document.activeElement === document.body ? null : document.activeElement;
    const stop = e => e.matches(focusable) ? e.tabIndex >= 0 && !e.matches(':disabled')
                                           : scrolls(e) && !e.querySelector(focusable);
    const ordered = [...document.body.querySelectorAll('*')]
        .filter(e => !e.closest('[inert]') && e.checkVisibility({visibilityProperty: true}) && stop(e));
    const positive = ordered.find(e => e.tabIndex > 0);
    if (positive)
        return {error: `tabindex positif, qui change l'ordre de tabulation : ${positive.outerHTML.slice(0, 100)}`};
    const group = e => e.type === 'radio' && e.name ?
        ordered.filter(r => r.type === 'radio' && r.name === e.name && r.form === e.form) : null;
    const next = ordered.find(e => {
        if (current && !(current.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
        const radios = group(e);
        if (!radios) return true;
        if (current && radios.includes(current)) return false;  // Tab leaves the group
        return e.checked || (!radios.some(r => r.checked) && radios[0] === e);
    }) || null;
    window.__lneNext = next;
    if (!window.__lneStops) { window.__lneStops = new Set(); window.__lneFirst = next; }
    return {next: next && next.outerHTML.slice(0, 100)};
}"""

# After each Tab: is the focus where TAB_ORDER_JS said (the element is then recorded as reached)?
TAB_REACHED_JS = """() => {
    const a = document.activeElement;
    if (a !== window.__lneNext) return false;
    window.__lneStops.add(a);
    return true;
}"""

# Past the last stop, the focus leaves the page (to the browser) or, in some cases, comes back to the first.
LEFT_JS = "() => document.activeElement === document.body || document.activeElement === window.__lneFirst"

# At the end of the path: links, buttons, summaries and fields that are on the screen (visible, with a size)
# but that the keyboard never reached.
UNREACHED_JS = """() => [...document.body.querySelectorAll('a[href], button, summary, input, select, textarea')]
    .filter(e => !e.matches(':disabled') && !window.__lneStops.has(e) &&
                 e.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
                 e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0)
    .map(e => e.outerHTML.slice(0, 100))"""


def keyboard_walk(page, url: str) -> list[str]:
    """Tab through a freshly loaded page, from its top to where the focus leaves it: each Tab must reach the
    next stop of the path the page defines (TAB_ORDER_JS), each link, button and content stop must show its
    focus, and every link, button or field on the screen must have been reached."""
    found = []
    elements = page.evaluate("document.body.getElementsByTagName('*').length")
    for _ in range(elements + 1):  # each stop is a later element than the one before
        expected = page.evaluate(TAB_ORDER_JS)
        if "error" in expected:
            return found + [f"{url}: {expected['error']}"]
        page.keyboard.press("Tab")
        if expected["next"] is None:
            if not page.evaluate(LEFT_JS):
                focus = page.evaluate(FOCUS_JS)
                found.append(f"{url}: après le dernier arrêt, la tabulation mène encore à {focus['desc']}")
            break
        if not page.evaluate(TAB_REACHED_JS):
            focus = page.evaluate(FOCUS_JS)
            return found + [f"{url}: la tabulation mène à {focus['desc']} au lieu de {expected['next']}"]
        focus = page.evaluate(FOCUS_JS)
        if focus["checked"] and not focus["visible"]:
            found.append(f"{url}: focus invisible sur {focus['desc']}")
    else:
        return found + [f"{url}: la tabulation ne finit pas"]
    return found + [f"{url}: jamais atteint au clavier : {desc}" for desc in page.evaluate(UNREACHED_JS)]


# At 320 px: the page must not scroll sideways, and nothing may stick out of it either (the theme hides the
# root's horizontal overflow: what sticks out is cut off, not scrollable). Only content inside a frame that
# scrolls on its own may be wider; wide tables must sit in such a frame.
REFLOW_JS = """() => {
    const root = document.documentElement, width = root.clientWidth, found = [];
    const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const inFrame = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; return false; };
    if (root.scrollWidth > width + 1)
        found.push(`la page défile horizontalement à ${width} px (largeur ${root.scrollWidth} px)`);
    const wide = [...document.querySelectorAll('.md-main *, .md-footer *, .lne-pied *')].filter(e => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && getComputedStyle(e).visibility !== 'hidden' && !inFrame(e);
    });
    const outer = wide.filter(e => !wide.includes(e.parentElement));
    if (outer.length)
        found.push(`dépasse des ${width} px de large : ` + outer.slice(0, 4).map(name).join(', '));
    for (const table of document.querySelectorAll('.md-content table')) {
        // Ours, which the keyboard reaches, before the theme's own wrapper (inside ours).
        const frame = table.closest('.lne-defilement') || table.closest('.md-typeset__scrollwrap');
        const label = table.id || (table.caption ? table.caption.textContent.trim().slice(0, 40) : 'tableau');
        if (!frame) found.push(`tableau sans cadre de défilement : ${label}`);
        else if (!['auto', 'scroll'].includes(getComputedStyle(frame).overflowX) ||
                 frame.getBoundingClientRect().right > width + 1)
            found.push(`le cadre du tableau ${label} ne défile pas dans la largeur de la page`);
    }
    return found;
}"""


def reflow(page, url: str) -> list[str]:
    """Resize the page to 320 px wide (as a zoom to 400 % does), check, and give it its width back."""
    page.set_viewport_size(NARROW)
    try:
        settle(page)  # what the new width sets in motion (the theme's drawer and header) comes to rest
        return [f"{url}: {line}" for line in page.evaluate(REFLOW_JS)]
    finally:
        page.set_viewport_size(DESKTOP)


def foreign(requests: list[tuple[str, str]]) -> list[str]:
    """Requests (page, URL) that went to another host than the local test server."""
    found = []
    for page_url, url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.hostname != HOST:
            found.append(f"{page_url}: requête vers {url}")
    return found
