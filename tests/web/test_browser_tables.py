"""Charts and tables read on a phone: text a person can read, a legend with every name in full,
quotes in columns wide enough to read."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.web.conftest import SCREENSHOTS
from tests.web.test_browser import browser  # noqa: F401 (the module's browser fixture)


def test_a_chart_is_readable_on_a_phone(browser: Browser, server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/sources/003_839d9dd87a703f33.txt/tables/7")
    ticks = page.eval_on_selector_all("svg.chart text.tick", "els => els.map(e => e.getBoundingClientRect().height)")
    assert ticks and min(ticks) >= 9  # px on the screen: the drawing scrolls sideways rather than shrink its text
    legend = page.eval_on_selector_all("ul.chart-legend li", "els => els.map(e => e.textContent.trim())")
    assert legend[0] == "Republic of Kazakhstan" and len(legend) == 10  # no name cut at 28 characters
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.screenshot(path=str(SCREENSHOTS / "phone-seeds-table-7.png"), full_page=True)
    context.close()


def test_the_corridors_diagram_and_table_are_readable_on_a_phone(browser: Browser, server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/corridors")
    labels = page.eval_on_selector_all("svg.corridors text", "els => els.map(e => e.getBoundingClientRect().height)")
    assert labels and min(labels) >= 9
    evidence = page.eval_on_selector_all("td.quote", "els => els.map(e => e.getBoundingClientRect().width)")
    assert evidence and min(evidence) >= 200  # a quote gets a column wide enough to read, the table scrolls
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    context.close()
