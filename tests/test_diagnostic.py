"""The diagnostic annex: EPCI records, their pages, the comparison table and the SVG charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import yaml

from roadmap_site import read as loader
from tests.conftest import ROOT
from tests.oracles import fr
from tests.test_site import norm, page, text
from tests.test_validation import edit, errors, line_of

EPCI_FILES = sorted(p.name for p in (ROOT / "diagnostic/epci").glob("*.yml"))
FIGEAC = "diagnostic/epci/05-grand-figeac.yml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", EPCI_FILES)
def test_epci_record(name, roadmap):
    """Each EPCI record parses, validates, and gives every figure explicitly (never a silent zero)."""
    _document, problems = loader.read_file(ROOT / "diagnostic/epci" / name, ROOT)
    assert problems == []
    epci = next(e for e in roadmap.diagnostic.territoires if e.file.endswith(name))
    for figure in epci.figures:
        assert figure.mesure or figure.constat or figure.chiffre == "non renseigné"
        if figure.mesure:
            assert figure.mesure["valeur"] > 0 and figure.mesure["definition"]


def test_ten_epcis(roadmap):
    assert [e.nom_court for e in roadmap.diagnostic.territoires] == [
        "Causse de Labastide-Murat", "Cauvaldor", "Cazals-Salviac", "Grand Cahors", "Grand-Figeac",
        "Ouest Aveyron Communauté", "Pays de Lalbenque-Limogne", "Quercy Blanc", "Quercy Bouriane",
        "Vallée du Lot et du Vignoble"]


def test_older_people_keep_the_definition_of_the_text(roadmap):
    definitions = {e.slug: (e.figure("part_personnes_agees").mesure or e.figure("part_personnes_agees").constat)
                   .get("definition") for e in roadmap.diagnostic.territoires}
    assert definitions["grand-figeac"] == "personnes âgées de 60 ans et plus"
    assert definitions["cazals-salviac"] == "65 ans et plus"
    assert definitions["causse-de-labastide-murat"] == "seniors"


def test_grand_figeac_page_shows_its_figures_in_french(site):
    figures = text(page(site, "diagnostic/epci/grand-figeac").find(id="legende-chiffres-table"))
    assert "43 818 habitants" in figures and "34,2 habitants par km²" in figures
    assert "14,8 %" in figures and "10,1 %" in figures and "37 %" in figures


def test_cazals_salviac_shows_a_statement_not_an_invented_rate(site):
    table = page(site, "diagnostic/epci/cazals-salviac").find(id="legende-chiffres-table")
    row = next(tr for tr in table.find_all("tr") if tr.th and tr.th.get_text() == "Taux de pauvreté")
    shown = norm(row.get_text(" "))
    assert "Le taux de pauvreté est supérieur à la moyenne nationale" in shown
    assert not any(ch.isdigit() for ch in shown)
    chomage = next(tr for tr in table.find_all("tr") if tr.th and tr.th.get_text() == "Taux de chômage")
    assert "non renseigné" in chomage.get_text() and "0" not in chomage.get_text()


def test_comparison_table_has_the_ten_epcis(site):
    table = page(site, "diagnostic/epci").find(id="legende-comparaison-table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 10
    assert table.has_attr("data-triable")


def test_charts_are_well_formed_svg_with_title_and_description(site, roadmap):
    soup = page(site, "diagnostic/epci")
    figures = soup.select("figure.lne-graphique")
    assert len(figures) == 5
    for figure in figures:
        svg = ET.fromstring(str(figure.find("svg")))
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        assert labelled == [title.get("id"), desc.get("id")]
    poverty = ET.fromstring(str(soup.find("svg", attrs={"aria-labelledby": lambda v: v and "pauvrete" in v})))
    measured = [e for e in roadmap.diagnostic.territoires if e.figure("taux_pauvrete").mesure]
    assert len(poverty.findall(f"{SVG}rect")) == len(measured) == 8
    texts = [norm(t.text) for t in poverty.findall(f"{SVG}text")]
    assert texts.count("pas de chiffre : un constat du texte, voir le tableau") == 2
    assert "Cazals-Salviac : pas de chiffre, « Le taux de pauvreté est supérieur à la moyenne nationale »" in \
        norm(poverty.find(f"{SVG}desc").text)


def test_bars_are_proportional_to_the_values(site, roadmap):
    soup = page(site, "diagnostic/epci")
    svg = ET.fromstring(str(soup.find("svg", attrs={"aria-labelledby": lambda v: v and "population" in v})))
    widths = [float(r.get("width")) for r in svg.findall(f"{SVG}rect")]
    values = [e.figure("population").mesure["valeur"] for e in roadmap.diagnostic.territoires]
    ratios = [w / v for w, v in zip(widths, values)]
    assert max(ratios) - min(ratios) < 1e-3 * max(ratios)


def test_epci_page_links_to_the_fiches_that_name_it(site):
    soup = page(site, "diagnostic/epci/quercy-bouriane")
    hrefs = [a["href"] for a in soup.select(".lne-liste-actions a")]
    assert hrefs == ["../../../actions/evenement-annuel-numerique/"]


def test_epci_page_links_to_its_documented_local_actions(site):
    soup = page(site, "diagnostic/epci/grand-figeac")
    section = soup.find("h2", id="actions-documentees").find_next("ul")
    assert [a["href"] for a in section.find_all("a")] == [
        "../../actions-locales/#reinvention-reemploi-figeac",
        "../../actions-locales/#espace-public-multimedia-grand-figeac",
        "../../actions-locales/#ateliers-initiation-outils-numeriques-grand-figeac"]


def test_enjeu_links_to_the_fiches_that_answer_it(site):
    soup = page(site, "diagnostic/enjeux/accompagner-usages-securises-raisonnes")
    hrefs = [a["href"] for a in soup.select(".lne-liste-actions a")]
    assert "../../../actions/sensibilisation-cybersecurite-lotois/" in hrefs
    assert "../../../actions/cybersecurite-tpe-pme/" in hrefs


def test_departmental_key_figures(site):
    shown = text(page(site, "diagnostic").find(id="legende-chiffres-cles-table"))
    for figure in ("70 000 Lotois", "près de 40 %", "7 %", "19 %", "14 %", "114 lieux d'inclusion numérique",
                   "17 conseillers numériques", "39 aidants", "22 médiateurs numériques",
                   "21 115 accompagnements", "11 252 usagers", "716 faits cyber"):
        assert figure in shown, figure
    assert "We Tech Care / Emmaüs Connect" in shown and "de juillet 2021 à avril 2024" in shown


def test_diagnostic_is_reachable_from_home_and_navigation(site):
    home = page(site, "")
    assert any(a["href"].startswith("diagnostic/") for a in home.select("article a"))
    assert "diagnostic/" in {a["href"] for a in home.select("nav.md-nav--primary a")}
    # The open part of the navigation lists the pages of the diagnostic; a territory's page is reached from
    # the list of territories, not from the navigation (roadmap_site.pages).
    nav = {a["href"] for a in page(site, "diagnostic").select("nav.md-nav--primary a")}
    assert "epci/" in nav and "epci/grand-figeac/" not in nav
    assert "grand-figeac/" in {a["href"] for a in page(site, "diagnostic/epci").select("article a")}


def epci_strings(epci, roadmap):
    """Every leaf value of an EPCI record, as its page must show it."""
    def walk(value, key, parent):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k, value)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key, parent)
        elif key == "slug":
            return
        elif key == "type":
            yield roadmap.vocabularies["types-epci"][value].nom
        elif key == "organisation":
            yield roadmap.organisations[value].nom
        elif key == "valeur":
            yield f"{fr(value, 1) if parent['unite'] == '%' else fr(value)} {parent['unite']}"
        else:
            yield str(value)

    yield from walk(yaml.safe_load((ROOT / epci.file).read_text(encoding="utf-8")), None, None)


@pytest.mark.parametrize("name", EPCI_FILES)
def test_every_value_of_the_epci_record_is_on_its_page(name, site, roadmap):
    epci = next(e for e in roadmap.diagnostic.territoires if e.file.endswith(name))
    shown = text(page(site, epci.url.rstrip("/")).find("article"))
    missing = [v for v in epci_strings(epci, roadmap) if norm(v) not in shown]
    assert missing == []


# Validation of the new record types: the same French `file:line: field: message` lines.

def test_epci_figure_written_as_text(project):
    edit(project, FIGEAC, "  valeur: 43818", '  valeur: "43 818"')
    line = line_of(project, FIGEAC, 'valeur: "43 818"')
    assert errors(project) == [f"{FIGEAC}:{line}: population.valeur: attendu un nombre (ex. 43818), trouvé "
                               "« 43 818 » : écrivez 43818 (chiffres seuls, point décimal, sans espace ni unité)"]


def test_epci_figure_zero_instead_of_nothing_is_not_silently_accepted(project):
    edit(project, FIGEAC, "taux_chomage:\n  valeur: 10.1\n  unite: \"%\"\n  definition: taux de chômage",
         "taux_chomage: 0")
    line = line_of(project, FIGEAC, "taux_chomage: 0")
    [message] = errors(project)
    assert message.startswith(f"{FIGEAC}:{line}: taux_chomage: attendu ")
    assert "« non renseigné »" in message


def test_epci_unknown_key(project):
    edit(project, FIGEAC, "communes: 92", "communes: 92\ncommune: 92")
    line = line_of(project, FIGEAC, "commune: 92")
    [message] = errors(project)
    assert message.startswith(f"{FIGEAC}:{line}: commune: champ inconnu")


def test_epci_type_outside_vocabulary(project):
    edit(project, FIGEAC, "type: CC", "type: CU")
    line = line_of(project, FIGEAC, "type: CU")
    assert errors(project) == [f"{FIGEAC}:{line}: type: « CU » n'est pas une valeur permise ; valeurs possibles : "
                               "CC, CA"]


def test_epci_duplicate_slug_names_both_files(project):
    other = "diagnostic/epci/06-ouest-aveyron-communaute.yml"
    edit(project, other, "slug: ouest-aveyron-communaute", "slug: grand-figeac")
    messages = errors(project)
    line = line_of(project, FIGEAC, "slug:")
    assert (f"{other}:{line}: slug: « grand-figeac » est déjà utilisé par {FIGEAC} : chaque fichier a le sien"
            in messages)
    assert (f"{FIGEAC}:{line}: slug: « grand-figeac » est aussi utilisé par {other} : chaque fichier a le sien"
            in messages)


def test_local_action_in_an_unknown_epci(project):
    name = "diagnostic/actions-locales/reinvention-reemploi-figeac.yml"
    edit(project, name, "epci: grand-figeac", "epci: figeac")
    line = line_of(project, name, "epci: figeac")
    assert errors(project) == [f"{name}:{line}: epci: « figeac » n'existe pas ou plus (introuvable dans les "
                               "fichiers de diagnostic/epci/) : s'il a été supprimé ou renommé, retirez ou corrigez "
                               "cette mention"]


def test_enjeu_linked_to_a_fiche_that_does_not_exist(project):
    name = "diagnostic/enjeux/4-accompagner-usages-securises-raisonnes.yml"
    edit(project, name, "fiches: [14, 15]", "fiches: [14, 51]")
    line = line_of(project, name, "fiches: [14, 51]")
    [message] = errors(project)
    assert message == (f"{name}:{line}: enjeux[0].fiches[1]: « 51 » n'existe pas ou plus (introuvable dans les "
                       "fichiers de actions/) : s'il a été supprimé ou renommé, retirez ou corrigez cette mention")


def test_diagnostic_file_not_utf8_or_empty(project):
    (project / "diagnostic/outils.yml").write_text("", encoding="utf-8")
    assert errors(project) == ["diagnostic/outils.yml:1: le fichier est vide : il doit contenir les champs de "
                               "l'enregistrement"]


ONE_FILE_PER_TYPE = ["diagnostic/epci/05-grand-figeac.yml",
                     "diagnostic/enjeux/1-perenniser-offre-mediation-numerique-coordination-acteurs.yml",
                     "diagnostic/actions-locales/reinvention-reemploi-figeac.yml", "diagnostic/contexte.yml",
                     "diagnostic/accompagnements.yml", "diagnostic/acteurs.yml", "diagnostic/outils.yml",
                     "diagnostic/numerique-responsable.yml"]


def _first_key_line(project, name):
    lines = (project / name).read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    return index, lines


@pytest.mark.parametrize("name", ONE_FILE_PER_TYPE)
def test_duplicate_key_in_any_record_type(project, name):
    index, lines = _first_key_line(project, name)
    key = lines[index].split(":")[0]
    (project / name).write_text("\n".join(lines + [f"{key}: doublon"]) + "\n", encoding="utf-8")
    assert any(m.startswith(f"{name}:{len(lines) + 1}: {key}: champ en double (déjà présent ligne {index + 1})")
               for m in errors(project))


@pytest.mark.parametrize("name", ONE_FILE_PER_TYPE)
def test_missing_required_field_in_any_record_type(project, name):
    path = project / name
    lines = path.read_text(encoding="utf-8").splitlines()
    first_key = next(line for line in lines if line and not line.startswith("#"))
    key = first_key.split(":")[0]
    kept, skipping = [], False
    for line in lines:  # drop the first top-level field and its indented value
        if line == first_key:
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("-") or not line):
            continue
        skipping = False
        kept.append(line)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    first = next(i for i, line in enumerate(kept, 1) if line and not line.startswith(("#", " ", "-")))
    assert any(m.startswith(f"{name}:{first}: {key}: champ obligatoire manquant") for m in errors(project))


@pytest.mark.parametrize("name", ONE_FILE_PER_TYPE)
def test_tab_or_bad_encoding_in_any_record_type(project, name):
    path = project / name
    source = path.read_text(encoding="utf-8")
    index, lines = _first_key_line(project, name)
    second = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("  "))
    lines[second] = "\t" + lines[second].lstrip()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [message] = errors(project)
    assert message.startswith(f"{name}:") and "YAML invalide" in message
    path.write_bytes(source.encode("utf-16"))
    [message] = errors(project)
    assert message.startswith(f"{name}:1: le fichier n'est pas encodé en UTF-8")
