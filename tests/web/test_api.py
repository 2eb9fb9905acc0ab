"""Every API endpoint: its fields, bad ids and bad parameters (a clear 4xx in one JSON shape, never a 500)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from koryo.web.app import create_app


@pytest.fixture(scope="module")
def client(site_db: str) -> TestClient:
    return TestClient(create_app(site_db), raise_server_exceptions=False)


def _report_id(client: TestClient) -> int:
    docs = client.get("/api/sources").json()["documents"]
    return next(d["id"] for d in docs if d["doc"].startswith("003"))


def test_home(client: TestClient) -> None:
    home = client.get("/api/home").json()
    assert set(home) == {"title", "counts", "documents", "documents_total", "figures", "conflicts"}
    assert home["counts"]["tables"] == 16 and len(home["documents"]) == home["documents_total"] == 7
    assert home["conflicts"][0]["statements"][0]["mention"] == "roughly 8,000"
    figure = home["figures"][0]
    assert set(figure) >= {"figure", "quote", "link", "agree", "disagree"} and figure["link"].startswith("/sources/")


def test_pages_as_json(client: TestClient) -> None:
    report = _report_id(client)
    timeline = client.get("/api/timeline", params={"from": "1946", "to": "1949"}).json()
    assert [e["date"] for e in timeline["events"]] == ["1930", "1946", "1947", "1947"]
    stats = client.get("/api/statistics").json()
    assert len(stats["tables"]) == 16
    table = client.get(f"/api/statistics/{report}/7").json()
    assert (table["number"], table["numeric"], len(table["observations"])) == (8, True, 78)
    assert table["chart_svg"].startswith("<svg")
    corridors = client.get("/api/corridors", params={"destination": "Uzbekistan"}).json()
    assert [f["size"]["value"] for f in corridors["flows"]] == [172000]
    entities = client.get("/api/entities", params={"type": "person"}).json()
    assert any(e["id"] == "person:kim-il-sung" for e in entities["entities"])
    kim = client.get("/api/entities/person:kim-il-sung").json()
    assert kim["entity"]["aliases"] == ["Kim Il Sung"] and len(kim["mentions"]) == 4
    help_ = client.get("/api/help", params={"service": "language school"}).json()
    assert [r["name"] for r in help_["resources"]] == ["Neomeo", "Seoul Cathedral Mosque"]
    source = client.get(f"/api/sources/{report}", params={"hl": "0-10"}).json()
    assert source["highlight"]["quote"] == "Botagoz Ra"
    conflicts = client.get("/api/conflicts").json()
    assert len(conflicts["conflicts"]) == 3 and len(conflicts["checks"]) == 7
    assert client.get("/api/conflicts", params={"agreements": "true"}).json()["conflicts"] == []
    revisions = client.get("/api/revisions").json()
    assert len(revisions["articles"]) == 1 and len(revisions["articles"][0]["changes"]) == 48
    search = client.get("/api/search", params={"q": "Sakhalin", "kind": "fact"}).json()
    assert {r["kind"] for r in search["results"]} == {"fact"} and len(search["conflicts"]) == 1


def test_downloads_use_the_export_fields(client: TestClient) -> None:
    report = _report_id(client)
    rows = client.get(f"/api/statistics/{report}/7/observations.json").json()
    assert list(rows[0]) == ["doc", "table", "title", "row", "col", "value", "raw", "unit", "scale", "rank", "flags",
                             "source_note", "start", "end", "dims"]
    csv = client.get(f"/api/statistics/{report}/7/observations.csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.splitlines()[0].startswith("doc,table,title,row,col")


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/timeline" in spec["paths"] and "/api/search" in spec["paths"]
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/sources/999", 404),
        ("/api/statistics/999/0", 404),
        ("/api/statistics/1/99", 404),
        ("/api/entities/person:nobody", 404),
        ("/api/nothing-here", 404),
        ("/api/sources/abc", 404),
        ("/api/sources/1?hl=9-3", 400),
        ("/api/sources/1?hl=0-999999999", 400),
        ("/api/timeline?from=yesterday", 400),
        ("/api/search", 400),
        ("/api/search?q=%22%22%22", 400),
        ("/api/search?q=x&limit=0", 400),
        ("/api/entities?type=animal", 400),
        ("/api/statistics/1/0/observations.xml", 400),
        ("/api/conflicts?agreements=maybe", 400),
    ],
)
def test_bad_requests_are_clear(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["message"]


def test_html_errors_are_pages(client: TestClient) -> None:
    response = client.get("/sources/999")
    assert response.status_code == 404 and "<h1>404</h1>" in response.text
    assert "document 999 not found" in response.text


def test_odd_inputs_never_break_the_server(client: TestClient) -> None:
    for q in ["'", "NEAR(", "a OR", "*", "ünïcödé", "AND AND", "x" * 500, "<script>"]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code in (200, 400), q
        assert "<script>" not in json.dumps(response.json().get("results", []))
    for path in ["/timeline?place=<b>x</b>", "/help?city=%00", "/corridors?origin=../../etc/passwd", "/static/../koryo.db"]:
        assert client.get(path).status_code in (200, 404), path


def test_series_lines_up_one_indicator(client: TestClient) -> None:
    rows = client.get("/api/statistics/series").json()["series"]
    kz = next(r for r in rows if r["key"] == "who=nationality:KZ;status=undocumented;place=South Korea;unit=persons;per=")
    assert [(p["time"], p["figure"], p["source"]) for p in kz["points"]] == [
        ("2014", "from 359", "prose"), ("2014", "359", "table"), ("2015", "1,337", "table"), ("2016", "3 198", "prose"),
        ("2016", "2,914", "table"), ("2017", "7,214", "table"), ("2017-06-30", "about 5 700", "prose"), ("2018", "11,413", "prose"),
        ("2018", "11,413", "table"), ("2020-03", "about 12 thousand", "prose"),
    ]
    sakhalin = next(r for r in rows if "Sakhalin" in r["about"])
    assert [p["figure"] for p in sakhalin["points"]] == ["roughly 8,000", "roughly 9,000"] and len(sakhalin["documents"]) == 2


def test_claims_side_by_side_with_ranks(client: TestClient) -> None:
    listed = client.get("/api/claims?disagreeing=true").json()
    sakhalin = next(c for c in listed["claims"] if "Sakhalin" in c["about"])
    assert sakhalin["summary"] == "1 source gives roughly 9,000; 1 source gives other figures: roughly 8,000"
    page = client.get(sakhalin["link"].replace("/claims", "/api/claims")).json()
    assert [(s["doc"][:3], s["mention"], s["rank"]) for s in page["statements"]] == [
        ("001", "roughly 8,000", "deprecated"), ("002", "roughly 9,000", "preferred"),
    ]
    report = next(c for c in listed["claims"] if "Kazakhstan" in c["about"])
    page = client.get(f"/api/claims/{report['id']}").json()
    assert [(s["source"], s["mention"], s["rank"]) for s in page["statements"]] == [
        ("prose", "3 198", "normal"), ("table", "2,914", "preferred"),
    ]
    assert page["statements"][1]["reason"] == "the document's own table, which its prose quotes differently"
    assert client.get("/api/claims/0123456789ab").status_code == 404
    assert "roughly 9,000" in client.get(sakhalin["link"]).text
