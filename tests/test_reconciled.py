"""Conflicts and claims kept in the store: worked out at the end of an ingest, read back as the
judge found them (on both backends), and worked out again — in memory only, for a read-only
store — when the documents have changed since."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from koryo import export, reconciled
from koryo.ingest import ingest
from koryo.readers import read_file
from koryo.reconcile.judge import Scored
from koryo.store import Store
from koryo.web.app import create_app
from tests.conftest import SEEDS, NewStores
from tests.test_cli import koryo


def test_an_ingest_keeps_the_conflicts_and_claims_it_finds(seeded_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(seeded_store, readonly=True)
    try:
        kept = reconciled.stored(store)
        assert kept is not None
        assert store.db.execute("SELECT state FROM reconciled").fetchone()[0] == reconciled.state(store)
        assert [c.kind for c in kept.conflicts] == ["value", "value", "date"]
        sakhalin = kept.conflicts[0]
        assert sakhalin.key == "who=nationality:KP;status=workers;place=Sakhalin;unit=persons;per="
        assert [(s.doc[:3], s.raw, s.time, s.kind) for s in sakhalin.statements] == [
            ("001", "roughly 8,000", "1947/1949", "prose"), ("002", "roughly 9,000", "1947/1949", "prose")]
        s = sakhalin.statements[0]
        text = store.text(store.find(s.doc).id)
        assert text[s.mention_start : s.mention_end] == "roughly 8,000" and text[s.start : s.end].startswith("In the late 1940s, roughly")
        assert len(kept.claims) == 29
        claim = next(c for c in kept.claims if c.id == "f39f18ba28a1")
        assert claim.summary == "1 source gives roughly 9,000; 1 source gives other figures: roughly 8,000"
        assert [(r.statement.doc[:3], r.statement.raw, r.rank) for r in claim.statements] == [
            ("001", "roughly 8,000", "deprecated"), ("002", "roughly 9,000", "preferred")]
        # read back, they export as the judge's findings of now do, value types included
        read_back = {kind: repr(list(export.KINDS[kind](store))) for kind in ("conflicts", "claims")}
        monkeypatch.setattr(reconciled, "stored", lambda _store: None)
        for kind in ("conflicts", "claims"):
            assert read_back[kind] == repr(list(export.KINDS[kind](store))), kind
    finally:
        store.close()


EXTRA = "In the late 1940s, roughly 12,000 North Korean migrant workers were recruited by the Soviet government to work in fisheries on Sakhalin.\n"


@pytest.fixture()
def stale(seeded_db: str, tmp_path: Path) -> str:
    """The seeds' store with one more document stored after its conflicts were worked out."""
    (tmp_path / "extra.txt").write_text(EXTRA, encoding="utf-8")
    path = str(tmp_path / "koryo.db")
    shutil.copy(seeded_db, path)
    store = Store(path)
    store.add(*read_file(tmp_path / "extra.txt"))
    store.close()
    return path


def test_a_read_only_store_older_than_its_documents_is_worked_out_in_memory(stale: str) -> None:
    store = Store(stale, readonly=True)
    try:
        assert reconciled.stored(store) is None  # the tables are of four documents, the store has five
        found = reconciled.judged(store)
        sakhalin = next(c for c in found.conflicts if c.key.startswith("who=nationality:KP;status=workers;place=Sakhalin"))
        assert [s.raw for s in sakhalin.statements] == ["roughly 8,000", "roughly 9,000", "roughly 12,000"]
        newest = "SELECT count(*) FROM conflict_statements WHERE doc_id = (SELECT max(id) FROM documents)"
        assert store.db.execute(newest).fetchone()[0] == 0  # nothing written
        assert [r["statements"][-1]["mention"] for r in export.conflict_records(store) if r["key"] == sakhalin.key] == ["roughly 12,000"]
    finally:
        store.close()
    writable = Store(stale)
    try:
        assert [c.key for c in reconciled.judged(writable).conflicts] == [c.key for c in found.conflicts]
        kept = reconciled.stored(writable)
        assert kept is not None and "extra.txt" in {s.doc for c in kept.conflicts for s in c.statements}
    finally:
        writable.close()


def test_the_next_ingest_works_them_out_again(stale: str, tmp_path: Path) -> None:
    store = Store(stale)
    try:
        assert reconciled.stored(store) is None
        ingest(store, [str(tmp_path / "extra.txt")])  # already stored: unchanged, but the tables are brought up to date
        kept = reconciled.stored(store)
        assert kept is not None and "extra.txt" in {s.doc for c in kept.conflicts for s in c.statements}
    finally:
        store.close()


