"""The campaign outcome's 90 % interval means what it says: on data the project's generator draws
without any campaign effect (--campaign-uplift 0), placebo campaigns – ten random towns, a random
start year, one to three campaign years, a random target group – get an interval that covers zero
in 88–92 % of 2,000 cases (the built-in rise's recovery: test_campaign_outcome_on_demo.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.calendar import month_starts
from dashboard.demo.generate import load_towns, population_series, registrations
from dashboard.kpis import outcome
from dashboard.vocabulary import AGE_GROUPS, ORIGINS, TARGET_GROUPS

YEARS = (2016, 2023)  # eight years: three before the latest start, at least one during
DATA_SETS, PLACEBOS, TREATED = 8, 250, 10
DOMESTIC = [ORIGINS.index("nrw"), ORIGINS.index("de")]  # the outcome's origins (not abroad, not the region)


def _panels(seed: int) -> dict[str, pd.DataFrame]:
    """One generated data set without campaign effect: per target group the outcome panel
    (ags, year, persons, population, per_1000) as the service builds it."""
    towns = load_towns()
    months = month_starts(*YEARS)
    moves = registrations(towns, months, np.random.default_rng(seed), uplift=0.0)
    population = population_series(towns, moves.persons, months)
    years = np.array([m.year for m in months])
    panels = {}
    for group, ages in TARGET_GROUPS.items():
        bands = [AGE_GROUPS.index(a) for a in ages]
        rows = []
        for year in range(YEARS[0], YEARS[1] + 1):
            came = moves.persons[:, years == year, 0][:, :, bands][..., DOMESTIC].sum(axis=(1, 2, 3, 4))
            rows.append(pd.DataFrame({"ags": towns.ags, "year": year, "persons": came, "population": population[year]}))
        panel = pd.concat(rows, ignore_index=True)
        panel["per_1000"] = panel["persons"] / panel["population"] * 1000
        panels[group] = panel
    return panels


def test_the_90_percent_interval_covers_zero_in_88_to_92_percent_of_placebo_campaigns():
    covered = []
    for seed in range(DATA_SETS):
        panels = _panels(1000 + seed)
        rng = np.random.default_rng(seed)
        towns = panels["familien"]["ags"].unique()
        for _ in range(PLACEBOS):
            group = list(TARGET_GROUPS)[rng.integers(len(TARGET_GROUPS))]
            start = int(rng.integers(YEARS[0] + outcome.PRE_YEARS, YEARS[1] + 1))
            post = tuple(range(start, min(start + int(rng.integers(1, 4)), YEARS[1] + 1)))
            pre = tuple(range(start - outcome.PRE_YEARS, start))
            treated = rng.choice(towns, TREATED, replace=False)
            estimate = outcome.difference_in_differences(panels[group], treated, pre, post)
            covered.append(estimate.covers_zero)
    coverage = float(np.mean(covered))
    assert len(covered) == DATA_SETS * PLACEBOS
    print(f"placebo coverage {coverage:.3f} of {len(covered)}")
    assert 0.88 <= coverage <= 0.92, coverage
