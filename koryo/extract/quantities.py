"""Quantities in prose: counts, money, percentages, durations, distances and ages, with
ranges, bounds and approximations, fractions and vague amounts, the noun phrase they count, and
what is not a quantity (years used as dates, table and page numbers, codes, phone numbers,
ordinals, list numbers).

The grammar is shared; the words come from the sentence's locale (`koryo.locales`), with
English's always beside them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from koryo.extract.dates import DateMention
from koryo.locales import Locale, alternation, merged, script_language
from koryo.numbers import parse_number

_DIGITS = r"(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:\.\d{3})+(?=,\d)|(?:[ \u00a0\u202f]\d{3})+(?!\d))(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_GLUE = "\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff"  # Hangul, kana, CJK: counters and particles glue to figures
_END = rf"(?![^\W\d_{_GLUE}])"  # not inside a word; a Korean particle or counter may follow
_CODES = r"(?:USD|EUR|KZT|KRW|RUB|GBP|JPY|UZS|TJS|KGS|CNY|UAH|CAD|AUD|NZD|CHF|INR|MYR|MXN|SEK|NPR|TRY)"
_CUR_PRE = rf"(?:(?:US\$|\$|€|£|₸|₩|₽|¥|₴|Rs\.?|RM)[ \u00a0]?|{_CODES}\s?)"
_PCT = r"(?:\s?%|\s*(?:percent|per\s+cent|процент\w*|por\s+cien(?:to)?|per\s+cento|prozent|pour\s+cent|퍼센트|프로|foiz\w*)" + _END + ")"
_PER = (
    r"(?:per\s+(?:month|year|day|week|hour|annum|person)|a\s+(?:month|year|day|week)|each\s+(?:year|month|day|week)|"
    r"every\s+(?:year|month|week|day)|annually|yearly|monthly|weekly|daily|/\s?(?:day|month|year|hour|week))"
)
_BEFORE_NOT = re.compile(
    r"(?:\b(?:table|tables|figure|fig\.|chapter|art\.|article|no\.|nos\.|№|p\.|pp\.|page|pages|isbn|udc|lbc|tel\.?|phone|st\.|"
    r"street|house|apt\.?|vol\.|volume|issue|section|paragraph|part|version|level|grade|class|room|floor|building|"
    r"e|c|f|g|h|d)\s*[-.]?\s*)$",
    re.I,
)
_LINK_MASKS = r"https?://\S+|www\.\S+|\S+@\S+"  # the only masks without a digit
_LINKS = re.compile(_LINK_MASKS, re.I)
_DIGIT = re.compile(r"\d")
_MASKS = re.compile(
    _LINK_MASKS + r"|\+\d[\d\s()/-]{6,}\d|\b\d+/\d+(?:-\d+)?\b|\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
    r"\b\d+(?:-\d+){2,}\b|\b\d+\s?pp?\.|\b[A-ZА-Я]{1,8}-\d+(?:-\d+)*\b|\b\d+(?:st|nd|rd|th)\b|\b0\d{3,}\b|\b\d{1,3}\.\d{1,3}\.\d{1,3}(?:\.\d+)?\b(?=\s*\d)",
    re.I,
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_COUNT_NOUNS = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applications", "applicants", "foreigners", "immigrants", "families", "children", "men", "women", "soldiers",
    "troops", "kazakhstanis", "uzbekistanis", "uzbeks", "members", "muslims", "mosques", "subscribers", "inhabitants",
}
_PEOPLE = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applicants", "foreigners", "immigrants", "children", "men", "women", "soldiers", "troops", "kazakhstanis",
    "uzbekistanis", "uzbeks", "muslims", "inhabitants", "deportees", "lumberjacks", "trainees", "defectors", "guys",
    "girls", "boys", "spouses", "brides", "members", "families", "population", "casualties",
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


@dataclass(frozen=True)
class _Grammar:
    """One locale's patterns, compiled once."""

    loc: Locale
    quantity: re.Pattern[str]
    single: re.Pattern[str]
    starts: re.Pattern[str]
    fraction: re.Pattern[str]
    ratio: re.Pattern[str]
    vague: re.Pattern[str]
    compound: re.Pattern[str]  # digits with glued scale words (12만6천, 1만5천) or several ("4 thousand 3 hundred and 21")
    word_tokens: re.Pattern[str]
    decimal_word: re.Pattern[str]  # "point", "coma", "virgola" between two number words
    joint: re.Pattern[str]  # what joins two bounds of one range: " and ", ", but "
    month_day: re.Pattern[str]  # a day of a month written with suffixes and no year: 5월 4일
    particle: re.Pattern[str]  # glued after a figure: 은, 는, 이, 가


