"""Campaign reach and network coverage for a period: the figures the later pages build on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from dashboard.kpis import campaigns, network
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.warehouse.connection import reader


def campaign_activity(db: Path, date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    with reader(db) as con:
        return fetch(con, "campaign_activity_by_month", date_from=date_from, date_to=date_to)


def campaign_reach(db: Path, date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    """Reach, click rate, cost per click and per lead per campaign in the period."""
    return campaigns.reach(campaign_activity(db, date_from, date_to), ["campaign_id"])


def network_coverage(db: Path, reference: Reference, day: dt.date) -> pd.DataFrame:
    """Members, share of towns and of population per network on `day`."""
    with reader(db) as con:
        membership = fetch(con, "network_membership")
    return network.coverage(membership, reference.population, day, reference.region)


def welcome_bag_coverage(db: Path, by: list[str]) -> pd.DataFrame:
    """Bags handed out ÷ Zuzüge, grouped by `by` (ags and/or month)."""
    with reader(db) as con:
        bags = fetch(con, "welcome_bags_with_inflow")
    return network.welcome_bag_coverage(bags, by)