def test_a_store_of_an_older_koryo_is_worked_out_again(seeded_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "koryo.db")
    shutil.copy(seeded_db, path)
    monkeypatch.setattr(reconciled.reconcile, "VERSION", reconciled.reconcile.VERSION + 1)
    store = Store(path, readonly=True)
    try:
        assert reconciled.stored(store) is None and len(reconciled.judged(store).claims) == 29
    finally:
        store.close()


def test_both_backends_keep_them(new_store: NewStores) -> None:
    store = Store(new_store())
    try:
        ingest(store, [str(next(SEEDS.glob("001_*.txt"))), str(next(SEEDS.glob("002_*.txt")))])
        kept = reconciled.stored(store)
        assert kept is not None
        assert [(c.kind, [s.raw for s in c.statements]) for c in kept.conflicts if c.kind != "agreement"] == [
            ("value", ["roughly 8,000", "roughly 9,000"])]
        assert kept == reconciled.stored(store) and kept.claims and all(len(c.statements) >= 2 for c in kept.claims)
    finally:
        store.close()


@pytest.fixture()
def marked(seeded_db: str, tmp_path: Path) -> str:
    """A copy of the seeds' store whose kept conflict and claim say so (no judge writes these words)."""
    path = str(tmp_path / "koryo.db")
    shutil.copy(seeded_db, path)
    db = sqlite3.connect(path)
    db.execute("UPDATE conflicts SET explanation = 'as kept in the store' WHERE seq = 0")
    db.execute("UPDATE claims SET summary = 'as kept in the store' WHERE id = 'f39f18ba28a1'")
    db.commit()
    db.close()
    return path


def test_the_cli_reads_them_from_the_store(marked: str) -> None:
    assert "value: as kept in the store" in koryo("conflicts", db=marked).stdout
    assert "as kept in the store  (claim f39f18ba28a1)" in koryo("claims", "Sakhalin", db=marked).stdout
    record = json.loads(koryo("export", "conflicts", db=marked).stdout.splitlines()[0])
    assert record["explanation"] == "as kept in the store"


def test_the_site_reads_them_from_the_store(marked: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_judge(_store: Store) -> None:
        raise AssertionError("the site ran the judge")

    monkeypatch.setattr(reconciled, "work_out", no_judge)
    client = TestClient(create_app(marked, warm=False))
    conflicts = client.get("/api/conflicts").json()
    assert conflicts["total"] == 3 and conflicts["conflicts"][0]["explanation"] == "as kept in the store"
    assert client.get("/api/claims/f39f18ba28a1").json()["summary"] == "as kept in the store"
    assert client.get("/api/claims").json()["total"] == 29
    assert client.get("/").status_code == 200 and client.get("/api/search", params={"q": "Sakhalin"}).json()["conflicts_total"] == 1


def test_the_site_works_out_a_read_only_store_older_than_its_documents(stale: str) -> None:
    os.chmod(stale, 0o444)
    client = TestClient(create_app(stale, warm=False))
    card = next(c for c in client.get("/api/conflicts").json()["conflicts"] if "Sakhalin" in c["about"])
    assert [s["mention"] for s in card["statements"]] == ["roughly 8,000", "roughly 9,000", "roughly 12,000"]


def test_an_ingest_compares_only_the_new_documents_statements(new_store: NewStores, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "extra.txt").write_text(EXTRA, encoding="utf-8")
    wiki = [str(next(SEEDS.glob(f"{n}_*.txt"))) for n in ("001", "002")]
    at_once = Store(new_store())
    ingest(at_once, [*wiki, str(tmp_path / "extra.txt")])
    store = Store(new_store())
    ingest(store, wiki)
    worked_out: list[str] = []
    scorers: list[Scored] = []
    statements_of = reconciled.reconcile._document_statements
    monkeypatch.setattr(reconciled.reconcile, "_document_statements", lambda s, d, n: worked_out.append(d.name) or statements_of(s, d, n))
    monkeypatch.setattr(reconciled, "Scored", lambda: scorers.append(Scored()) or scorers[-1])
    try:
        ingest(store, [str(tmp_path / "extra.txt")])
        assert worked_out == ["extra.txt"]  # the wiki pages' statements are read back as kept
        (scored,) = scorers
        assert scored.added and all("extra.txt" in (a.split("\t")[0], b.split("\t")[0]) for a, b in scored.added)
        assert len(scored.features) > len(scored.added)  # the wiki pages' pair, kept from their ingest
        kept, whole = reconciled.stored(store), reconciled.stored(at_once)
        assert kept is not None and whole is not None
        assert [(c.kind, [s.raw for s in c.statements]) for c in kept.conflicts] == \
            [(c.kind, [s.raw for s in c.statements]) for c in whole.conflicts]
        assert [c.summary for c in kept.claims] == [c.summary for c in whole.claims]
        assert [s.raw for s in kept.conflicts[0].statements] == ["roughly 8,000", "roughly 9,000", "roughly 12,000"]
    finally:
        store.close()
        at_once.close()
