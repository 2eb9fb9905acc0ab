"""The words a pattern's every match holds (extract/guards.py): read right from the pattern, and
never a guard that hides a match, on the seeds' sentences, for every pattern searched through one."""

from __future__ import annotations

import re

import pytest

from koryo.extract import entities, shapes
from koryo.extract.guards import might_match, required_words
from koryo.extract.sentences import sentences
from koryo.readers import read_file
from tests.conftest import ROOT


def words(pattern: str, flags: int = 0) -> set[str] | None:
    found = required_words(re.compile(pattern, flags))
    return None if found is None else set(found)


def test_words_of_literals_alternations_groups_and_repeats() -> None:
    assert words(r"(?<![\w-])(?:Treaty|Convention|Protocol)\s+of\s+[A-Z][\w-]+") == {"Treaty", "Convention", "Protocol"}
    assert words(r"\bNGOs?\s+[A-Z]") == {"NGO"}  # "s?" may be absent: the run stops before it
    assert words(r"[Tt]reaty") == {"reaty"}  # a class of two letters names no word; the run after it does
    assert words(r"(?:ab){2,3}x") == {"ab"}  # repeated at least once: longer than the "x" after it
    assert words(r"(?m)^By\s+[A-Z]") == {"By"}
    assert words(r"(?:\d+-)+[A-Z]") == {"-"}


def test_no_words_where_a_match_may_hold_none() -> None:
    assert words(r"[A-Z][a-z]+\s[A-Z]\.") == {"."}
    assert words(r"[A-Z][a-z]+\s[A-Z]") is None  # classes only
    assert words(r"(?:said|)\s") is None  # an empty alternative
    assert words(r"(?:Treaty)?\s+[A-Z]") is None  # optional
    assert words(r"(?=Treaty)\w+") is None  # a look-ahead holds no part of the match
    assert words(r"treaty", re.I) is None  # "TREATY" holds no "treaty"
    assert words(r"(?i:treaty) of") == {" of"}


def test_might_match() -> None:
    found = required_words(re.compile(r"\b(?:said|told)\b"))
    assert might_match(found, "Kim told reporters") and not might_match(found, "Kim spoke")
    assert might_match(None, "")


@pytest.mark.parametrize("lang", ["en", "ru", "ko", "de"])
def test_no_guard_hides_a_match(lang: str) -> None:
    texts = [read_file(p)[1] for p in sorted((ROOT.parent / "shared" / "seeds").glob("*"))]
    texts += [read_file(p)[1] for p in sorted((ROOT.parent / "shared" / "devset" / "docs").glob("*"))]
    chunks = [d.text[s.start : s.end] for d in texts for s in sentences(d)]
    patterns = [rx for rx, _ in shapes._rules(lang).patterns]
    patterns += [entities._NGO, entities._SELF_DESCRIBED, entities._PERSON_TITLE, entities._PERSON_APPOSITION,
                 entities._PERSON_SAID, entities._GROUP, entities._DEMONYM, entities._URL]
    matched = 0
    for rx in patterns:
        found = required_words(rx)
        for chunk in chunks:
            if rx.search(chunk):
                matched += 1
                assert might_match(found, chunk), (rx.pattern, chunk)
    assert matched > 100  # the check saw matches, not only sentences without any
