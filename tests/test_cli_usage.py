"""The CLI as a new user meets it: usage errors, warnings, filters by any name, files others can read."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.test_cli import koryo


def test_an_empty_folder_is_said_and_makes_no_store(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden.txt").write_text("Koreans in 1937.")
    run = koryo("ingest", str(tmp_path / "empty"), db=tmp_path / "k.db")
    assert run.returncode == 0
    assert run.stderr == f"koryo: warning: no files to ingest in {tmp_path}/empty (hidden files are skipped)\n"
    assert run.stdout == ""  # no empty summary table
    assert not (tmp_path / "k.db").exists()


def test_a_bad_date_is_a_usage_error(seeded_db: str) -> None:
    run = koryo("timeline", "--from", "banana", db=seeded_db)
    assert run.returncode == 2
    assert run.stderr == "koryo: --from='banana': give a year or an ISO date (1937, 1937-08, 1937-08-21)\n"
    assert koryo("timeline", "--to", "19371", db=seeded_db).returncode == 2
    assert koryo("timeline", "--from", "1937-08", db=seeded_db).returncode == 0


def test_a_document_without_tables_says_so(seeded_db: str) -> None:
    run = koryo("tables", "000", db=seeded_db)
    assert run.returncode == 0 and run.stdout == ""
    assert run.stderr == "000_d732f4cdefd7975b.txt: no tables found in this document\n"


def test_group_filters_take_any_name_of_the_group(seeded_db: str) -> None:
    by_name = koryo("flows", "--group", "Koryo-saram", db=seeded_db).stdout
    assert by_name.endswith("\n3 flows\n")
    for alias in ("Goryeoin", "고려인", "Корё-сарам"):
        assert koryo("flows", "--group", alias, db=seeded_db).stdout == by_name
    assert koryo("flows", "--group", "Martians", db=seeded_db).stdout == "\n0 flows\n"


def test_exports_are_readable_by_others(seeded_db: str, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    readable = 0o666 & ~umask  # 0644 under the usual umask; mkstemp alone gave 0600
    out = tmp_path / "facts.jsonl"
    assert koryo("export", "facts", "--out", str(out), db=seeded_db).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == readable
    out.chmod(0o640)
    assert koryo("export", "events", "--out", str(out), db=seeded_db).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # a replaced file keeps its mode
    package = tmp_path / "package"
    assert koryo("export", "--datapackage", str(package), db=seeded_db).returncode == 0
    assert {stat.S_IMODE(f.stat().st_mode) for f in package.iterdir()} == {readable}


def test_sample_tables_are_read_without_doubt(tmp_path: Path) -> None:
    """An English document's "183,140" is a count, not a doubtful decimal."""
    db = tmp_path / "k.db"
    assert koryo("ingest", str(ROOT / "samples"), db=db).returncode == 0
    shown = koryo("tables", "census-1989.pdf", db=db).stdout
    assert "  Uzbek SSR  |  Koreans  =  183,140 \n" in shown
    observations = [json.loads(x) for x in koryo("export", "observations", db=db).stdout.splitlines()]
    assert observations and not [o for o in observations if "ambiguous" in o["flags"]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_on_a_busy_port_fails_before_saying_it_serves(seeded_db: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = koryo("serve", "--port", str(port), db=seeded_db)
    assert run.returncode == 1
    assert "serving" not in run.stderr
    assert run.stderr.startswith(f"koryo: cannot serve at 127.0.0.1:{port} (Address already in use); stop what uses it")


def _read_only_mount_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    with tempfile.TemporaryDirectory() as d:
        return subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {d} {d}"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs unshare and a mount namespace for a read-only mount")
def test_a_store_on_read_only_media_is_served(seeded_db: str, tmp_path: Path) -> None:
    """A published store (WAL mode, no -shm beside it, the folder read-only) lists and serves."""
    media = tmp_path / "media"
    media.mkdir()
    shutil.copy(seeded_db, media / "koryo.db")  # the WAL and -shm files stay behind, as on a copied disc
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = (f"mount --bind -o ro {media} {media} && {sys.executable} -m koryo docs --db {media}/koryo.db >/dev/null"
              f" && exec {sys.executable} -m koryo serve --port {port} --db {media}/koryo.db")
    proc = subprocess.Popen(["unshare", "-rm", "sh", "-c", script], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(150):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/sources", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.1)
        else:
            raise AssertionError("koryo serve did not start")
        assert answer.status_code == 200
        assert [d["doc"] for d in answer.json()["documents"]][:2] == ["000_d732f4cdefd7975b.txt", "001_cc6e2c6741b08d95.txt"]
        assert httpx.get(f"http://127.0.0.1:{port}/timeline", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)
    assert sorted(p.name for p in media.iterdir()) == ["koryo.db"]  # nothing written beside it
