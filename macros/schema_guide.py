"""Read a schema as a list of fields for the contributor guide, so the guide cannot drift from validation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import vocabulary_file

_TYPES = {"string": "texte", "number": "nombre", "integer": "nombre entier", "array": "liste",
          "object": "champs", "boolean": "true ou false"}
COMMON = "communs"


@dataclass
class Field:
    chemin: str
    titre: str
    description: str
    attendu: str
    obligatoire: bool
    exemples: list = field(default_factory=list)
    valeurs: str | None = None


def _resolve(schemas: dict, ref: str, current: str) -> tuple[dict, str]:
    document, _, pointer = ref.partition("#")
    name = document.removesuffix(".schema.yml") if document else current
    node = schemas[name]
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node, name


def _kind(node: dict, schemas: dict, current: str) -> str:
    """A short French description of what a node accepts."""
    if "$ref" in node:
        target, name = _resolve(schemas, node["$ref"], current)
        if name == COMMON:
            return target.get("title", "").lower() or target.get("description", "")
        return _kind(target, schemas, name)
    if node.get("type") == "object":
        return "champs"
    if "oneOf" in node:
        return " ou ".join(_kind(option, schemas, current) for option in node["oneOf"])
    if "const" in node:
        return f"« {node['const']} »"
    if node.get("type") == "array" and "items" in node:
        return f"liste de : {_kind(node['items'], schemas, current)}"
    if "x-vocabulaire" in node:
        return "code d'une liste de valeurs"
    return _TYPES.get(node.get("type"), "champs")


def fields(schemas: dict, name: str) -> list[Field]:
    """Every field of schema `name`, depth first, with its dotted path as written in error messages."""
    out: list[Field] = []

    def walk(node: dict, path: str, required: bool, current: str):
        if "$ref" in node:
            target, target_name = _resolve(schemas, node["$ref"], current)
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            if target_name == COMMON:
                merged["examples"] = node.get("examples", [])
                _add(merged, path, required, target_name, described=_kind(node, schemas, current))
                return
            walk(merged, path, required, target_name)
            return
        if path:
            _add(node, path, required, current)
        branches = [o for o in node.get("oneOf", []) if not ("$ref" in o and o["$ref"].endswith("non_renseigne"))]
        for branch in branches:
            if "$ref" in branch or branch.get("type") in ("array", "object"):
                walk_children(branch, path, current)
        walk_children(node, path, current)

    def walk_children(node: dict, path: str, current: str):
        if "$ref" in node:
            node, current = _resolve(schemas, node["$ref"], current)
            if current == COMMON:
                return
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            walk_children(node["items"], f"{path}[]", current)
        for key, child in node.get("properties", {}).items():
            walk(child, f"{path}.{key}" if path else key, key in node.get("required", []), current)

    def _add(node: dict, path: str, required: bool, current: str, described: str | None = None):
        vocabulary = node.get("x-vocabulaire")
        out.append(Field(
            chemin=path,
            titre=node.get("title", ""),
            description=node.get("description", ""),
            attendu=described or _kind(node, schemas, current),
            obligatoire=required,
            exemples=[e for e in node.get("examples", []) if not isinstance(e, (dict, list))],
            valeurs=vocabulary_file(vocabulary) if vocabulary else None,
        ))

    walk(schemas[name], "", True, name)
    return out
