"""Campaign and network KPIs on small hand-computed cases."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.kpis import campaigns, network

ACTIVITY = pd.DataFrame(
    {
        "campaign_id": ["a", "a", "b"],
        "month": pd.to_datetime(["2024-01-01"] * 3),
        "channel": ["social", "search", "social"],
        "ags": ["05962060", None, "05962060"],
        "impressions": [1000, 3000, 500],
        "clicks": [10, 30, 0],
        "leads": [1, 3, 0],
        "spend_eur": [20.0, 60.0, 5.0],
    }
)
POPULATION = pd.DataFrame({"ags": ["05962060"], "year": [2024], "persons": [20000], "is_estimate": [False]})


def test_reach_sums_and_ratios():
    table = campaigns.reach(ACTIVITY, ["campaign_id"]).set_index("campaign_id")
    assert table.loc["a", "click_rate"] == pytest.approx(0.01)
    assert table.loc["a", "cost_per_lead_eur"] == pytest.approx(20.0)
    assert np.isnan(table.loc["b", "cost_per_lead_eur"])


def test_reach_per_1000_leaves_region_wide_activity_out():
    table = campaigns.reach_per_1000(ACTIVITY, POPULATION, 2024)
    assert table.to_dict("records") == [{"ags": "05962060", "impressions": 1500, "impressions_per_1000": 75.0}]
    assert campaigns.region_wide(ACTIVITY)["impressions"].sum() == 3000


MEMBERS = pd.DataFrame(
    {
        "ags": ["05962060", "05958004", "05974040"],
        "network": ["willkommenstasche", "smart_cities_pionier", "smart_cities_pionier"],
        "joined_on": pd.to_datetime(["2017-04-01", "2019-09-01", "2019-09-01"]).date,
        "left_on": [None, None, pd.Timestamp("2022-01-01").date()],
    }
)


def test_members_over_time_respects_joining_and_leaving():
    population = pd.DataFrame({"ags": MEMBERS["ags"], "year": 2020, "persons": 1000, "is_estimate": False})
    days = [dt.date(2018, 1, 1), dt.date(2020, 1, 1), dt.date(2023, 1, 1)]
    table = network.growth(MEMBERS, population, days, MEMBERS["ags"])
    counts = {(d, n): c for d, n, c in table[["date", "network", "members"]].itertuples(index=False)}
    assert counts[(dt.date(2018, 1, 1), "willkommenstasche")] == 1
    assert (dt.date(2018, 1, 1), "smart_cities_pionier") not in counts
    assert counts[(dt.date(2020, 1, 1), "smart_cities_pionier")] == 2
    assert counts[(dt.date(2023, 1, 1), "smart_cities_pionier")] == 1


def test_coverage_of_towns_and_population():
    population = pd.DataFrame(
        {
            "ags": ["05962060", "05958004", "05974040"],
            "year": 2020,
            "persons": [20000, 70000, 10000],
            "is_estimate": False,
        }
    )
    table = network.coverage(MEMBERS, population, dt.date(2020, 6, 1), population["ags"]).set_index("network")
    assert table.loc["smart_cities_pionier", "members"] == 2
    assert table.loc["smart_cities_pionier", "share_of_towns"] == pytest.approx(2 / 3)
    assert table.loc["smart_cities_pionier", "share_of_population"] == pytest.approx(0.8)


def test_welcome_bag_coverage_is_bags_over_inflow():
    bags = pd.DataFrame(
        {"ags": ["05962060"] * 2, "month": ["2024-01-01", "2024-02-01"], "handed_out": [30, 10], "inflow": [60, 0]}
    )
    by_month = network.welcome_bag_coverage(bags, ["month"])
    assert by_month["coverage"].iloc[0] == 0.5 and np.isnan(by_month["coverage"].iloc[1])
    assert network.welcome_bag_coverage(bags, ["ags"])["coverage"].iloc[0] == pytest.approx(40 / 60)
