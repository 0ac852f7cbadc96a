"""Drawers (components.drawer): a long table or a large chart below a panel is built only while its
expander is open, on every page that has one, and opening or closing it keeps the page whole."""

import pytest

OLPE = "05966024"
DRAWERS = [
    ("views/flows.py", "woher-wohin", "flows_destinations_drawer", "dataframe"),
    ("views/flows.py", "karte", "flows_links_drawer", "dataframe"),
    ("views/flows.py", "aussen", "flows_outside_drawer", "dataframe"),
    ("views/inflow.py", "ranking", "inflow_unusual_drawer", "dataframe"),
    ("views/campaigns.py", "reichweite", "campaigns_channel_drawer", "dataframe"),
    ("views/network.py", "runder-tisch", "network_attendance_drawer", "chart"),
]


def _count(at, kind: str) -> int:
    from tests.pages.conftest import figures

    return len(at.dataframe) if kind == "dataframe" else len(figures(at))


@pytest.mark.parametrize(("page", "tab", "key", "kind"), DRAWERS, ids=[d[2] for d in DRAWERS])
def test_a_drawer_builds_its_content_only_while_open(warehouse_for_app, page, tab, key, kind):
    from tests.pages.conftest import open_app, open_tab

    at = open_tab(open_app(page, kommune=OLPE), tab)
    closed = _count(at, kind)
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _count(at, kind) == closed + 1
    at.session_state[key] = False
    at.run()
    assert not at.exception and _count(at, kind) == closed
