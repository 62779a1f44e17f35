"""Atom 1.0 feeds (RFC 4287) of the changes to the records, written with ElementTree.

Choices, each for a reason:
- Identifiers are `urn:uuid:` version 5 names of the changed file's path and the commit: absolute as
  RFC 4287 §4.2.6 requires, the same in the site-wide feed and in the record's own feed, and unchanged
  when the site moves to another address (a `tag:` URI would embed the host, and the site has none yet).
- The author of every feed is the publisher (the syndicat), never the commit author: names in commits
  are staff members' personal data, which a public feed has no need to spread.
- Links: with the site's address known, every href is absolute (many feed readers ignore xml:base).
  Without it, hrefs are relative to the feed's own address; RFC 4287 allows IRI references, resolved
  against the document's address (RFC 3986 §5.1.3), which is where readers fetched the feed from.
- Summaries are plain text: record text never becomes markup.
- A change the feed cannot tell truly is left out, and the feed's subtitle counts it: a commit date no
  commit can have (before git existed, after the build, or one git cannot even print), or a version of the
  file that does not read as YAML (invalid, or missing from the clone). History, however odd, never stops
  a build.
"""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

from .history import Change, History, summary

ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Fixed once for this project: version 5 UUIDs of the same name under it never change.
_NAMESPACE = uuid.UUID("a6af0e37-9e71-4828-bcf6-82270e325674")
# RFC 3339 date-time with a mandatory offset, as Atom date constructs require (RFC 4287 §3.3).
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# Characters XML 1.0 forbids, which a commit or a record could still hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

UNAVAILABLE_TITLE = "Historique des modifications indisponible"
# No commit is older than git itself; a build machine's clock may lag a day behind a commit's.
_FIRST_COMMIT = datetime(2005, 4, 7, tzinfo=timezone.utc)
_CLOCK_SKEW = timedelta(days=1)
# Why a change is left out of the feeds, as the subtitle counts them.
LEFT_OUT = {
    "date": "{count} à la date de commit impossible",
    "unreadable": "{count} dont une version du fichier ne se lit pas (YAML invalide ou version absente du dépôt)",
}


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry: a change to a record, linked to the record's page."""

    id: str  # absolute IRI (see stable_id)
    title: str
    updated: str  # RFC 3339 with offset
    link: str  # page: a path from the site root (actions/slug/) or an absolute URL
    summary: str  # plain French text


def stable_id(*parts: str) -> str:
    """An absolute, permanent identifier for a feed or an entry, named by `parts`."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, chr(0).join(parts))}"


def change_id(change: Change) -> str:
    """The entry id of a change: the file's path at that change and the commit, which never change."""
    return stable_id("change", change.path, change.commit)


def unlisted(change: Change, now: datetime) -> str | None:
    """Why `change` cannot be an entry (a key of LEFT_OUT), or None when it can."""
    if change.unreadable_before or change.unreadable_after:
        return "unreadable"
    try:
        instant = _instant(change.date)
    except ValueError:
        return "date"
    return None if _FIRST_COMMIT <= instant <= now + _CLOCK_SKEW else "date"


def left_out_note(reasons: Iterable[str]) -> str | None:
    """The subtitle sentence counting the changes left out: « 2 modifications de l'historique ne sont pas
    listées : 1 à la date de commit impossible, 1 dont … »; None when none was."""
    counts = Counter(reasons)
    total = sum(counts.values())
    if not total:
        return None
    head = (f"{total} modifications de l'historique ne sont pas listées" if total > 1
            else "1 modification de l'historique n'est pas listée")
    return head + " : " + ", ".join(LEFT_OUT[key].format(count=counts[key]) for key in LEFT_OUT if key in counts) + "."


def history_entries(history: History, pages: Mapping[str, tuple[str, str]], labels: Mapping[str, str],
                    record: str = "la fiche", changes: Iterable[Change] | None = None) -> list[FeedEntry]:
    """Entries for `changes` (default: all of `history`), `pages` giving each record's (title, link).

    The entry title is the record's title followed by what changed, so that a reader listing titles only
    still tells changes apart; the summary is the French sentence of `roadmap_site.history.summary`. Every
    record in `changes` needs a page: for a deleted record, give the page that replaced it.
    """
    entries = []
    for change in history.changes if changes is None else changes:
        title, link = pages[change.record]
        what = summary(change, labels, record)
        entries.append(FeedEntry(change_id(change), f"{title} — {what}", change.date, link, what + "."))
    return entries


def atom_feed(feed_id: str, title: str, self_url: str, alternate_url: str, updated: str | None,
              entries: Iterable[FeedEntry], unavailable_reason: str | None = None, *, author: str,
              site_url: str | None = None, subtitle: str | None = None) -> bytes:
    """An Atom feed document, UTF-8.

    `self_url` (the feed), `alternate_url` (the page it follows) and entry links are paths from the site
    root or absolute URLs. `updated` is the newest change's date; None takes it from the entries. With
    `unavailable_reason` (history unknown), the subtitle says so and a single entry repeats it, dated
    `updated` (then required: the build time).
    """
    entries = list(entries)
    if unavailable_reason is not None:
        if updated is None:
            raise ValueError("updated est requis quand l'historique est indisponible")
        entries = [FeedEntry(stable_id(feed_id, "historique-indisponible"), UNAVAILABLE_TITLE, updated,
                             alternate_url, sentence(unavailable_reason))]
        subtitle = sentence(unavailable_reason)
    if updated is None:
        if not entries:
            raise ValueError("updated est requis pour un flux sans entrée")
        updated = max((entry.updated for entry in entries), key=_instant)
    href = _resolver(self_url, site_url)

    # Plain tag names under an xmlns attribute: ElementTree's default_namespace option refuses
    # attributes without a namespace (href, rel), and register_namespace would change a global table.
    feed = ET.Element("feed", {"xmlns": ATOM, _XML_LANG: "fr"})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _text(feed, "updated", _date(updated))
    _text(ET.SubElement(feed, "author"), "name", author)
    _link(feed, "self", href(self_url), "application/atom+xml")
    _link(feed, "alternate", href(alternate_url), "text/html")
    for entry in entries:
        element = ET.SubElement(feed, "entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title)
        _text(element, "updated", _date(entry.updated))
        _link(element, "alternate", href(entry.link), "text/html")
        _text(element, "summary", entry.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _resolver(self_url: str, site_url: str | None) -> Callable[[str], str]:
    """Absolute hrefs when the site's address is known, else hrefs relative to the feed's own address."""
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        return lambda target: urljoin(base, target.lstrip("/"))  # "/actions/" stays under the site's path
    feed_folder = posixpath.dirname(self_url.lstrip("/"))

    def relative(target: str) -> str:
        if urlsplit(target).scheme:
            return target
        path = target.lstrip("/")
        relative_path = posixpath.relpath(path or ".", feed_folder or ".")
        if relative_path == ".":
            return "./"
        return relative_path + "/" if not path or path.endswith("/") else relative_path
    return relative


def sentence(text: str) -> str:
    """« historique indisponible : … » → « Historique indisponible : …. »"""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _instant(date: str) -> datetime:
    return datetime.fromisoformat(_date(date))


def _date(value: str) -> str:
    """The date unchanged, once checked to be an RFC 3339 date-time with an offset."""
    try:
        valid = bool(_RFC3339.fullmatch(value)) and datetime.fromisoformat(value) is not None
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"date hors RFC 3339 (décalage horaire obligatoire) : {value!r}")
    return value


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, tag, attributes).text = _NOT_XML.sub("", text)


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "href": href, "type": media_type})
