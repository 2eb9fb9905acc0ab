"""Conflicts and agreements: statements under one claim key and one time, compared.

Values disagree when the ranges they allow do not meet: a range, a bound ("more than"), an
approximation ("roughly", "close to": ±2%) and the rounding of the printed figure ("12 thousand":
±500) all widen a value. The same figure given for two different periods is a `date` conflict.
Revisions of one article are compared too (a changed figure is a conflict), but they do not
confirm each other: an agreement needs two different sources.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from koryo.reconcile.claims import Statement


@dataclass(frozen=True)
class Conflict:
    key: str
    kind: str  # value | range | date | agreement
    explanation: str
    statements: tuple[Statement, ...]


def _fmt(s: Statement) -> str:
    return f"{s.raw!s} ({s.doc})"


def _overlap(a: Statement, b: Statement) -> bool:
    (a0, a1), (b0, b1) = a.interval(), b.interval()
    return a0 <= b1 and b0 <= a1


def _periods_overlap(a: str, b: str) -> bool:
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    a1, b1 = a1 or a0, b1 or b0
    return a0 <= b1[: len(a0)] and b0 <= a1[: len(b0)]


def comparable(a: Statement, b: Statement) -> bool:
    """Not one sentence twice, and not two cells of one table (its columns are different indicators)."""
    if a.doc == b.doc and a.start == b.start:
        return False
    return not (a.doc == b.doc and a.table is not None and a.table == b.table)


def reconcile(statements: list[Statement]) -> list[Conflict]:
    """Every conflict and every agreement among the statements."""
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        groups[s.key].append(s)
    out: list[Conflict] = []
    for key, items in groups.items():
        by_time: dict[str, list[Statement]] = defaultdict(list)
        for s in items:
            by_time[s.time].append(s)
        for time, same_time in sorted(by_time.items()):
            pairs = [(a, b) for a, b in combinations(same_time, 2) if comparable(a, b)]
            disagree = [(a, b) for a, b in pairs if not _overlap(a, b)]
            if disagree:
                involved = tuple(dict.fromkeys(s for pair in disagree for s in pair))
                kind = "range" if any(s.low is not None or s.high is not None for s in involved) else "value"
                explanation = (
                    f"{involved[0].about}, {time.replace('/', '–')}: " + " vs ".join(_fmt(s) for s in involved) + " do not agree"
                )
                out.append(Conflict(key, kind, explanation, involved))
            agreeing = [(a, b) for a, b in pairs if _overlap(a, b) and a.article != b.article]
            if agreeing and not disagree:
                involved = tuple(dict.fromkeys(s for pair in agreeing for s in pair))
                explanation = f"{involved[0].about}, {time.replace('/', '–')}: " + ", ".join(_fmt(s) for s in involved) + " agree"
                out.append(Conflict(key, "agreement", explanation, involved))
        # The same figure for two different periods ("48,906 … from 1994 to 2019" and "… 1994-2018").
        for a, b in combinations(items, 2):
            if a.time != b.time and "/" in a.time + b.time and a.value is not None and a.value == b.value \
                    and _periods_overlap(a.time, b.time) and comparable(a, b):
                explanation = (
                    f"{a.about}: the same figure {a.raw} is given for {a.time.replace('/', '–')} ({a.doc}) "
                    f"and for {b.time.replace('/', '–')} ({b.doc})"
                )
                out.append(Conflict(key, "date", explanation, (a, b)))
    return out
