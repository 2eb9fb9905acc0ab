"""A new user walks the site in a real browser (Debian's chromium, headless, driven by
Playwright). Screenshots of every page go to tests/screenshots/."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.test_cli import koryo
from tests.web.conftest import SCREENSHOTS

CHROMIUM = os.environ.get("KORYO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert os.path.exists(CHROMIUM), "install Debian's chromium (apt-get install chromium); .ci/run does"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs  # type: ignore[attr-defined]
    yield p
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_to_a_key_figure_and_its_source(page: Page, server: str) -> None:
    page.goto(server + "/")
    shot(page, "home")
    figure = page.locator("a.figure").first
    text = figure.inner_text()
    figure.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and "hl=" in page.url
    mark = page.locator("mark#hl")
    assert mark.inner_text() == text
    assert mark.is_visible()
    assert page.locator(".highlight-info").inner_text().startswith(f"Highlighted: “{text}”")
    shot(page, "source-highlight")


def test_search_for_sakhalin_finds_the_conflict(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Sakhalin")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()
    conflict = page.locator("article.conflict").first
    body = conflict.inner_text()
    assert "roughly 8,000" in body and "roughly 9,000" in body
    assert "N. Korean Mirage Collapses in Sakhalin" in body  # the citation of the old revision
    shot(page, "search-sakhalin")
    conflict.locator("a", has_text="roughly 9,000").first.click()
    page.wait_for_load_state()
    assert page.locator("mark#hl").inner_text() == "roughly 9,000"


def test_statistics_chart_and_csv_download(page: Page, server: str, site_db: str) -> None:
    page.goto(server + "/statistics")
    shot(page, "statistics")
    page.get_by_role("link", name="The number of undocumented migrants from various countries in South Korea (2014-2018)").click()
    page.wait_for_load_state()
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.locator("polyline").count() == 10  # ten countries charted (totals and "Others" beyond ten left out)
    assert "Kazakhstan" in chart.inner_html()
    shot(page, "table-8")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    downloaded = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    exported = [json.loads(x) for x in koryo("export", "observations", db=site_db).stdout.splitlines()]
    exported = [r for r in exported if r["table"] == 8]
    assert len(downloaded) == len(exported) == 78
    assert [(json.loads(r["row"]), json.loads(r["col"]), r["raw"]) for r in downloaded] == [(r["row"], r["col"], r["raw"]) for r in exported]
    assert [r["value"] for r in downloaded] == ["" if r["value"] is None else str(r["value"]) for r in exported]


def test_a_script_in_a_document_is_text(page: Page, server: str) -> None:
    page.goto(server + "/sources")
    page.get_by_role("link", name="A hostile page").click()
    page.wait_for_load_state()
    text = page.locator("article.document").inner_text()
    assert '<script>document.title="pwned"; alert("pwned")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page.title() != "pwned" and page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("article.document script, article.document img").count() == 0
    shot(page, "hostile-document")


@pytest.mark.parametrize(
    "path, name, expected",
    [
        ("/timeline?from=1937&to=1950", "timeline", "Roughly 8,000 North Korean migrant workers"),
        ("/corridors", "corridors", "Close to 172,000 were sent"),
        ("/entities?type=person", "entities", "Kim Il-sung"),
        ("/entities/group:koryo-saram", "entity-koryo-saram", "Goryeoin"),
        ("/help", "help", "Neomeo"),
        ("/conflicts", "conflicts", "251,04,"),
        ("/claims?disagreeing=true", "claims", "1 source gives roughly 9,000; 1 source gives other figures: roughly 8,000"),
        ("/revisions", "revisions", "Kim Il Sung"),
        ("/statistics/series", "series", "nationals of Kazakhstan (undocumented), in South Korea"),
        ("/sources/999", "not-found", "document 999 not found"),
    ],
)
def test_every_page_renders(page: Page, server: str, path: str, name: str, expected: str) -> None:
    response = page.goto(server + path)
    assert response is not None and response.status == (404 if name == "not-found" else 200)
    assert expected in page.locator("main").inner_text()
    shot(page, name)


def test_keyboard_and_phone(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(server + "/")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Skip to content"
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # nothing wider than the phone
    p.screenshot(path=str(SCREENSHOTS / "home-phone.png"), full_page=True)
    context.close()


def _source_id(server: str, name: str) -> int:
    return next(d["id"] for d in httpx.get(server + "/api/sources", params={"limit": 500}).json()["documents"] if d["doc"] == name)


@pytest.mark.parametrize("name, figure, cited", [
    ("zz-hostile-cite.txt", "roughly 5,000", "Ansan city census"),
    ("zz-hostile-links.md", "about 40", "The ministry's report"),
])
def test_script_links_are_text_and_clicking_runs_nothing(page: Page, server: str, name: str, figure: str, cited: str) -> None:
    doc = _source_id(server, name)
    facts = httpx.get(server + f"/api/sources/{doc}").json()["html"]
    start = facts.index(f">{figure}<")
    link = facts[facts.rindex('href="?hl=', 0, start) + 6 : facts.index('"', facts.rindex('href="?hl=', 0, start) + 6)]
    page.goto(server + f"/sources/{doc}{link}")
    panel = page.locator(".highlight-info")
    assert f"Cited: {cited}" in panel.inner_text()
    assert page.locator("a[href*='javascript' i]").count() == 0
    assert panel.get_by_role("link").count() == 0
    panel.get_by_text(cited).first.click()
    page.locator(".references").get_by_text(cited).first.click()
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.title() != "pwned"  # type: ignore[attr-defined]
    assert page.url.startswith(server + f"/sources/{doc}")
    shot(page, f"script-links-{name.split('.')[-1]}")


def test_a_figure_link_puts_the_highlight_mid_screen_under_its_panel(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.locator("a.figure").nth(2).click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    assert "#" not in page.url
    box = page.locator("mark#hl").bounding_box()
    panel = page.locator(".highlight-info").bounding_box()
    height = page.viewport_size["height"]  # type: ignore[index]
    assert box is not None and panel is not None
    assert height * 0.25 < box["y"] + box["height"] / 2 < height * 0.75, box
    assert 0 <= panel["y"] and panel["y"] + panel["height"] <= box["y"], (panel, box)
    page.screenshot(path=str(SCREENSHOTS / "figure-mid-screen.png"))  # the window as the reader sees it


def test_revisions_are_readable(page: Page, server: str) -> None:
    page.goto(server + "/revisions")
    table = page.locator("table.revisions").first
    box = table.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1200
    after = table.locator("thead th").nth(2).bounding_box()
    assert after is not None and after["x"] + after["width"] <= 1200 and after["width"] > 300
    assert table.locator("td mark").all_inner_texts() == ["8,000", "9,000"]  # the changed number, on both sides
    rows = [r["height"] for r in (table.locator("tbody tr").nth(i).bounding_box() for i in range(10)) if r]
    assert max(rows) < 400, rows
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200
    shot(page, "revisions-readable")


def test_corridors_drawn_when_an_end_is_unknown(page: Page, devset_server: str) -> None:
    flows = httpx.get(devset_server + "/api/corridors").json()["flows"]
    assert any(not f["origin"] or not f["destination"] for f in flows)
    page.goto(devset_server + "/corridors")
    assert page.locator("svg.corridors path").count() >= 1
    assert "unknown" in page.locator("svg.corridors").inner_html()
    shot(page, "devset-corridors")


MAIN_PAGES = ["/", "/timeline", "/statistics", "/statistics/series", "/corridors", "/entities", "/entities/place:KZ", "/help",
              "/sources", "/conflicts", "/claims", "/revisions", "/search?q=Korean"]


WIDTHS = {"desktop": 1200, "phone": 390}
DRAWN = "path, polyline, circle, rect"  # the marks of a diagram that shows something (not its axes and labels)
# Headings of one word set on more than one line ("Observ|ations"): the word was broken
BROKEN_HEADINGS = """[...document.querySelectorAll('main thead th')].filter(th => {
    const words = th.textContent.trim().split(/\\s+/);
    if (words.length !== 1 || !words[0]) return false;
    const r = document.createRange(); r.selectNodeContents(th);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
}).map(th => th.textContent.trim())"""


def _walked(base: str) -> list[str]:
    """Every page of a store: the main ones, a source, the largest tables, an entity, a claim."""
    report = next(d["id"] for d in httpx.get(base + "/api/sources").json()["documents"])
    tables = httpx.get(base + "/api/statistics", params={"sort": "observations", "limit": 2}).json()["tables"]
    entity = httpx.get(base + "/api/entities", params={"limit": 1}).json()["entities"][0]["link"]
    claims = httpx.get(base + "/api/claims", params={"limit": 1}).json()["claims"]
    longest = httpx.get(base + "/api/sources", params={"sort": "chars", "limit": 1}).json()["documents"][0]["id"]
    claimed = httpx.get(base + f"/api/sources/{longest}").json()["claims"][:1]  # its highlight panel names the claim
    return [*MAIN_PAGES, "/conflicts?agreements=true", f"/sources/{report}", *(t["link"] for t in tables), entity,
            *(c["link"] for c in claims[:1]), *(f"/sources/{longest}?hl={c['start']}-{c['end']}" for c in claimed)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("store", ["samples", "seeds", "devset"])
def test_every_page_fits_its_screen_and_draws_its_diagrams(browser: Browser, store: str, width: str,
                                                           request: pytest.FixtureRequest) -> None:
    base = request.getfixturevalue({"samples": "samples_server", "seeds": "server", "devset": "devset_server"}[store])
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 844 if width == "phone" else 900})
    p = context.new_page()
    wide, empty, drawn, broken = {}, [], 0, {}
    for path in _walked(base):
        response = p.goto(base + path)
        assert response is not None and response.status in (200, 404), path
        if p.evaluate(BROKEN_HEADINGS):
            broken[path] = p.evaluate(BROKEN_HEADINGS)
        scrolled = p.evaluate("document.documentElement.scrollWidth")
        if scrolled > WIDTHS[width] + 1:
            wide[path] = scrolled
        for i in range(p.locator("main svg.chart").count()):  # line and bar charts, and the corridors
            drawn += 1
            if p.locator("main svg.chart").nth(i).locator(DRAWN).count() == 0:
                empty.append(path)
        p.screenshot(path=str(SCREENSHOTS / f"{width}-{store}{path.replace('/', '-').replace('?', '-') or '-home'}.png"), full_page=True)
    context.close()
    assert wide == {} and empty == [] and broken == {}
    assert drawn >= 1  # the corridors at least: every store holds flows


def test_facets_fold_on_a_phone(browser: Browser, server: str) -> None:
    opened = "[...document.querySelectorAll('details.facet')].map(d => d.open)"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(server + "/timeline")
    assert p.evaluate(opened) == [False] * 4  # doc, year, place, language: folded
    top = p.locator("ol.timeline").bounding_box()
    assert top is not None and top["y"] < 844  # the list starts on the first screen
    place = p.locator("details.facet", has=p.locator("summary", has_text="place"))
    place.locator("summary").click()
    assert place.evaluate("d => d.open") and place.locator("li a").first.is_visible()
    place.locator("li a").first.click()
    p.wait_for_load_state()
    assert "place=" in p.url and p.evaluate(opened).count(True) == 1  # the facet filtering the list stays open
    assert p.locator("details.facet[open] [aria-current]").count() == 1
    p.screenshot(path=str(SCREENSHOTS / "phone-facets-folded.png"), full_page=True)
    context.close()
    desktop = browser.new_context(viewport={"width": 1200, "height": 900})
    d = desktop.new_page()
    d.goto(server + "/timeline")
    assert d.evaluate(opened) == [True] * 4
    desktop.close()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_devset_pages_render(page: Page, devset_server: str, path: str) -> None:
    response = page.goto(devset_server + path)
    assert response is not None and response.status in (200, 404)
    assert page.title().endswith("koryo") and page.title() != "koryo · koryo"
    shot(page, f"devset{path.replace('/', '-').replace('?', '-') or '-home'}")


def test_a_claim_from_the_list_to_its_statements_and_a_source(page: Page, devset_server: str) -> None:
    page.goto(devset_server + "/claims?disagreeing=true")
    page.locator("ul.claims a", has_text="Uzbekistan").first.click()
    rows = page.locator("table.statements tbody tr")
    assert rows.count() == 3 and "deprecated" in rows.nth(0).inner_text() and "preferred" in rows.nth(1).inner_text()
    heights = page.locator("table.statements th").evaluate_all("ths => ths.map(t => t.getBoundingClientRect().height)")
    assert max(heights) < 40  # every heading on one line ("Date" was set one letter a line beside a long quote)
    rank = page.locator("table.statements td.rank").first
    assert rank.evaluate("td => td.scrollWidth <= td.clientWidth") and rank.inner_text().startswith("deprecated\n")
    shot(page, "devset-claim")
    rows.nth(2).locator("a").first.click()
    assert page.locator("mark").first.inner_text() == "210,000"


def test_a_figure_of_a_claim_links_to_its_claim(page: Page, server: str) -> None:
    page.goto(server + "/sources/001_cc6e2c6741b08d95.txt")
    figure = page.locator("article.document a.fact", has_text="roughly 8,000")
    assert figure.count() == 1
    claim = figure.locator("xpath=following-sibling::*[1][self::sup]").locator("a")
    summary = "1 source gives roughly 9,000; 1 source gives other figures: roughly 8,000"
    assert claim.get_attribute("title") == summary and claim.inner_text() == "claim"
    claim.click()
    page.wait_for_load_state()
    assert page.url.startswith(server + "/claims/") and page.locator("p.summary").inner_text() == summary
    figures = page.locator("table.statements tbody td:first-child a").all_inner_texts()
    assert figures == ["roughly 8,000", "roughly 9,000"]
    shot(page, "claim-from-a-figure")
    # the highlighted figure's panel names its claim too
    page.locator("table.statements tbody td:first-child a", has_text="roughly 9,000").click()
    page.wait_for_load_state()
    panel = page.locator(".highlight-info p.claim")
    assert panel.inner_text() == f"Claim: {summary}"
    panel.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator("p.summary").inner_text() == summary


def test_every_claimed_figure_of_a_source_links_to_its_claim(server: str) -> None:
    claim = httpx.get(server + "/api/claims/" + _claim_id(server, "roughly 9,000")).json()
    for s in claim["statements"]:
        doc, span = s["link"].removeprefix("/sources/").split("?hl=")
        start, end = (int(x) for x in span.split("-"))
        source = httpx.get(server + f"/api/sources/{doc}").json()
        assert {"start": start, "end": end, "claim": claim["id"], "summary": claim["summary"], "link": claim["link"]} in source["claims"]
        # each listed figure is marked in the text, followed by its claim's link
        for c in source["claims"]:
            assert f'href="?hl={c["start"]}-{c["end"]}">' in source["html"]
        assert source["html"].count('<sup class="claim">') == len(source["claims"])


def _claim_id(server: str, figure: str) -> str:
    claims = httpx.get(server + "/api/claims", params={"disagreeing": "true", "limit": 500}).json()["claims"]
    return next(c["id"] for c in claims if f"gives {figure};" in c["summary"])


def test_sources_on_a_phone_are_cards_with_whole_file_names(browser: Browser, devset_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(devset_server + "/sources?limit=100")
    names = p.locator("table.sources td.file")
    assert names.count() == 60
    # each file name on one line (at most two, broken at a separator), across the card's width
    lines = names.evaluate_all("""tds => tds.map(td => {
        const r = document.createRange(); r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
    assert max(lines) <= 2, lines
    widths = names.evaluate_all("tds => tds.map(td => td.getBoundingClientRect().width)")
    assert min(widths) > 300
    assert p.locator("table.sources caption").bounding_box()["height"] < 40  # type: ignore[index]
    assert p.evaluate("document.documentElement.scrollWidth") <= 391
    p.screenshot(path=str(SCREENSHOTS / "phone-devset-sources.png"), full_page=True)
    context.close()
