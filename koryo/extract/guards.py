"""Cheap tests before costly patterns: the words one of which every match of a pattern holds,
read from the pattern itself, so that a sentence without any of them is not searched.

A pattern that begins with a look-behind is tried at every character of the text; a substring
test (`in`) runs at the speed of memory. The words are found in the parsed pattern: a run of
literal characters, an alternation of such runs, or a group or a repetition (at least once) of
them; look-arounds, classes and optional parts require nothing. Case-insensitive patterns get no
words (the test would have to fold the text first).
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

Words = frozenset[str]


def required_words(pattern: re.Pattern[str]) -> Words | None:
    """Words one of which every match of `pattern` holds, or None where none can be named."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    return _sequence(list(parser.parse(pattern.pattern, pattern.flags)))


def might_match(words: Words | None, text: str) -> bool:
    """False only where no match can be: none of the words is in `text`."""
    return words is None or any(w in text for w in words)


def _sequence(items: list[tuple[object, object]]) -> Words | None:
    """The most selective requirement among a sequence's items (any of them holds in a match);
    consecutive literal characters are one word."""
    best: Words | None = None
    run = ""
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(av)  # type: ignore[arg-type]
            continue
        if run:
            best = _better(best, frozenset([run]))
            run = ""
        if op is not None:
            best = _better(best, _item(op, av))
    return best


def _item(op: object, av: object) -> Words | None:
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av  # type: ignore[misc]
        return None if add_flags & re.IGNORECASE else _sequence(list(sub))
    if op is c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            words = _sequence(list(alternative))
            if words is None:
                return None
            out |= words
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, sub = av  # type: ignore[misc]
        return _sequence(list(sub)) if low >= 1 else None
    if op is c.IN and len(av) == 1 and av[0][0] is c.LITERAL:  # type: ignore[arg-type, index]
        return frozenset([chr(av[0][1])])  # type: ignore[index]
    return None


def _better(a: Words | None, b: Words | None) -> Words | None:
    """The more selective of two requirements: longer shortest word, then fewer words."""
    if a is None or b is None:
        return a if b is None else b
    return min((a, b), key=lambda w: (-min(map(len, w)), len(w)))
