"""Inline markup of Markdown-with-HTML lines turned into plain text, keeping source offsets.

Markdown libraries render inline markup without telling where each character came from;
koryo needs that mapping for every quote, so this small scanner does it for the inline
forms converters of PDFs and web pages produce: emphasis, `<b>`/`<i>`/`<p>`/`<a>`/`<sup>`,
links, autolinks, entities and backslash escapes.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

# Every repeated part stops at the character that could open another token ("<", "[", "<a"),
# so a line of 16k unclosed "[" or "<a href=…>" is scanned once, not once per opener.
_TOKEN = re.compile(
    r"""
    (?P<fnref><sup>\s*(?P<nums>\d{1,4}(?:\s*,\s*\d{1,4})*)\s*</sup>)
  | (?P<sup><sup>(?P<suptext>[^<]*)</sup>)
  | (?P<a><a\s[^<>]*?href\s*=\s*["'](?P<ahref>[^"'<>]*)["'][^<>]*>(?P<atext>(?:(?!</?a[\s>]).)*?)</a>)
  | (?P<link>!?\[(?P<ltext>(?:\\.|[^\[\]\\])*+)\]\((?P<lhref>(?:[^()\s]|\([^()\s]*\))*+)(?:\s+"[^"]*")?\))
  | (?P<auto><(?P<aurl>(?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>)
  | (?P<br><br\s*/?>)
  | (?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)
  | (?P<entity>&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|\#[0-9]{1,7}|\#x[0-9a-fA-F]{1,6});)
  | (?P<escape>\\+(?P<escaped>[!-/:-@\[-`{-~]))
  | (?P<strong>\*\*|__(?=\S)|(?<=\S)__)
    """,
    re.X | re.S,
)
_EMPHASIS = re.compile(r"(?<![\\*\w])\*(?=[^\s*])(?:(?:[^*\n]|\*\*)*?[^\s*\\])?\*(?![*\w])")
# "_x_" is emphasis only between word boundaries: "snake_case_name" keeps its underscores.
_UNDERSCORE = re.compile(r"(?<![\\_\w])_(?=[^\s_])(?:[^_\n]*?[^\s_\\])?_(?![_\w])")


@dataclass
class Inline:
    """A line's text with, for each piece, the source offset it came from."""

    pieces: list[tuple[str, int]] = field(default_factory=list)
    footnote_refs: list[tuple[int, int]] = field(default_factory=list)  # (number, text pos)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, url)
    length: int = 0

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.pieces)

    def emit(self, piece: str, src: int) -> None:
        if piece:
            self.pieces.append((piece, src))
            self.length += len(piece)

    def extend(self, other: Inline) -> None:
        self.pieces.extend(other.pieces)
        self.length += other.length

    def __len__(self) -> int:
        return self.length

    def strip(self) -> Inline:
        """The same text without leading and trailing white space (offsets kept)."""
        if not self.pieces or (self.pieces[0][0][:1].strip() and self.pieces[-1][0][-1:].strip()):
            return self
        first = next((k for k, (p, _) in enumerate(self.pieces) if p.strip()), len(self.pieces))
        out = Inline(self.pieces[first:], list(self.footnote_refs), list(self.links))
        lead = sum(len(p) for p, _ in self.pieces[:first])
        if out.pieces:
            piece, src = out.pieces[0]
            cut = len(piece) - len(piece.lstrip())
            out.pieces[0] = (piece[cut:], src + cut)
            lead += cut
        while out.pieces and not out.pieces[-1][0].strip():
            out.pieces.pop()
        if out.pieces:
            piece, src = out.pieces[-1]
            out.pieces[-1] = (piece.rstrip(), src)
        length = out.length = sum(len(p) for p, _ in out.pieces)
        out.footnote_refs = [(n, min(max(p - lead, 0), length)) for n, p in out.footnote_refs]
        out.links = [(max(s - lead, 0), min(e - lead, length), u) for s, e, u in out.links]
        return out


_MARKUP = re.compile(r"[<>*_\\\[&]")


def parse_inline(line: str, src: int) -> Inline:
    """Plain text of one line of Markdown with inline HTML, read from source offset `src`."""
    out = Inline()
    if not _MARKUP.search(line):
        out.emit(line, src)
        return out
    emphasis = sorted(i for rx in (_EMPHASIS, _UNDERSCORE) for m in rx.finditer(line) for i in (m.start(), m.end() - 1))
    pos = 0

    def plain(a: int, b: int) -> None:
        # Single-star emphasis markers are dropped; a lone star ("Turkestan*") is a note mark.
        start = a
        for i in emphasis[bisect.bisect_left(emphasis, a) : bisect.bisect_left(emphasis, b)]:
            out.emit(line[start:i], src + start)
            start = i + 1
        out.emit(line[start:b], src + start)

    for m in _TOKEN.finditer(line):
        plain(pos, m.start())
        pos = m.end()
        at = src + m.start()
        kind = m.lastgroup
        if m.group("fnref"):
            for num in re.findall(r"\d+", m.group("nums")):
                out.footnote_refs.append((int(num), len(out)))
        elif m.group("sup") is not None:
            out.emit(m.group("suptext").strip(), at)
        elif m.group("a"):
            inner = parse_inline(m.group("atext"), src + m.start("atext"))
            start = len(out)
            out.extend(inner)
            out.links.append((start, len(out), html.unescape(m.group("ahref"))))
        elif m.group("link"):
            inner = parse_inline(m.group("ltext"), src + m.start("ltext"))
            start = len(out)
            out.extend(inner)
            out.links.append((start, len(out), _unescape_url(m.group("lhref"))))
        elif m.group("auto"):
            start = len(out)
            out.emit(m.group("aurl"), src + m.start("aurl"))
            out.links.append((start, len(out), m.group("aurl")))
        elif m.group("br"):
            out.emit(" ", at)
        elif m.group("entity"):
            out.emit(html.unescape(m.group("entity")), at)
        elif m.group("escape"):
            out.emit(m.group("escaped"), src + m.start("escaped"))
        elif kind in ("tag", "strong"):
            pass
    plain(pos, len(line))
    return out


def _unescape_url(url: str) -> str:
    return re.sub(r"\\+([!-/:-@\[-`{-~])", r"\1", url)
