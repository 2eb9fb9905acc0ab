"""The API's response shapes as pydantic models, so /openapi.json describes the real fields and
the one error shape the server answers (never FastAPI's 422 HTTPValidationError)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(Shape):
    status: int
    message: str


class ErrorBody(Shape):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad or unknown parameter"},
    404: {"model": ErrorBody, "description": "No such document, table or entity"},
    503: {"model": ErrorBody, "description": "The query took longer than the server's time limit"},
}


class Window(Shape):
    """One page of a list."""

    total: int | None
    limit: int
    offset: int
    next: str | None
    prev: str | None
    download: dict[str, str]


class Link(Shape):
    doc: str
    title: str = ""
    link: str


class Citation(Shape):
    key: str
    title: str
    url: str


class Figure(Link):
    mention: str
    quote: str
    time: str
    source: str
    citations: list[Citation]
    also: list[str]
    also_count: int


class Claim(Shape):
    key: str
    kind: str
    about: str
    explanation: str
    documents: int
    figures: int
    statements: list[Figure]


class KeyFigure(Link):
    figure: str
    subject: str
    time: str
    place: str
    value: float | None
    quote: str
    agree: int
    disagree: int


class DocumentRow(Shape):
    id: int
    doc: str
    title: str
    format: str
    link: str


class Home(Shape):
    title: str
    counts: dict[str, int]
    documents: list[DocumentRow]
    documents_total: int
    figures: list[KeyFigure]
    conflicts: list[Claim]


class Check(Shape):
    doc: str
    title: str
    kind: str
    note: str
    cells: list[dict[str, str]]


class Conflicts(Window):
    title: str
    agreements: bool
    conflicts: list[Claim]
    checks_total: int
    checks: list[Check]


class Cited(Shape):
    key: str
    title: str
    url: str
    link: str


class EventRow(Link):
    date: str
    end_date: str
    precision: str
    what: str
    places: list[str]
    quote: str
    citations: list[Cited]


class Timeline(Window):
    title: str
    filters: dict[str, str | None]
    events: list[EventRow]


class TableRow(Shape):
    doc: str
    doc_title: str
    doc_id: int
    index: int
    number: int | None
    title: str
    rows: int
    cols: int
    observations: int
    link: str


class Statistics(Window):
    title: str
    tables: list[TableRow]


class SourceRow(DocumentRow):
    language: str
    article: str
    chars: int
    revision: int


class Sources(Window):
    title: str
    documents: list[SourceRow]


class EntityRow(Shape):
    id: str
    type: str
    name: str
    mentions: int
    documents: int
    aliases: list[str]
    link: str


class Entities(Window):
    title: str
    type: str | None
    entities: list[EntityRow]


class Mention(Link):
    before: str
    quote: str
    after: str


class Entity(Window):
    title: str
    entity: EntityRow
    mentions: list[Mention]
    facts: list[dict[str, Any]]
    events: list[dict[str, Any]]


class SearchResult(Shape):
    kind: str
    doc: str
    title: str
    year: str
    place: str
    snippet_html: str
    link: str
    also: list[str]


class Search(Window):
    title: str
    q: str
    filters: dict[str, str | None]
    results: list[SearchResult]
    ranked: str
    facets: dict[str, list[tuple[str, int]]]
    facets_over: int
    conflicts: list[Claim]
    conflicts_total: int


class Highlight(Shape):
    start: int
    end: int
    quote: str


class Source(Shape):
    title: str
    doc: str
    doc_id: int
    format: str
    language: str
    highlight: Highlight | None
    citations_for_highlight: list[dict[str, str]]
    cite: dict[str, str] | None
    html: str
    citations: list[dict[str, str]]


MODELS: dict[str, type[BaseModel]] = {
    "home": Home, "conflicts": Conflicts, "timeline": Timeline, "statistics": Statistics, "sources": Sources,
    "entities": Entities, "entity": Entity, "search": Search, "source": Source,
}
