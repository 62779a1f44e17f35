"""The Atom feeds of the roadmap's changes: one for the whole roadmap, one per fiche, from the git history
of the record files (roadmap_site.history) written by roadmap_site.feeds.

Which records the feeds follow is declared in `followed`: a follow-up record is one more entry there (its
file, its page, how the summaries name it and its fields). The author of every feed is the roadmap's
carrier, never a commit's author. A change the feeds cannot tell truly (impossible date, unreadable
version) is left out, and each feed's subtitle counts those of its records (roadmap_site.feeds.unlisted). A build
without history (an archive, no git) still writes every feed, which says why it has no entries; its date
is then build_date's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timezone

from .. import address
from ..dates import build_day, source_date_epoch
from ..feeds import atom_feed, history_entries, left_out_note, sentence, stable_id, unlisted
from ..history import Change, History, last_commit_date, record_history
from ..model import Action, Roadmap
from ..schema import SchemaSet

NO_CHANGE = "Aucune modification de cette fiche n'est encore enregistrée dans l'historique du dépôt."


@dataclass(frozen=True)
class Followed:
    """A record whose changes the feeds list: in the roadmap's feed, and in its fiche's own feed when it is a
    fiche or a fiche's follow-up."""

    path: str  # its file, from the roadmap's root
    title: str  # how an entry names it
    page: str  # the page an entry links to
    noun: str  # the record with its article, for the summaries (« la fiche »)
    labels: Mapping[str, str]  # each top-level field with its article (« l'intitulé »)
    fiche: Action | None = None  # the fiche whose feed lists it too


def labels(schemas: SchemaSet, name: str) -> dict[str, str]:
    """The `x-libelle` of each top-level field of a record schema."""
    return {key: node["x-libelle"] for key, node in schemas.raw[name]["properties"].items() if "x-libelle" in node}


def fiche_feed(action: Action) -> tuple[str, str]:
    """The feed of one fiche (its record and its follow-up): (title, address)."""
    return f"Fiche n°{action.numero} : modifications", address.fiche_feed(action.url)


def followed(roadmap: Roadmap) -> list[Followed]:
    """The fiches, then the follow-up records: each fiche's follow-up, the deliberations, the budget tables."""
    schemas = roadmap.schemas
    found = [Followed(a.file, f"Fiche n°{a.numero} — {a.intitule}", a.url, "la fiche", labels(schemas, "action"), a)
             for a in roadmap.actions]
    suivi = roadmap.suivi
    if suivi is not None:
        found += [Followed(f.file, f"Suivi de la fiche n°{f.action.numero} — {f.action.intitule}", f.action.url,
                           "le suivi de la fiche", labels(schemas, "suivi"), f.action)
                  for f in suivi.fiches if f.file is not None]
        found += [Followed(d.file, d.titre_page, d.url, "la délibération", labels(schemas, "deliberation"))
                  for d in suivi.deliberations]
        found += [Followed(t.file, t.titre, f"{suivi.url_budget}#{t.ancre}", "le tableau budgétaire",
                           labels(schemas, "budget")) for t in suivi.tableaux]
    return found


def site_feed(roadmap: Roadmap) -> tuple[str, str]:
    """The feed of the whole roadmap: (title, address)."""
    return f"{roadmap.identite.nom} : modifications", address.DATA_FEED


def build_date(roadmap: Roadmap) -> str:
    """The date of a feed that has no change to date it by, the same for the same sources: SOURCE_DATE_EPOCH
    when set (reproducible builds), else the last commit's date, else (no git, no commit: an archive) the
    day of the build at midnight UTC. Never a file's modification time, which a copy or a checkout resets."""
    seconds = source_date_epoch()
    if seconds is not None:
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat()
    return last_commit_date(roadmap.root) or datetime.combine(build_day(), time.min, timezone.utc).isoformat()


def feeds(roadmap: Roadmap, site_url: str | None = None, history: History | None = None) -> dict[str, bytes]:
    """Every feed, by its address."""
    records = followed(roadmap)
    by_path = {f.path: f for f in records}
    if history is None:
        history = record_history(roadmap.root, list(by_path))
    author = roadmap.identite.porteur.nom
    fallback = build_date(roadmap)
    missing = None if history.available else history.reason
    partial = history.reason if history.available and not history.complete else None
    now = datetime.now(timezone.utc)
    reasons = {change: unlisted(change, now) for change in history.changes}

    def entries(changes):
        return [entry for change in changes if reasons[change] is None for entry in history_entries(
            history, {change.record: (by_path[change.record].title, by_path[change.record].page)},
            by_path[change.record].labels, by_path[change.record].noun, changes=[change])]

    def subtitle(changes, otherwise=None):
        """The note of a partial history and the count of `changes` left out; else `otherwise`."""
        notes = [note for note in (partial, left_out_note(filter(None, (reasons[c] for c in changes)))) if note]
        if len(notes) > 1:
            return " ".join(sentence(note) for note in notes)
        return notes[0] if notes else otherwise

    title, feed = site_feed(roadmap)
    found = entries(history.changes)
    out = {feed: atom_feed(stable_id("flux", roadmap.identite.nom), title, feed, address.ACTIONS,
                              None if found and not missing else fallback, found, missing, author=author,
                              site_url=site_url, subtitle=subtitle(history.changes))}
    by_fiche: dict[str, list[Change]] = {}  # each fiche's changes and its follow-up's, gathered in one pass
    for change in history.changes:
        fiche = by_path[change.record].fiche
        if fiche is not None:
            by_fiche.setdefault(fiche.file, []).append(change)
    for action in roadmap.actions:
        feed_title, feed = fiche_feed(action)
        changes = by_fiche.get(action.file, [])
        found = entries(changes)
        out[feed] = atom_feed(
            stable_id("flux", roadmap.identite.nom, f"fiche {action.numero}"), feed_title, feed, action.url,
            None if found and not missing else fallback, found, missing, author=author, site_url=site_url,
            subtitle=subtitle(changes, None if found or missing else NO_CHANGE))
    return out
