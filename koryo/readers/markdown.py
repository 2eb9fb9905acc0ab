"""Markdown as converters of PDFs and web pages write it: ATX headings, inline HTML,
tab-separated and pipe tables with "Table N." captions and "Source:" notes, and
footnotes written `<sup>N</sup>` in the text and `<sup>N</sup> …` at the start of a line.

Block structure is read line by line rather than with markdown-it: tab-separated tables
are invisible to Markdown parsers, and every character must keep its source offset.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from koryo.model import Cell, Citation, Document, Table
from koryo.readers.builder import TextBuilder
from koryo.readers.inline import Inline, parse_inline
from koryo.readers.markers import flattened_templates, is_entry_lead
from koryo.readers.tables import CAPTION, SOURCE_NOTE, fits_grid, header_rows, is_number

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*(\d{1,4})\s*</sup>\s*(?=\S)")
_LIST = re.compile(r"^\s*(?:[-*+]|>)\s+")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TOC_LEADER = re.compile(r"\.{4,}")
_NOTE_MARK = re.compile(r"^\s*(\\?\*|(Note|Notes|Примечание)\b)", re.I)
_URL = re.compile(r"https?://[^\s<>\])]+")
_CAPTION_LINES = 6  # a caption longer than this is a paragraph that starts with "Table N"


@dataclass
class _Line:
    text: str
    src: int


@dataclass
class _Footnote:
    number: int
    start: int
    end: int
    url: str


@dataclass
class _State:
    footnotes: list[_Footnote] = field(default_factory=list)
    refs: list[tuple[int, int]] = field(default_factory=list)  # (number, text pos)
    tables: list[Table] = field(default_factory=list)
    notes: list[Citation] = field(default_factory=list)
    title: str = ""
    seen_paragraph: bool = False
    seen_heading: bool = False


def read_markdown(source: str) -> Document:
    """Read Markdown text into a Document (language and article are filled in by the caller)."""
    lines: list[_Line] = []
    pos = 0
    for raw in source.split("\n"):
        lines.append(_Line(raw.rstrip("\r"), pos))
        pos += len(raw) + 1
    b = TextBuilder(source)
    st = _State()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text.strip() or _RULE.match(line.text):
            b.break_block()
            i += 1
            continue
        m = _HEADING.match(line.text)
        if m:
            _heading(b, st, line, m)
            i += 1
            continue
        if _FOOTNOTE.match(line.text):
            i = _footnote(b, st, lines, i)
            continue
        if _is_caption(line):
            end = _captioned_table(b, st, lines, i)
            if end is not None:
                i = end
                continue
        if _is_row(lines, i):
            i = _table_block(b, st, lines, i, None)
            continue
        i = _paragraph(b, st, lines, i)
    text = b.text
    citations = _footnote_citations(st, text) + st.notes
    return Document(
        title=st.title,
        article="",
        format="markdown",
        language="",
        text=text,
        sections=b.sections(),
        tables=tuple(st.tables),
        citations=tuple(sorted(citations, key=lambda c: c.start)),
        line_map=b.line_map(),
    )


_CAPTION_HINT = re.compile(r"^\W*(?:Table|Tab\.|Таблица|Табл|Tabelle|Tableau|Tabla|표)", re.I)
_SOURCE_HINT = re.compile(r"^\W*(?:Sources?|Источник|Quelle|Fuente|출처)", re.I)


def _plain(line: _Line) -> str:
    return parse_inline(line.text, line.src).text


def _is_caption(line: _Line) -> bool:
    return bool(_CAPTION_HINT.match(line.text)) and bool(CAPTION.match(_plain(line)))


def _is_source(line: _Line) -> bool:
    return bool(_SOURCE_HINT.match(line.text)) and bool(SOURCE_NOTE.match(_plain(line)))


def _emit(b: TextBuilder, st: _State, inl: Inline) -> tuple[int, int]:
    start = len(b)
    for piece, src in inl.pieces:
        b.add(piece, src)
    st.refs.extend((n, start + p) for n, p in inl.footnote_refs)
    return start, len(b)


def _heading(b: TextBuilder, st: _State, line: _Line, m: re.Match[str]) -> None:
    inl = parse_inline(m.group(2), line.src + m.start(2)).strip()
    title = " ".join(inl.text.split())
    if not title:
        return
    b.break_block()
    level = len(m.group(1))
    if level == 1 and not st.title and not st.seen_paragraph:
        st.title = title
    st.seen_heading = True
    b.heading(level, title)
    _emit(b, st, inl)
    b.break_block()


def _paragraph(b: TextBuilder, st: _State, lines: list[_Line], i: int) -> int:
    b.break_block()
    start_i = i
    bold = True
    hard = False  # the line before ended with a hard break (two spaces or a backslash)
    parts: list[str] = []
    run = Inline()  # the lines joined by soft breaks so far: a template may run across them
    while i < len(lines):
        line = lines[i]
        if i > start_i and (
            not line.text.strip()
            or _HEADING.match(line.text)
            or _RULE.match(line.text)
            or _FOOTNOTE.match(line.text)
            or _is_row(lines, i)
            or _is_caption(line)
        ):
            break
        m = _LIST.match(line.text)
        body = line.text[m.end() :] if m else line.text
        hard_after = body.endswith("  ") or body.rstrip(" ").endswith("\\")
        if body.rstrip(" ").endswith("\\"):
            body = body.rstrip(" ")[:-1]
        inl = parse_inline(body, line.src + (m.end() if m else 0)).strip()
        if inl.text:
            if parts and (m or hard):
                _emit_running(b, st, run)
                run = Inline()
                b.break_line()
            elif parts:
                # A soft line break: the paragraph goes on, its sentences run across the break.
                run.emit(" ", line.src - 1)
            run.footnote_refs.extend((n, p + len(run)) for n, p in inl.footnote_refs)
            run.extend(inl)
            parts.append(inl.text)
            stripped = body.strip()
            bold = bold and stripped.startswith("**") and stripped.endswith("**")
        hard = hard_after
        i += 1
    _emit_running(b, st, run)
    # A title page: the first all-bold paragraph before any heading names the document.
    if parts and bold and not st.title and not st.seen_heading and i - start_i <= 6:
        st.title = " ".join(" ".join(parts).split())
    elif parts:
        st.seen_paragraph = True
    b.break_block()
    return i


def _emit_running(b: TextBuilder, st: _State, inl: Inline) -> None:
    """Running text; a citation template flattened into it ("…in 1937. cite news|last=Kim|…") stands
    on a line of its own, a citation anchored where it stood, so its figures are not prose."""
    text = inl.text
    found = flattened_templates(text) if "|" in text else []
    if not found:
        _emit(b, st, inl)
        return
    at: list[tuple[int, int]] = []  # (offset in the run, offset in the text) where each part starts
    pos = 0
    for a, e, fields in found:
        before = text[pos:a]
        if before.strip():
            at.append((pos, _emit_slice(b, inl, pos, pos + len(before.rstrip()))[0]))
            if is_entry_lead(before):
                b.add(" ", _source_of(inl, a - 1))
            else:
                b.break_line()
        start, end = _emit_slice(b, inl, a, e)
        at.append((a, start))
        key = f"cite-{sum(1 for c in st.notes if c.kind == 'template') + 1}"
        st.notes.append(Citation(key, "template", fields, start, end, (start,)))
        b.break_line()
        pos = e + len(text[e:]) - len(text[e:].lstrip())
    if pos < len(text):
        at.append((pos, _emit_slice(b, inl, pos, len(text))[0]))
    for n, p in inl.footnote_refs:  # a marker keeps its place in the part it stood in
        run_at, text_at = next((r, t) for r, t in reversed(at) if r <= p) if at[0][0] <= p else at[0]
        st.refs.append((n, text_at + max(p - run_at, 0)))


def _emit_slice(b: TextBuilder, inl: Inline, a: int, e: int) -> tuple[int, int]:
    """Append the characters a..e of the run, each from its source offset; their span in the text."""
    start = len(b)
    pos = 0
    for piece, src in inl.pieces:
        lo, hi = max(a, pos), min(e, pos + len(piece))
        if lo < hi:
            b.add(piece[lo - pos : hi - pos], src + lo - pos)
        pos += len(piece)
    return start, len(b)


def _source_of(inl: Inline, k: int) -> int:
    """The source offset of the run's character k."""
    pos = 0
    for piece, src in inl.pieces:
        if k < pos + len(piece):
            return src + k - pos
        pos += len(piece)
    return inl.pieces[-1][1] if inl.pieces else 0


