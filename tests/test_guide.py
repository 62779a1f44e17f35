"""The contributor guide (docs/contribuer.md) cannot drift from what the engine does: its error messages
are those of the corpus of mistakes (which the engine is tested to print), its annotated example is the
real fiche 18, and it explains each term a newcomer meets."""

from __future__ import annotations

import re

from engine.read import parse
from tests.conftest import ROOT
from tests.test_erreurs import CORPUS, apply, data_copy, expected, read_case

GUIDE = ROOT / "docs/contribuer.md"
TERMS = ("Forge", "Dépôt", "Fichier YAML", "Indentation", "Liste", "Guillemets", "`>-`", "Commentaire", "Slug",
         "Demande de fusion", "pull request", "fork", "investissement[0].montant")


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
