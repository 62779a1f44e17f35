"""The publication check (roadmap_site/publication.py, `python -m roadmap_site check --publication`): a complete
configuration in a full clone passes; each missing item of the legal notice, the accessibility contact,
site_url, the confirmed repository or the git history is refused with its own French line; and the edit
links follow the same confirmation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from roadmap_site import publication, read
from tests.conftest import ROOT, build, copy_project
from tests.gitrepo import Repo

REAL = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
# Invented for the test only (documentation addresses and numbers), never a real publisher's.
VALUES = {
    "site_url": "https://feuille-de-route.exemple.invalid/",
    "extra.editeur.adresse": "1 place de l'Exemple, 00000 Exemple",
    "extra.editeur.telephone": "00 00 00 00 00",
    "extra.editeur.courriel": "contact@exemple.invalid",
    "extra.editeur.directeur_publication": "Mme Exemple, présidente",
    "extra.editeur.hebergeur.nom": "Hébergeur exemple",
    "extra.editeur.hebergeur.adresse": "2 rue du Serveur, 00000 Exemple",
    "extra.editeur.hebergeur.telephone": "00 00 00 00 01",
    "extra.depot.adresse": "https://forge.exemple.invalid/syndicat/site",
    "extra.depot.modifier": "https://forge.exemple.invalid/syndicat/site/edit/main/",
}
REQUIRED = [key for key, _, _ in publication.REQUIRED]
# Tags MkDocs and its plugins understand, which the check must read past (an emoji index, an environment variable).
TAGS = ("  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "copyright_env: !ENV [COPYRIGHT, 'texte']\n")


def key_line(text: str, key: str) -> int | None:
    """Line (1-based) of a dotted key in a YAML text, found by indentation, or None."""
    path: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"( *)([\w-]+):", line)
        if not match:
            continue
        indent = len(match[1])
        path = [p for p in path if p[0] < indent] + [(indent, match[2])]
        if ".".join(name for _, name in path) == key:
            return number
    return None


def with_value(text: str, key: str, value: str | None) -> str:
    """The text with `key` set to the YAML `value`, or its line removed when `value` is None."""
    number = key_line(text, key)
    if number is None:  # site_url: commented out in the real file
        assert value is not None and "." not in key
        return f"{key}: {value}\n{text}"
    lines = text.splitlines(keepends=True)
    if value is None:
        del lines[number - 1]
    else:
        lines[number - 1] = re.sub(r":.*", lambda _: f": {value}", lines[number - 1], count=1)
    return "".join(lines)


def complete(text: str = REAL) -> str:
    for key, value in VALUES.items():
        text = with_value(text, key, f'"{value}"')
    return with_value(text, publication.CONFIRMED, "true") + TAGS


def full_clone(tmp_path: Path, config: str, shallow: bool = False) -> Path:
    """A repository holding `config` as its mkdocs.yml over two commits, cloned whole or with --depth 1."""
    origin = Repo(tmp_path / "origine")
    origin.write("mkdocs.yml", config)
    origin.commit("Première version", "2025-01-01T10:00:00+01:00")
    origin.write("actions/1.yml", "numero: 1\n")
    origin.commit("Deuxième version", "2025-02-01T10:00:00+01:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", *(["--depth", "1"] if shallow else []), f"file://{origin.path}",
                    str(clone)], check=True, capture_output=True)
    return clone


def fields(problems) -> list[str]:
    return [p.field for p in problems]


def test_a_complete_configuration_in_a_full_clone_passes(tmp_path):
    assert publication.problems(full_clone(tmp_path, complete())) == []


@pytest.mark.parametrize("key", REQUIRED)
@pytest.mark.parametrize("missing", ['""', "~", '"   "', None, "!ENV UNE_VARIABLE"], ids=["vide", "null", "espaces",
                                                                                      "absente", "balise"])
def test_each_missing_setting_is_refused_on_its_own_line(tmp_path, key, missing):
    config = with_value(complete(), key, missing)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    problems = publication._settings_problems(tmp_path)
    assert fields(problems) == [key]
    problem = problems[0]
    parent = key.rsplit(".", 1)[0] if "." in key else None
    expected_line = key_line(config, key) or (key_line(config, parent) if parent else None)
    assert problem.line == expected_line
    assert str(problem).startswith(f"mkdocs.yml{f':{expected_line}' if expected_line else ''}: {key}: à renseigner")
    assert "ne l'inventez jamais" in problem.message and "(Syndicat mixte Lot Numérique)" in problem.message
    assert VALUES[key] not in str(problem)


@pytest.mark.parametrize("confirmed", ["false", '"true"', "oui", "~", None])
def test_a_repository_not_confirmed_is_refused(tmp_path, confirmed):
    config = with_value(complete(), publication.CONFIRMED, confirmed)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    [problem] = publication._settings_problems(tmp_path)
    assert problem.field == "extra.depot.confirme" and "écrivez « confirme: true »" in problem.message
    assert problem.line == key_line(config, publication.CONFIRMED) or key_line(config, "extra.depot")


def test_every_missing_setting_is_listed_at_once(tmp_path):
    config = complete()
    for key in REQUIRED:
        config = with_value(config, key, '""')
    (tmp_path / "mkdocs.yml").write_text(with_value(config, publication.CONFIRMED, "false"), encoding="utf-8")
    assert fields(publication._settings_problems(tmp_path)) == REQUIRED + [publication.CONFIRMED]


def dig(settings, key: str):
    for part in key.split("."):
        settings = settings.get(part) if isinstance(settings, dict) else None
    return settings


def test_the_real_configuration_is_refused_for_exactly_its_empty_settings():
    """Read independently (every value a string): each required setting of the real mkdocs.yml that is
    empty, no more, no less; and the repository unless confirmed."""
    settings = yaml.load(REAL, Loader=yaml.BaseLoader)
    empty = [key for key in REQUIRED if str(dig(settings, key) or "").strip() in ("", "~", "null")]
    confirmed = dig(settings, publication.CONFIRMED) == "true"
    assert fields(publication._settings_problems(ROOT)) == empty + ([] if confirmed else [publication.CONFIRMED])


def test_a_shallow_clone_is_refused_and_told_how_to_fetch_the_history(tmp_path):
    clone = full_clone(tmp_path, complete(), shallow=True)
    assert publication.history_state(clone) == "shallow"
    [problem] = publication.problems(clone)
    assert "clone superficiel" in str(problem) and "fetch-depth: 0" in str(problem) and "--unshallow" in str(problem)


def test_outside_a_repository_or_without_git_it_is_refused(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(complete(), encoding="utf-8")
    assert [str(p) for p in publication.problems(tmp_path)] == [
        "historique git: " + publication.GIT_PROBLEMS["not_repo"]]
    monkeypatch.setattr(publication.shutil, "which", lambda name: None)
    assert [str(p) for p in publication.problems(tmp_path)] == ["historique git: " + publication.GIT_PROBLEMS["no_git"]]


def _raise_timeout(*args, **kwargs):
    raise subprocess.TimeoutExpired("git", 60)


@pytest.mark.parametrize("returncode, stdout, stderr, state", [
    (0, b"true\nfalse\n", b"", None),
    (0, b"true\ntrue\n", b"", "shallow"),
    (0, b"false\nfalse\n", b"", "not_repo"),  # inside .git/
    (128, b"", b"fatal: not a git repository (or any of the parent directories): .git", "not_repo"),
    (128, b"", b"fatal: detected dubious ownership in repository at '/srv/site'", "unsafe"),
    (0, b"true\n--is-shallow-repository\n", b"", "git_error"),  # a git too old to answer
    (0, b"", b"", "not_repo"),
    (None, b"", b"", "timeout"),  # git does not answer in time
])
def test_each_answer_of_git_gives_its_verdict(monkeypatch, tmp_path, returncode, stdout, stderr, state):
    def run(root, *args, **kwargs):
        assert (root, args) == (tmp_path, ("rev-parse", "--is-inside-work-tree", "--is-shallow-repository"))
        return subprocess.CompletedProcess(["git", *args], returncode, stdout, stderr)

    monkeypatch.setattr(publication, "run_git", run if returncode is not None else _raise_timeout)
    assert publication.history_state(tmp_path) == state
    if state is not None:
        assert publication._history_problems(tmp_path)[0].message == publication.GIT_PROBLEMS[state]


def test_of_duplicate_keys_the_last_counts_as_for_mkdocs(tmp_path):
    config = complete()
    line = key_line(config, "extra.editeur.telephone")
    lines = config.splitlines(keepends=True)
    empty = ['    telephone: ""\n']
    (tmp_path / "mkdocs.yml").write_text("".join(lines[:line] + empty + lines[line:]), encoding="utf-8")
    [problem] = publication._settings_problems(tmp_path)
    assert (problem.field, problem.line) == ("extra.editeur.telephone", line + 1)
    (tmp_path / "mkdocs.yml").write_text("".join(lines[:line - 1] + empty + lines[line - 1:]), encoding="utf-8")
    assert publication._settings_problems(tmp_path) == []


def test_mkdocs_yml_is_read_as_mkdocs_reads_it_not_as_a_data_file(tmp_path):
    """YAML 1.1, as MkDocs (and so the edit links) reads it: `confirme: yes` is true; the data files'
    reader would refuse the word, and the tags of the file too."""
    config = with_value(complete(), publication.CONFIRMED, "yes")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert publication._settings_problems(tmp_path) == []
    assert yaml.load(config, Loader=mkdocs_loader())["extra"]["depot"]["confirme"] is True
    _, refusals = read.parse(config, "mkdocs.yml")
    assert any("« yes » est lu comme oui/non" in p.message for p in refusals)
    assert any("étiquette YAML" in p.message for p in refusals)


def mkdocs_loader():
    from mkdocs.utils.yaml import get_yaml_loader

    return get_yaml_loader()


def test_an_unreadable_or_missing_configuration_is_refused(tmp_path):
    assert [p.message for p in publication._settings_problems(tmp_path)] == [
        "fichier introuvable : lancez la commande à la racine du projet"]
    (tmp_path / "mkdocs.yml").write_text("site_name: Exemple\nextra: [\n", encoding="utf-8")
    [problem] = publication._settings_problems(tmp_path)
    assert problem.file == "mkdocs.yml" and problem.line == 3 and "illisible" in problem.message


@pytest.mark.parametrize("depot, confirmed", [
    ({"confirme": True, "modifier": "https://forge/edit/main/"}, True),
    ({"confirme": False, "modifier": "https://forge/edit/main/"}, False),
    ({"confirme": "true", "modifier": "https://forge/edit/main/"}, False),
    ({"modifier": "https://forge/edit/main/"}, False),
    ({"confirme": True, "modifier": ""}, False),
    ({"confirme": True}, False),
    (None, False),
])
def test_repository_confirmed(depot, confirmed):
    assert publication.repository_confirmed(depot) is confirmed


# --- The command, on a copy of the project in a git repository. -------------------------------------------

def _command(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "roadmap_site", "check", "--publication"], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_the_command_refuses_then_accepts_once_everything_is_set(tmp_path):
    project = copy_project(tmp_path / "projet")
    repo = Repo(project)
    repo.commit("Copie du projet", "2025-03-01T10:00:00+01:00")

    refused = _command(project)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stdout.startswith("Données valides.")  # the normal check ran first
    lines = refused.stderr.splitlines()
    assert lines[-1].startswith("Mise en ligne refusée : ")
    assert [line.split(": ")[1] for line in lines[:-1]] == fields(publication.problems(project))

    (project / "mkdocs.yml").write_text(complete((project / "mkdocs.yml").read_text(encoding="utf-8")),
                                        encoding="utf-8")
    accepted = _command(project)
    assert accepted.returncode == 0, accepted.stderr
    assert "Prêt pour la mise en ligne" in accepted.stdout and accepted.stderr == ""


# --- Edit links: only to a confirmed repository. ----------------------------------------------------------

def edit_links(site: Path, url: str) -> list[str]:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.find_all("a", href=True) if "/edit/" in a["href"]]


def test_the_real_site_has_edit_links_only_if_its_repository_is_confirmed(site):
    confirmed = dig(yaml.load(REAL, Loader=yaml.BaseLoader), publication.CONFIRMED) == "true"
    pages = [path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")]
    with_links = [url for url in pages if edit_links(site, url)]
    assert len(pages) > 100 and (len(with_links) > 100 if confirmed else with_links == [])


@pytest.mark.slow
def test_a_confirmed_repository_gives_each_page_one_edit_link_to_its_source(tmp_path, roadmap):
    """Generated pages edit their record; hand-written pages edit their Markdown file."""
    project = copy_project(tmp_path / "projet")
    config = project / "mkdocs.yml"
    config.write_text(with_value(config.read_text(encoding="utf-8"), publication.CONFIRMED, "true"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    modifier = yaml.load(REAL, Loader=yaml.BaseLoader)["extra"]["depot"]["modifier"]
    for action in roadmap.actions:
        assert edit_links(site, action.url) == [modifier + action.file]
    assert edit_links(site, "actions") == [modifier + "docs/actions/index.md"]
    assert [len(edit_links(site, url)) for url in ("", "organisations/cpam", "diagnostic/epci/cauvaldor")] == [1, 1, 1]
