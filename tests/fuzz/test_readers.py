"""Property: on any input, every reader returns a document whose anchors quote its text, or
rejects the input with koryo's own error; never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koryo.extract import extract
from koryo.readers import read_bytes
from koryo.readers.html import read_html
from koryo.readers.markdown import read_markdown
from koryo.readers.pdf import read_pdf
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
