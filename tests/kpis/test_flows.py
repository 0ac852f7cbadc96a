"""Moves from place to place: the KPI layer on hand-made flows, and the Ströme page's figures
recomputed from the demo's raw flow files."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.config import DEMO_DIR
from dashboard.kpis import flows as kpi
from dashboard.service.flows import flows_data
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection

# A (city), B (town), C (small); X is Bochum (NRW), 'abroad' a class
POPULATION = pd.Series({"A": 80_000.0, "B": 30_000.0, "C": 5_000.0})
FLOWS = pd.DataFrame(
    [
        ("A", "C", "0-17", 10),
        ("A", "C", "30-49", 8),
        ("C", "A", "0-17", 2),
        ("C", "A", "18-24", 12),
        ("B", "C", "30-49", 5),
        ("A", "B", "18-24", 3),
        ("05911000", "C", "18-24", 4),
        ("abroad", "C", "0-17", 1),
    ],
    columns=["from_code", "to_code", "age_group", "persons"],
)
REGION = set(POPULATION.index)


def test_where_a_towns_newcomers_come_from_ranked_with_shares_and_rates():
    origins = kpi.origins_of(FLOWS, "C", POPULATION)
    assert origins["code"].tolist() == ["A", "B", "05911000", "abroad"]
    assert origins["persons"].tolist() == [18, 5, 4, 1]
    assert origins["rank"].tolist() == [1, 2, 3, 4]
    assert origins["share"].sum() == pytest.approx(1)
    assert origins.loc[0, "per_1000_of_place"] == pytest.approx(18 / 80_000 * 1000)
    assert origins["per_1000_of_place"].iloc[2:].isna().all()  # no population outside the region
    leavers = kpi.destinations_of(FLOWS, "C", POPULATION)
    assert leavers[["code", "persons"]].values.tolist() == [["A", 14]]


def test_a_town_without_moves_in_the_delivery_has_empty_rankings_and_a_zero_balance():
    # a flows delivery need not cover every town: D has inhabitants but no move in it
    population = pd.concat([POPULATION, pd.Series({"D": 2_000.0})])
    for ranked in (kpi.origins_of(FLOWS, "D", population), kpi.destinations_of(FLOWS, "D", population)):
        assert ranked.empty
        assert {"code", "persons", "share", "per_1000_of_place", "rank"} <= set(ranked.columns)
    assert kpi.town_balance(FLOWS, "D", REGION | {"D"}) == {"inflow": 0, "outflow": 0, "net": 0}


def test_a_towns_balance_counts_only_moves_within_the_region():
    assert kpi.town_balance(FLOWS, "C", REGION) == {"inflow": 23, "outflow": 14, "net": 9}


def test_links_add_both_directions_and_say_who_gains():
    links = kpi.links(FLOWS, REGION)
    first = links.iloc[0]
    assert (first["a"], first["b"], first["a_to_b"], first["b_to_a"], first["total"]) == ("A", "C", 18, 14, 32)
    assert first["net_for_a"] == -4
    assert set(zip(links["a"], links["b"], strict=True)) == {("A", "C"), ("B", "C"), ("A", "B")}


def test_district_matrix_keeps_every_pair_and_moves_within_a_district_on_the_diagonal():
    districts = pd.Series({"A": "Nord", "B": "Nord", "C": "Süd"})
    matrix = kpi.district_matrix(FLOWS, districts).set_index(["from_district", "to_district"])["persons"]
    assert matrix[("Nord", "Süd")] == 23 and matrix[("Süd", "Nord")] == 14 and matrix[("Nord", "Nord")] == 3
    assert matrix[("Süd", "Süd")] == 0 and len(matrix) == 4


def test_families_moving_from_the_city_to_the_small_town_show_in_the_size_classes():
    table = kpi.size_class_balance(FLOWS, POPULATION).set_index(["size_class", "age_group"])
    assert table.loc[("small", "0-17"), "net"] == 10 - 2
    assert table.loc[("city", "0-17"), "net"] == 2 - 10
    assert table.loc[("small", "30-49"), "net"] == 8 + 5
    assert table["net"].sum() == 0  # what one class gains another loses
    assert kpi.moves_between(FLOWS, POPULATION, "city", "small").to_dict() == {"0-17": 10, "30-49": 8}


def test_outside_keys_fall_into_the_origin_classes():
    assert kpi.place_class("C", REGION) == "town"
    assert kpi.place_class("05911000", REGION) == "nrw"
    assert kpi.place_class("09162", REGION) == "de"
    assert kpi.place_class("abroad", REGION) == "abroad"


def _raw_flows(year_from: int, year_to: int) -> pd.DataFrame:
    frames = [
        pd.read_csv(DEMO_DIR / f"flows_{year}.csv", dtype={"from_ags": str, "to_ags": str})
        for year in range(year_from, year_to + 1)
    ]
    return pd.concat(frames, ignore_index=True)


def test_olpes_newcomers_from_the_region_recomputed_from_the_raw_files(demo_warehouse_master):
    reference = load_reference(demo_warehouse_master)
    olpe = "05966024"
    data = flows_data(demo_warehouse_master, reference, Selection(2023, 2025), olpe)
    raw = _raw_flows(2023, 2025)
    expected = raw[raw["to_ags"] == olpe].groupby("from_ags")["persons"].sum().sort_values(ascending=False)
    shown = data.origins.set_index("code")["persons"]
    assert shown.to_dict() == expected.to_dict()
    assert data.balance["inflow"] == int(expected.sum())
    assert data.balance["outflow"] == int(raw.loc[raw["from_ags"] == olpe, "persons"].sum())
    assert data.is_demo and data.place(shown.index[0], "de") == reference.names[shown.index[0]]
    # families only: the sidebar's target group narrows every figure
    families = flows_data(demo_warehouse_master, reference, Selection(2023, 2025, target_groups=("familien",)), olpe)
    young = raw[(raw["to_ags"] == olpe) & (raw["age_group"] == "0-17")]
    assert families.balance["inflow"] == int(young["persons"].sum())
    # the districts' matrix holds every move between two towns once
    assert int(data.districts_matrix["persons"].sum()) == int(raw["persons"].sum())
