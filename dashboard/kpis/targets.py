"""Soll/Ist: the goals leadership sets per KPI and year (table kpi_target) against the actual."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.overview import LOWER_IS_BETTER

# How a period's goal follows from the yearly goals: counts add up, ratios take the mean, a
# network's coverage is a level reached by the period's end.
PERIOD_RULE = {
    "inflow": "sum",
    "net": "sum",
    "net_familien": "sum",
    "net_bildung": "sum",
    "leads": "sum",
    "cost_per_lead": "mean",
    "welcome_bag_coverage": "mean",
    "network_coverage": "end",
}
# Within this share of the goal counts as "close" (amber) rather than missed (red).
TOLERANCE = 0.05
REGION = "region"


@defines("targets")
def period_target(targets: pd.DataFrame, kpi: str, years: Collection[int], scope: str = REGION) -> float:
    """The goal for `kpi` over `years` from the yearly goals (kpi, scope, year, value): counts add
    up and need a goal for every year; ratios take the mean of the years that have one; a level
    takes the last year's goal. NaN where the rule finds none (`missing_target_years` says which)."""
    years = sorted(years)
    goals = _goals_by_year(targets, kpi, scope)
    rule = PERIOD_RULE[kpi]
    needed = np.array([goals.get(int(y), np.nan) for y in (years[-1:] if rule == "end" else years)], dtype=float)
    if rule == "mean":
        needed = needed[~np.isnan(needed)]
    if needed.size == 0 or np.isnan(needed).any():
        return np.nan
    return float({"sum": needed.sum, "mean": needed.mean, "end": lambda: needed[-1]}[rule]())


def _goals_by_year(targets: pd.DataFrame, kpi: str, scope: str) -> dict[int, float]:
    # read as arrays: the Überblick asks this for every card on every rerun
    chosen = (targets["kpi"].to_numpy(dtype=object) == kpi) & (targets["scope"].to_numpy(dtype=object) == scope)
    years = targets["year"].to_numpy()[chosen].astype(int).tolist()
    return dict(zip(years, targets["value"].to_numpy(dtype=float)[chosen].tolist(), strict=True))


def missing_target_years(targets: pd.DataFrame, kpi: str, years: Collection[int], scope: str = REGION) -> list[int]:
    """The years whose goal `period_target` needs but does not find."""
    years = sorted(years)
    have = set(_goals_by_year(targets, kpi, scope))
    rule = PERIOD_RULE[kpi]
    wanted = years[-1:] if rule == "end" else years
    missing = [y for y in wanted if y not in have]
    return missing if rule != "mean" or len(missing) == len(wanted) else []


@defines("targets")
def target_gap(kpi: str, actual: float, target: float) -> float:
    """How far the actual is from the goal, as a share of the goal's size: 0 = on target,
    positive = better than the goal (for cost per lead: below it). NaN without both values or
    for a goal of 0."""
    if actual is None or target is None or np.isnan(actual) or np.isnan(target) or target == 0:
        return np.nan
    gap = (target - actual) if kpi in LOWER_IS_BETTER else (actual - target)
    return gap / abs(target)


@defines("targets")
def attainment(kpi: str, actual: float, target: float) -> str | None:
    """'reached', 'close' (short by at most TOLERANCE of the goal) or 'missed'; None without a
    goal or an actual value. For cost per lead, lower is better."""
    if actual is None or target is None or np.isnan(actual) or np.isnan(target):
        return None
    if target == 0:  # a goal of zero: any shortfall misses it
        better = actual <= 0 if kpi in LOWER_IS_BETTER else actual >= 0
        return "reached" if better else "missed"
    gap = target_gap(kpi, actual, target)
    if gap >= 0:
        return "reached"
    return "close" if -gap <= TOLERANCE else "missed"


# Additive KPIs whose yearly goal is compared pro rata while a year is not complete yet.
ADDITIVE = ("inflow", "net", "net_familien", "net_bildung", "leads")


@defines("targets")
def year_to_date_target(kpi: str, target: float, months_covered: int) -> float:
    """The part of a yearly goal a year that has data for `months_covered` months should have
    reached: counts pro rata, ratios and levels as they are."""
    if kpi in ADDITIVE and 0 < months_covered < 12:
        return target * months_covered / 12
    return target


@defines("targets")
def behind(kpi: str, actual: float, target: float, share: float) -> bool:
    """True when the actual runs behind the goal by more than `share` of the goal's size."""
    gap = target_gap(kpi, actual, target)
    return bool(not np.isnan(gap) and gap < -share)
