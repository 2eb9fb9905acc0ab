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
from koryo.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import ROOT, SEEDS, NewStores


def test_seeds_are_stored_as_four_documents_with_revisions(seeded_store: str) -> None:
    store = Store(seeded_store, readonly=True)
    docs = store.documents()
    assert [d.name[:3] for d in docs] == ["000", "001", "002", "003"]
    assert [(d.format, d.revision) for d in docs] == [("text", 1), ("wikitext", 1), ("text", 2), ("markdown", 1)]
    assert docs[1].article == docs[2].article == "north koreans in russia"
    report = store.document(docs[3].id)
    assert len(report.tables) == 16
    read = ("sections", "tables", "footnotes", "citations", "observations", "checks")
    assert {k: store.counts(docs[3].id)[k] for k in read} == {"sections": 61, "tables": 16, "footnotes": 48, "citations": 59, "observations": 667, "checks": 7}
    assert {k: store.counts(docs[1].id)[k] for k in read} == {"sections": 6, "tables": 0, "footnotes": 0, "citations": 16, "observations": 0, "checks": 0}


def test_round_trip_keeps_every_anchor(seeded_store: str, report) -> None:  # type: ignore[no-untyped-def]
    store = Store(seeded_store, readonly=True)
    stored = store.document(store.find("003").id)
    assert stored.text == report.text
    assert stored.tables == report.tables
    assert stored.citations == report.citations
    assert stored.sections == report.sections
    assert stored.line_map == report.line_map


def test_reingest_changes_nothing(new_store: NewStores) -> None:
    store = Store(new_store())
    first = ingest(store, [str(SEEDS)])
    before = store.db.execute("SELECT count(*) FROM citations").fetchone()[0]
    second = ingest(store, [str(SEEDS)])
    assert [o.status for o in first] == ["stored"] * 4
    assert [o.status for o in second] == ["unchanged"] * 4
    assert store.db.execute("SELECT count(*) FROM citations").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_find_documents_by_name_id_title(seeded_store: str) -> None:
    store = Store(seeded_store, readonly=True)
    assert store.find("1").name.startswith("000_")
    assert store.find("003").name.startswith("003_")
    assert store.find("ILLEGAL MIGRATION OF KAZAKHSTANIS TO SOUTH KOREA").name.startswith("003_")
    with pytest.raises(NotFound, match="matches several documents"):
        store.find("North Koreans in Russia")
    with pytest.raises(NotFound, match="no such document"):
        store.find("nothing-like-this")


def test_schema_is_versioned(new_store: NewStores) -> None:
    path = new_store()
    store = Store(path)
    assert store.backend.version() == SCHEMA_VERSION
    if new_store.kind == "sqlite":
        store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:
        store.db.execute("UPDATE koryo_schema SET version = ?", (SCHEMA_VERSION + 1,))
    store.close()
    with pytest.raises(StoreError, match="made by a newer koryo"):
        Store(path)


def test_a_new_store_to_read_is_not_made(new_store: NewStores) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(new_store(), readonly=True)


