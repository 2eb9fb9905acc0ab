"""Dates in prose: full dates, months, years, decades, centuries, fuzzy periods ("the late
1940s", "early 1900's", "late 2024") and ranges ("1953 to 1962", "from December 11 to June 30,
2020"), each with a start, an end and a precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from functools import lru_cache

from koryo.extract.spans import Disjoint
from koryo.locales import Locale, alternation, merged, script_language

_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º|-?(?:го|е|я))?"  # 1st, 1er, 1º (es, it), 1-го
_ROMAN = {"XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}
_NB = r"(?<![\d.,/])"  # a day or year is not the tail of another figure ("6,107.31 August 2019")
_GLUED = "\uac00-\ud7a3\u4e00-\u9fff"  # scripts that glue words to digits
_TIME = r"(?:,?\s+(?:[01]?\d|2[0-3])[:.][0-5]\d)?"  # a time of day after a date: "23 февраля 02:00", "Nov 18, 17:24"
_TO = r"(?:to|till|until|through|[-–—~]|до|по|a|ad|al|hasta|à|au|bis|fino\s+al?)"


def _patterns(loc: Locale) -> list[tuple[str, re.Pattern[str]]]:
    """The date patterns of a locale, most specific first."""
    mon = rf"(?:{alternation(w.rstrip('.') for w in loc.months)})(?![^\W\d_])\.?"
    of = r"(?:\s+(?:of|de|del|di|du|in)\s+|\s*)"  # "21 de agosto de 1937", "14November 1944", "August of 1945"
    early, mid, late = (alternation(w) for w in (loc.early, loc.mid, loc.late))
    qual = rf"(?:(?P<qual>(?P<early>{early})|(?P<mid>{mid})|(?P<late>{late}))[\s-]+(?:(?:of|de|del|di|the)\s+)?)?"
    year_word = r"(?:\s*(?:г\.|года?|году|gg?\.|jahres))?"
    ko = loc.date_suffixes
    pats = [
        ("day_range", rf"(?:from\s+)?(?P<m1>{mon})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?\s*{_TO}\s*"
                      rf"(?P<m2>{mon})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b"),
        ("day_range", rf"{_NB}(?:(?:from|с|от|del?|du|vom|dal)\s+)?(?P<d1>{_DAY})\.?(?:{of}(?P<m1>{mon}))?(?:,?\s+(?P<y1>{_YEAR}))?{_TIME}\s*{_TO}\s*"
                      rf"(?P<d2>{_DAY})\.?{of}(?P<m2>{mon}){of}(?P<y2>{_YEAR})\b{year_word}"),
        ("day", rf"\b(?P<m>{mon})\s*(?P<d>{_DAY})\s*,?\s+(?P<y>{_YEAR})\b"),
        ("day", rf"{_NB}\b(?P<d>{_DAY})[-/](?P<m>{mon})[-/](?P<y>{_YEAR})\b"),
        ("day", rf"{_NB}(?:the\s+|le\s+|el\s+|il\s+|am\s+)?(?P<d>{_DAY})\.?{of}(?P<m>{mon}),?{of}(?P<y>{_YEAR})\b{year_word}"),
        ("day", rf"\b(?P<y>{_YEAR}),?\s+(?P<m>{mon})\s+(?P<d>{_DAY})\b(?![.,:]?\d)"),
        ("iso", rf"\b(?P<y>{_YEAR})-(?P<mo>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])\b"),
        ("dotted", rf"{_NB}\b(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<mo>0?[1-9]|1[0-2])\.\s?(?P<y>{_YEAR})\b"),
        ("slashed_range", rf"{_NB}\b(?P<a1>\d{{1,2}})(?P<sep>[/.])(?P<b1>\d{{1,2}})\s*[-–]\s*(?P<a>\d{{1,2}})(?P=sep)(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})\b"),
        ("slashed", rf"{_NB}\b(?P<a>\d{{1,2}})\s?(?P<sep>[/-])\s?(?P<b>\d{{1,2}})\s?(?P=sep)\s?(?P<y>{_YEAR})\b"),
        # a day, a month's name and a year joined by one separator in any order: set-23-2020, 2020/23/set, 23-2020-settembre
        ("shuffled", rf"{_NB}\b(?P<p1>{mon}|{_YEAR}|\d{{1,2}})(?P<sep>[/-])(?P<p2>{mon}|{_YEAR}|\d{{1,2}})(?P=sep)(?P<p3>{mon}|{_YEAR}|\d{{1,2}})(?![\w/-])"),
        ("day_month_range", rf"{_NB}(?P<d1>{_DAY})\.?\s+(?P<m1>{mon})\s*[-–—]\s*(?P<m2>{mon}),?\s+(?P<y>{_YEAR})\b"),
        ("month_range", rf"\b(?:from\s+)?(?P<m1>{mon})(?:{of}(?P<y1>{_YEAR}))?\s*{_TO}\s*(?P<m2>{mon}){of}(?P<y>{_YEAR})\b{year_word}"),
        ("month", rf"(?<![^\W\d_]){qual}(?P<m>{mon}),?{of}(?P<y>{_YEAR})\b{year_word}"),
        ("year_month", rf"\b(?P<y>{_YEAR})-(?P<mo>0?[1-9]|1[0-2])\b(?![-/.]\d)"),
        ("year_mon", rf"\b(?P<y>{_YEAR})\s+(?P<m>{mon})(?![^\W\d_])"),
        ("month_year", rf"{_NB}\b(?P<mo>0?[1-9]|1[0-2])[/-](?P<y>{_YEAR})\b(?![-/]\d)"),
        ("mon_year", rf"\b(?P<m>{mon})[/-](?P<y>{_YEAR})\b"),
    ]
    if ko.get("month"):
        y, mo, d = ko["year"], ko["month"], ko["day"]
        pats.insert(0, ("ko", rf"(?:(?P<y>{_YEAR})\s?{y}\s*)?(?<!\d)(?P<mo>1[0-2]|0?[1-9])\s?{mo}(?:\s*(?P<d>[12]\d|3[01]|0?[1-9])\s?{d}|\s?(?P<late>{late}|{early}|{mid}))?"))
        pats.insert(0, ("ko_decade", rf"(?P<y>1[6-9]\d0|20\d0)\s?{y}대"))  # 1990년대
        pats.insert(2, ("ko_year", rf"(?P<y>{_YEAR})\s?{y}(?:\s?(?P<late>{late})|\s?(?P<early>{early})|\s?(?P<mid>{mid}))?"))
    elif ko.get("year"):
        pats.insert(0, ("kk", rf"\b(?P<y>{_YEAR})\s*(?:{ko['year']})(?:(?:\s+(?P<d>{_DAY})\s*-?)?\s+(?P<m>{mon})(?![^\W\d_]))?"))
    pats += [
        ("decade_range", r"\b(?:the\s+)?(?P<a>\d0)(?:\s*[-–]\s*(?P<b>\d0))?-?(?:'s|’s|s)\s+of\s+the\s+(?P<c>[XVI]+|\d{2}(?:st|nd|rd|th))\s+century"),
        ("decade_range", rf"\b(?:the\s+)?(?P<y1>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR})(?:'s|’s|s)\b"),
        ("century", r"\b(?:the\s+)?" + qual + r"(?P<c>\d{1,2})(?:st|nd|rd|th)\s+century"),
        ("century", r"\b(?:the\s+)?" + qual + r"(?P<r>X{1,2}V?I{0,3}|XV|XIX|XIV)\s+century"),
        ("century", rf"\b{qual}(?:{alternation(loc.century_before)})\s+(?P<r2>X{{1,2}}V?I{{0,3}}|XIV|XIX|\d{{1,2}})\b"),
        ("century", rf"\b{qual}(?P<r3>X{{1,2}}V?I{{0,3}}|XIV|XIX|\d{{1,2}})\.?\s*(?:{alternation(loc.century_after)})"),
        ("decade", rf"\b(?:the\s+)?{qual}(?P<y>1[6-9]\d0|20\d0)(?:'s|’s|s)\b"),
        ("year_range", rf"\b(?:(?P<pre>from|between|с|от|entre|de|desde|zwischen|von|tra|fra|dal)\s+)?(?P<y1>{_YEAR})\s*(?:to|till|until|through|thru|and|bis|und|по|до|y|a|e|et|à|hasta|al|[-–—~])\s*(?P<y2>{_YEAR})\b(?![.,]\d)"),
        ("split_year", rf"(?<![\d.,/+#-])\b(?P<y1>{_YEAR})/(?P<y2>\d\d)\b(?![/.,]?\d)"),
        # a year glued to a Korean or Chinese word, as infobox rows print them: "정착2002"
        ("year", rf"(?<![\d.,/+#-])(?:\b|(?<=[{_GLUED}])){qual}(?P<y>{_YEAR})\b(?![.,]?\d|-\d|%)"),
    ]
    return [(kind, re.compile(p, re.I)) for kind, p in pats]


@dataclass(frozen=True)
class _Compiled:
    loc: Locale
    patterns: list[tuple[str, re.Pattern[str]]]
    month_words: frozenset[str]  # first words of month names, to test a sentence's words against
    century_words: frozenset[str]
    suffixes: tuple[str, ...]  # 년, 월, 年: a month may be written with digits and one of these
    glued_words: tuple[str, ...]  # century words of scripts that glue them to digits and particles (세기)


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _compiled(lang: str) -> _Compiled:
    loc = merged(lang or "en")
    firsts = frozenset(w.rstrip(".").split()[0] for w in loc.months)
    centuries = frozenset(w.rstrip(".").split()[-1] for w in ("century", *loc.century_before, *loc.century_after))
    suffixes = tuple(x for v in loc.date_suffixes.values() for x in re.findall(r"[^\W\d_]+", v))
    glued = tuple(w for w in centuries if re.search(r"[\uac00-\ud7a3\u4e00-\u9fff]", w))
    return _Compiled(loc, _relative(loc) + _patterns(loc) + _yearless(loc), firsts, centuries, suffixes, glued)


@dataclass(frozen=True)
class DateMention:
    """A date or period in the text: `date`..`end_date` as ISO strings, and how precise.
    `year_from` is "document" where the text gives no year and the document's date gave it."""

    start: int
    end: int
    date: str
    end_date: str
    precision: str  # day | month | year | decade | century
    year_from: str = ""


