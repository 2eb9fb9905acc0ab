from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from koryo.ingest import ingest
from koryo.model import Document
from koryo.readers import read_file
from koryo.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("KORYO_SEEDS", ROOT.parent / "shared" / "seeds"))
DATA = Path(__file__).resolve().parent / "data"
# A PostgreSQL server for the store's tests (`tools/pg-server start DIR` prints one; CI always sets it).
PG = os.environ.get("KORYO_TEST_PG", "")
BACKENDS = ["sqlite", "postgresql"]


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000" … "003")."""
    (hit,) = SEEDS.glob(f"{prefix}_*.txt")
    return hit


@pytest.fixture(scope="session")
def report() -> Document:
    return read_file(seed("003"))[1]


@pytest.fixture(scope="session")
def wiki_old() -> Document:
    return read_file(seed("001"))[1]


@pytest.fixture(scope="session")
def wiki_new() -> Document:
    return read_file(seed("002"))[1]


@pytest.fixture(scope="session")
def community() -> Document:
    return read_file(seed("000"))[1]


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the four seeds, made once for the session (tests only read it)."""
    path = str(tmp_path_factory.mktemp("store") / "koryo.db")
    store = Store(path)
    outcomes = ingest(store, [str(SEEDS)])
    store.close()
    assert [o.status for o in outcomes] == ["stored"] * 4
    return path


class NewStores:
    """Makes empty stores of one kind: SQLite files in a folder, or databases on the PostgreSQL
    server (each dropped when the test ends)."""

    def __init__(self, kind: str, folder: Path) -> None:
        if kind == "postgresql" and not PG:
            pytest.skip("no PostgreSQL server: set KORYO_TEST_PG (`tools/pg-server start DIR` prints it)")
        self.kind, self.folder, self.made = kind, folder, []  # type: list[str]

    def __call__(self) -> str:
        if self.kind == "sqlite":
            path = str(self.folder / f"store-{len(self.made)}.db")
            self.made.append(path)
            return path
        import psycopg

        name = f"koryo_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        return urlunsplit(urlsplit(PG)._replace(path="/" + name))

    def drop(self) -> None:
        if self.kind != "postgresql":
            return
        import psycopg

        with psycopg.connect(PG, autocommit=True) as admin:
            for name in self.made:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty stores (their locations), once per backend."""
    stores = NewStores(request.param, tmp_path)
    yield stores
    stores.drop()


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the four seeds, once per backend for the session (tests only read it)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("seeded_db")
        return
    stores = NewStores(request.param, tmp_path_factory.mktemp("seeded"))
    where = stores()
    store = Store(where)
    outcomes = ingest(store, [str(SEEDS)])
    store.close()
    assert [o.status for o in outcomes] == ["stored"] * 4
    yield where
    stores.drop()


def assert_spans(doc: Document) -> None:
    """Every anchored range of a document quotes exactly its text."""
    for t in doc.tables:
        for row in t.header + t.body:
            for c in row:
                assert doc.text[c.start : c.end] == c.text
    for c in doc.citations:
        assert 0 <= c.start <= c.end <= len(doc.text)
        for a in c.anchors:
            assert 0 <= a <= len(doc.text)
    for s in doc.sections:
        assert doc.text[s.start :].startswith(s.path[-1])
