"""The legal notice and the accessibility statement: what the law and the RGAA model ask for, the publisher's
facts from their one place (extra.editeur in mkdocs.yml), and never an empty line or a note to staff."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from roadmap_site import views
from roadmap_site.render import render
from tests.conftest import ROOT
from tests.golden_pages import pages
from tests.oracles import norm, page

SETTINGS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["editeur"]
FILLED = {"nom": "Syndicat exemple", "siren": "123456789", "adresse": "1 place de la Mairie, 46000 Ville",
          "telephone": "05 00 00 00 00", "courriel": "contact@exemple.fr", "directeur_publication": "Mme Exemple",
          "hebergeur": {"nom": "Hébergeur SA", "adresse": "2 rue du Serveur, 75000 Paris",
                        "telephone": "01 00 00 00 00"},
          "schema_accessibilite": "https://exemple.fr/schema/"}


def text(markup: str) -> str:
    return norm(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def test_no_page_asks_staff_to_complete_it(site):
    for name, path in pages(site).items():
        shown = norm(page(site, "" if name == "index" else name.removesuffix("/index")).get_text(" ")).lower()
        shown = shown.replace("« à compléter »", "")  # the guide names the mark new fiches' drafts carry
        assert "à compléter" not in shown and "a completer" not in shown and "à préciser" not in shown, name


def test_the_legal_notice_gives_the_publisher_from_the_settings(site):
    shown = norm(page(site, "mentions-legales").find("article").get_text(" "))
    assert f"Numéro SIREN {SETTINGS['siren']}" in shown
    assert f"Directeur de la publication {norm(SETTINGS['directeur_publication'])}" in shown
    # Unset facts are announced, never printed empty.
    assert "Cette page indiquera l'adresse postale du siège, le numéro de téléphone et l'adresse " \
           "électronique de contact." in shown
    assert "le nom, l'adresse et le numéro de téléphone de l'hébergeur du site" in shown
    for link in ("accessibilite/", "confidentialite/"):
        assert page(site, "mentions-legales").find("a", href=f"../{link}"), link


def test_set_facts_are_printed_and_no_longer_announced(roadmap):
    html = render("mentions-legales.html", "mentions-legales/", **views.editeur(roadmap, FILLED))
    shown = text(html)
    for value in ("123456789", "1 place de la Mairie, 46000 Ville", "05 00 00 00 00", "Mme Exemple",
                  "Hébergeur SA", "2 rue du Serveur, 75000 Paris", "01 00 00 00 00"):
        assert value in shown
    assert 'href="mailto:contact@exemple.fr"' in html
    assert "indiquera" not in shown
    contact = render("contact.html", "accessibilite/", **views.editeur(roadmap, FILLED))
    assert "contact@exemple.fr" in contact and "05 00 00 00 00" in contact and "seront publiées" not in contact
    schema = render("schema-accessibilite.html", "accessibilite/", **views.editeur(roadmap, FILLED))
    assert 'href="https://exemple.fr/schema/"' in schema


@pytest.mark.parametrize("settings", [None, {}, {"hebergeur": None, "telephone": None}])
def test_missing_settings_are_announced(roadmap, settings):
    shown = text(render("mentions-legales.html", "mentions-legales/", **views.editeur(roadmap, settings)))
    assert roadmap.identite.porteur.nom in shown  # the carrier's name when none is set
    assert "Cette page indiquera l'adresse postale du siège, le numéro de téléphone, l'adresse " \
           "électronique de contact et le nom du directeur de la publication." in shown


def test_the_accessibility_statement_follows_the_rgaa_model(site):
    soup = page(site, "accessibilite")
    headings = [norm(h.get_text()) for h in soup.find("article").find_all(["h2", "h3"])]
    assert headings == ["État de conformité", "Résultats des tests", "Contenus non accessibles", "Non-conformités",
                        "Dérogations pour charge disproportionnée",
                        "Contenus non soumis à l'obligation d'accessibilité", "Établissement de cette déclaration",
                        "Retour d'information et contact", "Voies de recours"]
    shown = norm(soup.find("article").get_text(" "))
    assert "article 47 de la loi n° 2005-102" in shown and "non conforme" in shown
    assert "schéma pluriannuel de mise en accessibilité" in shown  # the multi-year plan line
    assert "Technologies d'assistance : aucune n'a été utilisée" in shown
    assert "axe-core" in shown and "Chromium" in shown
    assert "Les coordonnées de contact (adresse électronique, téléphone, adresse postale) seront publiées" in shown
    assert soup.find("a", href="https://formulaire.defenseurdesdroits.fr/")
