"""Numbers as sources print them: local separators, percentages, ranks, notes, missing values.

`parse_number` never guesses silently: a figure whose separators do not fit any style is
returned with the flag `malformed` and no value, and an ambiguous separator is decided by
the `style` of its context (a table column, a document) or, without one, flagged `ambiguous`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MISSING = {"", "-", "–", "—", "−", "..", "...", "…", "x", "n/a", "na", "n.a.", "nd", "н/д", "—*", "-*"}

# Scale words, as written in English and Russian sources.
SCALES: dict[str, int] = {
    "thousand": 1_000, "thousands": 1_000, "thous": 1_000, "thous.": 1_000, "k": 1_000,
    "тыс": 1_000, "тыс.": 1_000, "тысяч": 1_000, "тысячи": 1_000,
    "million": 1_000_000, "millions": 1_000_000, "mln": 1_000_000, "mln.": 1_000_000, "mn": 1_000_000,
    "m": 1_000_000, "млн": 1_000_000, "млн.": 1_000_000, "миллионов": 1_000_000, "миллиона": 1_000_000,
    "billion": 1_000_000_000, "billions": 1_000_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000,
    "млрд": 1_000_000_000, "млрд.": 1_000_000_000,
}

CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "₸": "KZT", "tenge": "KZT", "kzt": "KZT", "тенге": "KZT",
    "₩": "KRW", "won": "KRW", "krw": "KRW", "вон": "KRW",
    "₽": "RUB", "rub": "RUB", "rubles": "RUB", "roubles": "RUB", "руб": "RUB", "руб.": "RUB", "рублей": "RUB",
    "£": "GBP", "gbp": "GBP", "¥": "JPY", "yen": "JPY", "sum": "UZS", "сум": "UZS", "uzs": "UZS",
    "som": "KGS", "сом": "KGS",
}

_SPACES = "\u00a0\u202f\u2009\u2007 '"
_RANK = re.compile(r"\(\s*(\d{1,3})\s*(?:st|nd|rd|th|-?[а-я]+)?\s*[,.]?\s*(?:place|место)?\s*\)", re.I)
_PAREN_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
_NOTE = re.compile(r"\s*(\*+|\(\s*[a-z]\s*\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*$")
_NUMBER = re.compile(
    r"^(?P<sign>[-+−–])?\s*(?P<cur>US\$|\$|€|£|₸|₩|₽|¥)?\s*(?P<num>\d[\d\u00a0\u202f\u2009\u2007 ',.]*)"
    r"\s*(?P<pct>%)?\s*(?P<cur2>[$€£₸₩₽¥])?$"
)


@dataclass(frozen=True)
class Number:
    """A parsed figure: `value` is the number as printed (no scale applied); None if missing."""

    value: float | None
    raw: str
    unit: str = ""
    rank: int | None = None
    decimals: int = 0
    flags: tuple[str, ...] = field(default=())

    @property
    def is_number(self) -> bool:
        return self.value is not None


@lru_cache(maxsize=65536)  # a table's layout and its observations read every cell: parsed once
def parse_number(raw: str, style: str | None = None) -> Number:
    """Parse one cell or figure.

    `style` says how an ambiguous separator reads: "en" (1,234.5), "ru" (1 234,5 or 1.234,5),
    "grouped" (a lone "." or "," before three digits groups thousands: prose of a decimal-comma
    language with no other evidence, where "171.781" people and "6,400 km" are both whole) or None (decide from the figure itself; a lone separator before three digits is then a
    thousands separator in a comma and a decimal point in a dot, flagged `ambiguous`).
    """
    text = raw.strip()
    flags: list[str] = []
    if text.lower() in MISSING:
        return Number(None, raw, flags=("missing",))
    rank = None
    m = _RANK.search(text)
    if m:
        rank = int(m.group(1))
        text = (text[: m.start()] + text[m.end() :]).strip()
        flags.append("rank")
    m = _NOTE.search(text)
    if m and text[: m.start()].strip():
        text = text[: m.start()].strip()
        flags.append("note_mark")
    m = _PAREN_NOTE.search(text)
    if m and text[: m.start()].strip():
        text = text[: m.start()].strip()
        flags.append("note")
    m = _NUMBER.match(text)
    if not m:
        return Number(None, raw, rank=rank, flags=tuple(flags + ["not_a_number"]))
    unit = "%" if m.group("pct") else CURRENCIES.get((m.group("cur") or m.group("cur2") or "").lower(), "")
    parsed = _digits(m.group("num").strip(_SPACES), style)
    if parsed is None:
        return Number(None, raw, unit, rank, flags=tuple(flags + ["malformed"]))
    value, decimals, ambiguous = parsed
    if ambiguous:
        flags.append("ambiguous")
    if m.group("sign") and m.group("sign") != "+":
        value = -value
    return Number(value, raw, unit, rank, decimals, tuple(flags))


def _digits(num: str, style: str | None) -> tuple[float, int, bool] | None:
    """(value, decimal places, ambiguous) for digits with separators, or None if malformed."""
    groups = re.split(r"[\u00a0\u202f\u2009\u2007 ']", num)
    if len(groups) > 1:
        # Space-like thousands separators: every later group has three digits (a decimal
        # part may follow the last one).
        last = groups[-1]
        head = groups[:-1]
        tail_sep = re.search(r"[,.]\d+$", last)
        core_last = last[: tail_sep.start()] if tail_sep else last
        if not all(g.isdigit() for g in head) or not core_last.isdigit() or len(core_last) != 3:
            return None
        if any(len(g) != 3 for g in head[1:]) or not 1 <= len(head[0]) <= 3:
            return None
        integer = "".join(head) + core_last
        frac = tail_sep.group(0)[1:] if tail_sep else ""
        return _value(integer, frac), len(frac), False
    commas = num.count(",")
    dots = num.count(".")
    if not commas and not dots:
        return (_value(num, ""), 0, False) if num.isdigit() else None
    if commas and dots:
        decimal_mark = "," if num.rfind(",") > num.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        integer, _, frac = num.rpartition(decimal_mark)
        if thousands in frac or not frac.isdigit() or not _grouped(integer, thousands):
            return None
        return _value(integer.replace(thousands, ""), frac), len(frac), False
    mark = "," if commas else "."
    parts = num.split(mark)
    if len(parts) > 2:
        # "150,994,001" or "2.400.000": only thousands separators.
        return (_value("".join(parts), ""), 0, False) if _grouped(num, mark) else None
    integer, frac = parts
    if not integer.isdigit() or not frac.isdigit():
        return None
    if len(frac) != 3 or integer == "0":
        return _value(integer, frac), len(frac), False  # "6,5", "20.6", "0,125": decimals
    if len(integer) > 3:
        return _value(integer, frac), len(frac), False  # "4620,000": no thousands group
    # One separator before three digits: "150,994", "171.781", "1,600", "2.500".
    if style == "grouped":
        return _value(integer + frac, ""), 0, False
    decimal_by_style = {"en": ".", "ru": ","}.get(style or "")
    if decimal_by_style is not None:
        if mark == decimal_by_style:
            return _value(integer, frac), 3, False
        return _value(integer + frac, ""), 0, False
    if mark == ",":
        return _value(integer + frac, ""), 0, True
    return _value(integer, frac), 3, True


def _grouped(integer: str, sep: str) -> bool:
    parts = integer.split(sep)
    return (
        parts[0].isdigit()
        and 1 <= len(parts[0]) <= 3
        and all(len(p) == 3 and p.isdigit() for p in parts[1:])
    )


def _value(integer: str, frac: str) -> float:
    try:
        d = Decimal(f"{integer or '0'}.{frac}" if frac else integer)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the callers' digit checks
        raise ValueError(integer) from exc
    return int(d) if not frac else float(d)


_EN_SIGNS = re.compile(r"\d,\d{3}\.\d|\d,\d{3},\d{3}")
# Every branch opens with a digit (the look-behind after it), so the search skips to digits.
_RU_SIGNS = re.compile(r"\d\.\d{3}\.\d{3}|\d\.\d{3},\d|\d \d{3},\d|\d(?<![\d,.]\d)\d{0,2},\d{1,2}(?![\d,.])")


def separator_style(texts: list[str], lang: str = "") -> str | None:
    """"en" or "ru" where the figures show it unambiguously ("1,234.5", "1.234,5", "6,5"); else, given
    the language, its habit: "grouped" for the decimal-comma languages (de, es, it, fr, ru, kk, uz…),
    where a lone separator before three digits groups thousands, "en" for the decimal-point ones;
    else None."""
    en = sum(len(_EN_SIGNS.findall(t)) for t in texts)
    ru = sum(len(_RU_SIGNS.findall(t)) for t in texts)
    if en > ru:
        return "en"
    if ru > en:
        return "ru"
    if lang:
        from koryo.locales import decimal_mark

        # a language's habit decides the lone separator, so "183,140" in English is not ambiguous
        return "grouped" if decimal_mark(lang) == "," else "en"
    return None


def scale_of(text: str) -> int:
    """The scale a header or caption states: "(mln. tenge)" → 1,000,000; none → 1."""
    for word in re.findall(r"[A-Za-zА-Яа-я]+\.?", text.lower()):
        if word in SCALES and word not in ("k", "m"):
            return SCALES[word]
        if word.rstrip(".") in SCALES and word.rstrip(".") not in ("k", "m"):
            return SCALES[word.rstrip(".")]
    return 1


def currency_of(text: str) -> str:
    """The currency a header or caption names, as an ISO code ("tenge" → KZT)."""
    lowered = text.lower()
    for sym in ("us$", "$", "€", "£", "₸", "₩", "₽", "¥"):
        if sym in lowered:
            return CURRENCIES[sym]
    for word in re.findall(r"[a-zа-я]+\.?", lowered):
        if word in CURRENCIES:
            return CURRENCIES[word]
        if word.rstrip(".") in CURRENCIES:
            return CURRENCIES[word.rstrip(".")]
    return ""
