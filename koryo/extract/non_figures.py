"""What is not a quantity though it has digits: links, phone numbers, codes, times of day, page and
list numbers, ordinals and dates (with a year or, as "5월 4일", without), blotted out of a sentence
before its figures are read."""

from __future__ import annotations

import itertools
import re

from koryo.extract.counted import COUNT_NOUNS
from koryo.extract.dates import DateMention
from koryo.extract.quantity_patterns import Grammar

_LINK_MASKS = r"https?://\S+|www\.\S+|\S+@\S+"  # the only masks without a digit
_LINKS = re.compile(_LINK_MASKS, re.I)
_DIGIT = re.compile(r"\d")
_MASKS = re.compile(
    _LINK_MASKS + r"|\+\d[\d\s()/-]{6,}\d|\b\d+/\d+(?:-\d+)?\b|\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
    r"\b\d+(?:-\d+){2,}\b|\b\d+\s?pp?\.|\b[A-ZА-Я]{1,8}-\d+(?:-\d+)*\b|\b\d+(?:st|nd|rd|th)\b|\b0\d{3,}\b|\b\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d+)?\b(?=\s*\d)",
    re.I,
)
_NEXT_WORD = re.compile(r"\s+([\w]+)")


def masked(text: str, offset: int, dates: list[DateMention], g: Grammar) -> str:
    """`text` with codes, links, phone numbers, list numbers and dates (with a year or, as "5월 4일",
    without) blotted out (same length)."""
    out = list(text)
    digits = _DIGIT.search(text)
    for m in itertools.chain(_MASKS.finditer(text), g.month_day.finditer(text)) if digits else _LINKS.finditer(text):
        out[m.start() : m.end()] = "§" * (m.end() - m.start())
    for d in dates:
        s, e = d.start - offset, d.end - offset
        after = _NEXT_WORD.match(text, e)  # not text[e:]: a copy of the rest per date is quadratic
        if d.precision == "year" and d.date == d.end_date and after and after.group(1).lower() in COUNT_NOUNS:
            continue  # "2000 people": a count, not a year
        a, b = max(s, 0), min(e, len(text))
        out[a:b] = "§" * (b - a)
    work = "".join(out)
    if re.match(r"\s*\d{1,2}[.)](\s|$)", work):
        work = re.sub(r"^\s*\d{1,2}[.)]", lambda m: "§" * len(m.group(0)), work)  # list numbering
    return work

