"""Facts and events in prose: each quantity and each dated sentence, with its time, place,
section and the citations its source gives for it."""

from __future__ import annotations

import bisect
import re

from koryo.extract.dates import DateMention, find_dates
from koryo.extract.quantities import Quantity, find_quantities
from koryo.extract.sentences import Sentence, sentences
from koryo.extract.spans import ByStart
from koryo.model import Document, EntityMention, Event, Fact
from koryo.numbers import separator_style
from koryo.places import find_places

_NUMBER_OF = re.compile(r"\bnumber of\s+([^,;:()]+?)(?=\s*(?:,|;|\(|\bwas\b|\bis\b|\bhas\b|\bamounted\b|\breached\b|\bgrew\b|$))", re.I)
_LEADING_DATE = re.compile(r"^\W*(?:in|on|by|since|from|as of|as early as|during|until|till|at the end of|at the beginning of)?\s*$", re.I)


class Citer:
    """Which citations a sentence carries: the anchors after it, up to the next sentence, or
    (as on Wikipedia) the first anchors later in its paragraph."""

    def __init__(self, doc: Document, sents: list[Sentence]) -> None:
        pairs = sorted((a, c.key) for c in doc.citations if c.kind != "source_note" for a in c.anchors)
        self.positions = [p for p, _ in pairs]
        self.keys = [k for _, k in pairs]
        self.starts = [s.start for s in sents]
        self.text = doc.text

    def __call__(self, s: Sentence) -> tuple[str, ...]:
        i = bisect.bisect_right(self.starts, s.start)
        nxt = self.starts[i] if i < len(self.starts) else len(self.text)
        para_end = self.text.find("\n", s.end)
        para_end = len(self.text) if para_end < 0 else para_end
        lo = bisect.bisect_left(self.positions, s.start + 1)
        hits = []
        k = lo
        while k < len(self.positions) and self.positions[k] <= min(nxt, para_end):
            hits.append(self.keys[k])
            k += 1
        if not hits and k < len(self.positions) and self.positions[k] <= para_end:
            first = self.positions[k]
            while k < len(self.positions) and self.positions[k] == first:
                hits.append(self.keys[k])
                k += 1
        return tuple(dict.fromkeys(hits))


def _iso(d: DateMention) -> str:
    return d.date if d.date == d.end_date else f"{d.date}/{d.end_date}"


def _time_for(q: Quantity, dates: list[DateMention], heading_dates: list[DateMention], text: str) -> tuple[str, str]:
    """The figure's time and where it comes from: its sentence, else its section's heading."""
    free = [d for d in dates if d.end <= q.start or d.start >= q.end]
    # "11,413 people (2018)": a date in brackets right after the figure is its own.
    tagged = [d for d in free if d.start >= q.end and re.fullmatch(r"(?:\s+[\w-]+){0,2}\s*\(\s*", text[q.end : d.start])]
    if tagged:
        return _iso(tagged[0]), "stated"
    before = [d for d in free if d.end <= q.start]
    if before:
        return _iso(before[-1]), "stated"
    if free:
        return _iso(free[0]), "stated"
    return (_iso(heading_dates[0]), "heading") if heading_dates else ("", "")


def _place_for(q: Quantity, places: list, text: str):  # type: ignore[no-untyped-def,type-arg]
    """The place named with a preposition in the quantity's clause, after it first, else before it."""
    def ok(p) -> bool:  # type: ignore[no-untyped-def]
        between = text[min(q.end, p.end) : max(q.start, p.start)]
        lead = text[max(0, p.start - 8) : p.start]
        return not re.search(r"[;,–—()]", between) and bool(re.search(r"\b(in|to|from|at|on|into|of)\s+(the\s+)?$", lead, re.I))
    after = [p for p in places if p.start >= q.end and ok(p)]
    before = [p for p in places if p.end <= q.start and ok(p)]
    return after[0] if after else (before[-1] if before else None)


_CLAUSE_START = re.compile(r"(?:^|[;:,]\s*|\b(?:of|among) (?:them|these|whom|which),?\s*)(?:another|some|only|even|and|but|while|the remaining|the other|of them,?)?\s*$", re.I)


