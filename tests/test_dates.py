"""Register dates (roadmap_site/dates.py): the order of "2025", "2025-03" and "2025-03-07", the day of the build
(SOURCE_DATE_EPOCH, else today), and the facts they date: no sitting, status or measured value after the
day of the build, no status before the sitting it cites; a planned date (calendar, deadline) may be ahead."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from roadmap_site import dates, exports, load
from tests.test_validation import edit, errors, line_of

CS02 = "deliberations/cs2025-02.yml"  # sitting of 2025-03-07, which no status cites
S03 = "suivi/03-boucle-reconditionnement-solidaire.yml"
S06 = "suivi/06-coordination-acteurs-mediation-numerique.yml"  # one status, 2025-03-07, cites cs2025-12 (2025-03-07)
S08 = "suivi/08-former-outiller-aidants.yml"
S19 = "suivi/19-groupement-commande-wifi-public.yml"
BUILD_DAY = "1781524800"  # 2026-06-15 12:00 UTC
MEASURE = ('mesures:\n  - libelle: Aidants formés\n    date: "{date}"\n    valeur: 12\n    unite: aidants\n'
           "    document: Rapport d'activité\nnotes:\n")


@pytest.mark.parametrize("shuffled, ordered", [
    (["2025-03-07", "2025"], ["2025", "2025-03-07"]),
    (["2025-01-01", "2025-01", "2025"], ["2025", "2025-01", "2025-01-01"]),
    (["2026", "2025-12-31", "2025-12"], ["2025-12", "2025-12-31", "2026"]),
    (["2024-06-28", "2025", "2024"], ["2024", "2024-06-28", "2025"]),
    (["2025-03", "2025-02-28", "2025-03-01"], ["2025-02-28", "2025-03", "2025-03-01"]),
])
def test_a_date_sorts_as_the_first_day_of_its_period_less_precise_first(shuffled, ordered):
    assert sorted(shuffled, key=dates.order) == ordered
    assert sorted(shuffled) == ordered  # the order of the text itself: a reader sorting the CSV agrees


@pytest.mark.parametrize("text, first, last", [
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
    ("2025-03-07", date(2025, 3, 7), date(2025, 3, 7)),
])
def test_the_period_of_a_date(text, first, last):
    assert (dates.first_day(text), dates.last_day(text)) == (first, last)


@pytest.mark.parametrize("value, valid", [
    ("2025", True), ("2025-03", True), ("2025-03-07", True), ("2024-02-29", True),
    ("2025-02-29", False), ("2025-13", False), ("0000", False), ("2025-3-7", False), ("2025-03-07\n", False),
    ("7 mars 2025", False), (date(2025, 3, 7), False), (2025, False), (None, False),
])
def test_only_a_real_date_of_the_register_s_shape_is_valid(value, valid):
    assert dates.valid(value) is valid


@pytest.mark.parametrize("epoch, day", [("1781524800", date(2026, 6, 15)), ("0", date(1970, 1, 1)),
                                        ("1767225599", date(2025, 12, 31))])
def test_the_build_day_is_source_date_epoch_when_set(monkeypatch, epoch, day):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert dates.build_day() == day


@pytest.mark.parametrize("epoch", [None, "", "demain", "-5"])
def test_the_build_day_is_today_without_a_usable_source_date_epoch(monkeypatch, epoch):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert dates.build_day() == date.today()


FUTURE = {  # what is dated: (file, text replaced, replacement with {date}, field, why)
    "séance": (CS02, 'date: "2025-03-07"', 'date: "{date}"', "date", "une séance se transcrit une fois tenue"),
    "statut": (S06, 'date: "2025-03-07"', 'date: "{date}"', "statuts[0].date",
               "un statut se constate à une date passée ; une date prévue va dans « jalons »"),
    "mesure": (S08, "notes:\n", MEASURE, "mesures[0].date",
               "une valeur se mesure à une date passée ; une date prévue va dans « jalons »"),
}


@pytest.mark.parametrize("when", ["2026-06-16", "2026-07", "2027", "2099-01-01"])
@pytest.mark.parametrize("kind", list(FUTURE))
def test_a_fact_dated_after_the_build_day_is_refused(project, monkeypatch, kind, when):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)
    name, old, new, field, why = FUTURE[kind]
    edit(project, name, old, new.format(date=when))
    assert errors(project) == [f"{name}:{line_of(project, name, when)}: {field}: « {when} » est après le jour de la "
                     f"construction du site (15\u00a0juin 2026) : {why} ; vérifiez la date"]


@pytest.mark.parametrize("when", ["2026-06-15", "2026-06", "2026", "2025-03-07"])
@pytest.mark.parametrize("kind", list(FUTURE))
def test_a_fact_dated_on_or_before_the_build_day_is_accepted(project, monkeypatch, kind, when):
    """A month or a year is judged by its period: "2026" is not after 15 June 2026."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)
    name, old, new, _, _ = FUTURE[kind]
    edit(project, name, old, new.format(date=when))
    load(project)


def test_planned_dates_may_be_ahead_of_the_build(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)
    edit(project, S19, '  - date: "2026-01-01"', '  - date: "2031-01-01"')  # a calendar entry
    edit(project, S08, 'echeance: "2025-12-31"', 'echeance: "2030"')  # a deadline
    load(project)


@pytest.mark.parametrize("when", ["2025-03-06", "2025-02", "2024", "2024-12-31"])
def test_a_status_dated_before_the_sitting_it_cites_is_refused(project, when):
    edit(project, S06, 'date: "2025-03-07"', f'date: "{when}"')
    assert errors(project) == [f"{S06}:{line_of(project, S06, when)}: statuts[0].date: « {when} » est avant la "
                               "séance qu'il cite (cs2025-12, 7\u00a0mars 2025) : un statut se constate au plus tôt "
                               "le jour de la séance ; écrivez la date de la séance, ou citez la délibération qui le "
                               "constate"]


@pytest.mark.parametrize("when", ["2025-03-07", "2025-03", "2025", "2025-11-20"])
def test_a_status_dated_on_or_after_its_sitting_is_accepted(project, when):
    edit(project, S06, 'date: "2025-03-07"', f'date: "{when}"')
    load(project)


@pytest.mark.parametrize("first, second", [("2025", "2025-03-07"), ("2025-03-07", "2025")])
def test_a_year_and_a_full_date_of_that_year_sort_the_same_everywhere(project, first, second):
    """Whatever the order of the file, the status of "2025" comes before that of "2025-03-07": the latest
    status (what the page shows) is the full date, and the exports list them in that order."""
    text = (project / S03).read_text(encoding="utf-8")
    head, rest = text.split("statuts:\n", 1)
    status = rest[:rest.index("notes:")]  # the fiche's one status, written twice with the two dates
    text = (head + "statuts:\n" + status.replace('date: "2025-03-07"', f'date: "{first}"')
            + status.replace('date: "2025-03-07"', f'date: "{second}"') + rest[len(status):])
    (project / S03).write_text(text, encoding="utf-8")
    roadmap = load(project)
    fiche = roadmap.suivi.fiche(roadmap.action(3))
    assert [s.date for s in fiche.statuts] == ["2025", "2025-03-07"]
    assert fiche.statut.date == "2025-03-07"
    rows = csv.DictReader(io.StringIO(exports.files(roadmap)["donnees/avancement.csv"].decode("utf-8")))
    assert [(row["rang"], row["date"]) for row in rows if row["fiche"] == "3"] == [("1", "2025"), ("2", "2025-03-07")]
