"""The one reader of the schemas in roadmap_site/schemas/: `$ref` resolution, vocabularies, and what a field accepts.

The validator, the error messages and the contributor guide all read fields through this module, so they
describe a field the same way. A schema property marked `x-vocabulaire: <name>` gets its allowed values
(`enum`) from the vocabulary of that name at validation time: values live in one data file, never in code.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
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
        self._shapes: dict[tuple[int, str | None], tuple[dict, tuple, tuple]] = {}

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

    def ordered(self, value: Any, name: str) -> Any:
        """`value`, valid against the schema `name`, with the fields of each mapping in the order of the
        schema's properties (those of every `oneOf`/`anyOf` branch too); other fields after them, in their
        order. The order of a list is kept."""
        return self._ordered(value, self.raw[name], name)

    def _ordered(self, value: Any, node: Any, current: str | None) -> Any:
        kind = type(value)
        if kind is list:
            if not any(type(item) in (dict, list) for item in value):  # texts, numbers: most lists
                return list(value)
            items = self._shape(node, current)[1] if isinstance(node, dict) else (None, current)
            return [self._ordered(item, *items) for item in value]
        if kind is not dict:
            return value
        if not isinstance(node, dict):
            return {key: self._ordered(item, None, current) for key, item in value.items()}
        fields, _, other = self._shape(node, current)
        keys = [key for key in fields if key in value] + [key for key in value if key not in fields]
        return {key: self._ordered(value[key], *fields.get(key, other)) for key in keys}

    def _shape(self, node: dict, current: str | None) -> tuple[dict, tuple, tuple]:
        """A node's fields (each with its schema), its list items' schema and its other fields' schema,
        worked out once per node: thousands of records share them."""
        key = (id(node), current)
        if key not in self._shapes:
            resolved, here = self.resolve(node, current)
            branches = [(resolved, here)] + [self.resolve(option, here) for name in ("oneOf", "anyOf")
                                              for option in resolved.get(name, ())]
            fields: dict[str, tuple[Any, str | None]] = {}
            for n, c in branches:
                for name, field in n.get("properties", {}).items():
                    fields.setdefault(name, (field, c))
            items = next(((n["items"], c) for n, c in branches if isinstance(n.get("items"), dict)), (None, here))
            self._shapes[key] = fields, items, (resolved.get("additionalProperties"), here)
        return self._shapes[key]

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


@dataclass(frozen=True)
class SchemaError:
    """One refusal of the validator, in the terms roadmap_site.messages explains: the keyword that refused
    (`validator`: "type", "required", "pattern"…), its value in the schema and the (sub)schema holding it,
    the value refused and where it is. `context`: for a oneOf or anyOf, the errors of every branch, each with
    its branch's index first in `relative_schema_path`. `absolute_schema_path`: the keywords followed from
    the schema's root, through `$ref`s (a field name refused by `propertyNames` has it, and is `instance`)."""

    validator: str
    validator_value: Any
    schema: dict
    instance: Any
    absolute_path: tuple
    absolute_schema_path: tuple
    relative_schema_path: tuple
    message: str
    context: tuple[SchemaError, ...] = ()


class Validators:
    """One JSON Schema validator per schema name (jsonschema-rs), with vocabularies injected.

    jsonschema-rs checks a roadmap of thousands of records in a few hundredths of a second (Python's
    jsonschema took 15 s for 2 000 fiches), matches a pattern against the whole value (ECMAScript: `$` is
    the end of the text, "slug\\n" is no slug), and lists its errors with the keyword, schema location and
    path that roadmap_site.messages needs (`errors`). One difference from the JSON Schema rules is made here:
    a whole decimal such as 3.0 is no integer (`numero: 3.0` would publish « Fiche n°3.0 »)."""

    def __init__(self, schemas: SchemaSet, vocabularies: dict[str, list]):
        self.schemas = schemas
        self.bound = {name: with_vocabularies(schema, vocabularies) for name, schema in schemas.raw.items()}
        self._by_id = {schema["$id"]: schema for schema in self.bound.values()}
        registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in self.bound.values()])
        self.validators = {name: jsonschema_rs.Draft202012Validator(
            schema, registry=registry, validate_formats=True, formats=FORMATS)
            for name, schema in self.bound.items()}

    def is_valid(self, schema: str, data: Any) -> bool:
        if _whole_float(data):
            return not self.errors(schema, data)
        return self.validators[schema].is_valid(data)

    def errors(self, schema: str, data: Any) -> list[SchemaError]:
        """Every error of `data` against the schema `schema`."""
        validator, root = self.validators[schema], self.bound[schema]
        found = [self._error(error, root, data) for error in validator.iter_errors(data)]
        if _whole_float(data):  # validated again with each 3.0 moved off the integers: what that refuses more
            seen = {_key(error) for error in found}
            found += [error for error in (self._error(e, root, data) for e in validator.iter_errors(_nudged(data)))
                      if error.validator in ("type", "oneOf", "anyOf") and _key(error) not in seen]
        return found

    def _error(self, error, root: dict, data: Any, branch: tuple = ()) -> SchemaError:
        keyword_path = list(error.schema_path)
        document = error.absolute_keyword_location
        node: Any = self._by_id.get(document.partition("#")[0], root) if document else root
        for part in keyword_path[:-1]:
            node = node[part]
        keyword = str(keyword_path[-1])
        path = tuple(error.instance_path)
        kind = error.kind
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.PropertyNames):
            instance = kind.error.instance  # the field name refused
        else:
            instance = _at(data, path)
        context: tuple[SchemaError, ...] = ()
        if isinstance(kind, (jsonschema_rs.ValidationErrorKind.OneOfNotValid, jsonschema_rs.ValidationErrorKind.AnyOf)):
            context = tuple(self._error(sub, root, data, (index,)) for index, subs in enumerate(kind.context)
                            for sub in subs)
        return SchemaError(keyword, node.get(keyword) if isinstance(node, dict) else None,
                           node if isinstance(node, dict) else {}, instance, path, tuple(error.evaluation_path),
                           branch + tuple(keyword_path), error.message, context)


def _key(error: SchemaError) -> tuple:
    return error.absolute_path, error.absolute_schema_path


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _nudged(value: Any) -> Any:
    """A copy where each whole decimal (3.0) is the next float up: still a number, no longer an integer."""
    if isinstance(value, float):
        return math.nextafter(value, math.inf) if value.is_integer() else value
    if isinstance(value, dict):
        return {key: _nudged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nudged(item) for item in value]
    return value


def _whole_float(value: Any) -> bool:
    """Whether a whole decimal (3.0) is anywhere in `value`: a loop, not nested generators, since every
    document goes through it."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            if value.is_integer():
                return True
        elif isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, list):
            stack += value
    return False
