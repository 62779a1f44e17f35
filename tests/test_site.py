"""The built site: strict build, pages generated from the records, French formats, nothing lost."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.formatting import etp, euros
from macros.schema_guide import fields
from tests.conftest import build, copy_project
from tests.test_records import FILES


def page(site, url) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup) -> str:
    """Visible text with every kind of space folded, as a reader perceives it."""
    raw = soup.get_text(" ")
    return re.sub(r"\s+", " ", raw.replace("\u202f", " ").replace("\u00a0", " "))


def norm(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def test_fiche_shows_amounts_and_etp_in_french_format(site):
    fiche = text(page(site, "actions/boucle-reconditionnement-solidaire").find("article"))
    assert "4 000 €" in fiche and "800 €" in fiche and "0,1 ETP" in fiche
    assert "4 800 € d'investissement ponctuel" in fiche
    fiche4 = text(page(site, "actions/coordonner-feuille-de-route-departementale").find("article"))
    assert "0,15 ETP" in fiche4 and "2 000 €" in fiche4
    assert "4000" not in fiche and "0.15" not in fiche4


def test_pages_are_in_french(site):
    for url in ("", "actions", "actions/esport-intergenerationnel", "organisations/prefecture-du-lot"):
        assert page(site, url).html["lang"] == "fr"


def test_index_lists_every_fiche_once(site, catalog):
    table = page(site, "actions").find(id="legende-toutes-les-actions-table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 22
    assert [int(r.find("td").get_text()) for r in rows] == [a.numero for a in catalog.actions]


def test_index_totals_per_axe_add_up(site, catalog):
    table = page(site, "actions").find(id="legende-totaux-table")
    counts = [int(r.find_all("td")[0].get_text()) for r in table.find("tbody").find_all("tr")]
    assert counts == [3, 12, 7]
    assert norm(table.find("tfoot").find("tr").get_text(" ")).startswith("Feuille de route 22 15 7 15")


def test_prefecture_page_lists_fiches_4_and_8_as_carrier(site):
    soup = page(site, "organisations/prefecture-du-lot")
    assert soup.find("h1").get_text() == "Préfecture du Lot"
    carrier = soup.find("h2", id="porteur").find_next("ul")
    assert [a.get_text() for a in carrier.find_all("a")] == [
        "Fiche n°4 : Coordonner la mise en œuvre de la feuille de route départementale",
        "Fiche n°8 : Former à l'inclusion numérique et outiller les aidants"]
    partner = soup.find("h2", id="partenaire").find_next("ul")
    assert [a["href"] for a in partner.find_all("a")] == [
        "../../actions/coordination-acteurs-mediation-numerique/", "../../actions/evenement-annuel-numerique/"]


def test_axe_page_has_its_introduction_and_fiches(site):
    soup = page(site, "axes/responsable")
    assert "Cet axe novateur n'existait pas dans le premier SDUSN" in text(soup)
    links = [a["href"] for a in soup.select(".lne-liste-actions a")]
    assert links == ["../../actions/partager-outils-bonnes-pratiques-numerique-responsable/",
                     "../../actions/former-mediateurs-numerique-responsable/",
                     "../../actions/boucle-reconditionnement-solidaire/"]


def test_home_key_figures_come_from_the_data(site):
    figures = text(page(site, "").select_one(".lne-chiffres"))
    assert "22 fiches action" in figures and "15 portées ou co-portées par Lot Numérique" in figures


def test_every_fiche_is_in_the_navigation(site, catalog):
    nav = page(site, "").select_one("nav.md-nav--primary")
    hrefs = {a["href"] for a in nav.find_all("a")}
    for action in catalog.actions:
        assert action.url in hrefs


def test_short_permalinks_redirect_to_the_fiche(site, catalog):
    for action in catalog.actions:
        redirect = (site / "fiches" / str(action.numero) / "index.html").read_text(encoding="utf-8")
        target = f"../../{action.url}"
        assert f'content="0; url={target}"' in redirect and 'lang="fr"' in redirect
        assert (site / "fiches" / str(action.numero) / target / "index.html").resolve().exists()


def test_edit_link_points_to_the_yaml_file(site):
    soup = page(site, "actions/boucle-reconditionnement-solidaire")
    link = soup.find("a", string="Modifier cette fiche")
    assert link["href"].endswith("/actions/03-boucle-reconditionnement-solidaire.yml")


def expected_strings(action, catalog):
    """Every leaf value of the record, as the page must show it."""
    def walk(value, key):
        if isinstance(value, dict):
            for k, v in value.items():
                if not (k == "organisation" and "texte" in value):  # the page shows the fiche's wording
                    yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        elif key == "slug":
            return
        elif key == "organisation":
            yield catalog.organisations[value].nom
        elif key == "axe":
            yield catalog.axe(value).nom
        elif key == "programme":
            yield catalog.programmes[value]["nom"]
        elif key == "base":
            yield catalog.bases[value]["nom"] if value in catalog.bases else "par structure"
        elif key == "montant":
            yield euros(value)
        elif key == "etp":
            yield etp(value)
        elif value == "non renseigné":
            yield "Non renseigné dans la fiche"
        else:
            yield str(value)

    yield from walk(action.data, None)


@pytest.mark.parametrize("name", FILES)
def test_every_value_of_the_record_is_on_its_page(name, site, catalog):
    action = next(a for a in catalog.actions if a.file == f"actions/{name}")
    shown = text(page(site, action.url.rstrip("/")).find("article"))
    missing = [v for v in expected_strings(action, catalog) if norm(v) not in shown]
    assert missing == []


def test_contributor_guide_documents_every_field(site, catalog):
    guide = text(page(site, "contribuer"))
    paths = [f.chemin for f in fields(catalog.schemas, "action")]
    assert "investissement[].montant" in paths
    assert [p for p in paths if p not in guide] == []


# No third-party resource in the built files: tests/browser/test_privacy.py (HTML, CSS and JavaScript), and
# in a real browser, every request of every page.


def test_build_stops_on_a_data_error_with_a_french_message(tmp_path):
    project = copy_project(tmp_path / "p")
    fiche = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("    montant: 4000", '    montant: "4 000 €"'),
                     encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "investissement[0].montant: attendu un nombre (ex. 4000), trouvé « 4 000 € »" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "actions").exists()


def test_yaml_text_is_shown_literally_never_run(tmp_path):
    project = copy_project(tmp_path / "p")
    fiche = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    source = fiche.read_text(encoding="utf-8")
    source = source.replace("intitule: Expérimenter une boucle de reconditionnement solidaire",
                            "intitule: \"<script>alert(1)</script> {{ 7*7 }} </title>\"")
    source = source.replace("  - PC réformés du Département", "  - \"{% raw %} <b>gras</b> {{ config }}\"")
    fiche.write_text(source, encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/actions/boucle-reconditionnement-solidaire/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h1").get_text() == "<script>alert(1)</script> {{ 7*7 }} </title>"
    assert soup.title.get_text().startswith("<script>alert(1)</script> {{ 7*7 }} </title>")
    assert "{% raw %} <b>gras</b> {{ config }}" in soup.find("article").get_text()
    assert "<script>alert(1)" not in html and "<b>gras</b>" not in html
    index = (tmp_path / "out/actions/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in index


def test_adding_and_removing_a_record_file_is_enough(tmp_path):
    project = copy_project(tmp_path / "p")
    text18 = (project / "actions/18-veille-opportunites-relai-information.yml").read_text(encoding="utf-8")
    (project / "actions/23-nouvelle-action.yml").write_text(
        text18.replace("numero: 18", "numero: 23").replace("fiche: 18", "fiche: 23")
        .replace("slug: veille-opportunites-relai-information", "slug: nouvelle-action")
        .replace("intitule: Effectuer une veille", "intitule: Nouvelle action, effectuer une veille"),
        encoding="utf-8")
    (project / "actions/21-reseau-departemental-tiers-lieux.yml").unlink()
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert (out / "actions/nouvelle-action/index.html").exists()
    assert not (out / "actions/reseau-departemental-tiers-lieux").exists()
    soup = page(out, "actions")
    rows = soup.find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")
    assert [int(r.find("td").get_text()) for r in rows] == list(range(1, 21)) + [22, 23]
    nav = {a["href"] for a in soup.select("nav.md-nav--primary a")}
    assert "../actions/nouvelle-action/" in nav or "nouvelle-action/" in nav
    assert (out / "fiches/23/index.html").exists()
