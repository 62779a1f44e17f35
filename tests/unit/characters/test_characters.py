"""Characters in values (issue 18, classes 3, 4 and 8): every pattern matches the whole value; control,
direction and invisible characters are refused, and named, never printed raw; a value that differs from the
expected one only by a character that is not what it looks like is told so, with the character and where it
is; one mistake gets one message."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import find
from hypothesis import strategies as st

from roadmap_site import load, rules
from roadmap_site.characters import DIRECTION, ZERO_WIDTH, forbidden, shown
from roadmap_site.check import schema_errors, validate
from roadmap_site.messages import Explainer
from roadmap_site.problems import DataErrors, Problem
from roadmap_site.read import _ESCAPES, parse
from roadmap_site.schema import SchemaSet, Validators
from roadmap_site.sources import COLLECTIONS, DOCUMENTS, read_sources
from tests.conftest import ROOT
from tests.site.test_staff_mistakes import data_copy

# --- Class 3: a pattern matches the whole value. --------------------------------------------------------


def _patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


SCHEMAS = SchemaSet.read()[0]
PATTERNS = sorted({p for schema in SCHEMAS.raw.values() for p in _patterns(schema)})


def _one(schema: dict) -> tuple[Validators, Explainer]:
    """The engine's validators and explainer for a single test schema « essai »."""
    schemas = SchemaSet({"essai": {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                   "$id": "https://essai/essai.schema.yml", **schema}})
    return Validators(schemas, {}), Explainer(schemas)


def test_every_schema_has_patterns():
    assert len(PATTERNS) >= 8


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_line_break_before_or_after_a_valid_value_is_refused(pattern):
    value = find(st.from_regex(pattern, fullmatch=True), lambda text: True)
    validators, _ = _one({"type": "string", "pattern": pattern})
    assert validators.is_valid("essai", value) and not validators.errors("essai", value), value
    for wrong in (value + "\n", "\n" + value, value + "\r\n", value + "\n\n"):
        assert not validators.is_valid("essai", wrong), repr(wrong)
        assert [e.validator for e in validators.errors("essai", wrong)] == ["pattern"], repr(wrong)


def _real_documents():
    """(schema, document) of one real record of each kind, with the bound validators and explainer."""
    sources, problems = read_sources(ROOT)
    assert problems == []
    vocabularies = rules.vocabularies(ROOT, sources)
    vocabularies.update({name: [] for name in SCHEMAS.vocabulary_names() - set(vocabularies)})
    found = [(name if name in SCHEMAS.raw else "vocabulaire", d) for name, d in sources.vocabularies.items()]
    found += [(single.schema, sources.documents[name]) for name, single in DOCUMENTS.items()
              if sources.documents[name] is not None]
    found += [(c.schema, d) for name, c in COLLECTIONS.items() for d in sources.collections[name]]
    one = {}
    for schema, document in found:
        one.setdefault(schema, document)
    return list(one.items()), SCHEMAS.bind(vocabularies), Explainer(SCHEMAS)


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


def _with(document, path, value):
    changed = copy.copy(document)
    changed.data = copy.deepcopy(document.data)
    target = changed.data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def _problems(validators, explainer, schema, document):
    return validate(explainer, document, schema_errors(validators, schema, document))


@pytest.fixture(scope="module")
def identifiers():
    """Every text of the real records that the schema constrains (a pattern, a vocabulary, a fixed value):
    the fields that are identifiers, found by the schema, not by a list kept here."""
    documents, validators, explainer = _real_documents()
    found = []
    for schema, document in documents:
        for path, value in _leaves(document.data):
            if value and _problems(validators, explainer, schema, _with(document, path, "zz-inconnu-zz")):
                found.append((schema, document, path, value))
    return found, validators, explainer


def test_a_line_break_after_a_real_identifier_is_refused(identifiers):
    found, validators, explainer = identifiers
    assert len({schema for schema, *_ in found}) >= 10
    for schema, document, path, value in found:
        problems = _problems(validators, explainer, schema, _with(document, path, value + "\n"))
        assert problems, (document.name, path)
        assert "\n" not in "".join(map(str, problems))


@pytest.mark.parametrize("char", sorted(ZERO_WIDTH))
def test_an_invisible_character_in_an_identifier_is_refused_and_named(identifiers, char):
    found, validators, explainer = identifiers
    for schema, document, path, value in found:
        problems = _problems(validators, explainer, schema, _with(document, path, value[:1] + char + value[1:]))
        where = f"après « {value[:1]} »" if len(value) > 1 else "à la fin"
        assert [f"U+{ord(char):04X}" in str(p) and where in str(p) for p in problems] == [True], (
            document.name, path, problems)


