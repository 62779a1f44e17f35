"""Privacy: a visit makes no request to any other site and leaves no cookie. Proven twice: in the browser
(every request of every page, workers included, recorded), and in the built files (every place where HTML,
CSS or JavaScript would load something names no other site), which also covers what a browser only loads
under conditions the tests' Chromium does not meet."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.browser.checks import foreign

# --- In the browser ---------------------------------------------------------------------------------------


def test_pages_request_nothing_but_the_site(audit, pages):
    assert foreign(audit.requests) == []
    # The recording is complete: every page was requested, and so were the project's own stylesheet and
    # search script; not the search itself, which waits for a reader who searches (tests/browser/test_search_ui.py).
    requested = {url for _, url in audit.requests}
    assert all(any(r.endswith(page) for r in requested) for page in pages)
    assert any(r.endswith("/assets/javascripts/recherche.js") for r in requested)
    assert not any("/pagefind/" in r for r in requested)
    assert any(r.endswith("/assets/stylesheets/lne.css") for r in requested)
    # A browser that has ResizeObserver does not ask for the theme's polyfill (see the next tests).
    assert not any("resize-observer-polyfill" in r for r in requested)


def test_no_cookie_is_set(audit):
    assert audit.cookies == []
    assert audit.document_cookies == []


def record(context) -> list[tuple[str, str]]:
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append(("/", request.url)))
    return requests


def test_a_request_to_another_site_is_seen_and_blocked(new_context, base_url):
    """The check can fail: a page that calls another site is reported, and the call never leaves."""
    context = new_context()
    requests = record(context)
    page = context.new_page()
    page.goto(base_url + "/")
    with page.expect_event("requestfailed", lambda r: "tiers.example" in r.url):
        page.evaluate("""() => {
            const img = document.createElement('img');
            img.src = 'http://tiers.example/pixel.gif';
            document.body.appendChild(img);
        }""")
    assert foreign(requests) == ["/: requête vers http://tiers.example/pixel.gif"]


def test_only_a_browser_without_resize_observer_asks_another_site(new_context, base_url):
    """Material fetches a ResizeObserver polyfill from unpkg.com when the browser has none. Every browser the
    site supports has one (Safari since 13.1, 2020), so the site serves no copy of its own: this pins that the
    polyfill is the one request such an old browser makes elsewhere, and only there (the first test: none)."""
    context = new_context()
    context.add_init_script("delete window.ResizeObserver;")  # as in Safari 12
    requests = record(context)
    page = context.new_page()
    page.goto(base_url + "/actions/")
    page.wait_for_load_state("networkidle")
    assert foreign(requests) == ["/: requête vers https://unpkg.com/resize-observer-polyfill"]


# --- In the built files -----------------------------------------------------------------------------------

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host: another site
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# A JavaScript string literal that starts with a URL: http(s)://…, or //host.tld/… (not a "// comment").
JS_URL = re.compile(r"""["'`](https?://[^"'`\s]+|//[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}[^"'`\s]*)""", re.I)
# <link> relations that name another document without loading it.
NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me"}
LOADING_ATTRIBUTES = ("src", "poster", "data", "background")


def urls_in_css(text: str) -> list[str]:
    return [u for m in CSS_URL.finditer(text) for u in m.groups() if u and ABSOLUTE.match(u)]


def urls_in_js(text: str) -> list[str]:
    return [m.group(1) for m in JS_URL.finditer(text)]


def urls_in_html(text: str) -> list[str]:
    """Absolute URLs in the places where a browser loads something by itself: src, srcset, poster, data,
    <link> (stylesheets, icons, preloads…; not canonical/prev/next), <base>, SVG href, CSS (style
    attributes and elements), inline scripts. Plain links (<a href>) are not requests."""
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for tag in soup.find_all(True):
        values = [tag.get(a) for a in LOADING_ATTRIBUTES if tag.get(a)]
        values += [c.strip().split()[0] for c in (tag.get("srcset") or "").split(",") if c.strip()]
        if tag.name == "link" and not set(tag.get("rel") or []) <= NOT_LOADED:
            values.append(tag.get("href") or "")
        if tag.name == "base" or tag.name in ("image", "use", "feimage", "script"):
            values += [tag.get("href") or "", tag.get("xlink:href") or ""]
        found += [v for v in values if isinstance(v, str) and ABSOLUTE.match(v)]
        found += urls_in_css(tag.get("style") or "")
        if tag.name == "style":
            found += urls_in_css(tag.get_text())
        if tag.name == "script" and not tag.get("src"):
            found += urls_in_js(tag.get_text())
    return found


# What the theme's script can fetch from another site, each under a condition this site never meets; the
# condition is checked on the built pages (html: all the HTML of the site).
THEME_CONDITIONAL = {
    # Browsers without ResizeObserver, which the site does not support (Safari before 13.1): the browser test
    # above shows that only they ask. No page loads a polyfill of its own either.
    "https://unpkg.com/resize-observer-polyfill": lambda html: not any("resize-observer-polyfill" in p for p in html),
    # Mermaid diagrams: there are none.
    "https://unpkg.com/mermaid": lambda html: not any('class="mermaid"' in p for p in html),
    # Repository facts (stars, version) of a configured repo_url: there is none.
    "https://api.github.com/": lambda html: not any('data-md-component="source"' in p for p in html),
    "https://${e}/api/v4/projects/": lambda html: not any('data-md-component="source"' in p for p in html),
}
# Pagefind's script parses a result's path against a placeholder address, never requested.
PAGEFIND_PLACEHOLDER = "https://example.com${"


def test_built_files_load_nothing_from_another_site(site):
    found = []
    html_pages = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            html_pages.append(text)
            found += [f"{name}: {u}" for u in urls_in_html(text)]
        elif path.suffix == ".css":
            found += [f"{name}: {u}" for u in urls_in_css(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".js":
            found += [f"{name}: {u}" for u in urls_in_js(path.read_text(encoding="utf-8"))]
    assert len(html_pages) > 50
    unexplained = []
    for entry in found:
        name, url = entry.split(": ", 1)
        if name.startswith("pagefind/") and url.startswith(PAGEFIND_PLACEHOLDER):
            continue
        prefix = next((p for p in THEME_CONDITIONAL if url.startswith(p)), None)
        if prefix is None or not THEME_CONDITIONAL[prefix](html_pages):
            unexplained.append(entry)
    assert unexplained == []


def test_the_file_scan_finds_what_loads_and_only_that():
    html = """<html><head>
        <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
        <link rel="icon" href="//cdn.example/favicon.png"><link rel="preload" href="https://cdn.example/f.woff2">
        <link rel="canonical" href="https://lot-numerique.example/actions/">
        <script src="https://www.googletagmanager.com/gtag/js"></script>
        <script>fetch("https://api.example/x"); import('//esm.example/m.js'); var here = "/local";
          if (c == "\u2003"// a comment, not a URL
          ) {}</script>
        <style>@import "https://cdn.example/a.css"; body { background: url(https://img.example/b.png) }</style>
        </head><body>
        <a href="https://www.legifrance.gouv.fr/">loi</a>
        <img src="../logo.png" srcset="logo.png 1x, https://img.example/logo@2x.png 2x">
        <div style="background-image: url('https://img.example/c.png')"></div>
        <svg><image href="https://img.example/d.svg"/></svg>
        <iframe src="https://video.example/embed/1"></iframe>
        <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
        </body></html>"""
    assert sorted(urls_in_html(html)) == sorted([
        "https://fonts.googleapis.com/css?family=Roboto", "//cdn.example/favicon.png", "https://cdn.example/f.woff2",
        "https://www.googletagmanager.com/gtag/js", "https://api.example/x", "//esm.example/m.js",
        "https://cdn.example/a.css", "https://img.example/b.png", "https://img.example/logo@2x.png",
        "https://img.example/c.png", "https://img.example/d.svg", "https://video.example/embed/1"])
    css = """.a{background:url("data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>")}
             .b{background:url(../images/x.png)} @font-face{src:url(https://fonts.gstatic.com/r.woff2)}"""
    assert urls_in_css(css) == ["https://fonts.gstatic.com/r.woff2"]
