"""The register's own wording on the pages: names of carriers and partners as each fiche writes them, the
"Un engagement réaffirmé" passage, and figures placed away from where the register prints them."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from roadmap_site import load, views
from roadmap_site.render import render
from tests.conftest import ROOT
from tests.site.test_built_site import norm, page, text
from tests.site.test_records import FILES
from tests.unit.search.test_search import fragments

REGISTRY = yaml.safe_load((ROOT / "data/organisations.yml").read_text(encoding="utf-8"))


def record(name: str) -> dict:
    return yaml.safe_load((ROOT / "actions" / name).read_text(encoding="utf-8"))


def shown(mention: dict) -> str:
    """What the fiche prints for a mention, worked out from the YAML alone."""
    name = mention.get("texte") or REGISTRY[mention["organisation"]]["nom"]
    return f"{name} ({mention['precision']})" if "precision" in mention else name


def column(soup, heading_id: str) -> list:
    return soup.find(id=heading_id).find_parent("section").find_all("li")


@pytest.mark.parametrize("name", FILES)
def test_carriers_and_partners_are_shown_as_the_fiche_writes_them(name, site):
    data = record(name)
    soup = page(site, f"actions/{data['slug']}")
    partners = data["partenaires"] if isinstance(data["partenaires"], list) else []
    for heading, mentions in (("porteurs", data["porteurs"]), ("partenaires", partners)):
        items = column(soup, heading)
        assert [norm(li.get_text()) for li in items] == [shown(m) for m in mentions]
        for li, mention in zip(items, mentions):
            links = li.find_all("a")
            if "organisation" in mention:
                name_shown = mention.get("texte") or REGISTRY[mention["organisation"]]["nom"]
                assert [(a.get_text(), a["href"]) for a in links] == [
                    (name_shown, f"../../organisations/{mention['organisation']}/")]
            else:
                assert links == []


def test_fiche_15_names_its_carrier_cci_du_lot(site):
    soup = page(site, "actions/cybersecurite-tpe-pme")
    for place in (soup.select_one(".lne-resume"), column(soup, "porteurs")[0]):
        [link] = place.find_all("a", href="../../organisations/cci-du-lot/")
        assert link.get_text() == "CCI du Lot"
    assert "Chambre de Commerce" not in text(soup.find("article"))


def test_the_registry_name_is_one_step_away(site):
    soup = page(site, "organisations/cci-du-lot")
    assert norm(soup.find("h1").get_text()) == "Chambre de Commerce et d'Industrie du Lot (CCI du Lot)"
    [item] = soup.find("h2", id="porteur").find_next("ul").find_all("li")
    assert "— nommée « CCI du Lot » dans la fiche" in norm(item.get_text(" "))


def test_organisation_page_lists_every_wording_of_a_fiche(site):
    soup = page(site, "organisations/departement")
    items = {norm(li.find("a").get_text()).split(" :")[0]: norm(li.get_text(" "))
             for li in soup.find("h2", id="partenaire").find_next("ul").find_all("li")}
    assert "nommée « Département », « DSI du Département », « Groupe projet Colibris du Département » dans " \
           "la fiche" in items["Fiche n°1"]
    assert "nommée « DSD » dans la fiche" in items["Fiche n°22"]
    assert "nommée « Département (DSD) » dans la fiche" in items["Fiche n°8"]


def test_no_wording_note_where_the_fiche_writes_the_registry_name(site):
    soup = page(site, "organisations/la-melee")
    assert "nommée" not in text(soup.find("article"))


def test_fiche_22_shows_dsd_as_written(site):
    soup = page(site, "actions/esport-intergenerationnel")
    partners = [norm(li.get_text()) for li in column(soup, "partenaires")]
    assert partners[1:3] == ["Bibliothèque départementale", "DSD"]
    assert column(soup, "partenaires")[2].find("a")["href"] == "../../organisations/departement/"
    assert "Département" not in " ".join(partners)
    notes = text(soup.select_one(".lne-notes"))
    assert "« DSD », sans autre indication dans cette fiche, est rattachée au Département" in notes


@pytest.mark.parametrize("slug", ["former-bibliotheques-mediation-numerique",
                                  "numerique-culturel-seniors-etablissements",
                                  "jeunesse-numerique-responsable"])
def test_the_library_keeps_its_attachment_on_fiches_10_11_13(site, slug):
    soup = page(site, f"actions/{slug}")
    [carrier] = column(soup, "porteurs")
    assert norm(carrier.get_text()) == "Bibliothèque départementale (Département)"
    assert carrier.find("a")["href"] == "../../organisations/bibliotheque-departementale/"
    assert "Bibliothèque départementale (Département)" in text(soup.select_one(".lne-resume"))


def test_fiche_9_carrier_is_the_register_s_name(site):
    soup = page(site, "actions/former-benevoles-secours-populaire")
    assert [norm(li.get_text()) for li in column(soup, "porteurs")] == ["Secours Populaire - Fédération du Lot"]


def test_index_table_shows_carriers_as_written(site):
    table = page(site, "actions").find(id="legende-toutes-les-actions-table")
    carriers = {int(r.find("td").get_text()): r for r in table.find("tbody").find_all("tr")}
    assert "CCI du Lot" in norm(carriers[15].get_text(" "))
    assert "Bibliothèque départementale (Département)" in norm(carriers[10].get_text(" "))


def test_search_finds_the_sigle_and_the_full_name(site):
    indexed = fragments(site)

    def locations(word):
        return {url for url, fragment in indexed.items() if word in fragment["content"]}

    assert {"/actions/cybersecurite-tpe-pme/", "/organisations/cci-du-lot/"} <= locations("CCI du Lot")
    assert "/organisations/cci-du-lot/" in locations("Chambre de Commerce et d'Industrie du Lot")
    assert "/actions/esport-intergenerationnel/" in locations("DSD")


def test_a_wording_is_only_given_where_it_differs_from_the_registry(roadmap):
    for action in roadmap.actions:
        for mention in action.porteurs + (action.partenaires or ()):
            if mention.organisation and mention.texte:
                assert mention.texte != mention.organisation.nom, (action.numero, mention.texte)


def test_registry_names_are_not_invented(roadmap):
    """The register never spells out ANSSI: the site must not either."""
    anssi = roadmap.organisations["anssi"]
    assert (anssi.nom, anssi.sigle) == ("ANSSI", None)
    assert roadmap.organisations["secours-populaire-du-lot"].nom == "Secours Populaire - Fédération du Lot"


def test_engagement_page_publishes_the_passage_and_the_three_axes(site, roadmap):
    soup = page(site, "feuille-de-route/engagement")
    article = soup.find("article")
    assert norm(article.find("h1").get_text()) == (
        "Un engagement réaffirmé du Lot en faveur du développement des usages et services numériques")
    assert ("La feuille de route Lot Numérique Ensemble est articulée autour de trois axes qui réaffirment "
            "l'engagement du syndicat et de ses partenaires en faveur du développement des usages et des "
            "services numériques, certaines actions s'inscrivant dans la continuité de celles déjà menées, "
            "d'autres révélant un aspect novateur.") in text(article)
    headings = article.find_all("h2")
    assert [h.get_text() for h in headings] == ["Lot Numérique Solidaire", "Lot Numérique Responsable",
                                                "Lot Numérique Innovant", "Source"]
    for heading, next_heading, code in zip(headings, headings[1:], ["solidaire", "responsable", "innovant"]):
        section = []
        for element in heading.find_all_next():
            if element is next_heading:
                break
            section.append(element)
        paragraphs = [norm(e.get_text()) for e in section if e.name in ("p", "li")]
        introduction = roadmap.axe(code).introduction
        expected = [norm(b["texte"]) for b in introduction if "texte" in b]
        expected += [norm(item) for b in introduction if "liste" in b for item in b["liste"]]
        assert [p for p in expected if p not in paragraphs] == []
        assert any(e.name == "a" and e["href"] == f"../../axes/{code}/" for e in section)
    content = text(article).split(" Source ")[0]
    assert "Prefecture" not in content and "Reçu le" not in content and "CS2025" not in content


def test_engagement_page_is_in_the_navigation_after_the_method(site):
    nav = page(site, "feuille-de-route/introduction").select_one("nav.md-nav--primary")  # its section open
    hrefs = [a["href"] for a in nav.find_all("a")]
    method, engagement = hrefs.index("../methode/"), hrefs.index("../engagement/")
    assert engagement == method + 1
    assert "/feuille-de-route/engagement/" in (ROOT / "data/adresses-publiees.txt").read_text().split()


def key_figure_rows(site):
    table = page(site, "diagnostic").find(id="legende-chiffres-cles-table")
    return table.find("tbody").find_all("tr")


def test_a_figure_taken_from_elsewhere_in_the_register_says_so(site):
    marked = [(norm(r.find("td").contents[0]), norm(r.select_one(".lne-ailleurs").get_text()))
              for r in key_figure_rows(site) if r.select_one(".lne-ailleurs")]
    assert marked == [("716 faits cyber",
                       "chiffre cité dans l'AFOM (menace « Cybermenaces ») et la partie « Enjeux et dispositifs "
                       "existants », non dans les chiffres clés du contexte départemental")]


def test_the_marker_follows_the_data_not_the_value(project):
    """Whatever figure the data marks gets the notice, and only that one."""
    contexte = project / "diagnostic/contexte.yml"
    source = contexte.read_text(encoding="utf-8")
    start = source.index("    imprime_ailleurs: >-")
    end = source.index("repartition_des_lieux:")
    source = source[:start] + source[end:]
    source = source.replace("    definition: conseillers numériques en poste\n",
                            "    definition: conseillers numériques en poste\n    imprime_ailleurs: un essai\n")
    contexte.write_text(source, encoding="utf-8")
    html = BeautifulSoup(render("diagnostic-contexte.html", "diagnostic/", **views.diagnostic_contexte(load(project))),
                         "html.parser")
    marked = [(norm(r.find("td").contents[0]), norm(r.select_one(".lne-ailleurs").get_text()))
              for r in html.find(id="legende-chiffres-cles-table").find("tbody").find_all("tr")
              if r.select_one(".lne-ailleurs")]
    assert marked == [("17 conseillers numériques", "chiffre cité dans un essai")]


def test_quercy_blanc_dispositifs_keep_the_register_s_words(site):
    table = page(site, "diagnostic/epci/quercy-blanc").find(id="legende-dispositifs-table")
    rows = [norm(r.find("td").get_text()) for r in table.find("tbody").find_all("tr")]
    assert rows == ["A ce jour, deux communes sont couvertes par des France Services",
                    "Leurs habitants peuvent bénéficier d'un accompagnement par le conseiller numérique de La Poste"]


@pytest.mark.parametrize("numero, words", [
    (1, ["« Collectivités, acteurs locaux du numérique responsable » découpé", "« DSI du Département »"]),
    (3, ["base « ponctuel », la fiche ne donnant aucune périodicité",
         "les éléments de chaque cellule sont mis bout à bout dans l'extraction", "deux partenaires",
         "deux leviers, deux lignes RH et trois ressources", "« 800€ » écrits"]),
    (8, ["découpés en un partenaire par ligne", "découpé en quatre publics"]),
    (10, ["« Bibliothèque départementale (Département) »", "séparées à chaque début de ligne",
          "découpé en deux publics"]),
    (11, ["« Bibliothèque départementale (Département) »"]),
    (13, ["« Bibliothèque départementale (Département) »"]),
    (20, ["avec une majuscule initiale", "« la Mednum » comme La Mednum (majuscule initiale ajoutée)"]),
    (22, ["« 400€ », « 600€ »", "400 €, 600 €", "« DSD », sans autre indication dans cette fiche",
          "« Séniors, Jeunes » découpé"]),
])
def test_editorial_changes_are_recorded(roadmap, numero, words):
    notes = " ".join(" ".join(n.split()) for n in roadmap.action(numero).source.notes)
    assert [w for w in words if w not in notes] == []


def test_quercy_blanc_note_records_the_split_sentence(roadmap):
    epci = roadmap.diagnostic.territoire("quercy-blanc")
    notes = " ".join(" ".join(n.split()) for n in epci.source.notes)
    assert "coupée en deux dispositifs" in notes and "« peuvent bénéficier »" in notes
