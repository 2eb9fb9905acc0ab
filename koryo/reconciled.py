"""Conflicts and claims kept in the store: worked out by koryo.reconcile at the end of each ingest
and read back by the site, the CLI and the exports, so that none of them runs the judge per request.

The tables (`conflicts`, `conflict_statements`, `claims`, `claim_statements`) hold them for one
state of the documents, named in `reconciled`. Where the documents have changed since (a store
written by an older koryo, an ingest stopped before its end), they are worked out again: kept
when the store can be written, in memory only when it cannot (a published, read-only store)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from koryo import reconcile
from koryo.reconcile import Claim, Conflict, Statement
from koryo.reconcile.judge import Scored, ident
from koryo.reconcile.ranked import Ranked
from koryo.store import Store

_STATEMENT = ("doc_id", "source", "table_index", "start", "end", "mention_start", "mention_end", "value", "low", "high",
              "approx", "raw", "time", "time_source", "key", "about", "place", "language", "citations")


@dataclass(frozen=True)
class Judged:
    """The store's conflicts (agreements among them) and claims, for one state of its documents."""

    conflicts: list[Conflict]
    claims: list[Claim]


def state(store: Store) -> str:
    """The state of the documents conflicts and claims are worked out from: how many, the last one,
    the extractors that made their figures, and this koryo's reconcile."""
    n, last, low, high = store.db.execute("SELECT count(*), max(id), min(pipeline), max(pipeline) FROM documents").fetchone()
    return f"documents={n};last={last or 0};pipeline={low or 0}-{high or 0};reconcile={reconcile.VERSION}"


def stored(store: Store) -> Judged | None:
    """The conflicts and claims kept in the store, if they were worked out for its documents as they are."""
    row = store.db.execute("SELECT state FROM reconciled").fetchone()
    if row is None or row[0] != state(store):
        return None
    docs = {r[0]: (r[1], r[2]) for r in store.db.execute("SELECT id, name, article FROM documents")}
    cols = ", ".join(f's."{c}"' for c in _STATEMENT)
    by_conflict: dict[int, list[Statement]] = {}
    for r in store.db.execute(f"SELECT s.conflict, {cols} FROM conflict_statements s ORDER BY s.conflict, s.seq"):
        by_conflict.setdefault(r[0], []).append(_statement(r[1:], docs))
    conflicts = [Conflict(r[1], r[2], r[3], tuple(by_conflict.get(r[0], ())))
                 for r in store.db.execute("SELECT seq, key, kind, explanation FROM conflicts ORDER BY seq")]
    by_claim: dict[int, list[Ranked]] = {}
    for r in store.db.execute(f"SELECT s.claim, s.rank, s.rank_reason, {cols} FROM claim_statements s ORDER BY s.claim, s.seq"):
        by_claim.setdefault(r[0], []).append(Ranked(_statement(r[3:], docs), r[1], r[2]))
    claims = [Claim(r[1], r[2], tuple(by_claim.get(r[0], ())), bool(r[3]), r[4])
              for r in store.db.execute("SELECT seq, id, about, agree, summary FROM claims ORDER BY seq")]
    return Judged(conflicts, claims)


def _statement(r: Any, docs: dict[int, tuple[str, str]]) -> Statement:
    name, article = docs[r[0]]
    return Statement(
        doc=name, article=article, kind=r[1], table=r[2], start=r[3], end=r[4], mention_start=r[5], mention_end=r[6],
        value=r[7], low=r[8], high=r[9], approx=bool(r[10]), raw=r[11], time=r[12], time_source=r[13], key=r[14],
        about=r[15], place=r[16], language=r[17], citations=tuple(json.loads(r[18])),
    )


