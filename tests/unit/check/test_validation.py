"""Every class of data error gives one French line `file:line: field: message`, all errors at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from roadmap_site import load, rules
from roadmap_site.problems import DataErrors
from roadmap_site.sources import COLLECTIONS

FICHE3 = "actions/03-boucle-reconditionnement-solidaire.yml"
FICHE22 = "actions/22-esport-intergenerationnel.yml"


def edit(project, name, old, new, count=1):
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project, name, needle):
    lines = (project / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def errors(project) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load(project)
    return [str(p) for p in caught.value.problems]


def test_the_real_data_is_valid(roadmap):
    assert len(roadmap.actions) == 22


def test_wrong_type_names_file_line_field_and_example(project):
    edit(project, FICHE3, "    montant: 4000", '    montant: "4 000 €"')
    line = line_of(project, FICHE3, 'montant: "4 000 €"')
    assert errors(project) == [
        f"{FICHE3}:{line}: investissement[0].montant: attendu un nombre (ex. 4000), trouvé « 4 000 € » : "
        "écrivez 4000 (chiffres seuls, point décimal, sans espace ni unité)"]


def test_tab_indentation(project):
    edit(project, FICHE3, "\n  - organisation: lot-numerique", "\n\t- organisation: lot-numerique")
    line = line_of(project, FICHE3, "\t- organisation")
    assert errors(project) == [f"{FICHE3}:{line}: YAML invalide : tabulation trouvée : indentez uniquement avec des "
                               "espaces"]


def test_bad_indentation(project):
    edit(project, FICHE3, "  quantitatifs:", " quantitatifs:")
    [message] = errors(project)
    assert message.startswith(f"{FICHE3}:") and "indentation incorrecte" in message


def test_unquoted_colon_in_text(project):
    edit(project, FICHE3, '  - texte: "Reconditionnement : Temps homme des médiateurs numériques"',
         "  - texte: Reconditionnement : Temps homme des médiateurs numériques")
    line = line_of(project, FICHE3, "texte: Reconditionnement")
    [message] = errors(project)
    assert message.startswith(f"{FICHE3}:{line}: YAML invalide") and "guillemets" in message


def test_duplicate_key_is_an_error_not_data_loss(project):
    edit(project, FICHE3, "public_cible:", "intitule: Un autre intitulé\npublic_cible:")
    first = line_of(project, FICHE3, "intitule: Expérimenter")
    second = line_of(project, FICHE3, "intitule: Un autre intitulé")
    assert errors(project) == [f"{FICHE3}:{second}: intitule: champ en double (déjà présent ligne {first}) : "
                               "une seule des deux valeurs serait gardée ; fusionnez-les ou supprimez l'une d'elles"]


def test_unknown_key_suggests_the_right_one(project):
    edit(project, FICHE3, "leviers:", "levier:")
    line = line_of(project, FICHE3, "levier:")
    messages = errors(project)
    [unknown] = messages  # one mistake, one message: not also « leviers: champ obligatoire manquant »
    assert unknown.startswith(f"{FICHE3}:{line}: levier: champ inconnu")
    assert "vouliez-vous dire « leviers » ?" in unknown


def test_missing_required_field(project):
    edit(project, FICHE3, "objectif: \"1\"\n", "")
    first = line_of(project, FICHE3, "numero:")
    assert errors(project) == [f"{FICHE3}:{first}: objectif: champ obligatoire manquant (Objectif)"]


def test_value_outside_vocabulary_lists_the_allowed_ones(project):
    edit(project, FICHE3, "axe: responsable", "axe: responsabl")
    line = line_of(project, FICHE3, "axe: responsabl")
    assert errors(project) == [f"{FICHE3}:{line}: axe: « responsabl » n'est pas une valeur permise ; valeurs "
                               "possibles : responsable, solidaire, innovant ; vouliez-vous dire « responsable » ?"]


def test_objective_must_belong_to_the_axe(project):
    edit(project, FICHE3, 'objectif: "1"', 'objectif: "2.3"')
    line = line_of(project, FICHE3, 'objectif: "2.3"')
    assert errors(project) == [f"{FICHE3}:{line}: objectif: l'objectif « 2.3 » n'appartient pas à l'axe "
                               "« responsable » ; objectifs de cet axe : 1"]


def test_unknown_organisation(project):
    edit(project, FICHE3, "  - organisation: departement", "  - organisation: departemnt")
    line = line_of(project, FICHE3, "organisation: departemnt")
    [message] = errors(project)
    assert message == (f"{FICHE3}:{line}: partenaires[0].organisation: « departemnt » n'existe pas ou plus "
                       "(introuvable dans data/organisations.yml) : s'il a été supprimé ou renommé, retirez ou "
                       "corrigez cette mention")  # a typo or a deleted record alike: never another organisation instead


def test_duplicate_numero_names_both_files(project):
    edit(project, FICHE22, "numero: 22", "numero: 3")
    messages = errors(project)
    line = line_of(project, FICHE3, "numero:")
    assert f"{FICHE22}:{line}: numero: « 3 » est déjà utilisé par {FICHE3} : chaque fichier a le sien" in messages
    assert f"{FICHE3}:{line}: numero: « 3 » est aussi utilisé par {FICHE22} : chaque fichier a le sien" in messages


def test_duplicate_slug_names_both_files(project):
    (project / FICHE22).rename(project / "actions/22-boucle-reconditionnement-solidaire.yml")
    other = "actions/22-boucle-reconditionnement-solidaire.yml"
    edit(project, other, "slug: esport-intergenerationnel", "slug: boucle-reconditionnement-solidaire")
    messages = errors(project)
    line = line_of(project, FICHE3, "slug:")
    assert (f"{other}:{line}: slug: « boucle-reconditionnement-solidaire » est déjà utilisé par {FICHE3} : "
            "chaque fichier a le sien" in messages)
    assert (f"{FICHE3}:{line}: slug: « boucle-reconditionnement-solidaire » est aussi utilisé par {other} : "
            "chaque fichier a le sien" in messages)


def test_file_name_must_match_numero_and_slug(project):
    (project / FICHE3).rename(project / "actions/3-reconditionnement.yml")
    assert errors(project) == ["actions/3-reconditionnement.yml:1: le nom du fichier ne correspond pas à « numero » "
                               "et « slug » : renommez le fichier en « 03-boucle-reconditionnement-solidaire.yml » "
                               "(numéro sur au moins deux chiffres, tiret, slug), ou corrigez « numero » et « slug »"]


def test_not_utf8(project):
    path = project / FICHE3
    line = line_of(project, FICHE3, "intitule:")  # its first « é »
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))  # an editor saving in Windows-1252
    [message] = errors(project)
    assert message.startswith(f"{FICHE3}:{line}: le fichier n'est pas encodé en UTF-8")


def test_empty_file(project):
    (project / "actions/23-vide.yml").write_text("# à compléter\n", encoding="utf-8")
    assert errors(project) == ["actions/23-vide.yml:1: le fichier est vide : il doit contenir les champs de "
                               "l'enregistrement"]


def test_empty_rubric_must_be_explicit(project):
    edit(project, FICHE3, "freins:\n  - >-\n    Impossibilité",
         "freins: aucun\nancien_freins:\n  - >-\n    Impossibilité")
    line = line_of(project, FICHE3, "freins: aucun")
    assert (f"{FICHE3}:{line}: freins: attendu « non renseigné » ou une liste d'éléments précédés de « - », "
            "chacun : un texte, trouvé « aucun »" in errors(project))


def test_partner_is_an_organisation_or_a_text(project):
    edit(project, FICHE3, "  - organisation: departement\n    texte: Département", "  - precision: Département")
    line = line_of(project, FICHE3, "precision: Département")
    assert errors(project) == [f"{FICHE3}:{line}: partenaires[0]: attendu « organisation: … » ou « texte: … », "
                               "trouvé des champs (precision)"]


def test_a_mention_may_word_an_organisation_as_the_fiche_does(project):
    """`texte` beside `organisation` is the fiche's wording: accepted for carriers and partners alike."""
    edit(project, FICHE3, "porteurs:\n  - organisation: lot-numerique\n",
         "porteurs:\n  - organisation: lot-numerique\n    texte: Lot numérique\n")
    edit(project, FICHE3, "    texte: Département\n", "    texte: Département\n    precision: DSD\n")
    action = load(project).action(3)
    assert [(m.organisation.id, m.nom, m.libelle) for m in action.porteurs] == [
        ("lot-numerique", "Lot numérique", "Lot numérique")]
    assert (action.partenaires[0].organisation.id, action.partenaires[0].libelle) == ("departement",
                                                                                      "Département (DSD)")


