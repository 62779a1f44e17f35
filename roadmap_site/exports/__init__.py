"""The open data of a roadmap: every record downloadable in standard formats, and feeds of its changes.

    model → CSV files (tables) + datapackage.json and JSON Schemas (package) + JSON (records) + Atom (changes)

Files are written from the validated model with `csv` and `json`, never by templating text; the same
records give the same bytes. Their addresses are decided in roadmap_site.address. The plugin writes what
`files` returns into the built site; the « Données ouvertes » page lists them (roadmap_site.views.donnees).
"""

from __future__ import annotations

from pathlib import Path

from ..address import (
    DATA_FEED,
    DATA_PACKAGE,
    DATA_ROADMAP,
    beside,
    data_schema,
    data_table,
    fiche_feed,
    fiche_json,
    inside,
)
from ..history import History
from ..model import Roadmap
from . import changes, records, tables
from .columns import Context
from .package import descriptor, dumps, json_schema


def fiche_document(context: Context, action) -> dict:
    """The JSON of one fiche: the record itself, in the format of its file, with the names of the codes it
    uses and where it comes from, for a reuser who reads this file alone; its follow-up record, if any."""
    roadmap = context.roadmap
    mentions = [*action.porteurs, *(action.partenaires or ())]
    bases = {ligne.base.code: ligne.base.nom for r in ("rh", "investissement") for ligne in action.lignes(r)
             if ligne.base}
    identite = roadmap.identite
    follow_up = roadmap.suivi.fiche(action) if roadmap.suivi is not None else None
    return {
        "feuille_de_route": identite.nom,
        "page": context.address(action.url),
        "schema": context.address(data_schema("action")),
        **({"licence": records.thaw(identite.licence)} if identite.licence else {}),
        "noms": {
            "axe": action.axe.titre,
            "objectif": f"{action.objectif.code} : {action.objectif.intitule}",
            "programme": action.programme.nom,
            "organisations": {m.organisation.id: m.organisation.nom for m in mentions if m.organisation},
            **({"bases": bases} if bases else {}),
        },
        "fiche": records.fiche(roadmap, action),
        **({"suivi": records.suivi_fiche(roadmap, follow_up)} if follow_up is not None and follow_up.file else {}),
    }


def files(roadmap: Roadmap, site_url: str | None = None, history: History | None = None) -> dict[str, bytes]:
    """Every open data file, by its address in the site."""
    context = Context(roadmap, site_url)
    written = {t.name: t.write(context) for t in tables.tables(roadmap)}
    out = {data_table(name): data for name, data in written.items()}
    out[DATA_PACKAGE] = dumps(descriptor(context, written))
    out[DATA_ROADMAP] = dumps(records.roadmap(roadmap))
    for name in roadmap.schemas.raw:
        address = data_schema(name)
        out[address] = dumps(json_schema(roadmap.schemas, name, context.address(address) if site_url else None))
    for action in roadmap.actions:
        out[fiche_json(action.url)] = dumps(fiche_document(context, action))
    out.update(changes.feeds(roadmap, site_url, history))
    out.update(at_old_addresses(out, roadmap.redirections))
    return out


def write(site: Path, roadmap: Roadmap, site_url: str | None = None) -> None:
    """Write every open data file into the built site at `site`."""
    for address, content in files(roadmap, site_url).items():
        target = inside(site, address)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def addresses(roadmap: Roadmap) -> set[str]:
    """The address of every open data file `files` writes, without writing them (for the published-address
    check)."""
    found = {data_table(t.name) for t in tables.tables(roadmap)} | {DATA_PACKAGE, DATA_ROADMAP, DATA_FEED}
    found |= {data_schema(name) for name in roadmap.schemas.raw}
    found |= {p for a in roadmap.actions for p in (fiche_json(a.url), fiche_feed(a.url))}
    return found | set(at_old_addresses(dict.fromkeys(found, b""), roadmap.redirections))


def at_old_addresses(found: dict[str, bytes], moves) -> dict[str, bytes]:
    """The files beside a page that moved (data/redirections.yml), also at its old address: a partner's link
    to a fiche's JSON or feed keeps working when the fiche's address changes, as its page's does."""
    return {beside(move.ancienne, address): data
            for move in moves for address, data in found.items()
            if address.startswith(move.nouvelle) and "/" not in address.removeprefix(move.nouvelle)}
