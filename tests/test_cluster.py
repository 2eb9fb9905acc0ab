from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from distributed import get_task_stream

from koryo.cluster import connect, ingest_on_cluster, parse_address
from koryo.errors import UsageError
from koryo.ingest import ingest_files
from koryo.store import Store
from tests.conftest import SEEDS


def _corpus(folder: Path) -> list[Path]:
    """The four seeds and four copies of the report, each with a sentence of its own."""
    files = sorted(p for p in SEEDS.iterdir() if p.is_file())
    report = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    for n in range(4):
        copy = folder / f"report-{n}.md"
        copy.write_text(report + f"\n\nIn 201{n}, {n + 3},000 people moved to Seoul.\n", encoding="utf-8")
        files.append(copy)
    return files


def _contents(store: Store) -> list[tuple[object, ...]]:
    return [
        (d.name, d.sha256, d.title, d.article, d.work, d.revision, store.counts(d.id), store.facts(d.id), store.observations(d.id))
        for d in store.documents()
    ]


def test_a_worker_killed_mid_ingest_loses_nothing(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    alone = Store(str(tmp_path / "one.db"))
    assert [o.status for o in ingest_files(alone, files)] == ["stored"] * 8
    store = Store(str(tmp_path / "cluster.db"))
    killed: list[int] = []
    with connect("local:2") as client:
        outcomes = []
        for outcome in ingest_on_cluster(store, files, client):
            outcomes.append(outcome)
            if not killed:  # after the first document, kill -9 a worker in the middle of its task
                busy = [w for w, tasks in client.processing().items() if tasks]
                pid = client.run(os.getpid)[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        assert len(client.run(os.getpid)) == 2 and killed[0] not in client.run(os.getpid).values()  # replaced
    assert [o.status for o in outcomes] == ["stored"] * 8
    assert [o.path for o in outcomes] == [str(f) for f in files]
    assert _contents(store) == _contents(alone)
    # and again: every file is already stored, none is sent to a worker
    with connect("local:1") as client, get_task_stream(client) as tasks:
        assert [o.status for o in ingest_on_cluster(store, files, client)] == ["unchanged"] * 8
    assert tasks.data == []


def test_cluster_addresses() -> None:
    assert parse_address("local:2") == ("local", 2)
    assert parse_address("tcp://10.0.0.5:8786") == ("remote", 0)
    for bad in ("local:0", "local:x", "10.0.0.5:8786"):
        with pytest.raises(UsageError, match="local:N"):
            parse_address(bad)


def test_ingest_command_on_a_local_cluster(tmp_path: Path) -> None:
    from tests.test_cli import koryo

    run = koryo("ingest", str(SEEDS), "--cluster", "local:1", db=tmp_path / "k.db")
    assert run.returncode == 0, run.stderr
    assert "4 stored, 0 unchanged, 0 rejected; new: 73 sections, 16 tables, 48 footnotes, 75 citations, 667 observations, 7 checks" in run.stdout
    bad = koryo("ingest", str(SEEDS), "--cluster", "10.0.0.5:8786", db=tmp_path / "other.db")
    assert (bad.returncode, bad.stderr) == (2, "koryo: 10.0.0.5:8786: give a scheduler's address (tcp://host:8786) or local:N\n")
    assert not (tmp_path / "other.db").exists()
