"""The roadmap's folders are declared once, by the engine (roadmap_site.WATCHED, derived from its sources):
every list that cannot import it, outside Python, is compared with it here."""

from __future__ import annotations

import configparser

from roadmap_site import WATCHED
from roadmap_site.sources import COLLECTIONS, DOCUMENTS
from tests.conftest import PROJECT_PARTS, ROOT

GLUE = {"macros", "overrides", "mkdocs.yml"}  # what MkDocs needs beside the engine and the roadmap


def test_watched_holds_every_folder_the_engine_reads():
    assert WATCHED == ("actions", "budget", "data", "deliberations", "diagnostic", "docs", "suivi")
    read = [c.pattern for c in COLLECTIONS.values()] + [d.path for d in DOCUMENTS.values()]
    assert all(path.split("/")[0] in WATCHED for path in read)
    assert all((ROOT / folder).is_dir() for folder in WATCHED)


def test_mutation_testing_copies_the_roadmap_and_the_glue():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    copied = config["mutmut"]["also_copy"].split()
    assert sorted(p.rstrip("/") for p in copied) == sorted({*WATCHED, *GLUE, "pytest.ini"})  # and the markers
    assert len(copied) == len(set(copied))


def test_the_tests_copies_of_the_project_hold_the_roadmap_and_the_glue():
    assert set(PROJECT_PARTS) == {*WATCHED, *GLUE}
