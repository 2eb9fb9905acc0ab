"""Reading a question: what it asks for (a count, an amount, a share, a date, a place, a list), whom
it is about (entities, with koryo's own extractors and alias merging), what it measures (word stems
that meet across scripts) and when."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from anyascii import anyascii

from koryo.errors import UsageError
from koryo.extract.dates import find_dates
from koryo.extract.entities import find_mentions
from koryo.extract.gazetteer import nationality_of
from koryo.extract.sentences import sentences
from koryo.language import detect_language
from koryo.locales import merged
from koryo.model import Document, EntityMention
# claims' stems and stop words, so a question's words meet the statements' ("deported" and
# "депортированы" are both "depor"); the stop words could be public too
from koryo.reconcile.claims import _measure_stop, stem

MAX_QUESTION_CHARS = 300
ANSWER_TYPES = ("count", "amount", "share", "date", "place", "list")
WORD = re.compile(r"[^\W_][\w'’-]*")


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def term(word: str) -> str:
    """A word as retrieval matches it: claims' stem, except that a Korean word keeps its first two
    syllables (its particles and endings are glued on: 이주되었나 and 이주 are one word)."""
    if _HANGUL.match(word):
        return anyascii(word[:2]).casefold()
    return stem(word)


def is_term(word: str) -> bool:
    """A folded word worth matching: not a stop word, not a number, not one letter (nor two, but in Korean)."""
    return word not in stopwords() and not word[0].isdigit() and len(word) >= (2 if _HANGUL.match(word) else 3)


def terms(text: str) -> tuple[str, ...]:
    return tuple(term(w) for w in WORD.findall(text.casefold()) if is_term(w))


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    answer_type: str  # one of ANSWER_TYPES
    list_of: str  # for a list: the entity type asked for ("organisation"), else ""
    entities: tuple[EntityMention, ...]
    subject: frozenset[str]  # entity keys, with "nat:XX" for a group of one nationality and its country
    stems: frozenset[str]  # what is measured and any other content word, as stems
    units: frozenset[str]  # what it counts, as koryo names units ("вагонов" → wagons), and its words as written
    counted: str  # for a count, the stem of the word that names what is counted when no entity does ("pengu"), else ""
    time: str  # ISO year, date or interval ("1937", "2014/2019"), "" when the question names none


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("koryo.data").joinpath("ask.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that say nothing about a subject or a measure, in every language: the question words
    of `ask.json` and claims' measure stop words."""
    return frozenset(w for ws in words()["stop"].values() for w in ws) | _measure_stop()


@lru_cache(maxsize=1)
def _same() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in words()["same"]:
        stems = {term(w) for phrase in group for w in WORD.findall(phrase.casefold())}
        for t in stems:
            out.setdefault(t, set()).update(stems)
    return {t: frozenset(v) for t, v in out.items()}


def same(t: str) -> frozenset[str]:
    """The term and those `ask.json` says name the same thing ("soldi": "troop", "servi")."""
    return _same().get(t, frozenset()) | {t}


def subject_keys(mentions: list[EntityMention] | tuple[EntityMention, ...]) -> frozenset[str]:
    """Entity keys, plus "nat:XX" for a place and for a group of one nationality, so that
    "Kazakhstanis" and "nationals of Kazakhstan" and "Kazakhstan" meet."""
    keys = set()
    for m in mentions:
        keys.add(m.key)
        if m.type == "place" and m.key.startswith("place:") and len(m.key) == 8:
            keys.add("nat:" + m.key[6:])
        elif m.type == "group":
            country = nationality_of(m)
            if country:
                keys.add("nat:" + country)
    return frozenset(keys)


def with_nationalities(mentions: list[EntityMention] | tuple[EntityMention, ...], text: str) -> list[EntityMention]:
    """The mentions, and for a group whose name as written (or the word before it) says a nationality
    its merged name has lost ("Uzbek labour migrants", merged as migrant workers), that country as a mention too: a
    question about Uzbek migrants is not answered with Nepali ones."""
    out = list(mentions)
    for m in mentions:
        if m.type == "group" and not nationality_of(m):
            word_before = re.search(r"([^\W\d_]+)\s+$", text[max(0, m.start - 30) : m.start])
            written = (word_before.group(1) + " " if word_before else "") + text[m.start : m.end]
            country = nationality_of(replace(m, key="", name=written))  # by its adjective, not its merged entry
            if country:
                out.append(EntityMention(m.start, m.end, "place:" + country, "place", country))
    return out


