"""Large plain-text files read in pieces: the file is decoded block by block and cut at blank
lines into pieces of about `PIECE_CHARS` characters, each read by the plain-text reader on its
own, so that memory holds one piece however large the file. A piece's offsets are its own; its
`start` places it in the whole text (pieces are joined by one blank line, as the reader joins
paragraphs), so every span shifted by it quotes the whole text."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from koryo.errors import TooLarge, UnknownEncoding
from koryo.model import Document, LinePoint, Section, Source
from koryo.readers import check_offsets, finish
from koryo.readers.builder import sections_from_headings
from koryo.readers.markers import references
from koryo.readers.markup import heading_with_mark, read_header
from koryo.readers.sniff import decode, is_pdf, sniff_text
from koryo.readers.text import read_text

LARGE_FILE = 16 * 1024 * 1024  # bytes: a plain-text file larger than this is read in pieces
PIECE_CHARS = 1024 * 1024
_BLOCK = 1024 * 1024  # bytes read at a time
_SNIFF_CHARS = 200_000  # what `sniff_text` looks at
_TOP = 20_000  # characters the first piece holds at least: what the title, language, date and author are read from


@dataclass(frozen=True)
class Piece:
    """One piece of a large file: its text read as a document (the first piece's title, language
    and dates are the whole file's, and so are every later piece's), where its text starts in
    the whole text, and the headings it opens, as `(level, title, start)` in the whole text.

    The sections open where the piece begins are given before it, at negative offsets: the
    piece's running text is in them, their headings are not in its text."""

    start: int
    doc: Document
    headings: tuple[tuple[int, str, int], ...]


def source_of(path: Path) -> Source | None:
    """The file's source record, if it is a large file of plain text in an encoding read block
    by block (UTF-8 or a one-byte code page); None for any other file, read whole."""
    size = path.stat().st_size
    if size <= LARGE_FILE:
        return None
    with path.open("rb") as f:
        head = f.read(_BLOCK)
    if is_pdf(head) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return None
    cut = head.rfind(b"\n") + 1  # a whole line: a multi-byte character is not cut
    if not cut:
        return None
    _, encoding = decode(str(path), head[:cut])
    if encoding.startswith(("utf-16", "utf-32")):
        return None
    with path.open(encoding=_codec(encoding), errors="replace", newline="") as f:  # a bad byte is named when read
        text = _normal(f.read(_SNIFF_CHARS))
    if sniff_text(text, path.suffix) != "text":
        return None
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            digest.update(block)
    return Source(path=str(path), name=path.name, sha256=digest.hexdigest(), size=size, encoding=encoding)


def read_pieces(source: Source, max_size: int) -> Iterator[Piece]:
    """The file's pieces in order; a `RejectedFile` (too large, an undecodable byte) may come
    after some pieces, and the caller then keeps none of them."""
    if source.size > max_size:
        raise TooLarge(source.path, f"{source.size:,} bytes > {max_size:,}")
    first: Document | None = None
    at = 0  # where the next piece's text starts in the whole text
    line = 0  # source lines before the piece
    stack: list[tuple[int, str]] = []  # the headings open, outermost first
    top = ""  # the chunks before the first with text: its title or header may stand there
    for chunk in _chunks(source, PIECE_CHARS):
        if first is None:
            chunk = top = top + chunk
        doc = read_text(chunk, top=first is None)
        lines = chunk.count("\n")
        if not doc.text.strip():
            line += lines if first is not None else 0
            continue
        if first is None:
            doc = first = finish(source.path, doc)
            top = ""
        else:
            check_offsets(source.path, doc)
            at += 2  # the blank line between two pieces
        headings = tuple((s.level, s.path[-1], s.start) for s in doc.sections)
        # the sections open at the piece's start, each at a negative offset clear of the next
        width = max((len(t) for _, t in stack), default=0) + 1
        opened = [(level, t, (i - len(stack)) * width) for i, (level, t) in enumerate(stack)]
        sections = sections_from_headings(opened + list(headings), len(doc.text))
        piece = replace(
            first if doc is not first else doc,
            text=doc.text,
            sections=sections,
            tables=doc.tables,
            # markers meet a reference list within their piece (`finish` linked the first piece's)
            citations=doc.citations if doc is first else references(doc.text, sections, doc.citations),
            line_map=tuple(LinePoint(p.offset, p.line + line) for p in doc.line_map),
            meta=first.meta,
        )
        yield Piece(at, piece, tuple((level, t, start + at) for level, t, start in headings))
        for level, t, _ in headings:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, t))
        at += len(doc.text)
        line += lines


def _codec(encoding: str) -> str:
    return "utf-8-sig" if encoding == "utf-8" else encoding  # a byte-order mark is no text


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _chunks(source: Source, size: int) -> Iterator[str]:
    """The file's text in chunks that end with a line break before a blank line (each about
    `size` characters, longer when a paragraph is), normalised as the whole-file reader does;
    every chunk after the first starts with that blank line."""
    decoder = codecs.getincrementaldecoder(_codec(source.encoding))(errors="strict")
    pending = ""
    lo = -1  # where the first chunk may end at the earliest: past the header and the top of the text
    read = lines = 0  # bytes given to the decoder and the lines they end, to say where an undecodable one is
    with Path(source.path).open("rb") as f:
        while True:
            data = f.read(_BLOCK)
            held = len(decoder.getstate()[0])  # the start of a character the last block cut
            try:
                block = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                at = read - held + exc.start
                line = lines + data[: max(0, exc.start - held)].count(b"\n") + 1
                name = "UTF-8" if source.encoding == "utf-8" else source.encoding
                raise UnknownEncoding(source.path, f"invalid {name} at byte {at} (line {line}); the file mixes encodings") from exc
            read += len(data)
            lines += data.count(b"\n")
            if block.endswith("\r"):  # a CR whose LF may begin the next block
                block += decoder.decode(f.read(1))
                read += 1
            pending += block.replace("\r\n", "\n").replace("\r", "\n")
            while len(pending) > size or not data and pending:
                if lo < 0:
                    head = read_header(pending).end
                    if data and "\n" not in pending[head:]:
                        break  # the header may go on: read on
                    lo = max(head, _TOP)
                cut = _cut(pending, size, lo, not data)
                if cut < 0:
                    break  # one paragraph so far: read on
                yield unicodedata.normalize("NFC", pending[:cut])  # a line break is a boundary of normalisation
                pending, lo = pending[cut:], 1
            if not data:
                return


def _cut(text: str, size: int, lo: int, last: bool) -> int:
    """Where a chunk of about `size` characters ends: after the last line break before a blank
    line between `lo` and `size`, else after the first one beyond; -1 when there is none yet.
    All of the text when it is the `last` of the file and no such break lies past `lo`.

    Not before an edit mark alone ("[edit]"), whose heading is the line above the blank line."""
    i = text.rfind("\n\n", lo, size)
    while i >= 0 and not _free(text, i, last):
        i = text.rfind("\n\n", lo, i)
    if i < 0:
        i = text.find("\n\n", max(size, lo))
        while i >= 0 and not _free(text, i, last):
            i = text.find("\n\n", i + 1)
    if i < 0:
        return len(text) if last else -1
    return i + 1


def _free(text: str, i: int, last: bool) -> bool:
    """Whether the paragraph after the blank line at `i` is read the same without what is before it."""
    start = len(text) - len(text[i:].lstrip())
    end = text.find("\n", start)
    if end < 0 and not last:
        return False  # its first line is not all read yet
    return heading_with_mark(text[start : end if end >= 0 else len(text)].strip()) != ""
