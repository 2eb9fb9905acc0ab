"""The extractive answer: the best claim's statements side by side, one line that says whether
they agree (a fixed template around the figures as printed), or "koryo's documents do not say"
with the nearest statements offered as related."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from koryo.ask.index import Candidate
from koryo.ask.question import Question
from koryo.ask.rank import Scored
from koryo.reconcile import Claim
from koryo.reconcile.claims import Statement

# Below this score nothing fits well enough to be an answer: calibrated by bench/ask.py on
# tests/data/questions.jsonl, the threshold with the most right less twice the wrong (being wrong is
# worse than abstaining); its leave-one-out score is the bench's too.
THRESHOLD = 0.5
CLAIM_MARGIN = 0.12  # a statement joins the best one's claim when it scores at most this much below it
MAGNITUDE = 5.0  # two figures further apart than this are not one measure
MAX_STATEMENTS = 8
MAX_RELATED = 3
DO_NOT_SAY = "koryo's documents do not say."


def _statement(c: Candidate, rank: str) -> dict[str, Any]:
    return {"doc": c.doc, "quote": c.quote, "start": c.start, "end": c.end, "mention_start": c.mention_start,
            "mention_end": c.mention_end, "value": c.value, "low": c.low, "high": c.high, "approx": c.approx,
            "unit": c.unit, "time": c.time, "language": c.language, "citations": list(c.citations), "rank": rank}


def _printed(c: Candidate) -> str:
    """The figure as its source prints it."""
    return c.quote[c.mention_start - c.start : c.mention_end - c.start]


def _interval(c: Candidate) -> tuple[float, float]:
    """The values a figure allows (claims' rules: ranges, bounds, approximation, printed rounding)."""
    s = Statement(c.doc, c.article, c.kind, None, c.start, c.end, c.mention_start, c.mention_end,
                  c.value if isinstance(c.value, (int, float)) else None, c.low, c.high, c.approx, _printed(c), c.time,
                  c.citations, "", "")
    return s.interval()


def _point(c: Candidate) -> float:
    for v in (c.value, c.low, c.high):
        if isinstance(v, (int, float)):
            return abs(float(v))
    return 0.0


def _same_measure(top: Scored, other: Scored) -> bool:
    """Another statement of the best one's claim: as good a fit for the question's subject, the same
    unit, a time that meets, one order of magnitude; not the same figure twice."""
    a, b = top.candidate, other.candidate
    if (a.doc_id, a.start) == (b.doc_id, b.start) or b.unit != a.unit:
        return False  # one sentence's other figures are other measures ("350,000 …: Kazakhstan has 100,000")
    if not other.answers or other.subject < top.subject or top.score - other.score > CLAIM_MARGIN:
        return False
    if a.time[:4] != b.time[:4] or a.near and b.near and not set(a.near) & set(b.near):
        return False
    if a.kind == "event":
        return True
    va, vb = _point(a), _point(b)
    return va > 0 and vb > 0 and max(va, vb) / min(va, vb) <= MAGNITUDE


def _agree(a: Candidate, b: Candidate) -> bool:
    if a.kind == "event":
        n = min(len(str(a.value)), len(str(b.value)), 10)
        return str(a.value)[:n] == str(b.value)[:n]
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    return a0 <= b1 and b0 <= a1


def _groups(statements: list[Candidate]) -> list[list[Candidate]]:
    """Statements that agree, grouped, the best statement's group first."""
    groups: list[list[Candidate]] = []
    for c in statements:
        home = next((g for g in groups if all(_agree(c, o) for o in g)), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    return groups


def _sources(group: list[Candidate]) -> int:
    """Distinct sources: the revisions and mirrors of one article are one source."""
    return len({c.article for c in group})


def summary(statements: list[Candidate]) -> str:
    """One line: "4 sources agree on about 172,000; 1 gives 173,000" (figures as printed)."""
    # the most sources first: the line says what most agree on, then who differs
    groups = sorted(_groups(statements), key=lambda g: -_sources(g))
    first, rest = groups[0], groups[1:]
    n = _sources(first)
    head = f"{n} sources agree on {_printed(first[0])}" if n > 1 else f"1 source gives {_printed(first[0])}"
    parts = [head]
    for g in rest:
        m = _sources(g)
        parts.append(f"{m} give{'s' if m == 1 else ''} {', '.join(dict.fromkeys(_printed(c) for c in g))}")
    return "; ".join(parts) + _for_time(statements[0])


def _for_time(c: Candidate) -> str:
    """The time the best statement refers to, as the summary line ends with it."""
    return f" (for {c.time.replace('/', '–')})" if c.time else ""


def entity_summary(statements: list[Candidate]) -> str:
    """For where/which: the names, each with how many sources name it."""
    counts: dict[str, set[str]] = {}
    for c in statements:
        counts.setdefault(str(c.value), set()).add(c.article)
    names = "; ".join(f"{name} ({len(a)} source{'s' if len(a) > 1 else ''})" for name, a in counts.items())
    return f"{len(counts)} named: {names}"


def _ranks(statements: list[Candidate]) -> list[str]:
    """Preferred: the newest revision of an article where several of its revisions are shown (the
    older are deprecated); normal otherwise."""
    newest: dict[str, int] = {}
    for c in statements:
        newest[c.article] = max(newest.get(c.article, 0), c.revision)
    shown = {a: sum(c.article == a for c in statements) for a in newest}
    return ["normal" if shown[c.article] == 1 or len({o.revision for o in statements if o.article == c.article}) == 1
            else "preferred" if c.revision == newest[c.article] else "deprecated" for c in statements]


def _entities(ranked: list[Scored]) -> list[Candidate]:
    """The best-fitting sentence of each entity named near the top."""
    top = ranked[0].score
    best: dict[str, Candidate] = {}
    for s in ranked:
        if top - s.score > CLAIM_MARGIN:
            break
        best.setdefault(s.candidate.entity_key, s.candidate)
    return list(best.values())[:MAX_STATEMENTS]


ClaimOf = Callable[[Candidate], Claim | None]


def _no_claim(c: Candidate) -> Claim | None:
    return None


def answer(q: Question, ranked: list[Scored], threshold: float = THRESHOLD, claim_of: ClaimOf = _no_claim) -> dict[str, Any]:
    """The JSON contract of `koryo ask` and /api/ask; `claim_of` tells which ranked claim holds a
    candidate's figure (`Index.claim_of`)."""
    base: dict[str, Any] = {"question": q.text, "answer_type": q.answer_type, "claim": None}
    fitting = [s for s in ranked if s.answers]
    if not fitting or fitting[0].score < threshold:
        related, seen = [], set()
        for s in ranked:
            if s.candidate.quote not in seen:
                seen.add(s.candidate.quote)
                related.append(_statement(s.candidate, "normal"))
            if len(related) == MAX_RELATED:
                break
        return {**base, "abstained": True, "summary": DO_NOT_SAY, "statements": [], "related": related}
    if q.answer_type in ("place", "list"):
        shown = _entities(fitting)
        line = entity_summary(shown)
    else:
        top = fitting[0]
        claim = claim_of(top.candidate)
        # the best statement's claim: the statements koryo.reconcile judged one claim with it that
        # fit the question too, and those of the same measure reconcile did not pair
        shown = [top.candidate] + [s.candidate for s in fitting[1:] if (claim is not None and claim_of(s.candidate) is claim)
                                   or _same_measure(top, s)][: MAX_STATEMENTS - 1]
        # the claim's own line where the answer shows all of its statements; where some do not fit
        # the question (another subject the judge joined), a line over those shown, not the claim's
        whole = claim is not None and {(r.statement.doc, r.statement.mention_start) for r in claim.statements} <= {
            (c.doc, c.mention_start) for c in shown}
        line = claim.summary + _for_time(top.candidate) if claim is not None and whole else summary(shown)
        base["claim"] = claim.id if claim is not None else None
    ranks = _ranks(shown)
    for i, c in enumerate(shown):  # a statement of a ranked claim keeps the claim's rank
        held = claim_of(c)
        ranks[i] = next((r.rank for r in held.statements if (r.statement.doc, r.statement.mention_start) == (c.doc, c.mention_start)),
                        ranks[i]) if held is not None else ranks[i]
    statements = [_statement(c, r) for c, r in zip(shown, ranks)]
    return {**base, "abstained": False, "summary": line, "statements": statements, "related": []}
