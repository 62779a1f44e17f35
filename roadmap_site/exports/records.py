"""The records written back in the format of their files: the JSON exports hold exactly what the YAML files
say, field for field, so that a reuser reads them with the published record schemas, and an export can be
edited and brought back as a record (imports and exports in one format).

Derived, never rebuilt field by field: each record is its document as roadmap_site.read read it, its fields
in the order of its schema (SchemaSet.ordered), so a field added to a schema and to the files is exported with
nothing to change here. Records come in the model's order (fiches by number, territories, deliberations…);
inside a record, a list keeps the order of its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..check import GENERIC_VOCABULARY_SCHEMA
from ..model import Action, Roadmap
from ..sources import COLLECTIONS, DOCUMENTS


def thaw(value: Any) -> Any:
    """A frozen value (roadmap_site.model.freeze) as plain JSON values: Records become dicts, tuples lists."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [thaw(item) for item in value]
    return value


def _file(r: Roadmap, name: str, collection: str) -> Any:
    """The record of a collection's file, by its name (actions/01-….yml)."""
    return r.schemas.ordered(r.sources.named(name).data, COLLECTIONS[collection].schema)


def _document(r: Roadmap, name: str) -> Any:
    """A one-file document (data/organisations.yml…), by its key in roadmap_site.sources.DOCUMENTS."""
    return r.schemas.ordered(r.sources.data(name), DOCUMENTS[name].schema)


def fiche(r: Roadmap, action: Action) -> dict:
    """A fiche as its file actions/NN-<slug>.yml writes it."""
    return _file(r, action.file, "actions")


def _vocabulary(r: Roadmap, name: str) -> dict:
    schema = name if name in r.schemas.raw else GENERIC_VOCABULARY_SCHEMA
    return r.schemas.ordered(r.sources.vocabulary(name), schema)


# The one-file parts of the diagnostic, by their key in the export (that of roadmap_site.sources.DOCUMENTS).
DIAGNOSTIC_PARTS = ("contexte", "accompagnements", "acteurs", "numerique_responsable", "outils")


def diagnostic(r: Roadmap) -> dict:
    """Every record of the territorial diagnostic: territories, themes, local actions, one-file parts."""
    annex = r.diagnostic
    return {
        "epci": [_file(r, t.file, "epci") for t in annex.territoires],
        "enjeux": [_file(r, t.file, "enjeux") for t in annex.themes],
        "actions_locales": [r.schemas.ordered(thaw(a), COLLECTIONS["actions_locales"].schema)
                            for a in annex.actions_locales],
        **{part: _document(r, part) for part in DIAGNOSTIC_PARTS if getattr(annex, part) is not None},
    }


def suivi_fiche(r: Roadmap, f) -> dict:
    """A file of suivi/."""
    return _file(r, f.file, "suivi")


def deliberation(r: Roadmap, d) -> dict:
    """A file of deliberations/."""
    return _file(r, d.file, "deliberations")


def tableau(r: Roadmap, t) -> dict:
    """A file of budget/."""
    return _file(r, t.file, "budget")


def suivi(r: Roadmap) -> dict:
    """Every follow-up record: deliberations, the follow-up of each fiche that has one, budget tables."""
    s = r.suivi
    return {"deliberations": [deliberation(r, d) for d in s.deliberations],
            "fiches": [suivi_fiche(r, f) for f in s.fiches if f.file is not None],
            "budget": [tableau(r, t) for t in s.tableaux]}


def roadmap(r: Roadmap) -> dict:
    """Every record of the roadmap, each part in the format of its file (data/redirections.yml aside: it
    is about the site's addresses, not the roadmap)."""
    return {
        "feuille_de_route": _document(r, "feuille_de_route"),
        "vocabulaires": {"axes": _vocabulary(r, "axes"), **{name: _vocabulary(r, name) for name in r.vocabularies}},
        "organisations": _document(r, "organisations"),
        "fiches": [fiche(r, a) for a in r.actions],
        **({"diagnostic": diagnostic(r)} if r.diagnostic is not None else {}),
        **({"suivi": suivi(r)} if r.suivi is not None else {}),
    }
