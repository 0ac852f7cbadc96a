"""Netzwerk in a real browser: moving the date changes the map."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import full_page_screenshot, the_map, wait_until_idle

pytestmark = pytest.mark.browser
TIMEOUT = 60_000


def _legend(page) -> list[str]:
    """The map's legend: one entry per combination of networks on the chosen date."""
    return sorted(the_map(page).evaluate("plot => [...plot.querySelectorAll('.legendtext')].map(i => i.textContent)"))


def test_moving_the_date_changes_the_map(server, page):
    page.goto(server + "/netzwerk?stichtag=2021-05-31&ansicht=karte")
    map_title = page.get_by_text("Mitgliedschaften am Stichtag · 31.05.2021")
    expect(map_title).to_be_visible(timeout=TIMEOUT)
    the_map(page, timeout=TIMEOUT)
    wait_until_idle(page)
    before = _legend(page)
    assert any("Smart Cities: Netzwerk" in entry for entry in before)

    thumb = page.get_by_test_id("stMain").get_by_role("slider").first
    thumb.focus()
    page.keyboard.press("Home")  # back to the first recorded date (the first round table)
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("stichtag") != ["2021-05-31"], timeout=TIMEOUT)
    expect(map_title).to_have_count(0, timeout=TIMEOUT)
    wait_until_idle(page)
    after = _legend(page)
    assert after != before
    assert not any("Smart Cities" in entry for entry in after)  # no Smart City town before 2019
    full_page_screenshot(page, "06-netzwerk-first-day", 2600)
