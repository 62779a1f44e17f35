"""One test per fiche, and the facts of the roadmap that the records as a whole must hold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from roadmap_site import load
from roadmap_site import read as loader
from roadmap_site.exports import records
from roadmap_site.schema import SchemaSet
from tests.conftest import ROOT

FILES = sorted(p.name for p in (ROOT / "actions").glob("*.yml"))


@pytest.mark.parametrize("name", FILES)
def test_record(name, roadmap):
    """The record parses, validates, and says where it comes from."""
    document, problems = loader.read_file(ROOT / "actions" / name, ROOT)
    assert problems == []
    action = next(a for a in roadmap.actions if a.file == f"actions/{name}")
    assert document.data["source"]["fiche"] == action.numero == action.source.fiche
    assert name == f"{action.numero:02d}-{action.slug}.yml"
    assert action.objectif.axe is action.axe


def test_the_22_fiches_in_order(roadmap):
    assert [a.numero for a in roadmap.actions] == list(range(1, 23))


def test_programmes_follow_the_pv_of_21_october_2024(roadmap):
    fne = [a.numero for a in roadmap.actions if a.programme.code == "fne"]
    sdusn = [a.numero for a in roadmap.actions if a.programme.code == "sdusn"]
    assert fne == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20]
    assert sdusn == [1, 16, 17, 18, 19, 21, 22]


def test_15_actions_carried_or_co_carried_by_the_syndicat(roadmap):
    assert sum(a.portee_par_porteur for a in roadmap.actions) == 15


def test_co_carried_fiches(roadmap):
    def carriers(numero):
        return [(m.organisation.id, m.precision) for m in roadmap.action(numero).porteurs]

    assert carriers(4) == carriers(8) == [("lot-numerique", None), ("prefecture-du-lot", None)]
    assert carriers(5) == [("rhinocc", "au niveau régional"), ("lot-numerique", "au niveau départemental")]


def test_fiche_22_is_innovant_with_its_yearly_membership(roadmap):
    fiche = roadmap.action(22)
    assert fiche.axe.code == "innovant"
    [cotisation] = [line for line in fiche.lignes("investissement") if line.par_annee]
    assert cotisation.base.code == "par_annee"
    assert [(y.annee, y.montant) for y in cotisation.par_annee] == [(2025, 200), (2026, 400), (2027, 600)]
    assert any("OCCITANIE" in note for note in fiche.source.notes)


def test_ocr_noise_is_corrected_and_recorded(roadmap):
    fiche = roadmap.action(14)
    text = str(fiche.description)
    assert "arnaques" in text and "anarques" not in text
    assert any("anarques" in note for note in fiche.source.notes)


def leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def test_stamps_are_not_content(roadmap):
    """Prefecture stamps of the scanned register may be mentioned in notes, never left in the content."""
    for path in sorted((ROOT / "actions").glob("*.yml")):
        content = {k: v for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items() if k != "source"}
        for text in leaves(content):
            for stamp in ("AR Prefecture", "AR Préfecture", "Reçu le", "Recu le", "20250307", "-DE"):
                assert stamp not in str(text), f"{path.name}: {text}"


def test_bibliotheque_departementale_is_one_organisation(roadmap):
    bdl = roadmap.organisations["bibliotheque-departementale"]
    assert [a.numero for a in bdl.porteur_de] == [10, 11, 13]
    assert bdl.rattachement is roadmap.organisations["departement"]


def test_every_organisation_is_named_by_a_fiche(roadmap):
    assert [o.id for o in roadmap.organisations.values() if not o.actions] == []


def test_a_new_record_needs_no_other_file(tmp_path):
    """Adding actions/23-….yml alone is enough for the data to load (pages follow, see test_built_site); a fiche
    added after the adopted document has no `source`."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "p")
    text = (ROOT / "actions/18-veille-opportunites-relai-information.yml").read_text(encoding="utf-8")
    text = text.replace("numero: 18", "numero: 23").replace("slug: veille-opportunites-relai-information",
                                                           "slug: nouvelle-action")
    text = text[: text.index("\nsource:")] + "\n"
    (project / "actions/23-nouvelle-action.yml").write_text(text, encoding="utf-8")
    assert [(a.numero, a.source) for a in load(Path(project)).actions][-1] == (23, None)


def test_records_are_the_files_with_their_fields_in_schema_order():
    """A record is its file as read, its fields in the order of its schema (those of oneOf branches too;
    others after them, in their order), lists in the file's order: no field is copied one by one."""
    schemas = SchemaSet({"essai": {"properties": {"b": {"$ref": "#/$defs/ligne"}, "a": {"type": "integer"}},
                                   "$defs": {"ligne": {"type": "array", "items": {"oneOf": [
                                       {"properties": {"y": {}, "x": {}}}, {"properties": {"z": {}}}]}}}}})
    value = {"a": 1, "autre": [2, 1], "b": [{"x": 1, "y": 2}, {"z": 3, "y": 4, "w": 5}]}
    ordered = schemas.ordered(value, "essai")
    assert ordered == value
    assert repr(ordered) == "{'b': [{'y': 2, 'x': 1}, {'y': 4, 'z': 3, 'w': 5}], 'a': 1, 'autre': [2, 1]}"


def test_a_field_new_to_the_files_is_exported_with_nothing_else_to_change(roadmap):
    action = roadmap.actions[0]
    document = roadmap.sources.named(action.file)
    document.data["nouveau_champ"] = "valeur"
    try:
        assert records.fiche(roadmap, action)["nouveau_champ"] == "valeur"
    finally:
        del document.data["nouveau_champ"]
