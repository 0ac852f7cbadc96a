"""Synthetic goals (kpi_target) for the Überblick, set the way an agency would: from the years
before, with an ambition on top. They exist so the demo shows Soll/Ist; they are nobody's goals."""

from __future__ import annotations

import numpy as np

from dashboard.demo import assumptions as A
from dashboard.vocabulary import ORIGINS

FAMILIES, EDUCATION = 0, 1  # age-band positions: 0-17, 18-24


def _round(value: float, step: float) -> float:
    return float(np.round(value / step) * step)


def target_rows(persons: np.ndarray, months: list, activity: list[dict], years: tuple[int, int]) -> list[list]:
    """persons: town × month × direction × age × sex × origin, as the generator made them."""
    crossing = [k for k, o in enumerate(ORIGINS) if o != "swf"]
    by_year: dict[int, dict[str, float]] = {}
    for year in range(years[0], years[1] + 1):
        block = persons[:, [k for k, m in enumerate(months) if m.year == year]][..., crossing]
        inflow, outflow = block[:, :, 0].sum(axis=(0, 1, 3, 4)), block[:, :, 1].sum(axis=(0, 1, 3, 4))
        leads = sum(int(r["leads"]) for r in activity if r["date"].startswith(str(year)))
        by_year[year] = {"inflow": inflow.sum(), "net": (inflow - outflow).sum(),
                         "net_familien": inflow[FAMILIES] - outflow[FAMILIES],
                         "net_bildung": inflow[EDUCATION] - outflow[EDUCATION], "leads": leads}
    rows = []
    for year in range(max(A.TARGETS_FROM_YEAR, years[0] + 3), years[1] + 1):
        before = [by_year[y] for y in range(year - 3, year)]
        for kpi in ("inflow", "net", "net_familien", "net_bildung", "leads"):
            mean = float(np.median([b[kpi] for b in before]))
            if kpi == "leads" and min(b["leads"] for b in before) == 0:
                continue  # no goal before the campaigns have run for three years
            goal = mean * A.TARGET_AMBITION[kpi] if kpi in A.TARGET_AMBITION else (
                mean + A.TARGET_NET_ADD_SHARE * abs(mean))
            rows.append([kpi, "region", year, f"{_round(goal, 10):.0f}"])
        if any(b["leads"] for b in before):
            rows.append(["cost_per_lead", "region", year, f"{A.TARGET_COST_PER_LEAD_EUR:.2f}"])
        coverage = A.TARGET_NETWORK_COVERAGE.get(year, 1.0 if year > max(A.TARGET_NETWORK_COVERAGE) else None)
        if coverage is not None:
            rows.append(["network_coverage", "region", year, f"{coverage:.2f}"])
        bag_goal = [v for y, v in sorted(A.TARGET_WELCOME_BAG_COVERAGE.items()) if y <= year]
        if bag_goal:
            rows.append(["welcome_bag_coverage", "region", year, f"{bag_goal[-1]:.2f}"])
    return rows
