"""Synthetic goals (kpi_target) for the Überblick, set the way an agency would: from the last
ordinary years before, with a modest ambition on top. With the years' noise some goals are met
and some missed. They exist so the demo shows Soll/Ist; they are nobody's goals."""

from __future__ import annotations

import datetime as dt

import numpy as np

from dashboard.demo import assumptions as A
from dashboard.vocabulary import ORIGINS

FAMILIES, EDUCATION = 0, 1  # age-band positions: 0-17, 18-24
# Goals that are levels or ratios: their ambition is added as points, not as a share of the level.
ABSOLUTE_AMBITION = ("network_coverage", "welcome_bag_coverage")
# Goals of these KPIs are written with two decimals (euros, shares); counts are rounded to tens.
DECIMAL_GOALS = ("cost_per_lead", "network_coverage", "welcome_bag_coverage")


def _round(value: float, step: float) -> float:
    return float(np.round(value / step) * step)


def _yearly_actuals(
    persons: np.ndarray,
    months: list,
    activity: list[dict],
    network: list[dict],
    bags: list[dict],
    towns: np.ndarray,
    years: tuple[int, int],
) -> dict[int, dict[str, float]]:
    """What the generator produced per year, measured as the Überblick measures it."""
    crossing = [k for k, o in enumerate(ORIGINS) if o != "swf"]
    inflow_all = persons[:, :, 0].sum(axis=(2, 3, 4))  # town × month, all origins
    bag_towns = {(r["ags"], r["month"][:4]) for r in bags}
    by_year: dict[int, dict[str, float]] = {}
    for year in range(years[0], years[1] + 1):
        in_year = [k for k, m in enumerate(months) if m.year == year]
        block = persons[:, in_year][..., crossing]
        inflow, outflow = block[:, :, 0].sum(axis=(0, 1, 3, 4)), block[:, :, 1].sum(axis=(0, 1, 3, 4))
        rows = [r for r in activity if r["date"].startswith(str(year))]
        leads, spend = sum(int(r["leads"]) for r in rows), sum(float(r["spend_eur"]) for r in rows)
        year_end = dt.date(year, 12, 31).isoformat()
        members = {r["ags"] for r in network if r["network"] == "runder_tisch" and r["joined_on"] <= year_end}
        handed = sum(int(r["handed_out"]) for r in bags if r["month"].startswith(str(year)))
        bag_inflow = sum(
            int(inflow_all[i, k]) for i, ags in enumerate(towns) for k in in_year if (ags, str(year)) in bag_towns
        )
        by_year[year] = {
            "inflow": inflow.sum(),
            "net": (inflow - outflow).sum(),
            "net_familien": inflow[FAMILIES] - outflow[FAMILIES],
            "net_bildung": inflow[EDUCATION] - outflow[EDUCATION],
            "leads": leads,
            "cost_per_lead": spend / leads if leads else np.nan,
            "network_coverage": len(members) / len(towns),
            "welcome_bag_coverage": handed / bag_inflow if bag_inflow else np.nan,
        }
    return by_year


def target_rows(
    persons: np.ndarray,
    months: list,
    activity: list[dict],
    network: list[dict],
    bags: list[dict],
    towns: np.ndarray,
    years: tuple[int, int],
) -> list[list]:
    """persons: town × month × direction × age × sex × origin, as the generator made them."""
    by_year = _yearly_actuals(persons, months, activity, network, bags, towns, years)
    ordinary = [y for y in sorted(by_year) if A.ABROAD_BOOST.get(y, 1.0) < A.TARGET_SKIP_BOOST]
    rows = []
    for year in range(max(A.TARGETS_FROM_YEAR, years[0] + 3), years[1] + 1):
        before = [by_year[y] for y in [y for y in ordinary if y < year][-2:]]
        for kpi, ambition in A.TARGET_AMBITION.items():
            levels = [b[kpi] for b in before]
            if any(np.isnan(v) for v in levels) or (kpi == "leads" and min(levels) == 0):
                continue  # no goal before a programme has run for two ordinary years
            level = float(np.mean(levels))
            goal = level + ambition if kpi in ABSOLUTE_AMBITION else level + ambition * abs(level)
            if kpi == "network_coverage":
                goal = min(goal, 1.0)
            rows.append([kpi, "region", year, f"{goal:.2f}" if kpi in DECIMAL_GOALS else f"{_round(goal, 10):.0f}"])
    return rows
