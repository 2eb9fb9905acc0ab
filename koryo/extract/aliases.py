"""One entity across its names in a document: an organisation and its abbreviation, a surname
alone after the full name (in any case: "Денис Тен … Тена"), a name and its spelling in another
script in brackets; and an entity's spellings grouped by script for the CLI and the site."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from koryo.extract.gazetteer import Known, gazetteer
from koryo.extract.ner import person_lemma
from koryo.extract.organisations import ACRONYM_AFTER
from koryo.extract.sentences import Sentence
from koryo.extract.shapes import korean_name
from koryo.model import EntityMention
from koryo.places import base_forms, lookup


def abbreviations(text: str, sents: list[Sentence], found: list[EntityMention], acronyms: dict[str, EntityMention],
                  by_alias: dict[str, Known]) -> list[EntityMention]:
    """Abbreviations are their organisation: "Kazakhstan Council on International Relations (KCIR)"
    … a later "KCIR"; a later "Neomeo" after "Neomeo is an Ansan based organization" (`acronyms`,
    found by the caller); and any organisation written with its abbreviation in brackets."""
    acronyms = acronyms | _bracketed_abbreviations(text, found)
    if not acronyms:
        return found
    final = {(m.start, m.end): m for m in found}  # the name as the merge kept it ("org:kis", not its words)
    acronyms = {a: final.get((o.start, o.end), o) for a, o in acronyms.items()}
    # one the model or a shape keyed by its own letters is the organisation it abbreviates
    found = [_abbreviation(m, acronyms, text, by_alias) for m in found]
    rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")
    taken = [(m.start, m.end) for m in found]
    for s in sents:
        for m in rx.finditer(text, s.start, s.end):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                org = acronyms[m.group(1)]
                found.append(EntityMention(m.start(), m.end(), org.key, org.type, org.name))
    return found


_ACRONYM_BEFORE = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,7})\s*\($")


def _bracketed_abbreviations(text: str, found: list[EntityMention]) -> dict[str, EntityMention]:
    """Organisations written with their abbreviation in brackets after or before them: "Eurasian
    Economic Union (EAEU)", "AOKA (Agency of Information and Mass Communications)"."""
    out = {}
    for m in found:
        if m.type != "organisation":
            continue
        after = ACRONYM_AFTER.match(text, m.end)
        before = _ACRONYM_BEFORE.search(text, max(0, m.start - 12), m.start) if text[m.end : m.end + 1] == ")" else None
        for abbr in (after.group(1) if after else None, before.group(1) if before else None):
            if abbr and abbr != text[m.start : m.end]:
                out.setdefault(abbr, m)
    return out


def _abbreviation(m: EntityMention, acronyms: dict[str, EntityMention], text: str, by_alias: dict[str, Known]) -> EntityMention:
    surface = text[m.start : m.end]
    org = acronyms.get(surface)
    if org is None or m.key == org.key or surface.casefold() in by_alias:
        return m
    return EntityMention(m.start, m.end, org.key, org.type, org.name)


def translations(text: str, found: list[EntityMention]) -> list[EntityMention]:
    """A name followed by its spelling in another script in brackets is one entity: "The Consulate
    General of the Republic of Korea (Посольство Республики Корея …)", "Goryeoin (고려인)"; so is a
    name followed by an abbreviation the gazetteer lists."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        between = text[a.end : b.start]
        if between.strip() != "(" or text[b.end : b.end + 1] != ")":
            continue
        if a.type in (b.type, "organisation", "person") and _script(text[a.start : a.end]) != _script(text[b.start : b.end]):
            out[i + 1] = EntityMention(b.start, b.end, a.key, a.type, a.name)
        elif a.type == b.type == "organisation" and text[b.start : b.end].isupper() and not _listed(a.key) and _listed(b.key):
            # "Федеральная миграционная служба (ФМС)": the name takes the listed abbreviation's entity
            out[i] = EntityMention(a.start, a.end, b.key, b.type, b.name)
    return out


def _listed(key: str) -> bool:
    """A key of the curated gazetteer, not one made from a name's own letters."""
    return key in _curated_keys()


