"""The site as the engine alone renders it, without MkDocs: every generated page's HTML and every block of
the hand-written pages, with the French spacing the plugin gives every page (roadmap_site/typography.py), written as
files the oracles read like a built site. Fast enough to run for each
mutant of `make mutation`; tests/site/test_engine_alone.py checks it against the golden files and the oracles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from roadmap_site import load
from roadmap_site.pages import page_specs
from roadmap_site.typography import french
from roadmap_site.views import render_block
from tests.conftest import as_of, reference_day

BLOCK_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")


def page_url(markdown: Path, docs: Path) -> str:
    """docs/actions/index.md → "actions/", docs/contribuer.md → "contribuer/", docs/index.md → ""."""
    relative = markdown.relative_to(docs).with_suffix("").as_posix()
    relative = relative.removesuffix("index")
    return relative if not relative or relative.endswith("/") else relative + "/"


def _write(dest: Path, url: str, html: str) -> None:
    path = dest / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!doctype html><html lang="fr"><body><article>{html}</article></body></html>', encoding="utf-8")


def _arguments(source: str, variables: dict) -> list:
    """A block call's arguments: literals, or names of mkdocs.yml's `extra` variables."""
    call = ast.parse(f"f({source})", mode="eval").body
    return [variables[a.id] if isinstance(a, ast.Name) else ast.literal_eval(a) for a in call.args]


def blocks(root: Path, roadmap) -> dict[str, list[str]]:
    """The HTML of every block each hand-written page calls, by page URL."""
    docs = root / "docs"
    variables = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("extra", {})
    found = {}
    for markdown in sorted(docs.rglob("*.md")):
        url = page_url(markdown, docs)
        calls = BLOCK_CALL.findall(markdown.read_text(encoding="utf-8"))
        found[url] = [french(render_block(roadmap, name, url, *_arguments(args, variables))) for name, args in calls]
    return found


def render_site(root: Path, dest: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Write the engine's HTML of every page under `dest`; return the generated pages' HTML and the
    hand-written pages' blocks, by URL."""
    roadmap = load(root)
    with as_of(reference_day(roadmap)):  # the day the golden files are built as of
        generated = {spec.url: french(spec.render()) for spec in page_specs(roadmap)}
        written = blocks(root, roadmap)
    for url, html in generated.items():
        _write(dest, url, html)
    for url, html in written.items():
        _write(dest, url, "\n".join(html))
    return generated, written
