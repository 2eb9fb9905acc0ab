from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, SEEDS


def koryo(*args: str, db: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--db", str(db)] if db else []
    return subprocess.run(
        [sys.executable, "-m", "koryo", *args, *extra], capture_output=True, text=True, cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(ROOT)},
    )


def test_ingest_seeds_summary_and_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run = koryo("ingest", str(SEEDS), db=db)
    assert run.returncode == 0, run.stderr
    assert "4 stored, 0 unchanged, 0 rejected; new: 73 sections, 16 tables, 48 footnotes, 75 citations, 667 observations, 7 checks" in run.stdout
    again = koryo("ingest", str(SEEDS), db=db)
    assert again.returncode == 0
    assert "0 stored, 4 unchanged, 0 rejected; new: 0 sections, 0 tables, 0 footnotes, 0 citations, 0 observations, 0 checks" in again.stdout


def test_bad_files_are_named_and_the_others_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DATA / "broken", folder)
    shutil.copy(next(SEEDS.glob("002_*.txt")), folder / "good.txt")
    db = tmp_path / "k.db"
    run = koryo("ingest", str(folder), "--max-size", "100M", db=db)
    assert run.returncode == 1
    lines = sorted(run.stderr.strip().splitlines())
    assert lines == sorted([
        f"{folder}/binary.txt: binary file, not a text, HTML or PDF document (contains NUL bytes)",
        f"{folder}/blank.md: empty file",
        f"{folder}/empty.txt: empty file",
        f"{folder}/mixed-encodings.txt: text encoding could not be detected; convert the file to UTF-8 (invalid UTF-8 at byte 270 (line 1); the file mixes encodings)",
        f"{folder}/no-text.html: no text found in the document",
        f"{folder}/truncated.pdf: truncated or corrupt PDF (PdfminerException: Unexpected EOF)",
        f"{folder}/unclosed-template.txt: markup too broken to read ([tpl] opened at line 5 is never closed)",
        f"{folder}/undecodable.txt: text encoding could not be detected; convert the file to UTF-8",
    ])
    assert "1 stored, 0 unchanged, 8 rejected" in run.stdout
    docs = koryo("export", "documents", db=db)
    assert [json.loads(line)["doc"] for line in docs.stdout.splitlines()] == ["good.txt"]


def test_size_limit(tmp_path: Path) -> None:
    run = koryo("ingest", str(next(SEEDS.glob("003_*.txt"))), "--max-size", "100k", db=tmp_path / "k.db")
    assert run.returncode == 1
    assert "file is larger than the size limit; raise it with --max-size (120,046 bytes > 102,400)" in run.stderr


def test_missing_path_and_usage_errors(tmp_path: Path) -> None:
    run = koryo("ingest", str(tmp_path / "nope.txt"), db=tmp_path / "k.db")
    assert run.returncode == 2 and run.stderr == f"koryo: {tmp_path}/nope.txt: no such file or folder\n"
    assert not (tmp_path / "k.db").exists()  # a usage error makes no store
    assert koryo("ingest", db=tmp_path / "k.db").returncode == 2
    assert koryo("export", "nonsense", db=tmp_path / "k.db").returncode == 2
    assert koryo("export", "documents", "--format", "xml", db=tmp_path / "k.db").returncode == 2
    missing = koryo("docs", db=tmp_path / "none.db")
    assert missing.returncode == 1 and "no store here" in missing.stderr


def test_export_fields_and_quotes(seeded_db: str) -> None:
    docs = [json.loads(x) for x in koryo("export", "documents", db=seeded_db).stdout.splitlines()]
    assert list(docs[0]) == ["doc", "title", "article", "revision", "format", "language", "chars", "sha256", "url", "published", "author", "edition_of"]
    assert [(d["article"], d["revision"]) for d in docs[1:3]] == [("north koreans in russia", 1), ("north koreans in russia", 2)]
    texts = {}
    from koryo.store import Store

    store = Store(seeded_db, readonly=True)
    for d in store.documents():
        texts[d.name] = store.text(d.id)
    cites = [json.loads(x) for x in koryo("export", "citations", db=seeded_db).stdout.splitlines()]
    assert len(cites) == 75
    assert list(cites[0]) == ["doc", "key", "kind", "fields", "start", "end", "quote", "anchors"]
    for c in cites:
        assert texts[c["doc"]][c["start"] : c["end"]] == c["quote"]
    sections = [json.loads(x) for x in koryo("export", "sections", db=seeded_db).stdout.splitlines()]
    assert len(sections) == 73 and list(sections[0]) == ["doc", "path", "start", "end"]
    tables = [json.loads(x) for x in koryo("export", "tables", db=seeded_db).stdout.splitlines()]
    assert len(tables) == 16
    t8 = tables[7]
    assert (t8["number"], t8["rows"], t8["cols"]) == (8, 14, 7)
    assert t8["body"][0] == ["Total number", "208,778", "214,168", "208,971", "251,04,", "355,126", "100%"]
    assert texts[t8["doc"]][t8["start"] : t8["end"]].startswith("Table 8.")


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_formats_to_a_file(seeded_db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"tables.{fmt}"
    run = koryo("export", "tables", "--format", fmt, "--out", str(out), db=seeded_db)
    assert run.returncode == 0 and "16 tables written to" in run.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 16 and json.loads(rows[0]["header"]) == [["Year", "2014", "2015", "2016", "2017", "2018"]]
    elif fmt == "json":
        assert [t["number"] for t in json.loads(text)] == list(range(1, 17))
    else:
        assert len(text.splitlines()) == 16
    assert list(tmp_path.glob(".tables*")) == []  # no temporary file left behind


def test_docs_and_show(seeded_db: str) -> None:
    listing = koryo("docs", db=seeded_db)
    assert listing.returncode == 0 and "north koreans in russia" in listing.stdout
    shown = koryo("show", "003", db=seeded_db)
    assert shown.returncode == 0
    assert "Table 8. The number of undocumented migrants from various countries in South Korea (2014-2018)  (14 rows x 7 cols)" in shown.stdout
    assert "fn-20 (footnote, cited at 1): Briefing of the official representative" in shown.stdout
    assert koryo("show", "nothing", db=seeded_db).returncode == 1


def test_search_counts_results_by_document(seeded_db: str) -> None:
    run = koryo("search", "Sakhalin", db=seeded_db)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == (
        "10 of 21 results · by document: 001_cc6e2c6741b08d95.txt (11), 002_51aea5aaadde690b.txt (10)")
    assert run.stdout.startswith("conflict nationals of North Korea (workers), in Sakhalin, persons, 1947–1949: roughly 8,000")
