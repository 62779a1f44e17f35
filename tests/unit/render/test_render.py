"""The small functions of roadmap_site/render.py that the rendered pages alone do not pin down: headings
outline, anchors, relative and public addresses, compacted HTML, file names marked as code."""

from __future__ import annotations

import pytest

from roadmap_site.render import anchor, code_files, compact, outline, public_url, relative_url


def test_outline_lists_headings_with_an_id_in_order():
    html = ('<h1 id="t">Titre <em>ici</em></h1><p>x</p><h2>sans id</h2><h2 id="a">A &amp; B</h2>'
            '<h3 id="b">\n B  b </h3><h4 id="c">C</h4>')
    assert [(h.level, h.id, h.text) for h in outline(html)] == [(1, "t", "Titre ici"), (2, "a", "A & B"), (3, "b", "B b")]


def test_anchor_is_the_markdown_toc_slug():
    assert anchor("Description de l'action") == "description-de-laction"
    assert anchor("Chiffres clés (2024)") == "chiffres-cles-2024"


@pytest.mark.parametrize("target, page, expected", [
    ("actions/", "axes/responsable/", "../../actions/"), ("", "actions/", ".."), ("actions/", "", "actions/"),
    ("actions/x/", "actions/x/", "./"), ("diagnostic/epci/a/", "diagnostic/epci/", "a/"),
    ("assets/a.css", "actions/x/", "../../assets/a.css")])
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected


def test_compact_drops_layout_white_space_but_keeps_preformatted_text():
    page = "<main>\n    <p>a\u00a0b</p>\n\n  <pre>\n  x\n    y</pre>\n  <script>\n  var s;\n</script>\n</main>"
    assert compact(page) == "<main>\n<p>a\u00a0b</p>\n<pre>\n  x\n    y</pre>\n<script>\n  var s;\n</script>\n</main>"


@pytest.mark.parametrize("site_url, expected", [
    (None, "/fiches/3/"), ("", "/fiches/3/"), ("https://exemple.fr/feuille/", "https://exemple.fr/feuille/fiches/3/"),
    ("https://exemple.fr/feuille", "https://exemple.fr/feuille/fiches/3/"), ("https://exemple.fr/", "https://exemple.fr/fiches/3/"),
])
def test_a_public_address_is_absolute_once_the_sites_is_known(site_url, expected):
    assert public_url("fiches/3/", site_url) == expected


@pytest.mark.parametrize("text, expected", [
    ("de data/vocabulaires/axes.yml.", "de <code>data/vocabulaires/axes.yml</code>."),
    ("(roadmap_site/schemas/action.schema.yml)", "(<code>roadmap_site/schemas/action.schema.yml</code>)"),
    ("sans « .yml » ; a.json, b.csv et c.atom", "sans « <code>.yml</code> » ; <code>a.json</code>, <code>b.csv</code> et "
                                             "<code>c.atom</code>"),
    ("<identifiant>.yaml & co", "<code>&lt;identifiant&gt;.yaml</code> &amp; co"),
    ("ymlx.ymlx, pas un fichier", "ymlx.ymlx, pas un fichier"),
])
def test_file_names_in_a_text_are_marked_as_code(text, expected):
    assert str(code_files(text)) == expected
