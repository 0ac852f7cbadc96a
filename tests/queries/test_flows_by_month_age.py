"""The monthly detail query: the whole region read without a town filter equals the sum over every
town's list, and a list of towns keeps exactly those towns' rows."""

import pandas as pd

from dashboard.queries import fetch
from dashboard.warehouse.connection import reader

PARAMS = {"year_from": 2023, "year_to": 2024, "months": list(range(1, 13))}
KEY = ["month", "direction", "age_group", "origin"]


def _detail(db, **params) -> pd.DataFrame:
    with reader(db) as con:
        return fetch(con, "flows_by_month_age", **{**PARAMS, **params}).sort_values(KEY).reset_index(drop=True)


def test_whole_region_without_a_filter_equals_every_town_listed(demo_warehouse_master):
    with reader(demo_warehouse_master) as con:
        towns = [row[0] for row in con.execute("select ags from municipality").fetchall()]
    unfiltered = _detail(demo_warehouse_master, ags=[], all_towns=True)
    listed = _detail(demo_warehouse_master, ags=towns, all_towns=False)
    assert len(unfiltered) > 0
    pd.testing.assert_frame_equal(unfiltered, listed)


def test_a_list_of_towns_keeps_only_their_rows(demo_warehouse_master):
    werdohl, olpe = "05962060", "05966020"
    with reader(demo_warehouse_master) as con:
        expected = con.execute(
            "select sum(persons) from registration where ags in ($a, $b) "
            "and month between '2023-01-01' and '2024-12-01' "
            "and month(month) in (3, 4)",
            {"a": werdohl, "b": olpe},
        ).fetchall()[0][0]
    pair = _detail(demo_warehouse_master, ags=[werdohl, olpe], all_towns=False, months=[3, 4])
    assert pair["persons"].sum() == expected > 0
    assert set(pd.to_datetime(pair["month"]).dt.month) == {3, 4}
    assert _detail(demo_warehouse_master, ags=[], all_towns=False).empty
