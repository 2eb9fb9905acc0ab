"""Quantities in prose: counts, money, percentages, durations, distances and ages, with
ranges, bounds and approximations, fractions and vague amounts, and the noun phrase they count.

The grammar is shared (`quantity_patterns`); the words come from the sentence's locale
(`koryo.locales`), with English's always beside them. A figure's value is read by `number_words`,
what it counts by `counted`, and what only looks like a figure is masked first by `non_figures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from koryo.extract.counted import PEOPLE, counted_noun, is_group
from koryo.extract.dates import DateMention
from koryo.extract.non_figures import masked
from koryo.extract.number_words import fraction_value, number_value, scale_of, whole_value, word_pair
from koryo.extract.quantity_patterns import GLUE, Grammar, grammar
from koryo.locales import merged, script_language

_BEFORE_NOT = re.compile(
    r"(?:\b(?:table|tables|figure|fig\.|chapter|art\.|article|no\.|nos\.|№|p\.|pp\.|page|pages|isbn|udc|lbc|tel\.?|phone|st\.|"
    r"street|house|apt\.?|vol\.|volume|issue|section|paragraph|part|version|level|grade|class|room|floor|building|"
    r"e|c|f|g|h|d)\s*[-.]?\s*)$",
    re.I,
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PERIODS = {"month": "month", "year": "year", "day": "day", "week": "week", "hour": "hour", "annum": "year",
            "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day", "person": "person"}
# "the second half of 2020", "the southern half of the peninsula": a part of a thing, not a share of a group
_ORDINAL_BEFORE = re.compile(
    r"(?:\b(?:first|second|latter|former|1st|2nd|первой|второй|primera|segunda|prima|seconda|ersten|zweiten|première|seconde)|"
    r"\b(?:the|its|their|his|her|our)\s+[a-z]+)\s+$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A figure in a sentence: value or low/high, and what it counts (all three numbers None: a
    vague amount such as "tens of thousands" is the approximate range of its order of magnitude)."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    unit: str
    per: str
    subject: str


def _other(work: str, pos: int, g: Grammar) -> Quantity | None:
    """A ratio ("Four in 10", "4명 중 1명"), a fraction ("almost one-third") or a vague amount
    ("tens of thousands") at `pos` (offsets within the sentence)."""
    m = g.ratio.match(work, pos)
    if m:  # "Four in 10" names the part first, "4명 중 1명" and "3분의 1" the whole
        first_part = g.loc.ratios[" ".join(m.group("w").lower().split())] == "part"
        a, b = (m.group("x"), m.group("y")) if first_part else (m.group("y"), m.group("x"))
        va, vb = number_value(a, g, None), number_value(b, g, None)
        if va and vb and va < vb:
            return Quantity(m.start(), m.end(), _clean(round(va / vb, 4)), None, None, False, "fraction", "", "")
    if work[pos].isdigit():
        return None
    m = g.fraction.match(work, pos)
    if m and not _ORDINAL_BEFORE.search(work[max(0, pos - 30) : pos]):
        v = (fraction_value(m.group("frac"), g) or 0) * scale_of(m.group("fscale"), g.loc)
        v = round(v, 4) if v < 1 else v  # a share to four places, as ratios are
        side = g.loc.bounds.get(" ".join((m.group("bound") or "").lower().split()), "")
        return Quantity(m.start(), m.end(), _clean(v), v if side == "low" else None, v if side == "high" else None,
                        bool(m.group("approx") or m.group("aa")),
                        g.loc.units[" ".join(m.group("funit").lower().split())] if m.group("funit") else "" if m.group("fscale") or v >= 1 else "fraction", "", "")
    m = g.vague.match(work, pos)
    if m:
        low, high = g.loc.vague[" ".join(m.group("vague").lower().split())]
        subject = counted_noun(work, m.end())
        ends = subject.lower().split()[:: max(1, len(subject.split()) - 1)] if subject else []  # its first and last words
        unit = "persons" if any(w in PEOPLE or "persons" in (g.loc.units.get(w), g.loc.counters.get(w)) for w in ends) else ""
        return Quantity(m.start(), m.end(), None, low, high, True, unit, "", subject)
    return None


def find_quantities(text: str, offset: int, dates: list[DateMention], style: str | None, lang: str | None = None) -> list[Quantity]:
    """Quantities in one sentence `text` starting at document offset `offset`, read in language
    `lang` (with English); without one, in the language its script points to."""
    g = grammar(lang or script_language(text))
    work = masked(text, offset, dates, g)
    out = []
    taken = 0
    for start in g.starts.finditer(work):
        if start.start() < taken:
            continue
        q = _other(work, start.start(), g) or _read(work, start.start(), g, style)
        if q is None:
            continue
        taken = q.end
        out.append(replace(q, start=offset + q.start, end=offset + q.end))
    return _bounded_ranges(out, text, offset, g)


def _bounded_ranges(found: list[Quantity], text: str, offset: int, g: Grammar) -> list[Quantity]:
    """"above 1000 and below 1500", "не менее 10 и не более 20": two opposite bounds joined by
    "and" are one range."""
    out: list[Quantity] = []
    for q in found:
        p = out[-1] if out else None
        if (
            p is not None and p.value is not None and q.value is not None and p.unit in (q.unit, "") and
            {("low" if p.low is not None else "high" if p.high is not None else ""), ("low" if q.low is not None else "high" if q.high is not None else "")} == {"low", "high"}
            and g.joint.fullmatch(text[p.end - offset : q.start - offset])
        ):
            lo, hi = (p.value, q.value) if p.low is not None else (q.value, p.value)
            if lo >= hi:  # "more than 40 and less than 10": two ranges, not one
                out.append(q)
                continue
            out[-1] = Quantity(p.start, q.end, None, lo, hi, p.approx or q.approx, q.unit or p.unit, q.per or p.per, q.subject or p.subject)
            continue
        out.append(q)
    return out


def _read(work: str, pos: int, g: Grammar, style: str | None) -> Quantity | None:
    """The quantity starting at `pos`, or None (offsets within the sentence)."""
    loc = g.loc
    lang_is_english = loc.langs == ("en",)
    m = g.quantity.match(work, pos)
    if m is None or not m.group("n1"):
        return None
    n1 = m.group("n1")
    s = m.start()
    before = work[: m.start("n1")]
    lead = work[s - 1 : s] if m.start("n1") > s else before[-1:]  # the character before the whole quantity
    if re.search(r"[\w§.]$", lead) and not m.group("cur1") and not re.match(r"[<>≤≥]", m.group("bound") or ""):  # "x>10" is a bound
        if not (lead.isalpha() and _GROUPED.fullmatch(n1)):
            return None  # inside a word or a code: "COVID-19", "R20" (but "Uzbekistan174,200" is a figure)
    if _BEFORE_NOT.search(before[-12:]):
        return None
    next_char = work[m.end("n1") : m.end("n1") + 1]
    if re.match(rf"[^\W{GLUE}]|§", next_char) and not (m.group("unit") or m.group("u1") or m.group("sc1") or m.group("pct1") or m.group("cur3")):
        return None
    v1 = number_value(n1, g, style)
    if v1 is None:
        return None
    v2 = None
    pair = word_pair(n1, g)
    u1 = m.group("u1")
    if u1 and m.group("n2") and (m.group("unit") or m.group("cur3") or u1).lower()[:4] != u1.lower()[:4]:
        u1 = None  # "5 km to 10 days": no range across two units ("10 долларами и 20 долларами" is one)
    if m.group("n2") and (m.group("rsep").lower() not in loc.range_sep_needs_open or m.group("between")) and (u1 or not m.group("u1")):
        # "rose 4.8% to $13.18 billion": two figures of different units are not a range
        mixed = (m.group("pct1") and not m.group("pct")) or (m.group("cur1") and m.group("pct"))  # "by 25% to 34,500 tons"
        v2 = None if mixed else number_value(m.group("n2"), g, style)
        if v2 is not None:
            v2 = whole_value(v2, m.group("n2"), m, 2, m.group("sc2") or m.group("sc1"), g)
            v1 = whole_value(v1, n1, m, 1, m.group("sc1") or m.group("sc2"), g)
            if v2 <= v1:
                v2 = None
    if v2 is None:
        m = g.single.match(work, m.start())  # the same figure without the range that did not hold
        assert m is not None
        v1 = whole_value(number_value(n1, g, style) or 0, n1, m, 1, m.group("sc1"), g)
    if v2 is None and pair is not None:  # "двадцать-тридцать минут": two figures, not their sum
        v1, v2 = pair
    end = m.end()
    first_unit = (m.group("u1") or "") if "u1" in m.groupdict() else ""
    cur = (m.group("cur1") or (m.group("cur2") if "cur2" in m.groupdict() else None) or m.group("cur3") or
           (first_unit if first_unit.lower() in loc.currencies else "")).strip().lower()
    unit = loc.currencies.get(cur, cur.upper()) if cur else ""
    # "$5m" is five million dollars, "5m" five metres
    money_scale = (loc.money_scales.get((m.group("unit") or "").lower()) if cur else None) or 1
    pct = m.group("pct") or m.group("pct1") or m.group("pctb")
    if pct:
        unit = "%"
    counter = (m.group("counter") or "").lower()
    raw_unit = (m.group("unit") or ("" if first_unit.lower() in loc.currencies else first_unit)).lower()
    if raw_unit and not unit and money_scale == 1:
        unit = loc.units.get(" ".join(raw_unit.split()), "")
        if not unit and raw_unit in loc.money_scales:
            return None  # "5b" without a currency says nothing
    if counter and not unit:
        unit = loc.counters.get(counter, "")
    if not unit and re.search(r"\b(aged|ages|age of|age)\s*$", before, re.I):
        unit = "age"
    if n1[0].isdigit() and re.fullmatch(r"1[6-9]\d\d|20\d\d", n1) and not (unit or pct or m.group("sc1") or counter):
        return None  # a year
    if n1[0].isalpha() and work[m.end("n1") : m.end("n1") + 1] == "-" and not raw_unit:
        return None  # "three-D jobs"
    if n1[0].isalpha() and len(n1.split()) == 1 and n1.lower() in loc.multipliers and n1.lower() not in loc.cardinals and not (
        m.group("bound") or m.group("approx") or m.group("approx2")
    ):
        return None  # "million" alone is a figure only as "more than a million" (более миллиона), or with another scale
    with_half = m.group("af1a") or m.group("af1b")  # "one and a half"
    small_word = n1[0].isalpha() and v1 < 100 and not (m.group("sc1") or unit or counter or v2 or with_half)
    if small_word and not g.decimal_word.search(n1) and (v1 == 1 or not set(re.split(r"[\s-]+", n1.lower())) <= set(merged("en").cardinals)):
        return None  # "one of the main organisations", "una persona", "sei stato": not figures by themselves
    per_raw = (m.group("per") or "").lower()
    per_word = re.findall(r"[a-z]+", per_raw)
    per = _PERIODS.get(per_word[-1], "") if per_word else ""
    approx = bool(m.group("approx") or m.group("approx2") or m.group("tilde") or m.group("aa"))
    bound_word = " ".join((m.group("bound") or "").lower().split())
    side = loc.bounds.get(bound_word, "") or ("low" if m.group("plus") else "")
    side = loc.bounds_after.get(" ".join((m.group("bafter") or "").lower().split()), "") or side
    money_scale *= scale_of(m.group("cursc"), loc)  # "75 USD million"
    v1, v2 = v1 * money_scale, (v2 * money_scale if v2 is not None else None)
    low = high = None
    value: float | None = v1
    if v2 is not None:
        low, high, value = v1, v2, None
    elif side == "low":
        low = v1
    elif side == "high":
        high = v1
    glued = g.particle.match(work, end)  # "1,234,567은": a particle, not the counted noun
    subject = "" if unit == "times" or counter or glued else counted_noun(work, end)
    if not subject and unit in ("", "persons"):
        # "estimated their total population at roughly 10,000": what it counts stands before it.
        back = re.search(r"((?:total\s+)?population|number of [\w\s-]{3,40}?)\s+(?:at|was|is|were|reached|amounted to|stood at|of)\s*$",
                         work[max(0, s - 60) : s], re.I)
        if back:
            subject = back.group(1)
            unit = unit or ("persons" if subject.split()[-1].lower() in PEOPLE else "")
    if unit == "%":
        subject = counted_noun(work, end) if re.match(r"\s+of\b", work[end:]) else ""
    if subject and not unit and (subject.lower().split()[-1] in PEOPLE or is_group(subject)):
        unit = "persons"
    elif subject and not unit and not re.match(r"[A-ZА-Я]", subject):
        # the counted noun names the unit in English; elsewhere only a word the locale knows does
        head = subject.split()[-1].lower()
        unit = loc.units.get(head) or (head if lang_is_english else "")
    if unit == "persons" and re.fullmatch(r"\d{1,3}[.,]\d{3}", n1) and value is not None and not float(value).is_integer():
        # "171.781 people", "mehr als 171.781 Menschen": people come whole, so the dot groups thousands
        value = v1 = round(v1 * 1000)
        low, high = (v1 if low is not None else None), (v1 if high is not None else None)
    if not (unit or subject or approx or side or counter or v2 is not None or with_half) and v1 < 100:
        return None  # a bare small number ("R 20", "(2)") says nothing by itself
    return Quantity(s, end, _clean(value), _clean(low), _clean(high), approx, unit, per, subject)


def _clean(v: float | None) -> float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v
