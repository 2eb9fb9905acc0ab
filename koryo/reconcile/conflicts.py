"""Conflicts and agreements: statements under one claim key and one time, compared.

Values disagree when the ranges they allow do not meet: a range, a bound ("more than"), an
approximation ("roughly", "close to": ±2%) and the rounding of the printed figure ("12 thousand":
±500) all widen a value. The same figure given for two different periods is a `date` conflict.
Revisions of one article are compared too (a changed figure is a conflict), but they do not
confirm each other: an agreement needs two different sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from koryo.reconcile.claims import Statement
from koryo.reconcile.judge import Embed, Scored, coherent, crossed, is_date, point, restated, same_claim
from koryo.reconcile.identifiers import misnumbered
from koryo.reconcile.sums import sums


@dataclass(frozen=True)
class Conflict:
    key: str
    kind: str  # value | range | rounding | date | sum | identifier | agreement
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


def disagree(a: Statement, b: Statement) -> bool:
    """The values allowed by the two do not meet, or one article's copies print the figure
    differently, or one text gives it twice, exactly both times, but not alike (`judge.restated`)."""
    return not _overlap(a, b) or _changed(a, b) or restated(a, b) and not (a.approx or b.approx)


def _rounded_apart(involved: tuple[Statement, ...]) -> bool:
    """One figure rounded differently beyond what its rounding allows: every two of the figures miss
    each other by less than half the unit one of them is rounded to ("4.8 million" and 4,71
    millones: 4,71 rounds to 4.7)."""
    def near(a: Statement, b: Statement) -> bool:
        (a0, a1), (b0, b1) = a.interval(), b.interval()
        half = max(a.rounding(), b.rounding())
        return half > 0 and max(a0, b0) - min(a1, b1) < half
    return all(near(a, b) for a, b in combinations(involved, 2))


def comparable(a: Statement, b: Statement) -> bool:
    """Not one sentence twice, not two cells of one table (its columns are different indicators),
    and not two places of one copied sentence (`judge.crossed`)."""
    if a.doc == b.doc and a.start == b.start or crossed(a, b):
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
    elif a.time != b.time and not (a.key.startswith("work=") and not (a.time and b.time)):
        return False  # one row of one article's copies, dated in one of them only, is still one row
    if a.place and b.place and a.place != b.place:
        return False
    if a.article != b.article and (_status_only(a) or _status_only(b)):
        return False  # "workers" alone, in two texts, are rarely the same workers: the judge weighs those
    if a.measure and b.measure and not a.measure & b.measure:
        return False
    unkeyed = a.key.startswith("family=")
    if unkeyed and not (a.subject & b.subject and a.place == b.place and (not (a.places and b.places) or a.places & b.places)):
        return False
    if unkeyed or a.kind == b.kind == "prose" and (a.doc == b.doc or "document" in (a.time_source, b.time_source)):
        return bool(a.measure & b.measure) and _magnitude(a, b)
    return True


def _status_only(s: Statement) -> bool:
    """A key that names a status but neither who nor where ("who=;status=workers;place=;…")."""
    return s.key.startswith("who=;") and ";place=;" in s.key


def _magnitude(a: Statement, b: Statement) -> bool:
    va, vb = point(a), point(b)
    return va > 0 and vb > 0 and max(va, vb) / min(va, vb) <= MAGNITUDE


def _explain(involved: tuple[Statement, ...], joint: str, verdict: str) -> str:
    time = involved[0].time.replace("/", "–")
    return f"{involved[0].about}{', ' + time if time else ''}: " + joint.join(_fmt(s) for s in involved) + f" {verdict}"


def components(pairs: list[tuple[Statement, Statement]]) -> list[tuple[Statement, ...]]:
    """The statements linked by the pairs, one group per connected set, in order of appearance —
    except that two groups are joined only if every statement of one may meet every statement of
    the other (under one key, or `coherent`): "151,136 sent to the Uzbek SSR" may pair with an Uzbekistan figure, but
    that must not join the Crimean Tatars' claim to the Koryo-saram's."""
    members: dict[int, list[Statement]] = {}
    group_of: dict[Statement, int] = {}
    order: list[Statement] = []
    for a, b in pairs:
        for s in (a, b):
            if s not in group_of:
                group_of[s] = len(order)
                members[group_of[s]] = [s]
                order.append(s)
        ga, gb = group_of[a], group_of[b]
        if ga == gb or not all(x.key and x.key == y.key or coherent(x, y) for x in members[ga] for y in members[gb]):
            continue
        for s in members.pop(gb):
            group_of[s] = ga
            members[ga].append(s)
    seen: dict[int, list[Statement]] = {}
    for s in order:
        seen.setdefault(group_of[s], []).append(s)
    return [tuple(g) for g in seen.values() if len(g) > 1]


def _by_key(statements: list[Statement]) -> dict[str, list[Statement]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.key:
            groups[s.key].append(s)
    return groups


def _figures(statements: list[Statement]) -> list[Statement]:
    """All but the numbers of acts: "resolution 2397" is no quantity (identifiers.py compares them)."""
    return [s for s in statements if s.kind != "identifier"]


def same_claim_pairs(statements: list[Statement], embed: Embed | None = None, scored: Scored | None = None) -> list[tuple[Statement, Statement]]:
    """The pairs of statements of one claim: under one key and compatible, and — given a sentence
    embedding — those the same-claim judge pairs whatever their keys (with the pairs it `scored`
    before, if given: `judge.Scored`)."""
    pairs = [(a, b) for items in _by_key(statements).values() for a, b in combinations(items, 2)
             if comparable(a, b) and compatible(a, b)]
    if embed is not None:
        keyed = set(pairs)
        pairs += [p for p in same_claim(_figures(statements), embed, scored) if p not in keyed and p[::-1] not in keyed]
    return pairs


def reconcile(statements: list[Statement], embed: Embed | None = None, texts: Mapping[str, str] | None = None,
              scored: Scored | None = None) -> list[Conflict]:
    """Every conflict and every agreement among the statements: those under one claim key that
    speak of one time, place and measure, and — given a sentence embedding — the pairs the
    same-claim judge takes for one claim whatever their keys; given the documents' texts, the
    parts listed for a whole that do not add up to it."""
    groups = _by_key(statements)
    pairs = same_claim_pairs(statements, embed, scored)
    out: list[Conflict] = []
    in_conflict: set[Statement] = set()
    for involved in components([(a, b) for a, b in pairs if disagree(a, b)]):
        in_conflict.update(involved)
        kind = "date" if involved[0].family.startswith("date:") else \
            "range" if any(s.low is not None or s.high is not None for s in involved) else \
            "rounding" if _rounded_apart(involved) else "value"
        out.append(Conflict(involved[0].key, kind, _explain(involved, " vs ", "do not agree"), involved))
    # Two sources giving one date mostly share a year a figure is given for ("in 2018"): not worth
    # reporting as agreeing; a happening dated differently is.
    agreeing = [(a, b) for a, b in pairs if not disagree(a, b) and a.article != b.article and not is_date(a)
                and a not in in_conflict and b not in in_conflict]
    for involved in components(agreeing):
        out.append(Conflict(involved[0].key, "agreement", _explain(involved, ", ", "agree"), involved))
    for found in sums(_figures(statements), texts) if texts is not None else []:
        out.append(Conflict(found.whole.key, "sum", found.explanation(), (found.whole, *found.parts)))
    for act in misnumbered(statements, embed) if embed is not None else []:
        out.append(Conflict("identifier=" + act.kind, "identifier", act.explanation(), act.statements))
    for key, items in groups.items():
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
