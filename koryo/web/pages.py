"""What each page shows, as one plain dict: rendered as HTML by a template, or returned as JSON
under /api on the same path (datasette's lesson). Every figure carries the link to its source.

Every page reads only what it shows: one page of rows by an indexed query with LIMIT/OFFSET,
totals by SQL counts, and what needs the whole store from `Versioned` (worked out once per state
of the store, see koryo.web.summaries)."""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from koryo.errors import NotFound, UsageError
from koryo.extract.entities import aliases_by_script, group_aliases
from koryo.extract.gazetteer import names_of_group
from koryo.extract.layout import read_layout
from koryo.periods import period_label
from koryo.places import lookup
from koryo.reconcile.revisions import diff
from koryo.store import TEXT_SQL, Store
from koryo.store.queries import Reader, Versioned
from koryo.web import summaries
from koryo.web.charts import corridor_diagram, legend, line_chart
from koryo.web.listing import Orders, counted, facets
from koryo.web.render import marked, render_text
from koryo.web.summaries import source_link

Page = dict[str, Any]
CHARTED = 10  # lines a chart can tell apart (its palette); the rest are in the table
# The list each list page shows, downloadable as CSV at /api/PATH.csv with the page's parameters.
LISTS = {"timeline": "events", "statistics": "tables", "series": "series", "corridors": "flows", "entities": "entities",
         "help_directory": "resources", "sources": "documents", "conflicts": "conflicts", "search": "results", "claims": "claims"}


@dataclass(frozen=True)
class Paging:
    """One page of a list: `limit` rows from `offset`; the other parameters of the request make its links."""

    limit: int
    offset: int
    path: str = ""
    query: tuple[tuple[str, str], ...] = ()

    def window(self, total: int | None, shown: int) -> dict[str, Any]:
        """`total`, `limit`, `offset` and the links to the next and previous pages (None at the ends)."""
        more = self.offset + shown < total if total is not None else shown >= self.limit
        return {"total": total, "limit": self.limit, "offset": self.offset,
                "next": self._link(self.offset + self.limit) if more else None,
                "prev": self._link(max(0, self.offset - self.limit)) if self.offset else None,
                "download": self._download()}

    def _download(self) -> dict[str, str]:
        """This view (its filters and page) as CSV and as JSON."""
        api = self.path if self.path.startswith("/api/") else "/api" + self.path
        query = "?" + urlencode(self.query) if self.query else ""
        return {"csv": api.removesuffix(".csv") + ".csv" + query, "json": api.removesuffix(".csv") + query}

    def _link(self, offset: int) -> str:
        params = [(k, v) for k, v in self.query if k not in ("offset", "page")] + ([("offset", str(offset))] if offset else [])
        return self.path + ("?" + urlencode(params) if params else "")


@dataclass(frozen=True)
class Context:
    """What a page reads from: this request's bounded reader and the per-state summaries."""

    reader: Reader
    cache: Versioned
    texts: dict[int, str] = field(default_factory=dict)

    def summary(self, name: str) -> Any:
        return summaries.get(self.cache, name)

    def text(self, doc_id: int) -> str:
        """A document's text, read once per request."""
        if doc_id not in self.texts:
            self.texts[doc_id] = "".join(r[0] for r in self.reader.all(TEXT_SQL, (doc_id, doc_id)))
        return self.texts[doc_id]


def _doc(ctx: Context, doc_id: int) -> Any:
    d = ctx.reader.one("SELECT id, name, title, format, language, article, chars FROM documents WHERE id = ?", (doc_id,))
    if d is None:
        raise NotFound(f"document {doc_id} not found")
    return d


def document_id(ctx: Context, ref: str, largest: int) -> int:
    """The id of the document named by its id, its file name or the start of its sha256."""
    if re.fullmatch(r"[0-9]+", ref):
        if int(ref[:20]) > largest or len(ref) > 20:
            raise UsageError(f"document id {ref[:20]}…: at most {largest}")
        return int(ref)
    rows = ctx.reader.all("SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 2", (ref,))
    if not rows and len(ref) >= 6 and re.fullmatch(r"[0-9a-fA-F]+", ref):
        low = ref.lower()
        rows = ctx.reader.all("SELECT id FROM documents WHERE sha256 >= ? AND sha256 < ? ORDER BY id LIMIT 2", (low, low + "g"))
    if len(rows) > 1:
        raise UsageError(f"{ref}: names several documents; give the id or more of the sha256")
    if not rows:
        raise NotFound(f"document {ref} not found")
    return int(rows[0][0])


# The closed vocabularies a list filters by (koryo/model.py): another value is a 400, not an empty list
FLOW_KINDS = ("deportation", "labour", "study", "refuge", "marriage", "military", "return", "settlement")
TABLE_KINDS = ("table", "infobox")


def one_of(name: str, value: str | None, allowed: Iterable[str]) -> None:
    """A filter's value must be one of `allowed`; else a usage error that lists them."""
    choices = sorted(set(allowed))
    if value and value not in choices:
        raise UsageError(f"{name}={value[:40]!r}: one of {', '.join(choices) or '(none in this store)'}")


def known_document(ctx: Context, doc: str | None) -> None:
    """A `doc` filter names a stored document (by file name, or id): another is a 400, not an empty list."""
    if doc and ctx.reader.one("SELECT 1 FROM documents WHERE name = ? OR id = ? LIMIT 1", (doc, int(doc) if doc.isdigit() and len(doc) < 19 else -1)) is None:
        raise UsageError(f"doc={doc[:60]!r}: no such document; /sources lists them")


