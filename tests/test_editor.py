"""Editor help: every data file points to its JSON Schema (schemas/), which an independent validator
(check-jsonschema) applies as the engine does; the template record makes a valid fiche."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from roadmap_site import editor, load, rules
from roadmap_site.check import check
from roadmap_site.schema import COMMON
from tests.conftest import ROOT, copy_project

CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def _blank_enums(node):
    """Vocabulary values follow the data (the publication workflow rewrites them); the rest must match."""
    if isinstance(node, dict):
        return {k: ("…" if k == "enum" else _blank_enums(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_blank_enums(v) for v in node]
    return node


def test_every_data_file_starts_with_the_address_of_its_schema():
    _sources, schemas = check(ROOT)
    wrong = []
    for relative in editor.data_files(ROOT):
        first = (ROOT / relative).read_text(encoding="utf-8").split("\n", 1)[0]
        expected = editor.header(relative, editor.schema_of(relative, schemas))
        target = (ROOT / relative).parent / expected.removeprefix(editor.HEADER)
        if first != expected or not target.is_file():
            wrong.append(f"{relative} : la première ligne doit être « {expected} » (make schemas l'ajoute)")
    assert wrong == []


def test_the_committed_json_schemas_are_generated_from_engine_schemas():
    sources, schemas = check(ROOT)
    vocabularies = rules.vocabularies(ROOT, sources)
    committed = {p.name for p in (ROOT / editor.FOLDER).glob("*.schema.json")}
    assert committed == {f"{name}.schema.json" for name in schemas.raw if name != COMMON}
    for name in sorted(schemas.raw.keys() - {COMMON}):
        on_disk = json.loads((ROOT / editor.FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert _blank_enums(on_disk) == _blank_enums(editor.bundle(schemas, vocabularies, name)), (
            f"schemas/{name}.schema.json n'est plus à jour : lancez make schemas")
        assert "$id" not in json.dumps(on_disk) and ".schema.yml" not in json.dumps(on_disk)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A copy of the project whose schemas/ are regenerated from its own data."""
    project = copy_project(tmp_path_factory.mktemp("editeur") / "p")
    shutil.copytree(ROOT / editor.FOLDER, project / editor.FOLDER)
    editor.generate(project)
    return project


def _validate(project: Path, files: list[str]) -> subprocess.CompletedProcess:
    """check-jsonschema on files sharing one schema, found as an editor finds it: from the first line."""
    first = (project / files[0]).read_text(encoding="utf-8").split("\n", 1)[0]
    schema = (project / files[0]).parent / first.removeprefix(editor.HEADER)
    return subprocess.run(CHECK_JSONSCHEMA + ["--schemafile", str(schema.resolve())] + files,
                          cwd=project, capture_output=True, text=True, timeout=300)


def test_an_independent_validator_accepts_every_data_file_with_its_schema(generated):
    _sources, schemas = check(generated)
    by_schema = defaultdict(list)
    for relative in editor.data_files(generated):
        by_schema[editor.schema_of(relative, schemas)].append(relative)
    assert len(by_schema) >= 10
    failures = [result.stdout + result.stderr for files in by_schema.values()
                if (result := _validate(generated, files)).returncode != 0]
    assert failures == []


@pytest.mark.parametrize("old, new, said", [
    ("leviers:", "levier:", "levier"),
    ("axe: responsable", "axe: responsabl", "responsabl"),
    ("    montant: 4000", '    montant: "4 000 €"', "4 000 €"),
])  # numero: 3.0 is refused by the engine only: for JSON Schema, 3.0 is an integer
def test_the_independent_validator_rejects_what_the_engine_rejects(generated, tmp_path, old, new, said):
    fiche = generated / "actions/03-boucle-reconditionnement-solidaire.yml"
    broken = generated / "actions/03-faute.yml"
    broken.write_text(fiche.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    try:
        result = _validate(generated, ["actions/03-faute.yml"])
    finally:
        broken.unlink()
    assert result.returncode == 1 and said in result.stdout


def test_make_nouvelle_fiche_makes_a_valid_record_from_the_template(project):
    shutil.copytree(ROOT / "modeles", project / "modeles")
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "nouvelle-fiche"], cwd=project, capture_output=True,
                            text=True, env={"TITRE": "Des ateliers numériques dans les communes rurales",
                                            "AXE": "innovant", "PATH": ""})
    assert result.returncode == 0, result.stderr
    path = project / "actions/23-ateliers-numeriques-communes-rurales.yml"
    assert result.stdout.startswith("Fiche n°23 créée : actions/23-ateliers-numeriques-communes-rurales.yml")
    assert "objectifs de l'axe innovant : 3.1, 3.2" in result.stdout
    fiche = load(project).action(23)
    assert (fiche.intitule, fiche.axe.code, fiche.objectif.code, fiche.source) == (
        "Des ateliers numériques dans les communes rurales", "innovant", "3.1", None)
    assert path.read_text(encoding="utf-8").startswith(editor.header("actions/x.yml", "action") + "\n")
    checked = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stderr
    assert ("Reste à faire dans actions/23-ateliers-numeriques-communes-rurales.yml : 6 textes « À compléter » "
            "et 4 valeurs « À vérifier »") in checked.stdout  # programme, objectif, publics, porteur
    assert "23 fiches : 3 Responsable, 12 Solidaire, 8 Innovant" in checked.stdout


def test_the_template_is_never_read_as_a_record():
    assert editor.schema_of("modeles/fiche.yml", check(ROOT)[1]) is None
    assert all(a.numero != 99 for a in load(ROOT).actions)
