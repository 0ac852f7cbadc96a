"""A panel's error boundary: its own errors are shown in place, Streamlit's control flow passes."""

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from dashboard.ui.components import guarded


@pytest.mark.parametrize("control", [StopException(), RerunException(None)])
def test_stop_rerun_and_page_switches_pass_through(control):
    with pytest.raises(type(control)), guarded("de"):
        raise control


def test_an_error_of_the_panel_stays_in_the_panel():
    with guarded("de"):
        raise ValueError("kaputt")  # shown as st.error, not raised


def _broken(*args, **kwargs):
    raise ValueError("Testfehler im Panel")


@pytest.mark.parametrize(
    ("page", "target", "still_there", "tab"),
    [
        ("views/inflow.py", "dashboard.charts.trends.stacked_by", "metric", "gruppen"),
        ("views/overview.py", "dashboard.charts.maps.choropleth", "metric", "karte"),
        ("views/campaigns.py", "dashboard.charts.campaigns.funnel", "metric", "karte"),
        ("views/network.py", "dashboard.charts.network.growth", "metric", None),
        ("views/flows.py", "dashboard.charts.flows.flow_map", "metric", "karte"),
    ],
)
def test_one_failing_panel_leaves_the_rest_of_the_page(warehouse_for_app, monkeypatch, page, target, still_there, tab):
    from tests.pages.conftest import open_app, open_tab

    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(__import__(module, fromlist=[name]), name, _broken)
    at = open_app(page)
    if tab:  # the failing panel in its tab; the cards above it and the tab bar stay
        at = open_tab(at, tab)
        assert len(at.tabs) > 1
    assert any("Testfehler im Panel" in e.value for e in at.error), [e.value for e in at.error]
    assert len(getattr(at, still_there)) > 0  # the panels after the broken one are drawn
    assert len(at.metric) > 0 or still_there != "metric"
