"""Quantities in prose: counts, money, percentages, durations, distances and ages, with
ranges, bounds and approximations, the noun phrase they count, and what is not a quantity
(years used as dates, table and page numbers, codes, phone numbers, ordinals, list numbers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from koryo.extract.dates import DateMention
from koryo.numbers import CURRENCIES, SCALES, parse_number

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000,
    "a billion": 1_000_000_000, "a dozen": 12, "dozen": 12,
}
_WORDNUM = r"(?:a\s+(?:hundred|thousand|million|billion|dozen)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
_NUM = r"(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:[ \u00a0\u202f]\d{3})+(?!\d))(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE = r"(?:thousand|million|billion|thous\.|mln\.?|bln\.?|bn|тыс\.?|тысяч[иа]?|млн\.?|млрд\.?)"
_CUR_PRE = r"(?:US\$|\$|€|£|₸|₩|₽|USD\s?|EUR\s?|KZT\s?|KRW\s?|RUB\s?)"
_CUR_POST = r"(?:won|tenge|dollars?|rubles?|roubles?|euros?|USD|KZT|KRW|RUB|тенге|рублей|долларов|вон)"
_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet(?:er|re)s?|miles?|times|[-\s]year[-\s]old|-year|-month|[-\s]hour|[-\s]day)"
_PER = (
    r"(?:per\s+(?:month|year|day|week|hour|annum|person)|a\s+(?:month|year|day|week)|each\s+(?:year|month|day|week)|"
    r"every\s+(?:year|month|week|day)|annually|yearly|monthly|weekly|daily|/\s?(?:day|month|year|hour|week))"
)
_APPROX = r"(?:roughly|about|around|approximately|approx\.|close\s+to|nearly|almost|some|an\s+estimated|estimated|circa|c\.|около|примерно|почти)"
_BOUND = r"(?:more\s+than|over|above|exceeded|exceeding|at\s+least|upwards\s+of|up\s+to|under|less\s+than|fewer\s+than|below|at\s+most|no\s+more\s+than|as\s+many\s+as|свыше|более|менее|до)"

_HEAD = (
    rf"(?:(?P<approx>{_APPROX})\s+|(?P<tilde>~)\s*)?(?:(?P<bound>{_BOUND})\s+)?(?:(?P<approx2>{_APPROX})\s+)?(?:(?P<between>between|from)\s+)?"
    rf"(?P<cur1>{_CUR_PRE})?(?P<n1>{_NUM}|{_WORDNUM})\b(?P<plus>\+(?!\d))?(?:\s*(?P<sc1>{_SCALE}))?(?P<pct1>\s?%)?"
)
_RANGE = rf"(?:\s*(?P<rsep>to|–|—|-|and)\s*(?P<cur2>{_CUR_PRE})?(?P<n2>{_NUM}|{_WORDNUM})\b(?:\s*(?P<sc2>{_SCALE}))?)"
_TAIL = (
    rf"(?P<pct>\s?%|\s+percent\b|\s+per\s+cent\b)?(?:\s*(?P<cur3>{_CUR_POST})\b)?(?:\s*(?P<unit>{_UNIT})\b)?"
    rf"(?:\s*(?P<per>{_PER}))?"
)
_QUANTITY = re.compile(_HEAD + _RANGE + "?" + _TAIL, re.I)
# Where a quantity can begin: trying the full pattern only there is several times faster.
_STARTS = re.compile(
    rf"(?<![\w$])(?:{_APPROX}|{_BOUND}|between|from|{_WORDNUM}|US\$|USD|EUR|KZT|KRW|RUB)\b|[$€£₸₩₽~]|(?<![\d.,])\d", re.I
)
_SINGLE = re.compile(_HEAD + _TAIL, re.I)
_BEFORE_NOT = re.compile(
    r"(?:\b(?:table|tables|figure|fig\.|chapter|art\.|article|no\.|nos\.|№|p\.|pp\.|page|pages|isbn|udc|lbc|tel\.?|phone|st\.|"
    r"street|house|apt\.?|vol\.|volume|issue|section|paragraph|part|version|level|grade|class|room|floor|building|"
    r"e|c|f|g|h|d)\s*[-.]?\s*)$",
    re.I,
)
_MASKS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\+\d[\d\s()-]{6,}\d|\b\d+/\d+(?:-\d+)?\b|\b\d{1,2}[.:]\d{2}\s?(?:am|pm)\b|"
    r"\b\d+(?:-\d+){2,}\b|\b\d+\s?pp?\.|\b[A-ZА-Я]{1,8}-\d+(?:-\d+)*\b|\b\d+(?:st|nd|rd|th)\b|\b0\d{3,}\b|\b\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d+)?\b(?=\s*\d)",
    re.I,
)
_COUNT_NOUNS = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applications", "applicants", "foreigners", "immigrants", "families", "children", "men", "women", "soldiers",
    "troops", "kazakhstanis", "uzbekistanis", "uzbeks", "members", "muslims", "mosques", "subscribers", "inhabitants",
}
_PEOPLE = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applicants", "foreigners", "immigrants", "children", "men", "women", "soldiers", "troops", "kazakhstanis",
    "uzbekistanis", "uzbeks", "muslims", "inhabitants", "deportees", "lumberjacks", "trainees", "defectors", "guys",
    "girls", "boys", "spouses", "brides", "members", "families", "population",
    "человек", "людей", "граждан", "мигрантов", "корейцев", "беженцев", "работников",
}
_STOP = {
    "were", "was", "are", "is", "be", "been", "have", "has", "had", "will", "would", "could", "can", "may", "came", "went",
    "entered", "in", "on", "at", "to", "from", "for", "by", "with", "as", "that", "which", "who", "whom", "whose", "and", "or",
    "but", "also", "even", "only", "still", "already", "each", "every", "annually", "yearly", "there", "than", "into",
    "per", "a", "an", "of", "it", "they", "their", "this", "these", "those", "its", "he", "she", "we", "not", "no",
    "while", "when", "where", "after", "before", "since", "until", "during", "about", "over", "under", "without",
    "did", "do", "does", "got", "get", "arrived", "live", "lived", "living", "work", "worked", "working", "died",
    "them", "us", "you", "him", "her", "me", "according", "including", "compared", "times", "higher", "lower", "more",
    "less", "respectively", "percent", "thousand", "million", "billion",
}
_PERIODS = {"month": "month", "year": "year", "day": "day", "week": "week", "hour": "hour", "annum": "year",
            "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day", "person": "person"}


@dataclass(frozen=True)
class Quantity:
    """A figure in a sentence: value or low/high, and what it counts."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    unit: str
    per: str
    subject: str


