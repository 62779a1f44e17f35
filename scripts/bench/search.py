"""Search at scale: the size of the Pagefind index and the bytes a typical query transfers, for the real
roadmap and synthetic ones (scripts/bench/synth.py). Part of `make bench` (scripts/bench.py), or alone:

    PYTHONPATH=.:scripts .venv/bin/python -m bench.search [200,2000]

Each size is a full copy of the project built strictly in a temporary folder, then served locally; Chromium
opens the home page, opens the search and types a query (then a second one): every response under /pagefind/
is counted with the size of its body, compressed with gzip 6 as a server would (Pagefind's index files are
already compressed: they barely change). Prints Markdown rows for BENCHMARK.md.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.browser.harness import chromium, serve

from . import synth

ROOT = Path(__file__).resolve().parents[2]

QUERIES = ("mediation numerique", "tiers lieux")


@dataclass
class SearchSize:
    folder_bytes: int  # the published pagefind/ folder
    index_bytes: int  # its index files
    first: tuple[int, int]  # (requests, compressed bytes) of opening the search and the first query
    second: tuple[int, int]  # of the next query


def measure(site: Path) -> SearchSize:
    folder, index = index_size(site)
    first, second = transfers(site)
    return SearchSize(folder, index, first, second)


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project, env=env,
                   check=True, capture_output=True, timeout=1800)


def index_size(site: Path) -> tuple[int, int]:
    """Bytes of the search folder (what is published for the search), and of its index files alone."""
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    index = [p for p in files if p.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in index)


def transfers(site: Path) -> list[tuple[int, int]]:
    """(requests, compressed bytes) of opening the search with the first query, then of the second query."""
    from playwright.sync_api import sync_playwright

    counted: list[tuple[str, int]] = []
    with sync_playwright() as playwright, chromium(playwright) as browser, serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        context.on("response", lambda r: counted.append((r.url, len(gzip.compress(r.body(), 6))))
                   if "/pagefind/" in r.url else None)
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_load_state("networkidle")
        assert not counted, counted  # nothing before the reader opens the search
        results = []
        page.get_by_role("button", name="Rechercher").click()
        field = page.get_by_label("Rechercher sur le site")
        for query in QUERIES:
            before = len(counted)
            field.fill(query)
            page.wait_for_function("q => document.querySelector('.lne-recherche__etat').textContent.includes(q)",
                                   arg=query)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            batch = counted[before:]
            results.append((len(batch), sum(size for _, size in batch)))
        context.close()
    return results


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} Ko".replace(",", " ").replace(".", ",")


def main() -> int:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "200,2000").split(",")]
    rows = {"folder": [], "index": [], "first": [], "second": []}
    with tempfile.TemporaryDirectory(prefix="bench-recherche-") as work:
        for fiches in [22, *sizes]:
            if fiches == 22:
                project = ROOT
            else:
                project = synth.copy_project(ROOT, Path(work) / f"feuille-{fiches}")
                synth.make_roadmap(project, fiches)
            site = Path(work) / f"site-{fiches}"
            build(project, site)
            found = measure(site)
            folder, index = found.folder_bytes, found.index_bytes
            (first_n, first), (second_n, second) = found.first, found.second
            rows["folder"].append(kb(folder))
            rows["index"].append(kb(index))
            rows["first"].append(f"{kb(first)} ({first_n} requêtes)")
            rows["second"].append(f"{kb(second)} ({second_n} requêtes)")
            print(f"{fiches} fiches : dossier {kb(folder)}, index {kb(index)}, 1re requête {kb(first)} "
                  f"({first_n}), 2e {kb(second)} ({second_n})", file=sys.stderr)
    labels = {"folder": "Recherche : dossier pagefind/ publié (scripts, index, synonymes)",
              "index": "Recherche : fichiers d'index (déjà compressés, chargés par morceaux)",
              "first": f"Recherche : ouverture et 1re requête « {QUERIES[0]} », transféré (gzip 6)",
              "second": f"Recherche : requête suivante « {QUERIES[1]} », transféré (gzip 6)"}
    for key, label in labels.items():
        print(f"| {label} | " + " | ".join(rows[key]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
