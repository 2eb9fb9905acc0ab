"""A store being written is served all the while: every request during an ingest is answered, and
the documents listed only ever grow, each whole (one transaction per document)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from koryo.store import Store
from tests.conftest import ROOT, SEEDS
from tests.web.conftest import _serve

PAGES = ("/api/sources", "/api/home", "/api/entities", "/api/conflicts", "/api/search?q=Koreans")


def test_pages_are_answered_while_an_ingest_writes_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "koryo.db")
    Store(db).close()  # an empty store, as after a first `koryo ingest` of nothing
    folder = tmp_path / "docs"
    folder.mkdir()
    for copy in range(3):  # enough documents that the ingest is still writing while we read
        for f in sorted(SEEDS.glob("*.txt")):
            (folder / f"{copy}-{f.name}").write_text(f.read_text(encoding="utf-8") + f"\n\nCopy {copy}.\n", encoding="utf-8")
    server = _serve(db)
    url = next(server)
    try:
        ingest = subprocess.Popen([sys.executable, "-m", "koryo", "ingest", "--db", db, str(folder)], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen: list[int] = []  # documents listed, request after request
        while True:
            finished = ingest.poll() is not None
            for page in PAGES:
                r = httpx.get(url + page, timeout=30)
                assert r.status_code == 200, (page, r.status_code, r.text[:300])
                if page == "/api/sources":
                    seen.append(len(r.json()["documents"]))
            if finished:
                break
        assert ingest.wait(60) == 0, ingest.stderr.read().decode() if ingest.stderr else ""
        assert seen == sorted(seen) and seen[-1] == 12, seen
        assert len(set(seen)) > 1, f"no request was answered while the ingest wrote: {seen}"
    finally:
        next(server, None)  # runs the fixture's end: the server is stopped
