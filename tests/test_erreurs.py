"""The corpus of staff mistakes (tests/erreurs/): one small file per mistake, each with the exact messages
`make check` must print. Every case is applied to a copy of the real data and checked by the engine; none
may pass silently, and none may end in anything but French `file:line: field: message` lines.

A case file holds:
  description   what the staff member did, and what went wrong before
  modifier      the changes, in order, each one of:
                  {fichier, remplacer, par}   replace a text (it must be there)
                  {fichier, ajouter}          add text at the end of the file
                  {creer, contenu} or {creer, copie_de}   a new file
                  {supprimer} · {renommer, vers} · {dossier} · {lien, vers} (a symbolic link)
                  {fichier, encodage}          save the file in another encoding
  lignes        named line numbers: {nom: [fichier, texte]} → the line of `texte` in `fichier`
  attendu       the messages; {fichier} is the first changed file, {ligne} the line where the first `par`
                starts ({ligne+1}…), and every name of `lignes`
  construire    true: `make build` must fail with the same messages (make check and build agree)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from roadmap_site import WATCHED, load
from roadmap_site.problems import DataErrors
from tests.conftest import ROOT, build, copy_project

CORPUS = Path(__file__).parent / "erreurs"
CASES = sorted(CORPUS.glob("*.yml"))
DATA_PARTS = WATCHED  # every folder the engine reads


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _line(project: Path, name: str, text: str) -> int:
    content = (project / name).read_text(encoding="utf-8")
    assert text in content, f"{text!r} absent de {name}"
    return content[: content.index(text)].count("\n") + 1


def apply(case: dict, project: Path) -> dict[str, str | int]:
    """Make the case's changes in `project`; return the values of its placeholders."""
    values: dict[str, str | int] = {}
    for change in case["modifier"]:
        name = change.get("fichier") or change.get("creer") or change.get("supprimer") or change.get(
            "renommer") or change.get("dossier") or change.get("lien")
        values.setdefault("fichier", name)
        path = project / name
        if "remplacer" in change:
            text = path.read_text(encoding="utf-8")
            assert change["remplacer"] in text, f"{change['remplacer']!r} absent de {name}"
            start = text.index(change["remplacer"])
            path.write_text(text.replace(change["remplacer"], change["par"], 1), encoding="utf-8")
            values.setdefault("ligne", text[:start].count("\n") + 1)
        elif "ajouter" in change:
            with path.open("a", encoding="utf-8") as out:
                out.write(change["ajouter"])
        elif "creer" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            content = change["contenu"] if "contenu" in change else (project / change["copie_de"]).read_text(
                encoding="utf-8")
            path.write_text(content, encoding="utf-8")
        elif "supprimer" in change:
            path.unlink()
        elif "renommer" in change:
            path.rename(project / change["vers"])
        elif "dossier" in change:
            path.mkdir(parents=True)
        elif "lien" in change:
            os.symlink(change["vers"], path)
        elif "encodage" in change:
            path.write_bytes(path.read_text(encoding="utf-8").encode(change["encodage"]))
        else:
            raise AssertionError(f"modification inconnue : {change}")
    for key, (name, text) in (case.get("lignes") or {}).items():
        values[key] = _line(project, name, text)
    return values


def expected(case: dict, values: dict) -> list[str]:
    def fill(match: re.Match) -> str:
        name, offset = match.group(1), match.group(2)
        value = values[name]
        return str(value + int(offset)) if offset else str(value)
    return [re.sub(r"\{(\w+)([+-]\d+)?\}", fill, message) for message in case["attendu"]]


def data_copy(dest: Path) -> Path:
    for part in DATA_PARTS:
        shutil.copytree(ROOT / part, dest / part)
    return dest


def test_the_corpus_is_large_and_well_formed():
    assert len(CASES) >= 40
    for path in CASES:
        case = read_case(path)
        assert re.fullmatch(r"\d{2}-[a-z0-9-]+\.yml", path.name), path.name
        assert set(case) <= {"description", "modifier", "lignes", "attendu", "construire"}, path.name
        assert case["description"] and case["modifier"] and case["attendu"], path.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_mistake_gets_its_french_message(path, tmp_path):
    case = read_case(path)
    project = data_copy(tmp_path / "p")
    values = apply(case, project)
    with pytest.raises(DataErrors) as caught:
        load(project)
    assert sorted(str(p) for p in caught.value.problems) == sorted(expected(case, values))


BUILT = [p for p in CASES if read_case(p).get("construire")]


@pytest.mark.slow
@pytest.mark.parametrize("path", BUILT, ids=[p.stem for p in BUILT])
def test_check_and_build_give_the_same_messages(path, tmp_path):
    case = read_case(path)
    project = copy_project(tmp_path / "p")
    values = apply(case, project)
    messages = expected(case, values)
    checked = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True,
                             text=True)
    built = build(project, tmp_path / "site")
    assert checked.returncode == 1 and built.returncode != 0
    count = f"{len(messages)} erreur{'s' if len(messages) > 1 else ''} dans "
    assert checked.stderr.splitlines()[:-1] == sorted(messages, key=checked.stderr.index)
    assert checked.stderr.splitlines()[-1].startswith(count)
    for message in messages:
        assert message in built.stderr.splitlines()
    assert "Traceback" not in checked.stderr + built.stderr
