"""Partners can cite and link (issue 19, §6): every fiche page gives its short link in a read-only field with
a « Copier » button hidden until the script shows it, a suggested citation made of the records only, and its
feed; every organisation page gives the short link of each fiche naming it; every page names the site's
preview image, a PNG of the size it declares. The copy itself is tested in a browser
(tests/browser/test_cite_and_share.py)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_with_site_url
from tests.golden_pages import pages
from tests.oracles import ROOT, document, norm, page, records
from tests.site.test_oracles_follow_up import date_fr

FICHES = records("actions")
IDENTITY = document("data/feuille-de-route.yml")
ORGANISATIONS = document("data/organisations.yml")


def citation(fiche: dict, address: str) -> str:
    """The test's own suggested citation: publisher, fiche, document, day of adoption, address."""
    porteur = ORGANISATIONS[IDENTITY["porteur"]]["nom"]
    adopted = IDENTITY["source"].get("date_adoption")
    when = f", adoptée le {date_fr(adopted)}" if adopted and fiche["numero"] <= IDENTITY["source"]["fiches"] else ""
    return (f"{porteur}, fiche n°{fiche['numero']} « {norm(fiche['intitule'])} », {IDENTITY['source']['document']}"
            f"{when}, {address}")


def share_block(soup: BeautifulSoup):
    heading = soup.find(id="citer-ou-partager-cette-fiche")
    assert heading is not None and norm(heading.get_text()) == "Citer ou partager cette fiche"
    return heading.find_next_sibling("div")


def copy_button(block, field) -> None:
    """The field is read-only, labelled, selectable; its button copies it and is hidden without JavaScript."""
    assert field.has_attr("readonly") and not field.has_attr("disabled")
    assert block.find("label", attrs={"for": field["id"]}) is not None
    [button] = block.select(f'button[data-lne-copier="{field["id"]}"]')
    assert button.has_attr("hidden") and norm(button.get_text(" ")).startswith("Copier")


@pytest.mark.parametrize("fiche", FICHES, ids=lambda f: f"fiche-{f['numero']}")
def test_a_fiche_gives_its_short_link_citation_and_feed(site, fiche):
    block = share_block(page(site, f"actions/{fiche['slug']}"))
    link = block.find("input", id="lien-court")
    assert link["value"] == f"/fiches/{fiche['numero']}/"  # from the server's root while site_url is unset
    assert (site / "fiches" / str(fiche["numero"]) / "index.html").exists()
    copy_button(block, link)
    text = block.find("textarea", id="citation-suggeree")
    assert norm(text.get_text()) == citation(fiche, f"/fiches/{fiche['numero']}/")
    copy_button(block, text)
    feed = block.find("a", type="application/atom+xml")
    assert feed["href"] == "modifications.atom" and (site / "actions" / fiche["slug"] / "modifications.atom").exists()
    status = block.find(attrs={"role": "status"})
    assert status is not None and status.get_text(strip=True) == ""


def test_the_citation_gives_the_day_of_adoption_the_roadmap_states():
    """The date is the file's, and the file's sentence about the adoption says the same day."""
    adopted = IDENTITY["source"]["date_adoption"]
    assert date_fr(adopted) in norm(IDENTITY["source"]["adoption"])


def test_no_date_in_a_citation_without_one_in_the_records(project, tmp_path):
    identity = project / "data" / "feuille-de-route.yml"
    identity.write_text("\n".join(line for line in identity.read_text(encoding="utf-8").splitlines()
                                  if "date_adoption" not in line) + "\n", encoding="utf-8")
    from roadmap_site import load
    from roadmap_site.views import citation as made

    roadmap = load(project)
    for action in roadmap.actions[:3]:
        text = made(roadmap, action)
        assert "adoptée" not in text and text.endswith(IDENTITY["source"]["document"])


def fiches_naming(org: str) -> list[int]:
    def named(mentions) -> bool:
        return any(isinstance(m, dict) and m.get("organisation") == org for m in mentions or [])
    return sorted(f["numero"] for f in FICHES if named(f["porteurs"]) or named(f.get("partenaires")))


@pytest.mark.parametrize("org", sorted(ORGANISATIONS))
def test_an_organisation_gives_the_short_link_of_each_of_its_fiches(site, org):
    soup = page(site, f"organisations/{org}")
    numbers = fiches_naming(org)
    heading = soup.find(id="liens-vers-ses-fiches")
    if not numbers:
        assert heading is None
        return
    block = heading.find_next_sibling("div")
    fields = block.find_all("input")
    assert [f["value"] for f in fields] == [f"/fiches/{n}/" for n in numbers]
    for field, n in zip(fields, numbers):
        copy_button(block, field)
        label = norm(block.find("label", attrs={"for": field["id"]}).get_text(" "))
        fiche = next(f for f in FICHES if f["numero"] == n)
        assert label == f"Fiche n°{n} : {norm(fiche['intitule'])}"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def preview(path: Path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {m.get("property") or m.get("name"): m.get("content") for m in soup.head.find_all("meta")}


def test_every_page_names_the_preview_image_a_png_of_its_declared_size(site):
    found = pages(site)
    assert len(found) > 100
    for name, path in found.items():
        meta = preview(path)
        image = (path.parent / meta["og:image"]).resolve()
        assert image == (site / "assets" / "images" / "apercu.png").resolve(), name
        assert png_size(image) == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
        assert meta["og:image:type"] == "image/png" and meta["twitter:card"] == "summary_large_image"
        assert meta["og:image:alt"] == "Lot Numérique Ensemble 2024-2027 — Syndicat mixte Lot Numérique"
    assert png_size(ROOT / "overrides" / "assets" / "images" / "apercu.png") == (1200, 630)


@pytest.mark.slow
def test_links_and_preview_are_absolute_once_site_url_is_set(project, tmp_path):
    site = tmp_path / "site"
    result = build_with_site_url(project, site, "https://exemple.gouv.fr/feuille/")
    assert result.returncode == 0, result.stderr
    fiche = FICHES[2]
    soup = page(site, f"actions/{fiche['slug']}")
    address = f"https://exemple.gouv.fr/feuille/fiches/{fiche['numero']}/"
    block = share_block(soup)
    assert block.find("input", id="lien-court")["value"] == address
    assert norm(block.find("textarea").get_text()) == citation(fiche, address)
    org = next(o for o in sorted(ORGANISATIONS) if fiches_naming(o))
    values = [i["value"] for i in page(site, f"organisations/{org}").select("#liens-vers-ses-fiches + div input")]
    assert values == [f"https://exemple.gouv.fr/feuille/fiches/{n}/" for n in fiches_naming(org)]
    assert preview(site / "index.html")["og:image"] == "https://exemple.gouv.fr/feuille/assets/images/apercu.png"
