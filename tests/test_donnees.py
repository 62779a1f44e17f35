"""Open data: the CSV files, their data package, the JSON exports and the record schemas, checked against the
YAML records read directly (tests/oracles.py) and by Frictionless; the files at their documented addresses."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import referencing
import yaml
from bs4 import BeautifulSoup
from frictionless import validate

from roadmap_site import exports, load
from roadmap_site.address import fiche_json
from roadmap_site.exports import records
from roadmap_site.exports.columns import cell
from tests.conftest import ROOT
from tests.oracles import document, page

EXAMPLE = ROOT / "tests" / "exemple"
DATA = "donnees"
BASE = "https://exemple.invalid/donnees/schemas/"


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / f"{name}.csv").read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def problems(folder: Path) -> list:
    report = validate(str(folder / "datapackage.json"))
    return [] if report.valid else report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.fixture(scope="module")
def data(site) -> Path:
    return site / DATA


@pytest.fixture(scope="module")
def example_data(tmp_path_factory) -> Path:
    """The example's files as the engine writes them, without MkDocs."""
    out = tmp_path_factory.mktemp("exemple-donnees")
    for address, content in exports.files(load(EXAMPLE)).items():
        (out / address).parent.mkdir(parents=True, exist_ok=True)
        (out / address).write_bytes(content)
    return out / DATA


# The data package.

def test_frictionless_validates_the_package(data):
    assert problems(data) == []


def test_frictionless_validates_the_example_package(example_data):
    assert problems(example_data) == []
    assert not (example_data / "actions-locales.csv").exists()  # the example documents no local action
    assert "actions-locales" not in {r["name"] for r in descriptor(example_data)["resources"]}


