"""The same pages built by plain MkDocs + Material: the reference our build is compared with.

Every page of our built site is turned back into a Markdown file holding its `<article>` HTML as is, at the
same source path, under the same theme, Markdown extensions and navigation, but without our hook and without
the macros plugin. Building that project costs what MkDocs and Material cost for these pages; the ratio of our
build time to its build time is what our engine adds.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ARTICLE = re.compile(r'<article\b[^>]*class="[^"]*md-content__inner[^"]*"[^>]*>')
TAG = re.compile(r"<(/?)article\b", re.IGNORECASE)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
KEPT_PLUGINS = {"search"}  # plugins of plain MkDocs + Material; everything else is ours
# A plain Material site searches with the theme's own plugin; ours runs Pagefind instead (roadmap_site/search.py):
# the plain site gets the theme's search, so that both builds make a searchable site.
PLAIN_SEARCH = {"search": {"lang": "fr"}}


class Tagged:
    """A YAML value with a tag (!ENV, !!python/name:…) kept as written."""

    def __init__(self, tag, node):
        self.tag, self.node = tag, node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: Tagged(suffix, node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: Tagged(
    "tag:yaml.org,2002:python/" + suffix, node))
_Dumper.add_representer(Tagged, lambda dumper, value: value.node)


def article(page_html: str) -> str | None:
    """Inner HTML of the page's main `<article>` (None for a page without one, e.g. a redirection)."""
    start = ARTICLE.search(page_html)
    if start is None:
        return None
    depth = 1
    for tag in TAG.finditer(page_html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page_html[start.end():tag.start()]
    return None


def nav_dump(project: Path, env: dict) -> dict:
    """Navigation and pages of our project, as MkDocs sees them with our hook and plugins loaded."""
    helper = Path(__file__).with_name("navdump.py")
    out = subprocess.run([sys.executable, str(helper)], cwd=project, env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def _nav(items: list) -> list:
    out = []
    for item in items:
        if "section" in item:
            out.append({item["section"]: _nav(item["children"])})
        elif "link" in item:
            out.append({item["title"]: item["link"]})
        else:
            out.append({item["title"]: item["page"]} if item["title"] else item["page"])
    return out


def _site_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def make_plain(project: Path, site: Path, target: Path, env: dict) -> Path:
    """Write the plain project for our built `site` (from `project`) into `target`."""
    dump = nav_dump(project, env)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    docs = project / config.get("docs_dir", "docs")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs, target / "docs", ignore=shutil.ignore_patterns("*.md"))
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(project / theme["custom_dir"], target / theme["custom_dir"])
    site_name = config.get("site_name", "")
    for src_uri, url in dump["pages"].items():
        page = _site_file(site, url).read_text(encoding="utf-8")
        body = article(page)
        if body is None:
            continue
        title = html.unescape(TITLE.search(page).group(1).strip())
        title = title.removesuffix(f" - {site_name}") if title != site_name else title
        meta = {"title": title}
        description = DESCRIPTION.search(page)
        if description:
            meta["description"] = html.unescape(description.group(1))
        front = yaml.safe_dump(meta, allow_unicode=True, width=10_000)
        path = target / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n<div>\n{body}\n</div>\n", encoding="utf-8")
    plugins = config.get("plugins", [])
    config["plugins"] = [p for p in plugins if (next(iter(p)) if isinstance(p, dict) else p) in KEPT_PLUGINS]
    if not config["plugins"]:
        config["plugins"] = [PLAIN_SEARCH]
    for key in ("hooks", "watch", "site_dir", "docs_dir"):
        config.pop(key, None)
    config["nav"] = _nav(dump["nav"])
    (target / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return target