def _footnote(b: TextBuilder, st: _State, lines: list[_Line], i: int) -> int:
    b.break_block()
    m = _FOOTNOTE.match(lines[i].text)
    assert m
    number = int(m.group(1))
    b.add(m.group(1), lines[i].src + m.start(1))
    b.add(" ", lines[i].src + m.end(1))
    start = len(b)
    url = ""
    first = True
    while i < len(lines):
        line = lines[i]
        if not first and (not line.text.strip() or _FOOTNOTE.match(line.text) or _HEADING.match(line.text)):
            break
        offset = m.end() if first else 0
        inl = parse_inline(line.text[offset:], line.src + offset).strip()
        if inl.text:
            if not first:
                b.break_line()
            _emit(b, st, inl)
            if not url and inl.links:
                url = inl.links[0][2]
            if not url:
                found = _URL.search(inl.text)
                url = found.group(0) if found else ""
        first = False
        i += 1
    st.footnotes.append(_Footnote(number, start, len(b), url))
    b.break_block()
    return i


def _footnote_citations(st: _State, text: str) -> list[Citation]:
    anchors: dict[int, list[int]] = {}
    by_number: dict[int, tuple[list[int], list[int]]] = {}  # number -> (note indexes, starts) in text order
    for k, f in enumerate(st.footnotes):
        indexes, starts = by_number.setdefault(f.number, ([], []))
        indexes.append(k)
        starts.append(f.start)
    for number, pos in st.refs:
        # A marker points at the first note with its number that follows it, else the last before it.
        if number in by_number:
            indexes, starts = by_number[number]
            at = bisect.bisect_left(starts, pos)
            anchors.setdefault(indexes[min(at, len(indexes) - 1)], []).append(pos)
    out = []
    seen: dict[int, int] = {}
    for k, f in enumerate(st.footnotes):
        seen[f.number] = seen.get(f.number, 0) + 1
        key = f"fn-{f.number}" if seen[f.number] == 1 else f"fn-{f.number}-{seen[f.number]}"
        fields = {"number": str(f.number), "text": " ".join(text[f.start : f.end].split())}
        if f.url:
            fields["url"] = f.url
        out.append(Citation(key, "footnote", fields, f.start, f.end, tuple(anchors.get(k, ()))))
    return out


