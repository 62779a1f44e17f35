"""French typographic spacing (roadmap_site/typography.py): the rules on a class of inputs, what they must never
touch, and every page of the built site read as a reader sees it — no ordinary space before `; : ! ?` or `»`,
after `«`, or inside a number with its unit — while the search index and the open data keep plain text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from roadmap_site.typography import french

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize("mark, space", [(";", NNBSP), (":", NBSP), ("!", NNBSP), ("?", NNBSP)])
@pytest.mark.parametrize("typed", [" ", "  ", "\n", "\t", " \n  ", f" {NBSP}", f"{NNBSP} "])
def test_a_typed_space_before_a_mark_becomes_one_no_break_space(mark, space, typed):
    assert french(f"<p>Le mot{typed}{mark} la suite</p>") == f"<p>Le mot{space}{mark} la suite</p>"


@pytest.mark.parametrize("typed, expected", [
    ("« Seniors »", f"«{NBSP}Seniors{NBSP}»"),
    ("«Seniors»", f"«{NBSP}Seniors{NBSP}»"),  # no address nor code holds guillemets: missing spaces added
    ("«\n  Seniors\n»", f"«{NBSP}Seniors{NBSP}»"),
    ("&laquo; Seniors &raquo;", f"&laquo;{NBSP}Seniors{NBSP}&raquo;"),
    ("&#171;Seniors&#187;", f"&#171;{NBSP}Seniors{NBSP}&#187;"),
    ("«<em>Seniors</em>»", f"«{NBSP}<em>Seniors</em>{NBSP}»"),
    ("« <a href='x'>Seniors</a> »", f"«{NBSP}<a href='x'>Seniors</a>{NBSP}»"),
])
def test_guillemets_hold_their_text_with_no_break_spaces(typed, expected):
    assert french(f"<p>Dit {typed}.</p>") == f"<p>Dit {expected}.</p>"


@pytest.mark.parametrize("typed, expected", [
    ("5 000 €", f"5{NNBSP}000{NBSP}€"),
    ("5 000,50 €", f"5{NNBSP}000,50{NBSP}€"),
    ("14,8 %", f"14,8{NBSP}%"),
    ("0,15 ETP", f"0,15{NBSP}ETP"),
    ("12 km", f"12{NBSP}km"),
    ("30 k€", f"30{NBSP}k€"),
    ("1 000 000 habitants", f"1{NNBSP}000{NNBSP}000 habitants"),
    ("44\n000", f"44{NNBSP}000"),
])
def test_a_number_keeps_its_groups_and_its_unit_on_one_line(typed, expected):
    assert french(f"<td>soit {typed} en tout</td>") == f"<td>soit {expected} en tout</td>"


@pytest.mark.parametrize("html", [
    # nothing to do: no space typed, or a no-break one already
    "<p>10:30, http://exemple.fr/a?q=1, 50%, mot:valeur, 5000€</p>",
    f"<p>Déjà{NBSP}: fait{NNBSP}; «{NBSP}ici{NBSP}» 5{NNBSP}000{NBSP}€</p>",
    "<p>Déjà&nbsp;: fait&#160;; &laquo;&nbsp;ici&#xa0;&raquo;</p>",
    # never inside code, scripts, styles, comments or fields
    "<pre>a : b ; c ! d ? « e » 5 000 €</pre>", "<PRE>a : b</PRE>", "<p>voir <code>x ? y : z</code></p>",
    "<kbd>Ctrl :</kbd>", "<samp>Erreur : 1</samp>", "<textarea>a : b</textarea>",
    "<script>var a = b ? c : d; x = {'k' : 1};</script>", "<style>a { color : red ; }</style>",
    "<!-- note : a ; b -->", "<pre><code class='yaml'>cle : « valeur »\n</code></pre>",
    # never inside a tag: addresses, values, texts that are not laid out in lines
    "<a href='/recherche/?q= ;&amp;r= :'>x</a>", "<a title='Quoi ?' aria-label='Voir : ici'>x</a>",
    "<img alt='« logo »' src='a.png'>", "<div style='width : 5 000 px' data-x='14,8 %'></div>",
    "<a title='a > b : c'>x</a>",
    # numbers that are no thousands, a word that is no unit
    "<p>12 3456, CS2025 123, en 2024 2025, 22 fiches, 3 mois</p>",
    # a mark opening a block is not glued to the block before
    "<p>fin </p><p>: suite</p>",
])
def test_what_must_stay_as_typed(html):
    assert french(html) == html


@pytest.mark.parametrize("html, expected", [
    # inline tags between the space and its mark are looked through; the space stays where it was typed
    ("<a href='x'>Fiche 3</a> : le texte", f"<a href='x'>Fiche 3</a>{NBSP}: le texte"),
    ('<span>Non renseigné</span> <span class="v">: rien</span>',
     f'<span>Non renseigné</span>{NBSP}<span class="v">: rien</span>'),
    ("<strong>Statut</strong>\n: en cours", f"<strong>Statut</strong>{NBSP}: en cours"),
    ("dossier <b></b> ;", f"dossier{NNBSP}<b></b>;"),
    ("voir <code>a</code> ?", f"voir <code>a</code>{NNBSP}?"),
    # entities are text
    ("l&#39;axe : x &amp; y ; z", f"l&#39;axe{NBSP}: x &amp; y{NNBSP}; z"),
    ("<title>Page déplacée : Fiche 3</title>", f"<title>Page déplacée{NBSP}: Fiche 3</title>"),
    # an entity other than a space ends the gap; a space entity alone is already no-break
    ("la balise &lt;table&gt; : un tableau", f"la balise &lt;table&gt;{NBSP}: un tableau"),
    ("R&amp;D &nbsp;: budget, R&amp;D&#160;! fin", f"R&amp;D{NBSP}: budget, R&amp;D&#160;! fin"),
    # a fragment that begins with the gap, or ends with a space: nothing before the start is read
    (" : la suite ", f"{NBSP}: la suite "),
])
def test_text_around_tags_and_entities(html, expected):
    assert french(html) == expected


def test_french_spacing_twice_is_french_spacing_once(site):
    for path in [site / "index.html", site / "actions" / "index.html", site / "suivi" / "budget" / "index.html"]:
        once = path.read_text(encoding="utf-8")
        assert french(once) == once


# --- The built site, read by a parser of its own (not the engine's regular expressions) ---

HIDDEN = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"}  # not running text
# Tags that leave the line of text going on; any other one (paragraph, cell, heading…) ends it.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "img", "ins", "mark", "q",
          "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "svg", "path", "use", "label"}
BLOCK_BREAK, CODE = "\x00", "\x01"
WHITE = "[ \t\r\n\f]"  # the spaces a browser may break a line at
FAULTS = {
    "espace avant ; : ! ? ou »": re.compile(rf"\S{{0,25}}{WHITE}+[;:!?»]\S{{0,10}}"),
    "espace après «": re.compile(rf"«{WHITE}+\S{{0,25}}"),
    "espace entre un nombre et son unité": re.compile(rf"\d{WHITE}+(?:%|€|ETP)"),
    "espace dans un nombre": re.compile(rf"(?<![\d,.])\d{{1,3}}{WHITE}\d{{3}}(?![\d])[\u00a0\u202f ]?(?:%|€)"),
}


class _VisibleText(HTMLParser):
    """The text of a page as it flows: inline tags transparent, other tags a break, code a placeholder."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
            self.parts.append(CODE)
        elif tag not in INLINE:
            self.parts.append(BLOCK_BREAK)

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag not in INLINE:
            self.parts.append(BLOCK_BREAK)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def faults(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    return [f"{name} : {found.group()!r}" for name, pattern in FAULTS.items() for found in pattern.finditer(text)]


@pytest.mark.parametrize("html", [
    "<p>Note : x</p>", "<p>Vraiment !</p>", "<li>un ;</li>", "<p>Quoi\n?</p>", "<p>« Seniors</p>",
    "<p>Seniors »</p>", "<td>5 000 €</td>", f"<td>5{NNBSP}000 €</td>", "<td>14,8 %</td>", "<td>0,15 ETP</td>",
    f"<td>5 000{NBSP}€</td>", "<p><a href='x'>Fiche</a> : x</p>", "<p>x <span>: y</span></p>",
    "<title>Page : x</title>",
])
def test_the_site_check_finds_each_fault(html):
    """The check below can fail: each of these has the fault it looks for."""
    assert faults(html)


@pytest.mark.parametrize("html", [
    "<pre>a : b</pre>", "<p>a<code>x</code>: b</p>", "<script>a ? b : c</script>", "<p>fin </p><p>: x</p>",
    f"<p>Note{NBSP}: x{NNBSP}; «{NBSP}y{NBSP}» 5{NNBSP}000{NBSP}€ 14,8{NBSP}%</p>", "<a title='Quoi ?'>x</a>",
])
def test_the_site_check_passes_good_text(html):
    assert faults(html) == []


def test_no_ordinary_space_where_french_wants_a_no_break_one_on_any_page(site):
    """Every HTML page of the build (the theme's pages, 404.html and the redirect pages included)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 140 and site / "404.html" in pages
    found = {path.relative_to(site).as_posix(): faults(path.read_text(encoding="utf-8")) for path in pages}
    assert {page: problems for page, problems in found.items() if problems} == {}


def _marks_after_a_space(text: str, space: str) -> int:
    return len(re.findall(rf"{space}[;:!?»]|«{space}", text))


def test_open_data_keeps_plain_text(site):
    """Open data and feeds are never HTML pages: they stay as the records say. (Search indexes the finished
    pages: Pagefind splits words on every Unicode space, no-break ones included, and the query table of
    tests/browser/test_search_ui.py runs on that index.)"""
    data = [p for p in site.rglob("*") if p.suffix in {".csv", ".json", ".xml"} and p.is_file()]
    assert len([p for p in data if p.suffix == ".csv"]) >= 10
    assert sum(_marks_after_a_space(p.read_text(encoding="utf-8"), "[\u00a0\u202f]") for p in data) == 0
    assert sum(_marks_after_a_space(p.read_text(encoding="utf-8"), " ") for p in data) > 100


def test_the_spacing_changes_text_only(site):
    """Tags and attributes of a page are those it had: only text changed."""
    for path in [site / "index.html", site / "actions" / "boucle-reconditionnement-solidaire" / "index.html"]:
        html = path.read_text(encoding="utf-8")
        plain = re.sub("[\u00a0\u202f]", " ", html)
        assert re.findall(r"<[^>]*>", french(plain)) == re.findall(r"<[^>]*>", plain)
