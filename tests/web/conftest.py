from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from koryo.ingest import ingest
from koryo.store import Store
from tests.conftest import DATA, ROOT, SEEDS

SCREENSHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="session")
def site_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds, a hostile page (raw HTML in its text) and two with `javascript:` links, stored."""
    folder = tmp_path_factory.mktemp("site") / "docs"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    shutil.copy(DATA / "hostile.txt", folder / "zz-hostile.txt")
    for f in (Path(__file__).parent / "data").iterdir():  # script in citation URLs and footnote links
        shutil.copy(f, folder / f"zz-{f.name}")
    path = str(folder.parent / "koryo.db")
    store = Store(path)
    assert all(o.status == "stored" for o in ingest(store, [str(folder)]))
    store.close()
    return path


DEVSET = ROOT.parent / "shared" / "devset" / "docs"


@pytest.fixture(scope="session")
def devset_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The third-party texts of the devset, stored (a corpus koryo was not written for)."""
    path = str(tmp_path_factory.mktemp("devset") / "koryo.db")
    store = Store(path)
    ingest(store, [str(DEVSET)])
    store.close()
    return path


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus shipped with koryo (one file per format), stored."""
    path = str(tmp_path_factory.mktemp("samples") / "koryo.db")
    store = Store(path)
    assert all(o.status == "stored" for o in ingest(store, [str(ROOT / "samples")]))
    store.close()
    return path


def _serve(db: str) -> Iterator[str]:
    """`koryo serve` on a free local port, as a user starts it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "koryo", "serve", "--port", str(port), "--db", db],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(url + "/api/sources", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("koryo serve did not start: " + proc.stderr.read().decode() if proc.stderr else "")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def server(site_db: str) -> Iterator[str]:
    yield from _serve(site_db)


@pytest.fixture(scope="session")
def devset_server(devset_db: str) -> Iterator[str]:
    yield from _serve(devset_db)


@pytest.fixture(scope="session")
def samples_server(samples_db: str) -> Iterator[str]:
    yield from _serve(samples_db)
