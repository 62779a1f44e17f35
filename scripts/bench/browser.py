"""What a first visit downloads (headless Chromium through Playwright) and the Lighthouse scores of a page."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .measure import gzip_size
from .server import SiteServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]
LIGHTHOUSE = Path(__file__).with_name("node_modules") / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUIET_SECONDS = 5  # a visit is over when no request started or ended for this long…
VISIT_TIMEOUT = 90  # …or after this long


@dataclass
class Visit:
    html_bytes: int
    requests: int  # every request of the visit, the page included
    gzip_bytes: int  # the page and every same-site resource it loaded, each gzipped at level 6
    third_party: list[str]  # addresses on another host (there should be none)
    heaviest: list[tuple[str, int]]  # the biggest downloads (address, gzipped bytes)


def _file(site: Path, path: str) -> Path:
    target = site / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def first_visits(site: Path, paths: list[str]) -> dict[str, Visit]:
    """Load each page in a fresh browser profile and record every request until the network stays quiet."""
    from playwright.sync_api import sync_playwright

    visits = {}
    with SiteServer(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in paths:
            context = browser.new_context()
            urls: list[str] = []
            pending: set = set()
            last = [time.monotonic()]

            def started(request, urls=urls, pending=pending, last=last):
                urls.append(request.url)
                pending.add(request)
                last[0] = time.monotonic()

            def ended(request, pending=pending, last=last):
                pending.discard(request)
                last[0] = time.monotonic()

            context.on("request", started)
            context.on("requestfinished", ended)
            context.on("requestfailed", ended)
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            # Not "networkidle": a script may leave the network idle for a while before its next request.
            deadline = time.monotonic() + VISIT_TIMEOUT
            while time.monotonic() < deadline and (pending or time.monotonic() - last[0] < QUIET_SECONDS):
                page.wait_for_timeout(250)
            context.close()
            local = [u for u in urls if u.startswith(base)]
            files = [(urlsplit(u).path, _file(site, urlsplit(u).path)) for u in dict.fromkeys(local)]
            # A request for a missing file (the theme looks for a sitemap.xml beside each <link rel=alternate>,
            # the feeds included) is answered by a short 404: counted as nothing.
            sizes = [(path, gzip_size(file) if file.is_file() else 0) for path, file in files]
            visits[path] = Visit(_file(site, path).stat().st_size, len(urls), sum(s for _, s in sizes),
                                 [u for u in urls if not u.startswith(base) and not u.startswith("data:")],
                                 sorted(sizes, key=lambda item: -item[1])[:3])
        browser.close()
    return visits


@dataclass
class Scores:
    values: dict[str, int]  # category → 0-100
    weak: list[str]  # scored audits below 0,9 (with their value for the performance metrics)
    performances: list[int]  # performance score of every run, the kept one being the median


def lighthouse(site: Path, paths: list[str], runs: int = 3, presets=("mobile", "desktop")) -> dict[tuple, Scores]:
    """Lighthouse scores (0-100) of each page and preset, the site served compressed on localhost.

    The performance score moves with the load of the machine (total blocking time is measured, then scaled):
    of `runs` runs, the one with the median performance is kept, as Lighthouse's documentation advises.
    """
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} introuvable : lancez « npm ci » dans {LIGHTHOUSE.parent}")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    scores = {}
    with SiteServer(site) as base, tempfile.TemporaryDirectory() as tmp:
        for preset in presets:
            for path in paths:
                results = []
                for _ in range(runs):
                    report = Path(tmp) / "report.json"
                    cmd = [str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                           "--only-categories=" + ",".join(CATEGORIES),
                           "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]
                    if preset == "desktop":
                        cmd.append("--preset=desktop")
                    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
                    results.append(json.loads(report.read_text(encoding="utf-8")))
                results.sort(key=lambda r: r["categories"]["performance"]["score"])
                kept = results[len(results) // 2]
                scores[(preset, path)] = Scores(
                    {name: round(kept["categories"][name]["score"] * 100) for name in CATEGORIES}, _weak_audits(kept),
                    [round(r["categories"]["performance"]["score"] * 100) for r in results])
    return scores


def _weak_audits(result: dict) -> list[str]:
    """The audits that cost points, so that a score below target says what to fix."""
    weak = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 0.9:
                value = f" {audit['displayValue']}" if audit.get("displayValue") else ""
                weak.append(f"{ref['id']}{value}".replace("\xa0", " "))
    return weak