def test_a_final_line_break_is_no_part_of_a_match():
    """`$` is the end of the text (ECMAScript), not the place before a final line break (Python's re.search):
    « abc\\n », which a block scalar gives, is no slug."""
    validators, explainer = _one({"type": "object", "properties": {"slug": {
        "type": "string", "pattern": "^[a-z]+$", "x-attendu": "des minuscules"}}})
    document, _ = parse("slug: |\n  abc\n", "actions/01-abc.yml")
    problems = _problems(validators, explainer, "essai", document)
    assert [str(p) for p in problems] == ["actions/01-abc.yml:1: slug: « abc[U+000A] » ne convient pas : "
                                          "« saut de ligne » (U+000A) à la fin : effacez ce caractère"]


# --- Class 4: control and direction characters, wherever they are and however they were typed. ----------

CONTROLS = ["\x00", "\x07", "\x08", "\t", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x80", "\x9b", "\u2028",
            *sorted(DIRECTION)]
WRITINGS = {
    "plain": "a: x{c}y\n", "single": "a: 'x{c}y'\n", "double": 'a: "x{c}y"\n', "escape": 'a: "x\\u{code}y"\n',
    "block": "a: |\n  x{c}y\n", "folded": "a: >-\n  un mot\n  x{c}y\n", "item": "a:\n  - b\n  - x{c}y\n",
    "key": "b: 1\nx{c}y: 2\n", "quoted key": 'b: 1\n"x\\u{code}y": 2\n',
}


@pytest.mark.parametrize("writing", WRITINGS)
@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_or_direction_character_is_refused_and_named_never_printed(char, writing):
    if char in "\r\u2028" and writing not in ("escape", "quoted key"):
        pytest.skip("typed as is, a line break for YAML")
    text = WRITINGS[writing].format(c=char, code=f"{ord(char):04x}")
    document, problems = parse(text, "actions/01-x.yml")
    messages = [str(p) for p in problems]
    assert any(f"U+{ord(char):04X}" in m for m in messages), (text, messages)
    assert all(m.isprintable() for m in messages), messages
    assert problems[0].line == text.count("\n", 0, text.index("x")) + 1, messages


def test_text_of_every_other_kind_is_accepted():
    """Letters of every alphabet, accents, emoji, typographic spaces and quotes, a line break in a block."""
    text = "a: « L’été – 40 % ; Ελληνικά, русский, 中文 🙂 »\nb: |\n  ligne\n  ligne\n"
    document, problems = parse(text, "f.yml")
    assert problems == [] and forbidden(document.data["a"]) is None


WINDOWS = [r"C:\fichier", r"C:\nouveau", r"C:\temp", r"C:\archive", r"C:\build", r"C:\export", r"D:\0-archives",
           r"C:\rapport", r"C:\vieux", r"C:\dossier\fichier", r"C:\Users\agent", r"C:\users", r"C:\xyz",
           r"C:\_archives", r"\\serveur\Partage", r"C:\Notes", r"C:\Public"]


@pytest.mark.parametrize("path", WINDOWS)
def test_a_windows_path_in_double_quotes_says_single_quotes_or_slash(path):
    _document, problems = parse(f'titre: Voir\nchemin: "{path}"\n', "actions/01-x.yml")
    assert len(problems) == 1 and problems[0].line == 2, problems
    assert "guillemets simples" in problems[0].message and "« / »" in problems[0].message
    document, problems = parse(f"titre: Voir\nchemin: '{path}'\n", "actions/01-x.yml")
    assert problems == [] and document.data["chemin"] == path


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85", "\u200b", "\u202e", "\t", "\n", "\u00ad"])
def test_no_message_prints_a_control_or_invisible_character(char):
    problem = Problem(f"actions/x{char}.yml", 3, f"a{char}b", f"« x{char}y » ne convient pas")
    assert str(problem).isprintable() and f"[U+{ord(char):04X}]" in str(problem)
    assert shown("« L’été  »") == "« L’été  »"


# --- Class 8: what differs is named, and where. -----------------------------------------------------------

MISTYPED = [  # (written, meant, the character named, where)
    ("l’axe", "l'axe", "U+2019", "après « l »"), ("l\u2018axe", "l'axe", "U+2018", "après « l »"),
    ("inno\u00advant", "innovant", "U+00AD", "après « inno »"),
    ("innov\u0430nt", "innovant", "U+0430", "après « innov »"), ("\u0440rogramme", "programme", "U+0440", "au début"),
    ("non\u00a0renseigné", "non renseigné", "U+00A0", "après « non »"),
    ("non\u202frenseigné", "non renseigné", "U+202F", "après « non »"),
    ("non renseigne\u0301", "non renseigné", "U+0301", "à la fin"),
    ("Collectivite\u0301s", "Collectivités", "U+0301", "après « Collectivite »"),
    ("\u200binnovant", "innovant", "U+200B", "au début"), ("innovant\u2060", "innovant", "U+2060", "à la fin"),
    ("innovant\n", "innovant", "U+000A", "à la fin"), ("sans\u2011objet", "sans-objet", "U+2011", "après « sans »"),
]
ALLOWED = sorted({meant for _, meant, _, _ in MISTYPED})


