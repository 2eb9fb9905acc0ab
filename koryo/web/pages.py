"""What each page shows, as one plain dict: rendered as HTML by a template, or returned as JSON
under /api on the same path (datasette's lesson). Every figure carries the link to its source."""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from koryo import export
from koryo.errors import NotFound, UsageError
from koryo.extract.layout import read_layout
from koryo.places import lookup
from koryo.reconcile import conflicts as find_conflicts
from koryo.reconcile import statements as find_statements
from koryo.reconcile import revisions as find_revisions
from koryo.store import Store
from koryo.web.charts import corridor_diagram, line_chart

Page = dict[str, Any]


def source_link(doc_id: int, start: int, end: int) -> str:
    return f"/sources/{doc_id}?hl={start}-{end}#hl"


def _docs(store: Store) -> dict[str, Any]:
    return {d.name: d for d in store.documents()}


@lru_cache(maxsize=4)
def _conflicts_cached(path: str, stamp: tuple[int, int]) -> list[Any]:
    return find_conflicts(Store(path, readonly=True))


def conflicts_of(store: Store) -> list[Any]:
    """Conflicts are worked out once per state of the store (its documents and their pipeline)."""
    stamp = store.db.execute("SELECT count(*), coalesce(sum(pipeline), 0) FROM documents").fetchone()
    return _conflicts_cached(store.path, tuple(stamp))


def home(store: Store) -> Page:
    docs = store.documents()
    counts: Counter[str] = Counter()
    for d in docs:
        counts.update(store.counts(d.id))
    found = conflicts_of(store)
    votes: dict[tuple[str, int], dict[str, int]] = {}
    for c in found:
        for s in c.statements:
            v = votes.setdefault((s.doc, s.mention_start), {"agree": 0, "disagree": 0})
            v["agree" if c.kind == "agreement" else "disagree"] += len(c.statements) - 1
    figures: list[dict[str, Any]] = []
    for d in docs:
        text = store.text(d.id)
        for f in store.facts(d.id):
            if f.unit != "persons" or not f.subject or (f.value or f.high or 0) < 1000:
                continue
            v = votes.get((d.name, f.mention_start), {"agree": 0, "disagree": 0})
            figures.append({
                "figure": text[f.mention_start : f.mention_end], "subject": f.subject, "time": f.time, "place": f.place,
                "value": f.value if f.value is not None else f.high, "doc": d.name, "title": d.title,
                "quote": text[f.start : f.end], "link": source_link(d.id, f.mention_start, f.mention_end),
                "agree": v["agree"], "disagree": v["disagree"],
            })
    figures.sort(key=lambda f: (-(f["disagree"] + f["agree"]), -(f["value"] or 0)))
    return {
        "title": "koryo",
        "counts": {k: counts[k] for k in ("tables", "observations", "facts", "events", "mentions", "flows", "resources", "citations")},
        "documents": [{"id": d.id, "doc": d.name, "title": d.title, "format": d.format, "link": f"/sources/{d.id}"} for d in docs],
        "figures": figures[:10],
        "conflicts": [_conflict(store, c) for c in found if c.kind != "agreement"][:5],
    }


def _conflict(store: Store, c: Any) -> dict[str, Any]:
    docs = _docs(store)
    statements = []
    for s in c.statements:
        d = docs[s.doc]
        text = store.text(d.id)
        cites = {x.key: x.fields for x in store.citations(d.id)}
        statements.append({
            "doc": s.doc, "doc_id": d.id, "title": d.title, "quote": text[s.start : s.end], "mention": s.raw, "time": s.time,
            "source": s.kind, "link": source_link(d.id, s.mention_start, s.mention_end),
            "citations": [{"key": k, "title": cites.get(k, {}).get("title") or cites.get(k, {}).get("text", ""), "url": cites.get(k, {}).get("url", "")}
                          for k in s.citations],
        })
    return {"kind": c.kind, "explanation": c.explanation, "key": c.key, "statements": statements}


