"""What the site needs from the whole store, worked out once per state of the store (`Versioned`)
and then sliced by the pages: conflicts grouped into one card per claim, series, key figures,
the entities with their counts, the store's counts and the help directory's facets."""

from __future__ import annotations

import json

from collections import defaultdict
from typing import Any

from koryo import reconciled
from koryo.ask import build as build_ask
from koryo.reconcile import Claim, Conflict, Statement
from koryo.reconcile import statements as find_statements
from koryo.reconcile.ranked import claim_id
from koryo.store import Store
from koryo.store.queries import Versioned

COUNTED = ("tables", "observations", "facts", "events", "mentions", "flows", "resources", "citations")
SHOWN_FIGURES = 12  # distinct figures shown on one claim's card; the rest are counted


def source_link(doc_id: int, start: int, end: int) -> str:
    return f"/sources/{doc_id}?hl={start}-{end}"


def counts(store: Store) -> dict[str, int]:
    out = {"documents": store.db.execute("SELECT count(*) FROM documents").fetchone()[0]}
    for table in COUNTED:
        out[table] = store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out


def statements(store: Store) -> list[Statement]:
    return find_statements(store)


def claims(store: Store, found: list[Conflict]) -> dict[str, list[dict[str, Any]]]:
    """Conflicts and agreements, one card per claim key (all its times and documents together),
    each figure once with the documents that give it; keyed "conflicts" and "agreements"."""
    groups: dict[tuple[str, bool], list[Any]] = defaultdict(list)
    for c in found:
        # one card per claim key (all its times together); a conflict whose statements do not share one
        # key (the judge paired them), or share only their kind of quantity ("family=people"), is its own card
        keyed = c.key and not c.key.startswith("family=") and c.kind not in ("sum", "date") and all(s.key == c.key for s in c.statements)
        groups[(c.key if keyed else claim_id(c.statements), c.kind == "agreement")].append(c)
    docs: dict[str, tuple[int, str, str]] = {}
    wanted = {s.doc for cs in groups.values() for c in cs for s in c.statements}
    for doc_id, name, title, language in store.db.execute("SELECT id, name, title, language FROM documents"):
        if name in wanted:
            docs.setdefault(name, (doc_id, title, language))
    texts: dict[str, tuple[str, dict[str, dict[str, Any]]]] = {}

    def source_of(name: str) -> tuple[str, dict[str, dict[str, Any]]]:
        if name not in texts:
            doc_id = docs[name][0]
            text = store.text(doc_id)
            texts[name] = (text, {c.key: c.fields for c in store.citations(doc_id)})
        return texts[name]

    out: dict[str, list[dict[str, Any]]] = {"conflicts": [], "agreements": []}
    for (key, agreement), found_here in groups.items():
        figures: dict[tuple[str, str], dict[str, Any]] = {}
        for c in found_here:
            for s in c.statements:
                fig = figures.get((s.raw, s.time))
                if fig is not None:
                    if s.doc not in fig["also"] and s.doc != fig["doc"]:
                        fig["also"].append(s.doc)
                    continue
                text, cites = source_of(s.doc)
                doc_id, title, language = docs[s.doc]
                figures[(s.raw, s.time)] = {
                    "doc": s.doc, "doc_id": doc_id, "title": title, "lang": language, "quote": text[s.start : s.end], "mention": s.raw,
                    "time": s.time, "source": s.kind, "link": source_link(doc_id, s.mention_start, s.mention_end),
                    "citations": [{"key": k, "title": cites.get(k, {}).get("title") or cites.get(k, {}).get("text", ""),
                                   "url": cites.get(k, {}).get("url", "")} for k in s.citations],
                    "also": [],
                }
        listed = list(figures.values())
        for fig in listed:
            fig["also_count"] = len(fig["also"])
            fig["also"] = fig["also"][:5]
        more = len(found_here) - 1
        out["conflicts" if not agreement else "agreements"].append({
            "key": key, "kind": found_here[0].kind, "about": found_here[0].statements[0].about,
            "explanation": found_here[0].explanation + (f" (and {more} more at other times)" if more else ""),
            "documents": len({s.doc for c in found_here for s in c.statements}),
            "figures": len(listed), "statements": listed[:SHOWN_FIGURES],
            "words": " ".join([found_here[0].statements[0].about, *(c.explanation for c in found_here),
                               *(f["quote"] for f in listed[:SHOWN_FIGURES])]).casefold(),
        })
    return out


