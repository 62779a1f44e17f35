"""Stage 2 of the engine, check: every data file against its schema, then the rules between records.

Every problem is collected before anything is built, so an editor fixes them all in one pass; no page is
ever rendered from data that failed a check.
"""

from __future__ import annotations

from pathlib import Path

from . import rules
from .messages import Explainer
from .problems import DataErrors, Problem, field_path
from .read import Document
from .schema import SchemaSet, Validators, vocabulary_source
from .sources import COLLECTIONS, DOCUMENTS, Sources, read_sources

GENERIC_VOCABULARY_SCHEMA = "vocabulaire"


def validate(validators: Validators, explainer: Explainer, schema: str, document: Document) -> list[Problem]:
    """Problems of one document against its schema; values the reader already refused are not reported twice."""
    if validators.is_valid(schema, document.data):
        return []
    problems = []
    for error in validators.validators[schema].iter_errors(document.data):
        for path, message in explainer.explain(error):
            if not document.is_refused(path):
                problems.append(Problem(document.name, document.line_of(path), field_path(path), message))
    return problems


def check(root: Path) -> tuple[Sources, SchemaSet]:
    """Read and check every data file under `root`; raise `DataErrors` listing all problems."""
    root = Path(root)
    schemas, problems = SchemaSet.read()
    if problems:  # without every schema, no data file can be checked
        raise DataErrors(problems)
    sources, problems = read_sources(root)
    problems += check_sources(root, sources, schemas)
    if problems:
        raise DataErrors(problems)
    return sources, schemas


def check_sources(root: Path, sources: Sources, schemas: SchemaSet) -> list[Problem]:
    """The problems of files already read: each against its schema, then the rules between records."""
    problems: list[Problem] = []
    vocabularies = rules.vocabularies(root, sources)
    used = {single.schema for name, single in DOCUMENTS.items() if sources.documents[name] is not None}
    used |= {c.schema for name, c in COLLECTIONS.items() if sources.collections[name]} | set(sources.vocabularies)
    missing = schemas.vocabulary_names(used) - set(vocabularies)  # an optional part's vocabularies, only with it
    problems += [Problem("engine/schemas", None, "", f"vocabulaire « {name} » introuvable : créez "
                         f"{vocabulary_source(name)}") for name in sorted(missing)]
    vocabularies.update({name: [] for name in schemas.vocabulary_names() - set(vocabularies)})
    validators, explainer = schemas.bind(vocabularies), Explainer(schemas)

    for name, document in sources.vocabularies.items():
        schema = name if name in schemas.raw else GENERIC_VOCABULARY_SCHEMA
        problems += validate(validators, explainer, schema, document)
    for name, single in DOCUMENTS.items():
        if sources.documents[name] is not None:
            problems += validate(validators, explainer, single.schema, sources.documents[name])
    for name, collection in COLLECTIONS.items():
        for document in sources.collections[name]:
            problems += validate(validators, explainer, collection.schema, document)
    problems += rules.cross_record(sources)
    return problems
