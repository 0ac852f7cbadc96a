"""Synthetic campaigns, round-table editions, network memberships and welcome bags."""

from __future__ import annotations

import datetime as dt

import numpy as np

from dashboard.demo import assumptions as A
from dashboard.demo.calendar import add_months
from dashboard.demo.generate import Towns


def _months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], dt.date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def campaign_rows(data_end: dt.date) -> list[dict]:
    return [
        {
            "campaign_id": c["campaign_id"],
            "name": c["name"],
            "target_group": c["target_group"],
            "start_date": c["start_date"].isoformat(),
            "end_date": c["end_date"].isoformat() if c["end_date"] else "",
            "budget_eur": f"{c['budget_eur']:.2f}",
        }
        for c in A.CAMPAIGNS
    ]


def activity_rows(towns: Towns, data_end: dt.date, rng: np.random.Generator) -> list[dict]:
    """Monthly reach per campaign, channel and town ('' = region-wide); spend lands at 75–95 %
    of the budget by the end of the data (agencies plan to spend most, rarely all)."""
    rows = []
    population = dict(zip(towns.ags, towns.population, strict=True))
    for c in A.CAMPAIGNS:
        months = _months_between(c["start_date"], min(c["end_date"] or data_end, data_end))
        campaign_rows_ = []
        for channel, (ctr, lead_rate, cpm) in c["channels"].items():
            scale = rng.lognormal(0, 0.3)
            for month in months:
                targets = [("", A.REGION_IMPRESSIONS_PER_MONTH * (1.0 if not c["towns"] else 0.3))]
                targets += [(ags, A.TOWN_IMPRESSIONS_PER_1000 * population[ags] / 1000) for ags in c["towns"]]
                for ags, expected in targets:
                    impressions = int(rng.poisson(expected * scale))
                    clicks = int(rng.binomial(impressions, min(ctr * rng.lognormal(0, 0.15), 1)))
                    leads = int(rng.binomial(clicks, lead_rate))
                    spend = impressions / 1000 * cpm * rng.uniform(0.9, 1.1)
                    campaign_rows_.append(
                        [c["campaign_id"], month.isoformat(), channel, ags, impressions, clicks, leads, spend]
                    )
        total = sum(r[7] for r in campaign_rows_)
        factor = c["budget_eur"] * rng.uniform(0.75, 0.95) / total if total else 0
        for r in campaign_rows_:
            rows.append(
                dict(
                    zip(
                        ("campaign_id", "date", "channel", "ags", "impressions", "clicks", "leads", "spend_eur"),
                        [*r[:7], f"{r[7] * factor:.2f}"],
                        strict=True,
                    )
                )
            )
    return rows


def event_rows(towns: Towns, data_end: dt.date, rng: np.random.Generator) -> list[dict]:
    """Meet 'n' Match: digital company visits, hosted by a company in one of the towns."""
    campaign = next(c for c in A.CAMPAIGNS if c["campaign_id"] == "meet-n-match")
    weights = towns.population / towns.population.sum()
    rows, day = [], campaign["start_date"] + dt.timedelta(days=14)
    while day <= data_end:
        participants = int(rng.poisson(22 + 4 * (day.year - 2021)))
        rows.append(
            {
                "campaign_id": campaign["campaign_id"],
                "event_date": day.isoformat(),
                "ags": str(rng.choice(towns.ags, p=weights)),
                "companies": int(rng.integers(3, 9)),
                "participants": participants,
                "matches": int(rng.binomial(participants, A.MATCH_RATE)),
            }
        )
        day += dt.timedelta(days=int(A.EVENT_INTERVAL_DAYS + rng.integers(-7, 8)))
    return rows


def _edition_dates(data_end: dt.date) -> list[dt.date]:
    span = (A.ROUND_TABLE_15TH - A.ROUND_TABLE_FIRST).days
    dates = [A.ROUND_TABLE_FIRST + dt.timedelta(days=round(span * k / 14)) for k in range(15)]
    step = 365 // A.ROUND_TABLE_EDITIONS_PER_YEAR_AFTER_15TH
    while _wednesday(dates[-1] + dt.timedelta(days=step)) <= data_end:
        dates.append(dates[-1] + dt.timedelta(days=step))
    # meetings are held on a Wednesday (the first and the 15th already fall on one)
    return [_wednesday(d) for d in dates]


def _wednesday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