@lru_cache(maxsize=1)
def _curated_keys() -> frozenset[str]:
    return frozenset(k.key for k in gazetteer()[2].values())


def _script(name: str) -> str:
    letter = next((c for c in name if c.isalpha()), "a")
    return "hangul" if "\uac00" <= letter <= "\ud7a3" else "cyrillic" if "\u0400" <= letter <= "\u04ff" else "latin"


_SCRIPT_NAMES = {"latin": "Latin", "cyrillic": "Cyrillic", "hangul": "Hangul", "han": "Han", "kana": "Kana", "other": "other"}


def aliases_by_script(aliases: list[str]) -> dict[str, list[str]]:
    """An entity's spellings grouped by the script they are written in, in the order met:
    {"Latin": ["Kim Il Sung"], "Cyrillic": ["Ким Ир Сен"], "Hangul": ["김일성"]}."""
    out: dict[str, list[str]] = {}
    for alias in aliases:
        letter = next((c for c in alias if c.isalpha()), "a")
        script = ("han" if "\u4e00" <= letter <= "\u9fff" else "kana" if "\u3040" <= letter <= "\u30ff"
                  else _script(alias) if letter.isascii() or "\u00c0" <= letter <= "\u024f" or "\u0400" <= letter <= "\u04ff"
                  or "\uac00" <= letter <= "\ud7a3" else "other")
        out.setdefault(_SCRIPT_NAMES[script], []).append(alias)
    return out


def surnames(text: str, sents: list[Sentence], found: list[EntityMention], lang: str) -> list[EntityMention]:
    """A surname alone after the person's full name in the same document is that person
    ("Emomali Rahmon … Rahmon"); Korean names put the surname first ("Lee Seong-kweun … Lee"); in a
    language with case endings the surname may be inflected ("Денис Тен … Тена"). Returns every
    mention, the lone surnames the model found re-keyed to their person."""
    people: dict[str, EntityMention] = {}
    for m in found:
        words = m.name.split()
        if m.type != "person" or len(words) < 2:
            continue
        ordered = korean_name(m.name) or m.name  # "Min-seok Kim" is "Kim Min-seok"
        korean = ordered != m.name or bool(re.search(r"-[a-z]", words[-1])) or "\uac00" <= m.name[:1] <= "\ud7a3"
        surname = ordered.split()[0] if korean else words[-1]
        if len(surname) >= 3 and surname[:1].isupper() and not lookup(surname):
            people.setdefault(surname, m)
    if not people:
        return found

    def person(word: str, at: int) -> EntityMention | None:
        first = people.get(word) or people.get(person_lemma(word, lang)) or next(
            (people[f] for f in base_forms(word, lang) if f in people), None)
        return first if first is not None and at > first.start else None

    out = []
    for m in found:
        first = person(text[m.start : m.end], m.start) if m.type == "person" and " " not in text[m.start : m.end] else None
        out.append(EntityMention(m.start, m.end, first.key, "person", first.name) if first else m)
    # a case ending may follow ("Тена"); person() keeps only the words that are the surname
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, people)) + r")[^\W\d_]{0,3}(?![\w-])")
    taken = sorted((m.start, m.end) for m in found)
    starts = [a for a, _ in taken]
    reach = list(itertools.accumulate((b for _, b in taken), max))  # the furthest end of the spans up to each
    for s in sents:
        for m in rx.finditer(text, s.start, s.end):
            first = person(m.group(0), m.start())
            i = bisect.bisect_left(starts, m.end()) - 1  # the spans starting before this one ends: does any reach into it?
            if first is not None and not (i >= 0 and reach[i] > m.start()):
                out.append(EntityMention(m.start(), m.end(), first.key, "person", first.name))
    return out