def _implied_group(text: str, s: Sentence, q: Quantity, groups: ByStart[EntityMention], earlier: list[Sentence]) -> str:
    """Who a bare count standing first in its clause is ("Close to 172,000 were sent …", "…; roughly
    one thousand even repatriated"): the group named last before it in its sentence, else in the two
    sentences before it in its paragraph. A count inside a clause ("then Vietnamese – 224,518") is
    left alone: the group near it may be another."""
    if not _CLAUSE_START.search(text[s.start : q.start]):
        return ""
    before = groups.within(s.start, q.start)
    if before:
        return before[-1].name
    for e in reversed(earlier[-2:]):
        if "\n" in text[e.end : s.start]:
            break
        named = groups.within(e.start, e.end)
        if named:
            return named[0].name
    return ""


def _styles(doc: Document, sents: list[Sentence]) -> dict[str, str | None]:
    """How each language of the document separates decimals: from its own sentences' figures, else
    the document's, else the language's habit (a German page with "171.781" and no decimals groups
    thousands with the dot)."""
    by_lang: dict[str, list[str]] = {}
    for s in sents:
        by_lang.setdefault(s.lang or doc.language, []).append(doc.text[s.start : s.end])
    whole = separator_style([doc.text])
    return {lang: separator_style(texts) or whole or separator_style([], lang) for lang, texts in by_lang.items()}


def facts_and_events(
    doc: Document, sents: list[Sentence] | None = None, mentions: list[EntityMention] | None = None
) -> tuple[list[Fact], list[Event]]:
    if sents is None:
        sents = sentences(doc)
    groups = ByStart(m for m in mentions or [] if m.type == "group")
    earlier: list[Sentence] = []
    cite = Citer(doc, sents)
    styles = _styles(doc, sents)
    facts: list[Fact] = []
    events: list[Event] = []
    text = doc.text
    for s in sents:
        chunk = text[s.start : s.end]
        lang = s.lang or doc.language
        dates = find_dates(chunk, s.start, lang, doc.published)
        quantities = [] if s.infobox else find_quantities(chunk, s.start, dates, styles.get(lang), lang)
        if not dates and not quantities:
            earlier.append(s)
            continue
        citations = cite(s)
        places = find_places(chunk, s.start)
        heading = s.section[-1] if s.section else ""
        heading_dates = find_dates(heading, 0, lang, doc.published) if heading else []
        number_of = _NUMBER_OF.search(chunk)
        for q in quantities:
            subject = q.subject
            if number_of and (not subject or subject.lower() in ("people", "persons")) and number_of.start() < q.start - s.start:
                subject = " ".join(number_of.group(1).split())
            unit = q.unit
            if not subject and unit in ("", "persons") and not q.per:
                subject = _implied_group(text, s, q, groups, earlier)
                unit = "persons" if subject else unit
            place = _place_for(q, places, text)
            time, time_source = _time_for(q, dates, heading_dates, text)
            if not time and doc.published:
                time, time_source = doc.published, "document"  # "now", "currently": as of the document's date
            facts.append(Fact(
                s.start, s.end, q.value, q.low, q.high, q.approx, unit, q.per, subject,
                time, place.place.name if place else "", citations, s.section, q.start, q.end, time_source,
            ))
        earlier.append(s)
        # every period the sentence dates, not only its first ("signed in 2007; started in 2008")
        dated: set[tuple[str, str]] = set()
        for d in dates:
            if (d.date, d.end_date) in dated:
                continue
            dated.add((d.date, d.end_date))
            lead = chunk[: d.start - s.start]
            what = chunk
            if _LEADING_DATE.match(lead):
                what = chunk[d.end - s.start :].lstrip(" ,–-:")
                what = what[:1].upper() + what[1:]
            if len(what) > 240:
                what = what[:240].rsplit(" ", 1)[0] + "…"
            events.append(Event(
                s.start, s.end, d.date, d.end_date, d.precision, what,
                tuple(dict.fromkeys(p.place.name for p in places)), citations, d.start, d.end,
            ))
    return facts, events
