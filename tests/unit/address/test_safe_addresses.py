"""No change to the data can make the site publish at a wrong address (roadmap_site/address.py): a redirection
over the home page, a page, a short link, another redirection or a file of the site is refused with its
file and line; the build writes nothing outside the site folder; only the build's own compressed copies
are left in the site."""

from __future__ import annotations

import gzip

import pytest

from roadmap_site import load
from roadmap_site.address import AddressError, OutsideSite, base, fault, file, inside, page
from roadmap_site.exports import write as write_exports
from roadmap_site.model import Redirection
from roadmap_site.pages import PageSpec, redirection_problems
from roadmap_site.problems import DataErrors
from roadmap_site.publish import precompress

TARGET = "actions/boucle-reconditionnement-solidaire/"
VALID = ["", "a/", "0/", "-/", "a--b/", "actions/x/", "fiches/12/", "a/b/c/d/e/", "x" * 300 + "/"]
INVALID = ["/", "./", "../", "a/../", "../../../tmp/x/", "a//b/", "/a/", "a", "a/b", "A/", "é/", "a b/", "a\tb/",
           "a\n/", "a\x1b/", "a\u200b/", "sitemap.xml/", "404.html/", "donnees/actions.csv/", "a_b/", 'a"/', "a;/",
           "$x/", "a%2e/", "a\\b/"]


@pytest.mark.parametrize("text", VALID)
def test_valid_addresses_pass(text):
    assert fault(text) is None and page(text) == text


@pytest.mark.parametrize("text", INVALID)
def test_invalid_addresses_are_refused_in_french_without_raw_control_characters(text):
    message = fault(text)
    assert message and "attendu" in message
    assert message.isprintable(), message
    with pytest.raises(AddressError):
        page(text)


@pytest.mark.parametrize("folder, name", [("donnees/", "../x.csv"), ("donnees/", "a/b.csv"), ("../", "x.csv"),
                                          ("donnees/", "x"), ("donnees/", ".x"), ("donnees/", "x.csv\n")])
def test_a_file_address_is_a_page_folder_and_a_file_name(folder, name):
    with pytest.raises(AddressError):
        file(folder, name)


def test_every_generated_page_and_data_file_has_a_valid_address(roadmap):
    from roadmap_site import exports
    from roadmap_site.pages import page_specs, redirections

    assert all(fault(spec.url) is None for spec in page_specs(roadmap))
    assert all(fault(m.ancienne) is None and fault(m.nouvelle) is None for m in redirections(roadmap))
    for address in exports.addresses(roadmap):
        folder, name = address.rsplit("/", 1)
        assert file(folder + "/", name) == address


@pytest.mark.parametrize("url", ["../x/", "actions/../../x/", "A/"])
def test_a_page_spec_refuses_a_malformed_address(url):
    with pytest.raises(AddressError):
        PageSpec(url, "t", "fiche.html", dict, "x", None)


@pytest.mark.parametrize("site_url, expected", [(None, "/"), ("https://exemple.fr", "/"), ("https://exemple.fr/", "/"),
                                                ("https://exemple.fr/feuille-de-route/", "/feuille-de-route/"),
                                                ("https://x.github.io/Lot_2024/v1.2", "/Lot_2024/v1.2/")])
def test_the_site_path(site_url, expected):
    assert base(site_url) == expected


PAGES = {"", "actions/", TARGET}
FILES = {"donnees/actions.csv", "ancien", "plan/index.html"}


def problems(*olds: str) -> list[str]:
    moves = [Redirection("fiches/3/", TARGET, "actions/03-boucle.yml", None)]
    moves += [Redirection(old, TARGET, "data/redirections.yml", n) for n, old in enumerate(olds, 10)]
    return [str(p) for p in redirection_problems(moves, PAGES.__contains__, FILES)]


@pytest.mark.parametrize("old, message", [
    ("", "est encore une page du site"),  # the home page
    ("actions/", "est encore une page du site"),
    (TARGET, "est encore une page du site"),
    ("fiches/3/", "a déjà une règle (lien court de la fiche actions/03-boucle.yml)"),
    ("ancien/", "prendrait la place du fichier « ancien »"),
    ("ancien/sous/page/", "prendrait la place du fichier « ancien »"),
    ("plan/", "prendrait la place du fichier « plan/index.html »"),
    ("./", "attendu"), ("../../x/", "attendu"), ("sitemap.xml/", "attendu"),
    ("donnees/actions.csv/", "attendu"), ("a b/", "attendu"),
])
def test_a_redirection_never_takes_the_place_of_a_page_a_file_or_another_rule(old, message):
    found = problems(old)
    assert len(found) == 1 and found[0].startswith(f"data/redirections.yml:10: {old + ': ' if old else ''}"), found
    assert message in found[0]


