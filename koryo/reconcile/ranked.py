"""Claims as a reader meets them: every statement of one claim side by side, with a rank.

A claim is the set of statements linked by same-claim pairs (`conflicts.same_claim_pairs`). Its
statements are never merged or overwritten; each gets a rank, as Wikidata's statements do, with
the reason in words:

- **deprecated** — an older revision (or earlier copy) of an article whose newer revision gives
  the claim another figure: the text was corrected;
- **preferred** — that newer revision; or a document's own table or infobox where its prose gives
  the same claim another figure (the table is what the prose quotes);
- **normal** — every other statement.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from koryo.reconcile.claims import Statement
from koryo.reconcile.conflicts import components, disagree
from koryo.reconcile.judge import is_date

PREFERRED, NORMAL, DEPRECATED = "preferred", "normal", "deprecated"


@dataclass(frozen=True)
class Ranked:
    statement: Statement
    rank: str
    reason: str


@dataclass(frozen=True)
class Claim:
    id: str  # stable while its statements are: a hash of where they stand
    about: str
    statements: tuple[Ranked, ...]
    agree: bool
    summary: str  # "3 sources agree on 171,781; 2 give other figures: 172,597, 173,000"


def claim_id(statements: tuple[Statement, ...]) -> str:
    where = sorted(f"{s.doc}:{s.mention_start}:{s.mention_end}" for s in statements)
    return hashlib.sha1("|".join(where).encode("utf-8")).hexdigest()[:12]


def _ranks(statements: tuple[Statement, ...], revision: dict[str, int]) -> list[Ranked]:
    out = []
    for s in statements:
        newer = [t for t in statements if t.article == s.article and t.doc != s.doc and disagree(s, t)
                 and revision.get(t.doc, 0) > revision.get(s.doc, 0)]
        older = [t for t in statements if t.article == s.article and t.doc != s.doc and disagree(s, t)
                 and revision.get(t.doc, 0) < revision.get(s.doc, 0)]
        own_table = [t for t in statements if t.doc == s.doc and t.kind == "table" and s.kind == "prose" and disagree(s, t)]
        if newer:
            out.append(Ranked(s, DEPRECATED, f"revision {revision.get(newer[0].doc, 0)} of this article gives {newer[0].raw}"))
        elif older:
            out.append(Ranked(s, PREFERRED, f"the newest revision of this article (earlier: {older[0].raw})"))
        elif s.kind == "table" and any(t.doc == s.doc and t.kind == "prose" and disagree(s, t) for t in statements):
            out.append(Ranked(s, PREFERRED, "the document's own table, which its prose quotes differently"))
        elif own_table:
            out.append(Ranked(s, NORMAL, f"its document's table gives {own_table[0].raw}"))
        else:
            out.append(Ranked(s, NORMAL, ""))
    return out


def _sources(n: int, one: str, many: str) -> str:
    return f"{n} source {one}" if n == 1 else f"{n} sources {many}"


def _summary(ranked: list[Ranked]) -> tuple[bool, str]:
    """Which figure most sources agree on (on a tie, the preferred one), and which others are given."""
    statements = [r.statement for r in ranked]
    best = max(ranked, key=lambda r: (sum(1 for t in statements if not disagree(r.statement, t)), r.rank == PREFERRED,
                                      r.statement.low is None and r.statement.high is None, not r.statement.approx)).statement
    others = [t for t in statements if disagree(best, t)]
    line = _sources(len({t.doc for t in statements if not disagree(best, t)}), "gives", "agree on") + f" {best.raw}"
    if others:
        line += f"; {_sources(len({t.doc for t in others}), 'gives', 'give')} other figures: " + ", ".join(dict.fromkeys(t.raw for t in others))
    return not others, line


def claims(pairs: list[tuple[Statement, Statement]], revision: dict[str, int]) -> list[Claim]:
    """Every claim that at least two statements make, in order of appearance."""
    out = []
    for group in components(pairs):
        ranks = _ranks(group, revision)
        agree, summary = _summary(ranks)
        if agree and is_date(group[0]):
            continue  # sources sharing a year ("in 1937") make no claim worth listing; differing dates do
        out.append(Claim(claim_id(group), group[0].about, tuple(ranks), agree, summary))
    return out
