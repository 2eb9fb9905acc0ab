"""Claims: what a figure is about, normalised so that statements from different documents (a
sentence, a table cell) about the same thing meet under one key.

A key names who is counted (a nationality or a group), their status (undocumented, marriage
migrants, refugees, workers, troops, students), where, the unit and the period of a rate; the
time is kept beside it. A statement whose "who" is ambiguous (two nationalities in its
sentence) gets no key: it is better to compare nothing than the wrong things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from koryo.extract.entities import nationality_of
from koryo.extract.flows import destination_of
from koryo.model import EntityMention, Fact, Observation
from koryo.places import country_name, lookup

# How far "roughly", "about", "close to" stretch a figure: enough for "close to 172,000" to hold
# 171,781, not enough for 172,000 and 180,000 to agree.
APPROX = 0.02

STATUS = (
    ("undocumented", re.compile(r"\b(undocumented|illegal\w*|irregular|unauthori[sz]ed|pulpop)\b", re.I)),
    ("marriage migrants", re.compile(r"\bmarriage\b", re.I)),
    ("refugee applicants", re.compile(r"\b(refugee\w*|asylum|G-?1)\b", re.I)),
    ("troops", re.compile(r"\b(troops|soldiers)\b", re.I)),
    ("students", re.compile(r"\bstudents?\b", re.I)),
    ("workers", re.compile(r"\b(workers?|labou?r\w*)\b", re.I)),
)


@dataclass(frozen=True)
class Statement:
    """One figure as a claim: where it is, what it says, what it is about."""

    doc: str
    article: str
    kind: str  # prose | table
    table: int | None  # the table's index in its document, for cells
    start: int
    end: int
    mention_start: int
    mention_end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    raw: str
    time: str
    citations: tuple[str, ...]
    key: str
    about: str  # the key in words

    def interval(self) -> tuple[float, float]:
        """The values the statement allows: its range or bound, widened by its approximation and
        by the rounding of the printed figure ("12 thousand": ±500)."""
        if self.low is not None or self.high is not None:
            lo = self.low if self.low is not None else float("-inf")
            hi = self.high if self.high is not None else float("inf")
            if self.value is not None and self.low is None and self.high is None:
                lo = hi = self.value
            return lo, hi
        assert self.value is not None
        slack = _rounding(self.raw, self.value)
        if self.approx:
            slack = max(slack, abs(self.value) * APPROX)
        return self.value - slack, self.value + slack


def _rounding(raw: str, value: float) -> float:
    """Half a unit of the last digit printed before any scale word."""
    m = re.search(r"(\d[\d,. \u00a0]*)\s*(thousand|million|billion|тыс|млн|млрд)", raw, re.I)
    if not m:
        return 0.0
    digits = re.sub(r"[^\d,.]", "", m.group(1))
    decimals = len(re.split(r"[.,]", digits)[-1]) if re.search(r"[.,]\d{1,2}$", digits) else 0
    scale = {"thousand": 1e3, "тыс": 1e3, "million": 1e6, "млн": 1e6, "billion": 1e9, "млрд": 1e9}[m.group(2).lower()]
    return 0.5 * scale * 10**-decimals


def _status(text: str) -> str:
    for name, rx in STATUS:
        if rx.search(text):
            return name
    return ""


def _who(sentence_mentions: list[EntityMention]) -> str:
    """A nationality if the sentence names one (and only one), else its one group, else ""."""
    countries = {c for m in sentence_mentions if m.type == "group" for c in [nationality_of(m)] if c}
    if len(countries) == 1:
        return "nationality:" + countries.pop()
    if countries:
        return "?"
    groups = {m.key for m in sentence_mentions if m.type == "group"}
    return groups.pop() if len(groups) == 1 else ("?" if groups else "")


def _describe(who: str, status: str, place: str, unit: str, per: str) -> str:
    if who.startswith("nationality:"):
        people = f"nationals of {country_name(who.split(':', 1)[1])}"
    else:
        people = who.split(":", 1)[-1] if who else "people"
    parts = [people + (f" ({status})" if status else ""), f"in {place}" if place else "", unit, f"per {per}" if per else ""]
    return ", ".join(p for p in parts if p)


def _key(who: str, status: str, place: str, unit: str, per: str) -> str:
    return f"who={who};status={status};place={place};unit={unit};per={per}"


def prose_statements(doc: str, article: str, text: str, facts: list[Fact], mentions: list[EntityMention]) -> list[Statement]:
    out = []
    by_sentence: dict[int, list[EntityMention]] = {}
    for f in facts:
        if f.start not in by_sentence:
            by_sentence[f.start] = [m for m in mentions if f.start <= m.start < f.end]
    for f in facts:
        if f.unit in ("%", "age", "times", "years", "months", "days", "hours") or not f.unit and f.subject:
            continue
        ms = by_sentence[f.start]
        who = _who(ms)
        # The status and place may be said in the sentence before ("… illegally staying in South Korea …
        # The number has grown from 359 (2014) …"), within the paragraph.
        para_start = text.rfind("\n", 0, f.start) + 1
        context = text[max(para_start, f.start - 300) : f.end]
        status = _status(context)
        place = f.place or next((m.name for m in ms if m.type == "place" and lookup(m.name) and "nationality:" + lookup(m.name).country != who  # type: ignore[union-attr]
                                 and re.search(r"\b(in|of|to)\s+(the\s+)?$", text[max(f.start, m.start - 12) : m.start])), "")
        if who == "?" or not (who or status) or not f.time or f.time_source == "document":
            continue
        unit = f.unit or "persons"
        out.append(Statement(
            doc, article, "prose", None, f.start, f.end, f.mention_start, f.mention_end, f.value, f.low, f.high, f.approx,
            text[f.mention_start : f.mention_end], f.time, f.citations, _key(who, status, place, unit, f.per),
            _describe(who, status, place, unit, f.per),
        ))
    return out


def table_statements(doc: str, article: str, titles: dict[int, str], observations: list[Observation]) -> list[Statement]:
    """Cells of people by country and year: the same kind of claim as a sentence's."""
    out = []
    for o in observations:
        if o.value is None or o.unit not in ("persons", "applications") or "country" not in o.dims or o.dims.get("sex"):
            continue
        if "year" not in o.dims and "period" not in o.dims:
            continue
        place = lookup(o.dims["country"])
        title = titles.get(o.table_index, o.title)
        status = _status(title)
        where = destination_of(title)
        if not (status or where):
            continue  # "persons who left Kazakhstan": too general to meet other statements safely
        time = str(o.dims["year"]) if "year" in o.dims else o.dims["period"].replace("-", "/")
        if "month" in o.dims:
            time += f"-{o.dims['month']:02d}"
        who = "nationality:" + place.country if place else ""
        out.append(Statement(
            doc, article, "table", o.table_index, o.start, o.end, o.start, o.end, o.value, None, None, False, o.raw, time, (),
            _key(who, status, where, o.unit, ""), _describe(who, status, where, o.unit, ""),
        ))
    return out