def work_out(store: Store, fresh: dict[int, tuple[str, str]] | None = None, scored: Scored | None = None) -> Judged:
    """Conflicts and claims from the store's statements, as koryo.reconcile finds them now. Given
    `fresh` and `scored`, statements and judged pairs kept in the store are used, and those worked
    out now are put in them (see `reconcile.statements` and `judge.Scored`)."""
    fresh = {} if fresh is None else fresh
    found = reconcile.statements(store, fresh)
    if scored is not None:
        _kept_pairs(store, found, fresh, scored)
    return Judged(reconcile.conflicts_among(store, found, scored), reconcile.claims_among(store, found, scored))


def _kept_pairs(store: Store, found: list[Statement], fresh: dict[int, tuple[str, str]], scored: Scored) -> None:
    """The judged pairs kept in the store between statements kept with them: a document's
    statements worked out again (in `fresh`) are judged again with every other."""
    names = {r[0]: r[1] for r in store.db.execute("SELECT id, name FROM documents")}
    again = {names[i] for i in fresh}
    scored.known.update(ident(s) for s in found if s.doc not in again)
    for doc_a, doc_b, a, b, features in store.db.execute("SELECT doc_a, doc_b, a, b, features FROM pairs_kept"):
        if doc_a not in fresh and doc_b not in fresh:
            scored.features[(a, b)] = tuple(json.loads(features))


def judged(store: Store) -> Judged:
    """The store's conflicts and claims: those kept, when they are of its documents as they are;
    else worked out now, and kept unless the store is read-only (as at the end of an ingest)."""
    kept = stored(store)
    if kept is not None:
        return kept
    if store.readonly:
        return work_out(store)
    now = state(store)  # read first: a document stored meanwhile leaves them out of date, never wrong
    fresh: dict[int, tuple[str, str]] = {}
    scored = Scored()
    found = work_out(store, fresh, scored)
    ids = {r[0]: r[1] for r in store.db.execute("SELECT name, id FROM documents")}
    with store.atomic() as db:
        for doc_id in fresh:
            db.execute("DELETE FROM statements_kept WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM pairs_kept WHERE doc_a = ? OR doc_b = ?", (doc_id, doc_id))
        bulk = store.backend.bulk
        bulk("statements_kept", ("doc_id", "state", "data"), [(doc_id, st, data) for doc_id, (st, data) in fresh.items()])
        bulk("pairs_kept", ("doc_a", "doc_b", "a", "b", "features"),
             [(ids[a.split("\t", 1)[0]], ids[b.split("\t", 1)[0]], a, b, json.dumps(x)) for (a, b), x in scored.added.items()])
        for table in ("conflict_statements", "conflicts", "claim_statements", "claims", "reconciled"):
            db.execute(f"DELETE FROM {table}")
        bulk("conflicts", ("seq", "key", "kind", "explanation"), [(n, c.key, c.kind, c.explanation) for n, c in enumerate(found.conflicts)])
        bulk("conflict_statements", ("conflict", "seq", *_STATEMENT),
             [(n, i, *_row(s, ids)) for n, c in enumerate(found.conflicts) for i, s in enumerate(c.statements)])
        bulk("claims", ("seq", "id", "about", "agree", "summary"),
             [(n, c.id, c.about, int(c.agree), c.summary) for n, c in enumerate(found.claims)])
        bulk("claim_statements", ("claim", "seq", "rank", "rank_reason", *_STATEMENT),
             [(n, i, r.rank, r.reason, *_row(r.statement, ids)) for n, c in enumerate(found.claims) for i, r in enumerate(c.statements)])
        bulk("reconciled", ("state", "at"), [(now, datetime.now(timezone.utc).isoformat(timespec="seconds"))])
    return found


def _row(s: Statement, ids: dict[str, int]) -> tuple[object, ...]:
    return (ids[s.doc], s.kind, s.table, s.start, s.end, s.mention_start, s.mention_end, s.value, s.low, s.high, int(s.approx),
            s.raw, s.time, s.time_source, s.key, s.about, s.place, s.language, json.dumps(list(s.citations), ensure_ascii=False))