def round_table_rows(towns: Towns, data_end: dt.date, rng: np.random.Generator) -> list[dict]:
    """One row per edition and attending town; interest grows until the 15th, then holds."""
    rank = towns.population.argsort().argsort() / (len(towns.ags) - 1)
    # the smallest towns rarely come, a few never ("white spots" the agency wants to reach)
    base = np.clip(-0.06 + 0.62 * rank + rng.uniform(-0.1, 0.1, len(towns.ags)), 0, None)
    weights = towns.population / towns.population.sum()
    rows = []
    for edition, day in enumerate(_edition_dates(data_end), start=1):
        digital = A.ROUND_TABLE_DIGITAL_FROM <= day <= A.ROUND_TABLE_DIGITAL_UNTIL
        fmt = (
            "digital"
            if digital
            else ("hybrid" if day > A.ROUND_TABLE_DIGITAL_UNTIL and rng.random() < 0.3 else "praesenz")
        )
        host = A.WERDOHL if edition in (1, 15) else str(rng.choice(towns.ags, p=weights))
        growth = min(1.0, 0.45 + 0.55 * edition / 15)
        chance = np.clip(base * growth + (0.12 if digital else 0), 0, 0.95)
        attending = set(towns.ags[rng.random(len(towns.ags)) < chance]) | {host}
        if edition == 15:
            # about 40 people: the towns' representatives (some send two) and the guests
            seats = round((A.ROUND_TABLE_15TH_PARTICIPANTS - A.ROUND_TABLE_GUESTS) / 1.25)
            others = sorted(attending - {host})
            attending = {host, *rng.choice(others, size=min(seats - 1, len(others)), replace=False)}
            participants = A.ROUND_TABLE_15TH_PARTICIPANTS
        else:
            participants = round(len(attending) * rng.uniform(1.1, 1.4)) + A.ROUND_TABLE_GUESTS
        for ags in sorted(attending):
            rows.append(
                {
                    "edition": edition,
                    "date": day.isoformat(),
                    "host_ags": host,
                    "format": fmt,
                    "participants": participants,
                    "ags": ags,
                }
            )
    return rows


def network_rows(towns: Towns, round_table: list[dict], data_end: dt.date, rng: np.random.Generator) -> list[dict]:
    rows = []
    first_visit: dict[str, str] = {}
    for r in round_table:
        first_visit.setdefault(r["ags"], r["date"])
    rows += [
        {"ags": a, "network": "runder_tisch", "joined_on": d, "left_on": ""} for a, d in sorted(first_visit.items())
    ]
    rows += [
        {
            "ags": a,
            "network": "smart_cities_pionier",
            "joined_on": A.SMART_CITY_PIONEERS_JOINED.isoformat(),
            "left_on": "",
        }
        for a in sorted(A.SMART_CITY_PIONEERS)
    ]
    others = [a for a in towns.ags if a not in A.SMART_CITY_PIONEERS]
    count = A.SMART_CITY_NETWORK_TOWNS_BY_MAY_2021 + A.SMART_CITY_NETWORK_LATER_JOINS
    chosen = rng.choice(others, size=count, replace=False)
    span = (A.ROUND_TABLE_15TH - A.SMART_CITY_NETWORK_FIRST_JOIN).days
    for k, ags in enumerate(chosen):
        if k < A.SMART_CITY_NETWORK_TOWNS_BY_MAY_2021:
            joined = A.SMART_CITY_NETWORK_FIRST_JOIN + dt.timedelta(days=round(span * k / 14) - (k == 14))
        else:
            joined = dt.date(2022 + (k - 15), int(rng.integers(1, 13)), 1)
        if joined <= data_end:
            rows.append(
                {"ags": str(ags), "network": "smart_cities_netzwerk", "joined_on": joined.isoformat(), "left_on": ""}
            )
    bag_towns = [A.WERDOHL] + list(
        rng.choice([a for a in towns.ags if a != A.WERDOHL], size=A.WELCOME_BAG_FOLLOWERS, replace=False)
    )
    for k, ags in enumerate(bag_towns):
        joined = (
            A.WELCOME_BAG_FIRST
            if k == 0
            else dt.date(2018 + (k - 1) * 6 // A.WELCOME_BAG_FOLLOWERS, int(rng.integers(1, 13)), 1)
        )
        if joined <= data_end:
            rows.append(
                {"ags": str(ags), "network": "willkommenstasche", "joined_on": joined.isoformat(), "left_on": ""}
            )
    return sorted(rows, key=lambda r: (r["network"], r["joined_on"], r["ags"]))


def welcome_bag_rows(
    network: list[dict], inflow_by_town_month: dict[tuple[str, str], int], data_end: dt.date, rng: np.random.Generator
) -> list[dict]:
    rows = []
    for member in (r for r in network if r["network"] == "willkommenstasche"):
        share = rng.uniform(*A.BAGS_PER_INMOVER)
        for month in _months_between(dt.date.fromisoformat(member["joined_on"]), data_end):
            inflow = inflow_by_town_month.get((member["ags"], month.isoformat()), 0)
            rows.append(
                {"ags": member["ags"], "month": month.isoformat(), "handed_out": int(rng.binomial(inflow, share))}
            )
    return sorted(rows, key=lambda r: (r["ags"], r["month"]))
