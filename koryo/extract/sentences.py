"""Sentences of a document's running text, with offsets; tables, reference lists and
footnote texts are not prose and are left out."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from koryo.language import paragraph_language, script
from koryo.locales import merged
from koryo.model import Document

# A sentence ends at . ! ? (and closing quotes/brackets) before white space and a capital,
# digit, quote or bracket; abbreviations and initials do not end one.
_END = re.compile(r"[.!?…]+(?:\[\w{1,3}\])*[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЁ0-9가-힣])")  # "1945.[3] Most"
_ABBREV = re.compile(
    r"^[(\[\"']?(?:(?:[A-ZА-Я]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|St|st|Sr|Jr|No|Nos|Art|Vol|vol|p|pp|Pp|Fig|fig|ed|eds|Ed|e\.g|i\.e|vs|cf|approx|ca|"
    r"Co|Corp|Inc|Ltd|Gen|Col|Lt|Gov|Rep|Sen|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|mln|thous|bln|tel|Tel|ul|g|gg|tys)\.)$"
)

_LIST_NUMBER = re.compile(r"\d{1,3}\.")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: tuple[str, ...]
    lang: str = ""  # ISO 639-1 of the sentence's paragraph; picks the locale resources that read it
    infobox: bool = False  # a row of an infobox: its names and dates count, its figures are observations


def _excluded(doc: Document) -> list[tuple[int, int]]:
    spans = [(t.start, t.end) for t in doc.tables]
    spans += [(s.start, s.start + len(s.path[-1])) for s in doc.sections]
    spans += [(c.start, c.end) for c in doc.citations if c.kind in ("footnote", "template", "source_note")]
    for s in doc.sections:
        if s.path[-1].strip().casefold() in {"references", "notes", "sources used", "sources used:", "sources", "bibliography",
                                               "further reading", "see also", "content", "contents", "literature"}:
            spans.append((s.start, s.end))
    return sorted(spans)


def sentences(doc: Document) -> list[Sentence]:
    """Every sentence of the running text, in order."""
    text = doc.text
    excluded = _excluded(doc)
    starts = [s for s, _ in excluded]
    section_starts = [s.start for s in doc.sections]

    def hidden(a: int, b: int) -> bool:
        """The line [a, b) overlaps a table, a note, a reference or a heading."""
        i = bisect.bisect_right(starts, b)
        return any(s < b and a < e for s, e in excluded[max(0, i - 4) : i])

    def section(pos: int) -> tuple[str, ...]:
        i = bisect.bisect_right(section_starts, pos) - 1
        while i >= 0:
            s = doc.sections[i]
            if s.start <= pos < s.end:
                return s.path
            i -= 1
        return ()

    out = []
    pos = 0
    doc_script = script(text[:4000])
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip() or hidden(line_start, line_start + len(line)) or "\t" in line:
            continue
        lang = paragraph_language(line, doc.language, doc_script)
        start = line_start
        for m in _END.finditer(line):
            cut = line_start + m.end()
            # the word ending at the mark, found backwards: copying the line up to each mark was quadratic
            end = k = line_start + m.start() + 1
            while k > line_start and not text[k - 1].isspace():
                k -= 1
            token = text[k:end]
            if _ABBREV.match(token) or (_LIST_NUMBER.fullmatch(token) and text[line_start:k].strip() == "") \
                    or _ordinal_date(token, text[line_start + m.end() : line_start + m.end() + 40], lang):
                continue  # an abbreviation, an initial, list numbering ("1. Economic situation.") or a day ("21. August 1937")
            out.append(_trimmed(text, start, cut, section, lang))
            start = cut
        if text[start : line_start + len(line)].strip():
            out.append(_trimmed(text, start, line_start + len(line), section, lang))
    for table in doc.tables:
        if table.kind == "infobox":
            for row in table.body:
                out.append(Sentence(row[0].start, row[-1].end, section(row[0].start), doc.language, infobox=True))
    return sorted((s for s in out if s.end > s.start), key=lambda s: s.start)


def _ordinal_date(token: str, after: str, lang: str) -> bool:
    """A day written as an ordinal before its month ("am 21. August 1937"), not a sentence end."""
    if not re.fullmatch(r"(?:[12]\d|3[01]|0?[1-9])\.", token):
        return False
    word = re.match(r"\s+([^\W\d_]+)", after)
    return bool(word) and word.group(1).lower() in merged(lang or "en").months  # type: ignore[union-attr]


def _trimmed(text: str, start: int, end: int, section, lang: str) -> Sentence:  # type: ignore[no-untyped-def]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, section(start), lang)
