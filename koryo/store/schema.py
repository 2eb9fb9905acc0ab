"""The store's schema as recorded migrations; `PRAGMA user_version` says which have run."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents and what the readers anchor in them
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT NOT NULL,
        article TEXT NOT NULL,
        language TEXT NOT NULL,
        chars INTEGER NOT NULL,
        text TEXT NOT NULL,
        line_map TEXT NOT NULL,      -- JSON [[text offset, source line or page], ...]
        meta TEXT NOT NULL,          -- JSON object
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_article ON documents(article);
    CREATE INDEX documents_name ON documents(name);
    CREATE TABLE sections (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,          -- JSON list of headings, outermost first
        level INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE tables (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        number INTEGER,
        title TEXT NOT NULL,
        source_note TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        n_rows INTEGER NOT NULL,
        n_cols INTEGER NOT NULL,
        header TEXT NOT NULL,        -- JSON rows of [text, start, end]
        body TEXT NOT NULL,          -- JSON rows of [text, start, end]
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE citations (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,          -- template | footnote | source_note
        fields TEXT NOT NULL,        -- JSON object
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        anchors TEXT NOT NULL,       -- JSON list of text offsets that point at it
        PRIMARY KEY (doc_id, seq)
    );
    """,
    # 2: what the extractors find, and which pipeline version found it
    """
    ALTER TABLE documents ADD COLUMN pipeline INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE observations (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        table_number INTEGER,
        table_index INTEGER NOT NULL,
        title TEXT NOT NULL,
        row TEXT NOT NULL,           -- JSON list: row header path, outermost first
        col TEXT NOT NULL,           -- JSON list: column header path
        value,                       -- the figure as printed (integer or real), NULL if none
        raw TEXT NOT NULL,
        unit TEXT NOT NULL,
        scale INTEGER NOT NULL,
        rank INTEGER,
        flags TEXT NOT NULL,         -- JSON list
        source_note TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        dims TEXT NOT NULL,          -- JSON object: year, month, period, country, region, city, sex
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE checks (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        table_number INTEGER,
        cells TEXT NOT NULL,         -- JSON list of {table, row, col, value, raw, start, end}
        expected,
        found,
        note TEXT NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    """,
    # 3: facts and events in prose
    """
    CREATE TABLE facts (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,      -- the sentence
        "end" INTEGER NOT NULL,
        value, low, high,            -- numbers as stated (scale applied), NULL where not
        approx INTEGER NOT NULL,
        unit TEXT NOT NULL,
        per TEXT NOT NULL,
        subject TEXT NOT NULL,
        time TEXT NOT NULL,          -- ISO 8601 date or interval, '' if none
        place TEXT NOT NULL,
        citations TEXT NOT NULL,     -- JSON list of citation keys
        section TEXT NOT NULL,       -- JSON list: heading path
        mention_start INTEGER NOT NULL,
        mention_end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE events (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        precision TEXT NOT NULL,
        what TEXT NOT NULL,
        places TEXT NOT NULL,        -- JSON list
        citations TEXT NOT NULL,     -- JSON list
        date_start INTEGER NOT NULL,
        date_end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX events_date ON events(date);
    """,
    # 4: entities (through their mentions), flows of people, the directory of help
    """
    CREATE TABLE mentions (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        key TEXT NOT NULL,           -- the entity: "place:KZ", "group:koryo-saram", "person:kimilsung" …
        type TEXT NOT NULL,
        name TEXT NOT NULL,          -- the entity's preferred name
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX mentions_key ON mentions(key);
    CREATE TABLE flows (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        origin TEXT NOT NULL,        -- JSON list of place names
        destination TEXT NOT NULL,   -- JSON list of place names
        "group" TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        value, low, high,
        approx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        evidence TEXT NOT NULL,      -- JSON list of [start, end]
        series TEXT NOT NULL,        -- JSON list of [year, value]
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE resources (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        services TEXT NOT NULL,      -- JSON list
        city TEXT NOT NULL,
        country TEXT NOT NULL,
        url TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        members,
        PRIMARY KEY (doc_id, seq)
    );
    """,
    # 5: full-text search over documents, facts, events, tables and entities (SQLite FTS5)
    """
    CREATE VIRTUAL TABLE search USING fts5(
        kind, doc, body, year UNINDEXED, place UNINDEXED, doc_id UNINDEXED, start UNINDEXED, "end" UNINDEXED,
        ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 6: documents as published (url, date, author), mirrors and language editions grouped; infobox
    # tables; ranges, bounds and approximations of infobox rows
    """
    ALTER TABLE documents ADD COLUMN url TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN published TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN work TEXT NOT NULL DEFAULT '';  -- shared by mirrors and language editions
    ALTER TABLE documents ADD COLUMN signature BLOB;                 -- MinHash of the text, to find mirrors
    CREATE INDEX documents_work ON documents(work);
    CREATE TABLE document_bands (                                    -- locality-sensitive hashing of signatures
        band INTEGER NOT NULL,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (band, doc_id)
    ) WITHOUT ROWID;
    ALTER TABLE tables ADD COLUMN kind TEXT NOT NULL DEFAULT 'table';
    ALTER TABLE observations ADD COLUMN low;
    ALTER TABLE observations ADD COLUMN high;
    ALTER TABLE observations ADD COLUMN approx INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE facts ADD COLUMN time_source TEXT NOT NULL DEFAULT '';
    """,
    # 7: sentence embeddings, computed once per sentence text and model (claims compare contexts by them)
    """
    CREATE TABLE vectors (
        model TEXT NOT NULL,
        sentence BLOB NOT NULL,  -- SHA-1 of the embedded text
        vec BLOB NOT NULL,       -- float32, L2-normalised
        PRIMARY KEY (model, sentence)
    ) WITHOUT ROWID;
    """,
    # 8: conflicts and claims as worked out at the end of the last ingest (koryo.reconciled), read by
    # the site, the CLI and the exports; `reconciled` names the state of the documents they were worked out for
    """
    CREATE TABLE conflicts (
        seq INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,          -- value | range | rounding | date | sum | identifier | agreement
        explanation TEXT NOT NULL
    );
    CREATE TABLE conflict_statements (
        conflict INTEGER NOT NULL REFERENCES conflicts(seq) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,        -- prose | table | event | identifier
        table_index INTEGER,         -- the table's index in its document, for cells
        start INTEGER NOT NULL,      -- the sentence (or cell)
        "end" INTEGER NOT NULL,
        mention_start INTEGER NOT NULL,  -- the figure itself
        mention_end INTEGER NOT NULL,
        value, low, high,
        approx INTEGER NOT NULL,
        raw TEXT NOT NULL,           -- the figure as printed
        time TEXT NOT NULL,
        time_source TEXT NOT NULL,   -- stated | heading | document
        key TEXT NOT NULL,           -- the claim key it is filed under
        about TEXT NOT NULL,         -- the key in words
        place TEXT NOT NULL,
        language TEXT NOT NULL,
        citations TEXT NOT NULL,     -- JSON list of citation keys
        PRIMARY KEY (conflict, seq)
    );
    CREATE TABLE claims (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,            -- stable while its statements are (koryo.reconcile.ranked.claim_id)
        about TEXT NOT NULL,
        agree INTEGER NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE TABLE claim_statements (
        claim INTEGER NOT NULL REFERENCES claims(seq) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,        -- prose | table | event | identifier
        table_index INTEGER,         -- the table's index in its document, for cells
        start INTEGER NOT NULL,      -- the sentence (or cell)
        "end" INTEGER NOT NULL,
        mention_start INTEGER NOT NULL,  -- the figure itself
        mention_end INTEGER NOT NULL,
        value, low, high,
        approx INTEGER NOT NULL,
        raw TEXT NOT NULL,           -- the figure as printed
        time TEXT NOT NULL,
        time_source TEXT NOT NULL,   -- stated | heading | document
        key TEXT NOT NULL,           -- the claim key it is filed under
        about TEXT NOT NULL,         -- the key in words
        place TEXT NOT NULL,
        language TEXT NOT NULL,
        citations TEXT NOT NULL,     -- JSON list of citation keys
        rank TEXT NOT NULL,          -- preferred | normal | deprecated
        rank_reason TEXT NOT NULL,
        PRIMARY KEY (claim, seq)
    );
    CREATE INDEX conflict_statements_doc ON conflict_statements(doc_id);
    CREATE INDEX claim_statements_doc ON claim_statements(doc_id);
    CREATE INDEX claims_id ON claims(id);
    CREATE TABLE reconciled (
        state TEXT NOT NULL,         -- koryo.reconciled.state() when they were worked out
        at TEXT NOT NULL
    );
    """,
    # 9: the text of a large file read in pieces, one row per piece, so that no step holds it whole;
    # such a document's `documents.text` is '' and its `line_map` is the pieces' own
    """
    CREATE TABLE text_parts (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,      -- offset of the piece in the document's text
        text TEXT NOT NULL,
        line_map TEXT NOT NULL,      -- JSON [[text offset, source line], ...] of this piece
        PRIMARY KEY (doc_id, start)
    );
    """,
    # 10: each document's statements (koryo.reconcile), kept so that an ingest works out only the new
    # documents' and those whose article, copies or extraction changed, not every document's again
    """
    CREATE TABLE statements_kept (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        state TEXT NOT NULL,         -- what they were worked out from (koryo.reconcile.statements)
        data TEXT NOT NULL           -- JSON list of the statements
    );
    CREATE TABLE pairs_kept (        -- the judge's candidate pairs with their features (koryo.reconcile.judge.Scored)
        doc_a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        doc_b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        features TEXT NOT NULL
    );
    CREATE INDEX pairs_kept_a ON pairs_kept(doc_a);
    CREATE INDEX pairs_kept_b ON pairs_kept(doc_b);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