def _third(lo: int, hi: int, g: dict[str, str | None]) -> tuple[int, int]:
    """The early, middle or late third of lo..hi, as the qualifier in `g` says."""
    span = hi - lo + 1
    if g.get("early"):
        return lo, lo + span // 3 - 1
    if g.get("mid"):
        return lo + span // 3, hi - span // 3
    if g.get("late"):
        return hi - span // 3 + 1, hi
    return lo, hi


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


def _month(loc: Locale, name: str) -> int:
    n = name.lower().rstrip(".")
    return loc.months.get(n) or loc.months[n + "."]


def _ends_month(g: dict[str, str | None], loc: Locale) -> bool:
    """Whether a month's qualifier names its last day ("the end of June", "6월말"), as figures
    "as of the end of June" are counted; "late June" stays the month."""
    return bool(g.get("late")) and " ".join((g["late"] or "").lower().split()) in loc.month_end


def _month_end(y: int, mo: int) -> tuple[str, str, str]:
    last = _iso(y, mo, calendar.monthrange(y, mo)[1])
    return last, last, "day"


def _read(kind: str, m: re.Match[str], loc: Locale, year: int | None) -> tuple[str, str, str] | None:
    """(first day, last day, precision) of a match, or None where it is not a date. `year` is the
    document's, for dates written without one."""
    g = m.groupdict()

    def month(name: str) -> int:
        return _month(loc, name)

    if kind == "day_range":
        y2 = int(g["y2"])
        m2 = month(g["m2"])
        m1 = month(g["m1"]) if g.get("m1") else m2
        y1 = int(g["y1"]) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)) or (y1, m1, d1) >= (y2, m2, d2):
            return None
        return _iso(y1, m1, d1), _iso(y2, m2, d2), "day"
    if kind == "shuffled":
        parts = [g["p1"], g["p2"], g["p3"]]
        years = [p for p in parts if re.fullmatch(_YEAR, p)]
        names = [p for p in parts if not p.isdigit()]
        days = [p for p in parts if p.isdigit() and len(p) <= 2]
        if len(years) != 1 or len(names) != 1 or len(days) != 1:
            return None
        y, mo, d = int(years[0]), month(names[0]), int(days[0])
        return (_iso(y, mo, d), _iso(y, mo, d), "day") if _valid(y, mo, d) else None
    if kind == "slashed_range":  # "10/1-11/2/2017": the first day takes the second's year
        y = int(g["y"])
        ends = []
        for a, b in ((int(g["a1"]), int(g["b1"])), (int(g["a"]), int(g["b"]))):
            mo, d = (a, b) if (loc.date_order == "mdy" and a <= 12) or b > 12 else (b, a)
            if not _valid(y, mo, d):
                return None
            ends.append(_iso(y, mo, d))
        return (ends[0], ends[1], "day") if ends[0] < ends[1] else None
    if kind in ("day", "iso", "dotted", "slashed", "ko"):
        y = int(g["y"]) if g.get("y") else year
        if kind == "slashed":
            a, b = int(g["a"]), int(g["b"])
            mo, d = (a, b) if (loc.date_order == "mdy" and a <= 12) or b > 12 else (b, a)
        else:
            mo = month(g["m"]) if kind == "day" else int(g["mo"])
            d = _day(g["d"]) if g.get("d") else 0
        if y is None:
            return None
        if kind == "ko" and not d:  # "6월말" ("the end of June") is its last day, "6월 중순" the month
            return _month_end(y, mo) if _ends_month(g, loc) else (_iso(y, mo), _iso(y, mo), "month")
        if not _valid(y, mo, d):
            return None
        return _iso(y, mo, d), _iso(y, mo, d), "day"
    if kind == "month_range":
        y = int(g["y"])
        m1, m2 = month(g["m1"]), month(g["m2"])
        y1 = int(g["y1"]) if g.get("y1") else (y if m1 <= m2 else y - 1)  # "Nov-Feb 2017" starts in 2016
        if (y1, m1) >= (y, m2):
            return None
        return _iso(y1, m1), _iso(y, m2), "month"
    if kind == "day_month_range":  # "23 February – March 1944"
        y = int(g["y"])
        m1, m2 = month(g["m1"]), month(g["m2"])
        if not _valid(y, m1, _day(g["d1"])) or m2 <= m1:
            return None
        return _iso(y, m1, _day(g["d1"])), _iso(y, m2), "day"
    if kind in ("month", "year_month", "month_year", "year_mon", "mon_year"):
        y = int(g.get("y") or g.get("y2") or 0)
        mo = int(g["mo"]) if g.get("mo") else month(g["m"])
        return _month_end(y, mo) if _ends_month(g, loc) else (_iso(y, mo), _iso(y, mo), "month")
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
        r = (g.get("r") or g.get("r2") or g.get("r3") or "").upper()
        n = int(g["c"]) if g.get("c") else int(r) if r.isdigit() else _ROMAN.get(r)
        if not n or not 1 <= n <= 22:
            return None
        lo, hi = _third((n - 1) * 100, (n - 1) * 100 + 99, g)
        return _iso(lo), _iso(hi), "century"
    if kind in ("decade", "ko_decade"):
        y = int(g["y"])
        if y % 100 == 0 and y < 2000:
            lo, hi = _third(y, y + 99, g)  # "the 1800s", "early 1900's": a century
            return _iso(lo), _iso(hi), "century"
        lo, hi = _third(y, y + 9, g)
        return _iso(lo), _iso(hi), "decade"
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        words = m.group(0).lower().split()
        if not y1 < y2 <= y1 + 200 or (g["pre"] is None and any(w in words for w in ("and", "und", "y", "e", "et", "a", "и"))):
            return None
        return _iso(y1), _iso(y2), "year"
    if kind == "split_year":
        y1 = int(g["y1"])
        y2 = y1 // 100 * 100 + int(g["y2"])
        return (_iso(y1), _iso(y2), "year") if y2 == y1 + 1 else None
    if kind in ("year", "ko_year"):
        y = int(g["y"])
        if g.get("qual") or g.get("early") or g.get("mid") or g.get("late"):
            lo, hi = _third(1, 12, g)
            return _iso(y, lo), _iso(y, hi), "month"
        return _iso(y), _iso(y), "year"
    if kind == "kk":
        y = int(g["y"])
        if g.get("d") and g.get("m") and _valid(y, month(g["m"]), _day(g["d"])):
            return _iso(y, month(g["m"]), _day(g["d"])), _iso(y, month(g["m"]), _day(g["d"])), "day"
        if g.get("m"):
            return _iso(y, month(g["m"])), _iso(y, month(g["m"])), "month"
        return _iso(y), _iso(y), "year"
    return None


