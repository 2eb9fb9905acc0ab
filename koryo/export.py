"""Exports: every kind of record as JSON Lines, CSV or JSON, written whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from koryo.errors import UsageError
from koryo.store import Store

Record = dict[str, Any]

FORMATS = ("jsonl", "csv", "json", "parquet")


def documents(store: Store) -> Iterator[Record]:
    docs = store.documents()
    # a language edition points at the work's first article in another language
    first_article: dict[tuple[str, str], str] = {}
    for d in docs:
        first_article.setdefault((d.work, d.language), d.article)
    for d in docs:
        others = [a for (work, lang), a in first_article.items() if work == d.work and lang != d.language]
        yield {
            "doc": d.name, "title": d.title, "article": d.article, "revision": d.revision,
            "format": d.format, "language": d.language, "chars": d.chars, "sha256": d.sha256,
            "url": d.url, "published": d.published, "author": d.author, "edition_of": others[0] if others else "",
        }


def sections(store: Store) -> Iterator[Record]:
    for d in store.documents():
        for s in store.sections(d.id):
            yield {"doc": d.name, "path": list(s.path), "start": s.start, "end": s.end}


def tables(store: Store) -> Iterator[Record]:
    for d in store.documents():
        for t in store.tables(d.id):
            yield {
                "doc": d.name, "number": t.number, "title": t.title, "source_note": t.source_note,
                "start": t.start, "end": t.end, "rows": t.rows, "cols": t.cols,
                "header": [[c.text for c in row] for row in t.header],
                "body": [[c.text for c in row] for row in t.body],
            }


def citations(store: Store) -> Iterator[Record]:
    for d in store.documents():
        text = store.text(d.id)
        for c in store.citations(d.id):
            yield {
                "doc": d.name, "key": c.key, "kind": c.kind, "fields": c.fields,
                "start": c.start, "end": c.end, "quote": text[c.start : c.end], "anchors": list(c.anchors),
            }


def observations(store: Store) -> Iterator[Record]:
    for d in store.documents():
        for o in store.observations(d.id):
            yield {
                "doc": d.name, "table": o.table, "title": o.title, "row": list(o.row), "col": list(o.col),
                "value": o.value, "raw": o.raw, "unit": o.unit, "scale": o.scale, "rank": o.rank,
                "flags": list(o.flags), "source_note": o.source_note, "start": o.start, "end": o.end, "dims": o.dims,
                "low": o.low, "high": o.high, "approx": o.approx,
            }


def checks(store: Store) -> Iterator[Record]:
    for d in store.documents():
        for c in store.checks(d.id):
            yield {
                "doc": d.name, "kind": c.kind, "table": c.table,
                "cells": [
                    {"table": x.table, "row": list(x.row), "col": list(x.col), "value": x.value, "raw": x.raw,
                     "start": x.start, "end": x.end}
                    for x in c.cells
                ],
                "expected": c.expected, "found": c.found, "note": c.note,
            }


def facts(store: Store) -> Iterator[Record]:
    for d in store.documents():
        text = store.text(d.id)
        for f in store.facts(d.id):
            yield {
                "doc": d.name, "quote": text[f.start : f.end], "start": f.start, "end": f.end,
                "value": f.value, "low": f.low, "high": f.high, "approx": f.approx, "unit": f.unit, "per": f.per,
                "subject": f.subject, "time": f.time, "time_source": f.time_source, "place": f.place, "citations": list(f.citations),
                "section": list(f.section), "mention": text[f.mention_start : f.mention_end],
                "mention_start": f.mention_start, "mention_end": f.mention_end,
            }


def events(store: Store) -> Iterator[Record]:
    for d in store.documents():
        text = store.text(d.id)
        for e in store.events(d.id):
            yield {
                "doc": d.name, "quote": text[e.start : e.end], "start": e.start, "end": e.end,
                "date": e.date, "end_date": e.end_date, "precision": e.precision, "what": e.what,
                "places": list(e.places), "citations": list(e.citations),
            }


def entities(store: Store) -> Iterator[Record]:
    for e in store.entities():
        yield {"id": e["id"], "type": e["type"], "name": e["name"], "aliases": e["aliases"], "mentions": e["mentions"], "docs": e["docs"]}


def mentions(store: Store) -> Iterator[Record]:
    for d in store.documents():
        text = store.text(d.id)
        for m in store.mentions(d.id):
            yield {"entity": m.key, "type": m.type, "name": m.name, "doc": d.name, "quote": text[m.start : m.end], "start": m.start, "end": m.end}


def flow_records(store: Store, group: str | None = None, origin: str | None = None, destination: str | None = None) -> Iterator[Record]:
    """Flows as exported; the filters match any name of the place or group, in any case."""
    from koryo.extract.gazetteer import names_of_group
    from koryo.places import lookup

    def place_names(name: str | None) -> set[str]:
        if not name:
            return set()
        place = lookup(name)
        return {name.casefold()} | ({place.name.casefold()} if place else set())

    origins, destinations = place_names(origin), place_names(destination)
    groups = names_of_group(group) if group else set()
    for d in store.documents():
        text = store.text(d.id)
        for f in store.flows(d.id):
            if groups and not any(name in f.group.casefold() for name in groups):
                continue
            if origins and not origins & {o.casefold() for o in f.origin}:
                continue
            if destinations and not destinations & {o.casefold() for o in f.destination}:
                continue
            yield {
                "doc": d.name, "origin": list(f.origin), "destination": list(f.destination), "group": f.group,
                "start": f.start_date, "end": f.end_date,
                "size": {"value": f.value, "low": f.low, "high": f.high, "approx": f.approx},
                "kind": f.kind,
                "evidence": [{"doc": d.name, "quote": text[e.start : e.end], "start": e.start, "end": e.end} for e in f.evidence],
                "series": [list(p) for p in f.series],
            }


def flows(store: Store) -> Iterator[Record]:
    return flow_records(store)


def resources(store: Store) -> Iterator[Record]:
    for d in store.documents():
        text = store.text(d.id)
        for r in store.resources(d.id):
            yield {
                "name": r.name, "kind": r.kind, "services": list(r.services), "city": r.city, "country": r.country,
                "url": r.url, "members": r.members, "doc": d.name, "quote": text[r.start : r.end], "start": r.start, "end": r.end,
            }


CITED = ("title", "author", "date", "url", "text")  # the fields of a citation a figure's record carries


def conflict_records(store: Store, agreements: bool = False) -> Iterator[Record]:
    from koryo.reconciled import judged

    texts: dict[str, str] = {}
    cites: dict[str, dict[str, Any]] = {}
    for d in store.documents():
        texts[d.name] = store.text(d.id)
        cites[d.name] = {c.key: c.fields for c in store.citations(d.id)}
    for c in judged(store).conflicts:
        if (c.kind == "agreement") != agreements:
            continue
        yield {
            "key": c.key, "kind": c.kind, "explanation": c.explanation,
            "statements": [
                {
                    "doc": s.doc, "quote": texts[s.doc][s.start : s.end], "start": s.start, "end": s.end,
                    "mention": texts[s.doc][s.mention_start : s.mention_end], "value": s.value, "low": s.low, "high": s.high,
                    "approx": s.approx, "time": s.time, "source": s.kind,
                    "citations": [{"key": k, **{f: v for f, v in cites[s.doc].get(k, {}).items() if f in CITED}}
                                  for k in s.citations],
                }
                for s in c.statements
            ],
        }


def conflicts(store: Store) -> Iterator[Record]:
    return conflict_records(store)


def statements(store: Store) -> Iterator[Record]:
    """Every figure as koryo compares it: the claim it is filed under and what it is matched by."""
    from koryo.reconcile import statements as find

    texts = {d.name: store.text(d.id) for d in store.documents()}
    for s in find(store):
        text = texts[s.doc]
        yield {
            "doc": s.doc, "quote": text[s.start : s.end], "start": s.start, "end": s.end,
            "mention": text[s.mention_start : s.mention_end], "mention_start": s.mention_start, "mention_end": s.mention_end,
            "value": s.value, "low": s.low, "high": s.high, "approx": s.approx, "time": s.time, "time_source": s.time_source,
            "source": s.kind, "key": s.key, "about": s.about, "place": s.place, "subject": sorted(s.subject),
            "places": sorted(s.places), "measure": sorted(s.measure), "citations": list(s.citations),
        }


def claims(store: Store) -> Iterator[Record]:
    """Every claim two statements or more make: its statements side by side, each ranked."""
    from koryo.reconciled import judged

    texts: dict[str, str] = {}
    cites: dict[str, dict[str, Any]] = {}
    published: dict[str, str] = {}
    for d in store.documents():
        texts[d.name] = store.text(d.id)
        cites[d.name] = {c.key: c.fields for c in store.citations(d.id)}
        published[d.name] = d.published
    for c in judged(store).claims:
        yield {
            "id": c.id, "about": c.about, "agree": c.agree, "summary": c.summary,
            "statements": [
                {
                    "doc": r.statement.doc, "published": published[r.statement.doc],
                    "quote": texts[r.statement.doc][r.statement.start : r.statement.end],
                    "start": r.statement.start, "end": r.statement.end,
                    "mention": texts[r.statement.doc][r.statement.mention_start : r.statement.mention_end],
                    "mention_start": r.statement.mention_start, "mention_end": r.statement.mention_end,
                    "value": r.statement.value, "low": r.statement.low, "high": r.statement.high, "approx": r.statement.approx,
                    "time": r.statement.time, "language": r.statement.language, "source": r.statement.kind,
                    "rank": r.rank, "rank_reason": r.reason,
                    "citations": [{"key": k, **{f: v for f, v in cites[r.statement.doc].get(k, {}).items() if f in CITED}}
                                  for k in r.statement.citations],
                }
                for r in c.statements
            ],
        }


def revisions(store: Store) -> Iterator[Record]:
    from koryo.reconcile import revisions as changes

    for a, b, found in changes(store):
        for c in found:
            yield {
                "article": a.article, "from_doc": a.name, "to_doc": b.name, "change": c.change, "kind": c.kind,
                "old_quote": c.old_quote, "new_quote": c.new_quote, "old_start": c.old_start, "new_start": c.new_start,
            }


KINDS: dict[str, Callable[[Store], Iterable[Record]]] = {
    "documents": documents,
    "sections": sections,
    "tables": tables,
    "citations": citations,
    "observations": observations,
    "checks": checks,
    "facts": facts,
    "events": events,
    "entities": entities,
    "mentions": mentions,
    "flows": flows,
    "resources": resources,
    "conflicts": conflicts,
    "claims": claims,
    "statements": statements,
    "revisions": revisions,
}

# Field name, Table Schema type, description: the contract of each export, also used for
# the Frictionless data package and Parquet.
_DOC = ("doc", "string", "File name of the source document")
_SPAN = [("start", "integer", "Start offset in the document's normalised text"),
         ("end", "integer", "End offset (exclusive) in the document's normalised text")]
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "documents": [
        _DOC, ("title", "string", "Document title"), ("article", "string", "Article key shared by revisions"),
        ("revision", "integer", "Revision number within the article, in ingest order"),
        ("format", "string", "Format the reader found: wikitext, markdown, html, text or pdf"),
        ("language", "string", "ISO 639-1 language code"), ("chars", "integer", "Length of the normalised text"),
        ("sha256", "string", "SHA-256 of the file's bytes"),
        ("url", "string", "Where the document was published (its header, markup or canonical link)"),
        ("published", "string", "The document's own date, ISO 8601 (header, date line or URL)"),
        ("author", "string", "Its author or byline"),
        ("edition_of", "string", "For a language edition: the article it is an edition of"),
    ],
    "sections": [_DOC, ("path", "array", "Heading path, outermost first"), *_SPAN],
    "tables": [
        _DOC, ("number", "integer", "Printed table number"), ("title", "string", "Caption"),
        ("source_note", "string", "The 'Source:' note beneath the table"), *_SPAN,
        ("rows", "integer", "Rows, header included"), ("cols", "integer", "Columns"),
        ("header", "array", "Header rows of cell strings"), ("body", "array", "Body rows of raw cell strings"),
    ],
    "citations": [
        _DOC, ("key", "string", "Citation key within the document"),
        ("kind", "string", "template, footnote or source_note"), ("fields", "object", "Fields as found: title, author, date, url …"),
        *_SPAN, ("quote", "string", "The citation's own text"), ("anchors", "array", "Offsets where the text points at it"),
    ],
    "observations": [
        _DOC, ("table", "integer", "Printed table number"), ("title", "string", "Table caption"),
        ("row", "array", "Row header path, outermost first"), ("col", "array", "Column header path, outermost first"),
        ("value", "number", "The figure as printed, without scale; empty if missing or malformed"),
        ("raw", "string", "The cell's text"), ("unit", "string", "Unit: %, persons, a currency code …"),
        ("scale", "integer", "Multiply value by this (1,000,000 for 'mln.')"), ("rank", "integer", "Rank printed in the cell"),
        ("flags", "array", "missing, malformed, rank, note, note_mark, marked_label, ambiguous"),
        ("source_note", "string", "The table's source note"), *_SPAN,
        ("dims", "object", "Dimensions: year, month, period, country, region, city, sex"),
        ("low", "number", "Lower end of a range or bound (infobox rows)"), ("high", "number", "Upper end"),
        ("approx", "boolean", "The figure is approximate ('About 500,000')"),
    ],
    "checks": [
        _DOC, ("kind", "string", "malformed, total, share_sum, share or cross_table"), ("table", "integer", "Table number"),
        ("cells", "array", "The cells concerned: table, row, col, value, raw, start, end"),
        ("expected", "number", "What the other figures imply"), ("found", "number", "What the table prints"),
        ("note", "string", "The finding in words"),
    ],
    "facts": [
        _DOC, ("quote", "string", "The sentence that states the figure"), *_SPAN,
        ("value", "number", "The figure (scale applied); empty for a range"), ("low", "number", "Lower end or bound"),
        ("high", "number", "Upper end or bound"), ("approx", "boolean", "Stated as approximate (roughly, about, close to …)"),
        ("unit", "string", "persons, %, a currency code, years, age, times …"), ("per", "string", "Period of a rate: day, month, year"),
        ("subject", "string", "The noun phrase the figure counts"), ("time", "string", "When, as ISO 8601 date or interval"),
        ("time_source", "string", "stated (in the sentence), heading, or document (its own date, for a figure that states none)"),
        ("place", "string", "Where, as named in the gazetteer"), ("citations", "array", "Keys of the citations for the sentence"),
        ("section", "array", "Heading path of the sentence"), ("mention", "string", "The figure as written"),
        ("mention_start", "integer", "Start offset of the figure"), ("mention_end", "integer", "End offset of the figure"),
    ],
    "events": [
        _DOC, ("quote", "string", "The sentence"), *_SPAN, ("date", "string", "Start, ISO 8601"),
        ("end_date", "string", "End, ISO 8601"), ("precision", "string", "day, month, year, decade or century"),
        ("what", "string", "What happened"), ("places", "array", "Places named"), ("citations", "array", "Citation keys"),
    ],
    "entities": [
        ("id", "string", "Entity key: type and gazetteer id or folded name"), ("type", "string", "person, place, organisation, group or policy"),
        ("name", "string", "Preferred name"), ("aliases", "array", "Other spellings met in the documents"),
        ("mentions", "integer", "Number of mentions"), ("docs", "array", "Documents that mention it"),
    ],
    "mentions": [
        ("entity", "string", "Entity key"), ("type", "string", "Entity type"), ("name", "string", "Entity's preferred name"),
        _DOC, ("quote", "string", "The name as written"), *_SPAN,
    ],
    "flows": [
        _DOC, ("origin", "array", "Places left"), ("destination", "array", "Places reached"), ("group", "string", "Who moved"),
        ("start", "string", "From (ISO 8601)"), ("end", "string", "Until (ISO 8601)"),
        ("size", "object", "value, low, high, approx: only as the source states it"),
        ("kind", "string", "deportation, labour, study, refuge, marriage, military, return or settlement"),
        ("evidence", "array", "Sentences or cells: doc, quote, start, end"), ("series", "array", "[year, value] from a table"),
    ],
    "resources": [
        ("name", "string", "Organisation or community"), ("kind", "string", "government, organisation, religious community, …"),
        ("services", "array", "What it offers migrants"), ("city", "string", "City"), ("country", "string", "Country"),
        ("url", "string", "Link given by the source"), ("members", "number", "Members or subscribers, from a table"),
        _DOC, ("quote", "string", "The sentence that says so"), *_SPAN,
    ],
    "conflicts": [
        ("key", "string", "What the statements are about, normalised"), ("kind", "string", "value, range, rounding, date, sum or identifier"),
        ("explanation", "string", "The disagreement in one line"),
        ("statements", "array", "doc, quote, start, end, mention, value, low, high, approx, time, source, citations"),
    ],
    "statements": [
        _DOC, ("quote", "string", "The sentence, or the table cell"), *_SPAN, ("mention", "string", "The figure"),
        ("mention_start", "integer", "Start of the figure"), ("mention_end", "integer", "End of the figure"),
        ("value", "number", "The figure"), ("low", "number", "Lower end"), ("high", "number", "Upper end"),
        ("approx", "boolean", "Approximate"), ("time", "string", "When, ISO 8601"),
        ("time_source", "string", "stated, heading or document"), ("source", "string", "prose or table"),
        ("key", "string", "The claim key (or, for unkeyed prose, the kind of quantity it is compared within)"),
        ("about", "string", "The key in words"), ("place", "string", "Where"),
        ("subject", "array", "What it counts: group keys and stems of the counted noun"),
        ("places", "array", "Places its sentence names"), ("measure", "array", "Stems of what it measures"),
        ("citations", "array", "Citation keys"),
    ],
    "claims": [
        ("id", "string", "The claim's id (a hash of where its statements stand)"), ("about", "string", "What it is about, in words"),
        ("agree", "boolean", "Every statement allows one value"),
        ("summary", "string", "'3 sources agree on 171,781; 1 source gives other figures: 173,000'"),
        ("statements", "array", "doc, published, quote, start, end, mention, mention_start, mention_end, value, low, high, approx, "
                                 "time, language, source, rank (preferred, normal or deprecated), rank_reason, citations"),
    ],
    "revisions": [
        ("article", "string", "Article key"), ("from_doc", "string", "Older revision"), ("to_doc", "string", "Newer revision"),
        ("change", "string", "added, removed or changed"), ("kind", "string", "number, wording, name, section or citation"),
        ("old_quote", "string", "Before"), ("new_quote", "string", "After"),
        ("old_start", "integer", "Offset in the older revision"), ("new_start", "integer", "Offset in the newer revision"),
    ],
}


def write(records: Iterable[Record], fmt: str, out: TextIO) -> int:
    """Write records to `out` in `fmt`; return how many."""
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for r in records:
            out.write(("," if n else "") + "\n" + json.dumps(r, ensure_ascii=False))
            n += 1
        out.write("\n]\n")
    elif fmt == "csv":
        writer: csv.DictWriter[str] | None = None
        for r in records:
            flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()}
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
                writer.writeheader()
            writer.writerow(flat)
            n += 1
    else:
        raise UsageError(f"{fmt}: unknown format; use one of {', '.join(FORMATS)}")
    return n


def write_parquet(kind: str, records: Iterable[Record], path: str) -> int:
    """Parquet with typed columns; objects (fields, dims) are stored as JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "object": pa.string(), "boolean": pa.bool_()}
    rows = list(records)
    columns = {}
    for name, ftype, _ in FIELDS[kind]:
        values = [r.get(name) for r in rows]
        if ftype == "object":
            columns[name] = pa.array([json.dumps(v, ensure_ascii=False) for v in values], pa.string())
        elif ftype == "array":
            columns[name] = pa.array([json.dumps(v, ensure_ascii=False) if _nested(v) else v for v in values],
                                     pa.string() if any(_nested(v) for v in values) else pa.list_(pa.string()))
        else:
            columns[name] = pa.array(values, types[ftype])
    pq.write_table(pa.table(columns), path)
    return len(rows)


