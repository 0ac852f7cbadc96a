"""The analyst's questions on the Ströme page in a real browser: where do Olpe's newcomers from
the region come from, do families move from the cities to the small towns, and a click on a town
of the flow map makes it the chosen one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_town_on_map, full_page_screenshot, the_map

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
ATTENDORN = "05966004"


def _ready(page: Page, map_tab: bool = False) -> None:
    """The cards and the open tab are drawn (on the map tab the flow map)."""
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    if map_tab:
        the_map(page, timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_where_olpes_newcomers_come_from_and_where_families_move(server, page):
    page.goto(server + "/stroeme?kommune=05966024")
    _ready(page)
    expect(page.get_by_role("heading", name="Woher und wohin: Olpe")).to_be_visible()
    expect(page.get_by_text("Woher die Zugezogenen kommen").first).to_be_visible()
    expect(page.get_by_text("Demodaten – synthetisch").first).to_be_visible()
    full_page_screenshot(page, "flows-01-olpe", 4400)
    page.get_by_role("tab", name="Städte und Gemeinden").click()
    page.wait_for_url("**ansicht=groessen**", timeout=TIMEOUT)
    expect(page.get_by_text("Familien (unter 18 und 30–49) ziehen").first).to_be_visible(timeout=TIMEOUT)
    _ready(page)
    full_page_screenshot(page, "flows-02-sizes", 3000)


def test_a_click_on_a_town_of_the_flow_map_chooses_it(server, page):
    page.goto(server + "/stroeme?kommune=05966024&ansicht=karte")
    _ready(page, map_tab=True)
    click_town_on_map(page, ATTENDORN)  # its marker
    page.wait_for_url(f"**kommune={ATTENDORN}**", timeout=TIMEOUT)
    query = parse_qs(urlparse(page.url).query)
    assert query["kommune"] == [ATTENDORN] and query["ansicht"] == ["karte"]  # the map stays open
    _ready(page, map_tab=True)
    page.get_by_role("tab", name="Woher und wohin").click()
    expect(page.get_by_role("heading", name="Woher und wohin: Attendorn")).to_be_visible(timeout=TIMEOUT)
