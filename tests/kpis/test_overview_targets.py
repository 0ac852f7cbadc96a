"""Überblick KPIs: period values from yearly parts, goals for a period, traffic lights, and the
notable changes; on hand-made tables and against the raw demo files."""

import numpy as np
import pandas as pd
import pytest

from dashboard.config import DEMO_DIR
from dashboard.kpis import highlights, overview, targets
from dashboard.service.overview import overview_data, save_targets
from dashboard.service.reference import load_reference
from dashboard.vocabulary import TARGET_KPIS


def _components():
    flows = pd.DataFrame({"year": [2022, 2023, 2024], "inflow": [100, 120, 90], "net": [10, -5, 3]})
    groups = pd.DataFrame(
        {
            "target_group": ["familien"] * 3 + ["bildung"] * 3,
            "year": [2022, 2023, 2024] * 2,
            "net": [4, 2, 1, -3, -2, -1],
        }
    )
    activity = pd.DataFrame(
        {
            "month": pd.to_datetime(["2023-01-01", "2023-06-01", "2024-02-01"]),
            "leads": [10, 30, 20],
            "spend_eur": [100.0, 300.0, 500.0],
        }
    )
    bags = pd.DataFrame(
        {"month": pd.to_datetime(["2022-03-01", "2024-03-01"]), "handed_out": [5, 9], "inflow": [20, 30]}
    )
    coverage = pd.DataFrame({"year": [2022, 2023, 2024], "share_of_towns": [0.5, 0.6, 0.7]})
    return overview.yearly_components(flows, groups, activity, bags, coverage)


def test_period_values_sum_counts_and_take_ratios_of_sums():
    values = overview.values_over(_components(), [2023, 2024])
    assert values["inflow"] == 210 and values["net"] == -2
    assert values["net_familien"] == 3 and values["net_bildung"] == -3
    assert values["leads"] == 60
    assert values["cost_per_lead"] == pytest.approx(900 / 60)  # not the mean of 10 and 25
    assert values["network_coverage"] == pytest.approx(0.7)  # the level at the period's end


def test_a_year_without_a_report_makes_the_period_unknown_not_zero():
    values = overview.values_over(_components(), [2022, 2023])
    assert np.isnan(values["leads"])  # no campaign report for 2022
    assert np.isnan(values["welcome_bag_coverage"])  # no bags reported in 2023
    assert overview.values_over(_components(), [2024])["welcome_bag_coverage"] == pytest.approx(0.3)


def test_period_targets_follow_the_kpi_rule():
    goals = pd.DataFrame(
        {
            "kpi": ["inflow", "inflow", "cost_per_lead", "cost_per_lead", "network_coverage"],
            "scope": "region",
            "year": [2023, 2024, 2023, 2024, 2024],
            "value": [100.0, 110.0, 40.0, 50.0, 0.8],
        }
    )
    assert targets.period_target(goals, "inflow", [2023, 2024]) == 210
    assert targets.period_target(goals, "cost_per_lead", [2023, 2024]) == 45
    assert targets.period_target(goals, "network_coverage", [2023, 2024]) == 0.8
    assert np.isnan(targets.period_target(goals, "inflow", [2022, 2023]))  # 2022 has no goal
    assert np.isnan(targets.period_target(goals, "leads", [2024]))


@pytest.mark.parametrize(
    ("kpi", "actual", "target", "status"),
    [
        ("inflow", 100, 100, "reached"),
        ("inflow", 96, 100, "close"),
        ("inflow", 94, 100, "missed"),
        ("net", -110, -100, "missed"),
        ("net", -104, -100, "close"),
        ("net", -90, -100, "reached"),
        ("cost_per_lead", 40, 50, "reached"),
        ("cost_per_lead", 52, 50, "close"),
        ("cost_per_lead", 60, 50, "missed"),
        ("inflow", 100, np.nan, None),
        ("leads", np.nan, 10, None),
    ],
)
def test_traffic_light(kpi, actual, target, status):
    assert targets.attainment(kpi, actual, target) == status


def test_largest_changes_rank_by_typical_spread_one_per_town():
    towns = [f"0597{i:04d}" for i in range(10)]
    before = pd.DataFrame({"ags": towns, "net_per_1000": 0.0, "inflow_per_1000": np.arange(10) * 1.0})
    now = before.copy()
    now["net_per_1000"] = [0.1, -0.1, 0.2, -0.2, 0.0, 0.1, 9.0, 0.0, 0.0, 0.1]
    now.loc[6, "inflow_per_1000"] += 30  # the same town changes on both: listed once
    now.loc[2, "inflow_per_1000"] += 3
    found = highlights.largest_changes(now, before, count=3, measures=("net_per_1000", "inflow_per_1000"))
    assert found["ags"].tolist()[0] == towns[6]
    assert found["ags"].is_unique and len(found) == 3
    assert set(found.columns) == {"ags", "measure", "current", "previous", "change", "score"}


def test_every_target_kpi_is_an_overview_kpi():
    assert tuple(TARGET_KPIS) == overview.OVERVIEW_KPIS


def test_overview_cards_equal_the_raw_demo_files(demo_warehouse_master):
    reference = load_reference(demo_warehouse_master)
    data = overview_data(demo_warehouse_master, reference, 2024, 2025)
    activity = pd.read_csv(DEMO_DIR / "campaign_activity.csv")
    in_years = activity[activity["date"].str[:4].isin(["2024", "2025"])]
    assert data.card("leads").value == in_years["leads"].sum()
    assert data.card("cost_per_lead").value == pytest.approx(in_years["spend_eur"].sum() / in_years["leads"].sum())
    registrations = pd.concat(pd.read_csv(DEMO_DIR / f"registrations_{y}.csv") for y in (2024, 2025))
    crossing = registrations[registrations["origin"] != "swf"]
    inflow = crossing.loc[crossing["direction"] == "in", "persons"].sum()
    outflow = crossing.loc[crossing["direction"] == "out", "persons"].sum()
    assert data.card("inflow").value == inflow and data.card("net").value == inflow - outflow
    goals = pd.read_csv(DEMO_DIR / "targets.csv")
    inflow_goal = goals[(goals["kpi"] == "inflow") & goals["year"].isin([2024, 2025])]["value"].sum()
    assert data.card("inflow").target == inflow_goal
    assert data.card("inflow").status == targets.attainment("inflow", inflow, inflow_goal)
    assert data.has_previous and 3 <= len(data.highlights) <= 5


def test_saving_targets_goes_through_the_validated_import(demo_warehouse):
    from dashboard.ingest.errors import ImportRefused
    from tests.conftest import checksums

    reference = load_reference(demo_warehouse)
    table = overview_data(demo_warehouse, reference, 2025, 2025).targets
    edited = pd.concat([table, pd.DataFrame([{"kpi": "leads", "scope": "region", "year": 2026, "value": 900.0}])])
    save_targets(demo_warehouse, edited)
    stored = overview_data(demo_warehouse, load_reference(demo_warehouse), 2025, 2025).targets
    assert stored.set_index(["kpi", "year"]).loc[("leads", 2026), "value"] == 900
    before = checksums(demo_warehouse)
    bad = pd.concat(
        [edited, pd.DataFrame([{"kpi": "network_coverage", "scope": "region", "year": 2026, "value": 60.0}])]
    )
    with pytest.raises(ImportRefused) as refusal:
        save_targets(demo_warehouse, bad)
    assert "value" in refusal.value.message() and "0 und 1" in refusal.value.message()
    after = checksums(demo_warehouse)
    assert {k: v for k, v in after.items() if k != "import_log"} == {
        k: v for k, v in before.items() if k != "import_log"
    }
