"""AppTest fixtures: the real app against a real demo warehouse."""

import logging

import pytest
from streamlit import config as st_config

from dashboard.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
PAGES = sorted(str(p) for p in (PROJECT_ROOT / "dashboard" / "views").glob("*.py") if p.name != "__init__.py")


@pytest.fixture(autouse=True)
def warehouse_for_app(demo_warehouse_master, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse_master))
    st_config.set_option("runner.magicEnabled", False)  # as in .streamlit/config.toml
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    return demo_warehouse_master


def open_app(page: str | None = None, **params):
    """The app with URL parameters, switched to `page` (a views/ script) when given; no exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tab(at, code: str):
    """The page's tab `code` opened as a link opens it (?ansicht=…): only the open tab is drawn."""
    from dashboard.ui.state import VIEW

    at.query_params[VIEW] = code
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at) -> list[dict]:
    """The plotly figures drawn on the page (dashboard/ui/plot.py's component), in page order."""
    import json

    charts = [element.proto for element in at.get("bidi_component")]
    return [json.loads(json.loads(c.json)["figure"]) for c in charts if c.component_name.endswith("wm_plot")]


def tab_codes(page: str) -> list[str]:
    """The `ansicht` codes of a page's on-demand tabs, read from its on_demand_tabs call (so a new
    tab is visited by the tests without a list to keep)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(page).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "on_demand_tabs":
            views = node.args[1]
            return [key.value for key in views.keys]
    return []


def visit_every_tab(at, page: str) -> list[str]:
    """Opens each on-demand tab of `page` (the app already on it): no exception, and no panel
    showing the error its guard caught. Returns the codes visited."""
    codes = tab_codes(page)
    for code in codes:
        open_tab(at, code)
        assert not at.error, (page, code, [e.value for e in at.error])
    return codes
