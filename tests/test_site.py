"""The built site: strict build, pages generated from the records, French formats, nothing lost."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build, copy_project
from tests.oracles import ROOT, document, etp, euros
from tests.test_records import FILES


def page(site, url) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup) -> str:
    """Visible text with every kind of space folded, as a reader perceives it."""
    raw = soup.get_text(" ")
    return re.sub(r"\s+", " ", raw.replace("\u202f", " ").replace("\u00a0", " "))


def norm(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def test_pages_are_in_french(site):
    for url in ("", "actions", "actions/esport-intergenerationnel", "organisations/prefecture-du-lot"):
        assert page(site, url).html["lang"] == "fr"


def test_index_lists_every_fiche_once(site, roadmap):
    table = page(site, "actions").find(id="legende-toutes-les-actions-table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 22
    assert [int(r.find("td").get_text()) for r in rows] == [a.numero for a in roadmap.actions]


def test_index_totals_per_axe_add_up(site, roadmap):
    table = page(site, "actions").find(id="legende-totaux-table")
    counts = [int(r.find_all("td")[0].get_text()) for r in table.find("tbody").find_all("tr")]
    assert counts == [3, 12, 7]
    assert norm(table.find("tfoot").find("tr").get_text(" ")).startswith("Feuille de route 22 15 7 15")


def test_prefecture_page_lists_fiches_4_and_8_as_carrier(site):
    soup = page(site, "organisations/prefecture-du-lot")
    assert soup.find("h1").get_text() == "Préfecture du Lot"
    carrier = soup.find("h2", id="porteur").find_next("ul")
    assert [norm(a.get_text()) for a in carrier.find_all("a")] == [
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


def test_every_fiche_is_reached_from_its_axis_and_not_from_the_navigation(site, roadmap):
    """The navigation lists the axes, not the fiches (it is on every page: it must not grow with them)."""
    nav = {a["href"] for a in page(site, "actions").select_one("nav.md-nav--primary").find_all("a")}
    assert {f"../{ax.url}" for ax in roadmap.axes} <= nav  # in the open section of the index of actions
    for action in roadmap.actions:
        assert f"../{action.url}" not in nav and f"{action.url.removeprefix('actions/')}" not in nav
        axis = page(site, action.axe.url)
        assert f"../../{action.url}" in {a["href"] for a in axis.select("article a")}
        fiche = page(site, action.url)
        sidebar = {a["href"] for a in fiche.select("nav.md-nav--primary a")}
        assert not any(a.url in href for a in roadmap.actions for href in sidebar)
        trail = fiche.select_one("nav.lne-voisins")
        assert trail.select_one(".lne-voisins__liste a")["href"] == f"../../{action.axe.url}"


def test_short_permalinks_redirect_to_the_fiche(site, roadmap):
    for action in roadmap.actions:
        redirect = (site / "fiches" / str(action.numero) / "index.html").read_text(encoding="utf-8")
        target = f"../../{action.url}"
        assert f'content="0; url={target}"' in redirect and 'lang="fr"' in redirect
        assert (site / "fiches" / str(action.numero) / target / "index.html").resolve().exists()


def test_accessible_names_are_escaped_once(site):
    """A title with an apostrophe reaches attributes as &#39; once, never as &amp;#39; (read aloud as is)."""
    for html in site.rglob("index.html"):
        raw = html.read_text(encoding="utf-8")
        assert "&amp;#39;" not in raw and "&amp;amp;" not in raw and "&amp;quot;" not in raw, html
    soup = page(site, "feuille-de-route/introduction")
    [link] = soup.select("a.md-footer__link--next")
    assert link["aria-label"] == "Suivant: Méthode d'élaboration"


def expected_strings(action, roadmap):
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
            yield roadmap.organisations[value].nom
        elif key == "axe":
            yield roadmap.axe(value).nom
        elif key == "programme":
            yield roadmap.programmes[value].nom
        elif key == "publics":
            yield roadmap.vocabularies["publics"][value].nom
        elif key == "base":
            yield roadmap.bases[value].nom
        elif key == "montant":
            yield euros(value)
        elif key == "etp":
            yield etp(value)
        elif value == "non renseigné":
            yield "Non renseigné dans la fiche"
        else:
            yield str(value)

    yield from walk(document("" + action.file), None)


@pytest.mark.parametrize("name", FILES)
def test_every_value_of_the_record_is_on_its_page(name, site, roadmap):
    action = next(a for a in roadmap.actions if a.file == f"actions/{name}")
    shown = text(page(site, action.url.rstrip("/")).find("article"))
    missing = [v for v in expected_strings(action, roadmap) if norm(v) not in shown]
    assert missing == []


def schema_paths(schema_file: str) -> list[str]:
    """Field paths of a record schema, read from the YAML schema by the test itself (not by the code that
    writes the guide): `investissement[].montant`. Shared definitions (communs) are leaves."""
    schemas = {p.name: document(f"roadmap_site/schemas/{p.name}")
               for p in (ROOT / "roadmap_site/schemas").glob("*.schema.yml")}
    paths: list[str] = []

    def resolve(node, current):
        while "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            current = target or current
            node = {**schemas[current]["$defs"][pointer.rsplit("/", 1)[-1]],
                    **{k: v for k, v in node.items() if k != "$ref"}}
            if current == "communs.schema.yml":
                return None, current
        return node, current

    def walk(node, path, current):
        node, current = resolve(node, current)
        if node is None:
            return
        for branch in node.get("oneOf", []):
            walk(branch, path, current)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + "[]", current)
        for key, child in node.get("properties", {}).items():
            child_path = f"{path}.{key}" if path else key
            paths.append(child_path)
            walk(child, child_path, current)

    walk(schemas[schema_file], "", schema_file)
    return list(dict.fromkeys(paths))