@lru_cache(maxsize=None)
def grammar(lang: str) -> _Grammar:
    """The quantity patterns of `lang` with English's."""
    loc = merged(lang or "en")
    glued = [w for w in loc.multipliers if re.fullmatch(r"[\uac00-\ud7a3\u4e00-\u9fff]", w)]  # 만, 천, 万: written on the digits
    compound = rf"(?:\d[\d,]*(?:\.\d+)?\s?(?:{alternation(glued)})+)(?:\s?\d[\d,]*(?:\s?(?:{alternation(glued)})+)?)*" if glued else "(?!)"
    scale = alternation(w for w in loc.multipliers if w not in glued)
    words = list(loc.cardinals)
    word = alternation(words + [w for w in loc.multipliers if w not in glued])
    big_scales = alternation(w for w in loc.multipliers if w not in glued and w not in loc.small_multipliers)
    # "hundred thousand dollars": a small scale may open a figure before a big one
    first = rf"(?:{alternation(words)}|{big_scales}|(?:{alternation(w for w in loc.small_multipliers if w not in glued)})(?=[\s-]+(?:{big_scales}){_END}))"
    tens = alternation(w for w, v in loc.cardinals.items() if v in (20, 30, 40, 50, 60, 70, 80, 90))
    ones = alternation(w for w, v in loc.cardinals.items() if v in (1, 2, 3, 4, 5, 6, 7, 8, 9))
    conj = alternation(loc.range_sep_needs_open)
    joined = rf"(?:{tens})\s+(?:{alternation(loc.tens_join)})\s+(?:{ones})"  # "cuarenta y siete" (not "twenty and three")
    dens = alternation(loc.denominators)
    # "one hundred and six", "two thousand and two hundred", "twenty-one trillion and three hundred" (but not
    # "between one thousand and two thousand": after a big scale, no other big one may follow)
    small_and = [w for w in loc.and_after if w in loc.small_multipliers]
    big_and = [w for w in loc.and_after if w not in loc.small_multipliers]
    joiner = alternation(loc.fraction_and)
    no_big = rf"(?!\s+(?:{joiner})\s+(?:(?:{word})[\s-]+)*?(?:{alternation(big_and)}){_END})"
    after = "|".join([*(f"(?<={w})" for w in small_and), *(f"(?<={w}){no_big}" for w in big_and)]) or "(?!)"
    # "one hundred and three quarters" is a hundred and a fraction (but "and thirty-two fifths" is 132 of them)
    not_fraction = rf"(?!(?:{ones})[\s-]+(?:{dens}){_END})"
    pieces = alternation([*loc.cardinals, *loc.multipliers, *loc.glued_pieces]) if loc.glued_pieces else ""
    one_word = rf"(?:{pieces}){{2,}}{_END}|" if pieces else ""  # "tremiladuecentoquarantatre", "dreiundzwanzig"
    wordnum = rf"(?:(?:{one_word}(?:{joined}|{first}){_END})(?:(?:[\s-]+|(?:{after})\s+(?:{joiner})\s+{not_fraction})(?:{one_word}(?:{joined}|{word}){_END}))*)"
    # "two fifths", "due milioni duemiladuecento quinti": a number word over a denominator
    fractions = rf"(?:{alternation(loc.fractions)}|{wordnum}[\s-]+(?:{dens}))"
    # "doscientos coma cero tres", "two hundred point five" (not "ciento tres con dos tercios")
    decimal = rf"(?:\s+(?:{alternation(loc.decimal_words)})\s+{wordnum}(?![\s-]+(?:{dens}){_END}))?"
    # "4 thousand 3 hundred and 21": digits with scale words, each later part with its own scale, a last one after "and"
    scale_words = alternation(w for w in loc.multipliers if w not in glued)
    mixed = (rf"(?:\d{{1,3}}\s+(?:{scale_words}){_END}(?:\s+\d{{1,3}}\s+(?:{scale_words}){_END})*"
             rf"(?:\s+\d{{1,3}}\s+(?:{scale_words}){_END}|\s+(?:{conj})\s+(?:\d{{1,3}}(?![\d.,]\d)|{wordnum})(?!\s*(?:{scale_words}){_END})))")
    number = rf"(?:{mixed}|{compound}|{_DIGITS}(?!\d)|{wordnum}{decimal})"
    approx = alternation(w for w in loc.approx if w != "~")
    bounds = alternation(loc.bounds)
    opens = alternation(loc.range_open)
    seps = alternation(tuple(loc.range_sep) + tuple(loc.range_sep_needs_open))
    cur_post = alternation(w for w in loc.currencies if not re.fullmatch(r"[$€£₸₩₽¥]|us\$", w))
    units = alternation([*loc.units, *loc.money_scales])
    counters = alternation(loc.counters)
    after_approx = alternation(loc.approx_after)
    after_bounds = alternation(loc.bounds_after)
    particles = alternation(loc.particles)  # "3000이 넘는": a particle may stand between a figure and its bound
    letters = f"|(?-i:{alternation(loc.scale_letters)})" if loc.scale_letters else ""  # 10M, 1MM, 32K as printed
    sc = rf"(?:(?:\s*|-)(?P<sc{{n}}>{scale}(?:\s+{scale})?{letters}){_END})?"  # "2 mil millones"
    # "five and a half million", "3 million and a half", "six million and two thirds", "cento e tre quarti"
    # (one word over the denominator: the whole number grammar here, in four places, would make the pattern slow to build)
    added = rf"(?:{alternation(loc.fractions)}|(?:{first})(?:-(?:{ones}))?[\s-]+(?:{dens}))"
    plus = rf"(?:{alternation(loc.and_fractions)}|(?:{alternation(loc.fraction_and)})\s+{added}{_END})".replace("{", "{{").replace("}", "}}")
    sc = rf"(?:\s+(?P<af{{n}}a>{plus}){_END})?" + sc + rf"(?:\s+(?P<af{{n}}b>{plus}){_END})?"
    head = (
        rf"(?:(?P<approx>{approx})\s*|(?P<tilde>~)\s*)?(?:(?P<bound>{bounds})\s*)?(?:(?P<approx2>{approx})\s+)?"
        rf"(?:(?P<between>{opens})\s+)?(?:(?P<pctb>{alternation(loc.percent_before)})\s*)?(?P<cur1>{_CUR_PRE})?(?P<n1>{number})(?P<plus>\+(?!\d))?{sc.format(n=1)}(?P<pct1>\s?%)?"
    )
    # "44 mg to 50 mg", "$350 per kg to $680 per kg", "от 10 долларов до 20"
    unit_first = rf"(?:\s*(?P<u1>(?:{units}|{cur_post})|[$€£₸₩₽¥₴](?=\s*[-–]\s*\d)){_END}(?:\s*(?P<per1>{_PER}))?)?"  # "10$-20$"
    rng = rf"(?:(?:-(?=\s))?\s*(?P<rsep>{seps})\s*(?P<cur2>{_CUR_PRE})?(?P<n2>{number}){sc.format(n=2)})"
    tail = (
        rf"(?P<pct>{_PCT})?(?:\s*(?:de\s+)?(?P<cur3>(?:{cur_post}|{_CODES}){_END}|US\$|[$€£₸₩₽¥₴]))?(?:\s?(?P<aa>{after_approx}))?(?:\s?(?P<counter>{counters}))?"
        rf"(?:[\s-]*(?P<ob>[(\[{{<])?(?P<unit>{units}){_END}(?(ob)[)\]}}>]))?(?:\s*(?:{particles}(?=\s*(?:{after_bounds})))?\s*(?P<bafter>{after_bounds}){_END}(?!\s+(?:(?:than|que|di|als|чем)\s+[\w$€£]|de\s+\d)))?(?:\s*(?P<per>{_PER}))?"
    )
    month, day = loc.date_suffixes.get("month", ""), loc.date_suffixes.get("day", "")
    ratio_num = rf"(?:\d+|{first})"
    vocabulary = (*loc.approx, *loc.bounds, *loc.range_open, *loc.cardinals, *loc.multipliers, *loc.fractions, *loc.vague, *loc.percent_before)
    # the letters a word of the vocabulary may begin with: one test per position before the long alternation
    initials = re.escape("".join(sorted({c for w in vocabulary for c in (w[0], w[0].upper())})))
    return _Grammar(
        loc,
        re.compile(head + unit_first + rng + "?" + tail, re.I),
        re.compile(head + tail, re.I),
        re.compile(
            rf"(?<![\w$<>=])(?=[{initials}])(?:{one_word}{approx}|{bounds}|{opens}|{first}|{alternation(loc.fractions)}|{alternation(loc.vague)}|{alternation(loc.percent_before)}){_END}|[$€£₸₩₽¥₴~]|(?<!\w)(?:Rs\.?|RM)(?=\s?\d)|"
            rf"(?<![\d.,])\d|\b{_CODES}|(?<![<>=])[<>≤≥]", re.I,
        ),
        re.compile(rf"(?:(?P<approx>{approx})\s+|(?P<bound>{bounds})\s+)?(?P<frac>{fractions}){_END}"
                   rf"(?:\s+(?:(?:of\s+)?an?\s+)?(?P<fscale>{scale}){_END})?(?:\s*(?P<aa>{after_approx}))?(?:\s+(?P<funit>{alternation(loc.units)}){_END})?", re.I),
        re.compile(rf"(?P<x>{ratio_num})(?:\s?(?:{counters}))?\s*(?P<w>{alternation(loc.ratios)})\s*(?P<y>{ratio_num})(?:\s?(?:{counters}))?{_END}", re.I),
        re.compile(rf"(?:(?P<bound>{bounds})\s+)?(?P<vague>{alternation(loc.vague)}){_END}", re.I),
        re.compile(rf"{compound}|{mixed}", re.I),
        re.compile(rf"{pieces or word}|\d[\d,]*(?:\.\d+)?|{alternation(glued)}" if glued else rf"{pieces or word}|\d+", re.I),
        re.compile(rf"\s+(?:{alternation(loc.decimal_words)})\s+", re.I),
        re.compile(rf"\s*,?\s*(?:{conj}|but)\s+|\s*,\s*|\s+", re.I),
        re.compile(rf"\d{{1,2}}\s?{month}\s?\d{{1,2}}\s?{day}" if month else "(?!)"),
        re.compile(alternation(loc.particles)),
    )