def _relative(loc: Locale) -> list[tuple[str, re.Pattern[str]]]:
    """Dates counted from the document's year ("December 1st last year", "В декабре прошлого года",
    "지난해 12월", "last year"), tried before all others so "지난해 12월" is not this year's December."""
    if not loc.relative_years:
        return []
    mon = rf"(?:{alternation(w.rstrip('.') for w in loc.months)})(?![^\W\d_])\.?"
    rel = rf"(?P<rel>{alternation(loc.relative_years)})(?![^\W\d_])"
    of = r"(?:\s+(?:of|de|del|di|du)\s+|,?\s*)"
    pats = [("yearless_rel_day", rf"\b(?P<m>{mon})\s+(?P<d>{_DAY}){of}{rel}"),
            ("yearless_rel_day", rf"{_NB}\b(?P<d>{_DAY})\.?(?:\s+(?:de|of)\s+|\s+)(?P<m>{mon}){of}{rel}"),
            ("yearless_rel_month", rf"(?<![^\W\d_])(?P<m>{mon}){of}{rel}")]
    if loc.date_suffixes.get("month"):
        pats.insert(0, ("yearless_rel_month", rf"{rel}\s*(?P<mo>1[0-2]|0?[1-9])\s?{loc.date_suffixes['month']}(?:\s*(?P<d>[12]\d|3[01]|0?[1-9])\s?{loc.date_suffixes['day']})?"))
    pats.append(("yearless_rel_year", rf"(?<![^\W\d_]){rel}"))
    return [(k, re.compile(p, re.I)) for k, p in pats]