def conflicts(store: Store, agreements: bool = False) -> Page:
    found = conflicts_of(store)
    return {
        "title": "Agreements" if agreements else "Conflicts",
        "agreements": agreements,
        "conflicts": [_conflict(store, c) for c in found if (c.kind == "agreement") == agreements],
        "checks": [] if agreements else [
            {"doc": d.name, "kind": c.kind, "note": c.note,
             "cells": [{"raw": x.raw, "link": source_link(d.id, x.start, x.end)} for x in c.cells[:4]]}
            for d in store.documents() for c in store.checks(d.id)
        ],
    }


def revisions(store: Store) -> Page:
    out = []
    for a, b, changes in find_revisions(store):
        out.append({
            "article": a.article, "title": a.title, "from": {"doc": a.name, "id": a.id, "revision": a.revision},
            "to": {"doc": b.name, "id": b.id, "revision": b.revision},
            "changes": [
                {"change": c.change, "kind": c.kind, "old_quote": c.old_quote, "new_quote": c.new_quote,
                 "old_link": source_link(a.id, c.old_start, c.old_start + len(c.old_quote)) if c.old_start is not None and c.kind != "section" else "",
                 "new_link": source_link(b.id, c.new_start, c.new_start + len(c.new_quote)) if c.new_start is not None and c.kind != "section" else ""}
                for c in changes
            ],
        })
    return {"title": "Revisions", "articles": out}


def timeline(store: Store, date_from: str | None, date_to: str | None, place: str | None, group: str | None, doc: str | None) -> Page:
    for name, value in (("from", date_from), ("to", date_to)):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise UsageError(f"{name}={value!r}: give a year or an ISO date (1937, 1937-08, 1937-08-21)")
    known = lookup(place) if place else None
    wanted = known.name if known else place
    events = []
    for d in store.documents():
        if doc and doc not in (d.name, str(d.id)):
            continue
        text = store.text(d.id)
        group_spans = [(m.start, m.end) for m in store.mentions(d.id) if m.type == "group" and group and group.casefold() in m.name.casefold()]
        for e in store.events(d.id):
            if date_from and e.end_date < date_from or date_to and e.date[: len(date_to)] > date_to:
                continue
            if wanted and not any(wanted.casefold() == p.casefold() for p in e.places):
                continue
            if group and not any(e.start <= a < e.end for a, _ in group_spans):
                continue
            events.append({
                "date": e.date, "end_date": e.end_date, "precision": e.precision, "what": e.what, "places": list(e.places),
                "doc": d.name, "quote": text[e.start : e.end], "link": source_link(d.id, e.date_start, e.date_end),
            })
    events.sort(key=lambda e: (e["date"], e["end_date"]))
    return {"title": "Timeline", "filters": {"from": date_from, "to": date_to, "place": place, "group": group, "doc": doc}, "events": events}


def statistics(store: Store) -> Page:
    tables = []
    for d in store.documents():
        obs = store.observations(d.id)
        counted = Counter(o.table_index for o in obs)
        for i, t in enumerate(store.tables(d.id)):
            tables.append({
                "doc": d.name, "doc_id": d.id, "index": i, "number": t.number, "title": t.title, "rows": t.rows, "cols": t.cols,
                "observations": counted.get(i, 0), "link": f"/statistics/{d.id}/{i}",
            })
    return {"title": "Statistics", "tables": tables}


