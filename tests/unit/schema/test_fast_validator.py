"""The engine's one validator (jsonschema-rs, roadmap_site.schema.Validators) accepts the real records at once,
and refuses exactly what an independent one refuses: Python's jsonschema, told the two rules of the engine (a
pattern matches the whole value, 3.0 is no integer), used here as an oracle only; `errors` lists something
exactly when `is_valid` refuses."""

from __future__ import annotations

import copy
import re

import jsonschema
import pytest
import referencing

from roadmap_site import rules
from roadmap_site.schema import FORMATS, SchemaSet
from roadmap_site.sources import COLLECTIONS, DOCUMENTS, read_sources
from tests.conftest import ROOT

EXEMPLE = ROOT / "tests" / "exemple"


def documents(root):
    """(schema, document) of every data file of the roadmap at `root`, and its bound validators."""
    schemas, _ = SchemaSet.read()
    sources, problems = read_sources(root)
    assert not problems
    vocabularies = rules.vocabularies(root, sources)
    vocabularies.update({name: [] for name in schemas.vocabulary_names() - set(vocabularies)})
    found = [(name if name in schemas.raw else "vocabulaire", d) for name, d in sources.vocabularies.items()]
    found += [(single.schema, sources.documents[name]) for name, single in DOCUMENTS.items()
              if sources.documents[name] is not None]
    found += [(c.schema, d) for name, c in COLLECTIONS.items() for d in sources.collections[name]]
    return found, schemas.bind(vocabularies)


REMOVED = object()


def variants(value):
    """Copies of `value` each with one mistake: a value replaced by a wrong one, a key removed or added."""
    def changed(path, new):
        """A copy of `value` where the node at `path` becomes `new(node)` (REMOVED: taken out)."""
        data = copy.deepcopy(value)
        if not path:
            return new(data)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        result = new(parent[path[-1]])
        if result is REMOVED:
            del parent[path[-1]]
        else:
            parent[path[-1]] = result
        return data

    def walk(node, path):
        if isinstance(node, dict):
            yield changed(path, lambda n: {**n, "cle_inconnue": 1})
            for key, child in node.items():
                yield changed(path + (key,), lambda n: REMOVED)
                yield from walk(child, path + (key,))
        elif isinstance(node, list):
            yield changed(path, lambda n: [])
            for i, child in enumerate(node):
                yield from walk(child, path + (i,))
        if path:
            for wrong in (None, -1, 2.5, 3.0, "texte-inconnu x", True, [], {}):  # 3.0: an integer to JSON Schema
                if wrong != node or type(wrong) is not type(node):
                    yield changed(path, lambda n, wrong=wrong: copy.deepcopy(wrong))

    yield from walk(value, ())


def _fullmatch(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not re.fullmatch(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def oracle(validators) -> dict:
    """Python's jsonschema on the same bound schemas, with the engine's two rules."""
    checker = jsonschema.FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    integer = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    kind = jsonschema.validators.extend(jsonschema.Draft202012Validator, validators={"pattern": _fullmatch},
                                        type_checker=integer)
    resources = [referencing.Resource.from_contents(s) for s in validators.bound.values()]
    registry = referencing.Registry().with_resources((r.id(), r) for r in resources)
    return {name: kind(schema, registry=registry, format_checker=checker) for name, schema in validators.bound.items()}


@pytest.mark.parametrize("root", [ROOT, EXEMPLE], ids=["lot", "exemple"])
def test_every_real_record_is_valid(root):
    found, validators = documents(root)
    assert len(found) > 20
    assert [d.name for schema, d in found if not validators.is_valid(schema, d.data)] == []
    assert [d.name for schema, d in found if validators.errors(schema, d.data)] == []


def test_the_validator_refuses_what_an_independent_one_refuses():
    found, validators = documents(ROOT)
    reference = oracle(validators)
    kinds = {}
    for schema, document in found:  # one record of each kind
        kinds.setdefault(schema, document)
    tried = refused = 0
    for schema, document in kinds.items():
        for data in variants(document.data):
            tried += 1
            valid = validators.is_valid(schema, data)
            assert valid == reference[schema].is_valid(data), (document.name, data)
            assert valid == (not validators.errors(schema, data)), (document.name, data)
            refused += not valid
    assert tried > 1000 and refused > tried / 2