def is_group(name: str) -> bool:
    """A group of people the gazetteer knows ("Koryo-saram", "Goryeoin", "Kazakhstanis")."""
    from koryo.extract.entities import known_group

    return known_group(name)


def _words(text: str, g: _Grammar) -> float | None:
    """The value of number words ("One hundred twenty-four", "dos millones") or of digits with
    glued scale words ("12만6천"): small multipliers (hundred, 천) scale what stands before them
    within a group, big ones (thousand, 만) close the group."""
    loc = g.loc
    whole, *decimals = g.decimal_word.split(text, 1)
    if decimals and whole[0].isalpha():  # "doscientos coma cero tres": digit by digit, "con setenta y uno": as one number
        w, d = _words(whole, g), _words(decimals[0], g)
        if w is None or d is None:
            return None
        digits = [loc.cardinals.get(t) for t in g.word_tokens.findall(decimals[0].lower())]
        single = all(v is not None and v < 10 for v in digits)
        return float(f"{int(w)}." + ("".join(str(int(v or 0)) for v in digits) if single else str(int(d))))
    total = current = 0.0
    seen = False
    biggest = 0.0
    for tok in _pieces(g.word_tokens.findall(text.lower()), loc):
        tok = " ".join(tok.split())
        if tok[0].isdigit():
            current += float(tok.replace(",", ""))
        elif tok in loc.multipliers and (current or tok not in loc.cardinals):
            scale = loc.multipliers[tok]
            if tok in loc.small_multipliers:
                current = (current or 1) * scale
            elif scale > biggest:  # "dos mil millones": a bigger scale multiplies all before it
                total, current, biggest = (total + current if total else current or 1) * scale, 0, scale
            else:
                total += (current or 1) * scale
                current = 0
        elif tok in loc.cardinals or tok in loc.glued_pieces:
            current += loc.cardinals[tok] if tok in loc.cardinals else loc.glued_pieces[tok]
        else:
            continue
        seen = True
    return total + current if seen else None


