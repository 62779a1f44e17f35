"""Integrity of the data beyond each field: numbers a page can print (never ∞, never a traceback), a purchase
order counted once, a passage of the register that ends after it starts, no data file silently left out of
the roadmap, and a reference to a record that no longer exists said so, without another record offered in
its place (a suggestion stays for a mistyped code of a vocabulary)."""

from __future__ import annotations

import os

import pytest

from roadmap_site import load
from tests.test_validation import edit, errors, line_of

ORDERS = "budget/2024-lettres-de-commande.yml"
REMOVED = "s'il a été supprimé ou renommé, retirez ou corrigez cette mention"
TOO_LONG = ("« {start}… » : un nombre de {digits} chiffres avant la virgule est trop long (15 au plus) : vérifiez-le ; "
            "si c'est un code ou un texte, mettez-le entre guillemets")
OUT_OF_BOUNDS = "« {value} » hors limites : attendu un nombre inférieur ou égal à 999999999999"

NUMBERS = {  # where a number is written: (file, its text, its field)
    "montant d'une fiche": ("actions/22-esport-intergenerationnel.yml", "    montant: 1000\n",
                            "investissement[1].montant"),
    "montant d'une année": ("actions/22-esport-intergenerationnel.yml", "        montant: 200\n",
                            "investissement[0].par_annee[0].montant"),
    "ligne de budget": ("budget/2024-realise.yml", "    montant: 120\n", "postes[5].montant"),
    "total du registre": ("budget/2025-orientation.yml", "    montant: 51500\n", "totaux[1].montant"),
}
COUNTS = {  # numbers that are no amount: only the reader's bound applies
    "délégués": ("deliberations/cs2025-11.yml", "  votants: 13\n", "delegues.votants"),
    "cible": ("suivi/06-coordination-acteurs-mediation-numerique.yml", "    valeur: 4\n", "cibles[0].valeur"),
}


def _number_case(project, where: dict, case: str, written: str) -> tuple[str, int, str]:
    name, old, field = where[case]
    edit(project, name, old, old.split(":")[0] + f": {written}\n")
    return name, line_of(project, name, written[:40]), field


@pytest.mark.parametrize("written", ["9" * 16, "1" + "0" * 20, "9" * 400 + ".5", "9" * 5000, "-" + "9" * 30])
@pytest.mark.parametrize("case", list(NUMBERS) + list(COUNTS))
def test_a_number_too_long_for_any_figure_is_refused_by_the_reader(project, case, written):
    name, line, field = _number_case(project, {**NUMBERS, **COUNTS}, case, written)
    digits = len(written.lstrip("-").split(".")[0])
    assert errors(project) == [f"{name}:{line}: {field}: " + TOO_LONG.format(start=written[:18], digits=digits)]


@pytest.mark.parametrize("written", ["1000000000000", "999999999999.5", "123456789012345"])
@pytest.mark.parametrize("case", list(NUMBERS))
def test_an_amount_of_a_thousand_billion_euros_or_more_is_refused(project, case, written):
    name, line, field = _number_case(project, NUMBERS, case, written)
    assert errors(project) == [f"{name}:{line}: {field}: " + OUT_OF_BOUNDS.format(value=written)]


@pytest.mark.parametrize("case", list(NUMBERS))
def test_the_largest_amount_is_accepted_and_printed_in_figures(project, case):
    _number_case(project, NUMBERS, case, "999999999999")
    load(project)


@pytest.mark.parametrize("written", ["1e400", ".inf", "-.inf", ".nan", "1e308"])
@pytest.mark.parametrize("case", list(NUMBERS) + list(COUNTS))
def test_no_infinity_reaches_a_page(project, case, written):
    name, line, field = _number_case(project, {**NUMBERS, **COUNTS}, case, written)
    [message] = errors(project)
    assert message.startswith(f"{name}:{line}: {field}: « {written} »") and "∞" not in message