def test_contributor_guide_documents_every_field(site):
    guide = text(page(site, "contribuer"))
    paths = schema_paths("action.schema.yml")
    assert {"numero", "investissement[].montant", "investissement[].par_annee[].annee", "source.notes"} <= set(paths)
    assert [p for p in paths if p not in guide] == []


# No third-party resource in the built files: tests/browser/test_privacy.py (HTML, CSS and JavaScript), and
# in a real browser, every request of every page.


@pytest.mark.slow
def test_build_stops_on_a_data_error_with_a_french_message(tmp_path):
    project = copy_project(tmp_path / "p")
    fiche = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("    montant: 4000", '    montant: "4 000 €"'),
                     encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert ("investissement[0].montant: attendu un nombre (ex. 4000), trouvé « 4 000 € » : "
            "écrivez 4000 (chiffres seuls, point décimal, sans espace ni unité)") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "actions").exists()


@pytest.mark.slow
def test_yaml_text_is_shown_literally_never_run(tmp_path):
    project = copy_project(tmp_path / "p")
    fiche = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    source = fiche.read_text(encoding="utf-8")
    source = source.replace("intitule: Expérimenter une boucle de reconditionnement solidaire",
                            "intitule: \"<script>alert(1)</script> {{ 7*7 }} </title> "
                            "{onclick=alert(1) style=color:red}\"")
    source = source.replace("  - PC réformés du Département", "  - \"{% raw %} <b>gras</b> {{ config }}\"")
    source = source.replace("  - Crédits FNE", "  - \"Crédits FNE {onclick=alert(1) style=color:red}\"")
    fiche.write_text(source, encoding="utf-8")
    organisations = project / "data/organisations.yml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace(
        "ademe:\n  nom: ADEME\n", "ademe:\n  nom: \"ADEME {onclick=alert(1) style=color:red}\"\n"), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/actions/boucle-reconditionnement-solidaire/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    title = "<script>alert(1)</script> {{ 7*7 }} </title> {onclick=alert(1) style=color:red}"
    assert soup.find("h1").get_text() == title
    assert soup.title.get_text().startswith(title)
    assert "{% raw %} <b>gras</b> {{ config }}" in soup.find("article").get_text()
    assert "<script>alert(1)" not in html and "<b>gras</b>" not in html
    index = (tmp_path / "out/actions/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in index
    # Markdown's attribute lists never turn record text into attributes, on a fiche or an organisation.
    assert "Crédits FNE {onclick=alert(1) style=color:red}" in soup.find("article").get_text()
    ademe = BeautifulSoup((tmp_path / "out/organisations/ademe/index.html").read_text(encoding="utf-8"), "html.parser")
    assert ademe.find("h1").get_text() == "ADEME {onclick=alert(1) style=color:red}"
    assert ademe.title.get_text().startswith("ADEME {onclick=alert(1) style=color:red}")
    for built in (tmp_path / "out").rglob("*.html"):
        assert not BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").find(attrs={"onclick": True}), built


@pytest.mark.slow
def test_adding_a_record_file_is_enough_and_an_adopted_fiche_cannot_be_removed(tmp_path):
    project = copy_project(tmp_path / "p")
    text18 = (project / "actions/18-veille-opportunites-relai-information.yml").read_text(encoding="utf-8")
    (project / "actions/23-nouvelle-action.yml").write_text(
        text18[: text18.index("\nsource:")].replace("numero: 18", "numero: 23")
        .replace("slug: veille-opportunites-relai-information", "slug: nouvelle-action")
        .replace("intitule: Effectuer une veille", "intitule: Nouvelle action, effectuer une veille") + "\n",
        encoding="utf-8")
    removed = project / "actions/21-reseau-departemental-tiers-lieux.yml"
    text21 = removed.read_text(encoding="utf-8")
    removed.unlink()
    refused = build(project, tmp_path / "refus")  # one message, not one per record citing fiche 21
    assert refused.returncode != 0
    assert "actions/: fiche n°21 supprimée : elle fait partie du document adopté" in refused.stderr
    assert "1 erreur dans 1 fichier" in refused.stderr and "n'existe pas ou plus" not in refused.stderr
    removed.write_text(text21, encoding="utf-8")
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert (out / "actions/nouvelle-action/index.html").exists()
    published = json.loads((out / "actions/nouvelle-action/fiche.json").read_text(encoding="utf-8"))["fiche"]
    assert published["numero"] == 23 and "source" not in published  # added after adoption: no register source
    soup = page(out, "actions")
    rows = soup.find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")
    assert [int(r.find("td").get_text()) for r in rows] == list(range(1, 24))
    assert "../../actions/nouvelle-action/" in {a["href"] for a in page(out, "axes/innovant").select("article a")}
    assert (out / "fiches/23/index.html").exists()
