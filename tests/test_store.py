from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from koryo.errors import NotFound, StoreError
from koryo.ingest import ingest
from koryo.store import Store, db_path
from koryo.store.schema import SCHEMA_VERSION
from tests.conftest import ROOT, SEEDS


def test_seeds_are_stored_as_four_documents_with_revisions(seeded_db: str) -> None:
    store = Store(seeded_db, readonly=True)
    docs = store.documents()
    assert [d.name[:3] for d in docs] == ["000", "001", "002", "003"]
    assert [(d.format, d.revision) for d in docs] == [("text", 1), ("wikitext", 1), ("text", 2), ("markdown", 1)]
    assert docs[1].article == docs[2].article == "north koreans in russia"
    report = store.document(docs[3].id)
    assert len(report.tables) == 16
    read = ("sections", "tables", "footnotes", "citations", "observations", "checks")
    assert {k: store.counts(docs[3].id)[k] for k in read} == {"sections": 61, "tables": 16, "footnotes": 48, "citations": 59, "observations": 667, "checks": 7}
    assert {k: store.counts(docs[1].id)[k] for k in read} == {"sections": 6, "tables": 0, "footnotes": 0, "citations": 16, "observations": 0, "checks": 0}


def test_round_trip_keeps_every_anchor(seeded_db: str, report) -> None:  # type: ignore[no-untyped-def]
    store = Store(seeded_db, readonly=True)
    stored = store.document(store.find("003").id)
    assert stored.text == report.text
    assert stored.tables == report.tables
    assert stored.citations == report.citations
    assert stored.sections == report.sections
    assert stored.line_map == report.line_map


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "k.db")
    store = Store(path)
    first = ingest(store, [str(SEEDS)])
    before = store.db.execute("SELECT count(*) FROM citations").fetchone()[0]
    second = ingest(store, [str(SEEDS)])
    assert [o.status for o in first] == ["stored"] * 4
    assert [o.status for o in second] == ["unchanged"] * 4
    assert store.db.execute("SELECT count(*) FROM citations").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_find_documents_by_name_id_title(seeded_db: str) -> None:
    store = Store(seeded_db, readonly=True)
    assert store.find("1").name.startswith("000_")
    assert store.find("003").name.startswith("003_")
    assert store.find("ILLEGAL MIGRATION OF KAZAKHSTANIS TO SOUTH KOREA").name.startswith("003_")
    with pytest.raises(NotFound, match="matches several documents"):
        store.find("North Koreans in Russia")
    with pytest.raises(NotFound, match="no such document"):
        store.find("nothing-like-this")


def test_schema_is_versioned(tmp_path: Path) -> None:
    path = str(tmp_path / "k.db")
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="made by a newer koryo"):
        Store(path)


def test_store_location(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KORYO_DB", raising=False)
    assert db_path(None) == "koryo.db"
    monkeypatch.setenv("KORYO_DB", "/data/x.db")
    assert db_path(None) == "/data/x.db"
    assert db_path("sqlite:///a/b.db") == "a/b.db"
    with pytest.raises(StoreError, match="only SQLite"):
        db_path("postgresql://localhost/koryo")


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a koryo store"):
        Store(str(bad))


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_killed_ingest_leaves_only_whole_documents(tmp_path: Path) -> None:
    """Kill -9 an ingest of many files part way; the store opens and every document is whole."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    for n in range(80):
        (corpus / f"report-{n:03d}.md").write_text(report + f"\n\nCopy {n}.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "koryo", "ingest", str(corpus), "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as check:
                    stored = check.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 5 <= stored
    # the worker processes go with it
    for _ in range(50):
        alive = [p for p in Path("/proc").glob("[0-9]*") if _cmdline(p) and str(db) in _cmdline(p)]
        if not alive:
            break
        time.sleep(0.1)
    assert alive == []
    reference = Store(str(tmp_path / "one.db"))
    ingest(reference, [str(corpus / "report-000.md")])
    whole = reference.counts(1)
    assert whole["tables"] == 16 and whole["observations"] == 667
    store = Store(str(db))
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = store.documents()
    assert 5 <= len(docs) < 80
    for d in docs:
        assert store.counts(d.id) == whole
    # and the interrupted ingest can simply be run again
    outcomes = ingest(store, [str(corpus)])
    assert sum(o.status == "unchanged" for o in outcomes) == len(docs)
    assert len(store.documents()) == 80
