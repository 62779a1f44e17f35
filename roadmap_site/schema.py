"""The one reader of the schemas in roadmap_site/schemas/: `$ref` resolution, vocabularies, and what a field accepts.

The validator, the error messages and the contributor guide all read fields through this module, so they
describe a field the same way. A schema property marked `x-vocabulaire: <name>` gets its allowed values
(`enum`) from the vocabulary of that name at validation time: values live in one data file, never in code.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterator

import jsonschema_rs

from . import dates
from .problems import Problem
from .read import read_all

SCHEMAS = Path(__file__).parent / "schemas"  # the format every roadmap shares; content lives in its data
COMMON = "communs"  # shared definitions: texts, structured content, figures

_TYPES = {
    "string": "un texte",
    "number": "un nombre",
    "integer": "un nombre entier",
    "array": "une liste (éléments précédés de « - »)",
    "object": "des champs « nom: valeur »",
    "boolean": "true ou false",
    "null": "une valeur vide",
}


def schema_name(ref_document: str) -> str:
    """"action.schema.yml" → "action"."""
    return ref_document.removesuffix(".schema.yml")


def vocabulary_source(name: str) -> str:
    """Where editors find the allowed values of a vocabulary."""
    return {"organisations": "data/organisations.yml", "objectifs": "data/vocabulaires/axes.yml",
            "fiches": "les fichiers de actions/", "epci": "les fichiers de diagnostic/epci/",
            "deliberations": "les fichiers de deliberations/"}.get(name, f"data/vocabulaires/{name}.yml")


class SchemaSet:
    """Every schema of the project, by name ("action" for data/schemas/action.schema.yml)."""

    def __init__(self, raw: dict[str, dict]):
        self.raw = raw

    @classmethod
    def read(cls) -> tuple["SchemaSet", list[Problem]]:
        documents, problems = read_all(SCHEMAS.parent.parent, f"{SCHEMAS.parent.name}/{SCHEMAS.name}/*.schema.yml")
        return cls({schema_name(Path(d.name).name): d.data for d in documents}), problems

    def resolve(self, node: dict, current: str | None) -> tuple[dict, str | None]:
        """Follow `$ref`s from `node` (in schema `current`) to the definition; sibling keys of the `$ref`
        (title, description, examples) override the definition's. `current` None: the node comes from a
        validation error, whose document is unknown; a local `#/$defs/<name>` is then looked up in every
        schema (definition names are unique across schemas)."""
        while "$ref" in node:
            document, _, pointer = node["$ref"].partition("#")
            parts = [part for part in pointer.split("/") if part]
            if document:
                current = schema_name(document)
            elif current is None or not self._has(current, parts):
                current = next(name for name in self.raw if self._has(name, parts))
            target: Any = self.raw[current]
            for part in parts:
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, current

    def _has(self, name: str, parts: list[str]) -> bool:
        target: Any = self.raw[name]
        for part in parts:
            if not isinstance(target, dict) or part not in target:
                return False
            target = target[part]
        return True

    def is_common(self, node: dict, current: str | None) -> bool:
        """True for a field whose type is one of the shared definitions (a text, structured content…)."""
        return "$ref" in node and self.resolve({"$ref": node["$ref"]}, current)[1] == COMMON

    def accepts(self, node: dict, current: str | None, examples: bool = True) -> str:
        """What a (sub)schema accepts, in the words of an editor: « un nombre (ex. 4000) »; the contributor
        guide, which lists examples apart, asks without them."""
        if "x-attendu" in node:
            return node["x-attendu"]
        if "$ref" in node:
            target, name = self.resolve(node, current)
            if name == COMMON and "title" in target and not {"type", "oneOf", "const"} & set(target):
                return target["title"][0].lower() + target["title"][1:]
            return self.accepts({k: v for k, v in target.items() if k != "title"} if name == COMMON else target,
                                name, examples)
        if "const" in node:
            return f"« {node['const']} »"
        if "x-vocabulaire" in node:
            source = vocabulary_source(node["x-vocabulaire"])
            return f"l'identifiant d'un des {source[4:]}" if source.startswith("les ") else f"une valeur de {source}"
        if "enum" in node:
            return "une de ces valeurs : " + ", ".join(map(str, node["enum"]))
        if "oneOf" in node:
            return " ou ".join(self.accepts(option, current, examples) for option in node["oneOf"])
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            return f"une liste d'éléments précédés de « - », chacun : {self.accepts(node['items'], current, examples)}"
        if "required" in node and len(node) == 1:
            return f"« {node['required'][0]}: … »"
        if "type" in node:
            return _TYPES.get(node["type"], node["type"]) + (example(node) if examples else "")
        if "title" in node:
            return node["title"][0].lower() + node["title"][1:]
        return "une valeur conforme au guide du contributeur"

    def vocabulary_names(self, used: set[str] | None = None) -> set[str]:
        """Every vocabulary the schemas `used` (all by default), and the schemas they refer to, name."""
        names, todo = set(), set(self.raw if used is None else used) & set(self.raw)
        while todo:
            name = todo.pop()
            names.add(name)
            todo |= self._links[name][0] - names
        return {vocabulary for name in names for vocabulary in self._links[name][1]}

    @functools.cached_property
    def _links(self) -> dict[str, tuple[set[str], set[str]]]:
        """Each schema's (schemas it refers to, vocabularies it names), one walk through it."""
        links = {}
        for name, schema in self.raw.items():
            nodes = list(_walk(schema))
            links[name] = ({schema_name(node["$ref"].partition("#")[0]) for node in nodes
                            if isinstance(node.get("$ref"), str) and node["$ref"].partition("#")[0]},
                           {node["x-vocabulaire"] for node in nodes if "x-vocabulaire" in node})
        return links

    def bind(self, vocabularies: dict[str, list]) -> "Validators":
        return Validators(self, vocabularies)


