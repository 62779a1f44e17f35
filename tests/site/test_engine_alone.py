"""The engine alone (no MkDocs) renders what the build publishes: the generated pages equal their golden
files, and every oracle of tests/site/test_oracles.py holds on the engine's output. These are the tests
`make mutation` runs against each mutant of the code that computes, formats and renders."""

from __future__ import annotations

import itertools

from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.engine_render import render_site
from tests.golden_pages import golden_path, normalize
from tests.site import test_oracles
from tests.site import test_oracles_follow_up as test_oracles_suivi


def _content(article) -> str:
    """An article without what the theme adds (edit button, search wrapper), normalized like the golden files."""
    for button in article.select("a.md-content__button"):
        button.decompose()
    for wrapper in article.select("div.lne-contenu"):  # the theme's search wrapper (roadmap_site/theme/main.html)
        wrapper.unwrap()
    return normalize(str(article))


def test_generated_pages_equal_their_golden_files(tmp_path):
    generated, _ = render_site(ROOT, tmp_path)
    assert len(generated) > 80
    different = []
    for url, html in generated.items():
        golden = BeautifulSoup(golden_path(f"{url}index").read_text(encoding="utf-8"), "html.parser").article
        rendered = BeautifulSoup(f"<article>{html}</article>", "html.parser").article
        rendered.attrs = dict(golden.attrs)
        if _content(rendered) != _content(golden):
            different.append(url)
    assert different == []


def test_blocks_of_hand_written_pages_are_in_their_golden_files(tmp_path):
    """A block's HTML goes through Markdown untouched: its normalized lines stand, in one piece, in the
    golden file of its page."""
    _, written = render_site(ROOT, tmp_path)
    assert sum(len(b) for b in written.values()) >= 15
    missing = []
    for url, html_blocks in written.items():
        # Indentation aside: the theme's search wrapper (roadmap_site/theme/main.html) nests the page one level deeper.
        golden = [line.strip() for line in golden_path(f"{url}index").read_text(encoding="utf-8").splitlines()]
        for i, html in enumerate(html_blocks):
            lines = [line.strip() for line in normalize(f"<article>{html}</article>").splitlines()[1:-1]]
            starts = (k for k, line in enumerate(golden) if line == lines[0])
            if not any(golden[k:k + len(lines)] == lines for k in starts):
                missing.append(f"{url} bloc {i + 1}")
    assert missing == []


def _calls(function):
    """Every set of arguments pytest would call a parametrized oracle with (besides the site)."""
    marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
    if not marks:
        yield {}
        return
    for values in itertools.product(*(m.args[1] for m in marks)):
        call = {}
        for mark, value in zip(marks, values):
            names = [n.strip() for n in mark.args[0].split(",")] if isinstance(mark.args[0], str) else mark.args[0]
            call.update(dict(zip(names, value if len(names) > 1 else [value])))
        yield call


def test_every_oracle_holds_on_the_engine_output(tmp_path):
    render_site(ROOT, tmp_path)
    oracles = [f for module in (test_oracles, test_oracles_suivi)
               for name, f in vars(module).items() if name.startswith("test_") and callable(f)]
    assert len(oracles) >= 25
    failures = []
    for oracle in oracles:
        for call in _calls(oracle):
            try:
                oracle(site=tmp_path, **call)
            except AssertionError as error:
                failures.append(f"{oracle.__name__}({call}): {str(error)[:200]}")
    assert failures == []
