"""The words added to the search index (engine/search.py), without a browser; tests/browser/test_search.py
types the queries into the real search."""

from __future__ import annotations

import json
import re

import pytest

from engine import search
from engine.model import Organisation

SEPARATOR = re.compile(r'[\s\-–—/()\[\]«»"“”:;!?…]+|[.,](?!\d)')
CCI = Organisation("cci", "Chambre de Commerce et d'Industrie du Lot", "CCI du Lot")
CDG = Organisation("cdg46", "Centre de Gestion du Lot", "CDG46")


def added(text: str) -> list[str]:
    """The terms added for a text that names no registered organisation."""
    return search.Terms(SEPARATOR.pattern, ()).of(text).split()


def findable(text: str) -> list[str]:
    """The words a query can begin: the text's own tokens and its added terms."""
    tokens = sorted(set(SEPARATOR.split(text.lower())) - {""})  # as the theme's tokenizer makes them
    return tokens + added(text)


def test_fold_removes_accents_case_and_ligatures():
    assert search.fold("Œuvre NUMÉRIQUE à Cahors") == "oeuvre numerique a cahors"


def test_unaccented_forms_are_added_only_where_they_differ():
    terms = added("La stratégie numérique du Lot")
    assert "numeriques" in terms and "strategies" in terms  # the plural covers the singular as a prefix
    assert not any(t.startswith("lot") for t in terms)  # "lot" is already a token


@pytest.mark.parametrize("text, query", [
    ("des téléphones", "telephone"),
    ("un téléphone", "telephones"),  # plural typed, singular written
    ("un téléphone", "téléphones"),
    ("matériel reconditionné", "reconditionnees"),
    ("les équipements locaux", "local"),  # -aux written, -al typed
    ("un cadre départemental", "departementaux"),
    ("la Chambre d'Industrie", "industrie"),  # a word glued to an elision
    ("(CCI du Lot)", "cci"),  # punctuation is a separator
])
def test_a_query_begins_a_findable_word(text, query):
    assert any(word.startswith(query) for word in findable(text))


def test_a_query_that_begins_no_word_stays_unfound():
    assert not any(word.startswith("velo") for word in findable("un téléphone reconditionné"))


def test_no_added_term_begins_another():
    terms = added("un téléphone")
    assert "telephones" in terms and "telephone" not in terms


def test_sigle_and_full_name_find_each_other():
    aliases = search.Aliases([CCI, CDG, Organisation("anssi", "ANSSI", None)])
    assert "CCI" in aliases.for_text("Partenaire : Chambre de commerce et d’industrie du Lot.")
    assert "Industrie" in aliases.for_text("Formations avec la CCI du Lot")
    assert aliases.for_text("La CCI du Lot (Chambre de Commerce et d'Industrie du Lot)") == []
    assert "CDG46" in aliases.for_text("le Centre de gestion du Lot")
    assert aliases.for_text("l'ANSSI et la CCI départementale") == []  # no sigle; « CCI » alone is not « CCI du Lot »


def test_a_name_typed_with_decomposed_accents_is_found_as_well():
    """Text pasted from some systems writes « é » as « e » followed by a combining accent."""
    gestion = Organisation("cge", "Centre de Gestion Équitable", "CGE")
    aliases = search.Aliases([gestion])
    composed = "Avec le Centre de gestion équitable."
    decomposed = "Avec le Centre de gestion e\u0301quitable."
    assert aliases.for_text(decomposed) == aliases.for_text(composed) == ["CGE"]


def test_enrich_fills_hidden_fields_and_keeps_what_is_shown():
    index = {"config": {"separator": SEPARATOR.pattern},
             "docs": [{"location": "a/", "title": "Téléphonie", "text": "<p>Les bénévoles de la CCI du Lot</p>"},
                      {"location": "b/", "title": "lot", "text": "", search.TEXT_FIELD: "ancien"}]}
    first, second = search.enrich(index, [CCI])["docs"]
    assert first["title"] == "Téléphonie" and first["text"] == "<p>Les bénévoles de la CCI du Lot</p>"
    assert "telephonies" in first[search.TITLE_FIELD].split()
    assert {"benevoles", "chambre", "commerce", "industrie"} <= set(first[search.TEXT_FIELD].split())
    assert search.TITLE_FIELD not in second and search.TEXT_FIELD not in second  # nothing to add, stale terms gone


def test_the_built_index_declares_and_fills_the_hidden_fields(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(search.FIELDS) <= set(index["config"]["fields"])
    by_location = {doc["location"]: doc for doc in index["docs"]}
    fiche = by_location["actions/cybersecurite-tpe-pme/#porteurs"]
    assert "CCI du Lot" in fiche["text"] and "industrie" in fiche[search.TEXT_FIELD].split()
    assert any("numeriques" in doc.get(search.TEXT_FIELD, "").split() for doc in index["docs"])


def test_table_cells_are_separate_words_in_the_index(site):
    """Adjacent cells written without a space between them used to make one word ("5 bénévolesnon chiffré")."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    rh = next(doc for doc in index["docs"] if doc["location"] == "actions/former-benevoles-secours-populaire/#rh")
    text = search.plain(rh["text"])
    assert "Texte de la fiche ETP chiffré" in " ".join(text.split())
    assert "5 bénévoles non chiffré" in " ".join(text.split())
