"""Sums in prose: a whole and the parts a document lists for it, which should add up.

"238 500 Tatars were deported: 151 136 to …, 8 597 to …, 4 286 to … and 29 846 to other regions"
gives parts adding up to 193,865. A list is a sentence giving three figures or more of one kind;
its whole is a larger figure of that kind said just before it (earlier in the sentence, before a
colon, or shortly before the sentence), not for another time than the parts (a series of years is
not a breakdown). Partial breakdowns are normal and neighbouring figures are often unrelated, so
the parts disagree with their whole only when they come within a twentieth of it without adding up
(a breakdown meant to be complete), or within a quarter when the list is closed by a word for
"the others" (per language in `koryo/data/measure.json`) — in both cases beyond what the rounding
of the printed figures allows.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from koryo.reconcile.claims import Statement
from koryo.reconcile.judge import kinds_meet

PARTS = 3  # figures in a sentence that make it a list
BEFORE = 600  # characters before the list where its whole may stand
NEAR = 0.05  # a breakdown this close to its whole is taken as meant to be complete
CLOSED = 0.25  # … and this close when it ends with "the others"
ROUNDING = 0.005  # relative slack for figures printed rounded ("366,3 ming", "1.5 million")


@dataclass(frozen=True)
class Sum:
    whole: Statement
    parts: tuple[Statement, ...]
    total: float

    def explanation(self) -> str:
        joined = " + ".join(p.raw for p in self.parts)
        return f"{self.whole.doc}: the parts {joined} add up to {self.total:,.0f}, not to {self.whole.raw}"


@lru_cache(maxsize=1)
def _others() -> re.Pattern[str]:
    data = json.loads(resources.files("koryo.data").joinpath("measure.json").read_text(encoding="utf-8"))
    words = sorted({w for ws in data["others"].values() for w in ws}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")", re.I)


def _value(s: Statement) -> float | None:
    return s.value if s.low is None and s.high is None else None


def sums(statements: Sequence[Statement], texts: Mapping[str, str]) -> list[Sum]:
    """Every whole whose listed parts disagree with it (see the module's text)."""
    by_sentence: dict[tuple[str, int], list[Statement]] = defaultdict(list)
    by_doc: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.kind == "prose" and _value(s) is not None and s.family != "share":
            by_sentence[(s.doc, s.start)].append(s)
            by_doc[s.doc].append(s)
    out = []
    for (doc, _), items in by_sentence.items():
        text = texts[doc]
        items.sort(key=lambda s: s.mention_start)
        for kind in {s.family for s in items}:
            # a figure that names no unit lists with those of the kind it may be ("238 500 Tatars …:
            # 151 136 to the Uzbek SSR, …")
            listed = [s for s in items if s.family == kind or kind and not s.family and kinds_meet(s, _of(kind, items))]
            found = _check(listed, by_doc[doc], text)
            if found:
                out.append(found)
    return out


def _of(kind: str, items: list[Statement]) -> Statement:
    return next(s for s in items if s.family == kind)


def _check(listed: list[Statement], in_doc: list[Statement], text: str) -> Sum | None:
    """The whole and parts of one list sentence, if they disagree."""
    for split in range(len(listed) - PARTS + 1):
        parts = listed[split:]
        first = parts[0]
        # the whole: earlier in the list's sentence before a colon, or just before the sentence
        wholes = [s for s in listed[:split] if ":" in text[s.mention_end : first.mention_start]]
        if split == 0:
            wholes = [s for s in in_doc if first.start - BEFORE <= s.mention_start < first.start and kinds_meet(s, first)]
        total = sum(_value(p) or 0.0 for p in parts)
        top = max(_value(p) or 0.0 for p in parts)
        closed = bool(_others().search(text, parts[-1].mention_start - 40, parts[-1].end))
        times = {p.time for p in parts if p.time_source != "document"}
        if len(times) > 1:
            continue  # a series, not a breakdown
        for whole in sorted(wholes, key=lambda s: -s.mention_start):  # the nearest first
            w = _value(whole)
            if w is None or w <= top or whole.approx or times and whole.time_source != "document" and {whole.time} != times:
                continue
            off = abs(total - w) / w
            if off <= ROUNDING:
                return None  # they add up
            if off <= NEAR or closed and off <= CLOSED:
                return Sum(whole, tuple(parts), total)
    return None
