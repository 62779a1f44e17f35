"""Check documents against the schemas in data/schemas/, with vocabularies taken from the data files.

A schema property marked `x-vocabulaire: <name>` gets its allowed values (`enum`) from the vocabulary of
that name at validation time, so the values are kept in one data file and never copied into code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import referencing

from . import loader
from .messages import Explainer
from .problems import Problem, field_path

SCHEMA_DIR = Path("data/schemas")


def _with_vocabularies(node: Any, vocabularies: dict[str, list]) -> Any:
    """Copy of a schema where each `x-vocabulaire` also carries its `enum`."""
    if isinstance(node, dict):
        out = {key: _with_vocabularies(value, vocabularies) for key, value in node.items()}
        if "x-vocabulaire" in node:
            out["enum"] = vocabularies[node["x-vocabulaire"]]
        return out
    if isinstance(node, list):
        return [_with_vocabularies(item, vocabularies) for item in node]
    return node


class Schemas:
    """All schemas of the project, ready to validate documents."""

    def __init__(self, root: Path):
        self.root = root
        self.raw: dict[str, dict] = {}
        self.problems: list[Problem] = []
        for path in sorted((root / SCHEMA_DIR).glob("*.schema.yml")):
            document, problems = loader.load(path, root)
            self.problems += problems
            if document is not None:
                self.raw[path.name.removesuffix(".schema.yml")] = document.data

    def vocabulary_names(self) -> set[str]:
        """Every vocabulary a schema refers to."""
        names: set[str] = set()

        def walk(node):
            if isinstance(node, dict):
                if "x-vocabulaire" in node:
                    names.add(node["x-vocabulaire"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.raw)
        return names

    def bind(self, vocabularies: dict[str, list]) -> "Validators":
        return Validators(self.raw, vocabularies)


class Validators:
    """JSON Schema validators with vocabularies injected; one per schema name."""

    def __init__(self, raw: dict[str, dict], vocabularies: dict[str, list]):
        self.schemas = {name: _with_vocabularies(schema, vocabularies) for name, schema in raw.items()}
        resources = [referencing.Resource.from_contents(s) for s in self.schemas.values()]
        self.registry = referencing.Registry().with_resources((r.id(), r) for r in resources)
        self.validators = {name: jsonschema.Draft202012Validator(schema, registry=self.registry)
                           for name, schema in self.schemas.items()}
        self.explainer = Explainer(self.definition)

    def definition(self, ref: str) -> dict:
        """The subschema a `$ref` names, for wording messages (refs are unique by their last segment)."""
        name = ref.rsplit("/", 1)[-1]
        document = ref.split("#", 1)[0].removesuffix(".schema.yml")
        for schema_name, schema in self.schemas.items():
            if (not document or schema_name == document) and name in schema.get("$defs", {}):
                return schema["$defs"][name]
        return {}

    def validate(self, schema_name: str, document: loader.Document) -> list[Problem]:
        problems = []
        for error in self.validators[schema_name].iter_errors(document.data):
            for path, message in self.explainer.explain(error):
                problems.append(Problem(document.name, document.line_of(path), field_path(path), message))
        return problems
