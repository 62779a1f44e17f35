"""docs/ is code: a hand-written page may only call the site's macros with literal arguments (or print a site
setting), hold no script, event handler or `javascript:` address, and the files of docs/ are named in a-z0-9-
with a known extension. Refused by `make check` and the build before any page renders, with French
messages; a hostile page never runs, even when the check is bypassed (the plugin checks again)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import jinja2
import pytest

from roadmap_site import DataErrors, docs_pages, load
from roadmap_site.macros import macros
from roadmap_site.plugin import Build, RoadmapPlugin
from tests.conftest import ROOT, build

# Two lines of text first: every problem must be reported at line 3.
HEAD = "# Une page\n\nTexte "

JINJA = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    "{{ cycler.__init__.__globals__.os.system('id') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ config }}",
    "{{ config.plugins['macros'] }}",
    "{{ environment }}",
    "{{ page.file.abs_src_path }}",
    "{{ macros_info() }}",
    "{{ context() }}",
    "{{ now() }}",
    "{{ tableau_actions | safe }}",
    "{{ tableau_actions() | e }}",
    "{{ tableau_actions.__globals__ }}",
    "{{ tableau_actions()() }}",
    "{{ tableau_action() }}",
    "{{ regroupement(config) }}",
    "{{ regroupement('port' ~ 'eurs') }}",
    "{{ regroupement(*args) }}",
    "{{ regroupement(partie='porteurs') }}",
    "{{ regroupement(depot.__class__) }}",
    "{{ depot.__class__ }}",
    "{{ depot['__class__'] }}",
    "{{ depot.forge.upper }}",
    "{{ depot.forge | upper }}",
    "{{ editeur.nom or config }}",
    "{{ 7 * 7 }}",
    "{% set x = 1 %}",
    "{% for x in [1] %}{{ x }}{% endfor %}",
    "{% include 'index.md' %}",
    "{% import 'x' as y %}",
    "{% macro m() %}{% endmacro %}",
    "{% if true %}x{% endif %}",
    "{{ tableau_actions()",
    "{% raw %}",
]

MARKUP = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://exemple.invalid/x.js></SCRIPT>",
    "< script>",
    "<iframe src=https://exemple.invalid/></iframe>",
    "<meta http-equiv=refresh content='0;url=https://exemple.invalid/'>",
    "<base href=https://exemple.invalid/>",
    "<object data=x></object>",
    "<embed src=x>",
    "<form action=https://exemple.invalid/>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img/onerror=alert(1)>",
    "<img src=\"x\"/onerror=alert(1)>",
    "<svg><animate onbegin=alert(1) /></svg>",
    "<a href=x onclick\n=alert(1)>",
    "[lien](https://exemple.invalid/){onclick=alert(1)}",
    "{: onmouseover=\"alert(1)\" }",
    "[lien](javascript:alert(1))",
    "[lien](JaVaScRiPt:alert(1))",
    "[lien](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[lien](&#106;avascript:alert(1))",
    "[lien](&#x6A;avascript&colon;alert(1))",
    "[lien](java&Tab;script:alert(1))",
    "[lien](&amp;#106;avascript:alert(1))",
    "<a href=\"java&#10;script:alert(1)\">x</a>",
    "<a href=\"java\nscript:alert(1)\">x</a>",
    "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
]

ALLOWED = [
    "{{ tableau_actions() }}",
    "{{ regroupement(\"porteurs\") }} et {{ totaux() }}",
    "{{ engagement([\"solidaire\", \"responsable\", \"innovant\"]) }}",
    "{{ mentions_legales(editeur) }}",
    "{{ depot.forge }}, {{ depot.adresse }}/blob/{{ depot.branche }}/",
    "{{ depot.relecture or \"une personne désignée\" }}",
    "{# un commentaire #}",
    "Le JavaScript : aucun. Les mots onze, ont, condition=1, data-onclick=\"x\" et <strong>gras</strong>.",
    "[lien](https://exemple.invalid/?a=1&b=2) <a href=\"/actions/\">actions</a>",
]


@pytest.mark.parametrize("text", JINJA + MARKUP)
def test_a_hostile_page_is_refused_at_its_line(text):
    found = docs_pages.page_problems(HEAD + text + "\n\nFin.\n", "docs/x.md")
    assert found, text
    assert {p.line for p in found} == {3}
    assert all(str(p).startswith("docs/x.md:3: ") for p in found)


@pytest.mark.parametrize("text", ALLOWED)
def test_macro_calls_and_settings_are_allowed(text):
    assert docs_pages.page_problems(HEAD + text + "\n", "docs/x.md") == []


def test_the_pages_of_both_roadmaps_pass():
    assert docs_pages.problems(ROOT) == []
    assert docs_pages.problems(ROOT / "tests" / "exemple") == []


def test_the_macros_registered_are_exactly_those_a_page_may_call(roadmap):
    registered = macros(roadmap, lambda: "actions/")
    assert list(registered) == list(docs_pages.MACROS)
    assert len(registered) > 10
    fiche = roadmap.actions[0].url  # "actions/…/": the links lead there from the page being rendered
    assert f'href="{fiche.removeprefix("actions/")}"' in registered["tableau_actions"]()
    assert f'href="{fiche}"' in macros(roadmap, lambda: "")["tableau_actions"]()


@pytest.mark.parametrize("name", ["Ma Page.md", "page_2.md", "Page.md", "été.md", "page.MD", "x", "x.html",
                                  "x.htm", "x.svg", "x.js", "x.css", "carte.PNG", "x.tar.gz", "-x.md",
                                  "Dossier/page.md", "sous dossier/page.md", "a--b.md"])
def test_a_badly_named_or_active_file_is_refused(project, name):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Titre\n", encoding="utf-8")
    found = docs_pages.problems(project)
    assert [p.file for p in found] == [f"docs/{name}"]
    assert "docs/" in found[0].message


@pytest.mark.parametrize("name", ["carte-du-lot.png", "photo-2024.jpg", "rapport.pdf", "annexes/tableau-1.ods",
                                  "nouvelle-page.md", "a/b/c.md"])
def test_well_named_files_pass(project, name):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"# Titre\n" if name.endswith(".md") else b"\x89PNG")
    assert docs_pages.problems(project) == []


@pytest.mark.parametrize("link", ["page-liee.md", "dossier"])
def test_a_symbolic_link_is_refused(project, tmp_path, link):
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs" / "secret.md").write_text("secret\n", encoding="utf-8")
    target = tmp_path / "ailleurs" / ("secret.md" if link.endswith(".md") else "")
    (project / "docs" / link).symlink_to(target)
    found = docs_pages.problems(project)
    assert found and all("lien symbolique" in p.message for p in found)


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "roadmap_site", "check", str(project)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_make_check_reports_docs_problems_with_the_data_errors(project):
    (project / "docs" / "x.md").write_text("# X\n\n{{ config }}\n<script>x</script>\n", encoding="utf-8")
    (project / "docs" / "Y.html").write_text("<p>\n", encoding="utf-8")
    action = next((project / "actions").glob("01-*.yml"))
    action.write_text(action.read_text(encoding="utf-8").replace("axe: responsable", "axe: inconnu"),
                      encoding="utf-8")
    result = _check(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "docs/x.md:3: entre {{ }}" in out
    assert "docs/x.md:4: l'élément HTML « <script> »" in out
    assert "docs/Y.html: nom de fichier refusé" in out
    assert action.name in out  # the data error too, all at once
    with pytest.raises(DataErrors):
        load(project)


def _payload(target: Path) -> str:
    return "{{ cycler.__init__.__globals__.os.system('touch " + str(target) + "') }}"


def test_the_payload_does_run_in_plain_jinja(tmp_path):
    """The gadget of the next tests is real: unchecked, Jinja runs the command."""
    target = tmp_path / "pwned"
    jinja2.Environment().from_string(_payload(target)).render()
    assert target.exists()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["page", "titre"])
def test_a_hostile_page_never_runs_in_the_build(project, tmp_path, where):
    target = tmp_path / "pwned"
    text = (f"---\ntitle: \"{_payload(target)}\"\n---\n\n# Page\n" if where == "titre"
            else f"# Page\n\n{_payload(target)}\n")
    (project / "docs" / "piege.md").write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/piege.md:" in result.stderr and "le site n'a pas été construit" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


# A build in which roadmap_site.load does not check docs/ (as if the check were bypassed): the plugin still
# refuses to render the page, whose text stays as written.
BYPASSED = """
from pathlib import Path
import roadmap_site.docs_pages
roadmap_site.docs_pages.problems = lambda root: []
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(str(Path({project!r}) / "mkdocs.yml"), site_dir={site!r}, strict=False))
"""


def test_the_plugin_never_renders_a_refused_page(project, tmp_path):
    target = tmp_path / "pwned"
    (project / "docs" / "piege.md").write_text(f"# Page\n\n{_payload(target)}\n\n{{{{ totaux() }}}}\n",
                                               encoding="utf-8")
    site = tmp_path / "site"
    script = BYPASSED.format(project=str(project), site=str(site))
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert not target.exists()
    page = (site / "piege" / "index.html").read_text(encoding="utf-8")
    assert "{{ cycler." in page  # left as written, not rendered
    assert "{{ totaux() }}" in page  # no macro of that page ran either


def _plugin() -> RoadmapPlugin:
    """The plugin in the middle of a build without generated pages."""
    plugin = RoadmapPlugin()
    plugin.build = Build(roadmap=None, specs={}, feeds=[], errors=None)
    return plugin


@pytest.mark.parametrize("name", ["a?b=1.md", "a#b.md", "a b.md", "a\"b.md", "a%2Fb.md", "été.md",
                                  "a<b>.md", "a&b;c.md"])
def test_the_edit_link_encodes_the_path(name):
    """Whatever a file is named, the « Modifier » link leads to that file of the forge, never elsewhere."""
    modifier = "https://forge.invalid/o/r/edit/main/"
    page = SimpleNamespace(file=SimpleNamespace(src_uri=name), title=None, edit_url=None)
    config = SimpleNamespace(docs_dir=str(ROOT / "docs"), config_file_path=str(ROOT / "mkdocs.yml"),
                             extra={"depot": {"modifier": modifier, "confirme": True}})
    url = _plugin().on_pre_page(page, config, None).edit_url
    parts = urlsplit(url)
    assert url.startswith(modifier) and not parts.query and not parts.fragment
    assert not set(url) & set(" \"<>")
    assert unquote(url.removeprefix(modifier)) == "docs/" + name
