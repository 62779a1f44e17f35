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


def validate(explainer: Explainer, document: Document, errors: list) -> list[Problem]:
    """Problems of one document against its schema, from its `errors`; values the reader already refused
    are not reported twice."""
    problems = []
    for error in errors:
        name = (error.instance,) if "propertyNames" in error.absolute_schema_path else ()  # said at its line
        for path, message in explainer.explain(error):
            if not document.is_refused(path + name):
                problems.append(Problem(document.name, document.line_of(path + name), field_path(path), message))
    if errors and not problems and not document.refused and not explainer.refused:
        # never a refusal without a message: what no explanation covers is still said
        problems.append(Problem(document.name, document.line_of(tuple(errors[0].absolute_path)),
                                field_path(errors[0].absolute_path), explainer.unexplained(errors[0].instance)))
    return problems


def schema_errors(validators: Validators, schema: str, document: Document) -> list:
    """The validator's errors of one document; listed only when it refuses the document."""
    if validators.is_valid(schema, document.data):
        return []
    return validators.errors(schema, document.data)


def check(root: Path, read: tuple[Sources, list[Problem]] | None = None) -> tuple[Sources, SchemaSet]:
    """Read and check every data file under `root`; raise `DataErrors` listing all problems. `read`: what
    `read_sources(root)` already returned, not read again."""
    root = Path(root)
    schemas, problems = SchemaSet.read()
    if problems:  # without every schema, no data file can be checked
        raise DataErrors(problems)
    sources, problems = read if read is not None else read_sources(root)
    problems = list(problems)
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
    problems += [Problem("roadmap_site/schemas", None, "", f"vocabulaire « {name} » introuvable : créez "
                         f"{vocabulary_source(name)}") for name in sorted(missing)]
    vocabularies.update({name: [] for name in schemas.vocabulary_names() - set(vocabularies)})
    validators = schemas.bind(vocabularies)

    checked = [(name if name in schemas.raw else GENERIC_VOCABULARY_SCHEMA, document)
               for name, document in sources.vocabularies.items()]
    checked += [(single.schema, document) for name, single in DOCUMENTS.items()
                if (document := sources.documents[name]) is not None]
    checked += [(collection.schema, document) for name, collection in COLLECTIONS.items()
                for document in sources.collections[name]]
    errors = [schema_errors(validators, schema, document) for schema, document in checked]
    # An identifier its own file refuses (« lot-numérique: ») is reported there, not at every use of it.
    explainer = Explainer(schemas, refused={error.instance for found in errors for error in found
                                            if error.validator == "pattern" and isinstance(error.instance, str)})
    for (_, document), found in zip(checked, errors):
        problems += validate(explainer, document, found)
    # One mistake, one message: a rule between records is silent on a field already reported.
    reported = {(p.file, p.field) for p in problems}
    reported |= {(document.name, field_path(path)) for _, document in checked for path in document.refused}
    problems += [p for p in rules.cross_record(sources) if (p.file, p.field) not in reported]
    return problems
