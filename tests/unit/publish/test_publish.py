"""What a production server gets from the build (roadmap_site/publish.py): compressed copies that decompress to
their file, and redirection rules that say what the pages written at old addresses say."""

from __future__ import annotations

import gzip
import os
import posixpath
import re
import shutil
import subprocess
import sys

import brotli

from roadmap_site.pages import redirections
from roadmap_site.publish import MIN_FILE_BYTES, REDIRECTIONS_FILE, precompress, redirection_rules
from tests.conftest import ROOT

RULE = re.compile(r'^location = "([^"]+)" \{ return (30[12]) "([^"]+)"; \}$')


def test_compressed_copies_decompress_to_their_file(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    big_page = copy / "actions/index.html"
    big_page.write_text(big_page.read_text(encoding="utf-8") * (MIN_FILE_BYTES // big_page.stat().st_size + 1),
                        encoding="utf-8")  # as big as the index of thousands of fiches
    written = set(precompress(copy))
    for name in ("actions/index.html", "pagefind/pagefind.js", "assets/stylesheets/lne.css",
                 "assets/javascripts/filtres.js"):
        for suffix in (".gz", ".br"):
            assert copy / f"{name}{suffix}" in written, name + suffix
    for path in written:
        original = path.with_suffix("").read_bytes()
        packed = path.read_bytes()
        assert (gzip.decompress(packed) if path.suffix == ".gz" else brotli.decompress(packed)) == original, path
        assert len(packed) <= 0.9 * len(original)
    small = [p for p in copy.rglob("*") if p.suffix in (".html", ".json", ".atom", ".csv")
             and p.stat().st_size < MIN_FILE_BYTES]  # compressed on the fly
    assert len(small) > 100 and not any(p.with_name(p.name + ".gz").exists() for p in small)
    assert precompress(copy) and set(precompress(copy)) == written  # the same copies, rewritten


def test_a_copy_that_no_longer_helps_is_removed(tmp_path):
    page = tmp_path / "page.html"
    page = tmp_path / "page.css"
    page.write_text("p { color: red; }\n" * 500, encoding="utf-8")
    assert precompress(tmp_path)
    page.write_bytes(os.urandom(4096))  # no longer compressible
    assert precompress(tmp_path) == [] and not list(tmp_path.glob("page.css.*"))


def test_make_build_writes_the_copies(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "compresser", str(copy)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "copies compressées" in result.stdout
    assert (copy / "pagefind/pagefind.js.gz").exists()
    assert subprocess.run([sys.executable, "-m", "roadmap_site", "compresser", str(tmp_path / "vide")], cwd=ROOT,
                          capture_output=True, text=True).returncode == 1
    assert "compresser site" in (ROOT / "Makefile").read_text(encoding="utf-8")


def rules(text: str) -> dict[str, set[tuple[str, str]]]:
    """The (old, new) addresses of a rules file, by redirection code."""
    found = {"301": set(), "302": set()}
    for line in text.splitlines():
        if match := RULE.match(line):
            found[match.group(2)].add((match.group(1), match.group(3)))
    return found


def test_redirection_rules_are_the_engine_redirections(site, roadmap):
    found = rules((site / REDIRECTIONS_FILE).read_text(encoding="utf-8"))
    moves = redirections(roadmap)

    def expected(group):
        return {(f"/{m.ancienne}".rstrip("/") + end, f"/{m.nouvelle}") for m in group for end in ("", "/")}

    assert found == {"301": expected(m for m in moves if not m.ancienne.startswith("fiches/")),
                     "302": expected(m for m in moves if m.ancienne.startswith("fiches/"))}
    assert len(found["302"]) == 2 * len(roadmap.actions)
    for old, new in found["302"] | found["301"]:  # the page written there agrees
        stub = (site / old.strip("/") / "index.html").read_text(encoding="utf-8")
        target = re.search(r'content="0; url=([^"]+)"', stub).group(1)
        assert posixpath.normpath(posixpath.join(old.rstrip("/"), target)) + "/" == new


def test_redirection_rules_under_a_base_path(roadmap):
    text = redirection_rules(redirections(roadmap), "/feuille-de-route/")
    assert ('location = "/feuille-de-route/fiches/3/" { return 302 '
            '"/feuille-de-route/actions/boucle-reconditionnement-solidaire/"; }') in text