@pytest.mark.parametrize("kind", ["enum", "pattern", "const"])
@pytest.mark.parametrize("written, meant, code, where", MISTYPED, ids=[f"{m[2]}-{m[1]}" for m in MISTYPED])
def test_a_look_alike_or_invisible_character_is_named_with_where_it_is(kind, written, meant, code, where):
    field = {"enum": {"enum": ALLOWED}, "pattern": {"type": "string", "pattern": f"^{re.escape(meant)}$"},
             "const": {"oneOf": [{"const": meant}, {"type": "array"}]}}[kind]
    validators, explainer = _one({"type": "object", "properties": {"v": field}})
    document = _document({"v": written})
    problems = _problems(validators, explainer, "essai", document)
    assert len(problems) == 1, problems
    assert code in problems[0].message and where in problems[0].message, problems[0].message
    assert "vouliez-vous dire" not in problems[0].message


def _document(data):
    document, _ = parse("v: x\n", "f.yml")
    document.data = data
    return document


@pytest.mark.parametrize("quotes", ["« {} »", "«{}»", "“{}”", "”{}”", "„{}“", "‹ {} ›", "‘{}’"])
@pytest.mark.parametrize("field, value, fix", [
    ({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}, "2025-03-07", 'écrivez "2025-03-07"'),
    ({"type": "number"}, "4000", "écrivez 4000"), ({"type": "integer"}, "12", "écrivez 12"),
    ({"type": "number"}, "0,15", "écrivez 0.15"), ({"enum": ["innovant"]}, "innovant", 'écrivez "innovant"')])
def test_typographic_quotes_around_a_value_say_to_use_straight_ones(quotes, field, value, fix):
    validators, explainer = _one({"type": "object", "properties": {"v": field}})
    document, problems = parse(f"v: {quotes.format(value)}\n", "f.yml")
    problems += _problems(validators, explainer, "essai", document)
    assert len(problems) == 1 and "font partie de la valeur" in problems[0].message, problems
    assert fix in problems[0].message


FORGOTTEN_DASH = [  # (text, line of the item without its dash)
    ("a:\n  - x\n  y\nb: 1\n", 3), ("a:\n  - x\n  - y\n  z\n", 4), ("a:\n  - o: 1\n  o: 2\n", 3),
    ("a:\n  - o: 1\n    t: u\n  o: 2\n    t: v\n", 4), ("a:\n  x\n  - y\nb: 1\n", 2),
    ("a:\n  - x\n\n  # note\n  y\n", 5), ("a:\n  b:\n    - x\n    y\n", 4), ("a:\n  - x\n  y: 2\n", 3),
]


@pytest.mark.parametrize("text, line", FORGOTTEN_DASH)
def test_a_forgotten_dash_is_reported_at_its_line(text, line):
    _document, problems = parse(text, "f.yml")
    assert [(p.line, "sans « - »" in p.message) for p in problems] == [(line, True)], problems


@pytest.mark.parametrize("old, new", [
    ("lot-numerique:", "lot-numérique:"), ("lot-numerique:", "lot-numerique\u200b:"),
    ("lot-numerique:", '"lot-numerique\u200d":'), ("lot-numerique:", "Lot-numerique:"),
    ("lot-numerique:", "lot-numerique\u00a0:")])
def test_a_mistyped_identifier_gets_one_message_not_one_per_use(tmp_path, old, new):
    project = data_copy(tmp_path / "p")
    path = project / "data/organisations.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load(project)
    line = text[: text.index(old)].count("\n") + 1
    assert [(p.file, p.line) for p in caught.value.problems] == [("data/organisations.yml", line)], \
        caught.value.report()


@pytest.mark.parametrize("old, new", [
    ('objectif: "3.1"', 'objectif: "3.1\\n"'), ('objectif: "3.1"', "objectif: |\n  3.1\n"),
    ("intitule:", "intitule\u00a0:"), ("axe: innovant", "axe: innov\u0430nt"), ("axe: innovant", "axe: “innovant”"),
    ("leviers:", "levier:"), ("indicateurs:", "indicateur:"), ("slug: veille", "slug: \u200bveille")])
def test_one_mistake_in_a_record_gets_one_message(tmp_path, old, new):
    project = data_copy(tmp_path / "p")
    path = project / "actions/18-veille-opportunites-relai-information.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load(project)
    assert len(caught.value.problems) == 1, caught.value.report()


def test_every_escape_the_reader_refuses_makes_an_unprintable_character():
    """The reader looks for refused characters in unprintable values only (roadmap_site.read, `unsafe`): sound
    while each double-quoted escape it refuses (« \\f », « \\_ »…) makes an unprintable character."""
    assert _ESCAPES and not any(char.isprintable() for char in _ESCAPES.values())
    document, problems = parse('intitule: "C:\\\\fichier \\_ ici"\n', "f.yml")
    assert document.data == {"intitule": "C:\\fichier \u00a0 ici"} and len(problems) == 1
