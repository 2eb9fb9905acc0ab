"""Plain text and clippings saved from web pages: a header block (`source: URL`, YAML front matter)
that is not body text, page furniture left out, `= Title =` and `==Heading==` lines and wiki
headings marked "[edit]"/"modifica"/"편집", infoboxes as tables of kind `infobox`, and citation
templates flattened to text as citations."""

from __future__ import annotations

import re
from typing import Any

from koryo.model import Cell, Citation, Document, Table
from koryo.readers.builder import TextBuilder
from koryo.readers.infobox import Box, find_boxes
from koryo.readers.markers import flattened_templates, is_entry_lead
from koryo.readers.markup import Header, heading_with_mark, is_furniture, is_site_name, read_header
from koryo.readers.metadata import date_line, dateline, headline, iso_date, undated

_TITLE = re.compile(r"^=(?!=)\s*(.+?)\s*=\s*$")
_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1\s*$")
_TITLE_LIKE = re.compile(r"^(?![a-z]+$)[^\W\d_].{0,118}$")  # not a lone lower-case token ("fbpx")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”»)\]]*$")


def _roles(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Lines that are not running text: furniture (dropped), edit marks (dropped) and headings."""
    roles: dict[int, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        if not line:
            continue
        if is_furniture(line):
            roles[i] = ("drop", "")
            continue
        heading = heading_with_mark(line)
        if heading is None:
            continue
        if heading:
            roles[i] = ("heading", heading)
            continue
        roles[i] = ("drop", "")  # the mark alone: the line above it is the heading
        above = next((k for k in range(i - 1, max(i - 3, -1), -1) if lines[k]), None)
        if above is not None and above not in roles and len(lines[above]) <= 80 and not _SENTENCE_END.search(lines[above]):
            roles[above] = ("heading", lines[above])
    return roles


def read_text(source: str, top: bool = True) -> Document:
    """Read plain text into a Document (language and article are filled in by the caller).

    `top` is False for a later piece of a large file: a header block and a title are looked
    for at the top of the file only."""
    header = read_header(source) if top else Header()
    b = TextBuilder(source)
    title = header.fields.get("title", "")
    raw_lines = source[header.end :].split("\n")
    lines = [line.strip() for line in raw_lines]
    roles = _roles(lines)
    boxes = {box.first: box for box in find_boxes([s if roles.get(i, ("",))[0] != "drop" else "" for i, s in enumerate(lines)])}
    starts: dict[int, int] = {}  # line index -> text offset of its stripped text
    tables: list[Table] = []
    cites: list[Citation] = []
    pos = header.end
    open_box: Box | None = None
    candidates: list[tuple[int, str]] = []  # the title-like lines among the first few of the body
    dated = ""
    tried = 0
    for i, raw in enumerate(raw_lines):
        at = pos
        pos += len(raw) + 1
        line = lines[i]
        if i in boxes:
            open_box = boxes[i]
            b.break_block()
        if not line:
            if open_box is None:
                b.break_block()
            continue
        role, heading = roles.get(i, ("", ""))
        if role == "drop":
            # page furniture may still date the page ("최근 수정 시각 : 2024-10-07 22:07:06", "Last edited …")
            dated = dated or date_line(line, bare=False)
            continue
        src = at + raw.index(line[0])
        if open_box is not None:
            b.break_line()
            starts[i] = b.add(line, src)[0]
            if i == open_box.last:
                tables.append(_table(open_box, lines, starts))
                open_box = None
                b.break_block()
            continue
        m = _TITLE.match(line)
        if m and top and not title and not len(b):
            title = m.group(1)
            continue
        m = _HEADING.match(line)
        if m or role == "heading":
            text = m.group(2) if m else heading
            level = len(m.group(1)) if m else 2
            b.break_block()
            b.heading(level, text)
            b.add(text, src + line.index(text))
            b.break_block()
            continue
        tried += 1
        if top and tried <= 3 and not (len(line) <= 40 and (iso_date(line) or dateline(line))):
            candidate = undated(line)
            # a headline may ask ("Are there any Koreans in …?"); it does not end like a sentence ("Support us!" is a banner)
            if _TITLE_LIKE.match(candidate) and not _SENTENCE_END.search(candidate.rstrip("?")) and not is_site_name(candidate):
                candidates.append((i, candidate))
        b.break_line()
        _add_line(b, line, src, cites)
    # a clipping's headline or the article's name, not the site's furniture above it (else the caller's
    # fallbacks: the URL's words, the first words of the text)
    title = title or headline(candidates, lines)
    return Document(
        title=title,
        article="",
        format="text",
        language="",
        text=b.text,
        sections=b.sections(),
        tables=tuple(tables),
        citations=tuple(cites),
        line_map=b.line_map(),
        meta=_meta(header),
        url=header.fields.get("url", ""),
        published=header.fields.get("published", "") or dated,
        author=header.fields.get("author", ""),
    )


def _add_line(b: TextBuilder, line: str, src: int, cites: list[Citation]) -> None:
    """A line of running text; a citation template left in it ("…in 1937. cite news|last=Kim|…")
    stands on a line of its own, a citation anchored where it stood, so its figures are not prose."""
    pos = 0
    for a, e, fields in flattened_templates(line):
        if line[pos:a].strip():
            b.add(line[pos:a].rstrip(), src + pos)
            if is_entry_lead(line[pos:a]):
                b.add(" ", src + a - 1)  # "2. ^ cite web|…": an entry of a reference list stays one line
            else:
                b.break_line()
        start, end = b.add(line[a:e], src + a)
        cites.append(Citation(f"cite-{len(cites) + 1}", "template", fields, start, end, (start,)))
        b.break_line()
        pos = e
        while pos < len(line) and line[pos].isspace():
            pos += 1
    if pos < len(line):
        b.add(line[pos:], src + pos)


def _meta(header: Header) -> dict[str, Any]:
    return {"header": header.raw} if header.raw else {}


def _table(box: Box, lines: list[str], starts: dict[int, int]) -> Table:
    rows = tuple(
        tuple(Cell(lines[li][a:e], starts[li] + a, starts[li] + e) for li, a, e in row if li in starts)
        for row in box.rows
    )
    first = starts.get(box.first, min(starts.values()))
    last = max(starts[li] + len(lines[li]) for li in range(box.first, box.last + 1) if li in starts)
    title = lines[box.title] if box.title is not None else ""
    return Table(None, title, "", first, last, (), tuple(r for r in rows if r), kind="infobox")
