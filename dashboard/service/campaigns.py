"""Everything the Kampagnen page shows, for one selection and a set of campaigns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.kpis import campaigns as kpi
from dashboard.kpis import outcome
from dashboard.kpis.migration import target_groups_of

__all__ = ["target_groups_of"]  # the page names a campaign's target groups
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.service.selection import Selection, towns_in
from dashboard.vocabulary import TARGET_GROUPS
from dashboard.warehouse.connection import reader


@dataclass(frozen=True)
class CampaignData:
    campaigns: pd.DataFrame  # the chosen campaigns (campaign_id, name, target_group, …, is_demo)
    overall: pd.Series  # all chosen campaigns together: the same sums and ratios as `totals`
    totals: pd.DataFrame  # per campaign: impressions, clicks, leads, spend, click rate, cost per click/lead
    by_channel: pd.DataFrame  # per campaign and channel
    by_month: pd.DataFrame  # per month (all chosen campaigns)
    town_reach: pd.DataFrame  # per town: impressions, impressions_per_1000 (region-wide rows left out)
    region_wide: pd.DataFrame  # one row: the activity not attributable to a town
    funnel: pd.DataFrame  # campaign_id, stage, value
    budget: pd.DataFrame  # campaign_id, year, planned_eur, spend_eur, spend_share


def campaign_list(db: Path) -> pd.DataFrame:
    with reader(db) as con:
        return fetch(con, "campaigns")


def campaign_data(db: Path, reference: Reference, selection: Selection, campaign_ids: tuple[str, ...]) -> CampaignData:
    date_from, date_to = dt.date(selection.year_from, 1, 1), dt.date(selection.year_to, 12, 31)
    with reader(db) as con:
        campaigns = fetch(con, "campaigns")
        activity = fetch(con, "campaign_activity_by_month", date_from=date_from, date_to=date_to)
        events = fetch(con, "campaign_events", date_from=date_from, date_to=date_to)
    chosen = campaigns[campaigns["campaign_id"].isin(campaign_ids)] if campaign_ids else campaigns
    ids = chosen["campaign_id"].tolist()
    activity = activity[activity["campaign_id"].isin(ids)]
    events = events[events["campaign_id"].isin(ids)]
    towns = set(towns_in(selection, reference.town_districts))
    local = activity[activity["ags"].isin(towns)]
    region_wide = kpi.region_wide(activity)
    # what the selection shows: its towns' activity and the activity no town can claim
    shown = pd.concat([local, region_wide])
    years_end = reference.years_with_registrations() or [selection.year_to]
    data_end = dt.date(max(years_end[-1], selection.year_to), 12, 31)
    return CampaignData(
        chosen,
        kpi.reach(shown, []).iloc[0] if not shown.empty else pd.Series(dtype=float),
        kpi.reach(shown, ["campaign_id"]),
        kpi.reach(shown, ["campaign_id", "channel"]),
        kpi.reach(shown, ["month"]),
        kpi.reach_per_1000(local, reference.population, selection.year_to),
        kpi.reach(region_wide, []),
        kpi.funnel(shown, events),
        _in_years(kpi.budget_vs_spend(chosen, activity, data_end), selection),
    )


def _in_years(table: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return table[table["year"].between(selection.year_from, selection.year_to)].reset_index(drop=True)


def campaign_matches(estimate: outcome.OutcomeEstimate, name_of) -> pd.DataFrame:
    """Each campaign town with the comparison towns matched to it, as names."""
    return pd.DataFrame(
        [
            (name_of(town), ", ".join(name_of(m) for m in matched))
            for town, matched in sorted(estimate.matches.items(), key=lambda item: name_of(item[0]))
        ],
        columns=["campaign_town", "matched"],
    )


def campaign_outcome(db: Path, reference: Reference, campaign_id: str) -> outcome.OutcomeEstimate | None:
    """The difference-in-differences for one campaign's target group (None where it cannot be
    estimated, e.g. a region-wide campaign without comparison towns)."""
    years = reference.years_with_registrations()
    with reader(db) as con:
        campaigns = fetch(con, "campaigns").set_index("campaign_id")
        campaign = campaigns.loc[campaign_id]
        all_activity = fetch(
            con, "campaign_activity_by_month", date_from=dt.date(1990, 1, 1), date_to=dt.date(2100, 12, 31)
        )
        ages = [a for g in target_groups_of(campaign["target_group"]) for a in TARGET_GROUPS[g]]
        inflow = (
            fetch(con, "domestic_inflow_by_town_year", age_groups=ages, year_from=years[0], year_to=years[-1])
            if years
            else pd.DataFrame()
        )
    treated = kpi.campaign_towns(all_activity, [campaign_id])
    if not years or not treated:
        return None
    end = pd.Timestamp(campaign["end_date"]).date() if pd.notna(campaign["end_date"]) else None
    pre, post = outcome.periods(pd.Timestamp(campaign["start_date"]).date(), end, years)
    # towns of other campaigns aimed at the same people are no fair comparison
    groups = set(target_groups_of(campaign["target_group"]))
    rivals = [
        c for c, row in campaigns.iterrows() if c != campaign_id and groups & set(target_groups_of(row["target_group"]))
    ]
    excluded = set(kpi.campaign_towns(all_activity, rivals)) - set(treated)
    panel = outcome.outcome_panel(
        inflow, reference.population, [a for a in reference.region if a not in excluded], years
    )
    return outcome.difference_in_differences(panel, treated, pre, post)
