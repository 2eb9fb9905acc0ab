"""The store: a SQLite file or a PostgreSQL database; one transaction per document, keyed by content hash."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from koryo import mirrors
from koryo.errors import NoText, NotFound, StoreError
from koryo.extract import PIPELINE_VERSION, Extracted, extract
from koryo.model import (
    Cell, Check, CheckCell, Citation, Document, EntityMention, Event, Evidence, Fact, Flow, LinePoint, Observation, Resource,
    Section, Source, Table,
)
from koryo.readers.builder import sections_from_headings
from koryo.readers.pieces import Piece
from koryo.store.backend import is_postgres, newer_schema, open_backend
from koryo.store.schema import SCHEMA_VERSION
from koryo.store.views import quote_sql

T = TypeVar("T")
DEFAULT_DB = "koryo.db"
# A document's text: `documents.text`, or the pieces of a large file read in pieces, in order.
TEXT_SQL = (
    "SELECT text FROM (SELECT -1 AS start, text FROM documents WHERE id = ? UNION ALL"
    " SELECT start, text FROM text_parts WHERE doc_id = ?) AS t ORDER BY start"
)
_BAND_CANDIDATES = 100  # documents read per band when looking for a mirror


def db_path(url_or_path: str | None) -> str:
    """The store named by `--db`, `KORYO_DB` or the default `./koryo.db`: a SQLite file's path
    (a path or `sqlite:///path`) or a PostgreSQL URL (`postgresql://…`)."""
    value = url_or_path or os.environ.get("KORYO_DB") or DEFAULT_DB
    if value.startswith("sqlite:///"):
        return value[len("sqlite:///") :]
    if "://" in value and not is_postgres(value):
        raise StoreError(f"{value}: a store is a SQLite file (a path or sqlite:///path) or postgresql://…")
    return value


@dataclass(frozen=True)
class StoredDocument:
    """A document row as listed: its id, file name, and what the reader found."""

    id: int
    name: str
    path: str
    sha256: str
    format: str
    title: str
    article: str
    language: str
    chars: int
    revision: int
    ingested_at: str
    url: str = ""
    published: str = ""
    author: str = ""
    work: str = ""  # shared by the mirrors and language editions of one article


class Store:
    """Opens (and migrates) a koryo store: a SQLite file or a PostgreSQL database."""

    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.backend = open_backend(path, readonly)
        self.db = self.backend.db
        where = self.backend.where
        version = self.backend.version()
        if version > SCHEMA_VERSION:
            raise newer_schema(where, version)
        if version < SCHEMA_VERSION:
            raise StoreError(f"{where}: schema {version} is older than {SCHEMA_VERSION}; run `koryo ingest` to migrate")

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction: all of it is stored, or none. A full disk is a `DiskFull`."""
        return self.backend.atomic()

    def close(self) -> None:
        self.backend.close()

    # -- writing
    def has(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def stored(self, sha256: str) -> StoredDocument | None:
        """The document with these bytes, if it is stored."""
        row = self.db.execute("SELECT id, article FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        # its revision is numbered among its article's documents only: a re-ingest reads no more per file as the store grows
        return next((d for d in self._documents("WHERE article = ?", (row[1],)) if d.id == row[0]), None) if row else None

    def add(self, source: Source, doc: Document, extracted: Extracted | None = None) -> int | None:
        """Store one document and what was extracted from it, whole; None when the same
        content is already stored."""
        if extracted is None:
            extracted = extract(doc, source.name)
        signature = mirrors.signature(doc.text)
        with self.atomic() as db:
            if self.has(source.sha256):
                return None
            article, work = self._article_of(doc, signature)
            doc_id = int(db.execute(
                "INSERT INTO documents (name, path, sha256, size, encoding, format, title, article, language,"
                " chars, text, line_map, meta, ingested_at, url, published, author, work, signature)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (
                    source.name, source.path, source.sha256, source.size, source.encoding, doc.format, doc.title,
                    article, doc.language, len(doc.text), doc.text,
                    json.dumps([[p.offset, p.line] for p in doc.line_map]),
                    json.dumps(doc.meta, ensure_ascii=False),
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    doc.url, doc.published, doc.author, work, signature,
                ),
            ).fetchone()[0])
            bulk = self.backend.bulk
            bulk("document_bands", ("band", "doc_id"), [(band, doc_id) for band in mirrors.document_bands(signature, doc.article)])
            bulk("sections", ("doc_id", "seq", "path", "level", "start", "end"),
                 [(doc_id, n, json.dumps(s.path, ensure_ascii=False), s.level, s.start, s.end) for n, s in enumerate(doc.sections)])
            bulk(
                "tables", ("doc_id", "seq", "number", "title", "source_note", "start", "end", "n_rows", "n_cols", "header", "body", "kind"),
                [
                    (doc_id, n, t.number, t.title, t.source_note, t.start, t.end, t.rows, t.cols, _rows_json(t.header), _rows_json(t.body),
                     t.kind)
                    for n, t in enumerate(doc.tables)
                ],
            )
            bulk(
                "citations", ("doc_id", "seq", "key", "kind", "fields", "start", "end", "anchors"),
                [
                    (doc_id, n, c.key, c.kind, json.dumps(c.fields, ensure_ascii=False), c.start, c.end, json.dumps(list(c.anchors)))
                    for n, c in enumerate(doc.citations)
                ],
            )
            self._write_extracted(doc_id, source.name, doc, extracted, fresh=True)
        return doc_id

    def add_pieces(self, source: Source, pieces: Iterable[tuple[Piece, Extracted]]) -> int | None:
        """Store a large file read in pieces, whole in one transaction (a kill leaves nothing of it):
        each piece's text, tables and findings are written as it comes, so no step holds the whole
        text; the sections, marker citations and signature, which span pieces, are written last.
        None when the same content is already stored."""
        with self.atomic() as db:
            if self.has(source.sha256):
                return None
            doc_id: int | None = None
            seq: dict[str, int] = {}
            headings: list[tuple[int, str, int]] = []
            markers: dict[str, tuple[int, int, list[int]]] = {}
            entities = EntityNames()
            signer = mirrors.Signer()
            first: Document | None = None
            length = 0
            for piece, extracted in pieces:
                doc, at = piece.doc, piece.start
                if doc_id is None:
                    first = doc
                    doc_id = int(db.execute(
                        "INSERT INTO documents (name, path, sha256, size, encoding, format, title, article, language,"
                        " chars, text, line_map, meta, ingested_at, url, published, author, work)"
                        " VALUES (?,?,?,?,?,?,?,?,?,0,'','[]',?,?,?,?,?,'') RETURNING id",
                        (
                            source.name, source.path, source.sha256, source.size, source.encoding, doc.format, doc.title,
                            doc.article, doc.language, json.dumps(doc.meta, ensure_ascii=False),
                            datetime.now(timezone.utc).isoformat(timespec="seconds"), doc.url, doc.published, doc.author,
                        ),
                    ).fetchone()[0])
                sep = "\n\n" if at else ""  # the blank line between two pieces is the later one's
                db.execute(
                    "INSERT INTO text_parts (doc_id, start, text, line_map) VALUES (?,?,?,?)",
                    (doc_id, at - len(sep), sep + doc.text, json.dumps([[p.offset + at, p.line] for p in doc.line_map])),
                )
                length = at + len(doc.text)
                signer.update(doc.text)
                headings += piece.headings
                for c in doc.citations:
                    key = markers.setdefault(c.key, (c.start + at, c.end + at, []))
                    key[2].extend(a + at for a in c.anchors)
                self.backend.bulk(
                    "tables", ("doc_id", "seq", "number", "title", "source_note", "start", "end", "n_rows", "n_cols", "header", "body",
                               "kind"),
                    [
                        (doc_id, n, t.number, t.title, t.source_note, t.start + at, t.end + at, t.rows, t.cols,
                         _rows_json(t.header, at), _rows_json(t.body, at), t.kind)
                        for n, t in _numbered(seq, "tables", doc.tables)
                    ],
                )
                self._write_extracted(doc_id, source.name, doc, extracted, fresh=True, seq=seq, at=at, entities=entities)
            if doc_id is None or first is None:
                raise NoText(source.path)
            self.backend.bulk("sections", ("doc_id", "seq", "path", "level", "start", "end"),
                              [(doc_id, n, json.dumps(s.path, ensure_ascii=False), s.level, s.start, s.end)
                               for n, s in enumerate(sections_from_headings(headings, length))])
            self.backend.bulk(
                "citations", ("doc_id", "seq", "key", "kind", "fields", "start", "end", "anchors"),
                [(doc_id, n, key, "marker", "{}", a, b, json.dumps(anchors)) for n, (key, (a, b, anchors)) in enumerate(markers.items())],
            )
            self.backend.bulk("search", ("kind", "doc", "body", "year", "place", "doc_id", "start", "end", "ref"),
                              entities.rows(doc_id, source.name))
            signature = signer.signature()
            article, work = self._article_of(first, signature)
            db.execute("UPDATE documents SET chars = ?, article = ?, work = ?, signature = ? WHERE id = ?",
                       (length, article, work, signature, doc_id))
            self.backend.bulk("document_bands", ("band", "doc_id"),
                              [(band, doc_id) for band in mirrors.document_bands(signature, first.article)])
        return doc_id

    def _article_of(self, doc: Document, signature: bytes) -> tuple[str, str]:
        """(article, work) of a new document: a stored mirror's (the same text in the same language,
        found through the signature's bands), else a stored page of the same wiki name's, else its own."""
        page = mirrors.wiki_page(doc.url)
        # The documents sharing most bands, among the latest few of each band: a text stored
        # thousands of times costs its next copy no more than one stored a hundred times.
        shared: dict[int, int] = {}
        for band in mirrors.bands(signature):
            for (doc_id,) in self.db.execute(
                "SELECT doc_id FROM document_bands WHERE band = ? ORDER BY doc_id DESC LIMIT ?", (band, _BAND_CANDIDATES)
            ):
                shared[doc_id] = shared.get(doc_id, 0) + 1
        nearest = sorted(shared, key=lambda d: (-shared[d], d))[:20]
        found = {r[0]: r[1:] for r in self.db.execute(
            f"SELECT id, article, work, language, signature FROM documents WHERE id IN ({','.join('?' * len(nearest))})", nearest)
        } if nearest else {}
        rows = [found[d] for d in nearest]
        best = max(((mirrors.similarity(signature, r[3]), r) for r in rows if r[3] and r[2] == doc.language),
                   key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= mirrors.MIRROR_SIMILARITY:
            return best[1][0], best[1][1]
        # the first stored document of this title: filed under it, or under a mirror's article but titled so
        named = self.db.execute(
            "SELECT article, work FROM documents WHERE article = ? OR id IN"
            " (SELECT doc_id FROM document_bands WHERE band = ?) ORDER BY id LIMIT 1", (doc.article, mirrors.name_band(doc.article)),
        ).fetchone()
        if page:
            same = self.db.execute("SELECT article, language FROM documents WHERE work = ? ORDER BY id", ("wiki:" + page,)).fetchall()
            mirror = next((r[0] for r in same if r[1] == doc.language), None)
            if same or not named:
                return mirror or doc.article, "wiki:" + page
        own_work = "wiki:" + page if page else doc.article
        if named is None:
            return doc.article, own_work
        return named[0], named[1] or own_work  # a revision under the article's title: one work with it

    def _write_extracted(
        self, doc_id: int, name: str, doc: Document, ex: Extracted, fresh: bool = False,
        seq: dict[str, int] | None = None, at: int = 0, entities: EntityNames | None = None,
    ) -> None:
        """Write what was extracted from `doc`; for a piece of a large file, its offsets are
        shifted by `at`, rows numbered on from `seq` and its entities gathered in `entities`,
        written when the last piece is."""
        db = self.db
        if not fresh:  # extracted again: what an older pipeline found goes (the search table has no index on doc_id)
            for table in ("observations", "checks", "facts", "events", "mentions", "flows", "resources", "search"):
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        seq = {} if seq is None else seq
        table_base = seq.get("tables", len(doc.tables)) - len(doc.tables)  # tables of the pieces before this one
        bulk = self.backend.bulk
        names = EntityNames() if entities is None else entities
        names.add(doc.text, ex.mentions, at)
        rows = search_rows(doc_id, name, doc, ex, at) + (names.rows(doc_id, name) if entities is None else [])
        bulk("search", ("kind", "doc", "body", "year", "place", "doc_id", "start", "end", "ref"), rows)
        bulk(
            "observations", ("doc_id", "seq", "table_number", "table_index", "title", "row", "col", "value", "raw", "unit", "scale",
                             "rank", "flags", "source_note", "start", "end", "dims", "low", "high", "approx"),
            [
                (doc_id, n, o.table, o.table_index + table_base, o.title, _json(o.row), _json(o.col),
                 o.value, o.raw, o.unit, o.scale, o.rank, _json(o.flags), o.source_note, o.start + at, o.end + at, _json(o.dims),
                 o.low, o.high, int(o.approx))
                for n, o in _numbered(seq, "observations", ex.observations)
            ],
        )
        bulk(
            "checks", ("doc_id", "seq", "kind", "table_number", "cells", "expected", "found", "note"),
            [
                (doc_id, n, c.kind, c.table, _json([{**cell.__dict__, "start": cell.start + at, "end": cell.end + at} for cell in c.cells]),
                 c.expected, c.found, c.note)
                for n, c in _numbered(seq, "checks", ex.checks)
            ],
        )
        bulk(
            "facts", ("doc_id", "seq", "start", "end", "value", "low", "high", "approx", "unit", "per", "subject", "time", "place",
                      "citations", "section", "mention_start", "mention_end", "time_source"),
            [
                (doc_id, n, f.start + at, f.end + at, f.value, f.low, f.high, int(f.approx), f.unit, f.per, f.subject, f.time,
                 f.place, _json(f.citations), _json(f.section), f.mention_start + at, f.mention_end + at, f.time_source)
                for n, f in _numbered(seq, "facts", ex.facts)
            ],
        )
        bulk(
            "events", ("doc_id", "seq", "start", "end", "date", "end_date", "precision", "what", "places", "citations",
                       "date_start", "date_end"),
            [
                (doc_id, n, e.start + at, e.end + at, e.date, e.end_date, e.precision, e.what, _json(e.places), _json(e.citations),
                 e.date_start + at, e.date_end + at)
                for n, e in _numbered(seq, "events", ex.events)
            ],
        )
        bulk("mentions", ("doc_id", "seq", "key", "type", "name", "start", "end"),
             [(doc_id, n, m.key, m.type, m.name, m.start + at, m.end + at) for n, m in _numbered(seq, "mentions", ex.mentions)])
        bulk(
            "flows", ("doc_id", "seq", "origin", "destination", "group", "start_date", "end_date", "value", "low", "high", "approx",
                      "kind", "evidence", "series"),
            [
                (doc_id, n, _json(f.origin), _json(f.destination), f.group, f.start_date, f.end_date, f.value, f.low, f.high,
                 int(f.approx), f.kind, _json([[e.start + at, e.end + at] for e in f.evidence]), _json(f.series))
                for n, f in _numbered(seq, "flows", ex.flows)
            ],
        )
        bulk(
            "resources", ("doc_id", "seq", "name", "kind", "services", "city", "country", "url", "start", "end", "members"),
            [
                (doc_id, n, r.name, r.kind, _json(r.services), r.city, r.country, r.url, r.start + at, r.end + at, r.members)
                for n, r in _numbered(seq, "resources", ex.resources)
            ],
        )
        db.execute("UPDATE documents SET pipeline = ? WHERE id = ?", (PIPELINE_VERSION, doc_id))

    def refresh(self) -> int:
        """Extract again every document stored by an older pipeline; how many were."""
        stale = [r[0] for r in self.db.execute("SELECT id FROM documents WHERE pipeline < ?", (PIPELINE_VERSION,))]
        for doc_id in stale:
            name = self.db.execute("SELECT name FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            doc = self.document(doc_id)
            extracted = extract(doc, name)
            with self.atomic():
                self._write_extracted(doc_id, name, doc, extracted)
        return len(stale)

    # -- reading
    def documents(self) -> list[StoredDocument]:
        return self._documents("", ())

    def _documents(self, where: str, params: tuple[object, ...]) -> list[StoredDocument]:
        rows = self.db.execute(
            "SELECT id, name, path, sha256, format, title, article, language, chars, ingested_at, url, published, author, work,"
            " ROW_NUMBER() OVER (PARTITION BY article ORDER BY COALESCE(NULLIF(published, ''), '9999'), id) AS revision"
            f" FROM documents {where} ORDER BY id",
            params,
        ).fetchall()
        return [StoredDocument(**{k: r[k] for k in r.keys()}) for r in rows]

    def find(self, ref: str) -> StoredDocument:
        """A document by id, file name, path, sha256 prefix, title or a unique start of its name."""
        docs = self.documents()
        for test in (
            lambda d: str(d.id) == ref,
            lambda d: d.name == ref or d.path == ref,
            lambda d: len(ref) >= 6 and d.sha256.startswith(ref.lower()),
            lambda d: d.title.casefold() == ref.casefold(),
            lambda d: Path(d.name).stem == ref,
            lambda d: d.name.startswith(ref),
        ):
            hits = [d for d in docs if test(d)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                names = ", ".join(f"{d.id} ({d.name})" for d in hits)
                raise NotFound(f"{ref}: matches several documents: {names}; give the id")
        raise NotFound(f"{ref}: no such document; `koryo docs` lists them")

    def document(self, doc_id: int) -> Document:
        r = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            raise NotFound(f"{doc_id}: no such document")
        line_map = json.loads(r["line_map"])
        if r["chars"] and not r["text"]:  # read in pieces
            for (part,) in self.db.execute("SELECT line_map FROM text_parts WHERE doc_id = ? ORDER BY start", (doc_id,)):
                line_map += json.loads(part)
        return Document(
            title=r["title"],
            article=r["article"],
            format=r["format"],
            language=r["language"],
            text=r["text"] or self.text(doc_id),
            sections=tuple(self.sections(doc_id)),
            tables=tuple(self.tables(doc_id)),
            citations=tuple(self.citations(doc_id)),
            line_map=tuple(LinePoint(o, line) for o, line in line_map),
            meta=json.loads(r["meta"]),
            url=r["url"],
            published=r["published"],
            author=r["author"],
        )

    def text(self, doc_id: int) -> str:
        rows = self.db.execute(TEXT_SQL, (doc_id, doc_id)).fetchall()
        if not rows:
            raise NotFound(f"{doc_id}: no such document")
        return "".join(r[0] for r in rows)

    def sections(self, doc_id: int) -> list[Section]:
        rows = self.db.execute('SELECT path, level, start, "end" FROM sections WHERE doc_id = ? ORDER BY seq', (doc_id,))
        return [Section(tuple(json.loads(r[0])), r[1], r[2], r[3]) for r in rows]

    def tables(self, doc_id: int) -> list[Table]:
        rows = self.db.execute(
            'SELECT number, title, source_note, start, "end", header, body, kind FROM tables WHERE doc_id = ? ORDER BY seq', (doc_id,)
        )
        return [Table(r[0], r[1], r[2], r[3], r[4], _rows_from_json(r[5]), _rows_from_json(r[6]), r[7]) for r in rows]

    def citations(self, doc_id: int) -> list[Citation]:
        rows = self.db.execute(
            'SELECT key, kind, fields, start, "end", anchors FROM citations WHERE doc_id = ? ORDER BY seq', (doc_id,)
        )
        return [Citation(r[0], r[1], json.loads(r[2]), r[3], r[4], tuple(json.loads(r[5]))) for r in rows]

    def observations(self, doc_id: int) -> list[Observation]:
        rows = self.db.execute(
            "SELECT table_number, table_index, title, row, col, value, raw, unit, scale, rank, flags, source_note,"
            ' start, "end", dims, low, high, approx FROM observations WHERE doc_id = ? ORDER BY seq',
            (doc_id,),
        )
        return [
            Observation(r[0], r[1], r[2], tuple(json.loads(r[3])), tuple(json.loads(r[4])), r[5], r[6], r[7], r[8], r[9],
                        tuple(json.loads(r[10])), r[11], r[12], r[13], json.loads(r[14]), r[15], r[16], bool(r[17]))
            for r in rows
        ]

    def checks(self, doc_id: int) -> list[Check]:
        rows = self.db.execute(
            "SELECT kind, table_number, cells, expected, found, note FROM checks WHERE doc_id = ? ORDER BY seq", (doc_id,)
        )
        return [
            Check(r[0], r[1], tuple(CheckCell(**{**c, "row": tuple(c["row"]), "col": tuple(c["col"])}) for c in json.loads(r[2])),
                  r[3], r[4], r[5])
            for r in rows
        ]

    def facts(self, doc_id: int) -> list[Fact]:
        rows = self.db.execute(
            'SELECT start, "end", value, low, high, approx, unit, per, subject, time, place, citations, section,'
            " mention_start, mention_end, time_source FROM facts WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
        return [
            Fact(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], r[10], tuple(json.loads(r[11])),
                 tuple(json.loads(r[12])), r[13], r[14], r[15])
            for r in rows
        ]

    def events(self, doc_id: int) -> list[Event]:
        rows = self.db.execute(
            'SELECT start, "end", date, end_date, precision, what, places, citations, date_start, date_end'
            " FROM events WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
        return [
            Event(r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6])), tuple(json.loads(r[7])), r[8], r[9])
            for r in rows
        ]

    def mentions(self, doc_id: int) -> list[EntityMention]:
        rows = self.db.execute('SELECT start, "end", key, type, name FROM mentions WHERE doc_id = ? ORDER BY seq', (doc_id,))
        return [EntityMention(*r) for r in rows]

    def flows(self, doc_id: int) -> list[Flow]:
        rows = self.db.execute(
            'SELECT origin, destination, "group", start_date, end_date, value, low, high, approx, kind, evidence, series'
            " FROM flows WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
        return [
            Flow(tuple(json.loads(r[0])), tuple(json.loads(r[1])), r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9],
                 tuple(Evidence(a, b) for a, b in json.loads(r[10])), tuple((y, v) for y, v in json.loads(r[11])))
            for r in rows
        ]

    def resources(self, doc_id: int) -> list[Resource]:
        rows = self.db.execute(
            'SELECT name, kind, services, city, country, url, start, "end", members FROM resources WHERE doc_id = ? ORDER BY seq',
            (doc_id,),
        )
        return [Resource(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]

    def entities(self) -> list[dict[str, Any]]:
        """Every entity across the store: its key, type, preferred name, the spellings met, counts."""
        rows = self.db.execute(
            f"SELECT m.key, m.type, m.name, d.name, {quote_sql('m')}"
            " FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.key, d.id, m.start"
        )
        out: dict[str, dict[str, Any]] = {}
        for key, etype, name, doc, surface in rows:
            e = out.setdefault(key, {"id": key, "type": etype, "name": name, "aliases": [], "mentions": 0, "docs": []})
            e["mentions"] += 1
            if surface not in e["aliases"] and surface != name:
                e["aliases"].append(surface)
            if doc not in e["docs"]:
                e["docs"].append(doc)
        return sorted(out.values(), key=lambda e: (-e["mentions"], e["name"]))

    def counts(self, doc_id: int) -> dict[str, int]:
        q = self.db.execute
        return {
            "sections": q("SELECT count(*) FROM sections WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "tables": q("SELECT count(*) FROM tables WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "footnotes": q("SELECT count(*) FROM citations WHERE doc_id = ? AND kind = 'footnote'", (doc_id,)).fetchone()[0],
            "citations": q("SELECT count(*) FROM citations WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "observations": q("SELECT count(*) FROM observations WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "checks": q("SELECT count(*) FROM checks WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "facts": q("SELECT count(*) FROM facts WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "events": q("SELECT count(*) FROM events WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "mentions": q("SELECT count(*) FROM mentions WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "flows": q("SELECT count(*) FROM flows WHERE doc_id = ?", (doc_id,)).fetchone()[0],
            "resources": q("SELECT count(*) FROM resources WHERE doc_id = ?", (doc_id,)).fetchone()[0],
        }


def search_rows(doc_id: int, name: str, doc: Document, ex: Extracted, at: int = 0) -> list[tuple[object, ...]]:
    """What full-text search finds of paragraphs and table rows, facts and events (offsets
    shifted by `at`, for a piece of a large file); `EntityNames` gives the entities."""
    rows: list[tuple[object, ...]] = []
    tables = [(t.start, t.end) for t in doc.tables]
    pos = 0
    for line in doc.text.split("\n"):
        if line.strip():
            kind = "table" if any(a <= pos < b for a, b in tables) else "text"
            rows.append((kind, name, line.replace("\t", " "), "", "", doc_id, pos + at, pos + len(line) + at, ""))
        pos += len(line) + 1
    for f in ex.facts:
        rows.append(("fact", name, doc.text[f.start : f.end], f.time[:4], f.place, doc_id, f.mention_start + at, f.mention_end + at,
                     f.subject))
    for e in ex.events:
        rows.append(("event", name, e.what, e.date[:4], ", ".join(e.places), doc_id, e.start + at, e.end + at, ""))
    return rows


class EntityNames:
    """Each entity of a document with the spellings met, first mention first: one search row per
    entity, gathered over the pieces of a large file."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str]] = {}
        self.first: dict[str, EntityMention] = {}

    def add(self, text: str, mentions: Iterable[EntityMention], at: int = 0) -> None:
        for m in mentions:
            surfaces = self.seen.setdefault(m.key, [m.name])
            surface = text[m.start : m.end]
            if surface not in surfaces:
                surfaces.append(surface)
            self.first.setdefault(m.key, EntityMention(m.start + at, m.end + at, m.key, m.type, m.name))

    def rows(self, doc_id: int, name: str) -> list[tuple[object, ...]]:
        return [
            ("entity", name, " · ".join(names), "", m.name if m.type == "place" else "", doc_id, m.start, m.end, key)
            for key, names in self.seen.items()
            for m in (self.first[key],)
        ]


def _numbered(seq: dict[str, int], table: str, items: Sequence[T]) -> Iterator[tuple[int, T]]:
    """`items` numbered on from where the last piece's rows of `table` stopped."""
    first = seq.get(table, 0)
    seq[table] = first + len(items)
    return enumerate(items, first)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rows_json(rows: tuple[tuple[Cell, ...], ...], at: int = 0) -> str:
    return json.dumps([[[c.text, c.start + at, c.end + at] for c in row] for row in rows], ensure_ascii=False)


def _rows_from_json(value: str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(Cell(t, s, e) for t, s, e in row) for row in json.loads(value))