@pytest.mark.parametrize("role, old", [("porteurs", "  - organisation: lot-numerique\n"),
                                       ("partenaires", "  - organisation: departement\n")])
def test_a_mention_still_rejects_unknown_keys(project, role, old):
    edit(project, FICHE3, old, old + "    nom: Lot Numérique\n")
    line = line_of(project, FICHE3, "nom: Lot Numérique")
    [message] = errors(project)
    assert message.startswith(f"{FICHE3}:{line}: {role}[0].nom: champ inconnu ; champs possibles ici : "
                              "organisation, texte, precision")


def test_a_carrier_must_be_an_organisation_of_the_registry(project):
    edit(project, FICHE3, "porteurs:\n  - organisation: lot-numerique\n", "porteurs:\n  - texte: Lot Numérique\n")
    line = line_of(project, FICHE3, "texte: Lot Numérique")
    assert errors(project) == [f"{FICHE3}:{line}: porteurs[0].organisation: champ obligatoire manquant"]


def test_per_year_amounts_go_in_par_annee(project):
    edit(project, FICHE22, "    base: par_annee\n", "    base: par_annee\n    montant: 1200\n")
    line = line_of(project, FICHE22, "montant: 1200")
    assert errors(project) == [f"{FICHE22}:{line}: investissement[0].montant: avec « base: par_annee », les montants "
                               "vont dans « par_annee » (une ligne « - annee: …, montant: … » par année) ; retirez "
                               "« montant »"]


