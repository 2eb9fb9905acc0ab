"""Builds `Document.text` piece by piece while remembering where each piece came from."""

from __future__ import annotations

import bisect
import re

from koryo.model import LinePoint, Section

_BLANK_RUN = re.compile(r"\n{3,}")


class TextBuilder:
    """Appends normalised text and keeps a map from text offsets back to source lines."""

    def __init__(self, source: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._parts: list[str] = []
        self._len = 0
        self._tail = ""  # the last few characters written, to normalise blank lines
        self._points: list[LinePoint] = []
        self._headings: list[tuple[int, str, int]] = []  # (level, title, start)

    def __len__(self) -> int:
        return self._len

    def line_of(self, src: int) -> int:
        """The 1-based source line holding source offset `src`."""
        return bisect.bisect_right(self._line_starts, src)

    def add(self, piece: str, src: int) -> tuple[int, int]:
        """Append `piece`, read from source offset `src`; return its span in the text."""
        if not piece:
            return self._len, self._len
        line = self.line_of(src)
        if not self._points or self._points[-1].line != line:
            if self._points and self._points[-1].offset == self._len:
                self._points[-1] = LinePoint(self._len, line)
            else:
                self._points.append(LinePoint(self._len, line))
        start = self._len
        self._parts.append(piece)
        self._len += len(piece)
        self._tail = (self._tail + piece)[-2:]
        return start, self._len

    def add_text(self, piece: str, src: int) -> None:
        """Append running text from the source, folding runs of blank lines into one."""
        pos = 0
        for m in _BLANK_RUN.finditer(piece):
            self.add(piece[pos : m.start()], src + pos)
            self.break_block()
            pos = m.end()
        rest = piece[pos:]
        if self._len == 0 or self._tail.endswith("\n\n"):
            stripped = rest.lstrip("\n")
            src += len(rest) - len(stripped)
            rest = stripped
        self.add(rest, src + pos)

    def break_line(self) -> None:
        """End the current line unless the text is empty or already at a line start."""
        if self._len and not self._tail.endswith("\n"):
            self._parts.append("\n")
            self._len += 1
            self._tail = (self._tail + "\n")[-2:]

    def break_block(self) -> None:
        """Leave one blank line between the block written so far and the next."""
        if not self._len:
            return
        self.break_line()
        if not self._tail.endswith("\n\n"):
            self._parts.append("\n")
            self._len += 1
            self._tail = "\n\n"

    @property
    def at_space(self) -> bool:
        """True at the start of the text, of a line, or after a space."""
        return not self._len or self._tail[-1:] in ("\n", " ", "\t")

    def heading(self, level: int, title: str) -> None:
        """Open a section here: it runs until the next heading of the same or a higher level."""
        self._headings.append((level, title, self._len))

    def _trim(self) -> None:
        """Drop the line breaks the last block left behind."""
        while self._parts and not self._parts[-1].strip("\n"):
            self._len -= len(self._parts.pop())
        self._points = [p for p in self._points if p.offset < self._len] or self._points[:1]

    @property
    def text(self) -> str:
        self._trim()
        return "".join(self._parts)

    def line_map(self) -> tuple[LinePoint, ...]:
        self._trim()
        return tuple(self._points)

    def sections(self) -> tuple[Section, ...]:
        self._trim()
        return sections_from_headings(self._headings, self._len)


def sections_from_headings(headings: list[tuple[int, str, int]], length: int) -> tuple[Section, ...]:
    """Turn `(level, title, start)` headings into sections with their heading paths and ends."""
    out: list[Section] = []
    stack: list[tuple[int, str]] = []
    for i, (level, title, start) in enumerate(headings):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        end = length
        for later_level, _, later_start in headings[i + 1 :]:
            if later_level <= level:
                end = later_start
                break
        out.append(Section(tuple(t for _, t in stack), level, start, end))
    return tuple(out)