def _orders(project, slug: str, nature: str, reference: str) -> str:
    name = f"budget/{slug}.yml"
    (project / name).write_text(
        f"slug: {slug}\ntitre: Autres commandes\nnature: {nature}\nannee: 2024\ndeliberation: cs2025-06\n"
        "lignes: {premiere: 1243, derniere: 1259}\npostes:\n  - objet: Disques durs\n    montant: 12\n"
        f"    reference: {reference}\n    lignes: {{premiere: 1250, derniere: 1250}}\n", encoding="utf-8")
    return name


@pytest.mark.parametrize("written", ["LC2024-02-FP", "lc2024-02-fp", "LC 2024-02-FP", "LC2024-02-FP "])
def test_a_purchase_order_given_twice_in_one_table_is_refused(project, written):
    edit(project, ORDERS, "reference: LC2024-03-FP", f'reference: "{written}"')
    first = line_of(project, ORDERS, "reference: LC2024-02-FP")
    line = line_of(project, ORDERS, f'"{written}"')
    assert errors(project) == [f"{ORDERS}:{line}: postes[2].reference: « {written} » est "
                               f"déjà la référence d'une ligne (ligne {first}) : une pièce ne compte qu'une fois ; "
                               "corrigez la référence, ou retirez la ligne en double"]


@pytest.mark.parametrize("reference", ["LC2024-07", "LC2024-16-FP"])
def test_a_purchase_order_given_again_in_another_table_of_its_nature_is_refused(project, reference):
    name = _orders(project, "2024-suite-des-commandes", "lettre_de_commande", reference)
    first = line_of(project, ORDERS, f"reference: {reference}")
    assert errors(project) == [f"{name}:10: postes[0].reference: « {reference} » est déjà la référence d'une ligne "
                               f"({ORDERS}, ligne {first}) : une pièce ne compte qu'une fois ; corrigez la référence, "
                               "ou retirez la ligne en double"]


@pytest.mark.parametrize("nature", ["realise", "orientation"])
def test_a_purchase_order_may_appear_in_a_table_of_another_nature(project, nature):
    _orders(project, "2024-suite-des-commandes", nature, "LC2024-07")  # the order, then what it cost
    load(project)


RANGES = {  # (file, passage as written, its start, a reversed end, field)
    "tableau budgétaire": (ORDERS, "lignes: {premiere: 1243, derniere: 1259}", 1243, 1242, "lignes.derniere"),
    "statut": ("suivi/06-coordination-acteurs-mediation-numerique.yml", "lignes: {premiere: 4885, derniere: 4885}",
               4885, 4884, "statuts[0].lignes.derniere"),
    "annexe d'une délibération": ("deliberations/cs2025-11.yml", "lignes: {premiere: 4282, derniere: 4696}", 4282,
                                  428, "annexes[0].lignes.derniere"),
    "source du diagnostic": ("diagnostic/acteurs.yml", "premiere: 2995\n    derniere: 3012", 2995, 1,
                             "source.lignes.derniere"),
}


@pytest.mark.parametrize("case", list(RANGES))
def test_a_line_range_ending_before_it_starts_is_refused(project, case):
    name, old, first, last, field = RANGES[case]
    edit(project, name, old, old.rsplit(" ", 1)[0] + f" {last}" + ("}" if old.endswith("}") else ""))
    line = line_of(project, name, f"derniere: {last}")
    assert errors(project) == [f"{name}:{line}: {field}: la dernière ligne ({last}) est avant la première ({first}) : "
                               "vérifiez les deux numéros (pour une seule ligne, écrivez-la deux fois)"]


