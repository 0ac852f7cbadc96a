"""The leadership KPIs of the Überblick: one yearly table of components, from which every
period's value (a year, the chosen period, the period before) is derived the same way."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.vocabulary import TARGET_KPIS, TARGET_MONEY, TARGET_SHARES

# In display order; each is a region-wide figure for whole years (the vocabulary's target KPIs).
OVERVIEW_KPIS = TARGET_KPIS
SHARE_KPIS = TARGET_SHARES
MONEY_KPIS = TARGET_MONEY
LOWER_IS_BETTER = ("cost_per_lead",)
# The network whose coverage the Überblick reports: the round table "Willkommen in Südwestfalen".
COVERAGE_NETWORK = "runder_tisch"
# Summed over a period; the rest are ratios of summed parts or a level at the period's end.
_ADDITIVE = ("inflow", "net", "net_familien", "net_bildung", "leads", "spend_eur", "bags", "bag_inflow")


def yearly_components(
    flows: pd.DataFrame, target_groups: pd.DataFrame, activity: pd.DataFrame, bags: pd.DataFrame, coverage: pd.DataFrame
) -> pd.DataFrame:
    """One row per year with the parts the KPIs are made of.

    flows: year, inflow, net (region-wide, across its border) · target_groups: target_group, year,
    net · activity: month, leads, spend_eur · bags: month, handed_out, inflow · coverage: year,
    share_of_towns (at the year's end). A year without campaign or welcome-bag data has NaN there,
    not 0: "no report" is not "nothing happened"."""
    table = flows.set_index("year")[["inflow", "net"]].astype(float)
    for group in ("familien", "bildung"):
        rows = target_groups[target_groups["target_group"] == group].set_index("year")["net"]
        table[f"net_{group}"] = rows.reindex(table.index).astype(float)
    if not activity.empty:
        per_year = (
            activity.assign(year=pd.to_datetime(activity["month"]).dt.year)
            .groupby("year")[["leads", "spend_eur"]]
            .sum()
        )
        table = table.join(per_year.astype(float), how="left")
    else:
        table[["leads", "spend_eur"]] = np.nan
    if not bags.empty:
        per_year = (
            bags.assign(year=pd.to_datetime(bags["month"]).dt.year)
            .groupby("year")[["handed_out", "inflow"]]
            .sum()
            .rename(columns={"handed_out": "bags", "inflow": "bag_inflow"})
        )
        table = table.join(per_year.astype(float), how="left")
    else:
        table[["bags", "bag_inflow"]] = np.nan
    share = coverage.set_index("year")["share_of_towns"] if not coverage.empty else pd.Series(dtype=float)
    table["network_coverage"] = share.reindex(table.index).astype(float)
    return table.sort_index()


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator and not np.isnan(denominator) else np.nan


@defines("inflow", "net", "target_groups", "campaign_reach", "network_coverage", "welcome_bag_coverage")
def values_over(components: pd.DataFrame, years: Collection[int]) -> dict[str, float]:
    """Each Überblick KPI over `years`: sums of the yearly parts, ratios of those sums (cost per
    lead, welcome-bag coverage), the network's coverage at the end of the last year. A KPI is NaN
    when any of the years lacks its data."""
    rows = components.reindex(sorted(years))
    if rows.empty:
        return dict.fromkeys(OVERVIEW_KPIS, np.nan)
    sums = {c: rows[c].sum(min_count=len(rows)) if c in rows else np.nan for c in _ADDITIVE}
    return {
        "inflow": sums["inflow"],
        "net": sums["net"],
        "net_familien": sums["net_familien"],
        "net_bildung": sums["net_bildung"],
        "leads": sums["leads"],
        "cost_per_lead": _ratio(sums["spend_eur"], sums["leads"]),
        "network_coverage": float(rows["network_coverage"].iloc[-1]),
        "welcome_bag_coverage": _ratio(sums["bags"], sums["bag_inflow"]),
    }


# The yearly parts each KPI is made of (a year without them leaves the KPI unknown for a period).
PARTS = {
    "inflow": ("inflow",),
    "net": ("net",),
    "net_familien": ("net_familien",),
    "net_bildung": ("net_bildung",),
    "leads": ("leads",),
    "cost_per_lead": ("spend_eur", "leads"),
    "network_coverage": ("network_coverage",),
    "welcome_bag_coverage": ("bags", "bag_inflow"),
}


def unreported_years(components: pd.DataFrame, kpi: str, years: Collection[int]) -> list[int]:
    """The years of `years` whose data a KPI's value over them lacks (values_over is NaN then);
    for the network's coverage only the last year counts."""
    wanted = [int(y) for y in sorted(years)[-1:]] if kpi == "network_coverage" else [int(y) for y in sorted(years)]
    parts = [c for c in PARTS[kpi] if c in components]
    if not parts:
        return wanted
    # read as arrays: the Überblick asks this for every card on every rerun
    complete = ~np.any([pd.isna(components[c].to_numpy()) for c in parts], axis=0)
    reported = {int(y) for y in components.index.to_numpy()[complete]}
    return [y for y in wanted if y not in reported]


def yearly_values(components: pd.DataFrame) -> pd.DataFrame:
    """One row per year and KPI (year, kpi, value): the sparklines and the per-year targets."""
    rows = [(year, kpi, value) for year in components.index for kpi, value in values_over(components, [year]).items()]
    return pd.DataFrame(rows, columns=["year", "kpi", "value"])


BALANCE_KPIS = ("net", "net_familien", "net_bildung")
UNIT = {
    kpi: "share"
    if kpi in SHARE_KPIS
    else "money"
    if kpi in MONEY_KPIS
    else "balance"
    if kpi in BALANCE_KPIS
    else "count"
    for kpi in OVERVIEW_KPIS
}
