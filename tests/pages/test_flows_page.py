"""The Ströme page under AppTest: the long tables are built only when their drawer is opened, and
a town the flows delivery does not cover gets its empty state, not an error."""

import pytest

from dashboard.service.flows import flows_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
from dashboard.warehouse.connection import writer

OLPE = "05966024"


def _places_tables(at):
    return [f.value for f in at.dataframe if "Ort" in f.value.columns]


def test_all_places_appear_when_the_drawer_is_opened_with_their_download(warehouse_for_app):
    from tests.pages.conftest import open_app

    at = open_app("views/flows.py", kommune=OLPE)
    assert not _places_tables(at)  # closed: nothing built, nothing sent
    assert any("Alle" in e.label and "Orte als Tabelle" in e.label for e in at.expander)
    at.session_state["flows_origins_drawer"] = True
    at.run()
    assert not at.exception
    (shown,) = _places_tables(at)
    reference = load_reference(warehouse_for_app)
    year_from, year_to = at.session_state["years"]
    expected = flows_data(warehouse_for_app, reference, Selection(year_from, year_to), OLPE).origins
    assert shown["Personen"].tolist() == expected["persons"].tolist()
    assert len(shown) == len(expected)
    assert any(b.proto.label.startswith("CSV") for b in at.get("download_button"))


@pytest.fixture
def flows_without_olpe(demo_warehouse, monkeypatch):
    """A flows delivery that does not cover Olpe: no move into or out of it."""
    with writer(demo_warehouse) as con:
        con.execute("delete from flow where from_code = $a or to_code = $a", {"a": OLPE})
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    return demo_warehouse


def test_a_town_outside_the_flows_delivery_gets_empty_rankings_not_an_error(flows_without_olpe):
    from tests.pages.conftest import open_app

    at = open_app("views/flows.py", kommune=OLPE)
    assert [m.value for m in at.metric][:3] == ["0", "0", "±0"]
    assert any("keine" in i.value.lower() for i in at.info)
