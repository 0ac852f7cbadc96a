"""Campaign reach, click rate, cost per click and per lead, reach per 1,000 inhabitants."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.migration import population_for

MEASURES = ["impressions", "clicks", "leads", "spend_eur"]


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.replace(0, np.nan)


@defines("campaign_reach")
def reach(activity: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sums and ratios of campaign activity grouped by `by` (e.g. campaign_id, channel, month)."""
    if activity.empty:
        return pd.DataFrame(columns=[*by, *MEASURES, "click_rate", "cost_per_click_eur",
                                     "cost_per_lead_eur"])
    table = activity.groupby(by, dropna=False)[MEASURES].sum().reset_index() if by else (
        activity[MEASURES].sum().to_frame().T)
    table["click_rate"] = _ratio(table["clicks"], table["impressions"])
    table["cost_per_click_eur"] = _ratio(table["spend_eur"], table["clicks"])
    table["cost_per_lead_eur"] = _ratio(table["spend_eur"], table["leads"])
    return table


@defines("campaign_reach")
def reach_per_1000(activity: pd.DataFrame, population: pd.DataFrame, year: int) -> pd.DataFrame:
    """Impressions per 1,000 inhabitants per town (ags, impressions, impressions_per_1000);
    region-wide rows (ags missing) are left out here and reported separately."""
    local = activity.dropna(subset=["ags"])
    if local.empty:
        return pd.DataFrame(columns=["ags", "impressions", "impressions_per_1000"])
    table = local.groupby("ags")["impressions"].sum().reset_index()
    inhabitants = population_for(population, table["ags"], [year])
    table = table.merge(inhabitants[["ags", "persons"]], on="ags", how="left")
    table["impressions_per_1000"] = _ratio(table["impressions"], table["persons"]) * 1000
    return table[["ags", "impressions", "impressions_per_1000"]]


def region_wide(activity: pd.DataFrame) -> pd.DataFrame:
    """The activity not attributable to one town."""
    return activity[activity["ags"].isna()]


def campaign_towns(activity: pd.DataFrame, campaign_ids: Collection[str]) -> list[str]:
    return sorted(activity.loc[activity["campaign_id"].isin(campaign_ids), "ags"].dropna().unique())
