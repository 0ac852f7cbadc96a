"""The main journey on the Zuzug page in a real browser: load, read, filter, share the link."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, click_town_on_map, full_page_screenshot, the_map

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
WERDOHL = "05962060"


def _ready(page: Page, charts: int = 1, map_tab: bool = False) -> None:
    """Cards and the open tab's charts are drawn (the map on the map tab); the other tabs are not
    drawn until opened."""
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    if map_tab:
        the_map(page, timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def _first_card(page: Page) -> str:
    return page.get_by_test_id("stMetricValue").first.inner_text()


def _shot(page: Page, name: str) -> None:
    full_page_screenshot(page, name, 4200)


def test_zuzug_loads_filters_and_reopens_from_its_link(server, page):
    started = time.perf_counter()
    page.goto(server + "/zuzug")
    _ready(page)
    first_render_s = time.perf_counter() - started
    expect(page.get_by_text("Demodaten – synthetisch").first).to_be_visible()
    expect(page.get_by_role("heading", name="Zuzug")).to_be_visible()
    region_inflow = _first_card(page)
    _shot(page, "01-zuzug-region")

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Kreise").click()
    page.get_by_role("option", name="Kreis Olpe").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**kreise=05966**", timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetricValue").first).not_to_have_text(region_inflow, timeout=TIMEOUT)
    _ready(page)
    olpe_inflow = _first_card(page)
    shared_link = page.url
    assert parse_qs(urlparse(shared_link).query)["kreise"] == ["05966"]
    _shot(page, "02-zuzug-kreis-olpe")

    # the breakdowns' tab: drawn when opened, kept in the link
    page.get_by_role("tab", name="Zielgruppen und Herkunft").click()
    page.wait_for_url("**ansicht=gruppen**", timeout=TIMEOUT)
    _ready(page, charts=2)
    assert _first_card(page) == olpe_inflow
    shared_link = page.url
    _shot(page, "02b-zuzug-tab-zielgruppen")

    other = page.context.new_page()
    other.goto(shared_link)
    _ready(other, charts=2)
    assert _first_card(other) == olpe_inflow
    expect(other.get_by_test_id("stSidebar").get_by_text("Kreis Olpe")).to_be_visible()
    expect(other.get_by_role("tab", name="Zielgruppen und Herkunft")).to_have_attribute("aria-selected", "true")
    other.close()
    (ARTIFACTS / "timings.json").write_text(json.dumps({"zuzug_first_render_s": round(first_render_s, 2)}))


def test_language_switch_changes_labels_and_numbers(server, page):
    page.goto(server + "/zuzug?jahre=2015-2025")
    _ready(page)
    german = _first_card(page)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="In-migration")).to_be_visible(timeout=TIMEOUT)
    _ready(page)
    english = _first_card(page)
    assert english == german.replace(".", ",")
    assert parse_qs(urlparse(page.url).query)["lang"] == ["en"]
    _shot(page, "03-zuzug-english")


def test_clicking_a_town_on_the_map_filters_the_page(server, page):
    page.goto(server + "/zuzug?ansicht=karte")
    _ready(page, map_tab=True)
    before = _first_card(page)
    the_map(page).evaluate("plot => { plot.dataset.beforeClick = 'yes'; }")
    click_town_on_map(page, WERDOHL)
    page.wait_for_url(f"**kommunen={WERDOHL}**", timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetricValue").first).not_to_have_text(before, timeout=TIMEOUT)
    query = parse_qs(urlparse(page.url).query)
    assert query["kommunen"] == [WERDOHL]
    assert query["ansicht"] == ["karte"]  # the map stays open for the next click
    _ready(page, map_tab=True)
    # the map was updated in place, not built anew, and names the chosen town
    expect(page.locator(".js-plotly-plot[data-before-click='yes']")).to_have_count(1)
    expect(page.locator(".js-plotly-plot .annotation-text", has_text="Werdohl")).to_have_count(1, timeout=TIMEOUT)
    _shot(page, "04-zuzug-town-from-map")
    click_town_on_map(page, WERDOHL)  # a second click on the chosen town: the whole region again
    page.wait_for_url(lambda link: "kommunen" not in parse_qs(urlparse(link).query), timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(before, timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot .annotation-text", has_text="Werdohl")).to_have_count(0, timeout=TIMEOUT)


def test_wrong_link_values_show_a_note_not_a_traceback(server, page):
    page.goto(server + "/zuzug?jahre=abc&kommunen=123&karte=foo&ansicht=karte")
    _ready(page, map_tab=True)
    expect(page.get_by_text("Ungültige Angabe im Link ignoriert").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


HOSTILE = "[Passwort hier eingeben](https://evil.example/login) ![x](https://evil.example/pixel.png) <b>fett</b>"


@pytest.mark.parametrize(
    "path",
    [
        "/zuzug?zielgruppen={v}",
        "/zuzug?karte={v}&jahre={v}",
        "/steckbrief?kommune={v}",
        "/praesentation?folien={v}",
        "/kampagnen?kampagnen={v}",
    ],
)
def test_a_hostile_link_is_echoed_as_text_and_fetches_nothing(server, page, path):
    from urllib.parse import quote

    fetched = []
    page.route("**/*evil.example*", lambda route: (fetched.append(route.request.url), route.abort()))
    page.goto(server + path.format(v=quote(HOSTILE)))
    expect(page.get_by_text("Passwort hier eingeben", exact=False).first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert page.locator('img[src*="evil.example"]').count() == 0
    assert page.locator("b", has_text="fett").count() == 0
    assert fetched == []
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_chart_whose_script_cannot_load_says_so(server, page):
    page.route("**/app/static/plotly-*.min.js", lambda route: route.abort())
    page.goto(server + "/zuzug")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Die Grafik kann nicht angezeigt werden").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
