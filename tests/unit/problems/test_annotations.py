"""In GitHub Actions (GITHUB_ACTIONS=true), `make check` also prints each problem as a workflow command
(`::error file=…,line=…,title=…::message`), which GitHub shows on that line of the pull request. Read back
here as the runner reads them (actions/runner's ActionCommand: properties split on `,` and the first `=`,
then unescaped), every problem comes back whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from roadmap_site.problems import Problem
from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "exemple"


def _unescape(text: str, property_value: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property_value else [])
    for escaped, char in pairs + [("%25", "%")]:
        text = text.replace(escaped, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command line, as the runner parses it: (command, properties, message)."""
    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    command, _, listed = head.partition(" ")
    properties = {}
    for pair in filter(None, listed.split(",")):
        name, value = pair.split("=", 1)
        properties[name] = _unescape(value, True)
    return command, properties, _unescape(message, False)


@pytest.mark.parametrize("problem", [
    Problem("actions/03-boucle.yml", 12, "investissement[0].montant", "« 4.000 » : écrivez 4000"),
    Problem("data/adresses-publiees.txt", None, "", "la ligne « /a/ » a été retirée : remettez-la"),
    Problem("budget/a,b:c.yml", 3, "postes[1].fiche", "100 % : voir\r\nla ligne suivante, et « %0A »"),
    Problem("suivi/x.yml", 1, "statuts[0].date, note: x", "::error file=autre.yml::injection"),
])
def test_every_problem_reads_back_whole(problem):
    line = problem.annotation()
    assert "\n" not in line and "\r" not in line
    command, properties, message = parse(line)
    assert command == "error" and message == problem.message and properties["file"] == problem.file
    assert properties.get("line") == (str(problem.line) if problem.line is not None else None)
    assert properties.get("title") == (problem.field or None)
    assert set(properties) <= {"file", "line", "title"}


def check(project, **env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"} | env
    return subprocess.run([sys.executable, "-m", "roadmap_site", "check", str(project)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_check_annotates_each_problem_only_in_github_actions(tmp_path):
    project = tmp_path / "exemple"
    shutil.copytree(EXAMPLE, project)
    fiche = project / "actions/02-lieux-accueil-exemple.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("etp: 0.2", "etp: beaucoup")
                     .replace("axe:", "axe: inconnu\nancien_axe:", 1), encoding="utf-8")
    quiet = check(project)
    assert quiet.returncode == 1 and quiet.stdout == ""
    reported = quiet.stderr.splitlines()[:-1]  # the last line counts them
    assert len(reported) >= 2
    annotated = check(project, GITHUB_ACTIONS="true")
    assert annotated.returncode == 1 and annotated.stderr == quiet.stderr
    lines = annotated.stdout.splitlines()
    assert len(lines) == len(reported)
    for line, text in zip(lines, reported):
        command, properties, message = parse(line)
        where = properties["file"] + (f":{properties['line']}" if "line" in properties else "")
        assert command == "error" and text == ": ".join([where] + ([properties["title"]] if "title" in properties
                                                                   else []) + [message])