# Dates written without a year ("December 17", "18 мая", "6월 말"), read only with the document's year.
def _yearless(loc: Locale) -> list[tuple[str, re.Pattern[str]]]:
    mon = rf"(?:{alternation(w.rstrip('.') for w in loc.months)})(?![^\W\d_])\.?"
    pats = [
        ("yearless_day_range", rf"(?P<m1>{mon})\s+(?P<d1>{_DAY})\s*(?:to|till|until|through|[-–—])\s*(?P<m2>{mon})?\s*(?P<d2>{_DAY})(?![\d,.]*\d)(?!\s*(?:{mon}))"),
        ("yearless_day", rf"\b(?P<m>{mon})\s+(?P<d>{_DAY})\b(?![.,]?\d)(?!\s*(?:{mon}))"),
        ("yearless_day", rf"{_NB}\b(?P<d>{_DAY})\.?(?:\s+(?:de|of)\s+|\s+)(?P<m>{mon})(?![^\W\d_])"),
    ]
    if loc.day_before:  # "On the 20th, the ministry approved": the 20th of the document's month
        pats.append(("yearless_report_day", rf"(?<![^\W\d_])(?:{alternation(loc.day_before)})\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?=\s*[,;.]|\s*$)"))
    if loc.month_before:  # "captured in an offensive in August", "В декабре": the month of the document's year
        pats.append(("yearless_month", rf"(?<![^\W\d_])(?:{alternation(loc.month_before)})\s+(?P<m>{alternation(loc.months)})(?![^\W\d_])(?!\s*\d)"))
    if loc.report_verbs and loc.date_suffixes.get("day"):  # "정책본부가 1일 밝혔다": the 1st of the document's month
        pats.append(("yearless_report_day", rf"(?<![\d.,])(?P<d>[12]\d|3[01]|0?[1-9])\s?{loc.date_suffixes['day']}(?=\s+(?:{alternation(loc.report_verbs)}))"))
    return [(k, re.compile(p, re.I)) for k, p in pats]


