"""The small functions of roadmap_site/render.py that the rendered pages alone do not pin down: headings
outline, compacted HTML, file names marked as code."""

from __future__ import annotations

import pytest

from roadmap_site.render import code_files, compact, outline


def test_outline_lists_headings_with_an_id_in_order():
    html = ('<h1 id="t">Titre <em>ici</em></h1><p>x</p><h2>sans id</h2><h2 id="a">A &amp; B</h2>'
            '<h3 id="b">\n B  b </h3><h4 id="c">C</h4>')
    assert [(h.level, h.id, h.text) for h in outline(html)] == [(1, "t", "Titre ici"), (2, "a", "A & B"),
                                                                (3, "b", "B b")]


def test_compact_drops_layout_white_space_but_keeps_preformatted_text():
    page = "<main>\n    <p>a\u00a0b</p>\n\n  <pre>\n  x\n    y</pre>\n  <script>\n  var s;\n</script>\n</main>"
    assert compact(page) == "<main>\n<p>a\u00a0b</p>\n<pre>\n  x\n    y</pre>\n<script>\n  var s;\n</script>\n</main>"


@pytest.mark.parametrize("text, expected", [
    ("de data/vocabulaires/axes.yml.", "de <code>data/vocabulaires/axes.yml</code>."),
    ("(roadmap_site/schemas/action.schema.yml)", "(<code>roadmap_site/schemas/action.schema.yml</code>)"),
    ("sans « .yml » ; a.json, b.csv et c.atom",
     "sans « <code>.yml</code> » ; <code>a.json</code>, <code>b.csv</code> et <code>c.atom</code>"),
    ("<identifiant>.yaml & co", "<code>&lt;identifiant&gt;.yaml</code> &amp; co"),
    ("ymlx.ymlx, pas un fichier", "ymlx.ymlx, pas un fichier"),
])
def test_file_names_in_a_text_are_marked_as_code(text, expected):
    assert str(code_files(text)) == expected
