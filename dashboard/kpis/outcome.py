"""Did the target group's inflow move? A difference-in-differences of the campaign towns against
comparison towns matched on the years before, with an interval whose coverage is checked on
placebo campaigns, a population-weighted estimate beside it and an event study of the yearly
differences: an association, not proof of an effect."""

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
# Comparison towns per campaign town: its nearest non-campaign towns on the baseline's level and
# trend of the outcome and on its size (standardised); the campaign's comparison group is their union.
MATCHES = 3
MATCHED_ON = ("level", "trend", "size")
# the baseline's level counts twice: a three-year trend is mostly noise
MATCH_WEIGHTS = (2.0, 1.0, 1.0)
METHOD = "welch_t"  # the name of the interval in the glossary


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    @property
    def covers_zero(self) -> bool:
        return self.low <= 0 <= self.high

    def scaled(self, factor: float) -> Interval:
        return Interval(self.estimate * factor, self.low * factor, self.high * factor)


@dataclass(frozen=True)
class OutcomeEstimate:
    town_weighted: Interval  # extra in-movers of the target group per 1,000 inhabitants and year
    population_weighted: Interval  # the same with every town weighted by its inhabitants
    persons: Interval  # the town-weighted effect in persons per year, summed over the campaign towns
    treated: tuple[str, ...]
    comparison: tuple[str, ...]
    matches: dict[str, tuple[str, ...]]  # campaign town → its matched comparison towns
    pre_years: tuple[int, ...]
    post_years: tuple[int, ...]
    confidence: float
    event_study: pd.DataFrame  # year, relative_year, phase ('pre', 'during', 'between'), difference, low, high
    treated_during_per_1000: float  # the campaign towns' mean outcome in the campaign years

    # the page's and the tests' names for the main figures
    @property
    def effect_per_1000(self) -> float:
        return self.town_weighted.estimate

    @property
    def low_per_1000(self) -> float:
        return self.town_weighted.low

    @property
    def high_per_1000(self) -> float:
        return self.town_weighted.high

    @property
    def effect_persons(self) -> float:
        return self.persons.estimate

    @property
    def low_persons(self) -> float:
        return self.persons.low

    @property
    def high_persons(self) -> float:
        return self.persons.high

    @property
    def covers_zero(self) -> bool:
        return self.town_weighted.covers_zero


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


def matched_comparison(
    rates: np.ndarray, size: np.ndarray, treated: np.ndarray, pre: np.ndarray, k: int = MATCHES
) -> list[np.ndarray]:
    """For each campaign town (row index in `treated`), the row indices of its k nearest other
    towns on the baseline's mean level, its linear trend and log inhabitants (each standardised)."""
    level = rates[:, pre].mean(axis=1)
    years = np.arange(len(pre), dtype=float)
    centred = years - years.mean()
    trend = ((rates[:, pre] - level[:, None]) * centred).sum(axis=1) / max((centred**2).sum(), 1e-12)
    features = np.column_stack([level, trend, np.log(size)])
    spread = features.std(axis=0)
    features = (features - features.mean(axis=0)) / np.where(spread > 0, spread, 1) * np.sqrt(MATCH_WEIGHTS)
    pool = np.setdiff1d(np.arange(len(rates)), treated)
    return [
        pool[np.argsort(((features[pool] - features[town]) ** 2).sum(axis=1), kind="stable")[:k]] for town in treated
    ]


def welch_interval(
    treated: np.ndarray,
    comparison: np.ndarray,
    confidence: float,
    treated_weights: np.ndarray | None = None,
    comparison_weights: np.ndarray | None = None,
) -> Interval:
    """The difference of the (weighted) means with a t interval on Welch–Satterthwaite degrees of
    freedom: town-level changes are the clusters, so the errors are robust to anything within a
    town and the degrees of freedom stay honest with few campaign towns."""

    def mean_and_variance(values: np.ndarray, weights: np.ndarray | None) -> tuple[float, float, float]:
        w = np.ones_like(values) if weights is None else weights.astype(float)
        mean = float((w * values).sum() / w.sum())
        n_eff = w.sum() ** 2 / (w**2).sum()  # Kish's effective number of towns
        variance = float((w**2 * (values - mean) ** 2).sum() / w.sum() ** 2 * len(values) / (len(values) - 1))
        return mean, variance, n_eff

    mean_t, var_t, n_t = mean_and_variance(treated, treated_weights)
    mean_c, var_c, n_c = mean_and_variance(comparison, comparison_weights)
    estimate, variance = mean_t - mean_c, var_t + var_c
    if variance <= 0:
        return Interval(estimate, estimate, estimate)
    freedom = variance**2 / (var_t**2 / max(n_t - 1, 1e-9) + var_c**2 / max(n_c - 1, 1e-9))
    from scipy import stats  # 0.65 s to import: only when an interval is computed, not on every first visit

    half = float(stats.t.ppf(0.5 + confidence / 2, freedom)) * np.sqrt(variance)
    return Interval(estimate, estimate - half, estimate + half)


