"""The store's views are the exports: what `datasette koryo.db` shows is what `koryo export` writes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from koryo import export
from koryo.store import Store, views

LISTS = {"citations", "section", "places", "aliases", "docs", "fields", "anchors", "row", "col", "flags", "dims", "services", "statements"}


def _decoded(row: sqlite3.Row) -> dict[str, Any]:
    """A view's row with its JSON columns decoded (the export's booleans are compared as 0/1)."""
    return {k: json.loads(row[k]) if k in LISTS else row[k] for k in row.keys()}


@pytest.mark.parametrize("kind", ["facts", "events", "mentions", "entities", "citations", "observations", "resources", "conflicts",
                                  "claims"])
def test_each_view_is_its_export(seeded_db: str, kind: str) -> None:
    store = Store(seeded_db, readonly=True)
    try:
        rows = [_decoded(r) for r in store.db.execute(f"SELECT * FROM export_{kind}")]
        records = list(export.KINDS[kind](store))
    finally:
        store.close()
    assert rows and list(rows[0]) == list(records[0])
    normalised = [{k: int(v) if isinstance(v, bool) else v for k, v in r.items()} for r in records]
    assert rows == normalised


def test_facts_view_quotes_its_text(seeded_db: str) -> None:
    store = Store(seeded_db, readonly=True)
    try:
        row = store.db.execute("SELECT doc, quote, mention, value, approx FROM export_facts WHERE mention = 'Close to 172,000'").fetchone()
    finally:
        store.close()
    assert tuple(row) == ("000_d732f4cdefd7975b.txt",
                          "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan.", "Close to 172,000",
                          172000, 1)


def test_views_are_remade_when_they_differ(seeded_db: str, tmp_path: Path) -> None:
    path = str(tmp_path / "k.db")
    shutil.copy(seeded_db, path)
    db = sqlite3.connect(path)
    db.execute("DROP VIEW export_facts")
    db.execute("CREATE VIEW export_facts AS SELECT 1 AS old")
    db.execute("CREATE VIEW export_gone AS SELECT 1")
    db.commit()
    db.close()
    store = Store(path)
    try:
        assert views.current(store.db)
        names = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")]
        assert names == sorted(f"export_{k}" for k in ("facts", "events", "mentions", "entities", "citations", "observations", "resources",
                                                       "conflicts", "claims"))
        assert store.db.execute("SELECT count(*) FROM export_facts").fetchone()[0] == 186
    finally:
        store.close()