def test_postgresql_has_the_schema_of_sqlite(new_store: NewStores) -> None:
    """Every migration has its PostgreSQL twin: the same tables with the same columns, in order."""
    if new_store.kind != "postgresql":
        pytest.skip("compares the PostgreSQL schema with SQLite's")
    lite = sqlite3.connect(":memory:")
    for script in MIGRATIONS:
        lite.executescript(script)
    tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name")]
    columns = {t: [r[1] for r in lite.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    store = Store(new_store())
    pg = {
        t: [r[0] for r in store.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
            " AND column_name != 'words'"
            " ORDER BY ordinal_position", (t,))]
        for t in tables
    }
    assert pg == columns


def test_postgresql_stores_what_sqlite_stores(seeded_store: str, seeded_db: str) -> None:
    """Every record read back is the same, figures' types (integer or real) included."""
    if seeded_store == seeded_db:
        pytest.skip("compares PostgreSQL with SQLite")
    lite, other = Store(seeded_db, readonly=True), Store(seeded_store, readonly=True)
    kinds = ("document", "observations", "checks", "facts", "events", "mentions", "flows", "resources")
    for a, b in zip(lite.documents(), other.documents(), strict=True):
        assert (a.name, a.sha256, a.article, a.work, a.revision) == (b.name, b.sha256, b.article, b.work, b.revision)
        for kind in kinds:
            mine, theirs = getattr(lite, kind)(a.id), getattr(other, kind)(b.id)
            assert mine == theirs, kind
            assert repr(mine) == repr(theirs), kind  # 2 and 2.0 stay apart
    assert lite.entities() == other.entities()


def test_postgresql_exports_what_sqlite_exports(seeded_store: str, seeded_db: str) -> None:
    """Every export kind, conflicts and revisions (worked out across documents) included."""
    if seeded_store == seeded_db:
        pytest.skip("compares PostgreSQL with SQLite")
    from koryo.export import KINDS

    lite, other = Store(seeded_db, readonly=True), Store(seeded_store, readonly=True)
    for kind, records in KINDS.items():
        mine, theirs = list(records(lite)), list(records(other))
        if kind == "documents":
            for r in mine + theirs:
                r.pop("ingested_at", None)
        assert repr(mine) == repr(theirs), kind
    assert len(list(KINDS["conflicts"](other))) == 3


def test_the_site_says_it_reads_sqlite_only(new_store: NewStores) -> None:
    if new_store.kind != "postgresql":
        pytest.skip("the site reads SQLite stores")
    from koryo.store.queries import Reader

    where = new_store()
    Store(where).close()
    with pytest.raises(StoreError, match="the site and `koryo search` read SQLite stores only"):
        Reader(where)


def test_store_location(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KORYO_DB", raising=False)
    assert db_path(None) == "koryo.db"
    monkeypatch.setenv("KORYO_DB", "/data/x.db")
    assert db_path(None) == "/data/x.db"
    assert db_path("sqlite:///a/b.db") == "a/b.db"
    assert db_path("postgresql://koryo@db.example/koryo") == "postgresql://koryo@db.example/koryo"
    with pytest.raises(StoreError, match="a SQLite file .* or postgresql://"):
        db_path("mysql://localhost/koryo")


def test_postgresql_store_that_does_not_answer(tmp_path: Path) -> None:
    from koryo.store.backend import Postgres

    with pytest.raises(StoreError, match=r"postgresql://koryo:\*\*\*@/none\?host=.*: cannot connect"):
        Store(f"postgresql://koryo:secret@/none?host={tmp_path}")
    assert Postgres.safe("postgresql://koryo@db.example/k") == "postgresql://koryo@db.example/k"


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


def _count(where: str) -> int:
    """Documents in a store another process is writing (0 while it is not made yet)."""
    try:
        store = Store(where, readonly=True)
    except (StoreError, sqlite3.Error):
        return 0
    try:
        return int(store.db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        store.close()


def test_killed_ingest_leaves_only_whole_documents(tmp_path: Path, new_store: NewStores) -> None:
    """Kill -9 an ingest of many files part way; the store opens and every document is whole."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    for n in range(80):
        (corpus / f"report-{n:03d}.md").write_text(report + f"\n\nCopy {n}.\n", encoding="utf-8")
    db = new_store()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "koryo", "ingest", str(corpus), "--db", db],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.05)
        stored = _count(db)
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
    store = Store(db)
    if new_store.kind == "sqlite":
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = store.documents()
    assert 5 <= len(docs) < 80
    for d in docs:
        assert store.counts(d.id) == whole
    # and the interrupted ingest can simply be run again
    outcomes = ingest(store, [str(corpus)])
    assert sum(o.status == "unchanged" for o in outcomes) == len(docs)
    assert len(store.documents()) == 80


def test_two_first_opens_at_once_migrate_once(new_store: NewStores) -> None:
    """Two ingests starting together on a new store: one migrates, the other waits and finds it done."""
    import threading

    for _ in range(12 if new_store.kind == "sqlite" else 4):
        path = new_store()
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def open_store() -> None:
            start.wait()
            try:
                Store(path).close()
            except BaseException as exc:  # noqa: BLE001 - the test reports whatever went wrong
                errors.append(exc)

        threads = [threading.Thread(target=open_store) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert Store(path, readonly=True).backend.version() == SCHEMA_VERSION


def test_two_first_ingests_at_once(new_store: NewStores) -> None:
    db = new_store()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen([sys.executable, "-m", "koryo", "ingest", str(seed), "--db", db], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for seed in (next(SEEDS.glob("000_*.txt")), next(SEEDS.glob("002_*.txt")))
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in runs]
    assert results == [(0, ""), (0, "")]
    assert [d.name for d in sorted(Store(db, readonly=True).documents(), key=lambda d: d.name)] == [
        next(SEEDS.glob("000_*.txt")).name, next(SEEDS.glob("002_*.txt")).name,
    ]


MOUNT_AND_INGEST = """
set -e
mount -t tmpfs -o size=2m tmpfs "$1"
"$2" -m koryo ingest "$3" --db "$1/k.db" > /dev/null || echo "exit $?"
"$2" - "$1/k.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("PRAGMA integrity_check").fetchone()[0], db.execute("SELECT count(*) FROM documents").fetchone()[0])
print(sorted({n for (n,) in db.execute("SELECT count(*) FROM observations GROUP BY doc_id")}))
PY
"""


def test_disk_full_is_one_line_and_the_store_stays_whole(tmp_path: Path) -> None:
    """A real full disk: a 2 MB tmpfs mounted in a private mount namespace (unshare)."""
    report = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):
        (corpus / f"report-{n:02d}.md").write_text(report + f"\n\nCopy {n}.\n", encoding="utf-8")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no mount namespace here (unshare -rm) to make a small disk in")
    run = subprocess.run(
        ["unshare", "-rm", "sh", "-c", MOUNT_AND_INGEST, "sh", str(mnt), sys.executable, str(corpus)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300,
    )
    written = int(run.stderr.split("disk is full (")[1].split()[0]) if "disk is full (" in run.stderr else -1
    assert run.stderr == (
        f"koryo: {mnt}/k.db: disk is full ({written} documents written, {12 - written} left); the documents stored"
        " are whole: free some space and run the ingest again\n"
    )
    assert 1 <= written < 12
    assert run.stdout.splitlines() == ["exit 1", f"ok {written}", "[667]"]  # each document whole


def test_claims_keep_their_sentence_vectors_in_the_store(new_store: NewStores) -> None:
    """The claims' embeddings are cached in the store (schema 7) on both backends, once each."""
    from koryo import embed
    from koryo.reconcile import conflicts

    store = Store(new_store())
    ingest(store, [str(next(SEEDS.glob("001_*.txt"))), str(next(SEEDS.glob("002_*.txt")))])
    embed._memory.clear()  # this process's copy: the store's is the one under test
    found = conflicts(store)
    kept = store.db.execute("SELECT count(*) FROM vectors").fetchone()[0]
    assert kept > 0
    embed._memory.clear()
    assert conflicts(store) == found
    assert store.db.execute("SELECT count(*) FROM vectors").fetchone()[0] == kept
    reader = Store(store.path, readonly=True)
    embed._memory.clear()
    assert conflicts(reader) == found  # read-only: vectors are read, nothing is written
