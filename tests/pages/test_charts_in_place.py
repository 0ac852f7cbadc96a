"""Charts are redrawn in place (dashboard/ui/plot.py): a chart keeps its identity in the page when
its figure changes, so the browser updates it instead of building it anew."""

import json

from streamlit.testing.v1 import AppTest

from dashboard.ui import plot


def _two_bars() -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.ui.plot import plotly_chart

    height = st.number_input("Höhe", value=1)
    plotly_chart(go.Figure(go.Bar(x=["Olpe", "Soest"], y=[height, 4])), {"displaylogo": False}, "bars", "de")


def _drawn(at: AppTest) -> tuple[str, dict]:
    (chart,) = [e.proto for e in at.get("bidi_component")]
    data = json.loads(chart.json)
    return chart.id, json.loads(data["figure"])


def test_a_new_figure_keeps_the_charts_identity():
    at = AppTest.from_function(_two_bars).run()
    first_id, first = _drawn(at)
    at.number_input[0].set_value(7).run()
    assert not at.exception
    second_id, second = _drawn(at)
    assert second_id == first_id  # the same element: the browser calls Plotly.react on it
    assert (first["data"][0]["y"], second["data"][0]["y"]) == ([1, 4], [7, 4])


def test_the_figure_travels_with_its_config_and_the_script_address():
    at = AppTest.from_function(_two_bars).run()
    data = json.loads(at.get("bidi_component")[0].proto.json)
    assert data["config"] == {"displaylogo": False}
    assert data["src"] == f"/app/static/{plot.SCRIPT}"
    assert "nicht geladen" in data["unavailable"]  # said in place of the chart if the script fails


def test_plotly_js_is_copied_into_the_static_folder_once(tmp_path, monkeypatch):
    monkeypatch.setattr(plot, "STATIC", tmp_path / "static")
    plot.ensure_script()
    copied = tmp_path / "static" / plot.SCRIPT
    assert copied.read_bytes()[:200] == plot._BUNDLED.read_bytes()[:200]
    assert copied.stat().st_size == plot._BUNDLED.stat().st_size
    stamp = copied.stat().st_mtime_ns
    plot.ensure_script()
    assert copied.stat().st_mtime_ns == stamp
    assert not list((tmp_path / "static").glob("*.part"))


def test_a_static_folder_that_cannot_be_written_does_not_stop_the_app(tmp_path, monkeypatch, caplog):
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setattr(plot, "STATIC", blocked)
    plot.ensure_script()  # no exception: the charts say in their place that they cannot be shown
    assert "plotly.js could not be copied" in caplog.text
