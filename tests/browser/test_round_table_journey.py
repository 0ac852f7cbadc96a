"""The round-table journeys in a real browser: the Überblick with its targets, the Steckbrief for
Werdohl with its PDF, the presentation stepped through with the keyboard, the foyer screen that
loops by itself, the presenter view that an audience window follows, and the app's downloads
rendering as the command line writes them."""

import shutil
import subprocess
import sys
from itertools import pairwise
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, full_page_screenshot, the_map, wait_until_idle

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
    expect(page.get_by_text("Zugewinne")).to_be_visible()
    expect(page.get_by_text("Rückgänge")).to_be_visible()
    gain = page.locator('[class*="st-key-highlight_"] button').first  # the whole line opens the town
    assert gain.bounding_box()["height"] < 80  # wrapped over at most two lines, not cut
    gain.click()
    page.wait_for_url("**/zuzug?**", timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Zuzug")).to_be_visible(timeout=TIMEOUT)
    assert len(_query(page)["kommunen"][0]) == 8
    # opened on the map, coloured by the measure that changed
    assert _query(page)["ansicht"] == ["karte"]
    the_map(page, timeout=TIMEOUT)


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
    # the comparison tab: the comparison chart and the locator map
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=TIMEOUT)
    wait_until_idle(page)
    full_page_screenshot(page, "11-steckbrief-werdohl", 2600)
    page.get_by_role("tab", name="Entwicklung").click()  # years, target groups, origins
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=TIMEOUT)
    wait_until_idle(page)
    full_page_screenshot(page, "11b-steckbrief-werdohl-entwicklung", 2600)
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


def _keys_ready(page) -> None:
    page.wait_for_function("() => typeof window.__slideStep === 'function'", timeout=TIMEOUT)
    page.wait_for_timeout(500)


def test_the_foyer_screen_advances_and_loops_by_itself(server, page):
    page.goto(server + "/praesentation?auto=2&folien=title,targets,flows")
    expect(page.locator(".slide-title")).to_be_visible(timeout=TIMEOUT)
    seen: list[str] = []
    # watch the screen for up to ~24 s, noting each slide once as it comes (a busy machine may
    # show the first slide for less time than it takes to look)
    for _ in range(120):
        shown = page.locator(".slide-footer").first.inner_text().split("·")[-1].strip()
        if not seen or seen[-1] != shown:
            seen.append(shown)
        looped = any(a == "3/3" and b == "1/3" for a, b in pairwise(seen))
        if {"1/3", "2/3", "3/3"} <= set(seen) and looped:
            break
        page.wait_for_timeout(200)
    assert {"1/3", "2/3", "3/3"} <= set(seen), seen
    assert any(a == "3/3" and b == "1/3" for a, b in pairwise(seen)), seen  # it loops
    expect(page.get_by_role("button", name="Weiter")).to_have_count(0)  # nothing to press on the foyer screen


def test_a_presenter_view_with_notes_and_next_slide_that_an_audience_window_follows(server, page):
    page.goto(server + "/praesentation?ansicht=referent")
    expect(page.get_by_text("Sprechernotizen")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Nächste Folie")).to_be_visible()
    _keys_ready(page)
    page.screenshot(path=ARTIFACTS / "21-referentenansicht.png")
    link = page.get_by_text("Publikumsansicht, die mitblättert").get_attribute("href")
    audience = page.context.new_page()
    audience.goto(server + "/praesentation" + link)
    expect(audience.locator(".slide-footer")).to_contain_text("1/", timeout=TIMEOUT)
    page.bring_to_front()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("Folie 2 von")).to_be_visible(timeout=TIMEOUT)
    expect(audience.locator(".slide-footer")).to_contain_text("2/", timeout=TIMEOUT)


def _pages(pdf: bytes, folder, name: str) -> list:
    import numpy as np
    from PIL import Image

    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(folder / name)], check=True)
    return [np.asarray(Image.open(p).convert("L")) for p in sorted(folder.glob(f"{name}-*.png"))]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_the_apps_deck_and_steckbrief_render_as_the_cli_writes_them(server, page, server_warehouse, tmp_path):
    """Downloaded from the app and written by `python -m dashboard export`, page for page."""
    page.goto(server + "/praesentation")
    expect(page.locator(".slide-title")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Folien und Zeitraum").click()
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="PDF").click()
    app_deck = download.value.path().read_bytes()
    page.goto(server + "/steckbrief?kommune=05962060")
    expect(page.get_by_role("heading", name="Werdohl", exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Steckbrief als PDF (A4)").click()
    app_profile = download.value.path().read_bytes()
    cli = tmp_path / "cli"
    cli.mkdir()
    for what, extra, out in (("deck", [], cli / "deck.pdf"), ("profile", ["--ags", "05962060"], cli / "profile.pdf")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dashboard",
                "--db",
                str(server_warehouse),
                "export",
                what,
                *extra,
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
    for name, app_pdf in (("deck", app_deck), ("profile", app_profile)):
        app_pages = _pages(app_pdf, tmp_path, f"app-{name}")
        cli_pages = _pages((cli / f"{name}.pdf").read_bytes(), tmp_path, f"cli-{name}")
        assert len(app_pages) == len(cli_pages) > 0, name
        for number, (a, c) in enumerate(zip(app_pages, cli_pages, strict=True), start=1):
            assert a.shape == c.shape, (name, number)
            differing = (abs(a.astype(int) - c.astype(int)) > 40).mean()
            assert differing < 0.002, (name, number, differing)
