"""datapackage.json (Frictionless Data Package 1.0, tabular) describing every CSV file, and the record
schemas published as JSON Schema.

Each column's French title and description come from the record schema of the field it reprints (the
words of the contributor guide and of the error messages); the others are declared with the column in
roadmap_site.exports.tables. Missing values are empty cells, never 0; keys and foreign keys tie the files together.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ..schema import COMMON, SchemaSet
from ..slug import slug
from .columns import Column, Context, Table
from .tables import tables

PROFILE = "tabular-data-package"


def documentation(schemas: SchemaSet, ref: str) -> tuple[str, str]:
    """Title and description of a record field: "action:rh[].etp", "axes:*.nom" (any key of a mapping),
    "communs:$defs/mesure.valeur" (from a definition)."""
    name, _, path = ref.partition(":")
    node: Any = schemas.raw[name]
    current: str | None = name
    steps = path.split(".")
    if steps[0].startswith("$defs/"):
        node = node["$defs"][steps.pop(0).removeprefix("$defs/")]
    for step in steps:
        key = step.removesuffix("[]" * step.count("[]"))
        for part in ([key] if key else []) + ["[]"] * step.count("[]"):
            node, current = _child(schemas, node, current, part)
    resolved, _ = schemas.resolve(node, current)
    description = resolved.get("description", "")
    # A shared definition's own words (« Du texte simple… ») say nothing of the field that uses it.
    shared = {d.get("description") for d in schemas.raw[COMMON].get("$defs", {}).values()}
    if description in shared and "description" not in node:
        description = ""
    return resolved.get("title", ""), " ".join(description.split())


def _child(schemas: SchemaSet, node: dict, current: str | None, part: str) -> tuple[dict, str | None]:
    """The subschema of a property, of any key ("*") or of any item ("[]"), through `$ref` and `oneOf`."""
    node, current = schemas.resolve(node, current)
    for option in (node, *node.get("oneOf", ())):
        option, where = schemas.resolve(option, current)
        if part == "[]" and isinstance(option.get("items"), dict):
            return option["items"], where
        if part == "*" and isinstance(option.get("additionalProperties"), dict):
            return option["additionalProperties"], where
        if part in option.get("properties", {}):
            return option["properties"][part], where
    raise KeyError(f"{current}: {part}")


def field(schemas: SchemaSet, column: Column) -> dict:
    """A column as a Table Schema field: the record field's words unless the column says its own."""
    title, description = documentation(schemas, column.doc) if column.doc else ("", "")
    return {
        "name": column.name,
        "title": column.title or title,
        "description": column.description or description,
        "type": column.type,
        **({"constraints": {**({"required": True} if column.required else {}),
                            **({"pattern": column.pattern} if column.pattern else {})}}
           if column.required or column.pattern else {}),
    }


def resource(table: Table, context: Context, data: bytes) -> dict:
    """A CSV file as a tabular data resource; a foreign key to a table or a column this roadmap does not publish
    (no diagnostic, no follow-up) is left out."""
    published = {t.name for t in tables(context.roadmap)}
    columns = table.columns(context)
    names = {c.name for c in columns}
    keys = [{"fields": list(k.fields), "reference": {"resource": k.table, "fields": list(k.reference)}}
            for k in table.foreign_keys if (k.table in published or k.table == "") and set(k.fields) <= names]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": {
            "fields": [field(context.roadmap.schemas, c) for c in columns],
            "missingValues": [""],
            "primaryKey": list(table.key),
            **({"foreignKeys": keys} if keys else {}),
        },
    }


def descriptor(context: Context, written: dict[str, bytes]) -> dict:
    """The data package of the CSV files `written` (by table name)."""
    r = context.roadmap
    identite = r.identite
    parts = "ses fiches action, leurs porteurs et partenaires, leurs ressources et leurs indicateurs, les " \
            "organisations citées, les axes, objectifs, programmes et bases des montants"
    if any(t.name == "territoires" for t in tables(r)):
        parts += ", les territoires du diagnostic avec leurs chiffres clés et les actions locales documentées"
    if r.suivi is not None:
        parts += ", le suivi (délibérations, avancement, cibles et valeurs mesurées des fiches, tableaux budgétaires)"
    package = {
        "profile": PROFILE,
        "name": slug(identite.nom),
        "title": identite.nom,
        "description": (
            f"Les données de la feuille de route « {identite.nom} » : {parts}. Les mêmes données, complètes et dans "
            "le format des fichiers de la feuille de route, sont dans feuille-de-route.json (format décrit par les "
            "schémas JSON du dossier schemas/). Publiées à nouveau à chaque modification des fichiers de données."),
        **({"homepage": context.address("")} if context.site_url else {}),
        "contributors": [{"title": identite.porteur.nom, "role": "publisher"}],
        "sources": [{"title": f"{identite.source.document} ; {identite.source.registre}"}],
    }
    if identite.licence:
        package["licenses"] = [{"name": identite.licence.code, "path": identite.licence.adresse,
                                "title": identite.licence.nom}]
    package["resources"] = [resource(t, context, written[t.name]) for t in tables(r)]
    return package


def json_schema(schemas: SchemaSet, name: str, address: str | None) -> dict:
    """A record schema as published: `$ref`s to the other published files; `$id` the file's own address
    when the site's is known (a relative `$ref` then resolves against the file's address either way)."""
    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$id":
                    if address:
                        out[key] = address
                    continue
                if key == "$ref" and isinstance(value, str):
                    value = re.sub(r"\.schema\.yml(?=#|$)", ".schema.json", value)
                out[key] = convert(value)
            return out
        if isinstance(node, list):
            return [convert(item) for item in node]
        return node
    return convert(schemas.raw[name])


def dumps(value: Any) -> bytes:
    """JSON as published: UTF-8, indented, keys in the records' order, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
