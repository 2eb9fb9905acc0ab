"""Views of the store shaped as the exports (`export_facts` is `koryo export facts`): the source's
file name for `doc_id`, the quoted text beside its offsets, lists as JSON. They are what a reader
of the store in Datasette or sqlite3 sees first; they hold no data of their own.

They are (re)made whenever a writable store opens and its views differ from these, so changing
a view needs no migration."""

from __future__ import annotations

import sqlite3


def quote_sql(alias: str, start: str = "start", end: str = '"end"') -> str:
    """The text of `documents d` between two offsets of the row `alias` (SQL counts characters): in
    `d.text`, or for a large file read in pieces in the piece holding the start (no span crosses one)."""
    a, length = f"{alias}.{start}", f"{alias}.{end} - {alias}.{start}"
    return (
        f"CASE WHEN d.text != '' OR d.chars = 0 THEN substr(d.text, {a} + 1, {length}) ELSE"
        f" (SELECT substr(p.text, {a} - p.start + 1, {length}) FROM text_parts p"
        f" WHERE p.doc_id = d.id AND p.start <= {a} ORDER BY p.start DESC LIMIT 1) END"
    )


# The fields of a citation a figure's record carries (koryo.export.CITED)
_CITED = "'title', 'author', 'date', 'url', 'text'"


def _statements(table: str, owner: str, fields: str) -> str:
    """The JSON list of the statements of one conflict or claim (the row `x`), in order, each with
    its quote and its citations' fields, as its export writes them."""
    cited = f"""(SELECT json_group_array(json_patch(json_object('key', k.value), coalesce((
                    SELECT json_group_object(f.key, f.value) FROM json_each((
                        SELECT c.fields FROM citations c WHERE c.doc_id = s.doc_id AND c.key = k.value ORDER BY c.seq DESC LIMIT 1
                    )) f WHERE f.key IN ({_CITED})), '{{}}')))
                FROM json_each(s.citations) k)"""
    return f"""(SELECT json_group_array(json(st)) FROM (
            SELECT json_object({fields.format(quote=quote_sql("s"), mention=quote_sql("s", "mention_start", "mention_end"))},
                               'citations', json({cited})) AS st
            FROM {table} s JOIN documents d ON d.id = s.doc_id WHERE s.{owner} = x.seq ORDER BY s.seq))"""


_APPROX = "json(CASE WHEN s.approx THEN 'true' ELSE 'false' END)"
_CONFLICT_FIELDS = ("'doc', d.name, 'quote', {quote}, 'start', s.start, 'end', s.\"end\", 'mention', {mention}, 'value', s.value,"
                    f" 'low', s.low, 'high', s.high, 'approx', {_APPROX}, 'time', s.time, 'source', s.source")
_CLAIM_FIELDS = ("'doc', d.name, 'published', d.published, 'quote', {quote}, 'start', s.start, 'end', s.\"end\", 'mention', {mention},"
                 " 'mention_start', s.mention_start, 'mention_end', s.mention_end, 'value', s.value, 'low', s.low, 'high', s.high,"
                 f" 'approx', {_APPROX}, 'time', s.time, 'language', s.language, 'source', s.source, 'rank', s.rank,"
                 " 'rank_reason', s.rank_reason")

VIEWS: dict[str, str] = {
    "export_facts": f"""
        SELECT d.name AS doc, {quote_sql("f")} AS quote, f.start, f."end", f.value, f.low, f.high, f.approx, f.unit, f.per,
               f.subject, f.time, f.time_source, f.place, f.citations, f.section,
               {quote_sql("f", "mention_start", "mention_end")} AS mention, f.mention_start, f.mention_end
        FROM facts f JOIN documents d ON d.id = f.doc_id ORDER BY f.doc_id, f.seq""",
    "export_events": f"""
        SELECT d.name AS doc, {quote_sql("e")} AS quote, e.start, e."end", e.date, e.end_date, e.precision, e.what,
               e.places, e.citations
        FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY e.doc_id, e.seq""",
    "export_mentions": f"""
        SELECT m.key AS entity, m.type, m.name, d.name AS doc, {quote_sql("m")} AS quote, m.start, m."end"
        FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.doc_id, m.seq""",
    "export_entities": f"""
        SELECT key AS id, type, name, json_group_array(DISTINCT quote) FILTER (WHERE quote != name) AS aliases,
               count(*) AS mentions, json_group_array(DISTINCT doc) AS docs
        FROM (SELECT m.key, m.type, m.name, d.name AS doc, {quote_sql("m")} AS quote
              FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.key, m.doc_id, m.start)
        GROUP BY key ORDER BY mentions DESC, name""",
    "export_citations": f"""
        SELECT d.name AS doc, c.key, c.kind, c.fields, c.start, c."end", {quote_sql("c")} AS quote, c.anchors
        FROM citations c JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id, c.seq""",
    "export_observations": """
        SELECT d.name AS doc, o.table_number AS "table", o.title, o.row, o.col, o.value, o.raw, o.unit, o.scale, o.rank,
               o.flags, o.source_note, o.start, o."end", o.dims, o.low, o.high, o.approx
        FROM observations o JOIN documents d ON d.id = o.doc_id ORDER BY o.doc_id, o.seq""",
    "export_resources": f"""
        SELECT r.name, r.kind, r.services, r.city, r.country, r.url, r.members, d.name AS doc, {quote_sql("r")} AS quote,
               r.start, r."end"
        FROM resources r JOIN documents d ON d.id = r.doc_id ORDER BY r.doc_id, r.seq""",
    # kept at the end of each ingest (koryo.reconciled); a store whose documents changed since shows the older ones
    "export_conflicts": f"""
        SELECT x.key, x.kind, x.explanation, {_statements("conflict_statements", "conflict", _CONFLICT_FIELDS)} AS statements
        FROM conflicts x WHERE x.kind != 'agreement' ORDER BY x.seq""",
    "export_claims": f"""
        SELECT x.id, x.about, x.agree, x.summary, {_statements("claim_statements", "claim", _CLAIM_FIELDS)} AS statements
        FROM claims x ORDER BY x.seq""",
}


def _sql(name: str) -> str:
    return f"CREATE VIEW {name} AS{VIEWS[name]}"


def current(db: sqlite3.Connection) -> bool:
    """Whether the store's views are those of `VIEWS`, as written."""
    have = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view' AND name LIKE 'export!_%' ESCAPE '!'").fetchall())
    return have == {name: _sql(name) for name in VIEWS}


def make(db: sqlite3.Connection) -> None:
    """Drop the store's export views and make those of `VIEWS` (in the caller's transaction)."""
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'export!_%' ESCAPE '!'").fetchall():
        db.execute(f'DROP VIEW "{name}"')
    for name in VIEWS:
        db.execute(_sql(name))