def test_all_errors_are_reported_at_once(project):
    edit(project, FICHE3, "axe: responsable", "axe: x")
    edit(project, FICHE22, "    etp: 0.75", "    etp: beaucoup")
    edit(project, "data/organisations.yml", "ademe:\n  nom: ADEME", "ademe:\n  nom: ADEME\n  site: ademe.fr")
    messages = errors(project)
    assert {m.split(":")[0] for m in messages} == {FICHE3, FICHE22, "data/organisations.yml"}


def test_check_command_exits_non_zero_without_traceback(project):
    edit(project, FICHE3, "    montant: 4000", '    montant: "4 000 €"')
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "investissement[0].montant: attendu un nombre" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[-1] == "1 erreur dans 1 fichier"


def test_check_command_on_valid_data(project):
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "22 fiches" in result.stdout


def test_files_numbered_past_99_are_read_in_numeric_order(project):
    """Fiche 100 is named 100-….yml and comes after fiche 99 (and 11) in the report and in the values a
    reference to a fiche may take, not between 10 and 11 as in name order."""
    for number in (99, 100):
        text = (project / FICHE3).read_text(encoding="utf-8")
        (project / f"actions/{number}-fiche-{number}.yml").write_text(
            text.replace("numero: 3\n", f"numero: {number}\n").replace("slug: boucle-reconditionnement-solidaire",
                                                                      f"slug: fiche-{number}")
            .replace("programme: ", "programme: inconnu-"), encoding="utf-8")
    found = errors(project)
    files = list(dict.fromkeys(line.split(":")[0] for line in found if line.startswith("actions/")))
    assert files == ["actions/99-fiche-99.yml", "actions/100-fiche-100.yml"]
    assert rules.file_ids(project, COLLECTIONS["actions"], "numero")[-3:] == [22, 99, 100]


def test_a_value_given_twice_in_a_list_is_named(project):
    edit(project, FICHE3, "publics:\n  - publics-fragiles\n", "publics:\n  - publics-fragiles\n  - publics-fragiles\n")
    line = line_of(project, FICHE3, "publics:")
    assert errors(project) == [f"{FICHE3}:{line}: publics: « publics-fragiles » figure deux fois dans la liste : "
                               "gardez-en une"]


def test_an_empty_vocabulary_says_so_in_french(project):
    path = project / "data/vocabulaires/bases.yml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if line.startswith("#")) + "\n{}\n", encoding="utf-8")
    found = errors(project)
    assert any(e.startswith("data/vocabulaires/bases.yml:")
               and e.endswith("rubrique vide : ajoutez au moins un élément") for e in found), found
