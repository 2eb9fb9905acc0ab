"""Names found by their shape, from the per-language data in `data/names.json`: organisations
opened by a head word ("Ministerio de Trabajo y Economía Social") or closed by a tail word
("Bandlik va mehnat munosabatlari vazirligi"), a state's bodies ("Soviet government"), Korean names by their last syllables
("고려인지원센터", "땟골마을"), persons before a title ("이천영 목사"), visa codes and named
operations. Each shape gives (start, end, type) in the sentence; entities.py keys them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from koryo.extract.guards import Words, might_match, required_words
from koryo.places import endings


@dataclass(frozen=True)
class Shape:
    start: int
    end: int
    type: str  # person | place | organisation | group | policy


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    words: tuple[Words | None, ...]  # per pattern, the words one of which each match holds (guards.py)


_WORD = r"[^\W\d_][\w'’‘ʻ.-]*"
_HANGUL = "가-힣"
_ACRONYM = "[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("koryo.data").joinpath("names.json").read_text(encoding="utf-8"))["languages"]
    return {lang: data[rules["same_as"]] if "same_as" in rules else rules for lang, rules in data.items()}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=32)
def _rules(lang: str) -> _Rules:
    data = _data()
    rules: list[tuple[re.Pattern[str], str]] = [(re.compile(p), "policy") for p in data["*"]["policy_patterns"]]
    rules += [(re.compile(p), "person") for p in data["*"]["person_patterns"]]  # "(Hubinette, 2005)"
    rules += [(re.compile(p), "place") for p in data["*"]["place_patterns"]]  # "Ikuno-ku"
    rules += [(re.compile(p), "organisation") for p in data["*"]["organisation_patterns"]]  # "tochka.net"
    lang_data = data.get(lang, {})
    rules += [(re.compile(p), "person") for p in lang_data.get("person_patterns", [])]  # "By Kim Rahn"
    rules += [(re.compile(p), "policy") for p in lang_data.get("policy_patterns", [])]  # "Russo-Korean treaty"
    rules += [(re.compile(p), "place") for p in lang_data.get("place_patterns", [])]  # "Taurida Governorate"
    rules += [(re.compile(p), "organisation") for p in lang_data.get("organisation_patterns", [])]  # "the justice ministry"
    enders = lang_data.get("name_enders", [])
    stop = rf"(?!(?:{_alt(enders)})\b)" if enders else ""
    if lang_data.get("organisation_heads"):
        # the head and up to eight words after it, stopped at a word that ends a name; trimmed in find_shapes
        head_end = f"(?:{_alt(lang_data['head_endings'])})?" if lang_data.get("head_endings") else ""
        rules.append((re.compile(rf"(?<![\w-])(?:{_alt(lang_data['organisation_heads'])}){head_end}(?:\s+{stop}{_WORD}){{1,8}}"), "organisation"))
    if lang_data.get("organisation_tails"):
        rules.append((re.compile(rf"(?<![\w-])(?:{stop}{_WORD}\s+){{0,4}}(?:{_alt(lang_data['organisation_tails'])})(?![\w-])"), "organisation"))
    if lang_data.get("acronyms_take_endings"):  # "AOKAda" is AOKA's, in Uzbek: only the acronym is the name
        rules.append((re.compile(rf"(?<![\w'’‘ʻ-])(?P<name>{_ACRONYM})['’‘ʻ-]?(?:{_alt(list(endings(lang)))})(?![\w'’‘ʻ-])"), "organisation"))
    bodies = lang_data.get("state_bodies")
    if bodies:  # "Soviet government", "le gouvernement soviétique": a state's body as one organisation
        adjective, noun = f"(?:{bodies['adjective']})", f"(?:{bodies['noun']})"
        pair = rf"{adjective}\s+{noun}" if bodies["adjective_first"] else rf"{noun}\s+{adjective}"
        rules.append((re.compile(rf"(?<![\w-]){pair}(?![\w-])"), "organisation"))
        if lang_data.get("group_nouns"):  # "Chinese immigrants", "North Korean troops": a people's group
            rules.append((re.compile(rf"(?<![\w-]){adjective}\s+{lang_data['group_nouns']}(?![\w-])"), "group"))
    particles = "(?=[^가-힣]|[은는이가을를의에와과도로]|$)"
    for kind, suffixes in lang_data.get("suffixes", {}).items():
        before = rf"(?:[{_HANGUL}]+\s+(?:{_alt(lang_data.get('organisation_words_before', []))})\s+)?" if kind == "organisation" else ""
        rules.append((re.compile(rf"(?<![{_HANGUL}]){before}[{_HANGUL}]+(?:{_alt(suffixes)}){particles}"), kind))
    if lang_data.get("person_titles_after"):
        # surname first ("신조야 대표", "신 조야"), or a foreign given name before the surname ("블라디미르 김 씨")
        surname = _korean().hangul_surnames
        rules.append((re.compile(rf"(?<![{_HANGUL}])(?P<name>[{_HANGUL}]\s[{_HANGUL}]{{2}}|[{_HANGUL}]{{2,4}}|[{_HANGUL}]{{2,6}}\s(?:{surname}))"
                                 rf"\s(?:{_alt(lang_data['person_titles_after'])}){particles}"), "person"))
    return _Rules(tuple(rules), tuple(required_words(rx) for rx, _ in rules))


@lru_cache(maxsize=32)
def adjective_endings(lang: str) -> tuple[str, ...]:
    """Endings of a capitalised word that may be an adjective opening a name ("Центральный банк")."""
    return tuple(_data().get(lang, {}).get("adjective_endings", ()))


@lru_cache(maxsize=32)
def articles(lang: str) -> tuple[str, ...]:
    """The language's articles: capitalised words after one are a noun phrase, not a person."""
    return tuple(_data().get(lang, {}).get("articles", ()))