def _pieces(tokens: list[str], loc: Locale) -> list[str]:
    """Number words with a compound cardinal split into its number and scale ("duemila" → due,
    mila), so "duecentoduemila" is 202 thousand, not 200 + 2000."""
    out = []
    for tok in tokens:
        scale = next((w for w in loc.multipliers if tok in loc.cardinals and tok.endswith(w) and tok[: -len(w)] in loc.cardinals), "")
        out += [tok[: -len(scale)], scale] if scale else [tok]
    return out


def _word_pair(text: str, g: _Grammar) -> tuple[float, float] | None:
    """Two number words joined by a hyphen that are a range, not a compound: "twenty-thirty"
    (but "twenty-four" is 24)."""
    if "-" not in text or not text[0].isalpha() or " " in text:  # "twenty-one trillion" is one figure
        return None
    a, b = (_words(part, g) for part in text.split("-", 1))
    return (a, b) if a and b and a < b and b >= 10 else None


def _number(text: str, g: _Grammar, style: str | None) -> float | None:
    if not text[0].isdigit() or g.compound.fullmatch(text):
        return _words(text, g)
    n = parse_number(text, style)
    if n.value is None or sum(c.isdigit() for c in text) > 40:
        return None  # a run of hundreds of digits is not a figure (and overflows a float)
    return float(n.value)