def table(store: Store, doc_id: int, index: int) -> Page:
    d = next((x for x in store.documents() if x.id == doc_id), None)
    if d is None:
        raise NotFound(f"document {doc_id} not found")
    tables = store.tables(doc_id)
    if not 0 <= index < len(tables):
        raise NotFound(f"table {index} of document {doc_id} not found")
    t = tables[index]
    layout = read_layout(t)
    obs = [o for o in store.observations(doc_id) if o.table_index == index]
    header = [[{"text": c.text, "link": source_link(doc_id, c.start, c.end)} for c in row] for row in t.header]
    body = [[{"text": c.text, "link": source_link(doc_id, c.start, c.end)} for c in row.cells] for row in layout.rows]
    chart = ""
    years = sorted({str(o.dims["year"]) for o in obs if "year" in o.dims and "month" not in o.dims})
    if obs and years:
        series: dict[str, list[float | None]] = {}
        units = Counter(o.unit for o in obs)
        unit = units.most_common(1)[0][0]
        for o in obs:
            if o.unit != unit or "year" not in o.dims or "month" in o.dims or o.row and re.match(r"(?i)total", o.row[-1]):
                continue
            label = " › ".join(o.row) or " › ".join(p for p in o.col if p != str(o.dims["year"])) or t.title
            series.setdefault(label, [None] * len(years))[years.index(str(o.dims["year"]))] = o.value
        chart = line_chart(f"Table {t.number}: {t.title}", years, dict(list(series.items())[:10]), unit)
    return {
        "title": f"Table {t.number}. {t.title}" if t.number is not None else t.title or "Table",
        "doc": d.name, "doc_id": doc_id, "index": index, "number": t.number, "caption": t.title, "source_note": t.source_note,
        "numeric": layout.numeric, "header": header, "body": body, "chart_svg": chart,
        "csv": f"/api/statistics/{doc_id}/{index}/observations.csv", "json": f"/api/statistics/{doc_id}/{index}/observations.json",
        "observations": [
            {"row": list(o.row), "col": list(o.col), "value": o.value, "raw": o.raw, "unit": o.unit, "scale": o.scale,
             "flags": list(o.flags), "dims": o.dims, "link": source_link(doc_id, o.start, o.end)}
            for o in obs
        ],
    }


def table_records(store: Store, doc_id: int, index: int) -> list[dict[str, Any]]:
    """The table's observations with the export's field names (404 for a missing table)."""
    page = table(store, doc_id, index)
    name = page["doc"]
    out = []
    for o in store.observations(doc_id):
        if o.table_index == index:
            out.append({
                "doc": name, "table": o.table, "title": o.title, "row": list(o.row), "col": list(o.col), "value": o.value,
                "raw": o.raw, "unit": o.unit, "scale": o.scale, "rank": o.rank, "flags": list(o.flags),
                "source_note": o.source_note, "start": o.start, "end": o.end, "dims": o.dims,
            })
    return out


def series(store: Store) -> Page:
    """The same indicator (one claim key) lined up across documents and years, prose and tables."""
    docs = _docs(store)
    by_key: dict[str, list[Any]] = {}
    for s in find_statements(store):
        if not s.key.startswith("family="):  # an unkeyed statement's key is a block, not an indicator
            by_key.setdefault(s.key, []).append(s)
    rows = []
    for key, items in by_key.items():
        sources = {s.doc for s in items}
        if len(items) < 2:
            continue
        items.sort(key=lambda s: (s.time, s.doc, s.kind))
        rows.append({
            "key": key, "about": items[0].about, "documents": sorted(sources),
            "points": [{"time": s.time, "doc": s.doc, "figure": s.raw, "value": s.value, "low": s.low, "high": s.high,
                        "source": s.kind, "link": source_link(docs[s.doc].id, s.mention_start, s.mention_end)} for s in items],
        })
    rows.sort(key=lambda r: (-len(r["documents"]), -len(r["points"])))
    return {"title": "Series", "series": rows}


def corridors(store: Store, group: str | None, origin: str | None, destination: str | None) -> Page:
    docs = _docs(store)
    flows = []
    for f in export.flow_records(store, group, origin, destination):
        d = docs[f["doc"]]
        f = dict(f)
        f["evidence"] = [{**e, "link": source_link(d.id, e["start"], e["end"])} for e in f["evidence"]]
        flows.append(f)
    return {"title": "Corridors", "filters": {"group": group, "origin": origin, "destination": destination},
            "flows": flows, "diagram_svg": corridor_diagram(flows) if flows else ""}


