"""What web pages and wikis leave in a saved clipping, read from `data/markup.json`: the header
block of `key: value` lines (or YAML front matter), page furniture lines, and the marks a wiki
puts beside its headings ("[edit]", "Storia modifica", "배경 편집", "[править | править код]")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Markup:
    """Every language's entries of `data/markup.json`, merged (a page mixes languages)."""

    header_keys: dict[str, str]  # key as written, folded -> url | title | published | retrieved | author | other
    furniture: frozenset[str]
    furniture_prefixes: tuple[str, ...]
    infobox_labels: frozenset[str]
    population_labels: frozenset[str]
    bylines: tuple[str, ...]
    date_lines: tuple[str, ...]
    heading_mark: re.Pattern[str]
    reference_headings: frozenset[str]
    citation_needed: frozenset[str]
    site_names: frozenset[str]


@lru_cache(maxsize=1)
def markup() -> Markup:
    data = json.loads(resources.files("koryo.data").joinpath("markup.json").read_text(encoding="utf-8"))
    keys = {k.casefold(): role for role, names in data["header_keys"].items() for k in names}
    langs = data["languages"].values()

    def merged(name: str) -> list[str]:
        return [entry for lang in langs for entry in lang.get(name, [])]

    bracketed = sorted(merged("edit_marks") + merged("bare_edit_marks"), key=len, reverse=True)
    bare = sorted(merged("bare_edit_marks"), key=len, reverse=True)
    alt = "|".join(map(re.escape, bracketed))
    alt_bare = "|".join(map(re.escape, bare))
    # "[edit]Students", "Students[edit]", "[ edit ] Links", "Storia modifica", "[править | править код]"
    mark = (
        rf"^(?:\[\s*(?:{alt})(?:\s*\|\s*(?:{alt}))*\s*\]\s*(?P<after>.*?)"
        rf"|(?P<before>.*?)\s*(?:\[\s*(?:{alt})(?:\s*\|\s*(?:{alt}))*\s*\]|(?<!\S)(?:{alt_bare}))(?:\s*\|\s*(?:{alt}))*)\s*$"
    )
    return Markup(
        header_keys=keys,
        furniture=frozenset(f.casefold() for f in merged("furniture")),
        furniture_prefixes=tuple(p.casefold() for p in merged("furniture_prefixes")),
        infobox_labels=frozenset(label.casefold() for label in merged("infobox_labels")),
        population_labels=frozenset(label.casefold() for label in merged("population_labels")),
        bylines=tuple(sorted(merged("byline"), key=len, reverse=True)),
        date_lines=tuple(sorted(merged("date_line"), key=len, reverse=True)),
        heading_mark=re.compile(mark, re.I),
        reference_headings=frozenset(h.casefold() for h in merged("reference_headings")),
        citation_needed=frozenset(h.casefold() for h in merged("citation_needed")),
        site_names=frozenset(n.casefold() for n in merged("site_names")),
    )


@dataclass(frozen=True)
class Header:
    """The leading block of a clipping: its fields by role, and where the body starts."""

    fields: dict[str, str] = field(default_factory=dict)  # role -> value (url, title, published, author …)
    raw: dict[str, str] = field(default_factory=dict)  # every key as written -> value
    end: int = 0  # offset of the first body character in the source


_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z\u0400-\u04ff\uac00-\ud7a3][\w \-]{0,30}?)\s*:\s*(?P<value>.*?)\s*$")


def read_header(source: str) -> Header:
    """A leading run of `key: value` lines of which one key is known (`source: URL`, `title:` …), or
    YAML front matter between `---` lines; the blank lines after it belong to it."""
    lines = source.split("\n")
    known = markup().header_keys
    start, closing = 0, None
    if lines and lines[0].strip() == "---":
        closing = next((i for i in range(1, min(len(lines), 200)) if lines[i].strip() in ("---", "...")), None)
        if closing is None:
            return Header()
        start = 1
    raw: dict[str, str] = {}
    fields: dict[str, str] = {}
    i = start
    while i < len(lines) and (closing is None or i < closing):
        m = _KEY_LINE.match(lines[i])
        if not m:
            break
        key = m.group("key").strip()
        value = m.group("value").strip().strip("\"'")
        raw[key] = value
        role = known.get(key.casefold())
        if role and role != "other" and value and role not in fields:
            fields[role] = value
        i += 1
    if closing is None and not (raw and any(k.casefold() in known for k in raw)):
        return Header()
    if closing is not None:
        i = closing + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    end = sum(len(line) + 1 for line in lines[:i])
    return Header(fields, raw, min(end, len(source)))


def is_furniture(line: str) -> bool:
    """A line of the page around the document ("Jump to content", "(Redirected from …)")."""
    folded = " ".join(line.split()).casefold()
    m = markup()
    return folded in m.furniture or any(folded.startswith(p) for p in m.furniture_prefixes)


def heading_with_mark(line: str) -> str | None:
    """The heading of a line that carries a wiki edit mark ("" when the line is the mark alone), or
    None when it carries none."""
    stripped = line.strip()
    if len(stripped) > 120:
        return None
    m = markup().heading_mark.match(stripped)
    if not m:
        return None
    heading = (m.group("after") if m.group("after") is not None else m.group("before") or "").strip()
    if heading.endswith((".", ",", ";", ":")) or len(heading.split()) > 10:
        return None
    return heading


def is_site_name(text: str) -> bool:
    """A line that is the name of the site the page was saved from (its logo: "Wikipedia")."""
    return " ".join(text.split()).casefold() in markup().site_names


def is_reference_heading(text: str) -> bool:
    """A heading over a reference list ("References", "Примечания", "각주")."""
    return " ".join(text.split()).rstrip(":").casefold() in markup().reference_headings


def is_infobox_label(text: str) -> bool:
    return " ".join(text.split()).rstrip(":").casefold() in markup().infobox_labels


def is_population_label(text: str) -> bool:
    return " ".join(text.split()).rstrip(":").casefold() in markup().population_labels