def example(node: dict) -> str:
    examples = node.get("examples")
    return f" (ex. {examples[0]})" if examples and not isinstance(examples[0], (list, dict)) else ""


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def with_vocabularies(node: Any, vocabularies: dict[str, list]) -> Any:
    """Copy of a schema where each `x-vocabulaire` also carries its `enum`."""
    if isinstance(node, dict):
        out = {key: with_vocabularies(value, vocabularies) for key, value in node.items()}
        if "x-vocabulaire" in node:
            out["enum"] = vocabularies[node["x-vocabulaire"]]
        return out
    if isinstance(node, list):
        return [with_vocabularies(item, vocabularies) for item in node]
    return node


def _is_calendar_date(value: object) -> bool:
    """"2025-03-07", "2026-05" or "2018" that names a real day, month or year (roadmap_site/dates.py); any other
    shape is the pattern's error, not this one's."""
    return not dates.of_register_shape(value) or dates.valid(value)


FORMATS = {"date-registre": _is_calendar_date}  # the formats of the schemas beyond JSON Schema's own


def _pattern(validator, pattern: str, instance, schema):
    """A pattern matches the whole value, as in jsonschema-rs and editors (ECMAScript: `$` is the end
    of the text). jsonschema's own `re.search` lets `$` match before a final line break: "slug\\n" would
    pass `^[a-z-]+$`."""
    if validator.is_type(instance, "string") and not re.fullmatch(pattern, instance):
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _integer(checker, value) -> bool:
    """JSON Schema counts 3.0 as an integer; a record's `numero: 3.0` would then publish « Fiche n°3.0 »."""
    return isinstance(value, int) and not isinstance(value, bool)


class Validators:
    """JSON Schema validators with vocabularies injected; one per schema name.

    `validators` (jsonschema) list the errors that roadmap_site.messages explains; `is_valid` answers first with
    jsonschema-rs, about a thousand times faster, so that a roadmap of thousands of records is checked in a
    second: only a file it refuses is validated again to list its errors (jsonschema is only loaded then).
    Both read the same schemas the same way (a pattern matches the whole value in both); should they still
    differ, a value either refuses is refused: `fast_errors` lists what jsonschema-rs refuses. A value it
    cannot read goes to jsonschema."""

    def __init__(self, schemas: SchemaSet, vocabularies: dict[str, list]):
        self.schemas = schemas
        self.bound = {name: with_vocabularies(schema, vocabularies) for name, schema in schemas.raw.items()}
        fast_registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in self.bound.values()])
        self.fast = {name: jsonschema_rs.Draft202012Validator(
            schema, registry=fast_registry, validate_formats=True, formats=FORMATS)
            for name, schema in self.bound.items()}

    @functools.cached_property
    def validators(self) -> dict[str, Any]:
        import jsonschema
        import referencing

        checker = jsonschema.FormatChecker(formats=())
        for name, check in FORMATS.items():
            checker.checks(name)(check)
        validator = jsonschema.validators.extend(
            jsonschema.Draft202012Validator, validators={"pattern": _pattern},
            type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer))
        registry = referencing.Registry().with_resources(
            (s["$id"], referencing.Resource.from_contents(s)) for s in self.bound.values())
        return {name: validator(schema, registry=registry, format_checker=checker)
                for name, schema in self.bound.items()}

    def is_valid(self, schema: str, data: Any) -> bool:
        """True when `data` certainly has no error; False: ask `validators[schema].iter_errors`."""
        if _whole_float(data):  # 3.0, an integer to jsonschema-rs, not to `_integer`
            return False
        try:
            return self.fast[schema].is_valid(data)
        except ValueError:  # a value JSON has no type for
            return False


    def fast_errors(self, schema: str, data: Any) -> list[tuple[tuple, Any]]:
        """(path, value) of each error jsonschema-rs finds, for what jsonschema would let through."""
        try:
            return [(tuple(error.instance_path), error.instance) for error in self.fast[schema].iter_errors(data)]
        except ValueError:
            return []


def _whole_float(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_whole_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_whole_float(item) for item in value)
    return False
