"""The server bounds its work and guards its answers: range-checked numbers, capped queries, a
time limit on every query (503), unknown parameters refused, security headers on every response,
HEAD answered, relative redirects, links only for http, https and mailto; and the OpenAPI schema
describes what the server really answers."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlencode
from importlib.metadata import version

import pytest
from fastapi.testclient import TestClient

from koryo.web.app import CSP, create_app, link_url
from koryo.web.models import MODELS
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def client(site_db: str) -> TestClient:
    return TestClient(create_app(site_db, warm=False), raise_server_exceptions=False)


def _error(response: object, status: int) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and body["error"]["status"] == status
    return str(body["error"]["message"])


@pytest.mark.parametrize("path", [
    "/api/sources/99999999999999999999999", "/api/statistics/0/1", "/api/statistics/1/100001",
    "/api/sources/1?hl=" + "9" * 5000 + "-1", "/api/sources/1?hl=0-" + "9" * 11, "/api/timeline?limit=501",
    "/api/timeline?limit=0", "/api/timeline?offset=-1", "/api/timeline?page=0", "/api/sources?offset=99999999999",
    "/api/entities/" + "x" * 400,
])
def test_numbers_and_sizes_are_range_checked(client: TestClient, path: str) -> None:
    assert _error(client.get(path), 400)


def test_queries_are_capped_with_the_limit_in_the_message(client: TestClient) -> None:
    assert "at most 200 characters" in _error(client.get("/api/search", params={"q": "x" * 201}), 400)
    words = " ".join(f"w{i}" for i in range(13))
    assert "at most 12 words (this one has 13)" in _error(client.get("/api/search", params={"q": words}), 400)
    assert client.get("/api/search", params={"q": " ".join(f"w{i}" for i in range(12))}).status_code == 200


def test_unknown_and_bad_parameters_are_refused(client: TestClient) -> None:
    assert "unknown parameter 'bogus'" in _error(client.get("/api/timeline?bogus=1"), 400)
    assert "unknown parameter 'limt'" in _error(client.get("/api/sources?limt=5"), 400)
    assert "kind='bogus'" in _error(client.get("/api/search?q=Sakhalin&kind=bogus"), 400)


@pytest.mark.parametrize("path, message", [
    ("/api/corridors?kind=bogus", "kind='bogus': one of deportation, labour, marriage, military, refuge, return, settlement, study"),
    ("/api/statistics?kind=chart", "kind='chart': one of infobox, table"),
    ("/api/conflicts?kind=bogus", "kind='bogus': one of "),
    ("/api/timeline?doc=nope.txt", "doc='nope.txt': no such document; /sources lists them"),
    ("/api/statistics?doc=nope.txt", "doc='nope.txt': no such document"), ("/api/corridors?doc=nope.txt", "doc='nope.txt'"),
    ("/api/help?doc=nope.txt", "doc='nope.txt'"), ("/api/entities?doc=nope.txt", "doc='nope.txt'"),
    ("/api/search?q=Sakhalin&doc=nope.txt", "doc='nope.txt'"), ("/api/search?q=Sakhalin&year=abcd", "year: String should match"),
    ("/api/timeline?from=1950&to=1930", "from='1950' is after to='1930'"),
])
def test_filters_refuse_values_that_name_nothing(client: TestClient, path: str, message: str) -> None:
    assert _error(client.get(path), 400).startswith(message)


def test_filters_take_the_values_their_facets_offer(client: TestClient) -> None:
    assert client.get("/api/timeline", params={"doc": "001_cc6e2c6741b08d95.txt", "from": "1937-08", "to": "1937"}).status_code == 200
    kinds = [v["value"] for v in client.get("/api/conflicts").json()["facets"]["kind"]]
    assert kinds and all(client.get("/api/conflicts", params={"kind": k}).json()["total"] >= 1 for k in kinds)
    assert client.get("/api/corridors", params={"kind": "study"}).status_code == 200  # a kind no flow of the seeds has: none, not an error


def test_an_entitys_facts_follow_its_page_of_mentions(client: TestClient) -> None:
    first, second = (client.get("/api/entities/place:KZ", params={"limit": 5, "page": n}).json() for n in (1, 2))
    assert first["facts"] and first["mentions"] != second["mentions"]
    assert first["facts"] != second["facts"]


def test_a_query_over_the_time_limit_is_a_503(site_db: str) -> None:
    slow = TestClient(create_app(site_db, time_limit_ms=0, warm=False), raise_server_exceptions=False)
    assert "longer than 0 ms" in _error(slow.get("/api/search", params={"q": "Korean"}), 503)
    page = slow.get("/search", params={"q": "Korean"})
    assert page.status_code == 503 and "<h1>503</h1>" in page.text


def test_pages_are_paginated_with_total_and_next(client: TestClient) -> None:
    first = client.get("/api/timeline", params={"limit": 10}).json()
    assert len(first["events"]) == 10 and first["total"] > 100 and first["next"] == "/api/timeline?limit=10&offset=10"
    second = client.get(first["next"]).json()
    assert second["offset"] == 10 and second["prev"] == "/api/timeline?limit=10"
    assert client.get("/api/timeline", params={"limit": 10, "page": 2}).json()["events"] == second["events"]
    assert first["events"][-1]["date"] <= second["events"][0]["date"]
    last = client.get("/api/timeline", params={"limit": 10, "offset": first["total"] - 3}).json()
    assert len(last["events"]) == 3 and last["next"] is None


LISTS = [  # every list of the API, the parameters it needs and the key it lists under
    ("/api/timeline", {}, "events"), ("/api/statistics", {}, "tables"), ("/api/statistics/series", {}, "series"),
    ("/api/corridors", {}, "flows"), ("/api/entities", {}, "entities"), ("/api/help", {}, "resources"),
    ("/api/sources", {}, "documents"), ("/api/conflicts", {"agreements": "false"}, "conflicts"), ("/api/claims", {}, "claims"),
    ("/api/revisions", {}, "articles"), ("/api/search", {"q": "Korea*"}, "results"),
]


@pytest.mark.parametrize("path, params, key", LISTS)
def test_every_list_is_paginated_and_refuses_unknown_parameters(client: TestClient, path: str, params: dict[str, str], key: str) -> None:
    first = client.get(path, params={**params, "limit": 1}).json()
    assert len(first[key]) == 1 and first["total"] >= 1 and (first["limit"], first["offset"], first["prev"]) == (1, 0, None)
    if first["total"] > 1:  # the seeds hold one article with revisions: one pair
        assert first["next"] == path + "?" + urlencode({**params, "limit": 1, "offset": 1})
        second = client.get(first["next"]).json()
        assert second["offset"] == 1 and second[key] != first[key] and second["total"] == first["total"]
        assert second["prev"] == path + "?" + urlencode({**params, "limit": 1})
        assert client.get(path, params={**params, "limit": 1, "page": 2}).json()[key] == second[key]
    last = client.get(path, params={**params, "limit": 1, "offset": first["total"] - 1}).json()
    assert len(last[key]) == 1 and last["next"] is None
    assert client.get(path, params={**params, "offset": first["total"]}).json()[key] == []
    assert "unknown parameter 'bogus'" in _error(client.get(path, params={**params, "bogus": 1}), 400)
    assert _error(client.get(path, params={**params, "limit": 0}), 400) and _error(client.get(path, params={**params, "offset": "x"}), 400)


def test_search_ranks_prefixes_and_counts_right(client: TestClient) -> None:
    deport = client.get("/api/search", params={"q": "deport*", "limit": 5}).json()
    assert deport["total"] > 5 and len(deport["results"]) == 5 and deport["next"]
    assert all("<mark>deport" in r["snippet_html"].lower() for r in deport["results"])
    names = client.get("/api/search", params={"q": "hostile"}).json()  # a word of file names only, never of texts
    assert [r["doc"] for r in names["results"] if "hostile" not in r["snippet_html"].lower()] == []


@pytest.mark.parametrize("path", ["/", "/api/home", "/sources/999", "/api/nothing", "/static/style.css", "/openapi.json", "/docs"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    assert h["content-security-policy"] == CSP and "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert (h["x-content-type-options"], h["x-frame-options"], h["referrer-policy"]) == ("nosniff", "DENY", "no-referrer")


def test_head_is_answered_without_a_body(client: TestClient) -> None:
    for path in ["/", "/api/sources", "/static/style.css"]:
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200 and head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["x-frame-options"] == "DENY"


def test_redirects_are_relative_whatever_the_host(client: TestClient) -> None:
    response = client.get("/timeline/?from=1937", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/timeline?from=1937"
    assert response.headers["content-security-policy"] == CSP


def test_only_web_and_mail_links() -> None:
    assert [link_url(u) for u in ["https://a.org/x", "http://a.org", "mailto:x@a.org", " javascript:alert(1)", "JaVaScRiPt:x",
                                  "data:text/html,x", "vbscript:x", "//evil.example", "/local", ""]] == [
        "https://a.org/x", "http://a.org", "mailto:x@a.org", "", "", "", "", "", "", ""]


def test_openapi_describes_real_answers(client: TestClient, site_db: str) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["version"] == version("koryo")
    for path, operations in spec["paths"].items():
        for op in operations.values():
            assert "422" not in op["responses"], path
            assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody"), path
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    timeline = spec["components"]["schemas"]["Timeline"]["properties"]
    assert {"events", "total", "next", "limit", "offset"} <= set(timeline)
    report = next(d["id"] for d in client.get("/api/sources").json()["documents"] if d["doc"].startswith("003"))
    answers = {"home": "/api/home", "conflicts": "/api/conflicts", "timeline": "/api/timeline", "statistics": "/api/statistics",
               "sources": "/api/sources", "entities": "/api/entities", "entity": "/api/entities/place:KZ",
               "search": "/api/search?q=Sakhalin", "source": f"/api/sources/{report}?hl=0-10",
               "table": f"/api/statistics/{report}/7", "table_by_number": f"/api/sources/{report}/tables/8",
               "series": "/api/statistics/series", "corridors": "/api/corridors", "help_directory": "/api/help",
               "revisions": "/api/revisions", "claims": "/api/claims",
               "claim": "/api/claims/" + client.get("/api/claims").json()["claims"][0]["id"]}
    assert set(answers) == set(MODELS)
    for name, path in answers.items():
        MODELS[name].model_validate(client.get(path).json(), strict=False)
        route = path.split("?")[0].replace("place:KZ", "{key}").replace(f"/statistics/{report}/7", "/statistics/{doc_id}/{index}")
        route = re.sub(r"/claims/\w+$", "/claims/{claim_id}", route)
        ref = spec["paths"][route.replace(f"/{report}", "/{doc}").replace("/tables/8", "/tables/{number}")]["get"]
        assert ref["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/" + MODELS[name].__name__)


def test_permalinks_by_name_and_sha256(client: TestClient) -> None:
    by_id = client.get("/api/sources/4").json()
    assert by_id["doc"] == "003_839d9dd87a703f33.txt"
    assert client.get("/api/sources/003_839d9dd87a703f33.txt").json() == by_id
    sha = hashlib.sha256((SEEDS / by_id["doc"]).read_bytes()).hexdigest()
    assert client.get(f"/api/sources/{sha[:8]}").json()["doc"] == by_id["doc"]
    by_number = client.get("/api/sources/003_839d9dd87a703f33.txt/tables/8").json()
    assert (by_number["number"], by_number["index"], by_number["permalink"]) == (8, 7, "/sources/4/tables/8")
    assert by_number == client.get("/api/statistics/4/7").json()
    missing = client.get("/sources/4/tables/99")
    assert missing.status_code == 404 and "document 4 has no table numbered 99" in missing.text
    assert _error(client.get("/api/sources/nothing-here.txt"), 404) == "document nothing-here.txt not found"


def test_a_passage_in_several_revisions_is_one_result(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "state-owned fisheries", "kind": "event"}).json()["results"]
    assert [(r["title"], r["also"]) for r in results] == [("North Koreans in Russia", ["North Koreans in Russia"])]
    assert results[0]["snippet_html"].endswith("<mark>state</mark>-<mark>owned</mark> <mark>fisheries</mark> on Sakhalin.")