def entities(store: Store, kind: str | None) -> Page:
    items = [e for e in store.entities() if not kind or e["type"] == kind]
    return {"title": "People and places", "type": kind,
            "entities": [{**e, "link": f"/entities/{e['id']}"} for e in items]}


def entity(store: Store, key: str) -> Page:
    e = next((x for x in store.entities() if x["id"] == key), None)
    if e is None:
        raise NotFound(f"entity {key!r} not found")
    mentions, facts, events = [], [], []
    for d in store.documents():
        ms = [m for m in store.mentions(d.id) if m.key == key]
        if not ms:
            continue
        text = store.text(d.id)
        for m in ms:
            a = max(text.rfind("\n", 0, m.start) + 1, m.start - 80)
            b = min(len(text), m.end + 80)
            nl = text.find("\n", m.end)
            b = min(b, nl if nl >= 0 else b)
            mentions.append({"doc": d.name, "before": text[a : m.start], "quote": text[m.start : m.end], "after": text[m.end : b],
                             "link": source_link(d.id, m.start, m.end)})
        for f in store.facts(d.id):
            if any(f.start <= m.start < f.end for m in ms):
                facts.append({"doc": d.name, "figure": text[f.mention_start : f.mention_end], "quote": text[f.start : f.end],
                              "time": f.time, "link": source_link(d.id, f.mention_start, f.mention_end)})
        for ev in store.events(d.id):
            if any(ev.start <= m.start < ev.end for m in ms):
                events.append({"doc": d.name, "date": ev.date, "what": ev.what, "link": source_link(d.id, ev.date_start, ev.date_end)})
    return {"title": e["name"], "entity": e, "mentions": mentions, "facts": facts, "events": events}


def help_directory(store: Store, service: str | None, city: str | None) -> Page:
    docs = _docs(store)
    out = []
    for r in export.resources(store):
        if service and service not in r["services"]:
            continue
        if city and city.casefold() != (r["city"] or "").casefold():
            continue
        d = docs[r["doc"]]
        out.append({**r, "link": source_link(d.id, r["start"], r["end"])})
    all_services = sorted({s for r in export.resources(store) for s in r["services"]})
    cities = sorted({r["city"] for r in export.resources(store) if r["city"]})
    return {"title": "Help directory", "filters": {"service": service, "city": city}, "services": all_services, "cities": cities,
            "resources": out}


def sources(store: Store) -> Page:
    return {"title": "Sources", "documents": [
        {"id": d.id, "doc": d.name, "title": d.title, "format": d.format, "language": d.language, "article": d.article,
         "revision": d.revision, "chars": d.chars, "link": f"/sources/{d.id}"} for d in store.documents()
    ]}


def source(store: Store, doc_id: int, hl: str | None) -> Page:
    d = next((x for x in store.documents() if x.id == doc_id), None)
    if d is None:
        raise NotFound(f"document {doc_id} not found")
    text = store.text(doc_id)
    span = None
    if hl:
        m = re.fullmatch(r"(\d+)-(\d+)", hl)
        if not m or not int(m.group(1)) <= int(m.group(2)) <= len(text):
            raise UsageError(f"hl={hl!r}: give START-END offsets within the document (0-{len(text)})")
        span = (int(m.group(1)), int(m.group(2)))
    cites = store.citations(doc_id)
    facts = store.facts(doc_id)
    marks = [(f.mention_start, f.mention_end, "fact") for f in facts]
    citation = None
    if span:
        marks.append((span[0], span[1], "hl"))
        for f in facts:
            if f.mention_start <= span[0] < f.mention_end or f.start <= span[0] < f.end and span[1] <= f.end:
                keys = set(f.citations)
                citation = [{"key": c.key, "text": text[c.start : c.end], "url": c.fields.get("url", ""),
                             "title": c.fields.get("title", "")} for c in cites if c.key in keys]
                break
        if citation is None:
            near = [c for c in cites if c.kind == "source_note" and any(abs(a - span[0]) < 20000 for a in c.anchors)
                    and c.anchors and c.anchors[0] <= span[0] <= c.end]
            citation = [{"key": c.key, "text": text[c.start : c.end], "url": c.fields.get("url", ""), "title": ""} for c in near[:1]]
    return {
        "title": d.title, "doc": d.name, "doc_id": doc_id, "format": d.format, "language": d.language,
        "highlight": {"start": span[0], "end": span[1], "quote": text[span[0] : span[1]]} if span else None,
        "citations_for_highlight": citation or [],
        "html": render_text(text, marks),
        "citations": [{"key": c.key, "kind": c.kind, "text": text[c.start : c.end], "url": c.fields.get("url", ""),
                       "link": source_link(doc_id, c.start, c.end)} for c in cites],
    }


