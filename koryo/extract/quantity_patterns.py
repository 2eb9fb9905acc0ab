"""The patterns of a quantity in one language: figures in digits or words, scale words, currencies,
units, bounds, approximations and range connectors, compiled once per language from its locale file
(`koryo.locales`) with English's beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from koryo.locales import Locale, alternation, merged

_DIGITS = r"(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:\.\d{3})+(?=,\d)|(?:[ \u00a0\u202f]\d{3})+(?!\d))(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
GLUE = "\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff"  # Hangul, kana, CJK: counters and particles glue to figures
_END = rf"(?![^\W\d_{GLUE}])"  # not inside a word; a Korean particle or counter may follow
_CODES = r"(?:USD|EUR|KZT|KRW|RUB|GBP|JPY|UZS|TJS|KGS|CNY|UAH|CAD|AUD|NZD|CHF|INR|MYR|MXN|SEK|NPR|TRY)"
_CUR_PRE = rf"(?:(?:US\$|\$|€|£|₸|₩|₽|¥|₴|Rs\.?|RM)[ \u00a0]?|{_CODES}\s?)"
_PCT = r"(?:\s?%|\s*(?:percent|per\s+cent|процент\w*|por\s+cien(?:to)?|per\s+cento|prozent|pour\s+cent|퍼센트|프로|foiz\w*)" + _END + ")"
_PER = (
    r"(?:per\s+(?:month|year|day|week|hour|annum|person)|a\s+(?:month|year|day|week)|each\s+(?:year|month|day|week)|"
    r"every\s+(?:year|month|week|day)|annually|yearly|monthly|weekly|daily|/\s?(?:day|month|year|hour|week))"
)


@dataclass(frozen=True)
class Grammar:
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
def grammar(lang: str) -> Grammar:
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
        rf"(?P<pct>{_PCT})?(?:\s*(?:de\s+)?(?P<cur3>(?:{cur_post}|{_CODES}){_END}|US\$|[$€£₸₩₽¥₴])(?:(?<=(?-i:[A-Z]{{3}}))\s+(?P<cursc>{big_scales}){_END})?)?(?:\s?(?P<aa>{after_approx}))?(?:\s?(?P<counter>{counters}))?"
        rf"(?:[\s-]*(?P<ob>[(\[{{<])?(?P<unit>{units}){_END}(?(ob)[)\]}}>]))?(?:\s*(?:{particles}(?=\s*(?:{after_bounds})))?\s*(?P<bafter>{after_bounds}){_END}(?!\s+(?:(?:than|que|di|als|чем)\s+[\w$€£]|de\s+\d)))?(?:\s*(?P<per>{_PER}))?"
    )
    month, day = loc.date_suffixes.get("month", ""), loc.date_suffixes.get("day", "")
    ratio_num = rf"(?:\d+|{first})"
    vocabulary = (*loc.approx, *loc.bounds, *loc.range_open, *loc.cardinals, *loc.multipliers, *loc.fractions, *loc.vague, *loc.percent_before)
    # the letters a word of the vocabulary may begin with: one test per position before the long alternation
    initials = re.escape("".join(sorted({c for w in vocabulary for c in (w[0], w[0].upper())})))
    return Grammar(
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

