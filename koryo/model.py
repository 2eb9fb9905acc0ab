"""The core types: what a reader makes of a file, anchored by offsets into `Document.text`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open character range `[start, end)` of `Document.text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading and the text it governs; `path` is the heading trail, outermost first."""

    path: tuple[str, ...]
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """One table cell: its text as it stands in `Document.text` and where."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table kept as structure: header rows, body rows, caption and the source note beneath."""

    number: int | None
    title: str
    source_note: str
    start: int
    end: int
    header: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    kind: str = "table"  # table | infobox (label–value rows saved from a web page)

    @property
    def rows(self) -> int:
        return len(self.header) + len(self.body)

    @property
    def cols(self) -> int:
        return max((len(r) for r in self.header + self.body), default=0)


@dataclass(frozen=True)
class Citation:
    """A reference record: a citation template, a footnote or a table's source note.

    `start`/`end` is the citation's own text in `Document.text`; `anchors` are the
    positions in the text where the source points at it (a footnote marker, the place
    a citation template stood).
    """

    key: str
    kind: str  # template | footnote | source_note
    fields: dict[str, str]
    start: int
    end: int
    anchors: tuple[int, ...] = ()


@dataclass(frozen=True)
class LinePoint:
    """From text offset `offset` on, the text comes from source line `line` (1-based)."""

    offset: int
    line: int


@dataclass(frozen=True)
class Document:
    """One file as a reader made it: normalised text and everything anchored in it."""

    title: str
    article: str
    format: str
    language: str
    text: str
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    citations: tuple[Citation, ...] = ()
    line_map: tuple[LinePoint, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    url: str = ""  # where the document was published, from its header or markup
    published: str = ""  # its own date (ISO 8601), the fallback time of undated present-tense figures
    author: str = ""

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


@dataclass(frozen=True)
class Source:
    """A file as it was read: where from, its content hash, how it was decoded."""

    path: str
    name: str
    sha256: str
    size: int
    encoding: str


@dataclass(frozen=True)
class Observation:
    """One data cell of a numeric table, as tidy data: where it sits and what it says."""

    table: int | None  # the table's printed number
    table_index: int  # its position among the document's tables
    title: str
    row: tuple[str, ...]  # row header path, outermost first
    col: tuple[str, ...]  # column header path, outermost first
    value: float | None  # as printed, without the scale applied
    raw: str
    unit: str
    scale: int
    rank: int | None
    flags: tuple[str, ...]
    source_note: str
    start: int
    end: int
    dims: dict[str, Any] = field(default_factory=dict)
    low: float | None = None  # an infobox's "123,000–200,000" or "Over 55,000"
    high: float | None = None
    approx: bool = False  # "About 500,000"


@dataclass(frozen=True)
class CheckCell:
    """A cell a check speaks of."""

    table: int | None
    row: tuple[str, ...]
    col: tuple[str, ...]
    value: float | None
    raw: str
    start: int
    end: int


@dataclass(frozen=True)
class Check:
    """A finding about a document's own figures: a malformed cell, a total or share that does
    not add up, the same indicator given differently by two tables."""

    kind: str  # malformed | total | share_sum | share | cross_table
    table: int | None
    cells: tuple[CheckCell, ...]
    expected: float | None
    found: float | None
    note: str


@dataclass(frozen=True)
class Fact:
    """A figure stated in prose, with the sentence that states it and what the source cites for it."""

    start: int  # the sentence
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    unit: str
    per: str
    subject: str
    time: str  # ISO 8601 date or interval ("1947/1949"), "" when not stated
    place: str
    citations: tuple[str, ...]
    section: tuple[str, ...]
    mention_start: int  # the figure itself within the sentence
    mention_end: int
    time_source: str = ""  # stated | heading | document (the document's own date, for a figure that states none)


@dataclass(frozen=True)
class Event:
    """A dated happening: the sentence, its date or period, the places it names, its citations."""

    start: int
    end: int
    date: str
    end_date: str
    precision: str
    what: str
    places: tuple[str, ...]
    citations: tuple[str, ...]
    date_start: int  # the date expression within the sentence
    date_end: int


@dataclass(frozen=True)
class EntityMention:
    """A name in the text and the entity (by key) it stands for."""

    start: int
    end: int
    key: str
    type: str
    name: str


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int


@dataclass(frozen=True)
class Flow:
    """People moving: from where to where, who, when, how many (only when stated), why."""

    origin: tuple[str, ...]
    destination: tuple[str, ...]
    group: str
    start_date: str
    end_date: str
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    kind: str  # deportation | labour | study | refuge | marriage | military | return | settlement
    evidence: tuple[Evidence, ...]
    series: tuple[tuple[str, float], ...] = ()  # (year, value) when a table gives a flow year by year


@dataclass(frozen=True)
class Resource:
    """An organisation or community that helps migrants, with what it offers and where."""

    name: str
    kind: str
    services: tuple[str, ...]
    city: str
    country: str
    url: str
    start: int
    end: int
    members: float | None = None
