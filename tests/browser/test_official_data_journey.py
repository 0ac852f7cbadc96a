"""An agency that imported only official tables opens every page in a real browser: the file's
figures are shown, no demo wording appears anywhere, and no page fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.i18n.format import number
from tests.browser.conftest import ARTIFACTS, wait_until_idle

pytestmark = pytest.mark.browser
PAGES = ["", "zuzug", "kampagnen", "netzwerk", "steckbrief", "praesentation", "explorer", "glossar", "daten"]


def test_every_page_shows_official_figures_without_demo_wording(official_server, page, truth):
    for path in PAGES:
        page.goto(f"{official_server}/{path}")
        expect(page.get_by_test_id("stMain")).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        text = (
            page.get_by_test_id("stMain").inner_text() + page.get_by_test_id("stSidebar").inner_text()
            if path != "praesentation"
            else page.get_by_test_id("stMain").inner_text()
        )
        lowered = text.lower()
        assert "demo" not in lowered and "synthet" not in lowered, path
        assert "traceback" not in lowered and "konnte nicht berechnet werden" not in lowered, path
        page.screenshot(path=ARTIFACTS / f"official-{path or 'ueberblick'}.png", full_page=True)
    page.goto(f"{official_server}/zuzug")
    wait_until_idle(page)
    inflow = truth[(truth["year"].between(2016, 2018)) & (truth["direction"] == "in")]["persons"].sum()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(number(inflow))
    expect(page.get_by_text("Ohne Altena (Fortzüge: Wert geheim)").first).to_be_visible()
