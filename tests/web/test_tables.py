"""Table pages as printed: headings over several columns or rows drawn once with their span, and
every table reached by the number printed above it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from koryo.ingest import ingest
from koryo.model import Cell
from koryo.store import Store
from koryo.web.app import create_app
from koryo.web.pages import spanned


@pytest.fixture(scope="module")
def client(site_db: str) -> TestClient:
    return TestClient(create_app(site_db, warm=False), raise_server_exceptions=False)


def _cell(text: str, start: int) -> Cell:
    return Cell(text, start, start + len(text))


def test_spanned_headings_repeated_or_followed_by_empty_cells() -> None:
    republic, deported = _cell("Republic", 0), _cell("Deported", 9)
    html_style = [[republic, deported, deported], [republic, _cell("Families", 20), _cell("People", 29)]]
    assert [[(c.text, cols, rows) for c, cols, rows in row] for row in spanned(html_style)] == [
        [("Republic", 1, 2), ("Deported", 2, 1)], [("Families", 1, 1), ("People", 1, 1)]]
    tabbed = [[_cell("Country", 0), _cell("Men", 8), _cell("", 12), _cell("Women", 13), _cell("", 19)],
              [_cell("", 20), _cell("Total", 21), _cell("%", 27), _cell("Total", 29), _cell("%", 35)]]
    assert [[(c.text, cols, rows) for c, cols, rows in row] for row in spanned(tabbed)] == [
        [("Country", 1, 2), ("Men", 2, 1), ("Women", 2, 1)], [("Total", 1, 1), ("%", 1, 1), ("Total", 1, 1), ("%", 1, 1)]]
    one_row = [[_cell("", 0), _cell("2014", 1), _cell("", 6)]]  # the last header row keeps its empty cells
    assert [(c.text, cols, rows) for c, cols, rows in spanned(one_row)[0]] == [("", 1, 1), ("2014", 1, 1), ("", 1, 1)]


def test_a_table_page_draws_colspan_headings(client: TestClient) -> None:
    page = client.get("/sources/003_839d9dd87a703f33.txt/tables/2").text
    thead = page[page.index("<thead>") : page.index("</thead>")]
    assert re.findall(r"<th ([^>]*)><a[^>]*>([^<]*)</a>", thead)[:4] == [
        ('scope="col" rowspan="2"', "Country"), ('scope="colgroup" colspan="2"', "Marriage migrants"),
        ('scope="colgroup" colspan="2"', "Men"), ('scope="colgroup" colspan="2"', "Women")]
    assert "<th scope=\"col\"><a" in thead and thead.count("<tr>") == 2


def test_tables_are_listed_and_titled_by_their_printed_number(client: TestClient) -> None:
    report = [t for t in client.get("/api/statistics").json()["tables"] if t["doc"].startswith("003")]
    assert [t["link"] for t in report[:3]] == ["/sources/4/tables/1", "/sources/4/tables/2", "/sources/4/tables/3"]
    third = client.get("/api/sources/4/tables/3").json()
    assert third["title"].startswith("Table 3. ") and third["permalink"] == "/sources/4/tables/3" and third["index"] == 2
    assert client.get("/sources/4/tables/3").text.count('<a href="/sources/4/tables/3">/sources/4/tables/3</a>') == 1


def test_a_chart_legend_names_every_series_in_full(client: TestClient) -> None:
    table = client.get("/api/sources/4/tables/7").json()
    assert table["chart_svg"].startswith('<svg class="chart"') and 'class="legend"' not in table["chart_svg"]
    assert table["chart_legend"][:2] == [{"name": "Republic of Kazakhstan", "colour": "#1b5e8c"}, {"name": "Akmola", "colour": "#c05621"}]
    assert len(table["chart_legend"]) == table["charted"]["drawn"] == 10


def test_a_table_whose_only_dated_figure_is_its_total_draws_no_chart(tmp_path: Path) -> None:
    (tmp_path / "people.md").write_text(
        "# Koreans in the city\n\n| Group | 2022 |\n| --- | --- |\n| Total | 4,360 |\n| Students | – |\n", encoding="utf-8")
    store = Store(str(tmp_path / "koryo.db"))
    ingest(store, [str(tmp_path / "people.md")])
    store.close()
    client = TestClient(create_app(str(tmp_path / "koryo.db"), warm=False))
    dated = client.get("/api/statistics/1/0").json()
    assert [(o["row"], o["value"], o["dims"]) for o in dated["observations"]] == [
        (["Total"], 4360, {"year": 2022}), (["Students"], None, {"year": 2022})]
    assert dated["chart_svg"] == "" and dated["chart_legend"] == []
    assert "<svg" not in client.get("/statistics/1/0").text.split("<main", 1)[1]