def _is_row(lines: list[_Line], i: int) -> bool:
    text = lines[i].text
    if "\t" in text and text.strip():
        return True
    return (
        text.lstrip().startswith("|")
        and i + 1 < len(lines)
        and bool(_PIPE_SEP.match(lines[i + 1].text))
        and "-" in lines[i + 1].text
    )


def _split_row(line: _Line) -> list[tuple[str, int]] | None:
    """Cells of a table line as (raw text, source offset); None for a pipe-table separator."""
    text = line.text
    if "\t" in text:
        cells = []
        pos = 0
        for part in text.split("\t"):
            cells.append((part, line.src + pos))
            pos += len(part) + 1
        return cells
    if _PIPE_SEP.match(text):
        return None
    cells = []
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    body_start = lead + (1 if stripped.startswith("|") else 0)
    body_end = len(text.rstrip())
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        body_end -= 1
    pos = body_start
    for part in re.split(r"(?<!\\)\|", text[body_start:body_end]):
        cells.append((part, line.src + pos))
        pos += len(part) + 1
    return cells


def _row_block(lines: list[_Line], i: int) -> int:
    j = i
    while j < len(lines) and lines[j].text.strip() and (_is_row(lines, j) or "\t" in lines[j].text or lines[j].text.lstrip().startswith("|")):
        j += 1
    return j


def _captioned_table(b: TextBuilder, st: _State, lines: list[_Line], i: int) -> int | None:
    # Caption lines run to the first blank line; at most one short note paragraph may
    # stand between the caption and the rows ("(original text retained …)").
    j = i
    while j < len(lines) and lines[j].text.strip() and not _is_row(lines, j):
        j += 1
        if j - i > _CAPTION_LINES or (j < len(lines) and _is_caption(lines[j])):
            return None  # a paragraph, or a run of "Table N" lines: each is looked at once
    if j == i:
        return None  # the "caption" is itself a row ("Table1<TAB>…"): a table without one
    if j < len(lines) and lines[j].text.strip():
        caption_end = j  # the rows follow the caption without a blank line
    else:
        caption_end = j
        j = _skip_blank(lines, j)
        if j < len(lines) and not _is_row(lines, j):
            k = j
            while k < len(lines) and k - j <= 3 and lines[k].text.strip() and not _is_row(lines, k):
                k += 1
            if k - j > 3 or _is_caption(lines[j]) or _HEADING.match(lines[j].text):
                return None
            note_end = k
            k = _skip_blank(lines, k)
            if k >= len(lines) or not _is_row(lines, k):
                return None
            return _table_block(b, st, lines, k, (i, caption_end, j, note_end))
        if j >= len(lines) or not _is_row(lines, j):
            return None
    return _table_block(b, st, lines, j, (i, caption_end, caption_end, caption_end))


def _skip_blank(lines: list[_Line], j: int, rules: bool = False) -> int:
    while j < len(lines) and (not lines[j].text.strip() or (rules and _RULE.match(lines[j].text))):
        j += 1
    return j


