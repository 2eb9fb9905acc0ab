"""Reconcile: across documents and revisions, where statements about the same thing meet."""

from __future__ import annotations

from collections.abc import Iterator

from koryo.errors import NotFound
from koryo.readers import article_key
from koryo.reconcile.claims import Statement, prose_statements, table_statements, variant_statements
from koryo.reconcile.conflicts import Conflict, reconcile
from koryo.reconcile.revisions import Change, diff
from koryo.store import Store, StoredDocument


def statements(store: Store) -> list[Statement]:
    """Every keyed statement of the store: facts in prose and cells of tables of people."""
    out: list[Statement] = []
    docs = store.documents()
    copies: dict[str, int] = {}
    for d in docs:
        copies[d.work] = copies.get(d.work, 0) + 1
    for d in docs:
        text = store.text(d.id)
        out += prose_statements(d.name, d.article, text, store.facts(d.id), store.mentions(d.id))
        titles = {i: t.title for i, t in enumerate(store.tables(d.id))}
        observations = store.observations(d.id)
        out += table_statements(d.name, d.article, titles, observations)
        if copies.get(d.work, 0) > 1:
            out += variant_statements(d.name, d.article, d.work, observations)
    return out


def conflicts(store: Store) -> list[Conflict]:
    return reconcile(statements(store))


def revisions(store: Store, article: str | None = None, rev_from: int | None = None, rev_to: int | None = None) -> Iterator[tuple[StoredDocument, StoredDocument, list[Change]]]:
    """For each article with several revisions: the changes between consecutive ones, or between
    the two revisions named."""
    by_article: dict[str, list[StoredDocument]] = {}
    for d in store.documents():
        by_article.setdefault(d.article, []).append(d)
    for key, docs in by_article.items():
        if article is not None and key != article_key(article):
            continue
        if len(docs) < 2:
            if article is not None:
                raise NotFound(f"{article}: only one revision is stored")
            continue
        numbers = {d.revision: d for d in docs}
        if rev_from is not None or rev_to is not None:
            a, b = numbers.get(rev_from or 1), numbers.get(rev_to or len(docs))
            if a is None or b is None:
                raise NotFound(f"{key}: revisions are 1 to {len(docs)}")
            steps = [(a, b)]
        else:
            steps = list(zip(docs, docs[1:]))
        for a, b in steps:
            yield a, b, diff(store.document(a.id), store.document(b.id))
    if article is not None and article_key(article) not in by_article:
        raise NotFound(f"{article}: no such article; `koryo docs` lists them")


__all__ = ["Change", "Conflict", "Statement", "conflicts", "reconcile", "revisions", "statements"]
