"""The outcome analysis finds the rise the demo generator put in, and finds nothing without it."""

import pytest

from dashboard.demo.build import generate
from dashboard.ingest.init import init_warehouse
from dashboard.service.campaigns import campaign_data, campaign_outcome
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection

TOWN_CAMPAIGNS = ["touristen-neubuerger", "medizin-pflege"]


@pytest.fixture(scope="module")
def no_uplift_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("no_uplift")
    generate(folder / "demo", campaign_uplift=0.0)
    path = folder / "warehouse.duckdb"
    init_warehouse(path, demo_dir=folder / "demo")
    return path


@pytest.mark.parametrize("campaign", TOWN_CAMPAIGNS)
def test_demo_rise_is_found(demo_warehouse_master, campaign):
    estimate = campaign_outcome(demo_warehouse_master, load_reference(demo_warehouse_master), campaign)
    assert estimate.effect_per_1000 > 0
    assert estimate.low_persons < estimate.effect_persons < estimate.high_persons
    assert len(estimate.treated) == 10


@pytest.mark.parametrize("campaign", TOWN_CAMPAIGNS)
def test_without_the_rise_the_interval_covers_zero(no_uplift_warehouse, campaign):
    estimate = campaign_outcome(no_uplift_warehouse, load_reference(no_uplift_warehouse), campaign)
    assert estimate.covers_zero


@pytest.mark.parametrize("campaign", TOWN_CAMPAIGNS)
def test_the_built_in_rise_is_recovered_inside_the_interval(demo_warehouse_master, no_uplift_warehouse, campaign):
    """The demo raises the campaign towns' target-group in-migration from outside by 10 % while a
    campaign runs: the true effect is 10 % of the rate the same towns show without the rise (same
    seed), and the 90 % interval covers it, by town and by population."""
    from dashboard.demo.assumptions import CAMPAIGN_UPLIFT

    with_rise = campaign_outcome(demo_warehouse_master, load_reference(demo_warehouse_master), campaign)
    without = campaign_outcome(no_uplift_warehouse, load_reference(no_uplift_warehouse), campaign)
    assert with_rise.treated == without.treated
    true_effect = CAMPAIGN_UPLIFT * without.treated_during_per_1000
    assert with_rise.low_per_1000 <= true_effect <= with_rise.high_per_1000, (true_effect, with_rise.town_weighted)
    weighted = with_rise.population_weighted
    assert weighted.low <= true_effect <= weighted.high, (true_effect, weighted)
    study = with_rise.event_study
    assert (study[study["phase"] == "pre"]["low"] <= 0).all()  # the baseline years ran parallel


def test_region_wide_campaign_has_no_estimate(demo_warehouse_master):
    assert campaign_outcome(demo_warehouse_master, load_reference(demo_warehouse_master), "meet-n-match") is None


def test_comparison_leaves_out_towns_of_campaigns_for_the_same_group(demo_warehouse_master):
    reference = load_reference(demo_warehouse_master)
    estimate = campaign_outcome(demo_warehouse_master, reference, "medizin-pflege")
    assert not set(estimate.treated) & set(estimate.comparison)
    assert len(estimate.treated) + len(estimate.comparison) <= 59


def test_reach_map_and_funnel_equal_the_raw_files(demo_warehouse_master):
    import pandas as pd

    from dashboard.config import DEMO_DIR

    raw = pd.read_csv(DEMO_DIR / "campaign_activity.csv", dtype={"ags": str})
    events = pd.read_csv(DEMO_DIR / "campaign_events.csv")
    data = campaign_data(demo_warehouse_master, load_reference(demo_warehouse_master), Selection(2015, 2025), ())
    local = raw.dropna(subset=["ags"]).groupby("ags")["impressions"].sum()
    shown = data.town_reach.set_index("ags")["impressions"]
    assert shown.sort_index().tolist() == local.sort_index().tolist()
    assert data.region_wide["impressions"].iloc[0] == raw[raw["ags"].isna()]["impressions"].sum()
    funnel = data.funnel.set_index(["campaign_id", "stage"])["value"]
    assert funnel[("meet-n-match", "matches")] == events["matches"].sum()
    assert funnel[("medizin-pflege", "leads")] == raw[raw["campaign_id"] == "medizin-pflege"]["leads"].sum()
    budget = data.budget.groupby("campaign_id")["spend_eur"].sum()
    assert budget["touristen-neubuerger"] == pytest.approx(
        raw[raw["campaign_id"] == "touristen-neubuerger"]["spend_eur"].sum()
    )
