"""The same-claim judge: do two statements, written by different people in different words and
languages, give a figure for one and the same thing?

Exact keys (who, status, place, unit) meet only when two sentences are built alike. The judge
meets the rest in two steps:

1. **Blocking** — cheap, exhaustive: two statements are candidates when they are of one kind of
   quantity (people, money in one currency, a share, a distance…; a bare figure meets people and
   counts), of one order of magnitude, not stated for two different times or two different places,
   about something in common (an entity their sentences or rows name, or what their documents are
   most about), and — when written in one language — not of two different doings ("died", "took
   part": the words of what is measured, `claims.measure_stems`).
2. **Scoring** — a logistic model over what a careful reader weighs: the similarity of the two
   sentences with the figures masked (a multilingual sentence embedding, so a Russian and a German
   sentence meet), the entities they share, whether a time and a place
   are stated alike, how close the figures are, and whether they come from one document or one
   article's copies. Its weights and threshold are fitted on hand-labelled conflicts
   (`tools/fit_judge.py`, which prints the precision/recall curve) and kept in
   `koryo/data/judge.json`.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from koryo.reconcile.claims import Statement, stem

# Statements further apart than this never meet: 176,411 and 153,156 are one claim's figures,
# 6,000 and 634 may be too, but nothing the judge weighs tells them from unrelated figures.
RATIO = 3.0
DATE_WINDOW = 731  # days: two dates of one happening a source may give (1 May and 18 May 1944; 2001 and 2002)

Embed = Callable[[Sequence[str]], np.ndarray]

FEATURES = ("cosine", "entities", "time", "place", "closeness", "same_document", "same_article", "topic")


@dataclass(frozen=True)
class Weights:
    bias: float
    weights: tuple[float, ...]
    threshold: float

    def score(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def weights() -> Weights:
    data = json.loads(resources.files("koryo.data").joinpath("judge.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES, "judge.json was fitted for other features: run tools/fit_judge.py"
    return Weights(data["bias"], tuple(data["weights"]), data["threshold"])


def is_date(s: Statement) -> bool:
    return s.family.startswith("date:")


def _kind(s: Statement) -> str:
    return s.family if s.family else "bare"


def kinds_meet(a: Statement, b: Statement) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka == kb:
        return True
    people = {"people", "bare"} | {k for k in (ka, kb) if k.startswith("count:")}
    return "bare" in (ka, kb) and ka in people and kb in people


def point(s: Statement) -> float:
    """A statement's figure as one number: its value, else the end of its range or bound it gives."""
    for v in (s.value, s.low, s.high):
        if v is not None:
            return abs(float(v))
    return 0.0


def _stated(s: Statement) -> str:
    return s.time if s.time_source != "document" else ""


def _times_meet(a: Statement, b: Statement) -> bool:
    ta, tb = _stated(a), _stated(b)
    if ta and b.time_source == "document" or tb and a.time_source == "document":
        # a figure a text gives as current, and one it dates: the same claim only for that year
        return (ta or a.time)[:4] == (tb or b.time)[:4]
    if not ta or not tb:
        return True
    return ta[:4] == tb[:4] or "/" in ta + tb and _spans_meet(ta, tb)


def _spans_meet(a: str, b: str) -> bool:
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    return a0[:4] <= (b1 or b0)[:4] and b0[:4] <= (a1 or a0)[:4]


