"""Fixtures of the browser tests: the built site served on 127.0.0.1, one headless Chromium per session, and
one audit of every page (a single visit per page, whose findings several tests then judge).

Without /usr/bin/chromium the browser tests are skipped, except under CI (CI=true), where they fail:
CI installs Chromium, so a missing browser there is a broken setup, not a reason to prove nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser import checks
from tests.browser.harness import CHROMIUM, chromium, real_pages, serve

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Every test of this folder is a `browser` test, so that `pytest -m "not browser"` (make test-rapide)
    leaves them all out without a marker to remember in each file."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every real page of the build (redirect stubs left out), as URL paths."""
    found = real_pages(site)
    # A floor, so that a broken discovery cannot turn the per-page checks into loops over nothing.
    assert "/" in found and "/actions/" in found and len(found) > 50, found
    return found


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} absent : tests navigateur non exécutés (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " ; en CI, le navigateur est obligatoire", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


@pytest.fixture
def new_context(browser):
    """Factory of browser contexts, closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", checks.DESKTOP)
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@dataclass(repr=False)  # a short repr: pytest prints it when an assertion on it fails
class Audit:
    axe: list[str] = field(default_factory=list)
    structure: list[str] = field(default_factory=list)
    reflow: list[str] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page, URL requested)
    cookies: list[dict] = field(default_factory=list)  # in the context, after the last page
    document_cookies: list[str] = field(default_factory=list)  # pages whose document.cookie is not empty

    def __repr__(self) -> str:
        return f"Audit({len({page for page, _ in self.requests})} pages, {len(self.requests)} requêtes)"


@pytest.fixture(scope="session")
def audit(browser, base_url, pages) -> Audit:
    """Visit every page once, in a fresh context: axe, structure and keyboard, reflow at 320 px; every
    request the pages (and their workers) make is recorded, and the cookies are read at the end."""
    result = Audit()
    context = browser.new_context(viewport=checks.DESKTOP)
    current = {"url": None}
    context.on("request", lambda request: result.requests.append((current["url"], request.url)))
    page = context.new_page()
    try:
        for url in pages:
            current["url"] = url
            page.goto(base_url + url)
            result.structure += checks.structure(page, url)  # first: it needs the page as loaded
            result.axe += checks.axe(page, url)
            result.reflow += checks.reflow(page, url)
            if page.evaluate("document.cookie"):
                result.document_cookies.append(url)
        page.wait_for_load_state("networkidle")  # the last page's late requests too
        result.cookies = context.cookies()
    finally:
        context.close()
    return result
