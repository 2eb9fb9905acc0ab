"""References left in text saved from a wiki or a news page: markers ("…in 1937.[3]", "[a]",
"[citation needed]"), the numbered reference list they point at ("1. ^ Kim, G. (2003)…", "[3] …",
"↑ …" under "References"), and citation templates flattened to text ("cite news|last=Kim|first=Rahn|
title=…|url=…"). A marker becomes an anchor of its entry in the list when the list was saved, so a
figure's sentence carries the reference it cites; else a citation of its own, anchored where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterable

from koryo.model import Citation, Section
from koryo.readers.markup import is_reference_heading, markup

_MARKER = re.compile(r"\[(?P<key>\d{1,3}|[a-z]|note \d{1,3}|nb \d{1,3})\]", re.I)
# "1. ^ a b Kim …", "[1] Kim …", "1) Kim …", "a. ^ …": an entry with its key; "^ Kim …", "↑ Kim …": an entry in order
_ENTRY = re.compile(r"^[ \t]*(?:\[(?P<bkey>\d{1,3}|[a-z])\]|(?P<key>\d{1,3}|[a-z])[.)])[ \t]*(?P<caret>[\^↑][ \t]*(?:[a-z][ \t]+)*)?(?=\S)", re.M)
_CARET = re.compile(r"^[ \t]*[\^↑][ \t]*(?:[a-z][ \t]+)*(?=\S)", re.M)
_URL = re.compile(r"https?://[^\s<>\])|]+")
_TEMPLATE = re.compile(r"(?<![\w{])\{{0,2}(?P<name>cite(?:[ _](?:press release|av media|[a-z]+))?|citation)\s*\|", re.I)
_FIELD = re.compile(r"\s*(?P<key>[a-z][\w-]{0,30}(?: [a-z][\w-]{0,15})?)\s*=\s*", re.I)
_URL_KEYS = {"url", "archive-url", "archiveurl", "chapter-url", "chapterurl"}
_DATE_KEYS = {"date", "year", "access-date", "accessdate", "archive-date", "archivedate", "publication-date"}
# what may stand before a template on its line and stay with it: an entry's number ("2. ^ cite web|…")
_ENTRY_LEAD = re.compile(r"^\s*(?:\[\w{1,3}\]|\w{1,3}[.)])?\s*(?:[\^↑*•-]\s*(?:[a-z]\s+)*)?$")
_YEAR_END = re.compile(r"[^|}\n]*?\b(?:1[89]|20)\d\d(?:-\d\d(?:-\d\d)?)?\b")


def complete_fields(fields: dict[str, str]) -> dict[str, str]:
    """A citation's `author` from last/first and `date` from year, when the template gave none."""
    last = fields.get("last") or fields.get("last1") or fields.get("surname")
    first = fields.get("first") or fields.get("first1") or fields.get("given")
    if "author" not in fields and last:
        fields["author"] = f"{last}, {first}" if first else last
    if "date" not in fields and fields.get("year"):
        fields["date"] = fields["year"]
    return fields


def is_entry_lead(text: str) -> bool:
    """Whether the text before a template is only the number of a reference-list entry ("2. ^"): the
    entry stays one line, not running text cut from its template."""
    return bool(_ENTRY_LEAD.match(text))