_A_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_NO_YEAR = {"ko", "yearless_day", "yearless_month", "yearless_day_range", "yearless_report_day", "yearless_rel_day", "yearless_rel_month", "yearless_rel_year", "century", "decade_range"}  # the kinds that may have no year
_NEEDS_MONTH = {"day_range", "day", "month_range", "month", "day_month_range", "kk", "ko", "year_mon", "mon_year", "shuffled"}
_NEEDS_CHAR = {"split_year": "/", "iso": "-", "dotted": ".", "slashed": "/-", "slashed_range": "/.", "shuffled": "/-", "month_year": "/-", "mon_year": "/-"}  # cheap tests first


def find_dates(text: str, offset: int = 0, lang: str | None = None, published: str = "") -> list[DateMention]:
    """Every date mention in `text` (in language `lang`, else the one its script points to), longest
    first where they overlap; offsets shifted by `offset`. `published` (the document's ISO date) gives dates written without a year
    their year, marked `year_from="document"`."""
    lowered = text.lower()
    lang = lang or script_language(text)
    c = _compiled(lang)
    loc = c.loc
    words = set(_WORD.findall(lowered))
    century_named = not words.isdisjoint(c.century_words) or any(w in text for w in c.glued_words)
    year = int(published[:4]) if re.match(r"\d{4}", published) else None
    month = int(published[5:7]) if re.match(r"\d{4}-\d\d", published) else None
    relative = year is not None and any(w in lowered for w in loc.relative_years)  # "last year", "지난해"
    month_named = not words.isdisjoint(c.month_words) or any(x in text for x in c.suffixes)
    digits = any(map(str.isdigit, text))
    if not century_named and not relative and not digits and not (year and month_named and loc.month_before):
        return []  # without a digit only a century, a relative date or a month in the document's year ("in August")
    year_written = bool(_A_YEAR.search(text))
    taken = Disjoint()
    out = []
    for kind, pattern in c.patterns:
        yearless = kind.startswith("yearless_")  # "December 17": read only with the document's year
        if (kind in _NEEDS_MONTH and not month_named) or (kind in _NEEDS_CHAR and not any(ch in text for ch in _NEEDS_CHAR[kind])):
            continue
        if (kind == "century" and not century_named) or (yearless and (year is None or not (month_named or kind in ("yearless_rel_year", "yearless_report_day")))):
            continue
        if kind.startswith("yearless_rel") and not relative:
            continue
        if kind == "yearless_month" and year_written:
            continue  # "in August and in September 2019": the year written may be the month's too
        if not year_written and kind not in _NO_YEAR:
            continue
        if kind in ("decade", "decade_range") and not ("0s" in lowered or "0's" in lowered or "0’s" in lowered):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            read = _yearless_read(kind, m, loc, year, month) if yearless and year else _read(kind, m, loc, year)
            if read is None:
                continue
            taken.add(s, e)
            marked = yearless or (kind == "ko" and not m.group("y"))
            out.append(DateMention(offset + s, offset + e, *read, year_from="document" if marked else ""))
    return _joined(sorted(out, key=lambda d: d.start), text, offset)