def ranked(store: Store, found: list[Claim]) -> list[dict[str, Any]]:
    """Every claim two statements or more make (`found`), its statements side by side with their ranks."""
    docs = {d.name: d for d in store.documents()}
    texts: dict[str, str] = {}
    out = []
    for c in found:
        rows = []
        for r in c.statements:
            s, d = r.statement, docs[r.statement.doc]
            if s.doc not in texts:
                texts[s.doc] = store.text(d.id)
            rows.append({"doc": s.doc, "title": d.title, "published": d.published, "lang": d.language, "mention": s.raw,
                         "quote": texts[s.doc][s.start : s.end], "time": s.time, "source": s.kind, "rank": r.rank, "reason": r.reason,
                         "link": source_link(d.id, s.mention_start, s.mention_end)})
        out.append({"id": c.id, "about": c.about, "agree": c.agree, "summary": c.summary, "statements": rows,
                    "documents": len({r["doc"] for r in rows}), "link": f"/claims/{c.id}"})
    return out


def claim_marks(store: Store, found: list[Claim]) -> dict[int, dict[tuple[int, int], dict[str, str]]]:
    """For each document, the figures (mention start, end) that belong to a claim: its id, summary and page."""
    ids = {name: doc_id for doc_id, name in store.db.execute("SELECT id, name FROM documents")}
    out: dict[int, dict[tuple[int, int], dict[str, str]]] = {}
    for c in found:
        for r in c.statements:
            s = r.statement
            out.setdefault(ids[s.doc], {}).setdefault((s.mention_start, s.mention_end),
                                                     {"claim": c.id, "summary": c.summary, "link": f"/claims/{c.id}"})
    return out


def series(store: Store, found: list[Statement]) -> list[dict[str, Any]]:
    """The same indicator (one claim key) lined up across documents and years, prose and tables."""
    ids = {name: (doc_id, title) for doc_id, name, title in store.db.execute("SELECT id, name, title FROM documents ORDER BY id DESC")}
    by_key: dict[str, list[Statement]] = {}
    for s in found:
        if not s.key.startswith("family="):  # an unkeyed statement's key is a block, not an indicator
            by_key.setdefault(s.key, []).append(s)
    rows = []
    for key, items in by_key.items():
        if len(items) < 2:
            continue
        items.sort(key=lambda s: (s.time, s.doc, s.kind))
        points: dict[tuple[str, str, str], dict[str, Any]] = {}
        for s in items:  # one point per figure as printed; copies of it in other documents counted
            point = points.get((s.time, s.raw, s.kind))
            if point is not None:
                point["also_count"] += s.doc != point["doc"]
                continue
            points[(s.time, s.raw, s.kind)] = {
                "time": s.time, "doc": s.doc, "figure": s.raw, "value": s.value, "low": s.low, "high": s.high,
                "source": s.kind, "title": ids[s.doc][1], "link": source_link(ids[s.doc][0], s.mention_start, s.mention_end),
                "also_count": 0}
        docs = sorted({s.doc for s in items})
        rows.append({"key": key, "about": items[0].about, "documents": docs[:20], "documents_total": len(docs),
                     "points": list(points.values())[:100], "points_total": len(points)})
    rows.sort(key=lambda r: (-r["documents_total"], -r["points_total"]))
    return rows


