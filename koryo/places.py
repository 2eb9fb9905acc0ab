"""Place names: the curated gazetteer in `data/places.json` first, then the world's countries,
former states, regions and populated places in `data/gazetteer.json` (ISO 3166 through pycountry
and GeoNames, made by tools/make_gazetteer.py).

A name is found as written (accents, case and punctuation folded), by its transliteration
("Сахалинская область" = "Sakhalinskaya oblast'"), and, in a language with case endings, by the
forms that `data/inflections.json` lists ("Kasachstans" → "Kasachstan", "Ucrania" as is).
Villages are only found where the caller says a place is meant (`villages=True`): their names are
often words or surnames.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from anyascii import anyascii


@dataclass(frozen=True)
class Place:
    """A place koryo knows: a stable id, its type and preferred name."""

    id: str
    type: str  # country | historical state | region | city | town | village | area | facility
    name: str
    country: str


def fold(name: str) -> str:
    """A name folded for matching: accents, case, a leading "the", trailing marks and punctuation."""
    if name.isascii():  # nothing to decompose: the common case, kept cheap
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _MARKS.sub("", text.strip())
    text = _THE.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


_MARKS = re.compile(r"[*†‡]+$")
_THE = re.compile(r"^the\s+")
_SEPARATORS = re.compile(r"[\s\-‐–_.,'’ʼ‘ʻ`´]+")


def translit_key(name: str) -> str:
    """A key that survives transliteration: Latin letters only ("Қазақ КСР" = "Qazaq KSR")."""
    return re.sub(r"[^a-z0-9]+", "", anyascii(fold(name)).casefold())


def _data(name: str) -> Any:
    return json.loads(resources.files("koryo.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    """(names, transliteration keys, villages): curated places win, then larger places."""
    names: dict[str, Place] = {}
    keys: dict[str, Place] = {}
    villages: dict[str, Place] = {}
    for entry in _data("places.json")["places"]:
        place = Place(entry["id"], entry["type"], entry["name"], entry["country"])
        for n in [entry["name"], *entry["aliases"]]:
            names[fold(n)] = place
            if n.isascii():
                keys.setdefault(translit_key(n), place)
    curated = {p.id: p for p in names.values()}
    for pid, kind, name, country, aliases, _pop in _data("gazetteer.json")["places"]:
        place = curated.get(pid) or _curated_city(names.get(fold(name)), curated, kind, country) or Place(pid, kind, name, country)
        target = villages if kind == "village" else names
        for n in [name, *aliases]:
            target.setdefault(fold(n), place)
            if kind != "village" and len(n) > 4 and n.isascii():
                keys.setdefault(translit_key(n), place)
    return names, keys, villages


def _curated_city(hit: Place | None, curated: dict[str, Place], kind: str, country: str) -> Place | None:
    """The curated city a GeoNames town of that name is, so that the names GeoNames adds
    ("Akmolinsk") and the curated ones ("Tselinograd") are one place's."""
    if hit is not None and hit.id in curated and hit.type == "city" and kind in ("city", "town") and hit.country == country:
        return hit
    return None


@lru_cache(maxsize=65536)
def lookup(name: str, villages: bool = False) -> Place | None:
    """The place a name stands for, or None."""
    names, keys, small = _index()
    folded = fold(name)
    hit = names.get(folded)
    # "Сахалинская область" = "Sakhalinskaya oblast'"; not Hangul, whose romanisations meet unrelated names ("사람" ≈ "Salam")
    if hit is None and len(folded) > 4 and not folded.isascii() and not _caseless(name):
        hit = keys.get(translit_key(name))
    if hit is None and villages:
        hit = small.get(folded)
    return hit


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(fold(n) for n in _data("gazetteer.json")["ambiguous"])


def ambiguous(name: str) -> bool:
    """A short name that two countries share ("Korea", "Congo"): no place on its own."""
    return fold(name) in _ambiguous()


@lru_cache(maxsize=1)
def _inflections() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = _data("inflections.json")["languages"]
    return {lang: data[rules["same_as"]] if "same_as" in rules else rules for lang, rules in data.items()}


@lru_cache(maxsize=65536)
def lookup_inflected(name: str, lang: str, villages: bool = False) -> Place | None:
    """The place a name stands for in a language with case endings: as written, then each word
    with its ending replaced by the ones the language's data lists."""
    for form in (name, *base_forms(name, lang)):
        hit = lookup(form, villages) or _compound(form, lang)
        if hit is not None:
            return hit
    return None


def _compound(name: str, lang: str) -> Place | None:
    """A compound of a compass word and a place ("Südkasachstan"): the place the compass word
    and the place's own name make in English ("South Kazakhstan"), where the gazetteer has it."""
    for prefix, english in _inflections().get(lang, {}).get("compass_prefixes", {}).items():
        rest = name[len(prefix) :]
        if name.startswith(prefix) and len(rest) > 3 and rest[:1].islower() and " " not in rest:
            place = lookup(rest[:1].upper() + rest[1:])
            if place is not None:
                return lookup(f"{english} {place.name}")
    return None


@lru_cache(maxsize=32)
def _lower_case_opener(lang: str) -> re.Pattern[str] | None:
    """Words that open a name in lower case in the language ("usbekische" of "die usbekische SSR")."""
    pattern = _inflections().get(lang, {}).get("lower_case_openers")
    return re.compile(pattern) if pattern else None


def endings(lang: str) -> tuple[str, ...]:
    """The case endings the language's data lists ("ning", "da" in Uzbek)."""
    return tuple(ending for ending, _ in _inflections().get(lang, {}).get("endings", ()))


