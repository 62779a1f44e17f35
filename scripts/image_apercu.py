"""The site's link preview image (og:image), made once and committed: overrides/assets/images/apercu.png,
1 200 × 630 px, the size link previews show whole. Run again only if the site's name or publisher changes:
`.venv/bin/python -m scripts.image_apercu`. It writes what mkdocs.yml says (site_name, site_author), which
roadmap_site/theme/main.html repeats as the image's text alternative (og:image:alt), in Debian's Chromium (no
image library needed), with the system's fonts.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "overrides" / "assets" / "images" / "apercu.png"
WIDTH, HEIGHT = 1200, 630  # also in roadmap_site/theme/main.html (og:image:width, og:image:height)

PAGE = """<!doctype html><html lang="fr"><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {w}px; height: {h}px; }}
body {{ display: flex; flex-direction: column; justify-content: center; box-sizing: border-box; padding: 0 90px;
        background: #3f51b5; color: #fff; font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }}
h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 40px; font-weight: 700; }}
p {{ font-size: 38px; margin: 0; padding-top: 30px; border-top: 6px solid #fff; }}
</style><body><h1>{name}</h1><p>{author}</p></body></html>"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import chromium

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    name, author = (yaml.safe_load(re.search(rf"^{key}:.*$", text, re.MULTILINE).group())[key]
                    for key in ("site_name", "site_author"))
    html = PAGE.format(w=WIDTH, h=HEIGHT, name=escape(name), author=escape(author))
    with sync_playwright() as playwright, chromium(playwright) as browser:
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(html)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(TARGET))
    print(TARGET.relative_to(ROOT))


if __name__ == "__main__":
    main()