def _scale(words: str | None, loc: Locale) -> float:
    scale = 1.0
    for w in (words or "").split():
        scale *= loc.scale_letters.get(w) or loc.multipliers.get(w.lower(), 1)
    return scale


def _fraction(text: str, g: _Grammar) -> float | None:
    """The value of a fraction in words: "a third", "три четверти", or a number word over a
    denominator ("two fifths", "due milioni duemiladuecento quinti")."""
    key = " ".join(text.lower().split())
    numerator, _, den = re.sub(r"[\s-]+(\S+)$", r" \1", key).rpartition(" ")
    n = _words(numerator, g) if numerator and den in g.loc.denominators else None
    return n / g.loc.denominators[den] if n is not None else g.loc.fractions.get(key)


def _half(m: re.Match[str], group: str, g: _Grammar) -> float:
    """The fraction added to a figure: "and a half", "and two thirds" (before or after its scale word)."""
    words = m.group(group + "a") or m.group(group + "b")
    if not words:
        return 0.0
    key = " ".join(words.lower().split())
    if key in g.loc.and_fractions:
        return g.loc.and_fractions[key]
    return _fraction(key.split(" ", 1)[1], g) or 0.0


def _whole(v: float, n_text: str, m: re.Match[str], n: int, scale_words: str | None, g: _Grammar) -> float:
    """A figure with its scale and the fraction added to it: "five and a half million" (the fraction
    before the scale), "3 million and a half", "six million and two thirds" (a fraction of the
    figure's own scale), "one billion and a half million" (of the scale after it)."""
    frac = _half(m, f"af{n}", g)
    scale = _scale(scale_words, g.loc)
    last = n_text.lower().split()[-1] if n_text[0].isalpha() else ""
    own = g.loc.multipliers.get(last, 1) if last not in g.loc.small_multipliers else 1
    if frac and scale > 1 and own > 1 and m.group(f"af{n}a"):
        return v + frac * scale
    if scale > 1:
        return (v + frac) * scale
    return v + frac * own