def inflects(lang: str) -> bool:
    """Whether `lang` has case endings in the data: without them a name has no other base form."""
    return bool(_inflections().get(lang, {}).get("endings"))


@lru_cache(maxsize=65536)
def base_forms(name: str, lang: str) -> tuple[str, ...]:
    """The forms a name of up to three words may have before its case endings ("Южной Кореи" →
    "Южная Корея", …), by the language's data; none for a language without endings."""
    words = name.split()
    if lang not in _inflections() or not 0 < len(words) <= 3:
        return ()
    forms = [_forms(w, lang) for w in words]
    return tuple(" ".join(c) for c in itertools.islice(itertools.product(*forms), 1, 64))


@lru_cache(maxsize=65536)
def _forms(word: str, lang: str) -> tuple[str, ...]:
    out = [word]
    for ending, replacements in _inflections()[lang]["endings"]:
        if word.endswith(ending) and len(word) - len(ending) >= (2 if _caseless(word) else 3):  # Hangul syllables are long
            out += [word[: len(word) - len(ending)] + r for r in replacements]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _ids() -> dict[str, Place]:
    names, keys, villages = _index()
    return {p.id: p for index in (villages, keys, names) for p in index.values()}


def country_name(code: str) -> str:
    """The preferred name of a country from its ISO 3166 code ("KR" → "South Korea")."""
    place = _ids().get(code)
    return place.name if place else code


def by_id(pid: str) -> Place | None:
    """The place with this id, or None."""
    return _ids().get(pid)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: Place


# Words are letters joined by apostrophes and hyphens; digits glued to a name ("Korea40,000") end it.
_WORD = re.compile(r"[^\W\d_]+(?:[-‐ʼ'’][^\W\d_]+)*")  # runs of letters, not a test per letter
_POSSESSIVE = re.compile(r"[’']s$")
_BREAK = re.compile(r"[\n,;:.()]")
_NAMED = re.compile(r"(?i:the|city of)\s+[^\W\d_]*[A-Z]")


@lru_cache(maxsize=4096)
def words(text: str) -> list[re.Match[str]]:
    """The words of a text, as `find_places` reads them."""
    return list(_WORD.finditer(text))


def find_places(text: str, offset: int = 0, lang: str = "") -> tuple[PlaceMention, ...]:
    """Places named in `text` (longest names first), offsets shifted by `offset`."""
    # Entities and facts both read each sentence: a language without rules of its own reads as "" does.
    return _find_places(text, offset, lang if lang in _inflections() else "")


def new_document() -> None:
    """Forget the sentences read so far: the memo serves the extractors of one document, so
    that a document's cost does not depend on what came before it."""
    _find_places.cache_clear()


@lru_cache(maxsize=4096)
def _find_places(text: str, offset: int, lang: str) -> tuple[PlaceMention, ...]:
    words = list(_WORD.finditer(text))
    rules = _inflections().get(lang, {})
    elisions = _elisions()
    opener = _lower_case_opener(lang)
    # A name runs over words only while no line break or punctuation stands between them (words
    # hold neither): the longest span worth a lookup from each word, found once, not per span.
    reach = [1] * len(words)
    for j in range(len(words) - 2, -1, -1):
        if not _BREAK.search(text, words[j].end(), words[j + 1].start()):
            reach[j] = reach[j + 1] + 1
    out = []
    i = 0
    while i < len(words):
        first = words[i].group(0)
        hit = None
        opens = opener is not None and i + 1 < len(words) and bool(opener.fullmatch(first)) and words[i + 1].group(0)[:1].isupper()
        if first[:1].isupper() or (low := first.lower()) in ("the", "city") or low.startswith(elisions) or _caseless(first) or opens:
            for n in range(min(5, reach[i]), 0, -1):
                a, b = words[i].start(), words[i + n - 1].end()
                span = text[a:b]
                if elisions and span.lower().startswith(elisions):
                    for e in elisions:  # "l'Union soviétique": the name starts after the article
                        if span.lower().startswith(e) and span[len(e) : len(e) + 1].isupper():
                            a, span = a + len(e), span[len(e) :]
                            break
                m = _POSSESSIVE.search(span)
                if m:
                    b, span = b - len(m.group(0)), span[: m.start()]
                place = lookup_inflected(span, lang) if rules else lookup(span)
                if place and (span[:1].isupper() or _caseless(span) or _NAMED.match(span) or (opens and n > 1)):
                    if n > 1 and span.lower().startswith("the ") and lookup(span[4:]) == place and span[4:5].isupper():
                        a = words[i + 1].start()  # "the Republic of Korea": the name starts after "the"
                    hit = (n, PlaceMention(offset + a, offset + b, place))
                    break
        if hit:
            out.append(hit[1])
            i += hit[0]
            continue
        if "-" not in first:
            i += 1
            continue
        parts = list(re.finditer(r"[^\W\d_]+", first))
        found = [(part, lookup(part.group(0))) for part in parts if part.group(0)[:1].isupper()]
        if len(parts) > 1 and len(found) == len(parts) and all(p for _, p in found):  # "Russia-Ucraina": places joined
            for part, place in found:
                out.append(PlaceMention(offset + words[i].start() + part.start(), offset + words[i].start() + part.end(), place))  # type: ignore[arg-type]
        i += 1
    return tuple(out)


@lru_cache(maxsize=1)
def _elisions() -> tuple[str, ...]:
    """Articles glued to a name in any language ("l'Ucraina"): unambiguous, so read in every text."""
    return tuple(sorted({e for r in _inflections().values() for e in r.get("elisions", ())}, key=len, reverse=True))


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Hangul), where any word may be a name."""
    return bool(word) and "\uac00" <= word[0] <= "\ud7a3"
