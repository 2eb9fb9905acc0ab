"""Page builders and their pieces, with exact values: the document rendered with headings and
reference markers, revisions with changed numbers marked, corridors with unknown ends, pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from koryo.web.app import breakable, create_app
from koryo.web.charts import corridor_diagram
from koryo.web.pages import Paging, render_text


@pytest.fixture(scope="module")
def client(site_db: str) -> TestClient:
    return TestClient(create_app(site_db, warm=False), raise_server_exceptions=False)


def test_render_text_marks_headings_and_reference_markers() -> None:
    text = "Workers\n\nIn 1947 about 8,000 came.\n\nThey stayed."
    assert text[12:16] == "1947" and text[17:28] == "about 8,000" and text[33] == "."
    html = render_text(text, [(17, 28, "hl"), (23, 28, "fact"), (12, 16, "fact")], {0: (7, 2)}, {34: [("fn-1", 1, "A <b>survey</b>")]})
    assert html == (
        "<h3>Workers</h3>\n"
        '<p>In <a class="fact" href="?hl=12-16">1947</a> <mark id="hl" tabindex="-1" class="hl">about 8,000</mark> came.'
        '<sup class="ref"><a href="#ref-fn-1" title="A &lt;b&gt;survey&lt;/b&gt;">[1]</a></sup></p>\n'
        "<p>They stayed.</p>"
    )


def test_a_highlight_across_paragraphs_has_one_id() -> None:
    html = render_text("aaaa\n\nbbbb", [(2, 8, "hl")])
    assert html == '<p>aa<mark id="hl" tabindex="-1" class="hl">aa</mark></p>\n<p><mark class="hl">bb</mark>bb</p>'


def test_a_claimed_figure_is_followed_by_its_claims_link_once() -> None:
    text = "In 1947 about 8,000 came, 1949 too."
    claims = {(8, 19): {"link": "/claims/ab12", "summary": "1 source gives <8,000>"}, (26, 30): {"link": "/claims/cd34", "summary": "s"}}
    claim = ('<sup class="claim"><a href="/claims/ab12" title="1 source gives &lt;8,000&gt;" '
             'aria-label="claim: 1 source gives &lt;8,000&gt;">claim</a></sup>')
    # the claim's link follows the figure's end, once, however the figure is cut; an unmarked span links nothing
    html = render_text(text, [(8, 19, "fact"), (3, 7, "fact")], notes={12: [("n", 1, "note")]}, claims=claims)
    assert html == ('<p>In <a class="fact" href="?hl=3-7">1947</a> <a class="fact" href="?hl=8-19">abou</a>'
                    '<sup class="ref"><a href="#ref-n" title="note">[1]</a></sup><a class="fact" href="?hl=8-19">t 8,000</a>'
                    f"{claim} came, 1949 too.</p>")
    html = render_text(text, [(8, 19, "hl")], claims=claims)
    assert html == f'<p>In 1947 <mark id="hl" tabindex="-1" class="hl">about 8,000</mark>{claim} came, 1949 too.</p>'


def test_a_file_name_breaks_only_at_its_separators() -> None:
    assert breakable("02_koryo-saram_<b>.txt") == "02_<wbr>koryo-saram_<wbr>&lt;b&gt;.txt"
    assert breakable("000d732f4cdefd7975b.txt") == "000d732f4cdefd7975b.txt"


def test_source_page_has_headings_and_linked_markers(client: TestClient) -> None:
    docs = client.get("/api/sources").json()["documents"]
    first = next(d for d in docs if d["doc"].startswith("001"))
    page = client.get(f"/sources/{first['id']}").text
    assert re.findall(r"<h(\d)>([^<]+)</h\1>", page.split('class="document"')[1])[:4] == [("3", "Migration history"), ("4", "Students"), ("4", "Workers"), ("3", "Refugees")]
    markers = re.findall(r'<sup class="ref"><a href="#ref-([^"]+)"', page)
    assert len(markers) >= 10 and all(f'id="ref-{key}"' in page for key in markers)


def test_revisions_mark_the_changed_numbers(client: TestClient) -> None:
    changes = client.get("/api/revisions").json()["articles"][0]["changes"]
    workers = next(c for c in changes if "roughly 8,000" in c["old_quote"])
    assert "roughly <mark>8,000</mark> North Korean" in workers["old_html"]
    assert "roughly <mark>9,000</mark> North Korean" in workers["new_html"]
    added = next(c for c in changes if c["change"] == "added" and c["new_quote"])
    assert "<mark>" not in added["new_html"]


def test_corridors_draw_unknown_ends() -> None:
    flow = {"size": {"value": None, "low": None, "high": None}, "group": "Koreans", "kind": "settlement"}
    svg = corridor_diagram([
        {**flow, "origin": [], "destination": ["Russia"]},
        {**flow, "origin": ["Korea"], "destination": ["Russia"], "size": {"value": 1000, "low": None, "high": None}},
        {**flow, "origin": ["Korea"], "destination": ["Russia"], "size": {"value": 500, "low": None, "high": None}},
    ])
    assert svg.count("<path") == 2 and svg.count('stroke-dasharray="5 4"') == 1
    assert "Korea → Russia: 2 flows, 1,500 people" in svg and "unknown → Russia: 1 flow, size not stated" in svg
    assert re.findall(r'class="legend[^"]*">([^<]+)<', svg) == ["From", "To", "Korea", "unknown", "Russia"]


def test_paging_links_keep_the_other_parameters() -> None:
    paging = Paging(10, 20, "/api/timeline", (("from", "1937"), ("limit", "10"), ("page", "3")))
    assert paging.window(45, 10) == {
        "total": 45, "limit": 10, "offset": 20, "next": "/api/timeline?from=1937&limit=10&offset=30",
        "prev": "/api/timeline?from=1937&limit=10&offset=10",
        "download": {"csv": "/api/timeline.csv?from=1937&limit=10&page=3", "json": "/api/timeline?from=1937&limit=10&page=3"}}
    assert paging.window(25, 5)["next"] is None


def test_timeline_events_carry_their_citations(client: TestClient) -> None:
    events = client.get("/api/timeline", params={"from": "1947", "to": "1947"}).json()["events"]
    cited = [(e["doc"], [c["title"] for c in e["citations"]]) for e in events]
    assert ("001_cc6e2c6741b08d95.txt", ["N. Korean Mirage Collapses in Sakhalin"]) in cited
    page = client.get("/timeline", params={"from": "1947", "to": "1947"}).text
    assert 'href="http://www.koreatimes.co.kr/www/news/nation/2009/12/120_54137.html"' in page


def test_cite_this_figure(client: TestClient) -> None:
    source = client.get("/api/sources/001_cc6e2c6741b08d95.txt").json()
    start = source["html"].index(">roughly 8,000<")
    hl = source["html"][source["html"].rindex("?hl=", 0, start) + 4 : source["html"].index('"', source["html"].rindex("?hl=", 0, start))]
    a, b = hl.split("-")
    cite = client.get("/api/sources/001_cc6e2c6741b08d95.txt", params={"hl": hl}).json()["cite"]
    assert cite["text"] == (f"“roughly 8,000”, North Koreans in Russia (001_cc6e2c6741b08d95.txt, characters {a}–{b}), "
                            f"citing N. Korean Mirage Collapses in Sakhalin. /sources/001_cc6e2c6741b08d95.txt?hl={hl}")
    assert cite["bibtex"].startswith(f"@misc{{001_cc6e2c6741b08d95-txt-{a},\n  title = {{North Koreans in Russia}},")
    assert client.get(cite["link"]).status_code == 200


def test_key_figures_are_about_the_corridor_and_given_once(client: TestClient) -> None:
    figures = [(f["figure"], f["subject"]) for f in client.get("/api/home").json()["figures"]]
    assert figures[:2] == [("roughly 9,000", "North Korean migrant workers"), ("roughly 8,000", "North Korean migrant workers")]
    assert ("about 272 million", "people") not in figures and len(figures) == len(set(figures)) == 10


def test_download_this_view(client: TestClient) -> None:
    page = client.get("/timeline", params={"from": "1946", "to": "1949"}).text
    assert 'href="/api/timeline.csv?from=1946&amp;to=1949" download' in page
    csv = client.get("/api/timeline.csv", params={"from": "1946", "to": "1949"})
    assert csv.headers["content-type"].startswith("text/csv") and 'filename="api-timeline.csv"' in csv.headers["content-disposition"]
    lines = csv.text.splitlines()
    assert lines[0].startswith("date,end_date,precision,period,what,places,doc,title,lang,quote,link,citations") and len(lines) == 5
    assert client.get("/api/timeline.csv", params={"bogus": 1}).status_code == 400
    assert client.get("/api/entities.csv", params={"type": "person", "limit": 3}).text.count("\n") == 4


def test_group_filter_knows_the_group_by_any_name(client: TestClient) -> None:
    by_name = client.get("/api/timeline", params={"group": "Koryo-saram"}).json()
    by_alias = client.get("/api/timeline", params={"group": "Goryeoin"}).json()
    assert by_name["total"] > 0 and by_alias["events"] == by_name["events"] and by_alias["total"] == by_name["total"]
    assert client.get("/api/timeline", params={"group": "nobody-at-all"}).json()["total"] == 0


def test_table_marks_label_columns_and_cells_that_fail_a_check(client: TestClient) -> None:
    report = next(d["id"] for d in client.get("/api/sources").json()["documents"] if d["doc"].startswith("003"))
    index = next(t["index"] for t in client.get("/api/statistics").json()["tables"] if t["number"] == 1 and t["doc_id"] == report)
    table = client.get(f"/api/statistics/{report}/{index}").json()
    failed = [(c["text"], c["failed"]) for row in table["body"] for c in row if c["failed"]]
    assert failed and all(note.startswith("Table 1, 'Total number' row") for _, note in failed)
    page = client.get(f"/statistics/{report}/{index}").text
    assert page.count('<td class="failed"') == len(failed) and page.count('<th scope="row">') == len(table["body"]) * table["label_cols"]


def test_chart_says_how_many_rows_it_draws(client: TestClient) -> None:
    page = client.get("/sources/003_839d9dd87a703f33.txt/tables/8").text
    assert "the first 10 of 12 rows drawn (totals left out)" in page


def test_a_table_cell_whose_figure_belongs_to_a_claim_links_to_it(client: TestClient) -> None:
    table = client.get("/api/sources/003_839d9dd87a703f33.txt/tables/1").json()
    china = next(row for row in table["body"] if row[0]["text"] == "China")
    assert [c["text"] for c in china] == ["China", "60,663", "58,788", "56,930", "57,644", "58,706"]
    assert [bool(c["claim"]) for c in china] == [False] * 5 + [True]
    claim = client.get("/api" + china[-1]["claim"]).json()
    # the cell is one of the claim's statements (the report prints 58,706 in two tables)
    assert china[-1]["link"] in [s["link"] for s in claim["statements"]]
    assert {(s["doc"], s["source"], s["mention"]) for s in claim["statements"]} == {("003_839d9dd87a703f33.txt", "table", "58,706")}
    page = client.get("/sources/003_839d9dd87a703f33.txt/tables/1").text
    assert f'>58,706</a><sup class="claim"><a href="{china[-1]["claim"]}">claim</a></sup>' in page


def test_a_paragraph_with_many_figures_marks_each_once() -> None:
    # one paragraph (a JSON file, a long table) with a figure every few characters, a gap between some
    text = " ".join(str(n) for n in range(2000))
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d+", text)][::2]
    html = render_text(text, [(a, b, "fact") for a, b in spans], notes={spans[5][1]: [("n", 1, "note")]})
    links = re.findall(r'<a class="fact" href="\?hl=(\d+)-(\d+)">([^<]*)</a>', html)
    assert [(int(a), int(b)) for a, b, _ in links] == spans and all(t == text[int(a) : int(b)] for a, b, t in links)
    assert re.sub(r"<[^>]+>", "", html.replace('<sup class="ref"><a href="#ref-n" title="note">[1]</a></sup>', "")) == text
