"""Golden files: the main content of every page of the built site, committed in a normalized form.

`make golden` (python -m tests.golden_pages) rewrites them after an intended change; the diff is then
reviewed in the pull request. tests/site/test_golden.py compares a fresh build with them.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.formatter import HTMLFormatter

from roadmap_site.render import compact

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
REDIRECT_MARK = '<meta http-equiv="refresh"'
# Invisible characters made visible, so that a lost no-break space shows in a diff.
_VISIBLE = {"\u00a0": "&nbsp;", "\u202f": "&#8239;"}


def _substitute(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub("[\u00a0\u202f]", lambda m: _VISIBLE[m.group()], text)


_FORMATTER = HTMLFormatter(entity_substitution=_substitute, indent=1)


def pages(site: Path) -> dict[str, Path]:
    """Golden name ("index", "actions/index", "actions/boucle-…") → built page, redirect stubs left out."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        if REDIRECT_MARK in html.read_text(encoding="utf-8"):
            continue
        relative = html.relative_to(site).with_suffix("").as_posix()
        found[relative] = html
    return found


def normalize(html: str) -> str:
    """The page's article, one tag or text per line, attributes sorted, invisible spaces made visible;
    indentation inside a text, which a browser does not show, left out (as the build leaves it out)."""
    article = BeautifulSoup(compact(html), "html.parser").find("article")
    if article is None:
        raise ValueError("page sans <article>")
    for node in article.find_all(True):
        node.attrs = dict(sorted(node.attrs.items()))
    return article.prettify(formatter=_FORMATTER)


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.html"


def write(site: Path) -> tuple[int, int]:
    """Rewrite every golden file from `site`; return (pages written, stale files removed)."""
    found = pages(site)
    wanted = {golden_path(name) for name in found}
    stale = [p for p in GOLDEN.rglob("*.html") if p not in wanted]
    for path in stale:
        path.unlink()
    for name, html in found.items():
        target = golden_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(normalize(html.read_text(encoding="utf-8")), encoding="utf-8")
    return len(found), len(stale)


def main() -> int:
    from roadmap_site import load
    from tests.conftest import build, reference_day

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = build(ROOT, site, reference_day(load(ROOT)))
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        written, removed = write(site)
    for empty in sorted(GOLDEN.rglob("*"), reverse=True):
        if empty.is_dir() and not any(empty.iterdir()):
            shutil.rmtree(empty)
    print(f"{written} fichiers de référence écrits dans tests/golden/, {removed} supprimés. "
          "Relisez le diff (git diff tests/golden) avant de l'enregistrer.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