def render_text(text: str, marks: list[tuple[int, int, str]]) -> str:
    """The document as paragraphs, every character escaped, marked spans wrapped (the highlight first)."""
    chosen: list[tuple[int, int, str]] = []
    for a, b, cls in sorted(marks, key=lambda m: (m[2] != "hl", m[0])):
        if b <= a or any(a < y and x < b for x, y, _ in chosen):
            continue
        chosen.append((a, b, cls))
    chosen.sort()
    out = []
    pos = 0
    for a, b, cls in chosen:
        out.append(html.escape(text[pos:a]))
        inner = html.escape(text[a:b])
        if cls == "hl":
            out.append(f'<mark id="hl" class="hl" tabindex="-1">{inner}</mark>')
        else:
            out.append(f'<a class="fact" href="?hl={a}-{b}#hl">{inner}</a>')
        pos = b
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return "\n".join("<p>" + p.replace("\n", "<br>\n").replace("\t", " │ ") + "</p>" for p in paragraphs)


def search(store: Store, q: str, kind: str | None, doc: str | None, year: str | None, place: str | None, limit: int) -> Page:
    words = re.findall(r"\w+", q or "")
    if not words:
        raise UsageError("q: give one or more words to search for")
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    where = ["search MATCH ?"]
    params: list[Any] = [match]
    for col, value in (("kind", kind), ("doc", doc), ("year", year), ("place", place)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    sql = (
        "SELECT kind, doc, doc_id, start, \"end\", ref, year, place, snippet(search, 2, char(2), char(3), '…', 16) "
        f"FROM search WHERE {' AND '.join(where)} ORDER BY bm25(search) LIMIT ?"
    )
    rows = store.db.execute(sql, [*params, limit]).fetchall()
    facets: dict[str, Counter[str]] = {k: Counter() for k in ("kind", "doc", "year", "place")}
    for r in store.db.execute(f"SELECT kind, doc, year, place FROM search WHERE {' AND '.join(where)}", params):
        for k, v in zip(("kind", "doc", "year", "place"), r):
            if v:
                facets[k][v] += 1
    results = []
    for kind_, doc_, doc_id, start, end, ref, yr, pl, snip in rows:
        snippet_html = html.escape(snip).replace("\x02", "<mark>").replace("\x03", "</mark>")
        link = f"/entities/{ref}" if kind_ == "entity" else source_link(doc_id, start, end)
        results.append({"kind": kind_, "doc": doc_, "year": yr, "place": pl, "snippet_html": snippet_html, "link": link})
    lowered = [w.casefold() for w in words]
    matching_conflicts = [
        _conflict(store, c) for c in conflicts_of(store)
        if c.kind != "agreement" and all(w in (c.explanation + " ".join(s.raw for s in c.statements) + _quotes(store, c)).casefold() for w in lowered)
    ]
    return {"title": f"Search: {q}", "q": q, "filters": {"kind": kind, "doc": doc, "year": year, "place": place},
            "results": results, "facets": {k: v.most_common(12) for k, v in facets.items()}, "conflicts": matching_conflicts}


def _quotes(store: Store, c: Any) -> str:
    docs = _docs(store)
    return " ".join(store.text(docs[s.doc].id)[s.start : s.end] for s in c.statements)
