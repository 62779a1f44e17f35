"""Every page of the build equals its golden file (tests/golden/); `make golden` rewrites them."""

from __future__ import annotations

import difflib

import pytest

from tests.golden_pages import GOLDEN, golden_path, normalize, pages

NAMES = sorted(p.relative_to(GOLDEN).with_suffix("").as_posix() for p in GOLDEN.rglob("*.html"))
DIFF_LINES = 60


def test_every_page_has_a_golden_file_and_every_golden_file_a_page(site):
    built = set(pages(site))
    assert len(NAMES) > 50
    assert not built - set(NAMES), \
        f"pages sans fichier de référence (lancez make golden) : {sorted(built - set(NAMES))}"
    assert not set(NAMES) - built, f"pages disparues du site : {sorted(set(NAMES) - built)}"


@pytest.mark.parametrize("name", NAMES)
def test_page_matches_its_golden_file(site, name):
    built = pages(site).get(name)
    assert built is not None, f"{name} : page absente du site construit"
    expected = golden_path(name).read_text(encoding="utf-8")
    actual = normalize(built.read_text(encoding="utf-8"))
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"tests/golden/{name}.html", f"site/{name}.html", lineterm="", n=2))
        shown = "\n".join(diff[:DIFF_LINES]) + (f"\n… ({len(diff) - DIFF_LINES} lignes de plus)"
                                               if len(diff) > DIFF_LINES else "")
        pytest.fail(f"{name} diffère de son fichier de référence (make golden si le changement est voulu) :\n{shown}",
                    pytrace=False)