def _event_study(
    rates: pd.DataFrame,
    treated_rows: np.ndarray,
    comparison_rows: np.ndarray,
    pre: tuple[int, ...],
    post: tuple[int, ...],
    confidence: float,
) -> pd.DataFrame:
    """Per year from the baseline's first to the last campaign year: the campaign towns' mean rate
    minus the comparison towns', each town taken against its own baseline mean (so the baseline
    years scatter around zero when the trends ran parallel), with its interval."""
    values = rates.to_numpy(dtype=float)
    column = {year: index for index, year in enumerate(rates.columns)}
    baseline = values[:, [column[y] for y in pre]].mean(axis=1)
    start = post[0] if post else max(pre) + 1
    rows = []
    for year in range(min(pre), max(post) + 1):
        if year not in column:
            continue
        change = values[:, column[year]] - baseline
        interval = welch_interval(change[treated_rows], change[comparison_rows], confidence)
        phase = "pre" if year in pre else "during" if year in post else "between"
        rows.append((year, year - start, phase, interval.estimate, interval.low, interval.high))
    return pd.DataFrame(rows, columns=["year", "relative_year", "phase", "difference", "low", "high"])


@defines("campaign_outcome")
def difference_in_differences(
    panel: pd.DataFrame,
    treated: Collection[str],
    pre: Collection[int],
    post: Collection[int],
    confidence: float = 0.9,
) -> OutcomeEstimate | None:
    """The change in the campaign towns (campaign years against the baseline) minus the change in
    their matched comparison towns, town-weighted (the main figure) and population-weighted.
    None when there is no baseline, no 'during' year, fewer than two campaign towns with data or
    no comparison town."""
    pre, post = tuple(sorted(pre)), tuple(sorted(post))
    if not pre or not post:
        return None
    rates = panel.pivot(index="ags", columns="year", values="per_1000")
    needed = [*pre, *post]
    if any(year not in rates.columns for year in needed):
        return None
    rates = rates.dropna(subset=needed)
    size = panel[panel["year"] == pre[-1]].set_index("ags")["population"].reindex(rates.index)
    rates = rates[size > 0]
    size = size[rates.index]
    towns = rates.index.to_numpy()
    treated_rows = np.flatnonzero(np.isin(towns, list(treated)))
    if len(treated_rows) < 2 or len(towns) - len(treated_rows) < 2:
        return None
    values = rates[list(pre)].to_numpy()
    matches = matched_comparison(values, size.to_numpy(dtype=float), treated_rows, np.arange(len(pre)))
    comparison_rows = np.unique(np.concatenate(matches))
    change = (rates[list(post)].mean(axis=1) - rates[list(pre)].mean(axis=1)).to_numpy()
    inhabitants = size.to_numpy(dtype=float)
    town_weighted = welch_interval(change[treated_rows], change[comparison_rows], confidence)
    population_weighted = welch_interval(
        change[treated_rows],
        change[comparison_rows],
        confidence,
        inhabitants[treated_rows],
        inhabitants[comparison_rows],
    )
    campaign_towns = sorted(towns[treated_rows])
    comparison_towns = sorted(towns[comparison_rows])
    during = panel[panel["ags"].isin(campaign_towns) & panel["year"].isin(post)]
    scale = during.groupby("ags")["population"].mean().sum() / 1000
    return OutcomeEstimate(
        town_weighted=town_weighted,
        population_weighted=population_weighted,
        persons=town_weighted.scaled(scale),
        treated=tuple(campaign_towns),
        comparison=tuple(comparison_towns),
        matches={towns[row]: tuple(sorted(towns[m])) for row, m in zip(treated_rows, matches, strict=True)},
        pre_years=pre,
        post_years=post,
        confidence=confidence,
        event_study=_event_study(rates, treated_rows, comparison_rows, pre, post, confidence),
        treated_during_per_1000=float(rates[list(post)].to_numpy()[treated_rows].mean()),
    )
