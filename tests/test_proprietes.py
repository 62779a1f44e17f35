"""Property-based tests (Hypothesis): generated fiches — valid ones, and ones broken in each way the schema
forbids, with unicode, markup and template syntax in their text — never crash the check, are accepted
exactly when valid, and a valid fiche always renders its text literally. The reader never raises, whatever
the bytes.

The records are written as YAML by this test's own writer: a text is written unquoted only when it is
plainly safe to type so, otherwise between double quotes, as the contributor guide asks of staff.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from roadmap_site import views
from roadmap_site.build import action as build_action
from roadmap_site.characters import DIRECTION
from roadmap_site.check import check_sources
from roadmap_site.pages import Trail
from roadmap_site.read import parse, read_file
from roadmap_site.render import render
from roadmap_site.schema import SchemaSet
from roadmap_site.sources import read_sources
from tests.conftest import ROOT

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HOSTILE = ["{{ 7*7 }}", "{% raw %}", "{% endraw %}", "<script>alert(1)</script>", "</title>",
           "{onclick=alert(1) style=color:red}",
           "{: .classe }", "&amp;", "&lt;b&gt;", "**gras**", "# titre", "[lien](https://exemple.org)", "<b>", "`code`",
           "| a | b |", "---", "- élément", "> citation", "\\", "\"", "'", "#", ": ", " #", "&Co", "*important*",
           "!Attention", "%", "@", "non renseigné", "\u00a0", "\u202f", "é", "œ", "🙂", "€", "  "]
ADOPTED = 22  # data/feuille-de-route.yml, source.fiches


# --- The project's own vocabularies, read once. -------------------------------------------------------

@pytest.fixture(scope="module")
def base(roadmap):
    schemas, _ = SchemaSet.read()
    sources, problems = read_sources(ROOT)
    assert problems == []
    sources.collections = {name: [] for name in sources.collections}
    for name in ("contexte", "accompagnements", "acteurs", "numerique_responsable", "outils"):
        sources.documents[name] = None
    return sources, schemas, roadmap


def vocabulary(roadmap):
    pairs = [(axe.code, objectif.code) for axe in roadmap.axes for objectif in axe.objectifs]
    yearly = sorted(code for code, term in roadmap.bases.items() if getattr(term, "cumul", None) == "par_annee")
    other = sorted(code for code in roadmap.bases if code not in yearly)
    return pairs, sorted(roadmap.programmes), sorted(roadmap.organisations), yearly, other, \
        sorted(roadmap.vocabularies["publics"])


# --- Strategies. ----------------------------------------------------------------------------------------

def texts(min_size: int = 1):
    allowed = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=DIRECTION | {"\u2028", "\u2029"})
    fragment = st.one_of(st.text(allowed, min_size=1, max_size=12),
                         st.sampled_from(HOSTILE), st.from_regex(r"[A-Za-zÀ-ÿ][a-zà-ÿ' ,.()-]{0,20}", fullmatch=True))
    return st.lists(fragment, min_size=1, max_size=4).map("".join).map(
        lambda t: t if len(t) >= min_size else t + " texte")


def maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def fiches(draw, roadmap):
    pairs, programmes, organisations, yearly, other, publics = vocabulary(roadmap)
    axe, objectif = draw(st.sampled_from(pairs))
    numero = draw(st.integers(1, 60))
    text_list = st.lists(texts(), min_size=1, max_size=3)
    or_not_given = lambda s: st.one_of(st.just("non renseigné"), s)  # noqa: E731
    paragraph = st.builds(lambda t: {"texte": t}, texts())
    item = st.one_of(texts(), st.builds(lambda t, s: {"texte": t, "sous_liste": s}, texts(), text_list))
    bullet = st.builds(lambda items: {"liste": items}, st.lists(item, min_size=1, max_size=3))
    part = st.builds(lambda t, c: {"partie": t, "contenu": c}, texts(),
                     st.lists(st.one_of(paragraph, bullet), min_size=1, max_size=2))
    content = st.lists(st.one_of(paragraph, bullet, part), min_size=1, max_size=3)
    organisation = st.sampled_from(organisations)

    def mention(carrier: bool):
        """A carrier names an organisation; a partner an organisation, a text or both."""
        forms = ("organisation", "both") if carrier else ("organisation", "texte", "both")
        keys = {"forme": st.sampled_from(forms), "organisation": organisation, "texte": texts(),
                "precision": maybe(texts()), "groupe": st.none() if carrier else maybe(texts())}

        def shape(d):
            drop = {"forme", "texte" if d["forme"] == "organisation" else "",
                    "organisation" if d["forme"] == "texte" else ""}
            return {k: v for k, v in d.items() if k not in drop and v is not None}
        return st.fixed_dictionaries(keys).map(shape)

    etp = st.integers(1, 300).map(lambda n: n / 100)
    rh_line = st.one_of(
        st.builds(lambda t: {"texte": t}, texts()),
        st.builds(lambda t, e: {"texte": t, "etp": e}, texts(), etp),
        st.builds(lambda t, e, b: {"texte": t, "etp": e, "base": b}, texts(), etp, st.sampled_from(other)))
    amount = st.one_of(st.integers(1, 10_000_000), st.integers(1, 10**6).map(lambda n: n / 10))
    years = st.lists(st.integers(2000, 2040), min_size=1, max_size=3, unique=True)
    investment_line = st.one_of(
        st.builds(lambda t, o: {"texte": t, **({"objet": o} if o else {})}, texts(), maybe(texts())),
        st.builds(lambda t, m, b: {"texte": t, "montant": m, "base": b}, texts(), amount, st.sampled_from(other)),
        st.builds(lambda t, ys, b, m: {"texte": t, "base": b, "par_annee": [{"annee": y, "montant": m} for y in ys]},
                  texts(), years, st.sampled_from(yearly), amount) if yearly else st.nothing())
    slug = draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))
    data = {
        "numero": numero, "slug": slug, "programme": draw(st.sampled_from(programmes)), "axe": axe,
        "objectif": objectif, "intitule": draw(texts(5)), "public_cible": draw(text_list),
        "publics": draw(st.lists(st.sampled_from(publics), min_size=1, max_size=3, unique=True)),
        "enjeux": draw(content), "description": draw(content),
        "porteurs": draw(st.lists(mention(True), min_size=1, max_size=2)),
        "partenaires": draw(or_not_given(st.lists(mention(False), min_size=1, max_size=3))),
        "freins": draw(or_not_given(text_list)), "leviers": draw(or_not_given(text_list)),
        "rh": draw(or_not_given(st.lists(rh_line, min_size=1, max_size=2))),
        "investissement": draw(or_not_given(st.lists(investment_line, min_size=1, max_size=3))),
        "ressources_existantes": draw(or_not_given(text_list)),
        "indicateurs": {"quantitatifs": draw(text_list),
                        **({"qualitatifs": q} if (q := draw(maybe(text_list))) else {})},
    }
    if numero <= ADOPTED:
        data["source"] = {"fiche": numero, "page": draw(st.integers(1, 99)), "section": draw(texts()),
                          "notes": draw(st.lists(texts(), max_size=2))}
    return data


# --- This test's own YAML writer. -------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-zÀ-ÿ](?:[A-Za-zÀ-ÿ0-9 ,.'()]*[A-Za-zÀ-ÿ0-9.)])?")
_WORDS_YAML_READS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def scalar(value, plain: bool) -> str:
    if isinstance(value, bool) or value is None:
        raise AssertionError("no booleans nor empty values in a fiche")
    if isinstance(value, (int, float)):
        return repr(value)
    if plain and _PLAIN.fullmatch(value) and value.lower() not in _WORDS_YAML_READS and "  " not in value:
        return value
    return quoted(value)


def quoted(text: str) -> str:
    """A YAML double-quoted string holding exactly `text`: every character but printable ASCII escaped."""
    out = []
    for char in text:
        code = ord(char)
        if 0x20 <= code < 0x7F and char not in '"\\':
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def dump(value, plain: bool, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{dump(item, plain, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {scalar(item, plain) if not isinstance(item, list) else '[]'}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = dump(item, plain, indent + 2)
            lines.append(f"{pad}- {inner[indent + 2:]}")
        else:
            lines.append(f"{pad}- {scalar(item, plain)}")
    return "\n".join(lines)


def file_name(data: dict) -> str:
    numero, slug = data.get("numero"), data.get("slug")
    if isinstance(numero, int) and isinstance(slug, str) and re.fullmatch(r"[a-z0-9-]+", slug):
        return f"actions/{numero:02d}-{slug}.yml"
    return "actions/99-fiche.yml"


def problems_of(base, data: dict, plain: bool) -> tuple[list[str], object]:
    sources, schemas, _ = base
    name = file_name(data)
    document, problems = parse(dump(data, plain) + "\n", name, ROOT / name)
    if document is not None:
        sources = replace(sources, collections={**sources.collections, "actions": [document]})
        problems += check_sources(ROOT, sources, schemas)
    return [str(p) for p in problems], document


# --- Properties. ---------------------------------------------------------------------------------------

@settings(max_examples=50, **SETTINGS)
@given(data=st.data(), plain=st.booleans())
def test_a_valid_fiche_is_accepted_as_written(base, data, plain):
    fiche = data.draw(fiches(base[2]))
    problems, document = problems_of(base, fiche, plain)
    assert problems == []
    assert document.data == fiche


def _drop(key):
    def mutation(fiche, _draw):
        fiche.pop(key, None)
        return key
    return mutation


def _set(path, value):
    def mutation(fiche, _draw):
        target = fiche
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        return re.sub(r"\.(\d+)", r"[\1]", ".".join(map(str, path)))
    return mutation


def _other_axis_objective(fiche, _draw):
    fiche["objectif"] = "9.9"
    return "objectif"


def _swap_source(fiche, _draw):
    if "source" in fiche:
        del fiche["source"]
    else:
        fiche["source"] = {"fiche": fiche["numero"], "page": 1, "section": "Section", "notes": []}
    return "source"


MUTATIONS = [_drop(k) for k in ("numero", "slug", "programme", "axe", "objectif", "intitule", "public_cible",
                                "publics", "enjeux", "description", "porteurs", "partenaires", "freins", "leviers",
                                "rh", "investissement", "ressources_existantes", "indicateurs")] + [
    _set(("champ_inconnu",), "valeur"), _set(("intitule",), 12345), _set(("intitule",), "abc"),
    _set(("axe",), "axe-inconnu"), _set(("public_cible",), []), _set(("public_cible",), "un texte seul"),
    _set(("publics",), []), _set(("publics",), ["categorie-inconnue"]), _set(("publics",), "seniors"),
    _set(("numero",), 0), _set(("numero",), "trois"), _set(("slug",), "Slug Invalide"),
    _set(("porteurs", 0, "organisation"), "organisation-inconnue"), _set(("porteurs", 0, "role"), "x"),
    _set(("indicateurs", "quantitatifs"), "un texte seul"), _set(("enjeux",), [{"paragraphe": "x"}]),
    _set(("freins",), "aucun"), _set(("rh",), [{"etp": 0.5}]), _set(("rh",), [{"texte": "x", "etp": -1}]),
    _set(("investissement",), [{"texte": "x", "montant": 100}]),
    _set(("investissement",), [{"texte": "x", "montant": "4 000 €", "base": "ponctuel"}]),
    _other_axis_objective, _swap_source,
]


@settings(max_examples=100, **SETTINGS)
@given(data=st.data(), plain=st.booleans(), mutation=st.sampled_from(MUTATIONS))
def test_a_broken_fiche_is_refused_with_a_french_message_on_the_broken_field(base, data, plain, mutation):
    fiche = copy.deepcopy(data.draw(fiches(base[2])))
    field = mutation(fiche, data.draw)
    problems, _ = problems_of(base, fiche, plain)
    assert problems, f"{field} cassé mais accepté"
    assert any(f": {field}" in p for p in problems), problems
    assert all(re.match(r"actions/[^:]+:\d+: ", p) for p in problems), problems
    assert not any(word in p for p in problems for word in ("Traceback", "Error", "expected", "found"))


def _texts_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("organisation", "base"):
                yield from _texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts_of(item)


@settings(max_examples=30, **SETTINGS)
@given(data=st.data())
def test_a_valid_fiche_renders_its_text_literally(base, data):
    _sources, _schemas, roadmap = base
    fiche = data.draw(fiches(roadmap))
    problems, document = problems_of(base, fiche, plain=False)
    assert problems == []
    axes = {a.code: a for a in roadmap.axes}
    objectifs = {o.code: o for a in roadmap.axes for o in a.objectifs}
    action = build_action(document, axes, objectifs, roadmap.vocabularies, dict(roadmap.organisations),
                          roadmap.identite.porteur)
    plan_only = replace(roadmap, suivi=None)  # the generated fiche has no follow-up of its own
    html = render("fiche.html", action.url, trail=Trail(action.axe.url, None, None), **views.fiche(plan_only, action))
    for text in _texts_of({k: v for k, v in fiche.items()
                           if k not in ("slug", "programme", "axe", "objectif", "publics")}):
        if text != "non renseigné":
            assert str(escape(text)) in html, text
    assert BeautifulSoup(html, "html.parser").find("h1").get_text() == fiche["intitule"]
    assert "<script" not in html and "onclick=" not in html.replace("{onclick=", "")


# --- The reader, whatever it is given. -------------------------------------------------------------------

YAML_PIECES = ["- ", ": ", "\n", "  ", "    ", "&a ", "*a ", "!t ", "!!str ", "{", "}", "[", "]", ", ", "# ", "'",
               '"', "|", ">-", "<<: ", "---\n", "...\n", "\t", "\u00a0", "\u202f", "\ufeff", "yes", "no", "4.000",
               "0400", ".inf", "2024-10-21", "3.0", "é", "\x00", "\x0c", "\r", "?", "%YAML 1.1\n", "@", "`", "a", "b",
               "texte", "1", "~", "null", "=", "\\", "\\x", "\u2028"]


@settings(max_examples=300, **SETTINGS)
@given(st.one_of(st.text(), st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)))
def test_the_reader_never_raises(text):
    document, problems = parse(text, "actions/99-x.yml")
    assert document is not None or problems
    for problem in problems:
        assert str(problem).startswith("actions/99-x.yml")


@settings(max_examples=100, **SETTINGS)
@given(st.binary(max_size=300))
def test_the_reader_never_raises_on_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("octets") / "fiche.yml"
    path.write_bytes(raw)
    document, problems = read_file(path, path.parent)
    assert document is not None or problems


@settings(max_examples=200, **SETTINGS)
@given(st.integers(-10**12, 10**12), st.integers(0, 10**6), st.integers(1, 6))
def test_numbers_are_read_only_in_their_unambiguous_form(whole, decimals, width):
    document, problems = parse(f"nombre: {whole}\n", "f.yml")
    assert problems == [] and document.data == {"nombre": whole} and type(document.data["nombre"]) is int
    written = f"{abs(whole)}.{decimals:0{width}d}"[: len(str(abs(whole))) + 1 + width]
    text = ("-" if whole < 0 else "") + written
    document, problems = parse(f"nombre: {text}\n", "f.yml")
    ambiguous = width == 3 and abs(whole) != 0
    if ambiguous:
        assert document.data == {"nombre": text} and len(problems) == 1 and "est ambigu" in str(problems[0])
    else:
        assert problems == [] and document.data == {"nombre": float(text)}


def test_a_generated_fiche_file_is_written_as_staff_would():
    """The writer of this test: what it quotes and what it leaves plain."""
    assert dump({"a": "Texte simple", "b": "non : deux points", "c": "no", "d": ["x", {"e": 1.5}]}, True) == (
        'a: Texte simple\nb: "non : deux points"\nc: "no"\nd:\n  - x\n  - e: 1.5')