def test_a_redirection_listed_twice_is_refused_at_its_second_line():
    assert problems("ancienne/", "ancienne/") == [
        "data/redirections.yml:11: ancienne/: cette adresse a déjà une règle (data/redirections.yml, ligne 10) : "
        "une adresse ne mène qu'à une page ; retirez cette ligne"]


@pytest.mark.parametrize("line, message", [
    ("fiches/5/: actions/\n", "cette adresse a déjà une règle (lien court de la fiche actions/05-"),
    ("donnees/: actions/\n", "cette adresse est encore une page du site"),
    ("\"./\": actions/\n", "ne convient pas"),
    ("\"../../x/\": actions/\n", "ne convient pas"),
    ("sitemap.xml/: actions/\n", "ne convient pas"),
    ("ancien/: actions/\n", "prendrait la place du fichier « ancien » du site"),
])
def test_make_check_refuses_them_in_the_real_data(project, line, message):
    (project / "docs/ancien").write_text("un fichier sans extension\n", encoding="utf-8")
    with (project / "data/redirections.yml").open("a", encoding="utf-8") as out:
        out.write(line)
    with pytest.raises(DataErrors) as raised:
        load(project)
    report = raised.value.report()
    assert report.startswith("data/redirections.yml:10: ") and message in report, report


@pytest.mark.parametrize("name", ["index.html.gz", "actions/index.html.br", "assets/stylesheets/lne.css.gz"])
def test_a_compressed_copy_in_docs_is_refused(project, name):
    (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / name).write_bytes(gzip.compress(b"<h1>autre page</h1>"))
    with pytest.raises(DataErrors) as raised:
        load(project)
    assert (f"docs/{name}: une copie compressée (.gz, .br) dans docs/ serait envoyée par le serveur"
            in raised.value.report())


def test_a_hand_written_page_at_a_generated_pages_address_is_refused(project):
    for name in (f"docs/{TARGET.rstrip('/')}.md", f"docs/{TARGET}index.md"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("# Autre page\n", encoding="utf-8")
        with pytest.raises(DataErrors) as raised:
            load(project)
        assert f"{name}: cette page aurait l'adresse « {TARGET} » d'une page produite" in raised.value.report()
        (project / name).unlink()


@pytest.mark.parametrize("address", ["../x", "a/../../x", "/etc/x", "", ".", "lien/x", "lien/../../x"])
def test_the_build_writes_nothing_outside_the_site(tmp_path, address):
    site, outside = tmp_path / "site", tmp_path / "ailleurs"
    site.mkdir()
    outside.mkdir()
    (site / "lien").symlink_to(outside)  # a folder of the site that leads elsewhere
    with pytest.raises(OutsideSite, match="hors du dossier du site"):
        inside(site, address)
    assert inside(site, "a/b/index.html") == site.resolve() / "a/b/index.html"


def test_the_data_files_and_compressed_copies_go_through_the_guard(tmp_path, roadmap):
    site, outside = tmp_path / "site", tmp_path / "ailleurs"
    site.mkdir()
    outside.mkdir()
    (site / "donnees").symlink_to(outside)
    with pytest.raises(OutsideSite):
        write_exports(site, roadmap)
    (site / "donnees").unlink()
    (site / "page.css").write_text("p { color: red; }\n" * 500, encoding="utf-8")
    (outside / "victime").write_text("intacte", encoding="utf-8")
    (site / "page.css.gz").symlink_to(outside / "victime")  # its copy would be written through the link
    with pytest.raises(OutsideSite):
        precompress(site)
    assert [p.name for p in outside.iterdir()] == ["victime"] and (outside / "victime").read_text() == "intacte"


@pytest.mark.parametrize("planted", ["index.html.gz", "actions/index.html.br", "sitemap.xml.gz", "deep/x/y.txt.gz",
                                     "page.css.br"])
def test_only_the_builds_own_compressed_copies_stay(tmp_path, planted):
    site = tmp_path / "site"
    (site / "actions").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Accueil</h1>", encoding="utf-8")
    (site / "page.css").write_text("p { color: red; }\n" * 500, encoding="utf-8")
    (site / planted).parent.mkdir(parents=True, exist_ok=True)
    (site / planted).write_bytes(gzip.compress(b"<h1>Autre chose</h1>"))
    written = precompress(site)
    copies = {p for suffix in (".gz", ".br") for p in site.rglob("*" + suffix)}
    assert copies == set(written) and (site / "page.css.gz") in copies
    if planted != "page.css.br":
        assert not (site / planted).exists()
    else:  # the build's own copy, rewritten over the planted one
        assert (site / planted).read_bytes() != gzip.compress(b"<h1>Autre chose</h1>")
