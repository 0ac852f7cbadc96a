"""Difference-in-differences on constructed panels: it recovers a known effect and covers zero
when there is none."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.kpis import outcome

YEARS = list(range(2016, 2024))
PRE, POST = (2016, 2017, 2018), (2019, 2020, 2021, 2022)


def panel(effect: float, seed: int = 1, towns: int = 40, treated: int = 10) -> tuple[pd.DataFrame, list[str]]:
    """Towns with their own level, a common year trend, noise, and `effect` per 1,000 added to
    the treated towns in the post years."""
    rng = np.random.default_rng(seed)
    rows = []
    names = [f"059{index:05d}" for index in range(towns)]
    trend = {year: 0.3 * (year - 2016) for year in YEARS}
    for index, ags in enumerate(names):
        level = rng.normal(5, 1)
        for year in YEARS:
            value = level + trend[year] + rng.normal(0, 0.3)
            if index < treated and year in POST:
                value += effect
            rows.append((ags, year, value * 10, 10_000, value))
    frame = pd.DataFrame(rows, columns=["ags", "year", "persons", "population", "per_1000"])
    return frame, names[:treated]


def test_recovers_a_known_effect():
    data, treated = panel(effect=0.8)
    estimate = outcome.difference_in_differences(data, treated, PRE, POST)
    assert estimate.effect_per_1000 == pytest.approx(0.8, abs=0.15)
    assert estimate.low_per_1000 > 0 and not estimate.covers_zero
    assert estimate.effect_persons == pytest.approx(estimate.effect_per_1000 * 10 * 10, rel=1e-9)
    assert len(estimate.treated) == 10 and 3 <= len(estimate.comparison) <= 30
    assert not set(estimate.treated) & set(estimate.comparison)
    assert all(len(m) == outcome.MATCHES for m in estimate.matches.values())
    assert set().union(*estimate.matches.values()) == set(estimate.comparison)
    assert estimate.population_weighted.estimate == pytest.approx(0.8, abs=0.15)  # equal sizes here


def test_comparison_towns_are_matched_on_the_baseline():
    """Campaign towns with a high baseline get comparison towns with a high baseline, not the average town."""
    data, treated = panel(effect=0.0, seed=5)
    data.loc[data["ags"].isin(treated), "per_1000"] += 3.0  # campaign towns start higher
    high = sorted(set(data["ags"]) - set(treated))[:10]
    data.loc[data["ags"].isin(high), "per_1000"] += 3.0  # and ten other towns just as much higher
    estimate = outcome.difference_in_differences(data, treated, PRE, POST)
    baseline = data[data["year"].isin(PRE)].groupby("ags")["per_1000"].mean()
    others = baseline.drop(treated)
    assert len(set(estimate.comparison) & set(high)) >= 2 / 3 * len(estimate.comparison)
    gap_matched = abs(baseline[list(estimate.comparison)].mean() - baseline[treated].mean())
    assert gap_matched < 0.3 * abs(others.mean() - baseline[treated].mean())


def test_the_event_study_runs_flat_before_and_shows_the_effect_during():
    data, treated = panel(effect=0.8, seed=6)
    study = outcome.difference_in_differences(data, treated, PRE, POST).event_study
    assert study["year"].tolist() == [*PRE, *POST]
    assert study["relative_year"].tolist() == [-3, -2, -1, 0, 1, 2, 3]
    before, during = study[study["phase"] == "pre"], study[study["phase"] == "during"]
    assert before["difference"].abs().max() < 0.3 and (before["low"] <= 0).all() and (before["high"] >= 0).all()
    assert during["difference"].mean() == pytest.approx(0.8, abs=0.2) and (during["low"] > 0).all()


def test_the_population_weighted_estimate_follows_the_large_towns():
    data, treated = panel(effect=0.0, seed=7)
    big = treated[0]
    data.loc[data["ags"] == big, "population"] = 500_000  # one big campaign town with a rise
    data.loc[(data["ags"] == big) & data["year"].isin(POST), "per_1000"] += 4.0
    estimate = outcome.difference_in_differences(data, treated, PRE, POST)
    assert estimate.population_weighted.estimate > estimate.town_weighted.estimate + 1.0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_effect_gives_an_interval_around_zero(seed):
    data, treated = panel(effect=0.0, seed=seed)
    estimate = outcome.difference_in_differences(data, treated, PRE, POST)
    assert estimate.covers_zero
    assert abs(estimate.effect_per_1000) < 0.3


def test_common_trends_cancel_out():
    data, treated = panel(effect=0.0, seed=4)
    data.loc[data["year"].isin(POST), "per_1000"] += 2.0  # every town rises: no campaign effect
    estimate = outcome.difference_in_differences(data, treated, PRE, POST)
    assert estimate.covers_zero


def test_without_baseline_or_comparison_there_is_no_estimate():
    data, treated = panel(effect=0.5)
    assert outcome.difference_in_differences(data, treated, (), POST) is None
    assert outcome.difference_in_differences(data, sorted(data["ags"].unique()), PRE, POST) is None


def test_periods_take_three_baseline_years_and_years_run_at_least_half():
    pre, post = outcome.periods(dt.date(2020, 9, 1), dt.date(2023, 12, 31), range(2015, 2026))
    assert pre == (2017, 2018, 2019) and post == (2021, 2022, 2023)
    pre, post = outcome.periods(dt.date(2019, 4, 1), None, range(2015, 2021))
    assert pre == (2016, 2017, 2018) and post == (2019, 2020)


def test_outcome_panel_fills_years_without_moves_with_zero():
    population = pd.DataFrame({"ags": ["05962060"], "year": [2020], "persons": [20_000], "is_estimate": [False]})
    inflow = pd.DataFrame({"ags": ["05962060"], "year": [2020], "persons": [40]})
    table = outcome.outcome_panel(inflow, population, ["05962060"], [2020, 2021]).set_index("year")
    assert table.loc[2020, "per_1000"] == 2.0 and table.loc[2021, "per_1000"] == 0.0
