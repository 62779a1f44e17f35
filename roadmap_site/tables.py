"""Tables a phone can read: each body cell names its column (`data-label`, the text of its column header), so
that on a narrow screen lne.css shows each row as a small card of labelled values instead of a table wider
than the screen; every table element gets its ARIA role, which browsers drop from a table whose display is
changed.

Done once, on the HTML the templates render, rather than written into each template: a column added to a
template gets its label with it, and the label is always the header's own text. Regular expressions rather
than an HTML parser, as in roadmap_site.render.outline: the input is the engine's own HTML, whose tables have a
`<thead>` and close every cell.
"""

from __future__ import annotations

import re
from html import escape, unescape

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.DOTALL | re.IGNORECASE)
_PART = re.compile(r"<(/?)(thead|tbody|tfoot|tr|th|td|table)\b([^>]*)>", re.IGNORECASE)
_SPAN = re.compile(r"""\scolspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_ROW_HEADER = re.compile(r"""\sscope\s*=\s*["']?row""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tfoot": "rowgroup", "tr": "row",
          "td": "cell"}


def _text(html: str) -> str:
    """The text of a header cell, its layout white space folded; no-break spaces are content, and kept."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(_TAG.sub("", html))).strip()


def _headers(table: str) -> list[str]:
    """The label of each column: the text of the cells of the header's last row, a cell spanning
    several columns labelling each of them."""
    head = re.search(r"<thead\b.*?</thead\s*>", table, re.DOTALL | re.IGNORECASE)
    rows = re.findall(r"<tr\b.*?</tr\s*>", head.group(), re.DOTALL | re.IGNORECASE) if head else []
    if not rows:
        return []
    labels = []
    for cell in re.finditer(r"<th\b([^>]*)>(.*?)</th\s*>", rows[-1], re.DOTALL | re.IGNORECASE):
        span = _SPAN.search(cell.group(1))
        labels += [_text(cell.group(2))] * (int(span.group(1)) if span else 1)
    return labels


def _labelled(table: str) -> str:
    labels = _headers(table)
    out, start, column, in_head = [], 0, 0, False
    for tag in _PART.finditer(table):
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name == "thead":  # the header's own cells are not labelled
            in_head = not closing
        if closing:
            continue
        added = []
        if name == "tr":
            column = 0
        role = ("rowheader" if _ROW_HEADER.search(attributes) else "columnheader") if name == "th" else _ROLES[name]
        if "role=" not in attributes:
            added.append(f'role="{role}"')
        if name in ("th", "td"):
            if not in_head and column < len(labels) and labels[column]:
                added.append(f'data-label="{escape(labels[column])}"')
            span = _SPAN.search(attributes)
            column += int(span.group(1)) if span else 1
        if added:
            end = tag.end() - 1
            out += [table[start:end], " " + " ".join(added)]
            start = end
    return "".join(out) + table[start:]


def label_cells(html: str) -> str:
    """`html` with each table labelled for narrow screens (see the module's docstring)."""
    if "<table" not in html:
        return html
    return _TABLE.sub(lambda match: _labelled(match.group()), html)
