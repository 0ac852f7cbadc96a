"""The project's vocabularies, each in one place: the codes the schema allows, the import checks
accept, the KPIs compute with and the labels translate (a test compares the schema with them).

A leaf module: it imports nothing of the project, so every layer may read it.
"""

from __future__ import annotations

# ---------- migration
DIRECTIONS = ("in", "out")
# Age at the move: exactly the six bands of the official table 12711-01-03-5.
AGE_GROUPS = ("0-17", "18-24", "25-29", "30-49", "50-64", "65+")
SEXES = ("m", "f", "d")
# Where an in-mover came from (for 'out': where the person went), in the register's deliveries.
ORIGINS = ("swf", "nrw", "de", "abroad")
INTRA_REGIONAL = "swf"
# What official tables can tell apart instead: the rest of Germany and abroad, the rest then
# within NRW (Südwestfalen included) or within Germany; 'unknown' where a table has no origin.
OFFICIAL_ORIGINS = ("within_nrw", "domestic", "unknown")
ORIGIN_ORDER = ("swf", "nrw", "within_nrw", "de", "domestic", "abroad", "unknown")
# An end of a move between places (the flows kind): one of the 59 towns' AGS, a municipality,
# district or state key elsewhere (8, 5 or 2 digits), or an origin class where a delivery has no key.
PLACE_CLASSES = ("nrw", "de", "abroad")
PLACE_PATTERN = r"^(\d{8}|\d{5}|\d{2}|" + "|".join(PLACE_CLASSES) + r")$"
NRW_STATE_KEY = "05"
# Towns by size, to see who moves from the cities to the small towns (thresholds in kpis/flows.py).
SIZE_CLASSES = ("city", "town", "small")

# BBSR/INKAR 2025 migration types by age band.
TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "familien": ("0-17",),
    "bildung": ("18-24",),
    "berufseinstieg": ("25-29",),
    "erwerb": ("30-49",),
    "50-64": ("50-64",),
    "ruhestand": ("65+",),
}
# The older INKAR family definition (under 18 and their parents' 30–49), offered as a variant.
FAMILY_INKAR_OLD = ("0-17", "30-49")

# Why a figure is unknown: the GENESIS markers, and the project's own reasons.
MISSING_REASONS = (".", "x", "/", "...", "no_age", "annual_only", "missing")

# Where a figure comes from (data set × year).
DATA_KINDS = ("official", "own", "demo")

# ---------- network and round table
NETWORKS = ("runder_tisch", "smart_cities_pionier", "smart_cities_netzwerk", "willkommenstasche")
NO_NETWORK = "kein_netzwerk"
ROUND_TABLE_FORMATS = ("praesenz", "digital", "hybrid")

# ---------- leadership targets (Überblick); shares are stored as fractions (0.6 = 60 %)
TARGET_KPIS = (
    "inflow",
    "net",
    "net_familien",
    "net_bildung",
    "leads",
    "cost_per_lead",
    "network_coverage",
    "welcome_bag_coverage",
)
TARGET_SHARES = ("network_coverage", "welcome_bag_coverage")
TARGET_MONEY = ("cost_per_lead",)
TARGET_SCOPES = ("region",)
