"""roadmap_site.slug: heading ids exactly as Python-Markdown makes them (on every real title and heading, so a
change of either side is noticed), slugs in the one form the schemas accept."""

from __future__ import annotations

import re

import pytest
import yaml
from markdown.extensions.toc import slugify as markdown_slugify

from roadmap_site import load, scaffold
from roadmap_site.slug import PATTERN, anchor, slug
from tests.conftest import ROOT

EDGES = ["", "   ", "Chiffres clés (2024)", "Description de l'action", "l’été — déjà", "  A -- b  ", "a_b c",
         "Œuvre et cœur", "ﬁchier ½ m²", "Ærø København", "x\ty\nz", "Numérique 🚀 responsable", "--début-fin--",
         "İstanbul", "ÉCOLE", "«  guillemets  »", "a&amp;b", "1.2.3", "Straße"]


def real_titles() -> list[str]:
    """What the site's headings are made of: every title and name of the records, and every Markdown heading
    of the hand-written pages."""
    roadmap = load(ROOT)
    found = [a.intitule for a in roadmap.actions] + [ax.titre for ax in roadmap.axes] + [ax.nom for ax in roadmap.axes]
    found += [o.nom for o in roadmap.organisations.values()]
    if roadmap.diagnostic is not None:
        found += [e.nom for e in roadmap.diagnostic.territoires] + [t.titre for t in roadmap.diagnostic.themes]
    if roadmap.suivi is not None:
        found += [d.titre_page for d in roadmap.suivi.deliberations] + [t.titre for t in roadmap.suivi.tableaux]
    for page in sorted((ROOT / "docs").rglob("*.md")):
        found += [m.group(1) for m in re.finditer(r"(?m)^#{1,6} +(.+?) *$", page.read_text(encoding="utf-8"))]
    return found


def test_there_are_many_real_titles_to_compare():
    titles = real_titles()
    assert len(set(titles)) > 150
    assert any(not t.isascii() for t in titles) and any("'" in t or "’" in t for t in titles)


@pytest.mark.parametrize("text", EDGES + real_titles())
def test_a_heading_id_is_the_one_markdown_gives(text):
    assert anchor(text) == markdown_slugify(text, "-")


@pytest.mark.parametrize("text, expected", [
    ("Chiffres clés (2024)", "chiffres-cles-2024"), ("Description de l'action", "description-de-laction"),
    ("  A -- b  ", "a-b"), ("a_b c", "a_b-c"), ("Œuvre", "uvre"),  # Markdown drops what NFKD leaves non-ASCII
])
def test_heading_ids(text, expected):
    assert anchor(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Cœur de l'Hôtel-Dieu", "coeur-de-l-hotel-dieu"),
    ("Lot Numérique Ensemble 2024-2027", "lot-numerique-ensemble-2024-2027"),
    ("  --Ærø_Straße--  ", "aero-strasse"), ("ﬁchier m²", "fichier-m2"), ("", ""), ("« — »", ""), ("ÉCOLE", "ecole"),
])
def test_slugs(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize("text", EDGES)
def test_a_slug_is_empty_or_in_the_one_form(text):
    found = slug(text)
    assert found == "" or re.fullmatch(PATTERN, found)


def test_words_can_be_left_out_and_the_length_bounded_between_words():
    assert slug("Former et outiller les aidants", {"et", "les"}) == "former-outiller-aidants"
    assert slug("un deux trois", limit=9) == "un-deux"  # "un-deux-trois" is 13: cut before a word, never in one
    assert slug("un deux trois", limit=13) == "un-deux-trois"
    assert slug("anticonstitutionnellement", limit=10) == ""  # no word fits: nothing rather than half a word
    assert slug("Le la les", {"le", "la", "les"}) == ""


def test_a_new_fiches_slug():
    """The scaffold's rule (make nouvelle-fiche): small words out, at most 60 characters."""
    title = "Former et outiller les aidants numériques des communes et des intercommunalités du département du Lot"
    # "…-communes-intercommunalites" would be 61 characters: the slug stops before that word
    assert slug(title, scaffold._SMALL_WORDS, scaffold.SLUG_MAX) == "former-outiller-aidants-numeriques-communes"


def test_the_schemas_slug_pattern_is_this_one():
    """The schemas (YAML, read by the validator) repeat the pattern: every copy is this one."""
    schemas = sorted((ROOT / "roadmap_site" / "schemas").glob("*.schema.yml"))
    patterns = [p for path in schemas for p in re.findall(r'pattern: "(.*)"', path.read_text(encoding="utf-8"))
                if p.startswith("^[a-z0-9]+(-")]
    assert len(patterns) >= 8 and set(patterns) == {f"^{PATTERN}$"}


def test_every_fiche_slug_is_in_the_one_form():
    files = sorted((ROOT / "actions").glob("*.yml"))
    slugs = [yaml.safe_load(path.read_text(encoding="utf-8"))["slug"] for path in files]
    assert len(slugs) >= 20 and all(re.fullmatch(PATTERN, s) for s in slugs)
