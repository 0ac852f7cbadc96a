"""Every chart's text alternative comes from the figure itself: its data as a table and one
sentence on what it shows, in the UI language."""

from pathlib import Path

import pandas as pd

from dashboard.charts import campaigns, maps, trends
from dashboard.charts.summary import figure_sentence, figure_table
from dashboard.geo.boundaries import load_layer


def test_bars_and_lines_become_one_row_per_month_with_the_counts_the_hover_shows():
    table = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-11-01", "2024-12-01"]),
            "inflow": [100, 120],
            "outflow": [80, 130],
            "net": [20, -10],
        }
    )
    figure = trends.flows_over_time(table, "month", "Zu- und Fortzüge je Monat", "de")
    data = figure_table(figure, "de")
    assert list(data.columns) == ["Monat", "Zuzüge", "Fortzüge", "Saldo"]
    assert data["Monat"].tolist() == ["Nov. 2024", "Dez. 2024"]
    assert data["Fortzüge"].tolist() == [80, 130]  # drawn below zero, a positive count in the table
    assert figure_sentence(figure, "de") == (
        "Zu- und Fortzüge je Monat: Zuzüge, Fortzüge, Saldo; 2 Werte von "
        "Nov. 2024 bis Dez. 2024, der größte 130 (Fortzüge, Dez. 2024)."
    )
    assert "the largest 130 (Out-migration, Dec 2024)" in figure_sentence(
        trends.flows_over_time(table, "month", "Monthly", "en"), "en"
    )


def test_a_funnel_reads_its_stages_and_counts():
    stages = pd.DataFrame({"stage": ["impressions", "clicks", "leads"], "value": [5_918_448, 96_060, 1_233]})
    data = figure_table(campaigns.funnel(stages, "Medizin & Pflege", "de"), "de")
    assert data.iloc[:, 0].tolist() == ["Impressionen", "Klicks", "Leads"]
    assert data.iloc[:, 1].tolist() == [5_918_448, 96_060, 1_233]


def test_a_map_names_its_lowest_and_highest_town():
    towns = pd.DataFrame(
        {
            "ags": ["05962060", "05966024"],
            "name": ["Werdohl", "Olpe"],
            "district": ["Märkischer Kreis", "Kreis Olpe"],
            "lat": [51.26, 51.03],
            "lon": [7.76, 7.85],
        }
    )
    values = pd.DataFrame({"ags": towns["ags"], "net_per_1000": [-2.5, 4.0], "inflow": 1, "outflow": 1, "net": 0})
    layer = load_layer(towns, geo_dir=Path("/nonexistent"))  # the schematic cells of the two towns
    figure = maps.choropleth(values, layer, "net_per_1000", "Saldo je 1.000 Einw.", "de")
    data = figure_table(figure, "de")
    assert data.to_dict("list") == {
        "AGS": ["05962060", "05966024"],
        "Kommune": ["Werdohl", "Olpe"],
        "Saldo je 1.000 Einw.": [-2.5, 4.0],
    }
    assert figure_sentence(figure, "de") == (
        "Saldo je 1.000 Einw.: Werte für 2 Kommunen, von −2,5 (Werdohl) bis 4 (Olpe)."
    )


def test_every_chart_on_a_page_opens_its_sentence_and_table():
    from tests.pages.conftest import open_app

    at = open_app("views/inflow.py")
    switches = [toggle for toggle in at.toggle if toggle.key and toggle.key.endswith("_data")]
    assert switches, "no chart offers its data"
    for switch in switches:
        switch.set_value(True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    sentences = [c.value for c in at.caption if "Werte" in c.value and " von " in c.value]
    assert len(sentences) >= len(switches) - 1  # an empty chart says "keine Werte"