def _subject(text: str, pos: int) -> str:
    """The noun phrase after `pos`: up to six words, stopping at a verb-like or function word."""
    m = re.match(r"\s*(?:of\s+(?:the\s+|their\s+|all\s+)?)?", text[pos:], re.I)
    rest = text[pos + (m.end() if m else 0):]
    words = []
    for w in re.finditer(r"[\w'’-]+|[^\w\s]", rest):
        token = w.group(0)
        if not re.match(r"[\w'’-]+$", token) or token.lower() in _STOP or token[0].isdigit() or re.search(r"[\uac00-\ud7a3]", token):
            break
        if words and token.islower() and re.search(r"(ed|ing)$", token) and len(token) > 4:
            break  # "waves consisted", "wages earned": a verb ends the noun phrase
        words.append(token)
        if len(words) == 6:
            break
    while words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return " ".join(words)


_NEXT_WORD = re.compile(r"\s+([\w]+)")


def _masked(text: str, offset: int, dates: list[DateMention], g: _Grammar) -> str:
    """`text` with codes, links, phone numbers, list numbers and dates (with a year or, as "5월 4일",
    without) blotted out (same length)."""
    masked = list(text)
    digits = _DIGIT.search(text)
    for m in itertools.chain(_MASKS.finditer(text), g.month_day.finditer(text)) if digits else _LINKS.finditer(text):
        masked[m.start() : m.end()] = "§" * (m.end() - m.start())
    for d in dates:
        s, e = d.start - offset, d.end - offset
        after = _NEXT_WORD.match(text, e)  # not text[e:]: a copy of the rest per date is quadratic
        if d.precision == "year" and d.date == d.end_date and after and after.group(1).lower() in _COUNT_NOUNS:
            continue  # "2000 people": a count, not a year
        a, b = max(s, 0), min(e, len(text))
        masked[a:b] = "§" * (b - a)
    work = "".join(masked)
    if re.match(r"\s*\d{1,2}[.)](\s|$)", work):
        work = re.sub(r"^\s*\d{1,2}[.)]", lambda m: "§" * len(m.group(0)), work)  # list numbering
    return work


def _other(work: str, pos: int, g: _Grammar) -> Quantity | None:
    """A ratio ("Four in 10", "4명 중 1명"), a fraction ("almost one-third") or a vague amount
    ("tens of thousands") at `pos` (offsets within the sentence)."""
    m = g.ratio.match(work, pos)
    if m:  # "Four in 10" names the part first, "4명 중 1명" and "3분의 1" the whole
        first_part = g.loc.ratios[" ".join(m.group("w").lower().split())] == "part"
        a, b = (m.group("x"), m.group("y")) if first_part else (m.group("y"), m.group("x"))
        va, vb = _number(a, g, None), _number(b, g, None)
        if va and vb and va < vb:
            return Quantity(m.start(), m.end(), _clean(round(va / vb, 4)), None, None, False, "fraction", "", "")
    if work[pos].isdigit():
        return None
    m = g.fraction.match(work, pos)
    if m and not _ORDINAL_BEFORE.search(work[max(0, pos - 30) : pos]):
        v = (_fraction(m.group("frac"), g) or 0) * _scale(m.group("fscale"), g.loc)
        v = round(v, 4) if v < 1 else v  # a share to four places, as ratios are
        side = g.loc.bounds.get(" ".join((m.group("bound") or "").lower().split()), "")
        return Quantity(m.start(), m.end(), _clean(v), v if side == "low" else None, v if side == "high" else None,
                        bool(m.group("approx") or m.group("aa")),
                        g.loc.units[" ".join(m.group("funit").lower().split())] if m.group("funit") else "" if m.group("fscale") or v >= 1 else "fraction", "", "")
    m = g.vague.match(work, pos)
    if m:
        low, high = g.loc.vague[" ".join(m.group("vague").lower().split())]
        subject = _subject(work, m.end())
        ends = subject.lower().split()[:: max(1, len(subject.split()) - 1)] if subject else []  # its first and last words
        unit = "persons" if any(w in _PEOPLE or "persons" in (g.loc.units.get(w), g.loc.counters.get(w)) for w in ends) else ""
        return Quantity(m.start(), m.end(), None, low, high, True, unit, "", subject)
    return None


