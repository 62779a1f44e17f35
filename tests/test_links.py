"""Links that never break: every internal link and anchor resolves, and every published address lives on."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from scripts import adresses
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


def test_every_address_of_the_site_is_published(site):
    assert adresses.unlisted(site) == []


def test_renaming_a_slug_with_a_redirection_keeps_the_old_address(tmp_path):
    project = copy_project(tmp_path / "p")
    old = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    new = project / "actions/03-reconditionnement-solidaire.yml"
    new.write_text(old.read_text(encoding="utf-8").replace("slug: boucle-reconditionnement-solidaire",
                                                             "slug: reconditionnement-solidaire"), encoding="utf-8")
    old.unlink()
    out = tmp_path / "sans-redirection"
    assert build(project, out).returncode == 0
    [message] = adresses.broken(out)
    assert message.startswith("« /actions/boucle-reconditionnement-solidaire/ » était publiée et n'existe plus")
    assert "data/redirections.yml" in message

    (project / "data/redirections.yml").write_text(
        "actions/boucle-reconditionnement-solidaire/: actions/reconditionnement-solidaire/\n", encoding="utf-8")
    out = tmp_path / "avec-redirection"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert adresses.broken(out) == []
    stub = (out / "actions/boucle-reconditionnement-solidaire/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../reconditionnement-solidaire/"' in stub  # actions/boucle…/ → actions/reconditionnement…/
    assert (out / "actions/reconditionnement-solidaire/index.html").exists()
    assert "nouvelle adresse « /actions/reconditionnement-solidaire/ » (page)" in adresses.unlisted(out)[0]


def test_a_redirection_to_nowhere_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "data/redirections.yml").write_text("actions/ancienne/: actions/inexistante/\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/redirections.yml:1: actions/ancienne/: la page de destination « actions/inexistante/ » n'existe pas" in result.stderr
