"""Every new field of the follow-up records (deliberations/, suivi/, budget/, statuts) refused with one French
line `file:line: field: message` when it is wrong, as tests/test_validation.py does for the fiches."""

from __future__ import annotations

import pytest

from roadmap_site import load
from tests.test_validation import edit, errors, line_of

CS11 = "deliberations/cs2025-11.yml"
PV = "deliberations/pv-cs-2024-10-21.yml"
COMMISSION = "deliberations/pv-commission-usages-2024-06-28.yml"
S03 = "suivi/03-boucle-reconditionnement-solidaire.yml"
S06 = "suivi/06-coordination-acteurs-mediation-numerique.yml"
S08 = "suivi/08-former-outiller-aidants.yml"
S19 = "suivi/19-groupement-commande-wifi-public.yml"
S22 = "suivi/22-esport-intergenerationnel.yml"
ORIENTATION = "budget/2025-orientation.yml"
INDICATOR_8 = "Nombre d'aidants numériques formés à l'inclusion numérique et/ou Aidants Connect"
REMOVED = "s'il a été supprimé ou renommé, retirez ou corrigez cette mention"
DATE_EXPECTED = 'une date entre guillemets, "AAAA-MM-JJ" (ou "AAAA-MM", "AAAA" si le registre n\'est pas plus précis)'