HIDDEN = ("nom commençant par un point (fichier caché) : il ne serait pas lu ; renommez le fichier en « {} »")
BACKUP = "copie de sauvegarde laissée par un éditeur de texte : supprimez-la"
UNREAD = {  # a file created in a data folder: the message it gets
    "actions/.05-boucle.yml": HIDDEN.format("05-boucle.yml"),
    "suivi/.08-former-outiller-aidants.yml": HIDDEN.format("08-former-outiller-aidants.yml"),
    "deliberations/.cs2025-13.YAML": HIDDEN.format("cs2025-13.yml"),
    "data/.organisations.yml": HIDDEN.format("organisations.yml"),
    "budget/.DS_Store": "fichier caché (laissé par le système ou un logiciel) : il ne serait pas lu ; supprimez-le",
    "diagnostic/epci/.gitkeep": ("fichier caché (laissé par le système ou un logiciel) : il ne serait pas lu ; "
                                 "supprimez-le"),
    "data/vocabulaires/.axes.yml.swp": BACKUP,
    "suivi/08-former-outiller-aidants.yml.bak": BACKUP,
    "diagnostic/enjeux/1-x.yml.orig": BACKUP,
    "data/organisations.yml~": BACKUP,
    "diagnostic/#outils.yml#": BACKUP,
    "diagnostic/acteur.yml": ("fichier inattendu, qui ne serait pas lu : les fichiers de données de diagnostic/ sont "
                              "accompagnements.yml, acteurs.yml, contexte.yml, numerique-responsable.yml, outils.yml ; "
                              "renommez-le ou supprimez-le"),
    "data/organisation.yaml": ("fichier inattendu, qui ne serait pas lu : les fichiers de données de data/ sont "
                               "feuille-de-route.yml, organisations.yml, redirections.yml ; renommez-le ou "
                               "supprimez-le"),
}


@pytest.mark.parametrize("name", list(UNREAD))
def test_a_file_the_engine_would_not_read_is_refused(project, name):
    (project / name).write_text("fiche: 5\n", encoding="utf-8")
    assert errors(project) == [f"{name}: {UNREAD[name]}"]


def test_an_editor_s_lock_link_is_named_for_what_it_is(project):
    os.symlink("root@machine.1234:1700000000", project / "actions/.#03-boucle-reconditionnement-solidaire.yml")
    assert errors(project) == [f"actions/.#03-boucle-reconditionnement-solidaire.yml: {BACKUP}"]


def _without_organisation(project):
    edit(project, "data/organisations.yml", "prefecture-du-lot:\n  nom: Préfecture du Lot\n", "")


DELETED = {  # a record deleted while others still cite it: (how, what the messages name)
    # An adopted fiche cannot be deleted (one message: tests/test_baseline.py); a fiche that is not there:
    "fiche": (lambda p: edit(p, "suivi/21-reseau-departemental-tiers-lieux.yml", "fiche: 21", "fiche: 23"), "« 23 »"),
    "délibération": (lambda p: (p / "deliberations/cs2025-12.yml").unlink(), "« cs2025-12 »"),  # was: cs2025-11 ?
    "organisation": (_without_organisation, "« prefecture-du-lot »"),  # was: promeneurs-du-net ?
    "intercommunalité": (lambda p: (p / "diagnostic/epci/05-grand-figeac.yml").unlink(), "« grand-figeac »"),
}


@pytest.mark.parametrize("case", list(DELETED))
def test_a_deleted_record_is_said_to_no_longer_exist_never_replaced_by_another(project, case):
    delete, named = DELETED[case]
    delete(project)
    cited = [m for m in errors(project) if named in m]
    assert cited and all(f"{named} n'existe pas ou plus (introuvable dans " in m and m.endswith(REMOVED) for m in cited)
    assert not [m for m in errors(project) if "vouliez" in m]


@pytest.mark.parametrize("name, old, new", [
    ("actions/03-boucle-reconditionnement-solidaire.yml", "axe: responsable", "axe: responsabl"),
    ("suivi/06-coordination-acteurs-mediation-numerique.yml", "statut: en_cours", "statut: en-cours"),
    ("budget/2025-orientation.yml", "nature: orientation", "nature: orientations"),
    ("actions/03-boucle-reconditionnement-solidaire.yml", "    base: ponctuel", "    base: ponctuelle"),
])
def test_a_mistyped_vocabulary_code_still_gets_its_suggestion(project, name, old, new):
    edit(project, name, old, new)
    [message] = errors(project)
    assert f"vouliez-vous dire « {old.split(': ')[1]} » ?" in message
