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


def _changed(a: Statement, b: Statement) -> bool:
    """Two copies of one article (revisions, mirrors) that print one claim's figure differently: the
    text was changed, even where the ranges still overlap ("12,589 to 50,000" became "12,589 to 14,895")."""
    return a.article == b.article and a.doc != b.doc and (a.value, a.low, a.high) != (b.value, b.low, b.high)


def comparable(a: Statement, b: Statement) -> bool:
    """Not one sentence twice, and not two cells of one table (its columns are different indicators)."""
    if a.doc == b.doc and a.start == b.start:
        return False
    return not (a.doc == b.doc and a.table is not None and a.table == b.table)


# Two figures further apart than this, where nothing else ties them, are taken to measure different things.
MAGNITUDE = 5.0


def compatible(a: Statement, b: Statement) -> bool:
    """Two statements under one key speak of the same moment, place and measure: the same stated time
    (a document's date stands for its year only), no two different places, and in prose at least one
    word of what is counted in common ("deported", "killed" and "sent" are different measures).

    Where the key ties them loosely — unkeyed prose (keyed only by its kind of quantity), two figures of
    one text (most often a whole and its parts), a figure dated only by its document — both must say
    what they measure, alike, and be of one order of magnitude; unkeyed prose must also count the same
    (a group or counted noun in common) and be given for the same place ("151,136 to the Uzbek SSR" is a
    part of "193,865 deported", not another count of it)."""
    if a.time_source == "document" or b.time_source == "document":
        if a.time[:4] != b.time[:4]:
            return False
    elif a.time != b.time:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.measure and b.measure and not a.measure & b.measure:
        return False
    unkeyed = a.key.startswith("family=")
    if unkeyed and not (a.subject & b.subject and a.place == b.place and (not (a.places and b.places) or a.places & b.places)):
        return False
    if unkeyed or a.kind == b.kind == "prose" and (a.doc == b.doc or "document" in (a.time_source, b.time_source)):
        return bool(a.measure & b.measure) and _magnitude(a, b)
    return True


def _magnitude(a: Statement, b: Statement) -> bool:
    va, vb = _point(a), _point(b)
    return va > 0 and vb > 0 and max(va, vb) / min(va, vb) <= MAGNITUDE


def _point(s: Statement) -> float:
    for v in (s.value, s.low, s.high):
        if v is not None:
            return abs(float(v))
    return 0.0


def _explain(involved: tuple[Statement, ...], joint: str, verdict: str) -> str:
    time = involved[0].time.replace("/", "–")
    return f"{involved[0].about}{', ' + time if time else ''}: " + joint.join(_fmt(s) for s in involved) + f" {verdict}"


def _components(pairs: list[tuple[Statement, Statement]]) -> list[tuple[Statement, ...]]:
    """The statements linked by the pairs, one group per connected set, in order of appearance."""
    parent: dict[Statement, Statement] = {}

    def root(s: Statement) -> Statement:
        while parent.setdefault(s, s) is not s:
            s = parent[s]
        return s

    order: list[Statement] = []
    for a, b in pairs:
        for s in (a, b):
            if s not in parent:
                order.append(s)
        parent[root(a)] = root(b)
    groups: dict[Statement, list[Statement]] = defaultdict(list)
    for s in order:
        groups[root(s)].append(s)
    return [tuple(g) for g in groups.values()]


def reconcile(statements: list[Statement]) -> list[Conflict]:
    """Every conflict and every agreement among the statements."""
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        groups[s.key].append(s)
    out: list[Conflict] = []
    for key, items in groups.items():
        pairs = [(a, b) for a, b in combinations(items, 2) if comparable(a, b) and compatible(a, b)]
        disagree = [(a, b) for a, b in pairs if not _overlap(a, b) or _changed(a, b)]
        in_conflict: set[Statement] = set()
        for involved in _components(disagree):
            in_conflict.update(involved)
            kind = "range" if any(s.low is not None or s.high is not None for s in involved) else "value"
            out.append(Conflict(key, kind, _explain(involved, " vs ", "do not agree"), involved))
        agreeing = [(a, b) for a, b in pairs if _overlap(a, b) and a.article != b.article
                    and a not in in_conflict and b not in in_conflict]
        for involved in _components(agreeing):
            out.append(Conflict(key, "agreement", _explain(involved, ", ", "agree"), involved))
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