def _damage(folder: Path, tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the files where one CSV is changed and its size and hash updated, so that only the content
    is wrong."""
    copy = shutil.copytree(folder, tmp_path / "copie")
    path = copy / f"{name}.csv"
    content = path.read_bytes().replace(old.encode(), new.encode(), 1)
    assert content != path.read_bytes()
    path.write_bytes(content)
    package = descriptor(copy)
    for resource in package["resources"]:
        if resource["name"] == name:
            resource.update(bytes=len(content), hash="sha256:" + hashlib.sha256(content).hexdigest())
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return copy


@pytest.mark.parametrize(("name", "old", "new", "error"), [
    ("porteurs-partenaires", ",porteur,1,lot-numerique,", ",porteur,1,inconnue,", "foreign-key"),
    ("lignes-ressources", "22,rh,1,", "22,rh,2,", "primary-key"),
    ("actions", ",/actions/esport-intergenerationnel/", ",/actions/esport-intergenerationnel/,en trop", "extra-cell"),
    ("montants-par-annee", "22,investissement,1,2025,200", "22,investissement,1,2025,deux cents", "type-error"),
])
def test_the_validation_catches_broken_files(data, tmp_path, name, old, new, error):
    assert error in {problem[2] for problem in problems(_damage(data, tmp_path, name, old, new))}


def test_each_file_has_a_header_and_every_column_is_documented(data):
    package = descriptor(data)
    assert package["licenses"] == [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                                    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}]
    source = document("data/feuille-de-route.yml")["source"]
    assert package["sources"] == [{"title": f"{source['document']} ; {source['registre']}"}]
    assert {p.name for p in data.glob("*.csv")} == {r["path"] for r in package["resources"]}
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        header = (data / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [f["name"] for f in fields], resource["name"]
        for f in fields:
            assert f["title"] and f["description"], (resource["name"], f["name"])
            assert "Du texte simple" not in f["description"]  # a field's own words, not the shared definition's
        assert resource["schema"]["missingValues"] == [""]


def test_titles_and_descriptions_come_from_the_record_schemas(data):
    schema = yaml.safe_load((ROOT / "roadmap_site/schemas/action.schema.yml").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in descriptor(data)["resources"] if r["name"] == "actions"
              for f in r["schema"]["fields"]}
    for name in ("numero", "intitule", "axe", "objectif", "programme"):
        assert fields[name]["title"] == schema["properties"][name]["title"]
        assert fields[name]["description"] == " ".join(schema["properties"][name]["description"].split())
    lines = {f["name"]: f for r in descriptor(data)["resources"] if r["name"] == "lignes-ressources"
             for f in r["schema"]["fields"]}
    assert lines["objet"]["title"] == schema["$defs"]["ligne_investissement"]["properties"]["objet"]["title"]


def _yaml(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / folder).glob("*.yml"))]


def test_one_row_per_record(data):
    fiches = _yaml("actions")
    listed = lambda value: value if isinstance(value, list) else []  # noqa: E731 — « non renseigné »
    expected = {
        "actions": len(fiches),
        "porteurs-partenaires": sum(len(f["porteurs"]) + len(listed(f["partenaires"])) for f in fiches),
        "lignes-ressources": sum(len(listed(f["rh"])) + len(listed(f["investissement"])) for f in fiches),
        "montants-par-annee": sum(len(line.get("par_annee", []))
                                  for f in fiches for line in listed(f["investissement"])),
        "indicateurs": sum(len(listed(f["indicateurs"]["quantitatifs"])) + len(f["indicateurs"].get("qualitatifs", []))
                           for f in fiches),
        "organisations": len(document("data/organisations.yml")),
        "axes": len(document("data/vocabulaires/axes.yml")),
        "objectifs": sum(len(axe["objectifs"]) for axe in document("data/vocabulaires/axes.yml").values()),
        "programmes": len(document("data/vocabulaires/programmes.yml")),
        "publics": len(document("data/vocabulaires/publics.yml")),
        "bases": len(document("data/vocabulaires/bases.yml")),
        "territoires": len(_yaml("diagnostic/epci")),
        "chiffres-territoires": 5 * len(_yaml("diagnostic/epci")),  # population, densité, pauvreté, chômage, âge
        "actions-locales": len(_yaml("diagnostic/actions-locales")),
        "statuts": len(document("data/vocabulaires/statuts.yml")),
        "deliberations": len(_yaml("deliberations")),
        "avancement": sum(len(f.get("statuts", [])) for f in _yaml("suivi")),
        "cibles": sum(len(f.get("cibles", [])) for f in _yaml("suivi")),
        "mesures": sum(len(f.get("mesures", [])) for f in _yaml("suivi")),
        "budgets": len(_yaml("budget")),
        "lignes-budget": sum(len(t["postes"]) for t in _yaml("budget")),
    }
    assert {r["name"]: len(rows(data, r["name"])) for r in descriptor(data)["resources"]} == expected


# Independent figures: the YAML of fiche 22 (and of every fiche), formatted by the test itself.

def _number(value) -> str:
    """The test's own CSV number: a decimal point, no useless decimals, nothing for no value."""
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def test_resource_lines_of_fiche_22_with_their_bases(data):
    fiche = document("actions/22-esport-intergenerationnel.yml")
    found = [r for r in rows(data, "lignes-ressources") if r["fiche"] == "22"]
    expected = [{"fiche": "22", "rubrique": rubrique, "rang": str(rang), "groupe": line.get("groupe", ""),
                 "texte": line["texte"], "objet": line.get("objet", ""), "etp": _number(line.get("etp")),
                 "montant": _number(line.get("montant")), "base": line.get("base", "")}
                for rubrique in ("rh", "investissement") for rang, line in enumerate(fiche[rubrique], 1)]
    assert found == expected
    assert [(r["etp"], r["base"]) for r in found if r["rubrique"] == "rh"] == [("0.1", ""), ("0.1", "par_structure"),
                                                                               ("0.75", "")]
    assert [(r["montant"], r["base"]) for r in found if r["rubrique"] == "investissement"] == [
        ("", "par_annee"), ("1000", "annuel"), ("2500", "par_structure")]
    years = [r for r in rows(data, "montants-par-annee") if r["fiche"] == "22"]
    assert [(r["rang"], r["annee"], r["montant"]) for r in years] == [("1", "2025", "200"), ("1", "2026", "400"),
                                                                       ("1", "2027", "600")]


def test_fiche_22_in_actions_csv_adds_only_like_figures(data):
    row = next(r for r in rows(data, "actions") if r["numero"] == "22")
    # 0,1 ETP + 0,75 ETP without a base; the 0,1 ETP « par structure » is never added.
    assert (row["rh_etp"], row["rh_lignes"], row["rh_lignes_a_part"]) == ("0.85", "3", "1")
    assert (row["investissement_euros_annuel"], row["investissement_euros_par_annee_2025"],
            row["investissement_euros_par_annee_2026"], row["investissement_euros_par_annee_2027"]) == (
        "1000", "200", "400", "600")
    assert row["investissement_euros_ponctuel"] == ""  # no one-off amount: empty, not 0
    assert row["investissement_lignes_a_part"] == "1"  # 2 500 € per structure stays on its line
    assert row["porteurs"] == "Lot Numérique"
    assert row["partenaires"].split(" ; ")[:3] == ["Silver Geek", "Bibliothèque départementale", "DSD"]


def test_no_zero_where_the_records_give_no_figure(data):
    fiches = {str(f["numero"]): f for f in _yaml("actions")}
    for row in rows(data, "actions"):
        fiche = fiches[row["numero"]]
        for rubrique in ("rh", "investissement"):
            if not isinstance(fiche[rubrique], list):  # « non renseigné »: every count and figure empty
                assert {v for k, v in row.items() if k.startswith(f"{rubrique}_")} == {""}, (row["numero"], rubrique)
        figures = {k: v for k, v in row.items() if k.startswith(("rh_etp", "investissement_euros"))}
        assert "0" not in figures.values()
        plain_etp = [line["etp"] for line in (fiche["rh"] if isinstance(fiche["rh"], list) else [])
                     if "etp" in line and "base" not in line]
        assert row["rh_etp"] == (_number(sum(plain_etp)) if plain_etp else "")
    for line in rows(data, "lignes-ressources"):
        assert line["etp"] != "0" and line["montant"] != "0"
    fiche_12 = next(r for r in rows(data, "actions") if r["numero"] == "12")
    assert (fiche_12["rh_lignes"], fiche_12["investissement_lignes"]) == ("", "")


def test_territories_and_their_figures(data):
    territories = {t["slug"]: t for t in _yaml("diagnostic/epci")}
    for row in rows(data, "territoires"):
        record = territories[row["slug"]]
        assert row["communes"] == str(record["communes"])
        for key in ("population", "densite", "taux_pauvrete", "taux_chomage", "part_personnes_agees"):
            value = record[key]
            assert row[key] == (_number(value["valeur"]) if isinstance(value, dict) and "valeur" in value else ""), key
        # Shares of the elderly measure different ages from one territory to another: each value says which.
        ages = record["part_personnes_agees"]
        assert row["part_personnes_agees_definition"] == (ages["definition"] if isinstance(ages, dict) else "")
    figures = {(r["territoire"], r["chiffre"]): r for r in rows(data, "chiffres-territoires")}
    for slug, record in territories.items():
        for key in ("taux_pauvrete", "taux_chomage"):
            value, row = record[key], figures[slug, key]
            if value == "non renseigné":
                assert {v for k, v in row.items() if k not in ("territoire", "chiffre", "titre")} == {""}
            elif "constat" in value:
                assert (row["valeur"], row["constat"]) == ("", value["constat"])
            else:
                assert (row["valeur"], row["unite"], row["constat"]) == (_number(value["valeur"]), value["unite"], "")


def test_targets_of_fiche_22_and_a_budget_table(data):
    """Figures of the follow-up, from the YAML: a target is a value, a range or words only, never a 0."""
    record = document("suivi/22-esport-intergenerationnel.yml")
    targets = [r for r in rows(data, "cibles") if r["fiche"] == "22"]
    assert sorted((r["texte"], r["valeur"], r["minimum"], r["maximum"], r["unite"]) for r in targets) == sorted(
        (c["texte"], _number(c.get("valeur")), _number(c.get("minimum")), _number(c.get("maximum")), c.get("unite", ""))
        for c in record["cibles"])
    assert [r["statut"] for r in rows(data, "avancement") if r["fiche"] == "22"] == [
        s["statut"] for s in sorted(record["statuts"], key=lambda s: s["date"])]
    statut = next(r for r in rows(data, "actions") if r["numero"] == "22")["statut"]
    assert statut == sorted(record["statuts"], key=lambda s: s["date"])[-1]["statut"]
    table = document("budget/2025-orientation.yml")
    lines = [r for r in rows(data, "lignes-budget") if r["tableau"] == "2025-orientation"]
    assert [(r["objet"], r["montant"], r["fiche"]) for r in lines] == [
        (" ".join(p["objet"].split()), _number(p["montant"]), str(p.get("fiche", ""))) for p in table["postes"]]
    silent = next(r for r in rows(data, "actions") if r["numero"] == "12")
    assert silent["statut"] == "non_renseigne"  # the register says nothing of fiche 12: the default


def test_cells():
    assert [cell(v) for v in (None, 4000, 4000.0, 0.15, 0.1 + 0.75, True, "texte")] == [
        "", "4000", "4000", "0.15", "0.85", "true", "texte"]


# The JSON exports.

def test_the_roadmap_json_holds_every_record_as_its_file_writes_it(data):
    exported = json.loads((data / "feuille-de-route.json").read_text(encoding="utf-8"))
    assert exported["fiches"] == _yaml("actions")
    assert exported["organisations"] == document("data/organisations.yml")
    assert exported["feuille_de_route"] == document("data/feuille-de-route.yml")
    assert exported["vocabulaires"] == {p.stem: document(f"data/vocabulaires/{p.name}")
                                        for p in sorted((ROOT / "data/vocabulaires").glob("*.yml"))}
    diagnostic = exported["diagnostic"]
    assert diagnostic["epci"] == _yaml("diagnostic/epci")
    assert diagnostic["enjeux"] == _yaml("diagnostic/enjeux")
    assert sorted(diagnostic["actions_locales"], key=lambda a: a["slug"]) == sorted(
        _yaml("diagnostic/actions-locales"), key=lambda a: a["slug"])
    for part in ("contexte", "accompagnements", "acteurs", "outils"):
        assert diagnostic[part] == document(f"diagnostic/{part}.yml")
    assert diagnostic["numerique_responsable"] == document("diagnostic/numerique-responsable.yml")
    follow_up = exported["suivi"]
    assert _by_key(follow_up["deliberations"], "slug") == _by_key(_yaml("deliberations"), "slug")
    assert _by_key(follow_up["fiches"], "fiche") == _by_key(_yaml("suivi"), "fiche")
    assert _by_key(follow_up["budget"], "slug") == _by_key(_yaml("budget"), "slug")


def _unordered(record: dict) -> dict:
    """A follow-up record with its lists of dated facts in a fixed order: the export lists them by date (the
    model's order), a file in any order."""
    return {key: sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
            if key in ("statuts", "cibles", "mesures", "jalons", "fiches") else value for key, value in record.items()}


def _by_key(records: list[dict], key: str) -> dict:
    return {record[key]: _unordered(record) for record in records}


def test_every_fiche_has_its_json_next_to_its_page(data, site):
    organisations = document("data/organisations.yml")
    for fiche in _yaml("actions"):
        folder = site / "actions" / fiche["slug"]
        assert (folder / "index.html").exists()
        exported = json.loads((folder / "fiche.json").read_text(encoding="utf-8"))
        assert exported["fiche"] == fiche
        assert exported["page"] == f"/actions/{fiche['slug']}/"
        assert exported["schema"] == "/donnees/schemas/action.schema.json"
        named = {m["organisation"] for m in fiche["porteurs"] + (fiche["partenaires"] if isinstance(
            fiche["partenaires"], list) else []) if "organisation" in m}
        assert exported["noms"]["organisations"] == {key: organisations[key]["nom"] for key in named}
        follow_up = ROOT / "suivi" / f"{fiche['numero']:02d}-{fiche['slug']}.yml"
        if follow_up.exists():
            assert _unordered(exported["suivi"]) == _unordered(yaml.safe_load(follow_up.read_text(encoding="utf-8")))
        else:
            assert "suivi" not in exported
        link = page(site, f"actions/{fiche['slug']}").find("a", href="fiche.json")
        assert link is not None and link.get_text() == "ses données (JSON)"


def test_an_export_read_back_as_records_gives_the_same_roadmap(project):
    """Imports and exports in one format: the JSON of each fiche, written back as its YAML file, is the same
    fiche for the engine."""
    before = load(project)
    for action in before.actions:
        exported = json.loads(exports.files(before)[fiche_json(action.url)])["fiche"]
        (project / action.file).write_text(yaml.safe_dump(exported, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    after = load(project)
    assert records.roadmap(after) == records.roadmap(before)
    action = after.action(22)
    assert (action.intitule, action.rh[1].etp, action.rh[1].base.code,
            action.investissement[0].par_annee[2].montant) == (
        before.action(22).intitule, 0.1, "par_structure", 600)


def _published_schemas(data: Path) -> referencing.Registry:
    resources = []
    for path in sorted((data / "schemas").glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        assert "$id" not in contents  # without the site's address, a file is named by where it is read from
        resources.append((BASE + path.name, referencing.Resource.from_contents(
            contents, default_specification=referencing.jsonschema.DRAFT202012)))
    return referencing.Registry().with_resources(resources)


def test_the_exports_follow_the_published_schemas(data):
    registry = _published_schemas(data)

    def errors(schema: str, value) -> list[str]:
        validator = jsonschema.Draft202012Validator({"$ref": BASE + f"{schema}.schema.json"}, registry=registry)
        return [f"{schema}: {e.json_path}: {e.message}" for e in validator.iter_errors(value)]

    exported = json.loads((data / "feuille-de-route.json").read_text(encoding="utf-8"))
    found = [e for fiche in exported["fiches"] for e in errors("action", fiche)]
    found += errors("organisations", exported["organisations"])
    found += errors("feuille-de-route", exported["feuille_de_route"])
    found += errors("axes", exported["vocabulaires"]["axes"]) + errors("bases", exported["vocabulaires"]["bases"])
    found += [e for t in exported["diagnostic"]["epci"] for e in errors("epci", t)]
    found += [e for t in exported["diagnostic"]["actions_locales"] for e in errors("action-locale", t)]
    found += [e for d in exported["suivi"]["deliberations"] for e in errors("deliberation", d)]
    found += [e for f in exported["suivi"]["fiches"] for e in errors("suivi", f)]
    found += [e for t in exported["suivi"]["budget"] for e in errors("budget", t)]
    assert found == []
    broken = dict(exported["fiches"][0], numero="un")
    assert errors("action", broken) and errors("action", {"numero": 1})


def test_published_schemas_are_the_engine_schemas_in_json(data):
    for source in sorted((ROOT / "roadmap_site/schemas").glob("*.schema.yml")):
        published = (data / "schemas" / source.name.replace(".yml", ".json")).read_text(encoding="utf-8")
        written = re.sub(r"\.schema\.yml(?=#|\")", ".schema.json", json.dumps(
            {k: v for k, v in yaml.safe_load(source.read_text(encoding="utf-8")).items() if k != "$id"}))
        assert json.loads(published) == json.loads(written), source.name


def test_files_of_a_moved_fiche_stay_at_its_old_address(project):
    old = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    (project / "actions/03-reconditionnement-solidaire.yml").write_text(old.read_text(encoding="utf-8").replace(
        "slug: boucle-reconditionnement-solidaire", "slug: reconditionnement-solidaire"), encoding="utf-8")
    old.unlink()
    (project / "data/redirections.yml").write_text(
        "actions/boucle-reconditionnement-solidaire/: actions/reconditionnement-solidaire/\n", encoding="utf-8")
    found = exports.files(load(project))
    for name in ("fiche.json", "modifications.atom"):
        assert found[f"actions/boucle-reconditionnement-solidaire/{name}"] == found[
            f"actions/reconditionnement-solidaire/{name}"]
    assert "fiches/3/fiche.json" not in found  # short links are pages only


def test_the_built_files_are_the_engine_s_bytes(site):
    """The glue writes what the engine returns, and the same records give the same bytes."""
    roadmap = load(ROOT)
    for address, content in exports.files(roadmap).items():
        assert (site / address).read_bytes() == content, address


def test_the_python_example_of_the_page_runs(data):
    text = (ROOT / "docs/donnees.md").read_text(encoding="utf-8")
    [code] = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(code.strip().splitlines()) <= 6
    result = subprocess.run([sys.executable, "-c", code], cwd=data, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    fiches = _yaml("actions")
    assert result.stdout.splitlines() == [f"{f['numero']} {f['intitule']}" for f in fiches]


# The « Données ouvertes » page.

def test_the_page_lists_every_file_with_its_rows(site, data):
    soup = page(site, "donnees")
    listed = {}
    for tr in soup.find(id="legende-donnees-tableaux-table").find("tbody").find_all("tr"):
        link = tr.find("a")
        listed[link["href"]] = tr.find_all("td")[1].get_text(strip=True)
    assert listed == {r["path"]: str(len(rows(data, r["name"]))) for r in descriptor(data)["resources"]}
    hrefs = {a["href"] for a in soup.find("article").find_all("a")}
    assert {"datapackage.json", "feuille-de-route.json", "modifications.atom",
            "../actions/partager-outils-bonnes-pratiques-numerique-responsable/fiche.json",
            "schemas/action.schema.json"} <= hrefs
    text = soup.find("article").get_text(" ")
    assert "Licence Ouverte / Open Licence version 2.0" in text and "etalab-2.0" in text


def test_every_page_links_to_the_open_data_and_the_feed(site):
    """The footer's link to the open data, and the roadmap's feed in the head, on every page; a fiche's own
    feed on its page."""
    fiches = {f"actions/{f['slug']}" for f in _yaml("actions")}
    for html in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        folder = html.parent.relative_to(site).as_posix()

        def target(href: str) -> str:
            return posixpath.normpath(posixpath.join(folder, href))

        [footer] = [a for a in soup.select(".lne-pied a") if a.get_text() == "Données ouvertes"]
        assert target(footer["href"]) == "donnees", folder
        feeds = {(link["title"], target(link["href"])) for link in soup.find_all(
            "link", rel="alternate", type="application/atom+xml")}
        expected = {("Lot Numérique Ensemble 2024-2027 : modifications", "donnees/modifications.atom")}
        if folder in fiches:
            numero = next(f["numero"] for f in _yaml("actions") if f"actions/{f['slug']}" == folder)
            expected.add((f"Fiche n°{numero} : modifications", f"{folder}/modifications.atom"))
        assert feeds == expected, folder
