"""Links that never break: every internal link and anchor resolves, and every published address lives on."""

from __future__ import annotations

import posixpath
import subprocess
import sys
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from roadmap_site import addresses as engine_addresses
from tests import built_addresses as adresses
from tests.conftest import build, copy_project

SKIPPED_SCHEMES = ("http", "https", "mailto", "tel", "javascript", "data")


def _target(site, page_dir: str, url: str):
    """File a relative URL of a page points to, and its fragment."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(page_dir, path)) if path else page_dir
    candidate = site / resolved.lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, parts.fragment


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict = {}
    broken = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        page_dir = html.parent.relative_to(site).as_posix()
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlsplit(url).scheme in SKIPPED_SCHEMES or url.startswith("//"):
                continue
            target, fragment = _target(site, page_dir, url)
            if not urlsplit(url).path:  # "#anchor": this very file (404.html is not its folder's index)
                target = html
            if not target.exists():
                broken.append(f"{html.relative_to(site)}: {url} (introuvable)")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    target_soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    ids[target] = {t.get("id") for t in target_soup.find_all(id=True)} | {
                        t.get("name") for t in target_soup.find_all(attrs={"name": True})}
                if unquote(fragment) not in ids[target]:
                    broken.append(f"{html.relative_to(site)}: {url} (ancre absente)")
    assert broken == []


def test_every_published_address_still_resolves(site):
    assert adresses.broken(site) == []


def test_the_engine_knows_every_address_the_site_serves(site, roadmap):
    """The check stage computes the addresses without building: they are exactly those of a build."""
    assert engine_addresses.served(roadmap) == set(adresses.served(site))


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True, text=True)


@pytest.mark.slow
def test_renaming_a_slug_needs_a_redirection_and_check_and_build_say_so(tmp_path):
    project = copy_project(tmp_path / "p")
    old = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    new = project / "actions/03-reconditionnement-solidaire.yml"
    new.write_text(old.read_text(encoding="utf-8").replace("slug: boucle-reconditionnement-solidaire",
                                                             "slug: reconditionnement-solidaire"), encoding="utf-8")
    old.unlink()
    listed = (project / "data/adresses-publiees.txt").read_text(encoding="utf-8").splitlines()
    line = listed.index("/actions/boucle-reconditionnement-solidaire/") + 1
    expected = (f"data/adresses-publiees.txt:{line}: l'adresse publiée "
                "« /actions/boucle-reconditionnement-solidaire/ » "
                "disparaîtrait du site : ajoutez dans data/redirections.yml la ligne "
                "« actions/boucle-reconditionnement-"
                "solidaire/: actions/reconditionnement-solidaire/ » ; ne retirez jamais une ligne de cette liste")
    checked = check(project)
    assert checked.returncode == 1 and expected in checked.stderr.splitlines()
    built = build(project, tmp_path / "sans-redirection")
    assert built.returncode != 0 and expected in built.stderr.splitlines()

    # The comment of data/redirections.yml, followed literally: one line added below it.
    redirections = project / "data/redirections.yml"
    redirections.write_text(redirections.read_text(encoding="utf-8")
                            + "actions/boucle-reconditionnement-solidaire/: actions/reconditionnement-solidaire/\n",
                            encoding="utf-8")
    checked = check(project)
    assert checked.returncode == 0, checked.stderr
    assert ("Nouvelles adresses (elles seront ajoutées à data/adresses-publiees.txt à la publication) : "
            "/actions/reconditionnement-solidaire/") in checked.stdout
    out = tmp_path / "avec-redirection"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert adresses.broken(out) == []
    stub = (out / "actions/boucle-reconditionnement-solidaire/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../reconditionnement-solidaire/"' in stub  # actions/boucle…/ → actions/reconditionnement…/
    assert (out / "actions/reconditionnement-solidaire/index.html").exists()


def test_new_addresses_are_recorded_by_the_engine(project):
    (project / "actions/03-boucle-reconditionnement-solidaire.yml").rename(project / "actions/03-x.yml")
    fiche = project / "actions/03-x.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("slug: boucle-reconditionnement-solidaire", "slug: x"),
                     encoding="utf-8")
    with (project / "data/redirections.yml").open("a", encoding="utf-8") as out:
        out.write("actions/boucle-reconditionnement-solidaire/: actions/x/\n")
    before = (project / "data/adresses-publiees.txt").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "adresses"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "data/adresses-publiees.txt").read_text(encoding="utf-8") == before + (
        "/actions/x/\n/actions/x/fiche.json\n/actions/x/modifications.atom\n")  # the page and the files beside it
    assert "Nouvelles adresses" not in check(project).stdout


@pytest.mark.slow
def test_a_redirection_to_nowhere_stops_check_and_build(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "data/redirections.yml").write_text("actions/ancienne/: actions/inexistante/\n", encoding="utf-8")
    expected = ("data/redirections.yml:1: actions/ancienne/: la page de destination « actions/inexistante/ » "
                "n'existe pas")
    assert expected in check(project).stderr.splitlines()
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr.splitlines()