def is_group(name: str) -> bool:
    """A group of people the gazetteer knows ("Koryo-saram", "Goryeoin", "Kazakhstanis")."""
    from koryo.extract.entities import known_group

    return known_group(name)


def _number(text: str, style: str | None) -> float | None:
    t = " ".join(text.lower().split())
    if t in _WORDS:
        return float(_WORDS[t])
    m = re.fullmatch(r"([a-z]+)[\s-]([a-z]+)", t)
    if m and m.group(1) in _WORDS and m.group(2) in _WORDS:
        return float(_WORDS[m.group(1)] + _WORDS[m.group(2)])
    n = parse_number(text, style)
    return float(n.value) if n.value is not None else None


def _scale(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower()
    return SCALES.get(w) or SCALES.get(w.rstrip(".")) or 1


def _subject(text: str, pos: int) -> str:
    """The noun phrase after `pos`: up to six words, stopping at a verb-like or function word."""
    m = re.match(r"\s*(?:of\s+(?:the\s+|their\s+|all\s+)?)?", text[pos:], re.I)
    rest = text[pos + (m.end() if m else 0):]
    words = []
    for w in re.finditer(r"[\w'’-]+|[^\w\s]", rest):
        token = w.group(0)
        if not re.match(r"[\w'’-]+$", token) or token.lower() in _STOP or token[0].isdigit():
            break
        if words and token.islower() and re.search(r"(ed|ing)$", token) and len(token) > 4:
            break  # "waves consisted", "wages earned": a verb ends the noun phrase
        words.append(token)
        if len(words) == 6:
            break
    while words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return " ".join(words)


def find_quantities(text: str, offset: int, dates: list[DateMention], style: str | None) -> list[Quantity]:
    """Quantities in one sentence `text` starting at document offset `offset`."""
    masked = list(text)
    for m in _MASKS.finditer(text):
        for i in range(m.start(), m.end()):
            masked[i] = "§"
    for d in dates:
        s, e = d.start - offset, d.end - offset
        after = re.match(r"\s+([\w]+)", text[e:])
        if d.precision == "year" and d.date == d.end_date and after and after.group(1).lower() in _COUNT_NOUNS:
            continue  # "2000 people": a count, not a year
        for i in range(max(s, 0), min(e, len(text))):
            masked[i] = "§"
    work = "".join(masked)
    if re.match(r"\s*\d{1,2}[.)](\s|$)", work):
        work = re.sub(r"^\s*\d{1,2}[.)]", lambda m: "§" * len(m.group(0)), work)  # list numbering
    out = []
    taken = 0
    for start in _STARTS.finditer(work):
        if start.start() < taken:
            continue
        m = _QUANTITY.match(work, start.start())
        if m is None or not m.group("n1"):
            continue
        taken = m.end()
        n1 = m.group("n1")
        s = m.start()
        before = work[: m.start("n1")]
        if re.search(r"[\w§.]$", before[-1:] or "") and not re.search(r"[$€£₸₩₽]$", before):
            continue  # inside a word or a code: "COVID-19", "R20"
        if _BEFORE_NOT.search(before[-12:]):
            continue
        if re.match(r"[\w§]", work[m.end("n1") : m.end("n1") + 1] or "") and not (m.group("unit") or m.group("sc1")):
            continue
        v1 = _number(n1, style)
        if v1 is None:
            continue
        v2 = None
        if m.group("n2") and (m.group("rsep").lower() != "and" or m.group("between")):
            v2 = _number(m.group("n2"), style)
            if v2 is not None:
                v2 *= _scale(m.group("sc2") or m.group("sc1"))
                v1 *= _scale(m.group("sc1") or m.group("sc2"))
                if v2 <= v1:
                    v2 = None
        if v2 is None:
            m = _SINGLE.match(work, m.start())  # the same figure without the range that did not hold
            assert m is not None
            v1 = (_number(n1, style) or 0) * _scale(m.group("sc1"))
        end = m.end()
        cur = (m.group("cur1") or (m.group("cur2") if "cur2" in m.groupdict() else None) or m.group("cur3") or "").strip().lower()
        unit = CURRENCIES.get(cur, cur.upper()) if cur else ""
        pct = m.group("pct") or m.group("pct1")
        if pct:
            unit = "%"
        raw_unit = (m.group("unit") or "").strip(" -").lower()
        if raw_unit and not unit:
            unit = "age" if "old" in raw_unit else raw_unit.replace("-", " ").split()[0].rstrip("s") + "s"
            if unit in ("kms", "times"):
                unit = unit.rstrip("s") if unit == "kms" else "times"
        if not unit and re.search(r"\b(aged|ages|age of)\s*$", before, re.I):
            unit = "age"
        year_like = re.fullmatch(r"1[6-9]\d\d|20\d\d", n1) and not (unit or pct or m.group("sc1"))
        if year_like or (n1[0].isalpha() and work[m.end("n1") : m.end("n1") + 1] == "-" and not raw_unit):
            continue  # a year, or "three-D jobs"
        if n1.lower() == "one" and not (m.group("sc1") or raw_unit or pct or cur):
            continue  # "one of the main organisations", "one researcher": not a figure
        per_raw = (m.group("per") or "").lower()
        per_word = re.findall(r"[a-z]+", per_raw)
        per = _PERIODS.get(per_word[-1], "") if per_word else ""
        approx = bool(m.group("approx") or m.group("approx2") or m.group("tilde"))
        bound = (m.group("bound") or "").lower() or ("more than" if m.group("plus") else "")
        low = high = None
        value: float | None = v1
        if v2 is not None:
            low, high, value = v1, v2, None
        elif bound:
            if re.match(r"more|over|above|exceed|at\s+least|upwards|свыше|более", bound):
                low = v1
            else:
                high = v1
        subject = "" if unit == "times" else _subject(work, end)
        if not subject and unit in ("", "persons"):
            # "estimated their total population at roughly 10,000": what it counts stands before it.
            back = re.search(r"((?:total\s+)?population|number of [\w\s-]{3,40}?)\s+(?:at|was|is|were|reached|amounted to|stood at|of)\s*$",
                             work[max(0, s - 60) : s], re.I)
            if back:
                subject = back.group(1)
                unit = unit or ("persons" if subject.split()[-1].lower() in _PEOPLE else "")
        if unit == "%":
            subject = _subject(work, end) if re.match(r"\s+of\b", work[end:]) else ""
        if subject and not unit and (subject.lower().split()[-1] in _PEOPLE or is_group(subject)):
            unit = "persons"
        elif subject and not unit and not re.match(r"[A-ZА-Я]", subject):
            unit = subject.split()[-1].lower()
        if unit == "persons" and re.fullmatch(r"\d{1,3}[.,]\d{3}", n1) and value is not None and not float(value).is_integer():
            value = v1 = round(v1 * 1000)  # "171.781 people": people come whole, so the dot groups thousands
        if not (unit or subject or approx or bound or v2 is not None) and v1 < 100:
            continue  # a bare small number ("R 20", "(2)") says nothing by itself
        out.append(Quantity(offset + s, offset + end, _clean(value), _clean(low), _clean(high), approx, unit, per, subject))
    return out


def _clean(v: float | None) -> float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v
