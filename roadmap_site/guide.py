"""The field reference of the contributor guide, read from a record schema through roadmap_site.schema, so the
guide describes each field in the same words as the error messages and cannot drift from validation."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import SchemaSet


@dataclass(frozen=True)
class Field:
    chemin: str  # as error messages write it, with [] for "any item": investissement[].montant
    titre: str
    description: str
    attendu: str
    obligatoire: bool
    exemples: tuple = ()


def _skipped(branch: dict, schemas: SchemaSet, current: str | None) -> bool:
    """The « non renseigné » alternative of a rubric: documented by the rubric itself."""
    return "$ref" in branch and schemas.resolve(branch, current)[0].get("const") == "non renseigné"


def fields(schemas: SchemaSet, name: str) -> list[Field]:
    """Every field of schema `name`, depth first; shared definitions (texts, content) are leaves."""
    out: list[Field] = []

    def add(node: dict, path: str, required: bool, current: str | None) -> None:
        resolved, _ = schemas.resolve(node, current)
        examples = node.get("examples", []) if schemas.is_common(node, current) else resolved.get("examples", [])
        out.append(Field(
            chemin=path,
            titre=resolved.get("title", ""),
            description=resolved.get("description", ""),
            attendu=schemas.accepts(node, current, examples=False),
            obligatoire=required,
            exemples=tuple(e for e in examples if not isinstance(e, (dict, list))),
        ))

    def children(node: dict, path: str, current: str | None) -> None:
        if schemas.is_common(node, current):
            return
        node, current = schemas.resolve(node, current)
        for branch in node.get("oneOf", []):
            if not _skipped(branch, schemas, current):
                children(branch, path, current)
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            children(node["items"], f"{path}[]", current)
        for key, child in node.get("properties", {}).items():
            child_path = f"{path}.{key}" if path else key
            add(child, child_path, key in node.get("required", []), current)
            children(child, child_path, current)

    children(schemas.raw[name], "", name)
    return out