def find_quantities(text: str, offset: int, dates: list[DateMention], style: str | None, lang: str | None = None) -> list[Quantity]:
    """Quantities in one sentence `text` starting at document offset `offset`, read in language
    `lang` (with English); without one, in the language its script points to."""
    g = grammar(lang or script_language(text))
    work = _masked(text, offset, dates, g)
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


def _bounded_ranges(found: list[Quantity], text: str, offset: int, g: _Grammar) -> list[Quantity]:
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


def _read(work: str, pos: int, g: _Grammar, style: str | None) -> Quantity | None:
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
    if re.match(rf"[^\W{_GLUE}]|§", next_char) and not (m.group("unit") or m.group("u1") or m.group("sc1") or m.group("pct1") or m.group("cur3")):
        return None
    v1 = _number(n1, g, style)
    if v1 is None:
        return None
    v2 = None
    pair = _word_pair(n1, g)
    u1 = m.group("u1")
    if u1 and m.group("n2") and (m.group("unit") or m.group("cur3") or u1).lower()[:4] != u1.lower()[:4]:
        u1 = None  # "5 km to 10 days": no range across two units ("10 долларами и 20 долларами" is one)
    if m.group("n2") and (m.group("rsep").lower() not in loc.range_sep_needs_open or m.group("between")) and (u1 or not m.group("u1")):
        # "rose 4.8% to $13.18 billion": two figures of different units are not a range
        mixed = (m.group("pct1") and not m.group("pct")) or (m.group("cur1") and m.group("pct"))  # "by 25% to 34,500 tons"
        v2 = None if mixed else _number(m.group("n2"), g, style)
        if v2 is not None:
            v2 = _whole(v2, m.group("n2"), m, 2, m.group("sc2") or m.group("sc1"), g)
            v1 = _whole(v1, n1, m, 1, m.group("sc1") or m.group("sc2"), g)
            if v2 <= v1:
                v2 = None
    if v2 is None:
        m = g.single.match(work, m.start())  # the same figure without the range that did not hold
        assert m is not None
        v1 = _whole(_number(n1, g, style) or 0, n1, m, 1, m.group("sc1"), g)
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
    subject = "" if unit == "times" or counter or glued else _subject(work, end)
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
        # the counted noun names the unit in English; elsewhere only a word the locale knows does
        head = subject.split()[-1].lower()
        unit = loc.units.get(head) or (head if lang_is_english else "")
    if unit == "persons" and re.fullmatch(r"\d{1,3}[.,]\d{3}", n1) and value is not None and not float(value).is_integer():
        value = v1 = round(v1 * 1000)  # "171.781 people": people come whole, so the dot groups thousands
    if not (unit or subject or approx or side or counter or v2 is not None or with_half) and v1 < 100:
        return None  # a bare small number ("R 20", "(2)") says nothing by itself
    return Quantity(s, end, _clean(value), _clean(low), _clean(high), approx, unit, per, subject)


def _clean(v: float | None) -> float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v
