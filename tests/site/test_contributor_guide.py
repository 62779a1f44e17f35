"""The contributor guide (docs/contribuer.md) cannot drift from what the engine does: its error messages
are those of the corpus of mistakes (which the engine is tested to print), its annotated examples are the
real fiche 18 and real follow-up, budget and deliberation files, and it explains each term a newcomer
meets."""

from __future__ import annotations

import re

import pytest

from roadmap_site.read import parse
from tests.conftest import ROOT
from tests.site.test_staff_mistakes import CORPUS, apply, data_copy, expected, read_case

GUIDE = ROOT / "docs/contribuer.md"
TERMS = ("Forge", "Dépôt", "Fichier YAML", "Indentation", "Liste", "Guillemets", "`>-`", "Commentaire", "Slug",
         "Demande de fusion", "pull request", "fork", "investissement[0].montant", "cibles[1].unite",
         "postes[].montant", "Adresse relative", "{premiere: …, derniere: …}")
# The worked examples: `<!-- exemple-…: <file> -->` before a YAML block copied from that file.
EXAMPLES = re.findall(r"<!-- (exemple-[a-z-]+): (\S+) -->\n```yaml\n(.*?)```",
                      GUIDE.read_text(encoding="utf-8"), re.S)


def _after(marker: str) -> str:
    return GUIDE.read_text(encoding="utf-8").split(f"<!-- {marker} -->", 1)[1]


def _body(message: str) -> str:
    """A message without its `file:line: ` start, as the guide lists it."""
    return re.sub(r"^\S+?: ", "", message, count=1)


def _corpus_bodies() -> set[str]:
    return {_body(m) for path in CORPUS.glob("*.yml") for m in read_case(path)["attendu"]}


def test_every_message_the_guide_lists_is_one_the_check_prints():
    listed = re.findall(r"(?m)^- `([^`]+)`$", _after("messages").split("\n\n", 1)[0])
    assert len(listed) >= 12
    assert [m for m in listed if m not in _corpus_bodies()] == []


def test_the_complete_example_of_an_error_is_the_real_one(tmp_path):
    case = read_case(CORPUS / "01-montant-point-des-milliers.yml")
    messages = expected(case, apply(case, data_copy(tmp_path / "p")))
    block = _after("erreur-complete").split("```", 2)[1]
    assert block.strip().splitlines() == messages + ["1 erreur dans 1 fichier"]


def test_the_annotated_example_is_the_real_fiche_18():
    block = _after("exemple-commente").split("```yaml\n", 1)[1].split("```", 1)[0]
    name = "actions/18-veille-opportunites-relai-information.yml"
    shown, problems = parse(block, name)
    real, _ = parse((ROOT / name).read_text(encoding="utf-8"), name)
    assert problems == [] and shown.data == real.data
    assert block.count("\n#") >= 10  # annotated


def test_every_term_a_newcomer_meets_is_explained():
    text = GUIDE.read_text(encoding="utf-8")
    glossary = text.split("## Les mots à connaître", 1)[1].split("\n## ", 1)[0]
    assert [term for term in TERMS if term not in glossary] == []


def _copied(shown, real) -> bool:
    """`shown` is an excerpt of `real`: some of its fields, and whole items of its lists, in their order."""
    if isinstance(shown, dict):
        return isinstance(real, dict) and all(k in real and _copied(v, real[k]) for k, v in shown.items())
    if isinstance(shown, list):
        rest = iter(real) if isinstance(real, list) else iter(())
        return all(any(item == other for other in rest) for item in shown)
    return shown == real and type(shown) is type(real)


def test_a_worked_example_of_each_kind_of_follow_up_file():
    assert {(marker, name.split("/")[0]) for marker, name, _ in EXAMPLES} >= {
        ("exemple-suivi-statut", "suivi"), ("exemple-suivi-cible", "suivi"), ("exemple-budget", "budget"),
        ("exemple-deliberation", "deliberations")}


@pytest.mark.parametrize("marker, name, block", EXAMPLES, ids=[m for m, _, _ in EXAMPLES])
def test_each_worked_example_is_copied_from_its_real_file(marker, name, block):
    shown, problems = parse(block, name)
    real, _ = parse((ROOT / name).read_text(encoding="utf-8"), name)
    assert problems == [] and _copied(shown.data, real.data)
    assert block.count("# ") >= 4  # annotated


@pytest.mark.parametrize("shown, real, copied", [
    ({"a": 1}, {"a": 1, "b": 2}, True), ({"a": 1}, {"a": 2}, False), ({"c": 1}, {"a": 1}, False),
    ({"l": [1, 3]}, {"l": [1, 2, 3]}, True), ({"l": [3, 1]}, {"l": [1, 2, 3]}, False),
    ({"l": [{"x": 1}]}, {"l": [{"x": 1, "y": 2}]}, False), (1, 1.0, False), ("1", 1, False)])
def test_an_excerpt_keeps_whole_items_in_order(shown, real, copied):
    assert _copied(shown, real) is copied


def test_the_guide_warns_against_quotes_that_do_not_protect_and_backslashes():
    text = GUIDE.read_text(encoding="utf-8").split("## Guillemets, apostrophes et barres obliques", 1)[1]
    section = text.split("\n## ", 1)[0]
    for needle in ("`« »`", "`“ ”`", "`\\`", "`/`", "apostrophes droites", "`>-`"):
        assert needle in section, needle


@pytest.mark.parametrize("line, text", [
    ('texte: « Suivi : 0,10 ETP »', None), ('texte: “Suivi : 0,10 ETP”', None),
    ('texte: "Dossier C:\\partage"', None),
    ('texte: "Suivi : 0,10 ETP"', "Suivi : 0,10 ETP"), ("texte: 'Dossier C:\\partage'", "Dossier C:\\partage"),
    ("texte: 'l''action'", "l'action"), ("texte: Dossier C:/partage", "Dossier C:/partage"),
    ("texte: >-\n  Dossier C:\\partage : « Suivi »", "Dossier C:\\partage : « Suivi »"),
    ("texte: « Suivi »", "« Suivi »"), ("texte: l'action d'aidants", "l'action d'aidants")])
def test_what_the_guide_says_of_quotes_holds(line, text):
    """Each way of writing a value the guide names: refused where it says so, otherwise read as the text."""
    shown, problems = parse(line + "\n", "x.yml")
    assert (problems == []) is (text is not None)
    assert text is None or shown.data == {"texte": text}
