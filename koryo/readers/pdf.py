"""PDF: text lines in reading order per page, larger type as headings, ruled tables as
tables (with a "Table N." line above as caption and a "Source:" line below as note).
The line map points at page numbers: a PDF has pages, not lines."""

from __future__ import annotations

import io
import logging
import statistics
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from koryo.errors import EncryptedPdf, NoText, TruncatedPdf
from koryo.model import Cell, Citation, Document, LinePoint, Section, Table
from koryo.readers.builder import sections_from_headings
from koryo.readers.tables import CAPTION, SOURCE_NOTE, header_rows

# pdfminer logs every oddity of a damaged file ("Could not get FontBBox …") on stderr, where
# the ingest names each bad file once; what matters reaches the caller as an exception.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(data: bytes, path: str = "") -> Document:
    """Read a PDF's text and tables into a Document (language and article by the caller)."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
        items = [_page_items(page) for page in pages]
        title = str((pdf.metadata or {}).get("Title") or "").strip()
        pdf.close()
    except Exception as exc:  # pdfminer raises many kinds, some of them bare Exceptions, for damaged files
        if _encrypted(exc):
            raise EncryptedPdf(path, "a password is needed to open it; save a decrypted copy with `qpdf --decrypt`") from exc
        raise TruncatedPdf(path, f"{type(exc).__name__}: {exc}") from exc
    sizes = [size for page in items for kind, _top, payload in page if kind == "line" for size in [payload[1]]]
    body_size = statistics.median(sizes) if sizes else 0.0
    parts: list[str] = []
    length = 0
    points: list[LinePoint] = []
    headings: list[tuple[int, str, int]] = []
    tables: list[Table] = []
    notes: list[Citation] = []
    pending_caption: tuple[int, str] | None = None

    def add(piece: str, page: int) -> tuple[int, int]:
        nonlocal length
        if not points or points[-1].line != page:
            points.append(LinePoint(length, page))
        start = length
        parts.append(piece)
        length += len(piece)
        return start, length

    for page_no, page in enumerate(items, 1):
        last_table: int | None = None
        for kind, _top, payload in page:
            if kind == "line":
                text, size = payload
                if body_size and size >= body_size * 1.2 and len(text) < 120:
                    level = 1 if size >= body_size * 1.6 else 2
                    if length:
                        add("\n", page_no)
                    headings.append((level, text, length))
                    title = title or text
                    add(text + "\n\n", page_no)
                    pending_caption = None
                    continue
                m = SOURCE_NOTE.match(text)
                if m and last_table is not None:
                    start, end = add(text, page_no)
                    add("\n", page_no)
                    t = tables[last_table]
                    note = m.group(1).strip()
                    tables[last_table] = Table(t.number, t.title, note, t.start, end, t.header, t.body)
                    notes.append(Citation(f"source-table-{t.number or last_table + 1}", "source_note", {"text": note}, start, end, (t.start,)))
                    last_table = None
                    continue
                start, _ = add(text, page_no)
                add("\n", page_no)
                pending_caption = (start, text) if CAPTION.match(text) else None
                last_table = None
            else:
                rows: list[list[str]] = payload
                start = pending_caption[0] if pending_caption else length
                grid: list[tuple[Cell, ...]] = []
                for row in rows:
                    cells = []
                    for n, raw in enumerate(row):
                        if n:
                            add("\t", page_no)
                        text = " ".join((raw or "").split())
                        cs, ce = add(text, page_no)
                        cells.append(Cell(text, cs, ce))
                    add("\n", page_no)
                    grid.append(tuple(cells))
                m = CAPTION.match(pending_caption[1]) if pending_caption else None
                h = header_rows([[c.text for c in r] for r in grid])
                tables.append(
                    Table(int(m.group(1)) if m else None, m.group(2).strip() if m else "", "", start, length, tuple(grid[:h]), tuple(grid[h:]))
                )
                last_table = len(tables) - 1
                pending_caption = None
        add("\n", page_no)
    text = "".join(parts)
    if not text.strip():
        raise NoText(path, "the PDF has no text layer (a scan?); run OCR first")
    sections: tuple[Section, ...] = sections_from_headings(headings, len(text))
    return Document(
        title=title,
        article="",
        format="pdf",
        language="",
        text=text,
        sections=sections,
        tables=tuple(tables),
        citations=tuple(sorted(notes, key=lambda c: c.start)),
        line_map=tuple(points),
        meta={"pages": len(items), "line_unit": "page"},
    )


def _encrypted(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password and encryption errors in its own exception."""
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    return any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes)


def _page_items(page: Any) -> list[tuple[str, float, Any]]:
    """The page's text lines outside tables and its tables, top to bottom."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[str, float, Any]] = []
    for line in page.filter(outside).extract_text_lines(return_chars=True):
        text = line["text"].strip()
        if text:
            size = max((c.get("size", 0.0) for c in line["chars"]), default=0.0)
            items.append(("line", line["top"], (text, size)))
    for table in found:
        rows = [r for r in table.extract() if any(c for c in r)]
        if rows:
            items.append(("table", table.bbox[1], rows))
    items.sort(key=lambda item: item[1])
    return items
