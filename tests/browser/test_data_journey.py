"""The Daten page in a real browser: a wrong file gets a report with line and column and changes
nothing; an official GENESIS export is checked, confirmed and shows up in the history."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import full_page_screenshot, wait_until_idle

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
GENESIS_FIXTURE = Path(__file__).parents[1] / "data" / "genesis" / "12711-91-01-5_ars_crlf.csv"


def _upload(page, path: Path) -> None:
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))


def test_wrong_file_then_official_export(server, page, tmp_path):
    page.goto(server + "/daten")
    expect(page.get_by_role("heading", name="Daten", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Import").click()
    expect(page.get_by_text("Keine Anmeldung eingerichtet")).to_be_visible(timeout=TIMEOUT)

    wrong = tmp_path / "zuzuege-falsch.csv"
    wrong.write_text(
        "GENESIS-Tabelle: 12711-01-03-5\nZu- und Fortzüge\n;;Zuzüge über die Gemeindegrenzen\n"
        ";;Anzahl\n05962060;  Werdohl;12\n",
        encoding="utf-8",
    )  # cut off: no year, no footer
    _upload(page, wrong)
    expect(page.get_by_text("Die Datei würde abgelehnt")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("zuzuege-falsch.csv, Zeile").first).to_be_visible()
    expect(page.get_by_role("button", name="Jetzt importieren")).to_have_count(0)
    wait_until_idle(page)
    full_page_screenshot(page, "30-daten-abgelehnt", 1400)

    _upload(page, GENESIS_FIXTURE)
    expect(page.get_by_text("Die Datei ist gültig.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Tabelle 12711-91-01-5").first).to_be_visible()
    wait_until_idle(page)
    full_page_screenshot(page, "31-daten-probelauf", 1400)
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.get_by_text("Importiert: 12711-91-01-5_ars_crlf.csv")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Verlauf").click()
    history = page.get_by_role("tabpanel", name="Verlauf").get_by_test_id("stDataFrame")
    expect(history).to_be_visible(timeout=TIMEOUT)  # the table is drawn on a canvas: its rows are tested in AppTest
    page.get_by_role("tab", name="Datenqualität").click()
    expect(page.get_by_text("Lücken in den Monatsreihen")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    full_page_screenshot(page, "32-daten-qualitaet", 1800)