def key_figures(store: Store, cards: dict[str, list[dict[str, Any]]], limit: int = 10) -> list[dict[str, Any]]:
    """Counts of people of a thousand or more, those most discussed by other sources first."""
    votes: dict[str, dict[str, int]] = {}
    for kind, vote in (("conflicts", "disagree"), ("agreements", "agree")):
        for card in cards[kind]:
            for fig in card["statements"]:
                v = votes.setdefault(fig["link"], {"agree": 0, "disagree": 0})
                v[vote] += card["figures"] - 1 + fig["also_count"]
    rows = store.db.execute(
        "SELECT f.doc_id, d.name, d.title, f.start, f.\"end\", f.mention_start, f.mention_end, f.subject, f.time, f.place,"
        " coalesce(f.value, f.high) AS v, EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = f.doc_id AND m.type = 'group'"
        " AND m.start >= f.start AND m.start < f.\"end\") AS of_group FROM facts f JOIN documents d ON d.id = f.doc_id"
        " WHERE f.unit = 'persons' AND f.subject != '' AND coalesce(f.value, f.high, 0) >= 1000"
    ).fetchall()
    ranked = []
    for r in rows:
        link = source_link(r[0], r[5], r[6])
        v = votes.get(link, {"agree": 0, "disagree": 0})
        # figures other sources discuss first, then counts of a group the corpus is about ("about 272 million
        # people" worldwide is context, not a key figure), larger first
        ranked.append((-(v["agree"] + v["disagree"]), -r[11], -(r[10] or 0), r[0], r[5], r, v, link))
    ranked.sort(key=lambda x: x[:5])
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for *_, r, v, link in ranked:
        if len(out) == limit:
            break
        if (r[10], r[7], r[8]) in seen:  # the same figure in another revision or copy
            continue
        seen.add((r[10], r[7], r[8]))
        text = store.text(r[0])
        out.append({
            "figure": text[r[5] : r[6]], "subject": r[7], "time": r[8], "place": r[9], "value": r[10], "doc": r[1], "title": r[2],
            "quote": text[r[3] : r[4]], "link": link, "agree": v["agree"], "disagree": v["disagree"],
        })
    return out


def entities(store: Store) -> list[dict[str, Any]]:
    """Every entity with its mentions counted and the documents naming it (no text read)."""
    names = dict(store.db.execute("SELECT id, name FROM documents").fetchall())
    rows = store.db.execute(
        "SELECT key, type, name, count(*), json_group_array(DISTINCT doc_id) FROM mentions GROUP BY key"
    ).fetchall()
    out = []
    for r in rows:
        docs = [names[d] for d in sorted(json.loads(r[4]))]
        out.append({"id": r[0], "type": r[1], "name": r[2], "mentions": r[3], "documents": len(docs), "docs": docs,
                    "link": f"/entities/{r[0]}"})
    out.sort(key=lambda e: (-e["mentions"], e["name"]))
    return out


def help_facets(store: Store) -> dict[str, list[str]]:
    services = [r[0] for r in store.db.execute("SELECT DISTINCT j.value FROM resources, json_each(resources.services) j ORDER BY 1")]
    cities = [r[0] for r in store.db.execute("SELECT DISTINCT city FROM resources WHERE city != '' ORDER BY 1")]
    return {"services": services, "cities": cities}


def revision_pairs(store: Store) -> list[dict[str, Any]]:
    """Consecutive revisions of each article with several, as (from, to) document rows."""
    rows = store.db.execute(
        "SELECT id, name, title, article, ROW_NUMBER() OVER w AS revision, LAG(id) OVER w AS prev,"
        " LAG(name) OVER w AS prev_name FROM documents WINDOW w AS (PARTITION BY article ORDER BY id) ORDER BY article, id"
    ).fetchall()
    return [
        {"article": r[3], "title": r[2], "from": {"id": r[5], "doc": r[6], "revision": r[4] - 1},
         "to": {"id": r[0], "doc": r[1], "revision": r[4]}}
        for r in rows if r[5] is not None
    ]


BUILT = {"counts": counts, "entities": entities, "help_facets": help_facets, "revision_pairs": revision_pairs}
SUMMARIES = ("counts", "claims", "ranked", "claim_marks", "figures", "series", "entities", "help_facets", "revision_pairs")


def get(cache: Versioned, name: str) -> Any:
    """One summary for the store's current state; those built on the conflicts and claims kept in
    the store (`reconciled`: worked out in memory where the store's are out of date) share them —
    the question index too, its answers linked to the ranked claims — and those built on the
    statements share those."""
    if name in ("claims", "ranked", "claim_marks", "ask"):
        judged = cache.get("judged", reconciled.judged)
        build = {"claims": lambda store: claims(store, judged.conflicts), "ranked": lambda store: ranked(store, judged.claims),
                 "claim_marks": lambda store: claim_marks(store, judged.claims), "ask": lambda store: build_ask(store, judged.claims)}[name]
        return cache.get(name, build)
    if name == "series":
        found = cache.get("statements", statements)
        return cache.get(name, lambda store: series(store, found))
    if name == "figures":
        cards = get(cache, "claims")
        return cache.get(name, lambda store: key_figures(store, cards))
    return cache.get(name, BUILT[name])


def warm(cache: Versioned) -> None:
    """Work out every summary for the current state of the store (at start, before users ask)."""
    for name in SUMMARIES:
        get(cache, name)
