from __future__ import annotations

import os
from pathlib import Path

import pytest

from koryo.ingest import ingest
from koryo.model import Document
from koryo.readers import read_file
from koryo.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("KORYO_SEEDS", ROOT.parent / "shared" / "seeds"))
DATA = Path(__file__).resolve().parent / "data"


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
