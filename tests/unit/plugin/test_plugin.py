"""The MkDocs plugin (roadmap_site/plugin.py) owns each build's state: under `mkdocs serve` MkDocs keeps one
plugin object for every rebuild, and a rebuild never sees a value of the build before it."""

from __future__ import annotations

import os

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from roadmap_site.plugin import RoadmapPlugin
from tests.oracles import page
from tests.site.test_example_roadmap import copy_example

pytestmark = pytest.mark.slow
FICHE = "actions/01-former-aidants-exemple.yml"


@pytest.fixture
def example(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_example(tmp_path / "exemple")


def _build(project, site) -> RoadmapPlugin:
    """One build in this process, as `mkdocs serve` makes each of its rebuilds; the plugin that made it."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["roadmap-site"]
    plugin.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        plugin.on_startup(command="build", dirty=False)  # the plugin object outlives this test
    return plugin


def _retitle(project, title: str) -> None:
    path = project / FICHE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("intitule: Former les aidants du département exemple", f"intitule: {title}"),
                    encoding="utf-8")


def test_a_rebuild_by_the_same_plugin_shows_the_changed_data(example, tmp_path):
    first = _build(example, tmp_path / "un")
    first_build = first.build
    _retitle(example, "Former les médiateurs du département exemple")
    second = _build(example, tmp_path / "deux")
    assert second is first and second.build is not first_build  # one plugin object, one state per build
    for site in (tmp_path / "un", tmp_path / "deux"):
        assert (site / "actions" / "former-aidants-exemple" / "index.html").exists()
    before = page(tmp_path / "un", "actions").get_text(" ")
    after = page(tmp_path / "deux", "actions").get_text(" ")  # a macro (tableau_actions) and a generated page
    fiche = page(tmp_path / "deux", "actions/former-aidants-exemple").get_text(" ")
    assert "Former les aidants du département exemple" in before
    assert "Former les médiateurs du département exemple" in after and "Former les aidants du département" not in after
    assert "Former les médiateurs du département exemple" in fiche
    home = page(tmp_path / "deux", "")  # no preview image of its own (no overrides/), none named
    assert home.select_one('meta[property="og:image"]') is None
    assert home.select_one('meta[name="twitter:card"]')["content"] == "summary"
    data = (tmp_path / "deux" / "donnees" / "actions.csv").read_text(encoding="utf-8")  # the open data too
    assert "Former les médiateurs du département exemple" in data and "Former les aidants du département" not in data


def test_a_rebuild_with_data_errors_keeps_the_last_good_roadmap_then_forgets_the_errors(example, tmp_path):
    _build(example, tmp_path / "un")
    path = example / FICHE
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("numero: 1\n", "numero: un\n"), encoding="utf-8")
    plugin = _build(example, tmp_path / "deux")
    assert plugin.build.errors is not None
    shown = page(tmp_path / "deux", "actions")
    assert shown.select_one(".lne-erreurs") and "Former les aidants du département exemple" in shown.get_text(" ")
    path.write_text(good, encoding="utf-8")
    _retitle(example, "Former les médiateurs du département exemple")
    plugin = _build(example, tmp_path / "trois")
    assert plugin.build.errors is None
    fixed = page(tmp_path / "trois", "actions")
    assert fixed.select_one(".lne-erreurs") is None
    assert "Former les médiateurs du département exemple" in fixed.get_text(" ")


def test_a_build_with_data_errors_fails_outside_the_preview(example, tmp_path, caplog):
    _build(example, tmp_path / "un")  # a last good roadmap exists, but `mkdocs build` never shows it
    path = example / FICHE
    path.write_text(path.read_text(encoding="utf-8").replace("numero: 1\n", "numero: un\n"), encoding="utf-8")
    config = load_config(str(example / "mkdocs.yml"), site_dir=str(tmp_path / "deux"))
    with pytest.raises(Abort):
        build(config)
    assert "le site n'a pas été construit" in caplog.text
    assert not os.path.exists(tmp_path / "deux" / "index.html")
