"""Plain text: paragraphs, with `= Title =` and `==Heading==` lines as saved from wikis."""

from __future__ import annotations

import re

from koryo.model import Document
from koryo.readers.builder import TextBuilder

_TITLE = re.compile(r"^=(?!=)\s*(.+?)\s*=\s*$")
_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1\s*$")


def read_text(source: str) -> Document:
    """Read plain text into a Document (language and article are filled in by the caller)."""
    b = TextBuilder(source)
    title = ""
    pos = 0
    for raw in source.split("\n"):
        line = raw.rstrip("\r")
        at = pos
        pos += len(raw) + 1
        if not line.strip():
            b.break_block()
            continue
        m = _TITLE.match(line)
        if m and not title and not len(b):
            title = m.group(1)
            continue
        m = _HEADING.match(line)
        if m:
            b.break_block()
            b.heading(len(m.group(1)), m.group(2))
            b.add(m.group(2), at + m.start(2))
            b.break_block()
            continue
        b.break_line()
        stripped = line.strip()
        b.add(stripped, at + line.index(stripped[0]))
    return Document(
        title=title,
        article="",
        format="text",
        language="",
        text=b.text,
        sections=b.sections(),
        line_map=b.line_map(),
    )
