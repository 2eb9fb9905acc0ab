"""Dates in prose: full dates, months, years, decades, centuries, fuzzy periods ("the late
1940s", "early 1900's", "late 2024") and ranges ("1953 to 1962", "from December 11 to June 30,
2020"), each with a start, an end and a precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS.update({"sept": 9})
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_QUAL = r"(?:(?P<qual>early|mid|late|end of the|beginning of the|middle of the)[\s-]+)?"
_ROMAN = {"XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day_range", re.compile(
        rf"(?:from\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?\s*(?:to|till|until|through|[-–—])\s*"
        rf"(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b", re.I)),
    ("day", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("day", re.compile(rf"\b(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("dotted", re.compile(rf"\b(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<mo>0?[1-9]|1[0-2])\.\s?(?P<y>{_YEAR})\b")),
    ("month_range", re.compile(rf"\b(?P<m1>{_MONTH})\s*[-–]\s*(?P<m2>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("month", re.compile(rf"\b{_QUAL}(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)),
    ("decade_range", re.compile(r"\b(?:the\s+)?(?P<a>\d0)(?:\s*[-–]\s*(?P<b>\d0))?-?(?:'s|’s|s)\s+of\s+the\s+(?P<c>[XVI]+|\d{2}(?:st|nd|rd|th))\s+century", re.I)),
    ("decade_range", re.compile(rf"\b(?:the\s+)?(?P<y1>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR})(?:'s|’s|s)\b", re.I)),
    ("century", re.compile(r"\b(?:the\s+)?" + _QUAL + r"(?P<c>\d{1,2})(?:st|nd|rd|th)\s+century", re.I)),
    ("century", re.compile(r"\b(?:the\s+)?" + _QUAL + r"(?P<r>X{1,2}V?I{0,3}|XV|XIX|XIV)\s+century", re.I)),
    ("decade", re.compile(rf"\b(?:the\s+)?{_QUAL}(?P<y>1[6-9]\d0|20\d0)(?:'s|’s|s)\b", re.I)),
    ("year_range", re.compile(rf"\b(?:(?P<pre>from|between)\s+)?(?P<y1>{_YEAR})\s*(?:to|till|until|and|[-–—])\s*(?P<y2>{_YEAR})\b(?![.,]\d)", re.I)),
    ("year", re.compile(rf"(?<![\d.,/+#-])\b{_QUAL}(?P<y>{_YEAR})\b(?![.,]?\d|-\d|%)", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    """A date or period in the text: `date`..`end_date` as ISO strings, and how precise."""

    start: int
    end: int
    date: str
    end_date: str
    precision: str  # day | month | year | decade | century


def _third(lo: int, hi: int, qual: str | None) -> tuple[int, int]:
    if not qual:
        return lo, hi
    q = qual.lower()
    span = hi - lo + 1
    if q in ("early", "beginning of the"):
        return lo, lo + span // 3 - 1
    if q in ("mid", "middle of the"):
        return lo + span // 3, hi - span // 3
    return hi - span // 3 + 1, hi


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _read(kind: str, m: re.Match[str]) -> tuple[str, str, str] | None:
    g = m.groupdict()
    qual = g.get("qual")
    if kind == "day_range":
        y2 = int(g["y2"])
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y1 = int(g["y1"]) if g["y1"] else (y2 if m1 <= m2 else y2 - 1)
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
            return None
        return _iso(y1, m1, d1), _iso(y2, m2, d2), "day"
    if kind in ("day", "iso", "dotted"):
        y = int(g["y"])
        mo = _month(g["m"]) if kind == "day" else int(g["mo"])
        d = _day(g["d"])
        if not _valid(y, mo, d):
            return None
        return _iso(y, mo, d), _iso(y, mo, d), "day"
    if kind == "month_range":
        y = int(g["y"])
        return _iso(y, _month(g["m1"])), _iso(y, _month(g["m2"])), "month"
    if kind == "month":
        y = int(g["y"])
        return _iso(y, _month(g["m"])), _iso(y, _month(g["m"])), "month"
    if kind == "decade_range":
        if g.get("c"):
            c = g["c"].upper()
            century = _ROMAN.get(c) or int(re.match(r"\d+", c).group(0))  # type: ignore[union-attr]
            base = (century - 1) * 100
            return _iso(base + int(g["a"])), _iso(base + int(g["b"] or g["a"]) + 9), "decade"
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            return None
        return _iso(y1), _iso(y2 + 9 if y2 % 10 == 0 else y2), "decade" if y2 % 10 == 0 else "year"
    if kind == "century":
        n = int(g["c"]) if g.get("c") else _ROMAN.get((g.get("r") or "").upper())
        if not n or not 1 <= n <= 22:
            return None
        lo, hi = _third((n - 1) * 100, (n - 1) * 100 + 99, qual)
        return _iso(lo), _iso(hi), "century"
    if kind == "decade":
        y = int(g["y"])
        if y % 100 == 0 and y < 2000:
            lo, hi = _third(y, y + 99, qual)  # "the 1800s", "early 1900's": a century
            return _iso(lo), _iso(hi), "century"
        lo, hi = _third(y, y + 9, qual)
        return _iso(lo), _iso(hi), "decade"
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not y1 < y2 <= y1 + 200 or (g["pre"] is None and "and" in m.group(0).split()):
            return None
        return _iso(y1), _iso(y2), "year"
    if kind == "year":
        y = int(g["y"])
        if qual:
            lo, hi = _third(1, 12, qual)
            return _iso(y, lo), _iso(y, hi), "month"
        return _iso(y), _iso(y), "year"
    return None


_HAS_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_NEEDS = {  # a cheap test of the text before the patterns of a kind are tried: most sentences pass few
    "day_range": lambda t, low: bool(_HAS_MONTH.search(t)),
    "day": lambda t, low: bool(_HAS_MONTH.search(t)),
    "month_range": lambda t, low: bool(_HAS_MONTH.search(t)),
    "month": lambda t, low: bool(_HAS_MONTH.search(t)),
    "iso": lambda t, low: "-" in t,
    "dotted": lambda t, low: "." in t,
    "decade_range": lambda t, low: "0s" in low or "0's" in low or "0’s" in low,
    "decade": lambda t, low: "0s" in low or "0's" in low or "0’s" in low,
    "century": lambda t, low: "century" in low,
}


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date mention in `text`, longest first where they overlap; offsets shifted by `offset`."""
    lowered = text.lower()
    if not any(c.isdigit() for c in text) and "century" not in lowered:
        return []
    taken: list[tuple[int, int]] = []
    out = []
    for kind, pattern in _PATTERNS:
        need = _NEEDS.get(kind)
        if need is not None and not need(text, lowered):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            read = _read(kind, m)
            if read is None:
                continue
            taken.append((s, e))
            out.append(DateMention(offset + s, offset + e, *read))
    return sorted(out, key=lambda d: d.start)
