"""Locale resources: the words a language writes figures and dates with, read from
`koryo/data/locales/<lang>.json` (one file per language; the grammar that uses them is shared).

A sentence is read with its own language's words and English's (mixed text quotes English
figures everywhere); `merged(lang)` is that union, built once per language.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LOCALES_DIR = Path(__file__).parent / "data" / "locales"


@dataclass(frozen=True)
class Locale:
    """One language's words (or several merged), lower case; the README's "languages" section says what each holds."""

    langs: tuple[str, ...]
    decimal_mark: str  # "." or ","; decides "171.781" when the document shows no other evidence
    date_order: str  # "mdy" or "dmy": how 1/2/2016 reads
    cardinals: dict[str, float]  # words that add: one, двести, veintiuno, 천 is not here
    multipliers: dict[str, float]  # words that multiply what stands before: hundred, thousand, тысяч, 만
    glued_pieces: dict[str, float]  # forms found only inside one-word numbers: trent(otto), und (dreiundzwanzig)
    small_multipliers: frozenset[str]  # those inside a group: hundred (en), 천/백/십 (ko, whose groups are 만)
    fractions: dict[str, float]  # half, one-third, треть, 절반
    ratios: dict[str, str]  # "in", "out of" name the part first ("part"); 중, 분의 the whole ("whole")
    and_fractions: dict[str, float]  # added to a figure: "and a half", "с половиной", "y medio"
    denominators: dict[str, float]  # after a number word, a fraction: "two fifths", "tres cuartos", "due terzi"
    tens_join: tuple[str, ...]  # joins tens and ones in one number: "cuarenta y siete", "vingt et un"
    and_after: tuple[str, ...]  # scale words after which "and" goes on with the figure: "one hundred and six"
    fraction_and: tuple[str, ...]  # joins a whole and a fraction: "three and a fifth", "ciento tres con dos tercios"
    decimal_words: tuple[str, ...]  # the decimal point in words: "two hundred point five", "doscientos coma cero tres"
    percent_before: tuple[str, ...]  # a percent sign written before its figure: "per cent of 210", 百分之
    approx: tuple[str, ...]  # before a figure: about, около, 약
    approx_after: tuple[str, ...]  # after it: 여, 가량, 정도
    bounds: dict[str, str]  # before a figure, the side it bounds: "more than" → low
    bounds_after: dict[str, str]  # after it: 이상 → low, 미만 → high, "и более" → low
    range_open: tuple[str, ...]  # from, between, от, entre, zwischen
    range_sep: tuple[str, ...]  # to, through, до, a, bis
    range_sep_needs_open: tuple[str, ...]  # and, y, und: a range only after "between"
    vague: dict[str, list[float]]  # "tens of thousands" → its order of magnitude, an approximate range
    currencies: dict[str, str]  # word or symbol → ISO code, inflections included
    money_scales: dict[str, float]  # a unit word that scales money instead: "$5m" (m is metres otherwise)
    scale_letters: dict[str, float]  # letters glued to a figure that scale it, as printed: 10M, 1MM, 32K
    units: dict[str, str]  # word → unit (лет → years, km → km)
    counters: dict[str, str]  # glued to a figure (Korean 명 → persons); "" keeps the counted noun
    particles: tuple[str, ...]  # glued after a figure or counter, not part of it (은, 는, 이, 가)
    months: dict[str, int]  # every case and abbreviation: мая, de enero → enero, Mai, 1월 is a pattern
    date_suffixes: dict[str, str]  # year/month/day markers glued to digits: 년, 월, 일 (ko), жылы (kk)
    report_verbs: tuple[str, ...]  # after a bare day, the day of the document's month: "1일 밝혔다" (said on the 1st)
    day_before: tuple[str, ...]  # before a bare ordinal day, the day of the document's month: "on the 20th,"
    month_before: tuple[str, ...]  # before a month without a year in a sentence with none, the document's year: "in August", "в декабре"
    early: tuple[str, ...]  # qualifiers of a period: beginning of, начале, Anfang
    mid: tuple[str, ...]
    late: tuple[str, ...]  # end of, конце, Ende, 말
    relative_years: dict[str, float]  # a year counted from the document's: "last year" → -1, прошлого года, 지난해, quest'anno → 0
    month_end: tuple[str, ...]  # those of `late` that name a month's last day: "as of the end of June 2017" is 30 June
    century_before: tuple[str, ...]  # siglo XV, secolo XX
    century_after: tuple[str, ...]  # XX век, 20. Jahrhundert, 20세기


_TUPLES = ("and_after", "report_verbs", "day_before", "month_before", "month_end", "tens_join", "fraction_and", "decimal_words", "percent_before", "approx", "approx_after", "range_open", "range_sep", "range_sep_needs_open", "particles", "early", "mid", "late", "century_before", "century_after")
_CASED = ("scale_letters",)  # read as printed: "10M" is ten million, "10m" ten metres
_DICTS = ("relative_years", "scale_letters", "money_scales", "denominators", "ratios", "vague", "and_fractions", "glued_pieces", "cardinals", "multipliers", "fractions", "bounds", "bounds_after", "currencies", "units", "counters", "months", "date_suffixes")


def available() -> tuple[str, ...]:
    """The languages with a resource file."""
    return tuple(sorted(p.stem for p in LOCALES_DIR.glob("*.json")))


@lru_cache(maxsize=None)
def load(lang: str) -> Locale:
    """The resources of one language (ISO 639-1); an unknown language has English's."""
    path = LOCALES_DIR / f"{lang}.json"
    if not path.exists():
        return load("en")
    raw = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - set(_TUPLES) - set(_DICTS) - {"lang", "name", "decimal_mark", "date_order", "big_from"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return Locale(
        langs=(raw["lang"],),
        decimal_mark=raw.get("decimal_mark", "."),
        date_order=raw.get("date_order", "dmy"),
        small_multipliers=frozenset(w.lower() for w, v in raw.get("multipliers", {}).items() if v < raw.get("big_from", 1000)),
        **{k: tuple(w.lower() for w in raw.get(k, ())) for k in _TUPLES},  # type: ignore[arg-type]
        **{k: _unaccented({w if k in _CASED else w.lower(): v for w, v in raw.get(k, {}).items()}) for k in _DICTS},  # type: ignore[arg-type]
    )


def _unaccented(words: dict[str, object]) -> dict[str, object]:
    """`words` and their Latin forms without accents ("dieciseis" for "dieciséis"), as sources type them."""
    out = dict(words)
    for w, v in words.items():
        plain = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        if plain != w and plain.isascii():
            out.setdefault(plain, v)
    return out


@lru_cache(maxsize=None)
def merged(lang: str) -> Locale:
    """`lang`'s resources with English's beside them (its own win where a word is in both)."""
    base = load("en")
    own = load(lang) if lang in available() else base
    if own is base:
        return base
    return Locale(
        langs=("en", *own.langs),
        decimal_mark=own.decimal_mark,
        date_order=own.date_order,
        small_multipliers=own.small_multipliers | base.small_multipliers,
        **{k: tuple(dict.fromkeys(getattr(own, k) + getattr(base, k))) for k in _TUPLES},  # type: ignore[arg-type]
        **{k: {**getattr(base, k), **getattr(own, k)} for k in _DICTS},  # type: ignore[arg-type]
    )


_SCRIPTS = (("ko", re.compile("[\uac00-\ud7a3]")), ("ja", re.compile("[\u3040-\u30ff]")), ("zh", re.compile("[\u4e00-\u9fff]")),
            ("kk", re.compile("[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")), ("uk", re.compile("[їєґЇЄҐ]")), ("ru", re.compile("[а-яёА-ЯЁ]")))


def script_language(text: str) -> str:
    """The language a text's script points to, for callers that do not know it (Hangul → ko,
    Cyrillic → ru, or kk/uk by their own letters); Latin script reads as English."""
    for lang, letters in _SCRIPTS:
        if letters.search(text):
            return lang
    return "en"


def decimal_mark(lang: str) -> str:
    """How `lang` writes a decimal point ("," in ru, de, es, it, fr, kk, uz)."""
    return load(lang).decimal_mark if lang in available() else "."


def alternation(words: object, space: str = r"\s+") -> str:
    """A regex matching any of `words` (longest first, a space as `space`: any white space), as a
    trie so a few hundred words cost little more than a few."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in {str(w) for w in words if w}:  # type: ignore[attr-defined]
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie, space) if trie else "(?!)"


def _trie(node: dict, space: str) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = [(space if ch == " " else re.escape(ch)) + _trie(child, space) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body
