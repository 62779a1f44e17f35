"""Every attribute of every built page that names other elements of the page by id (a label's `for`, the
ARIA relations, a cell's `headers`) names elements present in that page: a reference to a missing id
leaves a navigation or a field without its name for assistive technologies (the Nu HTML checker's
« aria-labelledby must point to an element in the same document »)."""

from __future__ import annotations

from bs4 import BeautifulSoup

# Attributes holding one id (for, list, aria-activedescendant) or a space-separated list of ids.
REFERENCES = ("for", "list", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
              "aria-details", "aria-errormessage", "aria-flowto", "aria-activedescendant")


def missing_references(markup: str) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    return [f'<{element.name} {name}="{element[name]}">' for name in REFERENCES
            for element in soup.find_all(attrs={name: True}) if any(ref not in ids for ref in element[name].split())]


def test_the_check_sees_a_missing_reference_of_each_kind():
    for name in REFERENCES:
        assert missing_references(f'<nav {name}="absent"></nav><p id="present"></p>') == [f'<nav {name}="absent">']
        assert missing_references(f'<nav {name}="present"></nav><p id="present"></p>') == []
    assert missing_references('<p id="a"></p><nav aria-labelledby="a b"></nav>') == ['<nav aria-labelledby="a b">']


def test_every_id_reference_of_every_page_exists_in_that_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    missing = {path.relative_to(site).as_posix(): found for path in pages
               if (found := missing_references(path.read_text(encoding="utf-8")))}
    assert missing == {}