def table_index(ctx: Context, doc_id: int, number: int) -> int:
    """The index in its document of the table printed with this number."""
    row = ctx.reader.one("SELECT seq FROM tables WHERE doc_id = ? AND number = ? ORDER BY seq LIMIT 1", (doc_id, number))
    if row is None:
        raise NotFound(f"document {doc_id} has no table numbered {number}")
    return int(row[0])


def group_keys(ctx: Context, name: str) -> list[str]:
    """The groups a filter names: by any of their names in the gazetteer ("Goryeoin" is the
    Koryo-saram), or by a part of the name they are stored under."""
    folded = name.casefold()
    return [e["id"] for e in ctx.summary("entities")
            if e["type"] == "group" and (folded in e["name"].casefold() or folded in group_aliases(e["id"]))]


def titles_of(ctx: Context, doc_ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """File name, title and language of the documents named (one query for a page's rows)."""
    if not doc_ids:
        return {}
    marks = ",".join("?" * len(doc_ids))
    return {r[0]: (r[1], r[2], r[3]) for r in ctx.reader.all(f"SELECT id, name, title, language FROM documents WHERE id IN ({marks})", sorted(doc_ids))}


def home(ctx: Context) -> Page:
    counts = ctx.summary("counts")
    docs = ctx.reader.all("SELECT id, name, title, format FROM documents ORDER BY id LIMIT 20")
    return {
        "title": "A cited knowledge base",
        "counts": {k: counts[k] for k in summaries.COUNTED},
        "documents": [{"id": d[0], "doc": d[1], "title": d[2], "format": d[3], "link": f"/sources/{d[0]}"} for d in docs],
        "documents_total": counts["documents"],
        "figures": ctx.summary("figures"),
        "conflicts": [shown_card(c) for c in ctx.summary("claims")["conflicts"][:5]],
    }


CONFLICTS = Orders({"claim": "", "documents": "documents DESC", "figures": "figures DESC", "kind": "kind"})


def conflicts(ctx: Context, agreements: bool, paging: Paging, kind: str | None = None, sort: str | None = None) -> Page:
    cards_of = ctx.summary("claims")
    one_of("kind", kind, (c["kind"] for cards in cards_of.values() for c in cards))
    everything = cards_of["agreements" if agreements else "conflicts"]
    cards = [c for c in everything if not kind or c["kind"] == kind]
    name, descending = CONFLICTS.key(sort)
    if name != "claim":
        cards = sorted(cards, key=lambda c: c[name], reverse=descending != (name in ("documents", "figures")))
    elif descending:
        cards = cards[::-1]
    shown = cards[paging.offset : paging.offset + paging.limit]
    checks_total = 0 if agreements else ctx.reader.value("SELECT count(*) FROM checks")
    checks = [] if agreements or paging.offset else ctx.reader.all(
        "SELECT c.doc_id, d.name, d.title, c.kind, c.note, c.cells FROM checks c JOIN documents d ON d.id = c.doc_id"
        " ORDER BY c.doc_id, c.seq LIMIT 50"
    )
    return {
        "title": "Agreements" if agreements else "Conflicts", "agreements": agreements,
        "conflicts": [shown_card(c) for c in shown], **paging.window(len(cards), len(shown)), "filters": {"kind": kind},
        "sort": CONFLICTS.links(paging.path, paging.query, sort), "facets": counted(everything, {"kind": "kind"}, paging.path, paging.query),
        "checks_total": checks_total,
        "checks": [{"doc": r[1], "title": r[2], "kind": r[3], "note": r[4],
                    "cells": [{"raw": x["raw"], "link": source_link(r[0], x["start"], x["end"])} for x in json.loads(r[5])[:4]]}
                   for r in checks],
    }


def claims(ctx: Context, paging: Paging, disagreeing: bool) -> Page:
    everything = [c for c in ctx.summary("ranked") if not disagreeing or not c["agree"]]
    shown = everything[paging.offset : paging.offset + paging.limit]
    return {"title": "Claims", "disagreeing": disagreeing, "claims": [{k: v for k, v in c.items() if k != "statements"} for c in shown],
            **paging.window(len(everything), len(shown))}


def claim(ctx: Context, claim_id: str) -> Page:
    found = next((c for c in ctx.summary("ranked") if c["id"] == claim_id), None)
    if found is None:
        raise NotFound(f"{claim_id}: no such claim; /claims lists them")
    return {"title": f"Claim: {found['about']}", **found}


def shown_card(card: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in card.items() if k != "words"}


def revisions(ctx: Context, paging: Paging) -> Page:
    pairs = ctx.summary("revision_pairs")
    shown = pairs[paging.offset : paging.offset + paging.limit]
    out = []
    for p in shown:
        changes = _changes(ctx.reader.store.path, ctx.cache.generation(), p["from"]["id"], p["to"]["id"])
        out.append({**p, "changes": [
            {**c, "old_link": source_link(p["from"]["id"], c["old_start"], c["old_start"] + len(c["old_quote"])) if c["old_start"] is not None and c["kind"] != "section" else "",
             "new_link": source_link(p["to"]["id"], c["new_start"], c["new_start"] + len(c["new_quote"])) if c["new_start"] is not None and c["kind"] != "section" else ""}
            for c in changes]})
    return {"title": "Revisions", "articles": out, **paging.window(len(pairs), len(shown))}


@lru_cache(maxsize=256)
def _changes(path: str, generation: int, a: int, b: int) -> list[dict[str, Any]]:
    """The fact-level changes from one revision to the next, with the changed numbers marked."""
    store = Store(path, readonly=True)
    try:
        found = diff(store.document(a), store.document(b))
    finally:
        store.close()
    return [{"change": c.change, "kind": c.kind, "old_quote": c.old_quote, "new_quote": c.new_quote,
             "old_start": c.old_start, "new_start": c.new_start, **marked(c.old_quote, c.new_quote)} for c in found]


def date_bound(name: str, value: str | None) -> None:
    """A period's bound is a year or an ISO date; anything else is a usage error, not an empty list."""
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise UsageError(f"{name}={value!r}: give a year or an ISO date (1937, 1937-08, 1937-08-21)")


TIMELINE = Orders({"date": "e.date, e.end_date, e.doc_id, e.seq", "doc": "e.doc_id, e.seq"})
EVENTS = "events e JOIN documents d ON d.id = e.doc_id"
TIMELINE_FACETS = {"doc": (EVENTS, "d.name"), "language": (EVENTS, "d.language"), "year": (EVENTS, "substr(e.date, 1, 4)"),
                   "place": (EVENTS + ", json_each(e.places) p", "p.value")}


def timeline(ctx: Context, date_from: str | None, date_to: str | None, place: str | None, group: str | None,
             doc: str | None, paging: Paging, language: str | None = None, year: str | None = None,
             sort: str | None = None) -> Page:
    for name, value in (("from", date_from), ("to", date_to)):
        date_bound(name, value)
    if date_from and date_to and date_from[:len(date_to)] > date_to:
        raise UsageError(f"from={date_from!r} is after to={date_to!r}")
    known_document(ctx, doc)
    known = lookup(place) if place else None
    where: list[str] = ["1"]
    params: list[Any] = []
    if date_from:
        where.append("e.end_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("substr(e.date, 1, ?) <= ?")
        params += [len(date_to), date_to]
    if place:
        where.append("EXISTS (SELECT 1 FROM json_each(e.places) p WHERE lower(p.value) = lower(?))")
        params.append(known.name if known else place)
    if group:
        keys = group_keys(ctx, group)
        where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = e.doc_id AND m.type = 'group' AND m.start >= e.start"
                     f" AND m.start < e.\"end\" AND m.key IN ({','.join('?' * len(keys))}))")
        params += keys
    if doc:
        where.append("e.doc_id = (SELECT id FROM documents WHERE name = ? OR CAST(id AS TEXT) = ? ORDER BY id LIMIT 1)")
        params += [doc, doc]
    if language:
        where.append("e.doc_id IN (SELECT id FROM documents WHERE language = ?)")
        params.append(language)
    if year:
        where.append("substr(e.date, 1, 4) = ?")
        params.append(year)
    order = TIMELINE.sql(sort)
    sql_where = " AND ".join(where)
    if len(where) == 1:
        total = ctx.summary("counts")["events"]
    else:
        total = ctx.reader.value(f"SELECT count(*) FROM events e WHERE {sql_where}", params)
    rows = ctx.reader.all(
        "SELECT e.doc_id, e.date, e.end_date, e.precision, e.what, e.places, e.date_start, e.date_end, e.start, e.\"end\", e.citations"
        f" FROM events e WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset],
    )
    quotes = _quotes(ctx, [(r[0], r[8], r[9]) for r in rows])
    titles = titles_of(ctx, {r[0] for r in rows})
    cited = _citations(ctx, {(r[0], key) for r in rows for key in json.loads(r[10])})
    events = [{
        "date": r[1], "end_date": r[2], "precision": r[3], "period": period_label(r[1], r[2], r[3]), "what": r[4], "places": json.loads(r[5]),
        "doc": titles[r[0]][0], "title": titles[r[0]][1], "lang": titles[r[0]][2], "quote": quotes[(r[0], r[8], r[9])],
        "link": source_link(r[0], r[6], r[7]), "citations": [cited[(r[0], k)] for k in json.loads(r[10]) if (r[0], k) in cited],
    } for r in rows]
    return {"title": "Timeline", "filters": {"from": date_from, "to": date_to, "place": place, "group": group, "doc": doc,
                                             "language": language, "year": year},
            "events": events, **paging.window(total, len(events)), **_listed(ctx, TIMELINE, sort, paging, "events e", sql_where, params, TIMELINE_FACETS)}


def _listed(ctx: Context, orders: Orders, sort: str | None, paging: Paging, rows: str, where: str, params: list[Any],
            columns: dict[str, tuple[str, str]]) -> Page:
    """A list's sort links and facets, for its filters."""
    return {"sort": orders.links(paging.path, paging.query, sort),
            "facets": facets(ctx.reader, rows, where, params, columns, paging.path, paging.query)}


def _citations(ctx: Context, wanted: set[tuple[int, str]]) -> dict[tuple[int, str], dict[str, str]]:
    """The title and URL of each (doc id, citation key) named, by document."""
    out = {}
    for doc_id in {d for d, _ in wanted}:
        keys = sorted(k for d, k in wanted if d == doc_id)
        for key, fields, start, end in ctx.reader.all(
            f'SELECT key, fields, start, "end" FROM citations WHERE doc_id = ? AND key IN ({",".join("?" * len(keys))})', [doc_id, *keys]
        ):
            f = json.loads(fields)
            out[(doc_id, key)] = {"key": key, "title": f.get("title") or f.get("text", ""), "url": f.get("url", ""),
                                  "link": source_link(doc_id, start, end)}
    return out


def _quotes(ctx: Context, spans: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
    """The text of each (doc id, start, end), reading each document's text once."""
    out: dict[tuple[int, int, int], str] = {}
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for s in spans:
        by_doc.setdefault(s[0], []).append(s)
    for doc_id, wanted in by_doc.items():
        text = ctx.text(doc_id)
        for s in wanted:
            out[s] = text[s[1] : s[2]]
    return out


STATISTICS = Orders({"doc": "t.doc_id, t.seq", "number": "t.number, t.doc_id, t.seq", "title": "t.title, t.doc_id, t.seq",
                     "observations": "observations DESC, t.doc_id, t.seq", "rows": "t.n_rows DESC, t.doc_id, t.seq"})
TABLES = "tables t JOIN documents d ON d.id = t.doc_id"
STATISTICS_FACETS = {"doc": (TABLES, "d.name"), "language": (TABLES, "d.language"), "kind": (TABLES, "t.kind")}


def statistics(ctx: Context, paging: Paging, doc: str | None = None, language: str | None = None, kind: str | None = None,
               sort: str | None = None) -> Page:
    one_of("kind", kind, TABLE_KINDS)
    where, params = _document_filters(ctx, "t", doc, language)
    if kind:
        where.append("t.kind = ?")
        params.append(kind)
    sql_where = " AND ".join(where)
    order = STATISTICS.sql(sort)
    total = ctx.summary("counts")["tables"] if len(where) == 1 else ctx.reader.value(f"SELECT count(*) FROM tables t WHERE {sql_where}", params)
    rows = ctx.reader.all(
        "SELECT t.doc_id, t.seq, t.number, t.title, t.n_rows, t.n_cols,"
        " (SELECT count(*) FROM observations o WHERE o.doc_id = t.doc_id AND o.table_index = t.seq) AS observations,"
        " (SELECT min(x.seq) FROM tables x WHERE x.doc_id = t.doc_id AND x.number = t.number) = t.seq"
        f" FROM tables t WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, paging.limit, paging.offset],
    )
    titles = titles_of(ctx, {r[0] for r in rows})
    tables = [{"doc": titles[r[0]][0], "doc_title": titles[r[0]][1], "doc_id": r[0], "index": r[1], "number": r[2],
               "title": r[3], "rows": r[4], "cols": r[5], "observations": r[6], "link": table_link(r[0], r[1], r[2] if r[7] else None)}
              for r in rows]
    return {"title": "Statistics", "filters": {"doc": doc, "language": language, "kind": kind}, "tables": tables,
            **paging.window(total, len(tables)), **_listed(ctx, STATISTICS, sort, paging, "tables t", sql_where, params, STATISTICS_FACETS)}


def _document_filters(ctx: Context, alias: str, doc: str | None, language: str | None) -> tuple[list[str], list[Any]]:
    """The SQL conditions of the `doc` (id or file name) and `language` filters on rows of `alias`."""
    known_document(ctx, doc)
    where: list[str] = ["1"]
    params: list[Any] = []
    if doc:
        where.append(f"{alias}.doc_id IN (SELECT id FROM documents WHERE name = ? OR CAST(id AS TEXT) = ?)")
        params += [doc, doc]
    if language:
        where.append(f"{alias}.doc_id IN (SELECT id FROM documents WHERE language = ?)")
        params.append(language)
    return where, params


def spanned(header: list[list[Any]]) -> list[list[tuple[Any, int, int]]]:
    """The header rows as a reader saw them: a heading over several columns or rows is one cell
    with its column and row span — repeated by the reader (HTML's colspan, the same characters
    in each place) or followed by empty cells (a tab-separated heading over the columns below it)."""
    height, width = len(header), max((len(r) for r in header), default=0)
    grid = [list(r) + [None] * (width - len(r)) for r in header]

    def empty(c: Any) -> bool:
        return c is None or not c.text.strip()

    def under(c: Any, other: Any, r: int) -> bool:  # `other` belongs to the heading `c`
        return other is not None and (other.start, other.end, other.text) == (c.start, c.end, c.text) or empty(other) and r < height - 1

    covered: set[tuple[int, int]] = set()
    out: list[list[tuple[Any, int, int]]] = []
    for r in range(height):
        row = []
        for c in range(width):
            cell = grid[r][c]
            if (r, c) in covered or cell is None:
                continue
            cols = 1
            while not empty(cell) and c + cols < width and (r, c + cols) not in covered and under(cell, grid[r][c + cols], r):
                cols += 1
            rows = 1
            while (not empty(cell) and r + rows < height
                   and all(under(cell, grid[r + rows][x], r) or empty(grid[r + rows][x]) and cols == 1 for x in range(c, c + cols))):
                rows += 1
            covered |= {(y, x) for y in range(r, r + rows) for x in range(c, c + cols)}
            row.append((cell, cols, rows))
        out.append(row)
    return out


def table_link(doc_id: int, index: int, number: int | None) -> str:
    """A table's page: by the number printed above it where that names it alone ("Table 3" at
    …/tables/3), else by its index in the document."""
    return f"/sources/{doc_id}/tables/{number}" if number is not None else f"/statistics/{doc_id}/{index}"


def table(ctx: Context, doc_id: int, index: int) -> Page:
    d = _doc(ctx, doc_id)
    tables = ctx.reader.store.tables(doc_id)
    if not 0 <= index < len(tables):
        raise NotFound(f"table {index} of document {doc_id} not found")
    t = tables[index]
    layout = read_layout(t)
    obs = [o for o in ctx.reader.store.observations(doc_id) if o.table_index == index]
    header = [[{"text": c.text, "link": source_link(doc_id, c.start, c.end), "colspan": cols, "rowspan": rows} for c, cols, rows in row]
              for row in spanned(t.header)]
    failed = {(x.start, x.end): c.note for c in ctx.reader.store.checks(doc_id) if c.table == t.number for x in c.cells}
    claimed = ctx.summary("claim_marks").get(doc_id, {})
    spans = sorted(claimed)
    body = [[{"text": c.text, "link": source_link(doc_id, c.start, c.end), "failed": failed.get((c.start, c.end), ""),
              "claim": _claim_within(claimed, spans, c.start, c.end)} for c in row.cells] for row in layout.rows]
    chart, charted, drawn_names = "", (0, 0), []
    years = sorted({str(o.dims["year"]) for o in obs if "year" in o.dims and "month" not in o.dims})
    if obs and years:
        series: dict[str, list[float | None]] = {}
        unit = Counter(o.unit for o in obs).most_common(1)[0][0]
        for o in obs:
            if o.unit != unit or "year" not in o.dims or "month" in o.dims or o.row and re.match(r"(?i)total", o.row[-1]):
                continue
            label = " › ".join(o.row) or " › ".join(p for p in o.col if p != str(o.dims["year"])) or t.title
            series.setdefault(label, [None] * len(years))[years.index(str(o.dims["year"]))] = o.value
        series = {name: vs for name, vs in series.items() if any(v is not None for v in vs)}
        drawn = dict(list(series.items())[:CHARTED])
        if drawn:  # no empty chart where no dated row but the total has a figure
            chart = line_chart(f"Table {t.number}: {t.title}", years, drawn, unit)
            drawn_names = list(drawn)
            charted = (len(drawn), len(series))
    return {
        "title": f"Table {t.number}. {t.title}" if t.number is not None else t.title or "Table",
        "doc": d["name"], "doc_title": d["title"], "doc_id": doc_id, "index": index, "number": t.number, "caption": t.title,
        "permalink": table_link(doc_id, index, t.number if t.number is not None and ctx.reader.value("SELECT min(seq) FROM tables WHERE doc_id = ? AND number = ?", (doc_id, t.number)) == index else None),
        "source_note": t.source_note, "numeric": layout.numeric, "label_cols": layout.label_cols, "header": header, "body": body,
        "chart_svg": chart, "chart_legend": legend(drawn_names), "charted": {"drawn": charted[0], "series": charted[1]},
        "csv": f"/api/statistics/{doc_id}/{index}/observations.csv", "json": f"/api/statistics/{doc_id}/{index}/observations.json",
        "observations": [
            {"row": list(o.row), "col": list(o.col), "value": o.value, "raw": o.raw, "unit": o.unit, "scale": o.scale,
             "flags": list(o.flags), "dims": o.dims, "link": source_link(doc_id, o.start, o.end)}
            for o in obs
        ],
    }


def _claim_within(claimed: dict[tuple[int, int], dict[str, str]], spans: list[tuple[int, int]], a: int, b: int) -> str:
    """The page of the claim whose figure stands within a..b (a table cell), else ''; `spans` are
    the claimed (start, end) sorted."""
    i = bisect.bisect_left(spans, (a, a))
    return claimed[spans[i]]["link"] if i < len(spans) and spans[i][1] <= b else ""


def table_records(ctx: Context, doc_id: int, index: int) -> list[dict[str, Any]]:
    """The table's observations with the export's field names (404 for a missing table)."""
    name = _doc(ctx, doc_id)["name"]
    if ctx.reader.value("SELECT count(*) FROM tables WHERE doc_id = ? AND seq = ?", (doc_id, index)) != 1:
        raise NotFound(f"table {index} of document {doc_id} not found")
    return [
        {"doc": name, "table": o.table, "title": o.title, "row": list(o.row), "col": list(o.col), "value": o.value,
         "raw": o.raw, "unit": o.unit, "scale": o.scale, "rank": o.rank, "flags": list(o.flags),
         "source_note": o.source_note, "start": o.start, "end": o.end, "dims": o.dims}
        for o in ctx.reader.store.observations(doc_id) if o.table_index == index
    ]


def series(ctx: Context, paging: Paging) -> Page:
    rows = ctx.summary("series")
    shown = rows[paging.offset : paging.offset + paging.limit]
    return {"title": "Series", "series": shown, **paging.window(len(rows), len(shown))}


CORRIDORS = Orders({"doc": "f.doc_id, f.seq", "date": "f.start_date = '', f.start_date, f.doc_id, f.seq",
                    "size": "coalesce(f.value, f.high, f.low) IS NULL, coalesce(f.value, f.high, f.low) DESC, f.doc_id, f.seq"})
FLOWS = "flows f JOIN documents d ON d.id = f.doc_id"
CORRIDORS_FACETS = {"kind": (FLOWS, "f.kind"), "group": (FLOWS, 'f."group"'), "doc": (FLOWS, "d.name"),
                    "language": (FLOWS, "d.language")}


def corridors(ctx: Context, group: str | None, origin: str | None, destination: str | None, paging: Paging,
              kind: str | None = None, doc: str | None = None, language: str | None = None, sort: str | None = None) -> Page:
    one_of("kind", kind, FLOW_KINDS)
    where: list[str] = ["1"]
    params: list[Any] = []
    if group:
        names = sorted(names_of_group(group))
        where.append("(" + " OR ".join(["instr(lower(f.\"group\"), ?)"] * len(names)) + ")")
        params += names
    for column, name in (("origin", origin), ("destination", destination)):
        if name:
            place = lookup(name)
            names = sorted({name.casefold()} | ({place.name.casefold()} if place else set()))
            where.append(f"EXISTS (SELECT 1 FROM json_each(f.{column}) p WHERE lower(p.value) IN ({','.join('?' * len(names))}))")
            params += names
    if kind:
        where.append("f.kind = ?")
        params.append(kind)
    more, more_params = _document_filters(ctx, "f", doc, language)
    where, params = where + more[1:], params + more_params
    order = CORRIDORS.sql(sort)
    sql_where = " AND ".join(where)
    total = ctx.reader.value(f"SELECT count(*) FROM flows f WHERE {sql_where}", params)
    rows = ctx.reader.all(
        'SELECT f.doc_id, f.origin, f.destination, f."group", f.start_date, f.end_date, f.value, f.low, f.high, f.approx,'
        f" f.kind, f.evidence, f.series FROM flows f WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset],
    )
    evidence = {(r[0], a, b) for r in rows for a, b in json.loads(r[11])}
    quotes = _quotes(ctx, sorted(evidence))
    titles = titles_of(ctx, {r[0] for r in rows})
    flows = [{
        "doc": titles[r[0]][0], "title": titles[r[0]][1], "lang": titles[r[0]][2], "origin": json.loads(r[1]), "destination": json.loads(r[2]),
        "group": r[3], "start": r[4], "end": r[5], "size": {"value": r[6], "low": r[7], "high": r[8], "approx": bool(r[9])},
        "kind": r[10], "series": json.loads(r[12]),
        "evidence": [{"doc": titles[r[0]][0], "quote": quotes[(r[0], a, b)], "start": a, "end": b, "link": source_link(r[0], a, b)}
                     for a, b in json.loads(r[11])],
    } for r in rows]
    return {"title": "Corridors", "filters": {"group": group, "origin": origin, "destination": destination, "kind": kind, "doc": doc,
                                              "language": language},
            "flows": flows, "diagram_svg": corridor_diagram(flows) if flows else "", **paging.window(total, len(flows)),
            **_listed(ctx, CORRIDORS, sort, paging, "flows f", sql_where, params, CORRIDORS_FACETS)}


ENTITIES = Orders({"mentions": "mentions DESC", "name": "name", "type": "type", "documents": "documents DESC"})


def entities(ctx: Context, kind: str | None, paging: Paging, doc: str | None = None, sort: str | None = None) -> Page:
    known_document(ctx, doc)
    everything = ctx.summary("entities")
    items = [e for e in everything if (not kind or e["type"] == kind) and (not doc or doc in e["docs"])]
    name, descending = ENTITIES.key(sort)
    if name != "mentions" or descending:  # the summary is by mentions, most first
        items = sorted(items, key=lambda e: e[name], reverse=descending != (name in ("documents", "mentions")))
    shown = items[paging.offset : paging.offset + paging.limit]
    return {"title": "People and places", "type": kind, "filters": {"type": kind, "doc": doc},
            "entities": [{**e, "aliases": _aliases(ctx, e["id"], e["name"], 12)} for e in shown],
            **paging.window(len(items), len(shown)), "sort": ENTITIES.links(paging.path, paging.query, sort),
            "facets": counted(items, {"type": "type", "doc": "docs"}, paging.path, paging.query)}


def _aliases(ctx: Context, key: str, name: str, sample: int) -> list[str]:
    """Other spellings of the entity met in its first `sample` mentions."""
    rows = ctx.reader.all('SELECT doc_id, start, "end" FROM mentions WHERE key = ? LIMIT ?', (key, sample))
    out: list[str] = []
    for surface in _quotes(ctx, [tuple(r) for r in rows]).values():
        if surface != name and surface not in out:
            out.append(surface)
    return out


def entity(ctx: Context, key: str, paging: Paging) -> Page:
    e = next((x for x in ctx.summary("entities") if x["id"] == key), None)
    if e is None:
        raise NotFound(f"entity {key!r} not found")
    rows = ctx.reader.all(
        'SELECT doc_id, start, "end" FROM mentions WHERE key = ? ORDER BY rowid LIMIT ? OFFSET ?', (key, paging.limit, paging.offset)
    )
    titles = titles_of(ctx, {r[0] for r in rows})
    mentions = []
    for doc_id, start, end in rows:
        text = ctx.text(doc_id)
        a = max(text.rfind("\n", 0, start) + 1, start - 80)
        nl = text.find("\n", end)
        b = min(len(text), end + 80, nl if nl >= 0 else len(text))
        mentions.append({"doc": titles[doc_id][0], "title": titles[doc_id][1], "lang": titles[doc_id][2], "before": text[a:start], "quote": text[start:end],
                         "after": text[end:b], "link": source_link(doc_id, start, end)})
    # the sentences holding its first mentions, walked from the mentions (the key's index, in stored order)
    near = ("FROM mentions m JOIN {t} x ON x.doc_id = m.doc_id AND x.start <= m.start AND m.start < x.\"end\""
            " WHERE m.key = ? ORDER BY m.rowid LIMIT ? OFFSET ?")
    facts = ctx.reader.all("SELECT DISTINCT x.doc_id, x.start, x.\"end\", x.mention_start, x.mention_end, x.time "
                           + near.format(t="facts"), (key, paging.limit, paging.offset))
    events = ctx.reader.all("SELECT DISTINCT x.doc_id, x.date, x.what, x.date_start, x.date_end, x.end_date, x.precision "
                            + near.format(t="events"),
                            (key, paging.limit, paging.offset))
    quotes = _quotes(ctx, [(f[0], f[1], f[2]) for f in facts] + [(f[0], f[3], f[4]) for f in facts])
    titles.update(titles_of(ctx, {f[0] for f in facts} | {v[0] for v in events} - set(titles)))
    return {
        "title": e["name"], "entity": {**e, "aliases": (aliases := _aliases(ctx, key, e["name"], 40)),
                                       "scripts": aliases_by_script(aliases)},
        "mentions": mentions, **paging.window(e["mentions"], len(mentions)),
        "facts": [{"doc": titles[f[0]][0], "title": titles[f[0]][1], "lang": titles[f[0]][2], "figure": quotes[(f[0], f[3], f[4])],
                   "quote": quotes[(f[0], f[1], f[2])], "time": f[5], "link": source_link(f[0], f[3], f[4])} for f in facts],
        "events": [{"doc": titles[v[0]][0], "title": titles[v[0]][1], "date": v[1], "period": period_label(v[1], v[5], v[6]), "what": v[2],
                    "link": source_link(v[0], v[3], v[4])} for v in events],
    }


HELP = Orders({"doc": "r.doc_id, r.seq", "name": "r.name, r.doc_id", "city": "r.city, r.name", "members": "r.members DESC, r.name"})
RESOURCES = "resources r JOIN documents d ON d.id = r.doc_id"
HELP_FACETS = {"service": (RESOURCES + ", json_each(r.services) s", "s.value"), "city": (RESOURCES, "r.city"),
               "country": (RESOURCES, "r.country"), "kind": (RESOURCES, "r.kind"), "doc": (RESOURCES, "d.name")}


def help_directory(ctx: Context, service: str | None, city: str | None, paging: Paging, country: str | None = None,
                   kind: str | None = None, doc: str | None = None, sort: str | None = None) -> Page:
    where: list[str] = ["1"]
    params: list[Any] = []
    if service:
        where.append("EXISTS (SELECT 1 FROM json_each(r.services) s WHERE s.value = ?)")
        params.append(service)
    if city:
        where.append("lower(r.city) = lower(?)")
        params.append(city)
    for column, value in (("country", country), ("kind", kind)):
        if value:
            where.append(f"r.{column} = ?")
            params.append(value)
    more, more_params = _document_filters(ctx, "r", doc, None)
    where, params = where + more[1:], params + more_params
    order = HELP.sql(sort)
    sql_where = " AND ".join(where)
    total = ctx.reader.value(f"SELECT count(*) FROM resources r WHERE {sql_where}", params)
    rows = ctx.reader.all(
        'SELECT r.doc_id, r.name, r.kind, r.services, r.city, r.country, r.url, r.members, r.start, r."end"'
        f" FROM resources r WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, paging.limit, paging.offset])
    quotes = _quotes(ctx, [(r[0], r[8], r[9]) for r in rows])
    titles = titles_of(ctx, {r[0] for r in rows})
    choices = ctx.summary("help_facets")
    resources = [{"name": r[1], "kind": r[2], "services": json.loads(r[3]), "city": r[4], "country": r[5], "url": r[6],
                  "members": r[7], "doc": titles[r[0]][0], "title": titles[r[0]][1], "lang": titles[r[0]][2], "quote": quotes[(r[0], r[8], r[9])],
                  "start": r[8], "end": r[9], "link": source_link(r[0], r[8], r[9])} for r in rows]
    return {"title": "Help directory", "filters": {"service": service, "city": city, "country": country, "kind": kind, "doc": doc},
            **choices, "resources": resources, **paging.window(total, len(resources)),
            **_listed(ctx, HELP, sort, paging, "resources r", sql_where, params, HELP_FACETS)}


SOURCES = Orders({"id": "d.id", "title": "d.title, d.id", "chars": "d.chars DESC, d.id", "language": "d.language, d.id",
                  "format": "d.format, d.id"})
SOURCES_FACETS = {"language": ("documents d", "d.language"), "format": ("documents d", "d.format")}


def sources(ctx: Context, paging: Paging, language: str | None = None, format: str | None = None, sort: str | None = None) -> Page:
    where: list[str] = ["1"]
    params: list[Any] = []
    for column, value in (("language", language), ("format", format)):
        if value:
            where.append(f"d.{column} = ?")
            params.append(value)
    sql_where = " AND ".join(where)
    order = SOURCES.sql(sort)
    total = ctx.summary("counts")["documents"] if len(where) == 1 else ctx.reader.value(f"SELECT count(*) FROM documents d WHERE {sql_where}", params)
    rows = ctx.reader.all(
        "SELECT id, name, title, format, language, article, chars,"
        " (SELECT count(*) FROM documents x WHERE x.article = d.article AND x.id <= d.id)"
        f" FROM documents d WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, paging.limit, paging.offset])
    docs = [{"id": r[0], "doc": r[1], "title": r[2], "format": r[3], "language": r[4], "article": r[5], "chars": r[6],
             "revision": r[7], "link": f"/sources/{r[0]}"} for r in rows]
    return {"title": "Sources", "filters": {"language": language, "format": format}, "documents": docs,
            **paging.window(total, len(docs)), **_listed(ctx, SOURCES, sort, paging, "documents d", sql_where, params, SOURCES_FACETS)}


HL = re.compile(r"(\d{1,10})-(\d{1,10})")


def source(ctx: Context, doc_id: int, hl: str | None) -> Page:
    d = _doc(ctx, doc_id)
    store = ctx.reader.store
    text = store.text(doc_id)
    span = None
    if hl:
        m = HL.fullmatch(hl)
        if not m or not int(m.group(1)) <= int(m.group(2)) <= len(text):
            raise UsageError(f"hl={hl[:40]!r}: give START-END offsets within the document (0-{len(text)})")
        span = (int(m.group(1)), int(m.group(2)))
    cites = store.citations(doc_id)
    # only the spans and citations of the figures (a document can hold thousands: no Fact objects)
    facts = ctx.reader.all('SELECT mention_start, mention_end, start, "end", citations FROM facts WHERE doc_id = ? ORDER BY seq', (doc_id,))
    headings = {sec.start: (sec.start + len(sec.path[-1]), sec.level) for sec in store.sections(doc_id)
                if sec.path and text.startswith(sec.path[-1], sec.start)}
    notes: dict[int, list[tuple[str, int, str]]] = {}
    for number, c in enumerate(cites, 1):
        for anchor in c.anchors:
            notes.setdefault(anchor, []).append((c.key, number, text[c.start : c.end]))
    claimed = ctx.summary("claim_marks").get(doc_id, {})
    # a claim's figures from table cells are marked as the sentences' are
    marks = [(f[0], f[1], "fact") for f in facts]
    marks += [(a, b, "fact") for a, b in claimed.keys() - {m[:2] for m in marks}]
    citation = None
    if span:
        marks.append((span[0], span[1], "hl"))
        for mention_start, mention_end, start, end, cited in facts:
            if mention_start <= span[0] < mention_end or start <= span[0] < end and span[1] <= end:
                keys = set(json.loads(cited))
                citation = [{"key": c.key, "text": text[c.start : c.end], "url": c.fields.get("url", ""),
                             "title": c.fields.get("title", "")} for c in cites if c.key in keys]
                break
        if citation is None:
            near = [c for c in cites if c.kind == "source_note" and c.anchors and c.anchors[0] <= span[0] <= c.end]
            citation = [{"key": c.key, "text": text[c.start : c.end], "url": c.fields.get("url", ""), "title": ""} for c in near[:1]]
    return {
        "title": d["title"], "doc": d["name"], "doc_id": doc_id, "format": d["format"], "language": d["language"],
        "highlight": {"start": span[0], "end": span[1], "quote": text[span[0] : span[1]], "claim": claimed.get(span)} if span else None,
        "citations_for_highlight": citation or [],
        "cite": _cite(d, text, span, citation or []) if span else None,
        "html": render_text(text, marks, headings, notes, claimed),
        "claims": [{"start": a, "end": b, **c} for (a, b), c in sorted(claimed.items())],
        "citations": [{"key": c.key, "kind": c.kind, "text": text[c.start : c.end], "url": c.fields.get("url", ""),
                       "link": source_link(doc_id, c.start, c.end)} for c in cites],
    }


def _cite(d: Any, text: str, span: tuple[int, int], sources: list[dict[str, str]]) -> dict[str, str]:
    """How to cite the highlighted figure: a sentence and a BibTeX-like record, with its permalink."""
    quote = " ".join(text[span[0] : span[1]].split())
    link = f"/sources/{d['name']}?hl={span[0]}-{span[1]}"
    cited = "; ".join(c["title"] or c["text"] for c in sources)
    sentence = f"“{quote}”, {d['title']} ({d['name']}, characters {span[0]}–{span[1]}){', citing ' + cited if cited else ''}. {link}"
    key = re.sub(r"\W+", "-", d["name"]).strip("-").lower()
    fields = {"title": d["title"], "note": f"“{quote}”, characters {span[0]}–{span[1]}", "howpublished": link}
    if cited:
        fields["addendum"] = f"citing {cited}"
    bibtex = f"@misc{{{key}-{span[0]},\n" + "".join(f"  {k} = {{{v.replace('{', '(').replace('}', ')')}}},\n" for k, v in fields.items()) + "}"
    return {"text": sentence, "bibtex": bibtex, "link": link}
