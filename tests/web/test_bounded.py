"""Every page reads a bounded number of rows, whatever the size of the store: on a store of a few
hundred generated documents, each page (HTML and JSON) returns at most a few hundred SQL rows to
Python and runs a bounded number of SQLite steps, and what needs the whole store (conflicts,
series, key figures, entity counts) is worked out once for the store's state, not per request."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from koryo.ingest import ingest
from koryo.store import Store
from koryo.store.queries import Reads
from koryo.web.app import create_app
from koryo.web.search import FACETED

DOCS = 300
CITIES = ["Tashkent", "Almaty", "Vladivostok", "Seoul", "Ansan", "Bishkek", "Samarkand", "Khabarovsk"]
GROUPS = ["Koryo-saram", "Sakhalin Koreans", "North Korean workers"]
MONTHS = ["January", "March", "May", "August", "October", "December"]


def text(i: int) -> str:
    """A short report: figures of people, dated events, places, groups, a footnote and a help organisation."""
    rng = random.Random(i)
    city, other = rng.sample(CITIES, 2)
    group = rng.choice(GROUPS)
    year = 1990 + i % 4  # copies of a figure for one year and place disagree: conflicts
    return (
        f"# Community report {i % 100}\n\n"  # three revisions of each report
        f"In {year}, about {rng.randint(2, 90) * 1000:,} {group} lived in {city}. "
        f"On {rng.randint(1, 28)} {rng.choice(MONTHS)} {year + 1} a new school opened in {other}.[1]\n\n"
        f"By {year + 3} the number of {group} in {other} had grown to {rng.randint(100, 999) * 100:,} people, "
        f"and {rng.randint(10, 99)} families moved from {city} to {other} in {year + 4}.\n\n"
        f"The Centre for Migrants {i} in {other} offers language classes and legal advice.\n\n"
        f"[1]: Survey of {group}, {year + 5}, https://example.org/survey/{i}\n"
    )


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("generated") / "docs"
    folder.mkdir()
    for i in range(DOCS):
        (folder / f"report-{i:03d}.md").write_text(text(i), encoding="utf-8")
    path = str(folder.parent / "koryo.db")
    store = Store(path)
    assert all(o.status == "stored" for o in ingest(store, [str(folder)], workers=2))
    store.close()
    return path


PAGES = [
    "/", "/conflicts", "/conflicts?agreements=true", "/entities", "/entities?type=place", "/timeline", "/timeline?from=1950&to=1990",
    "/timeline?place=Tashkent", "/timeline?group=Koryo-saram", "/statistics", "/statistics/series", "/sources", "/sources?page=3",
    "/help", "/corridors", "/corridors?origin=Tashkent", "/revisions", "/search?q=Tashkent", "/search?q=school*",
    "/search?q=people&kind=fact", "/sources/{doc}", "/sources/{doc}?hl=0-9", "/entities/{entity}",
]
MAX_ROWS = 300  # pages of 50 rows (three on an entity's page), their documents' titles and texts, counts
MAX_KSTEPS = 300  # thousands of SQLite VM steps: counts over one index, one page of rows


def test_every_page_reads_a_bounded_number_of_rows(big_db: str) -> None:
    reads: dict[str, Reads] = {}
    app = create_app(big_db, warm=False, on_reads=lambda path, r: reads.__setitem__(path, r))
    client = TestClient(app)
    store = Store(big_db, readonly=True)
    totals = {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("mentions", "facts", "events", "search")}
    doc = store.db.execute("SELECT max(id) FROM documents").fetchone()[0]
    entity = store.db.execute("SELECT key FROM mentions GROUP BY key ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    store.close()
    assert totals["mentions"] > 4 * MAX_ROWS and totals["facts"] > 2 * MAX_ROWS and totals["events"] > 2 * MAX_ROWS
    assert client.get("/api/conflicts").json()["total"] > 10 and client.get("/api/revisions").json()["total"] >= 200
    paths = [p.format(doc=doc, entity=entity) for p in PAGES]
    for path in paths:  # the first visits work out the whole-store summaries, once
        assert client.get(path).status_code == 200, path
    computed = list(app.state.summaries.computed)
    assert sorted(computed) == sorted(set(computed))
    seen: dict[str, Any] = {}
    for path in paths:
        for url in (path, "/api" + (path if path != "/" else "/home")):
            reads.clear()
            response = client.get(url)
            assert response.status_code == 200, url
            (r,) = reads.values()
            seen[url] = (r.rows, r.ksteps)
    assert app.state.summaries.computed == computed  # nothing worked out again
    too_many = {url: rk for url, rk in seen.items()
                if rk[0] > MAX_ROWS + (FACETED if "/search" in url else 0) or rk[1] > MAX_KSTEPS}
    assert not too_many, too_many


def test_a_page_that_read_the_whole_store_would_fail(big_db: str) -> None:
    """The bound is tight enough: reading every mention, as the pages once did, passes it."""
    reads: dict[str, Reads] = {}
    app = create_app(big_db, warm=False, on_reads=lambda path, r: reads.__setitem__(path, r))
    client = TestClient(app)
    client.get("/api/entities")  # the reader counts rows of any query run through it
    from koryo.store.queries import Reader

    reader = Reader(big_db)
    reader.all("SELECT * FROM mentions")
    assert reader.reads.rows > 4 * MAX_ROWS
    reader.close()