_JOIN = re.compile(r"\s*(?:-|–|—|~|to|till|until|through|thru|bis|до|по|a|al|au|à|hasta|부터|에서)\s*", re.I)
_PRECISION = ("day", "month", "year", "decade", "century")


def _joined(dates: list[DateMention], text: str, offset: int) -> list[DateMention]:
    """Two dates joined by a range word ("10/1/2018 - 10/7/2018", "Dec/2018-May/2019") are one
    period, from the first's start to the second's end, as precise as the less precise of them."""
    out: list[DateMention] = []
    for d in dates:
        p = out[-1] if out else None
        joined = p is not None and _JOIN.fullmatch(text[p.end - offset : d.start - offset])
        if joined and p is not None and d.year_from and not p.year_from:
            d = _rebased(d, int(p.date[:4]) + (d.date[4:] < p.date[4:]))  # "2017년 11월부터 2월까지": the year it runs into
        if joined and p is not None and p.date < d.date and p.end_date < d.end_date:
            precision = max(p.precision, d.precision, key=_PRECISION.index)
            out[-1] = DateMention(p.start, d.end, p.date, d.end_date, precision, p.year_from or d.year_from)
            continue
        out.append(d)
    return out


def _rebased(d: DateMention, year: int) -> DateMention:
    """A yearless date `d` in `year` instead of the document's."""
    return replace(d, date=f"{year:04d}{d.date[4:]}", end_date=f"{year:04d}{d.end_date[4:]}", year_from="")


def _yearless_read(kind: str, m: re.Match[str], loc: Locale, year: int, month: int | None) -> tuple[str, str, str] | None:
    g = m.groupdict()
    if kind.startswith("yearless_rel"):
        y = year + int(loc.relative_years[" ".join(g["rel"].lower().split())])
        if kind == "yearless_rel_year":
            return _iso(y), _iso(y), "year"
        mo = int(g["mo"]) if g.get("mo") else _month(loc, g["m"])
        d = _day(g["d"]) if g.get("d") else 0
        if not d:
            return _iso(y, mo), _iso(y, mo), "month"
        return (_iso(y, mo, d), _iso(y, mo, d), "day") if _valid(y, mo, d) else None
    if kind == "yearless_month":  # a month after the document's may be last year's or a plan: left unread
        mo = _month(loc, g["m"])
        return (_iso(year, mo), _iso(year, mo), "month") if month is None or mo <= month else None
    if kind == "yearless_report_day":
        d = _day(g["d"])
        return (_iso(year, month, d), _iso(year, month, d), "day") if month and _valid(year, month, d) else None
    if kind == "yearless_day_range":
        m1 = _month(loc, g["m1"])
        m2 = _month(loc, g["m2"]) if g.get("m2") else m1
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not (_valid(year, m1, d1) and _valid(year, m2, d2)) or (m1, d1) >= (m2, d2):
            return None
        return _iso(year, m1, d1), _iso(year, m2, d2), "day"
    mo = _month(loc, g["m"])
    d = _day(g["d"])
    if not _valid(year, mo, d):
        return None
    return _iso(year, mo, d), _iso(year, mo, d), "day"