@dataclass(frozen=True)
class _Korean:
    romanised_surnames: frozenset[str]
    hangul_surnames: str  # an alternation
    syllables: re.Pattern[str]  # one or two romanised syllables


@lru_cache(maxsize=1)
def _korean() -> _Korean:
    data = _data()["*"]["korean_names"]
    return _Korean(frozenset(data["romanised_surnames"]), _alt(data["hangul_surnames"]), re.compile(rf"(?:{data['syllable']}){{1,2}}"))


def _given_name(word: str) -> bool:
    parts = word.split("-")
    return word[:1].isupper() and len(parts) <= 2 and all(_korean().syllables.fullmatch(p.casefold()) for p in parts)


def korean_name(name: str, hyphenated: bool = True) -> str | None:
    """A Korean's name in Latin letters, surname first ("Min-seok Kim" is "Kim Min-seok"), or None
    for another shape: a surname and a given name of one or two romanised syllables, hyphenated
    ("Hong Beom-do") or, where a model has said it is a name (`hyphenated=False`), in one or two
    words ("Chŏng Sangjin", "Roh Moo Hyun"). Only a hyphenated given name may come first: "Roman Kim" is as written."""
    words = name.split()
    surnames = _korean().romanised_surnames
    if len(words) == 2 and words[-1] in surnames and "-" in words[0] and _given_name(words[0]) and words[0] not in surnames:
        return f"{words[1]} {words[0]}"
    given = words[1:]
    if words[0] in surnames and all(map(_given_name, given)) and (
            (len(given) == 1 and "-" in given[0]) or (not hyphenated and 1 <= len(given) <= 2)):
        return name
    return None


_KOREAN_ROMANISED = re.compile(r"(?<![\w-])(?:[A-ZŎŬ][\w'’]*\s[A-ZŎŬ][\w'’]*-[\w'’]+|[A-ZŎŬ][\w'’]*-[\w'’]+\s[A-ZŎŬ][\w'’]*)(?![\w-])")


def find_shapes(text: str, lang: str) -> list[Shape]:
    """Names of known shapes in a sentence of the given language."""
    out = [Shape(m.start(), m.end(), "person") for m in _KOREAN_ROMANISED.finditer(text) if korean_name(m.group(0))] if "-" in text else []
    rules = _rules(lang)
    for (rx, kind), words in zip(rules.patterns, rules.words):
        if not might_match(words, text):
            continue
        for m in rx.finditer(text):
            start, end = (m.start("name"), m.end("name")) if "name" in rx.groupindex else (m.start(), m.end())
            end = start + len(_TRAILING.sub("", text[start:end]))
            if end > start:
                out.append(Shape(start, end, kind))
    return out


# joining words and punctuation left at the end of a name: "Agenzia delle Nazioni Unite per" ends before "per"
_TRAILING = re.compile(r"(?:[\s,.;:]+|\s+[a-zà-ÿ'’]{1,3})+$")