def candidates(statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """Index pairs of statements that may be one claim (blocking; see the module's text)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        if point(s) <= 0:
            continue
        for key in s.entities | s.topic | {"doc:" + s.doc}:
            blocks[key + (" date" if is_date(s) else "")].append(i)
    pairs: set[tuple[int, int]] = set()
    points = [point(s) for s in statements]
    for key, members in blocks.items():
        members.sort(key=points.__getitem__)
        dates = key.endswith(" date")
        for n, i in enumerate(members):
            # the first figure too far for `_closeness`: a factor of RATIO, or DATE_WINDOW days
            limit = points[i] + DATE_WINDOW if dates else points[i] * RATIO
            for j in members[n + 1 :]:
                if points[j] >= limit:
                    break
                pairs.add((i, j) if i < j else (j, i))
    return sorted(p for p in pairs if _may_meet(statements[p[0]], statements[p[1]]))


def _closeness(x: float, y: float, dates: bool) -> float:
    """1 for one figure, falling to 0 at the widest gap two statements of one claim may show (a
    factor of RATIO between figures, DATE_WINDOW between dates)."""
    gap = abs(x - y) / DATE_WINDOW if dates else abs(math.log(x / y)) / math.log(RATIO)
    return max(0.0, 1.0 - gap)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], frozenset[str]]:
    """Each group's larger group (entities.json `part_of`), and the words of group names that say
    what people do rather than who they are (measure.json `status`)."""
    data = resources.files("koryo.data")
    parents = {e["id"]: e["part_of"] for e in json.loads(data.joinpath("entities.json").read_text(encoding="utf-8"))["entities"]
               if "part_of" in e}
    status = frozenset(json.loads(data.joinpath("measure.json").read_text(encoding="utf-8"))["status"])
    return parents, status


def _own(key: str) -> frozenset[str]:
    """The word stems of a group key's own name, without the words of what its people do:
    "group:north korean soldiers" is {north, korea}."""
    status = _vocabulary()[1]
    return frozenset(stem(w) for w in re.findall(r"[^\W\d_]+", key.split(":", 1)[-1]) if w.casefold() not in status and len(w) > 2)


def _lineage(key: str) -> set[str]:
    parents = _vocabulary()[0]
    out = set()
    while key and key not in out:
        out.add(key)
        key = parents.get(key, "")
    return out


def _peoples_meet(a: str, b: str) -> bool:
    """One group is part of the other (Koryo-saram and Koreans), or their names share a word (North
    Korean soldiers and North Koreans); two parts of one larger group (Koryo-saram and Sakhalin
    Koreans) do not meet."""
    return a in _lineage(b) or b in _lineage(a) or bool(_own(a) & _own(b))


def _groups(s: Statement) -> frozenset[str]:
    return frozenset(k for k in s.entities | s.topic if k.startswith("group:"))


def coherent(a: Statement, b: Statement) -> bool:
    """Nothing rules out that the two give one claim's figure: not two places of one sentence, one
    kind of quantity, no two times, no two places of rows, if both name the people they are about
    some of them in common, and figures (or dates) no further apart than one claim's may be."""
    if crossed(a, b):
        return False
    if a.where and b.where and a.where != b.where and "table" in (a.kind, b.kind):
        return False  # a row's place is what it counts ("Kazakhstan | 105,000"); a sentence's may be an origin
    ga, gb = _groups(a), _groups(b)
    if ga and gb and not any(_peoples_meet(x, y) for x in ga for y in gb):
        return False  # Crimean Tatars and Koryo-saram
    return kinds_meet(a, b) and _times_meet(a, b) and _closeness(point(a), point(b), is_date(a)) > 0


_DIGITS = re.compile(r"\d[\d,.\u00a0 ]*\d|\d")


@lru_cache(maxsize=65536)
def _figures(context: str) -> frozenset[str]:
    return frozenset(_digits(m.group()) for m in _DIGITS.finditer(context))


@lru_cache(maxsize=65536)
def _digits(raw: str) -> str:
    return re.sub(r"\D", "", raw)


def crossed(a: Statement, b: Statement) -> bool:
    """Each figure printed beside the other ("Of the 193,865 deported, 151,136 were sent to …" in two
    copies): two places of one sentence, a whole and its part, not two values of one claim."""
    da, db = _digits(a.raw), _digits(b.raw)
    return bool(da and db and da != db and (da in _figures(b.context) or db in _figures(a.context)))


def _may_meet(a: Statement, b: Statement) -> bool:
    if a.doc == b.doc and (a.start == b.start or a.table is not None and a.table == b.table):
        return False  # one sentence twice, or two cells of one table (its columns are different indicators)
    if a.kind == b.kind == "table" and a.article == b.article:
        return False  # cells of one article's copies meet by their table and row (their key); two of its tables
        # that print one row differently are the table checks' to report (koryo checks)
    if a.language == b.language and a.measure and b.measure and not a.measure & b.measure:
        return False  # said in one language, of different doings: "died" and "took part"
    if not (a.family or a.subject or b.family or b.subject):
        return False  # two bare numbers ("Centre No. 147"): nothing says what either counts
    if a.family == "share" and a.article != b.article:
        return False  # a share says too little of what it is a share of to be met by its words alone
    return coherent(a, b)


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


# Two figures of one document are one claim's only where the text says the same thing twice (a lead
# repeated in the body), in words this alike.
REPEAT = 0.95

# One text may also give one figure twice, printed a little differently (363,087 in its lead and
# 360,387 in its body; 28,200–40,000 and 28,000–40,000; 4,71 and 4,7 millones): figures this near,
# in sentences on one subject, are one claim's whatever the judge's weights say. Not shares (a
# text's list of shares holds many near ones: 26.7% and 26.8%) and not dates.
RESTATED = 0.01
RESTATED_COSINE = 0.8


def restated(a: Statement, b: Statement) -> bool:
    """Two sentences of one document giving nearly the same figure, printed differently (their
    words are compared by the caller)."""
    if a.doc != b.doc or a.kind != "prose" or b.kind != "prose" or a.raw == b.raw or not kinds_meet(a, b):
        return False
    if a.family == "share" or is_date(a):
        return False
    ends = [(x, y) for x, y in ((a.value, b.value), (a.low, b.low), (a.high, b.high)) if x is not None or y is not None]
    return bool(ends) and all(x is not None and y is not None and x > 0 and y > 0 and abs(math.log(x / y)) <= RESTATED
                              for x, y in ends) and (a.value, a.low, a.high) != (b.value, b.low, b.high)


# e5's cosines between any two sentences lie mostly above 0.7: the judge sees where in that band a pair is.
COSINE_FLOOR = 0.7


def features(a: Statement, b: Statement, cosine: float) -> tuple[float, ...]:
    """What the judge weighs, each in [0, 1] (see FEATURES)."""
    ta, tb = _stated(a), _stated(b)
    closeness = _closeness(point(a), point(b), is_date(a))
    return (
        max(0.0, cosine - COSINE_FLOOR) / (1 - COSINE_FLOOR),
        _overlap(a.entities, b.entities),
        1.0 if ta and ta == tb else 0.0,
        1.0 if a.where and a.where == b.where else 0.0,
        closeness,
        1.0 if a.doc == b.doc else 0.0,
        1.0 if a.article == b.article and a.doc != b.doc else 0.0,
        _overlap(a.topic, b.topic),
    )


def ident(s: Statement) -> str:
    """A statement's name that stays the same from one ingest to the next while its document does."""
    return f"{s.doc}\t{s.kind}\t{s.table}\t{s.mention_start}\t{s.mention_end}\t{s.key}"


@dataclass
class Scored:
    """The candidate pairs scored before (their features, by the two statements' `ident`s in
    order) and the statements all of whose pairs those are: a new ingest embeds and scores only the
    pairs a new statement makes, and adds them (`added`, to be kept)."""

    known: set[str] = field(default_factory=set)
    features: dict[tuple[str, str], tuple[float, ...]] = field(default_factory=dict)
    added: dict[tuple[str, str], tuple[float, ...]] = field(default_factory=dict)


def scored_pairs(statements: Sequence[Statement], embed: Embed, within: Weights | None = None,
                 scored: Scored | None = None) -> list[tuple[int, int, tuple[float, ...]]]:
    """Every candidate pair with its features (the contexts embedded once, in one batch). Given the
    judge's weights, pairs that could not reach its threshold even with identical sentences are left
    out before anything is embedded: the model is the costly part. Given the pairs `scored` before,
    only those with a statement new to it are worked out."""
    pairs = candidates(statements)
    if within is not None:
        pairs = [(i, j) for i, j in pairs if within.score(features(statements[i], statements[j], 1.0)) >= within.threshold
                 or restated(statements[i], statements[j])]
    names = [ident(s) for s in statements] if scored is not None else []
    found: dict[tuple[int, int], tuple[float, ...]] = {}
    todo = pairs
    if scored is not None:
        todo = []
        for i, j in pairs:
            if names[i] in scored.known and names[j] in scored.known:
                x = scored.features.get(_named(names[i], names[j]))
                if x is not None:
                    found[(i, j)] = x
            else:
                todo.append((i, j))
    used = sorted({i for p in todo for i in p})
    row = {i: n for n, i in enumerate(used)}
    vectors = embed([statements[i].context for i in used]) if used else None
    for i, j in todo:
        assert vectors is not None
        cosine = float(vectors[row[i]] @ vectors[row[j]])
        a, b = statements[i], statements[j]
        repeated = cosine >= REPEAT and a.family != "share"  # a text's shares worded alike are shares of different wholes
        if a.doc == b.doc and not repeated and not (restated(a, b) and cosine >= RESTATED_COSINE):
            continue  # one text's figures are most often a whole and its parts, or different things
        found[(i, j)] = features(a, b, cosine)
        if scored is not None:
            scored.features[_named(names[i], names[j])] = scored.added[_named(names[i], names[j])] = found[(i, j)]
    if scored is not None:
        scored.known.update(names)
    return [(i, j, found[(i, j)]) for i, j in pairs if (i, j) in found]


def _named(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def one_to_one(statements: Sequence[Statement], scored: Sequence[tuple[int, int, float]], threshold: float) -> list[tuple[int, int]]:
    """The pairs scoring at least the threshold that are each other's best match: a document states
    one claim's figure once, so of the figures of another document a statement meets only the one the
    judge likes best, and only if that one likes it best in return."""
    best: dict[tuple[int, str], float] = {}
    for i, j, p in scored:
        for a, b in ((i, j), (j, i)):
            key = (a, statements[b].doc)
            best[key] = max(best.get(key, 0.0), p)
    return [(i, j) for i, j, p in scored
            if p >= threshold and p >= best[(i, statements[j].doc)] and p >= best[(j, statements[i].doc)]]


def _copies(statements: Sequence[Statement]) -> tuple[list[Statement], dict[int, list[Statement]]]:
    """One statement for each set of identical ones in copies of one article (mirrors, revisions
    that left a sentence as it was), and the copies each stands for: the judge needs to read a
    sentence once, however many sites print it."""
    first: dict[tuple[object, ...], int] = {}
    shown: list[Statement] = []
    copies: dict[int, list[Statement]] = defaultdict(list)
    for s in statements:
        key = (s.article, s.context, s.value, s.low, s.high, s.family, s.kind)
        if key in first:
            copies[first[key]].append(s)
        else:
            first[key] = len(shown)
            shown.append(s)
    return shown, copies


def same_claim(statements: Sequence[Statement], embed: Embed, scored: Scored | None = None) -> list[tuple[Statement, Statement]]:
    """The pairs the judge takes for one claim; a statement's copies are paired like it."""
    w = weights()
    shown, copies = _copies(statements)
    judged = [(i, j, 1.0 if restated(shown[i], shown[j]) else w.score(x)) for i, j, x in scored_pairs(shown, embed, w, scored)]
    out = []
    for i, j in one_to_one(shown, judged, w.threshold):
        out.append((shown[i], shown[j]))
        out += [(c, shown[j]) for c in copies[i]] + [(shown[i], c) for c in copies[j]]
    return out
