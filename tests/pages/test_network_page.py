"""The Netzwerk page: counts equal the raw network files; the editor stores valid editions only."""

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import DEMO_DIR
from dashboard.ingest.errors import ImportRefused
from dashboard.service.network import add_round_table_edition
from dashboard.warehouse.connection import reader
from tests.conftest import checksums
from tests.pages.conftest import open_app, open_tab

PAGE = "views/network.py"


def open_page(tab: str | None = None, **params):
    at = open_app(PAGE, **params)
    return open_tab(at, tab) if tab else at


def raw_members(day: str) -> dict[str, int]:
    network = pd.read_csv(DEMO_DIR / "network.csv", dtype={"ags": str})
    return network[network["joined_on"] <= day].groupby("network").size().to_dict()


def test_member_counts_on_a_date_in_2021_equal_the_raw_file():
    at = open_page("karte", stichtag="2021-05-31")
    shown = {m.label: int(m.value) for m in at.metric}
    expected = raw_members("2021-05-31")
    assert shown == {
        "Runder Tisch": expected["runder_tisch"],
        "Smart Cities: Pionier": 5,
        "Smart Cities: Netzwerk": 15,
        "Willkommenstasche": expected["willkommenstasche"],
    }
    assert at.slider(key="network_day").value == dt.date(2021, 5, 31)
    assert any("Weiße Flecken am 31.05.2021" in c.value for c in at.caption)


def test_default_shows_the_latest_date_and_the_editions():
    at = open_page("runder-tisch")
    editions = pd.read_csv(DEMO_DIR / "round_table.csv")["edition"].nunique()
    assert len(at.dataframe[0].value) == editions
    assert at.query_params["stichtag"] == "2025-12-31"


def test_english():
    at = open_page(lang="en", stichtag="2019-12-31")
    assert at.title[0].value == "Network"
    assert {m.label for m in at.metric} >= {"Round table", "Smart Cities: pioneer"}


@pytest.fixture
def editable(demo_warehouse, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    return demo_warehouse


def _fill_editor(at: AppTest, day: dt.date, participants: int, towns: list[str]) -> AppTest:
    at.date_input(key="editor_date").set_value(day)
    at.selectbox(key="editor_host").set_value("05962060")
    at.number_input(key="editor_participants").set_value(participants)
    at.multiselect(key="editor_towns").set_value(towns)
    next(b for b in at.button if b.label == "Ausgabe speichern").click()
    return at.run()


def test_a_new_edition_shows_up_and_survives_a_restart(editable):
    at = open_page("runder-tisch")
    before = len(at.dataframe[0].value)
    at = _fill_editor(open_tab(at, "pflege"), dt.date(2026, 3, 11), 31, ["05962060", "05974040"])
    assert not at.exception
    assert any("gespeichert" in s.value for s in at.success)
    assert len(open_tab(at, "runder-tisch").dataframe[0].value) == before + 1
    restarted = open_page("runder-tisch")
    table = restarted.dataframe[0].value
    assert len(table) == before + 1 and table["Teilnehmende"].iloc[-1] == 31
    with reader(editable) as con:
        logged = con.execute("select kind, status from import_log order by import_id desc limit 1").fetchall()
    assert logged == [("round-table", "ok")]


@pytest.mark.parametrize(
    ("day", "participants", "message"),
    [
        (dt.date.today() + dt.timedelta(days=30), 20, "nicht nach heute"),
        (dt.date(2026, 2, 4), -5, "ganze Zahl ≥ 0"),
    ],
)
def test_an_invalid_entry_is_refused_and_stores_nothing(editable, day, participants, message):
    at = open_page("pflege")
    before = checksums(editable)
    at = _fill_editor(at, day, participants, ["05962060"])
    assert not at.exception
    errors = " ".join(e.value for e in [*at.error, *at.code])  # the details as plain text under the title
    assert "Nicht gespeichert" in errors and message in errors
    assert checksums(editable) == before


def test_an_unknown_town_is_refused(editable):
    before = checksums(editable)
    with pytest.raises(ImportRefused) as refusal:
        add_round_table_edition(editable, dt.date(2026, 1, 14), "05962060", "digital", 12, ["05999999"])
    assert "59 Kommunen" in refusal.value.message()
    assert checksums(editable) == before


def test_welcome_bag_coverage_per_town_and_month_equals_the_raw_files(demo_warehouse_master):
    from dashboard.service.network import network_data
    from dashboard.service.reference import load_reference

    data = network_data(demo_warehouse_master, load_reference(demo_warehouse_master))
    bags = pd.read_csv(DEMO_DIR / "welcome_bags.csv", dtype={"ags": str})
    row = data.bags_by_town_month.set_index(["ags", "month"]).loc[("05962060", pd.Timestamp("2020-08-01"))]
    raw = bags[(bags["ags"] == "05962060") & (bags["month"] == "2020-08-01")]["handed_out"].iloc[0]
    assert row["handed_out"] == raw and row["coverage"] == pytest.approx(raw / row["inflow"])