def _table_block(
    b: TextBuilder, st: _State, lines: list[_Line], i: int, caption: tuple[int, int, int, int] | None
) -> int:
    b.break_block()
    table_start = len(b)
    number: int | None = None
    title = ""
    if caption:
        cap_i, cap_end, note_i, note_end = caption
        parts = []
        for k in range(cap_i, cap_end):
            inl = parse_inline(lines[k].text, lines[k].src).strip()
            if parts:
                b.break_line()
            _emit(b, st, inl)
            parts.append(inl.text)
        m = CAPTION.match(" ".join(parts))
        if m:  # always, as `_is_caption` matched its first line; kept safe for odd inline markup
            number = int(m.group(1))
            title = " ".join(m.group(2).split())
        b.break_block()
        for k in range(note_i, note_end):
            inl = parse_inline(lines[k].text, lines[k].src).strip()
            _emit(b, st, inl)
            b.break_line()
        b.break_block()
    rows: list[tuple[Cell, ...]] = []
    first_row: list[str] | None = None
    j = i
    while True:
        end = _row_block(lines, j)
        for k in range(j, end):
            cells = _split_row(lines[k])
            if cells is None:
                continue
            row = _emit_row(b, st, cells)
            texts = [c.text for c in row]
            if first_row is None:
                first_row = texts
                rows.append(row)
            elif texts != first_row or k != j:
                rows.append(row)
            # else: a header repeated after a page break is text, not a row
        j = end
        # A table broken by a page goes on after blank lines or a rule with its header repeated.
        nxt = _skip_blank(lines, j, rules=True)
        if nxt < len(lines) and _is_row(lines, nxt) and first_row is not None:
            cells = _split_row(lines[nxt])
            if cells is not None and [_cell_inline(t, s).text for t, s in cells] == first_row:
                b.break_block()
                j = nxt
                continue
        break
    table_end = len(b)
    source_note = ""
    k = _skip_blank(lines, j)
    # Notes under the table ("* South Kazakhstan region was …") belong to it, then its source.
    if k < len(lines) and _NOTE_MARK.match(lines[k].text) and not _is_source(lines[k]):
        b.break_block()
        while k < len(lines) and lines[k].text.strip():
            b.break_line()
            _emit(b, st, parse_inline(lines[k].text, lines[k].src).strip())
            k += 1
        j = k
        table_end = len(b)
        k = _skip_blank(lines, k)
    if caption is not None and k < len(lines) and _is_source(lines[k]):
        b.break_block()
        note_start = len(b)
        urls: list[str] = []
        while k < len(lines) and lines[k].text.strip() and not _is_row(lines, k):
            inl = parse_inline(lines[k].text, lines[k].src).strip()
            if len(b) > note_start:
                b.break_line()
            _emit(b, st, inl)
            urls.extend(u for _s, _e, u in inl.links)
            k += 1
        j = k
        table_end = len(b)
        note_text = b.text[note_start:table_end]
        sm = SOURCE_NOTE.match(note_text)
        source_note = " ".join((sm.group(1) if sm else note_text).split())
        fields = {"text": source_note}
        if urls:
            fields["url"] = urls[0]
        if number is not None:
            fields["table"] = str(number)
        st.notes.append(
            Citation(f"source-table-{number}", "source_note", fields, note_start, table_end, (table_start,))
        )
    b.break_block()
    texts = [[c.text for c in r] for r in rows]
    piped = "\t" not in lines[i].text  # pipe-table syntax says "table" by itself
    is_table = caption is not None or piped or (
        len(rows) >= 2
        and max(len(r) for r in rows) >= 2
        and any(is_number(t) for r in texts[1:] for t in r[1:])
        and not any(_TOC_LEADER.search(t) for r in texts for t in r)
    )
    width = max((len(r) for r in rows), default=0)
    if is_table and rows and fits_grid(sum(len(r) for r in rows), len(rows), width):
        padded = tuple(r + tuple(Cell("", r[-1].end, r[-1].end) for _ in range(width - len(r))) for r in rows)
        h = header_rows(texts)
        st.tables.append(
            Table(number, title, source_note, table_start, table_end, padded[:h], padded[h:])
        )
    return j


def _cell_inline(text: str, src: int) -> Inline:
    return parse_inline(text, src).strip()


def _emit_row(b: TextBuilder, st: _State, cells: list[tuple[str, int]]) -> tuple[Cell, ...]:
    b.break_line()
    out = []
    for n, (raw, src) in enumerate(cells):
        if n:
            b.add("\t", src - 1)
        inl = _cell_inline(raw, src)
        start, end = _emit(b, st, inl)
        out.append(Cell(inl.text, start, end))
    return tuple(out)  # no line break after the row: the table ends with its last cell