# name: (file, text replaced, replacement, text of the line the error points to, expected "field: message")
CASES = {
    "date sans guillemets": (CS11, 'date: "2025-03-07"', "date: 2025-03-07", "date: 2025-03-07",
                             'date: « 2025-03-07 » est lu comme une date par les outils YAML : mettez-la entre '
                             'guillemets ("2025-03-07")'),
    "date hors calendrier": (CS11, 'date: "2025-03-07"', 'date: "2025-02-30"', 'date: "2025-02-30"',
                             f"date: « 2025-02-30 » n'est pas une date du calendrier : attendu {DATE_EXPECTED}"),
    "date en toutes lettres": (CS11, 'date: "2025-03-07"', "date: 7 mars 2025", "date: 7 mars",
                               f"date: « 7 mars 2025 » ne convient pas : attendu {DATE_EXPECTED} (ex. 2025-03-07)"),
    "délégués": (CS11, "  votants: 13", "  votants: 12", "votants: 12",
                 "delegues.votants: présents + pouvoirs = 13, pas 12 : vérifiez le décompte"),
    "délégués en exercice": (CS11, "  en_exercice: 18", "  en_exercice: 19", "en_exercice: 19",
                             "delegues.en_exercice: présents + pouvoirs + absents = 18, pas 19 : vérifiez le décompte"),
    "procès-verbal approuvé par": (PV, "approuve_par: cs2025-01", "approuve_par: cs2025-1", "approuve_par:",
                                   "approuve_par: « cs2025-1 » n'existe pas ou plus (introuvable dans les fichiers de "
                                   f"deliberations/) : {REMOVED}"),
    "fiche concernée": (CS11, "  - fiche: 22", "  - fiche: 23", "fiche: 23",
                        f"fiches[0].fiche: « 23 » n'existe pas ou plus (introuvable dans les fichiers de actions/) : "
                        f"{REMOVED}"),
    "numéro en double": (CS11, "numero: CS2025/11", "numero: CS2025/10", "numero: CS2025/10",
                         "numero: « CS2025/10 » est déjà le numéro de deliberations/cs2025-10.yml : chaque "
                         "délibération a le sien"),
    "pictogrammes RH": (COMMISSION, "        rh: 2\n", "        rh: deux\n", "rh: deux",
                        "programmation[0].pistes[5].rh: attendu un nombre entier (ex. 2) ou « non lisible », trouvé "
                        "« deux »"),
    "programme d'une piste": (COMMISSION, "        programme: fne\n", "        programme: fn\n", "programme: fn",
                              "programmation[0].pistes[4].programme: « fn » n'est pas une valeur permise ; valeurs "
                              "possibles : fne, sdusn ; vouliez-vous dire « fne » ?"),
    "statut inconnu": (S06, "statut: en_cours", "statut: encours", "statut: encours",
                       "statuts[0].statut: « encours » n'est pas une valeur permise ; valeurs possibles : a_lancer, "
                       "en_cours, en_pause, realisee, abandonnee, non_renseigne ; vouliez-vous dire « en_cours » ?"),
    "statut par défaut écrit": (S06, "statut: en_cours", "statut: non_renseigne", "statut: non_renseigne",
                                "statuts[0].statut: « non_renseigne » est le statut d'une fiche dont le registre "
                                "ne dit rien : ne l'écrivez pas, retirez cet élément"),
    "statut sans source": (S06, "    deliberation: cs2025-12\n    lignes: {premiere: 4885, derniere: 4885}\n", "",
                           "  - statut: en_cours",
                           "statuts[0]: attendu « deliberation: … » ou « document: … », trouvé des champs "
                           "(statut, date, citation)"),
    "délibération sans lignes": (S06, "    lignes: {premiere: 4885, derniere: 4885}\n", "", "  - statut: en_cours",
                                 "statuts[0].lignes: champ obligatoire quand « deliberation » est renseigné"),
    "indicateur absent de la fiche": (S08, f"  - indicateur: {INDICATOR_8}",
                                      "  - indicateur: Nombre d'aidants formés à l'inclusion numérique",
                                      "indicateur: Nombre d'aidants formés",
                                      "cibles[0].indicateur: la fiche 8 n'a pas (ou plus) cet indicateur : recopiez le "
                                      "texte exact d'un de ses indicateurs (« Nombre de sensibilisations aux aidants "
                                      f"numériques réalisées » ; « {INDICATOR_8} ») ; si elle ne le suit "
                                      "pas, écrivez « libelle » à la place"),
    "indicateur et libellé": (S06, "  - libelle: Rencontres",
                              "  - indicateur: Taux de participation aux rencontres trimestrielles\n"
                              "    libelle: Rencontres",
                              "indicateur: Taux de participation",
                              "cibles[0]: une seule de ces formes à la fois : « indicateur: … » ou « libelle: … »"),
    "valeur et fourchette": (S06, "    valeur: 4\n", "    valeur: 4\n    minimum: 2\n", "valeur: 4",
                             "cibles[0].valeur: une cible est un nombre (« valeur ») ou une fourchette (« minimum », "
                             "« maximum »), pas les deux"),
    "fourchette à l'envers": (S22, "    minimum: 15\n    maximum: 20", "    minimum: 25\n    maximum: 20",
                              "maximum: 20",
                              "cibles[2].maximum: le haut de la fourchette (20) est plus petit que le bas (25)"),
    "cible sans unité": (S06, "    unite: rencontres\n", "", "  - libelle: Rencontres",
                         "cibles[0].unite: champ obligatoire quand « valeur » est renseigné"),
    "unités différentes": (S22, "    maximum: 3\n    unite: structures", "    maximum: 3\n    unite: EHPAD",
                           "unite: EHPAD",
                           "cibles[1].unite: « EHPAD » : les cibles et valeurs de « Nombre de structures impliquées » "
                           "ont déjà l'unité « structures » (ligne {other}) ; une valeur ne se compare à sa cible que "
                           "dans la même unité"),
    "valeur mesurée en lettres": (S08, "notes:\n",
                                  f"mesures:\n  - indicateur: {INDICATOR_8}\n    date: \"2025-06-30\"\n"
                                  "    valeur: douze\n    unite: aidants\n    document: Rapport d'activité\nnotes:\n",
                                  "valeur: douze", "mesures[0].valeur: attendu un nombre (ex. 42), trouvé « douze »"),
    "mesure sans date": (S08, "notes:\n", "mesures:\n  - libelle: Aidants formés\n    valeur: 12\n    unite: aidants\n"
                         "    document: Rapport d'activité\nnotes:\n", "libelle: Aidants formés",
                         "mesures[0].date: champ obligatoire manquant (Date de la mesure)"),
    "unité de la mesure": (S08, "notes:\n", f"mesures:\n  - indicateur: {INDICATOR_8}\n    date: \"2025-06-30\"\n"
                           "    valeur: 12\n    unite: personnes\n    document: Rapport d'activité\nnotes:\n",
                           "unite: personnes",
                           f"mesures[0].unite: « personnes » : les cibles et valeurs de « {INDICATOR_8} » ont déjà "
                           "l'unité « aidants » (ligne {other}) ; une valeur ne se compare à sa cible que dans la même "
                           "unité"),
    "jalon sans guillemets": (S19, '  - date: "2026-01-01"', "  - date: 2026-01-01", "date: 2026-01-01",
                              'jalons[4].date: « 2026-01-01 » est lu comme une date par les outils YAML : mettez-la '
                              'entre guillemets ("2026-01-01")'),
    "nature du tableau": (ORIENTATION, "nature: orientation", "nature: orientations", "nature: orientations",
                          "nature: « orientations » n'est pas une valeur permise ; valeurs possibles : orientation, "
                          "realise, lettre_de_commande, subvention, recette_attendue ; vouliez-vous dire "
                          "« orientation » ?"),
    "fiche d'une ligne": (ORIENTATION, "    fiche: 1\n", "    fiche: 30\n", "fiche: 30",
                          f"postes[1].fiche: « 30 » n'existe pas ou plus (introuvable dans les fichiers de actions/) : "
                          f"{REMOVED}"),
    "axe d'une ligne rattachée": (ORIENTATION, "    fiche: 1\n", "    fiche: 1\n    axe: responsable\n",
                                  "axe: responsable",
                                  "postes[1].axe: « axe » seulement pour une ligne sans fiche : l'axe d'une ligne "
                                  "rattachée est celui de sa fiche ; retirez « axe »"),
    "total par axe sans axe": (ORIENTATION, "    perimetre: axe\n    axe: responsable\n", "    perimetre: axe\n",
                               "  - libelle: axe 1",
                               "totaux[2]: avec « perimetre: axe », écrivez aussi l'axe (« axe: … »)"),
    "périmètre d'un total": (ORIENTATION, "    perimetre: fiches\n", "    perimetre: fiche\n", "perimetre: fiche",
                             "totaux[1].perimetre: « fiche » n'est pas une valeur permise ; valeurs possibles : "
                             "tableau, fiches, axe ; vouliez-vous dire « fiches » ?"),
    "montant nul": ("budget/2024-realise.yml", "    montant: 120\n", "    montant: 0\n", "montant: 0",
                    "postes[5].montant: « 0 » hors limites : attendu un nombre strictement supérieur à 0"),
    "TTC": ("budget/2024-lettres-de-commande.yml", "ttc: true", "ttc: oui", "ttc: oui",
            "ttc: attendu true ou false, trouvé « oui »"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_wrong_follow_up_field_gets_one_french_line(project, case):
    name, old, new, needle, expected = CASES[case]
    edit(project, name, old, new)
    other = {"unités différentes": "unite: structures", "unité de la mesure": "unite: aidants"}.get(case)
    expected = expected.replace("{other}", str(line_of(project, name, other))) if other else expected
    assert errors(project) == [f"{name}:{line_of(project, name, needle)}: {expected}"]


def test_two_statuses_on_one_date(project):
    edit(project, S03, "statuts:\n",
         'statuts:\n  - statut: a_lancer\n    date: "2025-03-07"\n    citation: Autre constat\n'
         "    deliberation: cs2025-12\n    lignes: {premiere: 5027, derniere: 5027}\n")
    first, second = [i for i, line in enumerate((project / S03).read_text(encoding="utf-8").splitlines(), 1)
                     if 'date: "2025-03-07"' in line]
    assert errors(project) == [f"{S03}:{second}: statuts[1].date: deux statuts à la même date (2025-03-07, déjà ligne "
                               f"{first}) : gardez celui que dit le registre"]


def test_a_follow_up_file_starts_with_its_fiche_number(project):
    (project / S08).rename(project / "suivi/aidants.yml")
    assert errors(project) == ["suivi/aidants.yml:1: le nom du fichier doit commencer par le numéro de la fiche sur "
                               "au moins deux chiffres, comme celui de sa fiche : « 08-former-outiller-aidants.yml » : "
                               "renommez le fichier"]


def test_one_follow_up_file_per_fiche(project):
    (project / "suivi/08-doublon.yml").write_text((project / S08).read_text(encoding="utf-8"), encoding="utf-8")
    assert errors(project) == [f"{S08}:{line_of(project, S08, 'fiche: 8')}: fiche: la fiche 8 a déjà son suivi dans "
                               "suivi/08-doublon.yml : un seul fichier de suivi par fiche"]


def test_renaming_a_fiche_slug_keeps_its_follow_up(project):
    (project / "actions/08-former-outiller-aidants.yml").rename(project / "actions/08-aidants.yml")
    edit(project, "actions/08-aidants.yml", "slug: former-outiller-aidants", "slug: aidants")
    with (project / "data/redirections.yml").open("a", encoding="utf-8") as out:
        out.write("actions/former-outiller-aidants/: actions/aidants/\n")  # as the address check asks
    roadmap = load(project)
    assert roadmap.suivi.fiche(roadmap.action(8)).file == S08


def test_a_deliberation_file_is_named_after_its_slug(project):
    edit(project, CS11, "slug: cs2025-11", "slug: cs2025-13")
    assert errors(project) == [f"{CS11}:1: le nom du fichier ne correspond pas à « slug » : "
                               "renommez le fichier en « cs2025-13.yml » (le slug), ou corrigez « slug »"]


def test_a_deliberation_decides_or_lists_points(project):
    name = "deliberations/cs2025-02.yml"
    edit(project, name, "decision:\n", "decisions:\n")
    messages = errors(project)
    assert messages[0] == (f"{name}:{line_of(project, name, 'slug:')}: attendu « decision: … » ou « points: … », "
                           "trouvé des champs (slug, numero, instance, date, titre, resume, decisions, vote, delegues, "
                           "convocation, fiches, lignes, source)")
    assert messages[1].startswith(f"{name}:{line_of(project, name, 'decisions:')}: decisions: champ inconnu") \
        and "vouliez-vous dire « decision » ?" in messages[1]


def test_one_default_status_exactly(project):
    edit(project, "data/vocabulaires/statuts.yml", "  tet: Abandonné\n", "  tet: Abandonné\n  defaut: true\n")
    assert errors(project) == ["data/vocabulaires/statuts.yml: un seul statut doit porter « defaut: true » (celui "
                               "d'une fiche dont le registre ne dit rien) ; trouvé : abandonnee, non_renseigne"]


def test_follow_up_needs_its_vocabularies_only_when_present(project):
    (project / "data/vocabulaires/statuts.yml").unlink()
    assert ("roadmap_site/schemas: vocabulaire « statuts » introuvable : créez data/vocabulaires/statuts.yml"
            in errors(project))
    for path in (project / "suivi").glob("*.yml"):
        path.unlink()
    roadmap = load(project)
    assert {f.etat.code for f in roadmap.suivi.fiches} == {"non_renseigne"}


def test_a_roadmap_without_follow_up_has_none(project):
    for folder in ("deliberations", "suivi", "budget"):
        for path in (project / folder).glob("*.yml"):
            path.unlink()
    (project / "data/vocabulaires/statuts.yml").unlink()
    (project / "data/vocabulaires/natures-budget.yml").unlink()
    (project / "data/adresses-publiees.txt").unlink()  # this roadmap never published follow-up pages
    assert load(project).suivi is None


def test_all_follow_up_errors_are_reported_at_once(project):
    edit(project, CS11, "  votants: 13", "  votants: 12")
    edit(project, S06, "statut: en_cours", "statut: encours")
    edit(project, ORIENTATION, "nature: orientation", "nature: x")
    assert {m.split(":")[0] for m in errors(project)} == {CS11, S06, ORIENTATION}
