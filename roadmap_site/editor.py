"""Editor help: the schemas as JSON Schema files that text editors understand, and the first line of
each data file that points to its schema.

Editors with a YAML extension (VS Code, and the web editors built on it) read
`# yaml-language-server: $schema=../schemas/action.schema.json` and then complete field names, show each
field's description and underline a mistake while the file is typed. The files in schemas/ are generated
from roadmap_site/schemas/ (the single source) with each vocabulary written out as its list of values, so they
follow the data: `python -m roadmap_site schemas` rewrites them and adds the line to any data file that lacks
it; the publication workflow runs it on main. Each file is self-contained (no `$ref` to another file, no
`$id`), so that every editor and validator resolves it the same way.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from . import rules
from .check import GENERIC_VOCABULARY_SCHEMA, check
from .schema import COMMON, SchemaSet, with_vocabularies
from .sources import COLLECTIONS, DOCUMENTS, VOCABULARY_DIR, record_files

FOLDER = "schemas"
HEADER = "# yaml-language-server: $schema="


def _local(node: Any) -> Any:
    """A copy where `communs.schema.yml#/$defs/x` becomes `#/$defs/x` and editor-unknown `x-…` keys go."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.startswith("x-") or key == "$id":
                continue
            if key == "$ref" and isinstance(value, str):
                value = "#" + value.partition("#")[2]
            out[key] = _local(value)
        return out
    if isinstance(node, list):
        return [_local(item) for item in node]
    return node


def _refs(node: Any) -> set[str]:
    found = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            found.add(ref.removeprefix("#/$defs/"))
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def bundle(schemas: SchemaSet, vocabularies: dict[str, list], name: str) -> dict:
    """Schema `name` in one JSON document: vocabularies as `enum`, the shared definitions it uses copied in."""
    bound = {n: _local(with_vocabularies(s, vocabularies)) for n, s in schemas.raw.items()}
    document = dict(bound[name])
    own = document.pop("$defs", {})
    common = bound[COMMON].get("$defs", {}) if name != COMMON else {}
    clash = set(own) & set(common)
    if clash:
        raise ValueError(f"definitions named alike in {name} and {COMMON}: {sorted(clash)}")
    available = {**common, **own}
    wanted, todo = set(), _refs(document) | _refs(own)
    while todo:
        ref = todo.pop()
        if ref not in wanted and ref in available:
            wanted.add(ref)
            todo |= _refs(available[ref])
    defs = {key: available[key] for key in available if key in wanted or key in own}
    if any(single.schema == name and single.empty is not None for single in DOCUMENTS.values()):
        document["type"] = [document["type"], "null"]  # a file of comments only, as the engine reads it
    return {**document, **({"$defs": defs} if defs else {})}


def schema_of(relative: str, schemas: SchemaSet) -> str | None:
    """The schema name of a data file ("actions/03-x.yml" → "action"), None for a file of no record kind."""
    folder, _, name = relative.rpartition("/")
    for collection in COLLECTIONS.values():
        if folder == collection.folder:
            return collection.schema
    for single in DOCUMENTS.values():
        if relative == single.path:
            return single.schema
    if folder == VOCABULARY_DIR:
        stem = name.removesuffix(".yml")
        return stem if stem in schemas.raw else GENERIC_VOCABULARY_SCHEMA
    return None


def header(relative: str, schema: str) -> str:
    """The first line of a data file: where its JSON Schema is, relative to the file."""
    target = posixpath.relpath(f"{FOLDER}/{schema}.schema.json", posixpath.dirname(relative) or ".")
    return f"{HEADER}{target}"


def data_files(root: Path) -> list[str]:
    """Every data file the engine reads, relative to `root`."""
    found = record_files(root, VOCABULARY_DIR, "nom.yml")[0]
    for collection in COLLECTIONS.values():
        found += record_files(root, collection.folder, collection.form)[0]
    found += [root / single.path for single in DOCUMENTS.values() if (root / single.path).is_file()]
    return sorted(path.relative_to(root).as_posix() for path in found)


def with_header(text: str, line: str) -> str:
    """`text` starting with `line`, an old pointer to a schema replaced."""
    if text.startswith(HEADER):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return f"{line}\n{text}"


def generate(root: Path) -> list[str]:
    """Write schemas/*.schema.json and put the header line on every data file; return what changed."""
    root = Path(root)
    sources, schemas = check(root)
    vocabularies = rules.vocabularies(root, sources)
    changed = []
    (root / FOLDER).mkdir(exist_ok=True)
    for name in sorted(schemas.raw):
        if name == COMMON:
            continue
        path = root / FOLDER / f"{name}.schema.json"
        text = json.dumps(bundle(schemas, vocabularies, name), ensure_ascii=False, indent=2) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(root).as_posix())
    for relative in data_files(root):
        schema = schema_of(relative, schemas)
        assert schema is not None  # data_files lists the files of a record kind only
        path = root / relative
        text = path.read_text(encoding="utf-8")
        wanted = with_header(text, header(relative, schema))
        if wanted != text:
            path.write_text(wanted, encoding="utf-8")
            changed.append(relative)
    return changed
