"""The statistics commands and exports: observations, checks, tables, parquet, data package."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
from frictionless import validate

from koryo.ingest import ingest
from koryo.store import Store
from koryo.store.schema import MIGRATIONS
from tests.conftest import SEEDS
from tests.test_cli import koryo


def test_export_observations(seeded_db: str) -> None:
    run = koryo("export", "observations", db=seeded_db)
    records = [json.loads(x) for x in run.stdout.splitlines()]
    assert len(records) == 667
    assert list(records[0]) == [
        "doc", "table", "title", "row", "col", "value", "raw", "unit", "scale", "rank", "flags", "source_note", "start", "end", "dims",
        "low", "high", "approx",
    ]
    kz = [r for r in records if r["table"] == 8 and r["row"] == ["Kazakhstan"] and r["col"] == ["2018"]]
    assert kz == [{
        "doc": kz[0]["doc"], "table": 8,
        "title": "The number of undocumented migrants from various countries in South Korea (2014-2018)",
        "row": ["Kazakhstan"], "col": ["2018"], "value": 11413, "raw": "11,413", "unit": "persons", "scale": 1,
        "rank": None, "flags": [], "source_note": "Korea immigration service statistics. Ministry of Justice, 2018",
        "start": kz[0]["start"], "end": kz[0]["start"] + 6, "dims": {"year": 2018, "country": "Kazakhstan"},
        "low": None, "high": None, "approx": False,
    }]
    store = Store(seeded_db, readonly=True)
    text = store.text(store.find("003").id)
    for r in records:
        assert text[r["start"] : r["end"]] == r["raw"]
    money = next(r for r in records if r["table"] == 15 and r["raw"] == "4,620.0")
    assert (money["value"], money["unit"], money["scale"]) == (4620.0, "KZT", 1000000)


def test_export_observations_csv_and_parquet(seeded_db: str, tmp_path: Path) -> None:
    out = tmp_path / "obs.csv"
    assert koryo("export", "observations", "--format", "csv", "--out", str(out), db=seeded_db).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 667 and json.loads(rows[0]["row"]) == ["Total number"] and rows[0]["value"] == "150994"
    pq_path = tmp_path / "obs.parquet"
    run = koryo("export", "observations", "--format", "parquet", "--out", str(pq_path), db=seeded_db)
    assert run.returncode == 0, run.stderr
    table = pq.read_table(pq_path)
    assert table.num_rows == 667
    first = table.slice(0, 1).to_pylist()[0]
    assert (first["row"], first["col"], first["value"], json.loads(first["dims"])) == (["Total number"], ["2014"], 150994.0, {"year": 2014})
    assert koryo("export", "observations", "--format", "parquet", db=seeded_db).returncode == 2  # binary needs --out


def test_checks_command_and_export(seeded_db: str) -> None:
    run = koryo("checks", db=seeded_db)
    assert run.returncode == 0
    assert "malformed: '251,04,' is not a well-formed figure; the parts sum to 251,041" in run.stdout
    assert "Table 8: Total number | 2017 = '251,04,'" in run.stdout
    assert run.stdout.strip().endswith("7 findings")
    records = [json.loads(x) for x in koryo("export", "checks", db=seeded_db).stdout.splitlines()]
    assert [r["kind"] for r in records] == ["total", "total", "total", "malformed", "cross_table", "cross_table", "cross_table"]
    assert list(records[0]) == ["doc", "kind", "table", "cells", "expected", "found", "note"]
    assert list(records[0]["cells"][0]) == ["table", "row", "col", "value", "raw", "start", "end"]
    assert records[6]["cells"][1]["raw"] == "3,830,526"


def test_tables_command(seeded_db: str) -> None:
    run = koryo("tables", "003", "--number", "5", db=seeded_db)
    assert run.returncode == 0
    assert "Table 5. Intercountry population migration" in run.stdout and "(numeric, 19 rows x 7 cols)" in run.stdout
    assert "Uzbekistan › 2016  |  Migration balance of the population aged 15 to 29  =  -7,855 persons" in run.stdout
    text = koryo("tables", "003", "--number", "16", db=seeded_db)
    assert "(text, 9 rows x 3 cols)" in text.stdout and "In Changwon, a 20-year-old Kazakhstani" in text.stdout
    assert koryo("tables", "003", "--number", "99", db=seeded_db).returncode == 1


def test_datapackage_validates(seeded_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    run = koryo("export", "--datapackage", str(folder), db=seeded_db)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "checks.csv", "citations.csv", "claims.csv", "conflicts.csv", "datapackage.json", "documents.csv", "entities.csv", "events.csv",
        "facts.csv", "flows.csv", "mentions.csv", "observations.csv", "resources.csv", "revisions.csv", "sections.csv", "statements.csv", "tables.csv",
    ]
    package = json.loads((folder / "datapackage.json").read_text())
    assert [s["path"] for s in package["sources"]][:1] == ["000_d732f4cdefd7975b.txt"]
    fields = {f["name"]: f for f in package["resources"][4]["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and fields["dims"]["type"] == "string"
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert koryo("export", db=seeded_db).returncode == 2


def test_a_store_of_schema_1_is_migrated_and_extracted(tmp_path: Path) -> None:
    db_file = tmp_path / "old.db"
    db = sqlite3.connect(db_file)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Store(str(db_file))  # migrates to the current schema
    ingest(store, [str(next(SEEDS.glob("003_*.txt")))])
    store.db.execute("UPDATE documents SET pipeline = 0")
    store.db.execute("DELETE FROM observations")
    assert store.refresh() == 1
    assert store.counts(1)["observations"] == 667 and store.counts(1)["checks"] == 7
    assert store.refresh() == 0
