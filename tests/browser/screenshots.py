"""make screenshots: build the site, serve it on 127.0.0.1 and take full-page PNGs of a few pages, on a phone
(390 px) and a desktop (1280 px), into screenshots/ (ignored by git). Debian's Chromium, as the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.harness import chromium, real_pages, serve

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
WIDTHS = {"telephone": 390, "ordinateur": 1280}


def pick(pages: list[str]) -> dict[str, str]:
    """Home, one fiche, the index (whole, and filtered as a partner's link opens it), an EPCI page of the
    diagnostic (an axe page while there is none) and the comparison of the EPCIs."""
    epci = [p for p in pages if p.startswith("/diagnostic/epci/") and p != "/diagnostic/epci/"]
    axes = [p for p in pages if p.startswith("/axes/")]
    return {"accueil": "/", "fiche": "/actions/boucle-reconditionnement-solidaire/", "index": "/actions/",
            "index-filtre": "/actions/?axe=solidaire&partenaire=departement",
            "epci" if epci else "axe": (epci or axes)[0],
            **({"comparaison": "/diagnostic/epci/"} if "/diagnostic/epci/" in pages else {})}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],  # no -q:
                               cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # it hides warnings
                               capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stderr, file=sys.stderr)
            return build.returncode
        OUT.mkdir(exist_ok=True)
        targets = pick(real_pages(site))
        with serve(site) as base, sync_playwright() as playwright, chromium(playwright) as browser:
            for device, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                for name, url in targets.items():
                    page.goto(base + url)
                    path = OUT / f"{name}-{device}.png"
                    page.screenshot(path=path, full_page=True)
                    print(f"{path.relative_to(ROOT)}  ({url}, {width} px)")
                context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
