"""Network KPIs on small hand-made memberships and attendance."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.charts.network import membership_map
from dashboard.geo.boundaries import load_layer
from dashboard.kpis import network

A, B, C = "05958004", "05974040", "05962060"
MEMBERS = pd.DataFrame(
    {
        "ags": [A, A, B],
        "network": ["runder_tisch", "smart_cities_pionier", "runder_tisch"],
        "joined_on": [dt.date(2016, 3, 9), dt.date(2019, 9, 1), dt.date(2018, 1, 1)],
        "left_on": [None, None, dt.date(2020, 1, 1)],
    }
)
POPULATION = pd.DataFrame({"ags": [A, B, C], "year": 2019, "persons": [70_000, 50_000, 20_000], "is_estimate": False})


def test_growth_equals_coverage_on_every_day():
    days = network.monthly_days(dt.date(2016, 1, 1), dt.date(2021, 1, 1))
    table = network.growth(MEMBERS, POPULATION, days, [A, B, C])
    for day in (dt.date(2018, 6, 1), dt.date(2019, 10, 1), dt.date(2020, 2, 1)):
        expected = network.coverage(MEMBERS, POPULATION, day, [A, B, C]).set_index("network")
        got = table[table["date"] == day].set_index("network")
        assert got["members"].to_dict() == expected["members"].to_dict()
        for name in expected.index:
            assert got.loc[name, "share_of_population"] == pytest.approx(expected.loc[name, "share_of_population"])


def test_combinations_and_white_spots():
    table = network.combination_at(MEMBERS, dt.date(2019, 12, 1), [A, B, C]).set_index("ags")["combination"]
    assert table.to_dict() == {A: "runder_tisch+smart_cities_pionier", B: "runder_tisch", C: network.NO_NETWORK}
    later = network.combination_at(MEMBERS, dt.date(2020, 6, 1), [A, B, C]).set_index("ags")["combination"]
    assert later[B] == network.NO_NETWORK  # left on 01.01.2020


def test_absent_in_the_last_editions_and_the_matrix():
    editions = pd.DataFrame({"edition": [1, 2, 3, 4]})
    attendance = pd.DataFrame({"edition": [1, 2, 3, 4, 1], "ags": [A, A, A, A, B]})
    assert network.absent_in_last(attendance, editions, [A, B, C], 3) == sorted([B, C])
    towns = pd.DataFrame({"ags": [A, B, C], "name": ["Arnsberg", "Soest", "Werdohl"]})
    matrix = network.attendance_matrix(attendance, towns)
    assert matrix.loc["Soest"].tolist() == [1, 0, 0, 0] and matrix.loc["Werdohl"].sum() == 0


def test_inflow_of_members_against_the_others_is_per_1000():
    yearly = pd.DataFrame(
        {"ags": [A, B, C], "year": 2019, "inflow": [700, 500, 100], "population": [70_000, 50_000, 20_000]}
    )
    table = network.inflow_by_membership(yearly, MEMBERS, "runder_tisch").set_index("group")
    assert table.loc["member", "inflow_per_1000"] == pytest.approx(1200 / 120_000 * 1000)
    assert table.loc["other", "inflow_per_1000"] == pytest.approx(5.0)


def test_map_colours_stay_the_same_when_the_date_moves(demo_warehouse_master):
    from dashboard.service.reference import load_reference

    reference = load_reference(demo_warehouse_master)
    layer = load_layer(reference.towns)

    def colours(day):
        combos = network.combination_at(MEMBERS, day, reference.region).assign(name="x")
        figure = membership_map(combos, layer, "Karte", "de")
        towns = [trace for trace in figure.data if trace.fill == "toself"]
        painted = [trace.meta["customdata"][0] for trace in towns]
        assert sorted(painted) == sorted(reference.region)  # every town once, as its own shape
        assert len({trace.legendgroup for trace in towns}) == sum(bool(trace.showlegend) for trace in towns)
        return {trace.legendgroup: trace.fillcolor for trace in towns}

    early, late = colours(dt.date(2017, 1, 1)), colours(dt.date(2019, 12, 1))
    assert early["Runder Tisch"] == late["Runder Tisch"]
    assert "Runder Tisch + Smart Cities: Pionier" in late