def flattened_templates(line: str) -> list[tuple[int, int, dict[str, str]]]:
    """Citation templates left as text in one line, as (start, end, fields): "cite web|url=…|title=…"
    runs from its name to the end of its last `key=value` field (a URL ends at a space), or to `}}`."""
    out = []
    pos = 0
    while True:
        m = _TEMPLATE.search(line, pos)
        if not m:
            return out
        fields = {"template": " ".join(m.group("name").split()).lower()}
        at = m.end()
        end = m.end()
        while at < len(line):
            f = _FIELD.match(line, at)
            if not f:
                break
            key = f.group("key").lower()
            stop = len(line)
            for mark in ("|", "}}"):
                k = line.find(mark, f.end())
                if k >= 0:
                    stop = min(stop, k)
            # the last field has no "|" after it: a URL ends at a space, a date with its year
            cut = (re.search(r"\s", line[f.end() : stop]) if key in _URL_KEYS
                   else _YEAR_END.match(line, f.end(), stop) if key in _DATE_KEYS else None)
            if cut:
                stop = f.end() + (cut.start() if key in _URL_KEYS else cut.end() - f.end())
            fields[key] = line[f.end() : stop].strip()
            end = f.end() + len(line[f.end() : stop].rstrip())
            nxt = stop + len(line[stop:]) - len(line[stop:].lstrip(" "))
            if not line.startswith("|", nxt):
                break
            at = nxt + 1
        if len(fields) == 1:
            pos = m.end()  # "cite|" with no field: words, not a template
            continue
        if line.startswith("}}", end):
            end += 2
        out.append((m.start(), end, complete_fields(fields)))
        pos = end


def references(text: str, sections: Iterable[Section] = (), read: Iterable[Citation] = ()) -> tuple[Citation, ...]:
    """The citations a reader found (`read`) with the markers left in the text: each marker key
    becomes the entry of the reference list it points at (a `footnote`, or the flattened template
    that entry holds, which gains the anchors), else a `marker` whose span is its first marker.
    Markers inside the list, or inside a citation already read, point at nothing."""
    read = list(read)
    lists = [(s.start, s.end) for s in sections if is_reference_heading(s.path[-1])]
    entries = _entries(text, lists)
    inside = [(c.start, c.end) for c in read] + lists
    anchors: dict[str, list[tuple[int, int]]] = {}
    needed = markup().citation_needed
    for m in _MARKER.finditer(text):
        if not any(a <= m.start() < b for a, b in inside):
            anchors.setdefault(m.group("key").casefold(), []).append((m.start(), m.end()))
    for m in re.finditer(r"\[([^\[\]\n]{3,40})\]", text):
        if " ".join(m.group(1).split()).casefold() in needed and not any(a <= m.start() < b for a, b in inside):
            anchors.setdefault("citation-needed", []).append((m.start(), m.end()))
    out = {c.start: c for c in read}
    for key, spans in anchors.items():
        points = tuple(s for s, _ in spans)
        if key == "citation-needed":
            out[spans[0][0]] = Citation(key, "marker", {"text": "citation needed"}, spans[0][0], spans[0][1], points)
            continue
        if key not in entries:
            out[spans[0][0]] = Citation(key, "marker", {}, spans[0][0], spans[0][1], points)
            continue
        start, end = entries.pop(key)
        held = next((c for at, c in out.items() if c.kind == "template" and start <= at < end), None)
        if held is not None:  # the entry is a template already read: it gains the markers
            anchored = tuple(sorted(held.anchors + points))
            out[held.start] = Citation(held.key, held.kind, {**held.fields, "number": key}, held.start, held.end, anchored)
            continue
        fields = {"number": key, "text": " ".join(text[start:end].split())}
        url = _URL.search(text, start, end)
        if url:
            fields["url"] = url.group(0)
        out[start] = Citation(key, "footnote", fields, start, end, points)
    return tuple(c for _, c in sorted(out.items()))


def _entries(text: str, lists: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Entries of the reference lists by key, as the span of their text after the number and the
    "^" back-link marks. In a list without numbers ("^ Kim …") the entries count from 1."""
    out: dict[str, tuple[int, int]] = {}
    for a, b in lists:
        n = 0
        for line in re.finditer(r"[^\n]+", text[a:b]):
            m = _ENTRY.match(line.group(0)) or _CARET.match(line.group(0))
            if not m:
                continue
            key = (m.groupdict().get("bkey") or m.groupdict().get("key") or "").casefold()
            if not key:
                n += 1
                key = str(n)
            elif key.isdigit():
                n = int(key)
            out.setdefault(key, (a + line.start() + m.end(), a + line.end()))
    return out
