"""Every assumption of the synthetic demo data, as a named constant (mirrored in the README).

The demo data are synthetic. They are scaled on real facts (the 59 towns, their districts, their
official Zensus 2022 populations and approximate centres) so that a regional planner finds them
plausible; no value they produce is an official figure.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_SEED = 20210519  # the 15th round table, 19.05.2021
DEFAULT_YEARS = (2015, 2025)
# The Zensus 2022 populations in data/reference (15.05.2022) anchor 2022; other years are derived.
POPULATION_ANCHOR_YEAR = 2022

# Yearly in-migration (Zuzüge over the municipal border) per inhabitant: drawn per town.
IN_RATE_RANGE = (0.040, 0.060)
# Out-migration relative to in-migration, drawn per town: slightly more leave than arrive in
# many rural towns, the larger towns gain a little.
OUT_TO_IN_RANGE = (0.95, 1.04)
# Natural balance (births − deaths) per inhabitant and year; Südwestfalen has more deaths.
NATURAL_BALANCE_RATE = -0.005

# Where in-movers come from (outside Südwestfalen); moves within the region are drawn as a
# gravity model below, so the region's totals reconcile.
ORIGIN_SHARES_IN = {"nrw": 0.42, "de": 0.32, "abroad": 0.26}
DESTINATION_SHARES_OUT = {"nrw": 0.47, "de": 0.38, "abroad": 0.15}
# Share of all moves that stay within Südwestfalen (both an 'out' and an 'in', origin 'swf').
INTRA_REGIONAL_SHARE = 0.30
# More in-migration from abroad in these years (2015–16 refugees, 2022 Ukraine).
ABROAD_BOOST = {2015: 2.4, 2016: 1.9, 2017: 1.2, 2022: 2.3, 2023: 1.3}
# Gravity model for moves within the region: weight = population / (distance_km + 8) ** 1.6,
# doubled within the same district.
GRAVITY_DISTANCE_OFFSET_KM = 8.0
GRAVITY_EXPONENT = 1.6
SAME_DISTRICT_FACTOR = 2.0

AGE_SHARES_IN = {"0-17": 0.17, "18-24": 0.23, "25-29": 0.17, "30-49": 0.27, "50-64": 0.10, "65+": 0.06}
AGE_SHARES_OUT = {"0-17": 0.15, "18-24": 0.28, "25-29": 0.18, "30-49": 0.24, "50-64": 0.09, "65+": 0.06}
# University and college towns draw more 18–24 year olds (Universität Siegen, FH Südwestfalen).
STUDENT_TOWNS = {"05970040": 1.6, "05962024": 1.25, "05958032": 1.3, "05974040": 1.25, "05962032": 1.1}
SEX_SHARES = {"m": 0.5095, "f": 0.4895, "d": 0.001}

# Month weights (Jan … Dec) by age group: students move in autumn, families in summer.
SEASON = {
    "18-24": (0.8, 0.7, 0.9, 1.1, 0.8, 0.8, 0.8, 1.2, 2.0, 1.8, 0.7, 0.4),
    "0-17": (0.8, 0.8, 0.9, 0.9, 0.9, 1.0, 1.5, 1.6, 1.2, 0.9, 0.8, 0.7),
    "30-49": (0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.4, 1.5, 1.2, 0.9, 0.8, 0.7),
    "default": (1.0, 0.9, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.0, 0.8),
}

# Refugee reception facilities (2015–16): in- and out-flows many times the usual size; people
# move on within months. Extra in-migration from abroad as a share of the population.
RECEPTION_FACILITIES = {
    "05962016": {2015: 0.28, 2016: 0.08},  # Hemer
    "05974056": {2015: 0.85, 2016: 0.20},  # Wickede (Ruhr)
    "05970008": {2015: 0.40, 2016: 0.10},  # Burbach
    "05970004": {2015: 0.28, 2016: 0.07},  # Bad Berleburg
    "05974036": {2015: 0.33, 2016: 0.08},  # Rüthen
}
# Share of reception in-movers who move on (out, to the rest of NRW/Germany) in the same year.
RECEPTION_MOVE_ON_SHARE = 0.93

# The honest signal for the campaign outcome analysis: while a campaign runs in a town, the
# in-migration of its target group from outside the region is this much higher (0 = no effect).
CAMPAIGN_UPLIFT = 0.10

CAMPAIGNS = [
    {
        "campaign_id": "touristen-neubuerger",
        "name": "Touristen zum Neubürger gewinnen",
        "target_group": "familien",
        "start_date": dt.date(2019, 4, 1),
        "end_date": dt.date(2021, 12, 31),
        "budget_eur": 240000.0,
        "channels": {
            "social": (0.009, 0.020, 4.5),
            "search": (0.030, 0.030, 9.0),
            "display": (0.002, 0.010, 2.5),
            "print": (0.001, 0.050, 14.0),
        },
        # tourism towns in Sauerland and Wittgenstein
        "towns": [
            "05958048",
            "05958040",
            "05958028",
            "05958020",
            "05958036",
            "05958012",
            "05970004",
            "05970028",
            "05974032",
            "05974008",
        ],
    },
    {
        "campaign_id": "medizin-pflege",
        "name": "Medizin & Pflege",
        "target_group": "berufseinstieg+erwerb",
        "start_date": dt.date(2020, 9, 1),
        "end_date": dt.date(2023, 12, 31),
        "budget_eur": 310000.0,
        "channels": {"social": (0.007, 0.008, 5.0), "jobboard": (0.020, 0.020, 12.0), "search": (0.025, 0.010, 9.5)},
        # towns with hospitals
        "towns": [
            "05958004",
            "05958032",
            "05962032",
            "05962024",
            "05970040",
            "05966024",
            "05974028",
            "05974040",
            "05962040",
            "05958012",
        ],
    },
    {
        "campaign_id": "meet-n-match",
        "name": "Meet 'n' Match",
        "target_group": "bildung+berufseinstieg",
        "start_date": dt.date(2021, 3, 1),
        "end_date": None,
        "budget_eur": 180000.0,
        "channels": {
            "social": (0.010, 0.015, 4.0),
            "newsletter": (0.040, 0.030, 1.0),
            "hochschule": (0.020, 0.040, 3.0),
        },
        "towns": [],  # digital company visits: region-wide
    },
]
# Channels: (click rate, leads per click, cost per 1,000 impressions in EUR before the budget
# scaling below). Region-wide impressions per month and channel (before noise) for campaigns
# without towns, and per 1,000 inhabitants, month and channel for town campaigns.
REGION_IMPRESSIONS_PER_MONTH = 25000
TOWN_IMPRESSIONS_PER_1000 = 250
# Meet 'n' Match events: one about every six weeks; matches are company–graduate contacts.
EVENT_INTERVAL_DAYS = 42
MATCH_RATE = 0.18

# The round table "Willkommen in Südwestfalen": 15 editions by May 2021, the first and the
# 15th in Werdohl, the 15th digital with about 40 participants; then about three a year.
WERDOHL = "05962060"
ROUND_TABLE_FIRST = dt.date(2016, 3, 9)
ROUND_TABLE_15TH = dt.date(2021, 5, 19)
ROUND_TABLE_15TH_PARTICIPANTS = 40
ROUND_TABLE_DIGITAL_FROM = dt.date(2020, 4, 1)
ROUND_TABLE_DIGITAL_UNTIL = dt.date(2021, 8, 31)
ROUND_TABLE_EDITIONS_PER_YEAR_AFTER_15TH = 3
# Agency staff and guests at each edition beside the towns' representatives.
ROUND_TABLE_GUESTS = 5

# "Smart Cities: 5 für Südwestfalen": the pioneers and, by May 2021, 15 further network towns.
SMART_CITY_PIONEERS = ["05958004", "05970004", "05962040", "05966024", "05974040"]
SMART_CITY_PIONEERS_JOINED = dt.date(2019, 9, 1)
SMART_CITY_NETWORK_TOWNS_BY_MAY_2021 = 15
SMART_CITY_NETWORK_FIRST_JOIN = dt.date(2020, 6, 1)
SMART_CITY_NETWORK_LATER_JOINS = 3  # after May 2021, up to 2024

# Welcome bags: Werdohl first, others follow; a bag per household, so fewer bags than persons.
WELCOME_BAG_FIRST = dt.date(2017, 4, 1)
WELCOME_BAG_FOLLOWERS = 8
BAGS_PER_INMOVER = (0.35, 0.55)

# Goals (kpi_target): the agency sets each year's goal from the mean of the last two ordinary years
# before it (years with in-migration from abroad at 1.3 times the usual or more are left out), with
# a modest ambition on top: counts and saldos a share of the level's size, cost per lead 5 % lower,
# coverages a few points higher (the round table at most all 59 towns). The first goals are for
# 2018, when the round table had found its form. With the years' noise some goals are met, some missed.
TARGETS_FROM_YEAR = 2018
TARGET_SKIP_BOOST = 1.3
TARGET_AMBITION = {
    "inflow": 0.01,
    "net": 0.05,
    "net_familien": 0.05,
    "net_bildung": 0.05,
    "leads": 0.05,
    "cost_per_lead": -0.05,
    "network_coverage": 0.05,
    "welcome_bag_coverage": 0.01,
}
