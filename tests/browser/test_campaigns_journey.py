"""Kampagnen in a real browser: open the page, pick a campaign, see its funnel and the reach map."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import full_page_screenshot, the_map

pytestmark = pytest.mark.browser
TIMEOUT = 60_000


def test_pick_a_campaign_and_see_funnel_and_map(server, page):
    page.goto(server + "/kampagnen?jahre=2019-2025&ansicht=karte")  # the tab with map and funnels
    expect(page.get_by_role("heading", name="Kampagnen", exact=True)).to_be_visible(timeout=TIMEOUT)
    the_map(page, timeout=TIMEOUT)
    all_leads = page.get_by_test_id("stMetricValue").nth(2).inner_text()

    page.get_by_test_id("stMain").get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name="Medizin & Pflege").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**kampagnen=medizin-pflege**", timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetricValue").nth(2)).not_to_have_text(all_leads, timeout=TIMEOUT)
    # one funnel (bars on a log scale) for the one campaign
    expect(page.get_by_text("Anzahl (logarithmische Skala)")).to_have_count(1, timeout=TIMEOUT)
    the_map(page, timeout=TIMEOUT)
    full_page_screenshot(page, "05-kampagnen-medizin-pflege", 2600)
    page.get_by_role("tab", name="Wirkung auf den Zuzug").click()
    expect(page.get_by_text("Personen je Jahr").first).to_be_visible(timeout=TIMEOUT)
    query = parse_qs(urlparse(page.url).query)
    assert query["jahre"] == ["2019-2025"] and query["kampagnen"] == ["medizin-pflege"]
    assert query["ansicht"] == ["wirkung"]
    full_page_screenshot(page, "05b-kampagnen-wirkung", 4000)
