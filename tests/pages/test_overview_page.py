"""Überblick: the start page shows the service's figures against their targets, links a notable
change to the Zuzug page, and saves targets only when they are valid."""

from dashboard.i18n.format import kpi_value
from dashboard.kpis.overview import UNIT
from dashboard.service.overview import overview_data
from dashboard.service.reference import load_reference
from tests.pages.conftest import open_app, open_tab


def test_start_page_cards_equal_the_service(warehouse_for_app):
    at = open_app()
    assert at.title[0].value == "Überblick"
    data = overview_data(warehouse_for_app, load_reference(warehouse_for_app), 2023, 2025)
    shown = {m.label: m.value for m in at.metric}
    assert len(shown) == 8
    assert shown["Zuzüge"] == kpi_value(data.card("inflow").value, UNIT["inflow"])
    assert shown["Kosten je Lead"] == kpi_value(data.card("cost_per_lead").value, "money")
    assert shown["Abdeckung Runder Tisch"] == kpi_value(data.card("network_coverage").value, "share")
    assert shown["Wanderungssaldo"].startswith(("+", "−"))  # a balance always carries its sign
    texts = " ".join(m.value for m in [*at.markdown, *at.caption])
    assert "Soll" in texts and "Ist" in texts
    assert "Zugewinne" in texts and "Rückgänge" in texts


def test_english_and_a_single_year(warehouse_for_app):
    at = open_app(lang="en", jahre="2021-2021")
    assert at.title[0].value == "Overview"
    assert "Cost per lead" in {m.label for m in at.metric}


def test_a_notable_change_opens_the_zuzug_page_for_that_town(warehouse_for_app):
    at = open_app()
    data = overview_data(warehouse_for_app, load_reference(warehouse_for_app), 2023, 2025)
    first = data.gains.iloc[0]
    at.button(key=f"highlight_{first['ags']}").click().run()
    assert not at.exception
    assert at.query_params["kommunen"] == first["ags"]
    assert at.title[0].value == "Zuzug"
    assert at.selectbox(key="map_measure").value == first["measure"]


def test_saving_unchanged_targets_changes_nothing(demo_warehouse, monkeypatch):
    # AppTest cannot type into the data editor (the browser and service tests do the editing)
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    at = open_tab(open_app(), "ziele")
    at.button(key="targets_save").click().run()
    assert not at.exception
    assert any("Keine Änderung" in s.value for s in at.success)
