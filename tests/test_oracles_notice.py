"""The oracles can fail: one figure altered on a copy of the built site, and the oracle that owns it notices.

Each alteration changes a single rendered figure or name in its own cell, the way a bug in a template or a
formatter would; each must be caught by an oracle (tests/test_oracles.py) and by the golden files.
"""

from __future__ import annotations

import shutil

import pytest

from tests import test_golden as golden
from tests import test_oracles as oracles

NNBSP, NBSP = "\u202f", "\u00a0"
FICHE_3 = next(f for f in oracles.FICHES if f["numero"] == 3)
FICHE_22 = next(f for f in oracles.FICHES if f["numero"] == 22)
CAHORS = next(e for e in oracles.EPCIS if e["slug"] == "grand-cahors")
# The attributes a figure's cell carries (roadmap_site/tables.py: its role, its column's header).
RH, MONTANT = ' role="cell" data-label="ETP chiffré"', ' role="cell" data-label="Montant"'

# (page, text in the built page, replacement, oracle, its arguments)
ALTERATIONS = {
    "ETP d'une ligne RH": ("actions/boucle-reconditionnement-solidaire",
                           f'<td class="lne-nombre"{RH}>0,1{NBSP}ETP</td>',
                           f'<td class="lne-nombre"{RH}>0,2{NBSP}ETP</td>', oracles.test_fiche_staff_table_cells,
                           (FICHE_3,)),
    "montant d'une ligne d'investissement": (
        "actions/boucle-reconditionnement-solidaire", f'<td class="lne-nombre"{MONTANT}>4{NNBSP}000{NBSP}€</td>',
        f'<td class="lne-nombre"{MONTANT}>4{NNBSP}800{NBSP}€</td>', oracles.test_fiche_investment_table_cells,
        (FICHE_3,)),
    "résumé d'investissement d'une fiche": (
        "actions/esport-intergenerationnel", f"1{NNBSP}000{NBSP}€ par an{NNBSP};", f"1{NNBSP}000{NBSP}€{NNBSP};",
        oracles.test_fiche_summary_states_only_what_the_fiche_states, (FICHE_22,)),
    "population dans la comparaison": ("diagnostic/epci", f">42{NNBSP}202<", f">42{NNBSP}220<",
                                       oracles.test_epci_comparison_table_cells, ()),
    "constat cité en note de la comparaison": (
        "diagnostic/epci", f"«{NBSP}Le taux de pauvreté est supérieur", f"«{NBSP}Le taux de chômage est supérieur",
        oracles.test_epci_comparison_table_cells, ()),
    "population sur la page de l'EPCI": ("diagnostic/epci/grand-cahors", f"42{NNBSP}202{NBSP}habitants",
                                         f"42{NNBSP}220{NBSP}habitants", oracles.test_epci_page_figures, (CAHORS,)),
    "total d'un axe dans l'index": ("actions", f"13{NNBSP}800{NBSP}€", f"13{NNBSP}880{NBSP}€",
                                    oracles.test_totals_per_axe_recomputed_from_the_records, ()),
    "zéro inventé": ("actions/former-benevoles-secours-populaire", "non renseigné dans la fiche",
                     f"0{NBSP}€", oracles.test_no_page_prints_a_zero_the_records_do_not_state, ()),
}


@pytest.fixture(scope="module")
def site_copy(site, tmp_path_factory):
    copy = tmp_path_factory.mktemp("altere") / "site"
    shutil.copytree(site, copy)
    return copy


@pytest.mark.parametrize("name", list(ALTERATIONS))
def test_an_altered_figure_is_noticed(site, site_copy, name):
    url, old, new, oracle, args = ALTERATIONS[name]
    target = site_copy / url / "index.html"
    original = (site / url / "index.html").read_text(encoding="utf-8")
    assert original.count(old) >= 1, f"{name} : « {old} » absent de {url}"
    target.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        oracle(site_copy, *args)  # the same oracle passes on the real build (tests/test_oracles.py)
    except AssertionError:
        pass
    else:
        pytest.fail(f"{name} : l'oracle {oracle.__name__} n'a rien remarqué")
    with pytest.raises(pytest.fail.Exception):
        golden.test_page_matches_its_golden_file(site_copy, f"{url}/index" if url else "index")
    target.write_text(original, encoding="utf-8")
