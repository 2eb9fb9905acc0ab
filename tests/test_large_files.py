"""A large plain-text file is read, extracted and stored in pieces (`koryo.readers.pieces`): what is
stored is what reading it whole stores, no step sees more than a piece, and a file that fails
part-way leaves nothing in the store. The piece size is made small here so that a file of a few
tens of kilobytes runs through many pieces."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import koryo.ingest
import koryo.readers.pieces as pieces
from koryo.extract import extract
from koryo.ingest import ingest
from koryo.store import Store

PIECE = 3000
TOP = 5000  # the first piece's least size (the top of the text, where its title and language are read)


def _paragraphs(n: int) -> str:
    """A clipping of `n` numbered parts: a header, headings, figures and dates, names, markers,
    an infobox, CRLF line ends and decomposed accents (normalised to NFC on reading)."""
    parts = ["source: https://example.org/reports/koryo-saram\r\ntitle: Koryo-saram in Central Asia\r\n\r\n"]
    parts.append("Koryo-saram\nPopulation\t500,000\nUzbekistan\t176,000\nKazakhstan\t105,000\n\n")
    for i in range(n):
        year = 1990 + i % 30
        parts.append(f"== Part {i} ==\n\n" if i % 4 == 0 else "")
        parts.append(
            f"In {year}, about {1000 + 37 * i:,} Koreans moved from Tashkent to Almaty, according to the"
            f" Ministry of Labour of Kazakhstan.[{i % 3 + 1}] The Association of Koreans in Kazakhstan counted"
            f" {2000 + 11 * i:,} members on 12 March {year}.\r\n\r\n"
            f"Jose\u0301 Martinez of the International Organization for Migration said that {i + 3} per cent"
            f" of the workers held an E-9 visa in {year + 1}.\n\n\n"
        )
    return "".join(parts)


def _dump(where: str) -> dict[str, Any]:
    """Everything stored of the one document, offsets and quotes included, in a comparable form."""
    store = Store(where)
    q = store.db.execute
    out: dict[str, Any] = {}
    for table in ("sections", "tables", "citations", "observations", "checks", "facts", "events", "mentions", "flows", "resources"):
        out[table] = [tuple(r)[1:] for r in q(f"SELECT * FROM {table} ORDER BY seq")]
    out["search"] = sorted(tuple(map(str, r)) for r in q('SELECT kind, body, year, place, start, "end", ref FROM search'))
    out["document"] = tuple(q("SELECT title, article, language, chars, url, published, author, work, signature, format FROM documents").fetchone())
    doc = store.document(1)
    out["text"], out["line_map"] = doc.text, doc.line_map
    out["quotes"] = [doc.text[f.start : f.end] for f in store.facts(1)]
    out["entities"] = store.entities()
    store.close()
    return out


def _small(patch: pytest.MonkeyPatch) -> None:
    """Pieces of a few kilobytes, for any file over one."""
    patch.setattr(pieces, "LARGE_FILE", 1000)
    patch.setattr(pieces, "PIECE_CHARS", PIECE)
    patch.setattr(pieces, "_BLOCK", 1024)  # bytes read at a time: a file's head is its first kilobyte
    patch.setattr(pieces, "_TOP", TOP)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    _small(monkeypatch)


def test_a_file_read_in_pieces_stores_what_reading_it_whole_stores(tmp_path: Path, new_store: Callable[[], str]) -> None:
    path = tmp_path / "clipping.txt"
    path.write_bytes(_paragraphs(100).encode("utf-8"))
    whole, in_pieces = new_store(), new_store()
    assert [o.status for o in ingest(Store(whole), [str(path)])] == ["stored"]
    with pytest.MonkeyPatch.context() as patch:
        _small(patch)
        (outcome,) = ingest(Store(in_pieces), [str(path)])
    assert (outcome.status, outcome.title, outcome.format) == ("stored", "Koryo-saram in Central Asia", "text")
    store = Store(in_pieces)
    parts = [tuple(r) for r in store.db.execute("SELECT start, length(text) FROM text_parts ORDER BY start")]
    assert len(parts) >= 10 and store.db.execute("SELECT text FROM documents").fetchone()[0] == ""
    assert all(a + n == b for (a, n), (b, _) in zip(parts, parts[1:]))  # the pieces tile the text
    assert [o.status for o in ingest(store, [str(path)])] == ["unchanged"]
    store.close()
    a, b = _dump(whole), _dump(in_pieces)
    assert a["text"].count("José Martinez") == 100 and len(a["facts"]) >= 300 and len(a["sections"]) == 25
    for key in a:
        assert a[key] == b[key], key


def test_no_step_of_a_large_file_sees_more_than_a_piece(
    tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clipping.txt"
    path.write_text(_paragraphs(200), encoding="utf-8")
    read: list[int] = []
    extracted: list[int] = []
    read_text = pieces.read_text

    def counted_read(source: str, top: bool = True) -> Any:
        read.append(len(source))
        return read_text(source, top)

    def counted_extract(doc: Any, name: str = "") -> Any:
        extracted.append(len(doc.text))
        return extract(doc, name)

    monkeypatch.setattr(pieces, "read_text", counted_read)
    monkeypatch.setattr(koryo.ingest, "extract", counted_extract)
    (outcome,) = ingest(Store(str(tmp_path / "k.db")), [str(path)])
    assert outcome.status == "stored"
    size = len(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    # every piece at most a piece (the first: the top) and a paragraph long, each character read once (a
    # last chunk of blank lines has nothing to extract): work linear in the file
    assert max(read) <= TOP + 400 and max(extracted) <= TOP + 400
    assert sum(read) == size and len(read) - 1 <= len(extracted) <= len(read) and len(extracted) >= size // TOP


def test_a_large_file_that_fails_part_way_leaves_nothing(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "clipping.txt"
    good = _paragraphs(40).encode("utf-8")
    path.write_bytes(good + b"In 1937 \xff about 172,000 people.\n")
    where = str(tmp_path / "k.db")
    (outcome,) = ingest(Store(where), [str(path)])
    assert outcome.status == "rejected"
    assert outcome.reason == (
        f"{path}: text encoding could not be detected; convert the file to UTF-8"
        f" (invalid UTF-8 at byte {len(good) + 8} (line {len(good.splitlines()) + 1}); the file mixes encodings)"
    )
    store = Store(where)
    for table in ("documents", "text_parts", "sections", "facts", "mentions", "search"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_a_document_read_in_pieces_is_shown_and_exported_with_its_quotes(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "clipping.txt"
    path.write_text(_paragraphs(30), encoding="utf-8")
    where = str(tmp_path / "k.db")
    ingest(Store(where), [str(path)])
    store = Store(where)
    text = store.text(1)
    rows = store.db.execute("SELECT quote, start, \"end\" FROM export_facts").fetchall()
    assert len(rows) >= 90 and all(quote == text[a:b] for quote, a, b in rows)
    mentions = store.db.execute("SELECT quote, start, \"end\" FROM export_mentions").fetchall()
    assert all(quote == text[a:b] for quote, a, b in mentions)
    lines = json.loads(store.db.execute("SELECT line_map FROM text_parts ORDER BY start DESC LIMIT 1").fetchone()[0])
    last_offset, last_line = lines[-1]
    # the last piece's line numbers count the source lines of the pieces before it
    source_line = unicodedata.normalize("NFC", path.read_text(encoding="utf-8").split("\n")[last_line - 1])
    assert source_line.strip() == text[last_offset:].split("\n")[0]
