"""Listings as in Datasette: every list page sortable, with facets that filter, the same in the API;
periods printed as a reader says them; quotes labelled with their language."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from koryo.periods import period_label
from koryo.web.app import create_app

REPORT = "003_839d9dd87a703f33.txt"
COMMUNITY = "000_d732f4cdefd7975b.txt"
OLDER, NEWER = "001_cc6e2c6741b08d95.txt", "002_51aea5aaadde690b.txt"  # two revisions of one article


@pytest.fixture(scope="module")
def client(site_db: str) -> TestClient:
    return TestClient(create_app(site_db, warm=False), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def devset(devset_db: str) -> TestClient:
    return TestClient(create_app(devset_db, warm=False), raise_server_exceptions=False)


@pytest.mark.parametrize("dates, label", [
    (("0900", "0999", "century"), "10th century"), (("1867", "1899", "century"), "late 19th century"),
    (("1833", "1866", "century"), "mid 19th century"), (("1900", "1932", "century"), "early 20th century"),
    (("1800", "1999", "century"), "19th – 20th centuries"), (("1930", "1939", "decade"), "1930s"),
    (("1937", "1939", "decade"), "late 1930s"), (("1930", "1959", "decade"), "1930s – 1950s"),
    (("1947", "1949", "year"), "1947 – 1949"), (("2020-12-11", "2020-12-11", "day"), "2020-12-11"),
    (("0988", "0988", "year"), "988"), (("1901", "1950", "century"), "1901 – 1950"),
])
def test_periods_are_printed_as_said(dates: tuple[str, str, str], label: str) -> None:
    assert period_label(*dates) == label


def test_timeline_prints_centuries_not_zero_padded_years(client: TestClient) -> None:
    first = client.get("/api/timeline", params={"limit": 1}).json()["events"][0]
    assert (first["date"], first["end_date"], first["period"]) == ("0900", "0999", "10th century")
    assert first["quote"].startswith("Korea's first acquaintance with Islam occurred in the 10th century")
    page = client.get("/timeline", params={"limit": 3}).text
    assert ">10th century</a>" in page and "0900" not in page and ">late 19th century</a>" in page


def test_every_list_sorts_both_ways_and_refuses_other_orders(client: TestClient) -> None:
    dates = [e["date"] for e in client.get("/api/timeline", params={"sort": "-date", "limit": 3}).json()["events"]]
    assert dates == sorted(dates, reverse=True) and dates[0] > "2020"
    chars = [d["chars"] for d in client.get("/api/sources", params={"sort": "chars"}).json()["documents"]]
    assert chars == sorted(chars, reverse=True)
    assert [d["chars"] for d in client.get("/api/sources", params={"sort": "-chars"}).json()["documents"]] == chars[::-1]
    names = [e["name"] for e in client.get("/api/entities", params={"sort": "name", "limit": 500}).json()["entities"]]
    assert names == sorted(names)
    observations = [t["observations"] for t in client.get("/api/statistics", params={"sort": "observations"}).json()["tables"]]
    assert observations == sorted(observations, reverse=True) and observations[0] > observations[-1]
    help_names = [r["name"] for r in client.get("/api/help", params={"sort": "name", "limit": 500}).json()["resources"]]
    assert help_names == sorted(help_names)
    cards = client.get("/api/conflicts", params={"sort": "documents"}).json()["conflicts"]
    assert [c["documents"] for c in cards] == sorted((c["documents"] for c in cards), reverse=True)
    years = [r["year"] for r in client.get("/api/search", params={"q": "Korea*", "sort": "year", "limit": 100}).json()["results"]]
    dated = [y for y in years if y]
    assert years[: len(dated)] == sorted(dated) and len(set(dated)) > 3
    by_doc = [r["doc"] for r in client.get("/api/search", params={"q": "Sakhalin", "sort": "doc", "limit": 100}).json()["results"]]
    assert by_doc == sorted(by_doc)
    for path in ("/api/timeline", "/api/sources", "/api/entities", "/api/statistics", "/api/help", "/api/conflicts", "/api/search", "/api/corridors"):
        bad = client.get(path, params={"sort": "nonsense", "q": "x"} if path == "/api/search" else {"sort": "nonsense"})
        assert bad.status_code == 400 and bad.json()["error"]["message"].startswith("sort='nonsense': sort by one of"), path
    links = client.get("/api/sources", params={"sort": "title", "language": "en"}).json()["sort"]
    title = next(o for o in links if o["name"] == "title")
    assert title["active"] and title["link"] == "/api/sources?language=en&sort=-title"  # the filter kept, the order flipped


def test_facets_count_and_filter(client: TestClient) -> None:
    timeline = client.get("/api/timeline").json()
    by_doc = {v["value"]: v["count"] for v in timeline["facets"]["doc"]}
    assert sum(by_doc.values()) == timeline["total"]
    report = next(v for v in timeline["facets"]["doc"] if v["value"] == REPORT)
    filtered = client.get(report["link"]).json()
    assert filtered["total"] == by_doc[REPORT] and {e["doc"] for e in filtered["events"]} == {REPORT}
    assert next(v for v in filtered["facets"]["doc"] if v["value"] == REPORT)["active"]
    year = client.get("/api/timeline", params={"year": "2018"}).json()
    assert year["total"] == next(v["count"] for v in timeline["facets"]["year"] if v["value"] == "2018")
    assert year["total"] > 0 and all(e["date"].startswith("2018") for e in year["events"])
    kazakhstan = next(v for v in timeline["facets"]["place"] if v["value"] == "Kazakhstan")
    assert client.get("/api/timeline", params={"place": "Kazakhstan"}).json()["total"] == kazakhstan["count"]
    tables = client.get("/api/statistics").json()
    assert tables["facets"]["doc"] == [{"value": REPORT, "count": 16, "active": False, "link": f"/api/statistics?doc={REPORT}"}]
    entities = client.get("/api/entities", params={"doc": COMMUNITY}).json()
    assert entities["total"] == next(v["count"] for v in client.get("/api/entities").json()["facets"]["doc"] if v["value"] == COMMUNITY)
    assert all(COMMUNITY in e["docs"] for e in entities["entities"])
    services = {v["value"]: v["count"] for v in client.get("/api/help").json()["facets"]["service"]}
    assert client.get("/api/help", params={"service": "legal aid"}).json()["total"] == services["legal aid"]
    kinds = {v["value"]: v["count"] for v in client.get("/api/conflicts").json()["facets"]["kind"]}
    assert client.get("/api/conflicts", params={"kind": "value"}).json()["total"] == kinds["value"]
    flows = client.get("/api/corridors").json()
    deportation = next(v for v in flows["facets"]["kind"] if v["value"] == "deportation")
    assert {f["kind"] for f in client.get(deportation["link"]).json()["flows"]} == {"deportation"}
    assert client.get(deportation["link"]).json()["total"] == deportation["count"]
    sizes = [f["size"]["value"] for f in client.get("/api/corridors", params={"sort": "size", "limit": 5}).json()["flows"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 172000
    page = client.get("/timeline").text
    assert '<details class="facet" open><summary>place</summary>' in page and "Sort by:" in page


def test_search_facets_are_those_of_every_list(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Sakhalin"}).json()
    assert set(found["facets"]) == {"kind", "doc", "year", "place"}
    docs = found["facets"]["doc"]
    assert [(v["value"], v["count"]) for v in docs] == [(OLDER, 11), (NEWER, 10)]
    assert all(set(v) == {"value", "count", "active", "link"} for values in found["facets"].values() for v in values)
    assert sum(v["count"] for v in found["facets"]["kind"]) == found["total"] == sum(v["count"] for v in docs)
    newer = next(v for v in docs if v["value"] == NEWER)
    assert newer["link"] == f"/api/search?q=Sakhalin&doc={NEWER}" and not newer["active"]
    narrowed = client.get(newer["link"]).json()
    assert narrowed["total"] == newer["count"] and {r["doc"] for r in narrowed["results"]} == {NEWER}
    chosen = next(v for v in narrowed["facets"]["doc"] if v["value"] == NEWER)
    assert chosen["active"] and chosen["link"] == "/api/search?q=Sakhalin"  # the chosen value's link drops the filter
    page = client.get("/search", params={"q": "Sakhalin"}).text
    assert '<details class="facet" open><summary>doc</summary>' in page
    assert f'<a href="/search?q=Sakhalin&amp;doc={NEWER}">{NEWER}</a>' in page


def test_corridors_group_filter_takes_any_name(client: TestClient) -> None:
    by_name = client.get("/api/corridors", params={"group": "Koryo-saram"}).json()
    assert by_name["total"] > 0
    for alias in ("Goryeoin", "고려인"):
        assert client.get("/api/corridors", params={"group": alias}).json()["flows"] == by_name["flows"]


def test_quotes_in_another_language_are_labelled(devset: TestClient) -> None:
    german = devset.get("/api/timeline", params={"language": "de"}).json()
    assert german["total"] > 0 and {e["lang"] for e in german["events"]} == {"de"}
    page = devset.get("/timeline", params={"language": "de", "limit": 5}).text
    assert page.count('<abbr class="lang" title="in German">de</abbr>') == 5 and page.count('<span lang="de">') == 5
    english = devset.get("/timeline", params={"language": "en", "limit": 5}).text
    assert '<span lang="en">' in english and 'class="lang"' not in english  # the page's own language is not labelled
