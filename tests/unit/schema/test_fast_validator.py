"""The fast validator (jsonschema-rs) that `make check` asks first never accepts what the reference one
(jsonschema, whose errors roadmap_site.messages explains) refuses; and it does accept the real records, so the
fast path is the one taken."""

from __future__ import annotations

import copy
import re

import pytest

from roadmap_site import rules
from roadmap_site.schema import SchemaSet
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
            for wrong in (None, -1, 2.5, 3.0, "texte-inconnu x", True, [], {}):  # 3.0: an integer to jsonschema-rs
                if wrong != node or type(wrong) is not type(node):
                    yield changed(path, lambda n, wrong=wrong: copy.deepcopy(wrong))

    yield from walk(value, ())


@pytest.mark.parametrize("root", [ROOT, EXEMPLE], ids=["lot", "exemple"])
def test_the_fast_validator_accepts_every_real_record(root):
    found, validators = documents(root)
    assert len(found) > 20
    refused = [d.name for schema, d in found if not validators.is_valid(schema, d.data)]
    whole_floats = [d.name for _, d in found
                    if re.search(r"^[^#\n]*: -?\d+\.0+$", d.path.read_text(encoding="utf-8"), re.M)]
    assert refused == whole_floats  # « 88.0 »: left to the reference, which tells 3.0 from an integer
    assert len(whole_floats) <= 1


def test_the_fast_validator_never_accepts_what_the_reference_refuses():
    found, validators = documents(ROOT)
    kinds = {}
    for schema, document in found:  # one record of each kind
        kinds.setdefault(schema, document)
    tried = refused = 0
    for schema, document in kinds.items():
        for data in variants(document.data):
            tried += 1
            if validators.is_valid(schema, data):
                errors = list(validators.validators[schema].iter_errors(data))
                assert not errors, (document.name, errors[0].message)
            else:
                refused += 1
    assert tried > 1000 and refused > tried / 2
