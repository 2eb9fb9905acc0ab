"""Property: on any input, every reader returns a document whose anchors quote its text, or
rejects the input with koryo's own error; never another exception."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import koryo.readers.pieces as pieces
from koryo.errors import NoText
from koryo.extract import extract
from koryo.model import LinePoint, Source
from koryo.readers import finish
from koryo.readers.builder import sections_from_headings
from koryo.readers import read_bytes
from koryo.readers.html import read_html
from koryo.readers.markdown import read_markdown
from koryo.readers.pdf import read_pdf
from koryo.readers.pieces import read_pieces
from koryo.readers.text import read_text
from koryo.readers.wikitext import read_wikitext
from tests.fuzz.corpus import inputs, pdf_bytes, read_or_reject


@given(inputs)
def test_markdown(text: str) -> None:
    read_or_reject(read_markdown, text)


@given(inputs)
def test_html(text: str) -> None:
    read_or_reject(read_html, text, "fuzz.html")


@given(inputs)
def test_wikitext(text: str) -> None:
    read_or_reject(read_wikitext, text, "fuzz.wiki")


@given(inputs)
def test_text(text: str) -> None:
    read_or_reject(read_text, text)


@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(pdf_bytes())
def test_pdf(data: bytes) -> None:
    read_or_reject(read_pdf, data, "fuzz.pdf")


@given(inputs, st.sampled_from([".txt", ".md", ".html", ".wiki", ""]), st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_sniffed_and_decoded(text: str, suffix: str, encoding: str) -> None:
    """The whole way a file goes to its reader: bytes in some encoding, decoded and sniffed."""
    read_or_reject(read_bytes, f"fuzz{suffix}", text.encode(encoding, errors="replace"))


# Found by this test (and fixed): "Intro text here.\nThe Korean   Herald" made `entities` fail.
@given(inputs)
def test_extractors(text: str) -> None:
    """What a reader returns, every extractor takes without an exception."""
    read = read_or_reject(read_bytes, "fuzz.txt", text.encode())
    if read is not None:
        extract(read[1], read[0].name)


@given(inputs, st.integers(min_value=2, max_value=400), st.integers(min_value=1, max_value=64))
def test_text_read_in_pieces(text: str, piece: int, block: int) -> None:
    """Read in pieces of any size from blocks of any size, a text is what it is read whole: the
    same text, line map, sections and tables, at the pieces' offsets; or no piece when it has no text."""
    data = text.encode("utf-8", errors="replace")
    with tempfile.TemporaryDirectory() as tmp, patch.multiple(pieces, PIECE_CHARS=piece, _BLOCK=block, _TOP=0):
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(data)
        source = Source(str(path), path.name, "", len(data), "utf-8")
        normal = unicodedata.normalize("NFC", data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))
        try:
            whole = finish(str(path), read_text(normal))
        except NoText:
            assert not list(read_pieces(source, len(data)))  # no piece: the store says "no text found"
            return
        read = list(read_pieces(source, len(data)))
    assert "\n\n".join(p.doc.text for p in read) == whole.text
    assert [p.start for p in read] == [whole.text.index(p.doc.text, p.start) for p in read]
    assert [LinePoint(x.offset + p.start, x.line) for p in read for x in p.doc.line_map] == list(whole.line_map)
    headings = [h for p in read for h in p.headings]
    assert sections_from_headings(headings, len(whole.text)) == whole.sections
    shifted = [[(c.text, c.start + p.start) for row in t.header + t.body for c in row] for p in read for t in p.doc.tables]
    assert shifted == [[(c.text, c.start) for row in t.header + t.body for c in row] for t in whole.tables]
    if len(read) == 1 or len(read[0].doc.text) >= 20_000:  # what is read from the top (the first 20,000 characters at least)
        assert (read[0].doc.title, read[0].doc.language, read[0].doc.published, read[0].doc.author) == (
            whole.title, whole.language, whole.published, whole.author)
