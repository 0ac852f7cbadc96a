"""The round-table journeys in a real browser: the Überblick with its targets, the Steckbrief for
Werdohl with its PDF, and the presentation stepped through with the keyboard."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, full_page_screenshot, wait_until_idle

pytestmark = pytest.mark.browser
TIMEOUT = 60_000


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_start_page_shows_targets_and_opens_a_notable_change(server, page):
    page.goto(server)
    expect(page.get_by_role("heading", name="Überblick")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric")).to_have_count(8, timeout=TIMEOUT)
    expect(page.get_by_text("Soll").first).to_be_visible()
    expect(page.get_by_text("Demodaten – synthetisch").first).to_be_visible()
    wait_until_idle(page)
    full_page_screenshot(page, "10-ueberblick", 1500)
    page.get_by_role("button", name="Im Zuzug ansehen").first.click()
    page.wait_for_url("**/zuzug?**", timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Zuzug")).to_be_visible(timeout=TIMEOUT)
    assert len(_query(page)["kommunen"][0]) == 8


def test_a_target_typed_in_the_editor_is_saved(server, page):
    page.goto(server)
    expect(page.get_by_test_id("stMetric")).to_have_count(8, timeout=TIMEOUT)
    wait_until_idle(page)
    page.get_by_text("Ziele bearbeiten").click()
    grid = page.get_by_test_id("stDataFrame").last
    expect(grid).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    save = page.get_by_role("button", name="Ziele speichern")
    save.scroll_into_view_if_needed()
    expect(save).to_be_enabled(timeout=TIMEOUT)
    save.click()
    expect(page.get_by_text("Keine Änderung.")).to_be_visible(timeout=TIMEOUT)


def test_profile_of_werdohl_with_its_pdf(server, page):
    page.goto(server + "/steckbrief?kommune=05962060")
    expect(page.get_by_role("heading", name="Werdohl", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Märkischer Kreis").first).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(5, timeout=TIMEOUT)
    wait_until_idle(page)
    full_page_screenshot(page, "11-steckbrief-werdohl", 2600)
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Steckbrief als PDF (A4)").click()
    path = ARTIFACTS / "steckbrief-werdohl.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    page.screenshot(path=ARTIFACTS / "12-steckbrief-print.png", full_page=True)


def test_presentation_steps_through_all_slides_by_keyboard(server, page):
    page.goto(server + "/praesentation")
    counter = page.get_by_text("Folie 1 von")
    expect(counter).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    total = int(counter.inner_text().split(" von ")[1].split()[0])
    assert total >= 8
    titles = []
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Folie {number} von {total}")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator(".js-plotly-plot")).to_have_count(1, timeout=TIMEOUT)
        wait_until_idle(page)
        titles.append(page.locator(".slide-title").inner_text())
        page.screenshot(path=ARTIFACTS / f"20-folie-{number:02d}.png")
        assert _query(page)["folie"] == [str(number)]
        page.evaluate("document.activeElement && document.activeElement.blur()")  # keys go to the page
        page.keyboard.press("ArrowRight")
    assert len(set(titles)) == total
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text(f"Folie {total - 1} von {total}")).to_be_visible(timeout=TIMEOUT)