def _nested(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(x, (list, dict)) for x in value)


def _file_mode(target: Path) -> int:
    """The mode a file written in place would get: the one it replaces, else 0666 less the umask
    (mkstemp makes its files 0600, which would hide an export from its readers)."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def export(store: Store, kind: str, fmt: str, out_path: str | None) -> int:
    """Export one kind; to a file it is written beside it and moved into place at the end."""
    if kind not in KINDS:
        raise UsageError(f"{kind}: unknown kind; use one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise UsageError(f"{fmt}: unknown format; use one of {', '.join(FORMATS)}")
    records = KINDS[kind](store)
    if out_path is None or out_path == "-":
        if fmt == "parquet":
            raise UsageError("parquet is binary: give --out FILE")
        return write(records, fmt, sys.stdout)
    target = Path(out_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        if fmt == "parquet":
            os.close(fd)
            n = write_parquet(kind, records, tmp)
        else:
            with io.open(fd, "w", encoding="utf-8", newline="") as out:
                n = write(records, fmt, out)
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def datapackage(store: Store, folder: str) -> dict[str, int]:
    """Every kind as CSV plus a Frictionless `datapackage.json` describing them."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    resources = []
    for kind in KINDS:
        counts[kind] = export(store, kind, "csv", str(target / f"{kind}.csv"))
        if not counts[kind]:
            (target / f"{kind}.csv").write_text(",".join(f for f, _, _ in FIELDS[kind]) + "\n", encoding="utf-8")
        resources.append({
            "name": kind,
            "path": f"{kind}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": name, "type": "string" if ftype in ("array", "object") else ftype,
                     "description": desc + (" (JSON)" if ftype in ("array", "object") else "")}
                    for name, ftype, desc in FIELDS[kind]
                ]
            },
        })
    sources = [{"title": d.title, "path": d.name} for d in store.documents()]
    package = {
        "profile": "tabular-data-package",
        "name": "koryo-export",
        "title": "koryo knowledge base export",
        "sources": sources,
        "resources": resources,
    }
    (target / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return counts
