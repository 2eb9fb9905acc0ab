"""Full-text search: FTS5 over the indexed text only (never file names), ranked among a bounded set
of candidates, snippets for the shown rows only, facets over the first matches, a right total."""

from __future__ import annotations

import html
import re
from typing import Any

from koryo.errors import UsageError
from koryo.web.listing import Orders, counted
from koryo.web.pages import Context, Page, Paging, known_document, shown_card, titles_of
from koryo.web.summaries import source_link

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
RANKED = 1000  # search ranks at most this many candidates (bm25 over every hit of a common word is slow)
FACETED = 500  # search facets count at most this many hits
WORD = re.compile(r"\w+\*?")


KINDS = ("text", "table", "fact", "event", "entity")
FACETS = ("kind", "doc", "year", "place")  # each the parameter that filters by it


def fts_query(q: str) -> str:
    """The words of `q` as an FTS5 query over the indexed text only (not file names or kinds);
    `word*` is a prefix. 400 when there is nothing to search or too much."""
    if len(q) > MAX_QUERY_CHARS:
        raise UsageError(f"q: at most {MAX_QUERY_CHARS} characters (this one has {len(q)})")
    words = WORD.findall(q or "")
    if not words:
        raise UsageError("q: give one or more words to search for")
    if len(words) > MAX_QUERY_TERMS:
        raise UsageError(f"q: at most {MAX_QUERY_TERMS} words (this one has {len(words)})")
    terms = ['"' + w.rstrip("*") + '"' + ("*" if w.endswith("*") else "") for w in words]
    return "body : (" + " ".join(terms) + ")"


ORDERS = Orders({"rank": "rank", "year": "year = '', year, rank", "doc": "doc_id, start"})  # undated hits after the dated


def search(ctx: Context, q: str, kind: str | None, doc: str | None, year: str | None, place: str | None, paging: Paging,
           sort: str | None = None) -> Page:
    if kind and kind not in KINDS:
        raise UsageError(f"kind={kind[:40]!r}: one of {', '.join(KINDS)}")
    known_document(ctx, doc)
    match = fts_query(q)
    order = ORDERS.sql(sort)
    where = ["search MATCH ?"]
    params: list[Any] = [match]
    for col, value in (("kind", kind), ("doc", doc), ("year", year), ("place", place)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    sql_where = " AND ".join(where)
    total = ctx.reader.value(f"SELECT count(*) FROM search WHERE {sql_where}", params)
    ranked_all = total <= RANKED
    if not ranked_all:  # rank the first candidates only: every hit of a common word would be scored
        last = ctx.reader.value(f"SELECT rowid FROM search WHERE {sql_where} ORDER BY rowid LIMIT 1 OFFSET ?", [*params, RANKED - 1])
        sql_where += " AND rowid <= ?"
        params.append(last)
    ranked = ctx.reader.all(
        f"SELECT rowid, kind, doc_id, start, \"end\", ref, year, place FROM search WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset])
    snippets = {r[0]: r[1] for r in ctx.reader.all(  # for the shown rows only
        f"SELECT rowid, snippet(search, 2, char(2), char(3), '…', 16) FROM search WHERE search MATCH ?"
        f" AND rowid IN ({','.join('?' * len(ranked))})", [match, *(r[0] for r in ranked)])} if ranked else {}
    rows = [(*r[1:], snippets[r[0]]) for r in ranked]
    # over the first matches: a common word's every hit would be read
    first = ctx.reader.all(f"SELECT kind, doc, year, place FROM search WHERE {sql_where} LIMIT {FACETED}", params)
    facets = counted([dict(zip(FACETS, r)) for r in first], {k: k for k in FACETS}, paging.path, paging.query)
    titles = titles_of(ctx, {r[1] for r in rows})
    results: list[dict[str, Any]] = []
    same: dict[tuple[str, str], dict[str, Any]] = {}
    for kind_, doc_id, start, end, ref, yr, pl, snip in rows:
        snippet_html = html.escape(snip).replace("\x02", "<mark>").replace("\x03", "</mark>")
        name, title, lang = titles.get(doc_id, ("", "", ""))
        if (kind_, snippet_html) in same:  # the same passage in a revision or a copy: listed once
            same[(kind_, snippet_html)]["also"].append(title or name)
            continue
        link = f"/entities/{ref}" if kind_ == "entity" else source_link(doc_id, start, end)
        same[(kind_, snippet_html)] = {"kind": kind_, "doc": name, "title": title, "lang": lang, "year": yr, "place": pl,
                                       "snippet_html": snippet_html, "link": link, "also": []}
        results.append(same[(kind_, snippet_html)])
    words = [w.rstrip("*").casefold() for w in WORD.findall(q)]
    matching = [shown_card(c) for c in ctx.summary("claims")["conflicts"] if all(w in c["words"] for w in words)]
    return {"title": f"Search: {q}", "q": q, "filters": {"kind": kind, "doc": doc, "year": year, "place": place},
            "results": results, "ranked": "all" if ranked_all else f"the first {RANKED} matches",
            "facets": facets,
            "facets_over": min(total, FACETED), "conflicts": matching[:3], "conflicts_total": len(matching),
            "sort": ORDERS.links(paging.path, paging.query, sort),
            **paging.window(total, len(results))}
