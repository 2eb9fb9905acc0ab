"""The API's response shapes as pydantic models, so /openapi.json describes the real fields and
the one error shape the server answers (never FastAPI's 422 HTTPValidationError)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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


class SortLink(Shape):
    """One order a list can be sorted in; its link flips the order when it is the current one."""

    name: str
    link: str
    active: bool
    descending: bool


class FacetValue(Shape):
    """A value of a facet, how many rows of the list have it, and the link filtering by it (or, when active, not)."""

    value: str | int | float
    count: int
    active: bool
    link: str


class Listed(Window):
    """A sortable list with facets."""

    filters: dict[str, str | None]
    sort: list[SortLink]
    facets: dict[str, list[FacetValue]]


class Link(Shape):
    doc: str
    title: str = ""
    link: str


class Citation(Shape):
    key: str
    title: str
    url: str


class Figure(Link):
    doc_id: int
    lang: str
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


class Conflicts(Listed):
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
    period: str
    lang: str
    what: str
    places: list[str]
    quote: str
    citations: list[Cited]


class Timeline(Listed):
    title: str
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


class Statistics(Listed):
    title: str
    tables: list[TableRow]


class SourceRow(DocumentRow):
    language: str
    article: str
    chars: int
    revision: int


class Sources(Listed):
    title: str
    documents: list[SourceRow]


class EntityRow(Shape):
    id: str
    type: str
    name: str
    mentions: int
    documents: int
    docs: list[str]
    aliases: list[str]
    link: str


class Entities(Listed):
    title: str
    type: str | None
    entities: list[EntityRow]


class Mention(Link):
    lang: str
    before: str
    quote: str
    after: str


class EntityDetail(EntityRow):
    scripts: dict[str, list[str]]  # its spellings by script: {"Latin": […], "Cyrillic": […]}


class Entity(Window):
    title: str
    entity: EntityDetail
    mentions: list[Mention]
    facts: list[dict[str, Any]]
    events: list[dict[str, Any]]


class SearchResult(Shape):
    kind: str
    doc: str
    title: str
    lang: str
    year: str
    place: str
    snippet_html: str
    link: str
    also: list[str]


class Search(Listed):
    title: str
    q: str
    results: list[SearchResult]
    ranked: str
    facets_over: int
    conflicts: list[Claim]
    conflicts_total: int


class ClaimRef(Shape):
    claim: str
    summary: str
    link: str


class ClaimedFigure(ClaimRef):
    start: int
    end: int


class Highlight(Shape):
    start: int
    end: int
    quote: str
    claim: ClaimRef | None  # the claim the highlighted figure belongs to


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
    claims: list[ClaimedFigure]  # the document's figures that belong to a claim, each linked to its page
    citations: list[dict[str, str]]


class HeaderCell(Shape):
    text: str
    link: str
    colspan: int
    rowspan: int


class BodyCell(Shape):
    text: str
    link: str
    failed: str
    claim: str  # the page of the claim its figure belongs to, else ""


class ObservationRow(Shape):
    row: list[str]
    col: list[str]
    value: float | None
    raw: str
    unit: str
    scale: int
    flags: list[str]
    dims: dict[str, Any]
    link: str


class Charted(Shape):
    drawn: int
    series: int


class TablePage(Shape):
    title: str
    doc: str
    doc_title: str
    doc_id: int
    index: int
    number: int | None
    caption: str
    permalink: str
    source_note: str
    numeric: bool
    label_cols: int
    header: list[list[HeaderCell]]
    body: list[list[BodyCell]]
    chart_svg: str
    chart_legend: list[dict[str, str]]
    charted: Charted
    csv: str
    json_: str = Field(alias="json")
    observations: list[ObservationRow]


class Point(Shape):
    time: str
    doc: str
    figure: str
    value: float | None
    low: float | None
    high: float | None
    source: str
    title: str
    link: str
    also_count: int


class SeriesRow(Shape):
    key: str
    about: str
    documents: list[str]
    documents_total: int
    points: list[Point]
    points_total: int


class Series(Window):
    title: str
    series: list[SeriesRow]


class Evidence(Link):
    quote: str
    start: int
    end: int


class Size(Shape):
    value: float | None
    low: float | None
    high: float | None
    approx: bool


class FlowRow(Shape):
    doc: str
    title: str
    lang: str
    origin: list[str]
    destination: list[str]
    group: str
    start: str
    end: str
    size: Size
    kind: str
    series: list[list[float]]
    evidence: list[Evidence]


class Corridors(Listed):
    title: str
    flows: list[FlowRow]
    diagram_svg: str


class ResourceRow(Link):
    name: str
    kind: str
    services: list[str]
    city: str
    country: str
    url: str
    members: float | None
    lang: str
    quote: str
    start: int
    end: int


class Help(Listed):
    title: str
    services: list[str]
    cities: list[str]
    resources: list[ResourceRow]


class Revision(Shape):
    id: int
    doc: str
    revision: int


class Change(Shape):
    change: str
    kind: str
    old_quote: str
    new_quote: str
    old_start: int | None
    new_start: int | None
    old_html: str
    new_html: str
    old_link: str
    new_link: str


class RevisionPair(Shape):
    article: str
    title: str
    from_: Revision = Field(alias="from")
    to: Revision
    changes: list[Change]


class Revisions(Window):
    title: str
    articles: list[RevisionPair]


class RankedStatement(Link):
    doc: str
    title: str
    published: str
    lang: str
    mention: str
    quote: str
    time: str
    source: str
    rank: str  # preferred | normal | deprecated
    reason: str


class ClaimRow(Shape):
    id: str
    about: str
    agree: bool
    summary: str  # "3 sources agree on 171,781; 1 source gives other figures: 173,000"
    documents: int
    link: str


class Claims(Window):
    title: str
    disagreeing: bool
    claims: list[ClaimRow]


class ClaimPage(ClaimRow):
    title: str
    statements: list[RankedStatement]


MODELS: dict[str, type[BaseModel]] = {
    "home": Home, "conflicts": Conflicts, "timeline": Timeline, "statistics": Statistics, "sources": Sources,
    "entities": Entities, "entity": Entity, "search": Search, "source": Source, "table": TablePage, "table_by_number": TablePage,
    "series": Series, "corridors": Corridors, "help_directory": Help, "revisions": Revisions,
    "claims": Claims, "claim": ClaimPage,
}
