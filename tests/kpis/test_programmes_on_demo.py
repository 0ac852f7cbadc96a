"""Campaign and network figures from the warehouse equal independent counts from the raw files."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.config import DEMO_DIR
from dashboard.service.campaigns import campaign_data
from dashboard.service.network import network_data, network_on
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection


def test_campaign_reach_equals_the_raw_activity_file(demo_warehouse_master):
    raw = pd.read_csv(DEMO_DIR / "campaign_activity.csv")
    reference = load_reference(demo_warehouse_master)
    reach = campaign_data(demo_warehouse_master, reference, Selection(2015, 2025), ()).totals
    reach = reach.set_index("campaign_id")
    expected = raw.groupby("campaign_id")[["impressions", "clicks", "leads", "spend_eur"]].sum()
    for campaign, row in expected.iterrows():
        assert reach.loc[campaign, "leads"] == row["leads"]
        assert reach.loc[campaign, "cost_per_lead_eur"] == pytest.approx(row["spend_eur"] / row["leads"])


def test_network_coverage_equals_counts_in_the_raw_network_file(demo_warehouse_master):
    raw = pd.read_csv(DEMO_DIR / "network.csv", dtype={"ags": str})
    day = dt.date(2021, 5, 31)
    reference = load_reference(demo_warehouse_master)
    table = network_on(network_data(demo_warehouse_master, reference), reference, day).coverage
    table = table.set_index("network")
    active = raw[raw["joined_on"] <= day.isoformat()].groupby("network").size()
    for name, members in active.items():
        assert table.loc[name, "members"] == members
        assert table.loc[name, "share_of_towns"] == pytest.approx(members / 59)
    assert table.loc["smart_cities_netzwerk", "members"] == 15


def test_welcome_bag_coverage_uses_bags_over_persons(demo_warehouse_master):
    bags = pd.read_csv(DEMO_DIR / "welcome_bags.csv", dtype={"ags": str})
    reference = load_reference(demo_warehouse_master)
    table = network_data(demo_warehouse_master, reference).bags_by_town.set_index("ags")
    assert table.loc["05962060", "handed_out"] == bags.loc[bags["ags"] == "05962060", "handed_out"].sum()
    assert (table["coverage"] < 1).all()
