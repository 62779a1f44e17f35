"""The command line of the engine (`python -m roadmap_site`): every command and its arguments reach the right
function, and whatever else is typed is refused in French (exit code 2), followed by the list of commands
and options, never with a traceback nor argparse's English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import roadmap_site.__main__ as cli
from tests.conftest import ROOT

# argparse's own words, which must never reach staff.
ENGLISH = ("usage:", "error:", "unrecognized", "invalid choice", "required", "expected", "ignored explicit",
           "positional arguments", "show this help")


@pytest.fixture
def calls(monkeypatch) -> list[tuple]:
    """The command functions, replaced by a recorder of their arguments."""
    seen: list[tuple] = []
    for name in ("check", "record_addresses", "schemas", "new_fiche_from_environment", "compress"):
        monkeypatch.setattr(cli, name, lambda *args, name=name: seen.append((name, *args)) or 0)
    return seen


@pytest.mark.parametrize("argv, call", [
    (["check"], ("check", Path("."), False)),
    (["check", "actions-copie"], ("check", Path("actions-copie"), False)),
    (["check", "--publication"], ("check", Path("."), True)),
    (["check", "--publication", "copie"], ("check", Path("copie"), True)),
    (["check", "copie", "--publication"], ("check", Path("copie"), True)),
    (["check", "--", "--dossier-bizarre"], ("check", Path("--dossier-bizarre"), False)),
    (["adresses"], ("record_addresses", Path("."))),
    (["adresses", "copie"], ("record_addresses", Path("copie"))),
    (["schemas"], ("schemas", Path("."))),
    (["schemas", "copie"], ("schemas", Path("copie"))),
    (["nouvelle-fiche"], ("new_fiche_from_environment",)),
    (["compresser", "site"], ("compress", Path("site"))),
])
def test_each_command_reaches_its_function(calls, argv, call):
    assert cli.main(argv) == 0
    assert calls == [call]


@pytest.mark.parametrize("argv, said", [
    ([], "indiquez une commande"),
    (["--verbose"], "option ou argument inconnu : --verbose"),
    (["--verbose", "check"], "option ou argument inconnu : --verbose"),
    (["chek"], "commande inconnue : « chek »"),
    (["Check"], "commande inconnue : « Check »"),
    (["check", "--publications"], "option ou argument inconnu : --publications"),
    (["check", "--pub"], "option ou argument inconnu : --pub"),  # no abbreviation
    (["check", "-p"], "option ou argument inconnu : -p"),
    (["check", "un", "deux"], "option ou argument inconnu : deux"),
    (["check", "--publication=oui"], "--publication ne prend pas de valeur (reçu : « oui »)"),
    (["adresses", "--publication"], "option ou argument inconnu : --publication"),
    (["schemas", "--publication"], "option ou argument inconnu : --publication"),
    (["nouvelle-fiche", "Titre"], "option ou argument inconnu : Titre"),
    (["compresser"], "il manque : site"),
    (["compresser", "site", "autre"], "option ou argument inconnu : autre"),
    (["ch\x1bk"], "commande inconnue : « chU+001Bk »"),
    (["check", "--\x1b"], "option ou argument inconnu : --U+001B"),
])
def test_anything_else_is_refused_in_french_with_the_list_of_commands(calls, capsys, argv, said):
    assert cli.main(argv) == 2
    assert calls == []
    out, err = capsys.readouterr()
    first = err.splitlines()[0]
    assert out == "" and first.startswith("python -m roadmap_site") and first.endswith(f" : {said}")
    assert err.endswith(cli.USAGE)
    for command in ("check [dossier]", "check --publication", "adresses", "schemas", "nouvelle-fiche",
                    "compresser site", "--aide"):
        assert command in err
    assert not any(word in err.lower() for word in ENGLISH) and "\x1b" not in err


@pytest.mark.parametrize("argv", [["-h"], ["--aide"], ["check", "--aide"], ["compresser", "-h"]])
def test_the_help_is_the_list_of_commands(calls, capsys, argv):
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == cli.USAGE and calls == []


def test_a_refused_command_line_ends_without_traceback():
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "check", "--publication", "--inconnue"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("python -m roadmap_site : option ou argument inconnu : --inconnue\n")
    assert "Traceback" not in result.stderr and "--publication" in result.stderr


def test_a_reader_that_stops_early_gets_no_traceback():
    """`make check | head`: the reader has gone before the command writes; it ends quietly, code 1."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=ROOT, stdout=write,
                                stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
