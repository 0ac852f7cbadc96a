"""Did the target group's inflow move? A difference-in-differences of campaign towns against
comparable towns, with a bootstrap interval: an association, not proof of an effect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.migration import population_for

# Years before the start that form the baseline, and the months a campaign must run in a year
# for that year to count as "during".
PRE_YEARS = 3
MIN_MONTHS_ACTIVE = 6
RESAMPLES = 4000


@dataclass(frozen=True)
class OutcomeEstimate:
    effect_per_1000: float  # extra in-movers of the target group per 1,000 inhabitants and year
    low_per_1000: float
    high_per_1000: float
    effect_persons: float  # the same in persons per year, summed over the campaign towns
    low_persons: float
    high_persons: float
    treated: tuple[str, ...]
    comparison: tuple[str, ...]
    pre_years: tuple[int, ...]
    post_years: tuple[int, ...]
    confidence: float

    @property
    def covers_zero(self) -> bool:
        return self.low_per_1000 <= 0 <= self.high_per_1000


def periods(
    start: dt.date, end: dt.date | None, years_with_data: Collection[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Baseline years before the start and the years the campaign ran at least half of."""
    years = sorted(years_with_data)
    last = min(end.year if end else years[-1], years[-1])
    post = []
    for year in range(start.year, last + 1):
        first_month = start.month if year == start.year else 1
        last_month = end.month if end and year == end.year else 12
        if last_month - first_month + 1 >= MIN_MONTHS_ACTIVE:
            post.append(year)
    pre = [y for y in years if start.year - PRE_YEARS <= y < start.year]
    return tuple(pre), tuple(post)


def outcome_panel(
    inflow: pd.DataFrame, population: pd.DataFrame, towns: Collection[str], years: Collection[int]
) -> pd.DataFrame:
    """ags, year, persons, population, per_1000 for every town and year (0 where nobody came)."""
    grid = population_for(population, towns, years)[["ags", "year", "persons"]].rename(
        columns={"persons": "population"}
    )
    panel = grid.merge(inflow, on=["ags", "year"], how="left").fillna({"persons": 0})
    panel["per_1000"] = panel["persons"] / panel["population"] * 1000
    return panel


def _changes(panel: pd.DataFrame, pre: Collection[int], post: Collection[int]) -> pd.Series:
    """Per town: mean outcome during minus mean outcome before."""
    wide = panel.pivot(index="ags", columns="year", values="per_1000")
    return wide[list(post)].mean(axis=1) - wide[list(pre)].mean(axis=1)


@defines("campaign_outcome")
def difference_in_differences(
    panel: pd.DataFrame,
    treated: Collection[str],
    pre: Collection[int],
    post: Collection[int],
    confidence: float = 0.9,
    seed: int = 0,
) -> OutcomeEstimate | None:
    """The change in the campaign towns minus the change in the comparison towns (all other towns
    of the panel), with a percentile interval from resampling towns within each group.
    None when there is no baseline, no 'during' year or no town on one side."""
    if not pre or not post:
        return None
    changes = _changes(panel, pre, post).dropna()
    in_treated = changes.index.isin(list(treated))
    treated_changes, other_changes = changes[in_treated].to_numpy(), changes[~in_treated].to_numpy()
    if len(treated_changes) < 2 or len(other_changes) < 2:
        return None
    estimate = treated_changes.mean() - other_changes.mean()
    rng = np.random.default_rng(seed)
    boot = rng.choice(treated_changes, (RESAMPLES, len(treated_changes))).mean(axis=1) - rng.choice(
        other_changes, (RESAMPLES, len(other_changes))
    ).mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail])
    towns = changes.index[in_treated]
    inhabitants = panel[panel["ags"].isin(towns) & panel["year"].isin(list(post))]
    scale = inhabitants.groupby("ags")["population"].mean().sum() / 1000
    return OutcomeEstimate(
        float(estimate),
        float(low),
        float(high),
        float(estimate * scale),
        float(low * scale),
        float(high * scale),
        tuple(sorted(towns)),
        tuple(sorted(changes.index[~in_treated])),
        tuple(pre),
        tuple(post),
        confidence,
    )
