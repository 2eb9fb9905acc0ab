"""Reconcile: across documents and revisions, where statements about the same thing meet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace

from koryo import embed
from koryo.errors import NotFound
from koryo.model import EntityMention, Section
from koryo.readers import article_key
from koryo.reconcile.claims import Statement, cell_statements, decoded, encoded, event_statements, prose_statements, table_statements
from koryo.reconcile.conflicts import Conflict, reconcile, same_claim_pairs
from koryo.reconcile.identifiers import identifiers
from koryo.reconcile.judge import Embed, Scored
from koryo.reconcile.ranked import Claim
from koryo.reconcile.ranked import claims as ranked_claims
from koryo.reconcile.revisions import Change, diff
from koryo.store import Store, StoredDocument


# Bump when what reconcile finds changes (statements, the judge and its weights, the conflicts, the
# ranks): conflicts and claims kept in a store by an older koryo (koryo/reconciled.py) are then
# worked out again.
VERSION = 2


def statements(store: Store, fresh: dict[int, tuple[str, str]] | None = None) -> list[Statement]:
    """Every statement of the store: facts in prose, cells of tables, dates of happenings and the
    numbers of acts (resolutions, decrees).

    A document's statements kept in the store (`statements_kept`) for the document as it is — its
    extraction, its article and how many copies that has — are read back; the others are worked
    out, and put in `fresh` (document id → state and encoded statements) for the caller to keep."""
    out: list[Statement] = []
    docs = store.documents()
    copies: dict[str, int] = Counter(d.work for d in docs)
    pipeline = dict(store.db.execute("SELECT id, pipeline FROM documents").fetchall())
    kept = {r[0]: (r[1], r[2]) for r in store.db.execute("SELECT doc_id, state, data FROM statements_kept")}
    for d in docs:
        state = f"{VERSION};{pipeline[d.id]};{d.article};{d.work};{copies[d.work]};{d.language};{d.title}"
        if d.id in kept and kept[d.id][0] == state:
            out += decoded(kept[d.id][1])
            continue
        found = _document_statements(store, d, copies[d.work])
        if fresh is not None:
            fresh[d.id] = (state, encoded(found))
        out += found
    return out


def _document_statements(store: Store, d: StoredDocument, copies: int) -> list[Statement]:
    text = store.text(d.id)
    mentions = store.mentions(d.id)
    tables = store.tables(d.id)
    observations = store.observations(d.id)
    facts = store.facts(d.id)
    acts = identifiers(d.name, d.article, text, mentions)
    numbers = {(a.mention_start, a.mention_end) for a in acts}
    found = [s for s in prose_statements(d.name, d.article, text, facts, mentions)
             if (s.mention_start, s.mention_end) not in numbers]  # "resolution 2397" counts nothing
    found += table_statements(d.name, d.article, {i: t.title for i, t in enumerate(tables)}, observations)
    found += event_statements(d.name, d.article, text, store.events(d.id), mentions, {f.start for f in facts})
    found += cell_statements(d.name, d.article, d.work, copies, d.title, {i: t.kind for i, t in enumerate(tables)}, observations)
    found += acts
    topic = _topic(mentions)
    heading = _headings(text, d.title, store.sections(d.id), mentions)
    return [replace(s, topic=topic, language=d.language, entities=s.entities or heading(s.start)) for s in found]


def _headings(text: str, title: str, sections: list[Section], mentions: list[EntityMention]) -> Callable[[int], frozenset[str]]:
    """What a sentence that names nothing is about: the entities of its section's heading, else of
    the document's title line ("Deportation of the Crimean Tatars" … "Around 45% died")."""
    def named(start: int) -> frozenset[str]:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        return frozenset(m.key for m in mentions if start <= m.start < end)

    first = named(0) if title and text.lstrip().startswith(title) else frozenset()

    def heading(at: int) -> frozenset[str]:
        inner = max((sec for sec in sections if sec.start <= at < sec.end), key=lambda sec: sec.start, default=None)
        return (named(inner.start) if inner is not None else frozenset()) or first
    return heading


TOPIC = 3  # entities


def _topic(mentions: list[EntityMention]) -> frozenset[str]:
    """What a document is most about: the groups and places it names most often."""
    counts = Counter(m.key for m in mentions if m.type in ("group", "place"))
    return frozenset(k for k, _ in counts.most_common(TOPIC))


def _embed(store: Store) -> Embed:
    return lambda sentences: embed.vectors(sentences, store.db)


def conflicts(store: Store) -> list[Conflict]:
    return conflicts_among(store, statements(store))


def conflicts_among(store: Store, found: list[Statement], scored: Scored | None = None) -> list[Conflict]:
    """The conflicts and agreements of the store's statements (`found`, from `statements`), with the
    pairs the judge `scored` before, if given."""
    return reconcile(found, _embed(store), _Texts(store), scored)


class _Texts(dict[str, str]):
    """The documents' texts by name, each read when first asked for: the sums look at few."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.ids = {d.name: d.id for d in store.documents()}

    def __missing__(self, name: str) -> str:
        self[name] = self.store.text(self.ids[name])
        return self[name]


def claims(store: Store) -> list[Claim]:
    """Every claim two statements or more make, each statement ranked."""
    return claims_among(store, statements(store))


def claims_among(store: Store, found: list[Statement], scored: Scored | None = None) -> list[Claim]:
    revision = {d.name: d.revision for d in store.documents()}
    return ranked_claims(same_claim_pairs(found, _embed(store), scored), revision)


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


__all__ = ["VERSION", "Change", "Claim", "Conflict", "Statement", "claims", "claims_among", "conflicts", "conflicts_among", "reconcile", "revisions", "statements"]
