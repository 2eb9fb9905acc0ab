"""What the fuzz tests feed the readers: markup tokens, and snippets of real documents (the
seeds, the devset, the samples) mutated; and the property every reader must keep."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import strategies as st

from koryo.errors import KoryoError
from koryo.model import Document
from tests.conftest import ROOT, SEEDS

DEVSET = Path(os.environ.get("KORYO_DEVSET", ROOT.parent / "shared" / "devset" / "docs"))
SAMPLES = ROOT / "samples"


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(DEVSET.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.suffix != ".pdf")
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


TEXTS = _texts()
PDFS = [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))]

# Pieces of every syntax the readers know, so random strings reach their rare branches.
TOKENS = [
    "\n", "\n\n", "\t", " ", "|", "||", "!!", "{|", "|-", "|}", "{{", "}}", "[tpl]", "[/tpl]", "[[", "]]", "[", "]", "(", ")",
    "<", ">", "</", "/>", "<sup>", "</sup>", "<sup>1</sup>", "<sup>12</sup> ", "<a href=\"#n1\">", "<a href='http://x.org'>",
    "</a>", "<table>", "</table>", "<tr>", "<td>", "<th rowspan=2>", "<td colspan=3>", "<caption>", "<p>", "</p>", "<b>",
    "<div>", "</div>", "<ol>", "<li id=\"n1\">", "<ref>", "</ref>", "<ref name=a/>", "<br>", "<!--", "-->", "<h2>", "</h2>",
    "# ", "## ", "= ", "== ", " ==", "---", "***", "* ", "- ", "> ", "**", "*", "__", "_", "\\", "&amp;", "&#1234;", "&#x;",
    "'''", "''", "Table 1.", "Table 12 – ", "Таблица 3. ", "Source: ", "Источник: ", "Note: ", "http://", "https://e.org/a_(b)",
    "mailto:a@b", "1937", "172,000", "1.234,5", "6,5", "12%", "–", "—", "~", "±", "\u00a0", "\u202f", "\u200b", "\ufeff",
    "\x00", "\x1b[2J", "\r", "\r\n", "고려인", "Корё-сарам", "Қазақстан", "ab", "Koryo-saram", "deported", "from", "to",
]

tokens = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A slice of a real document, cut, doubled, and sprinkled with markup."""
    text = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, len(text)))
    piece = text[start : start + draw(st.integers(0, 4000))]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(piece)))
        op = draw(st.sampled_from(["insert", "delete", "double", "token"]))
        if op == "insert":
            piece = piece[:at] + draw(tokens) + piece[at:]
        elif op == "token":
            piece = piece[:at] + draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 50)) + piece[at:]
        elif op == "delete":
            piece = piece[:at] + piece[at + draw(st.integers(0, 200)) :]
        else:
            piece = piece[:at] + piece[at : at + draw(st.integers(0, 300))] * 2 + piece[at:]
    return piece


inputs = tokens | mutated()


@st.composite
def pdf_bytes(draw: st.DrawFn) -> bytes:
    """A sample PDF truncated, with bytes flipped or spliced in."""
    data = bytearray(draw(st.sampled_from(PDFS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "splice"]))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 2000))]
        else:
            data[at:at] = draw(st.binary(max_size=64))
        if not data:
            data = bytearray(b"%PDF-1.4")
    return bytes(data)


def check_document(doc: Document) -> None:
    """Every range a reader anchors lies in the text, and every table cell quotes its text."""
    n = len(doc.text)
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= n, s
    for t in doc.tables:
        assert 0 <= t.start <= t.end <= n, (t.start, t.end, n)
        for row in t.header + t.body:
            for c in row:
                assert doc.text[c.start : c.end] == c.text, c
    for c in doc.citations:
        assert 0 <= c.start <= c.end <= n, c
        assert all(0 <= a <= n for a in c.anchors), c
    offsets = [p.offset for p in doc.line_map]
    assert offsets == sorted(offsets) and all(0 <= o <= n for o in offsets), offsets[:20]


def read_or_reject(read, *args):  # type: ignore[no-untyped-def]
    """The reader's document, checked; or None when it rejected the input with koryo's own error
    (a rejection that blames the reader itself is a bug, as any other exception)."""
    try:
        doc = read(*args)
    except KoryoError as exc:
        assert "out-of-range span" not in str(exc) and "does not match its span" not in str(exc), exc
        return None
    check_document(doc if isinstance(doc, Document) else doc[1])
    return doc