def _at_word(text: str, phrase: str, lang: str) -> int:
    """Where `phrase` starts in `text` at a word start (anywhere for Korean), else -1."""
    if lang == "ko":
        return text.find(phrase)
    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)
    return m.start() if m else -1


def _language(text: str) -> str:
    """The question's language: the one whose question words it uses, else lingua's guess (short
    questions fool detectors: "When did the visa-free agreement …" reads as Spanish)."""
    folded = text.casefold()
    hits = {lang: sum(_at_word(folded, p, lang) >= 0 for phrases in types.values() for p in phrases)
            for lang, types in words()["types"].items()}
    best = max(hits, key=lambda k: hits[k])
    return best if hits[best] else detect_language(text)


def _answer_type(folded: str, lang: str) -> tuple[str, str, int]:
    """The type of the longest question phrase found (ties: the earliest), for a list the entity
    type the word after it names, and where the phrase ends."""
    found = [(len(p), -pos, t) for t, phrases in words()["types"].get(lang, {}).items()
             for p in phrases for pos in [_at_word(folded, p, lang)] if pos >= 0]
    length, at, answer = max(found) if found else (0, 0, "count")
    end = length - at
    if answer == "who":
        return "list", "person", end
    list_of = ""
    if answer in ("list", "place"):
        for kind, nouns in words()["list_of"].items():
            if any(_at_word(folded, n, lang) >= 0 for n in nouns):
                list_of = kind
                break
        if answer == "list" and list_of in ("place", ""):
            answer = "place" if list_of else "count"
    return answer, list_of, end


def read_question(text: str) -> Question:
    """The question read; UsageError when it is empty, has no words or is too long."""
    text = " ".join((text or "").split())
    if not text:
        raise UsageError("q: ask a question (for example: How many Koreans were deported in 1937?)")
    if len(text) > MAX_QUESTION_CHARS:
        raise UsageError(f"q: at most {MAX_QUESTION_CHARS} characters (this one has {len(text)})")
    if not WORD.search(text):
        raise UsageError("q: a question needs words")
    lang = _language(text)
    folded = text.casefold()
    answer, list_of, asked_end = _answer_type(folded, lang)
    doc = Document(title="", article="", format="text", language=lang, text=text)
    mentions = tuple(with_nationalities(find_mentions(doc, sentences(doc)), text))
    dates = find_dates(text, 0, lang)
    time = ""
    if dates:
        d = dates[0]
        time = d.date[:4] if not d.end_date or d.end_date[:4] == d.date[:4] else f"{d.date[:4]}/{d.end_date[:4]}"
    named = {i for m in mentions for i in range(m.start, m.end)} | {i for d in dates for i in range(d.start, d.end)}
    asked = {w for phrases in words()["types"].get(lang, {}).values() for p in phrases for w in p.split()}
    asked |= {w for nouns in words()["list_of"].values() for n in nouns for w in n.split()} if answer in ("list", "place") else set()
    stems = frozenset(term(m.group()) for m in WORD.finditer(folded)
                      if m.start() not in named and m.group() not in asked and is_term(m.group()))
    # what a count counts: the first word after "how many" that names no entity ("penguins")
    counted = next((term(m.group()) for m in WORD.finditer(folded, asked_end) if m.start() not in named
                    and is_term(m.group())), "") if answer == "count" and words()["counted_follows"].get(lang) else ""
    units = merged(lang).units
    # a word that names an entity or a date is not what is counted ("Russia" is no unit)
    named_units = frozenset(units.get(m.group(), m.group()) for m in WORD.finditer(folded) if m.start() not in named)
    return Question(text, lang, answer, list_of, mentions, subject_keys(mentions), stems, named_units, counted, time)


__all__ = ["ANSWER_TYPES", "MAX_QUESTION_CHARS", "Question", "read_question", "same", "subject_keys", "term", "terms", "with_nationalities", "words"]
