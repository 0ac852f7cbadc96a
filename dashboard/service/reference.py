"""Reference facts, data status and provenance, read once per data version."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.kpis.migration import population_for, with_population
from dashboard.queries import fetch
from dashboard.warehouse.connection import reader

# Data sets the demo badge names, in the order users think of them.
DATA_SETS = (
    "registration",
    "registration_year",
    "population",
    "campaign",
    "campaign_activity",
    "campaign_event",
    "network_membership",
    "round_table",
    "welcome_bag",
    "kpi_target",
)
# The same in the provenance, where both grains of migration are one data set.
PROVENANCE_SETS = (
    "migration",
    "population",
    "campaign",
    "campaign_activity",
    "campaign_event",
    "network_membership",
    "round_table",
    "welcome_bag",
    "kpi_target",
)


@dataclass(frozen=True)
class Reference:
    towns: pd.DataFrame  # ags, official_name, name, district, kind, area_km2, lat, lon
    population: pd.DataFrame  # ags, year, reference_date, persons, is_estimate, is_demo, kind, copyright
    status: pd.DataFrame  # data_set, rows, demo_rows, first_period, last_period, last_imported_at
    provenance: pd.DataFrame  # data_set, year, kind ('official', 'own', 'demo'), rows, table_codes, copyright

    # The facts below are asked several times on every run of every page (sidebar, demo badge,
    # notes); a Reference never changes, so each is worked out once and handed out as a copy.
    @property
    def town_districts(self) -> list[tuple[str, str]]:
        return list(self._town_districts)

    @cached_property
    def _town_districts(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.towns[["ags", "district"]].itertuples(index=False, name=None))

    @property
    def region(self) -> list[str]:
        return list(self._region)

    @cached_property
    def _region(self) -> tuple[str, ...]:
        return tuple(self.towns["ags"].tolist())

    @property
    def districts(self) -> list[str]:
        return sorted({district for _, district in self._town_districts})

    @cached_property
    def district_codes(self) -> dict[str, str]:
        """The first five digits of the AGS (the district's key, used in links) → district name."""
        first_town: dict[str, str] = {}
        for ags, district in self._town_districts:
            first_town.setdefault(district, ags)
        return {ags[:5]: district for district, ags in first_town.items()}

    def years_with_registrations(self) -> list[int]:
        """Years with monthly register data or official annual figures."""
        return list(self._registration_years)

    @cached_property
    def _registration_years(self) -> tuple[int, ...]:
        # asked several times per page run; the status does not change within one Reference
        rows = self.status[self.status["data_set"].isin(["registration", "registration_year"])].dropna(
            subset=["first_period"]
        )
        if rows.empty:
            return ()
        first = min(int(str(v)[:4]) for v in rows["first_period"])
        last = max(int(str(v)[:4]) for v in rows["last_period"])
        return tuple(range(first, last + 1))

    def demo_data_sets(self) -> list[str]:
        return self.status.loc[self.status["demo_rows"] > 0, "data_set"].tolist()

    def official_data_sets(self) -> list[str]:
        return self.status.loc[self.status["rows"] > self.status["demo_rows"], "data_set"].tolist()

    def kinds_by_year(self, data_set: str) -> dict[str, list[int]]:
        """{'official': [years], 'own': [...], 'demo': [...]} of one data set (PROVENANCE_SETS)."""
        return {kind: list(years) for kind, years in self._kinds.get(data_set, {}).items()}

    @cached_property
    def _kinds(self) -> dict[str, dict[str, tuple[int, ...]]]:
        kinds: dict[str, dict[str, tuple[int, ...]]] = {}
        for (data_set, kind), part in self.provenance.groupby(["data_set", "kind"], sort=True):
            kinds.setdefault(data_set, {})[kind] = tuple(sorted(int(y) for y in part["year"]))
        return kinds

    @cached_property
    def has_demo(self) -> bool:
        return bool((self.provenance["kind"] == "demo").any())

    @cached_property
    def is_all_demo(self) -> bool:
        """Every figure of the app rests on demo data: its migration data are demo only (the
        shipped reference facts, census and boundaries, are official but no figure of their own)."""
        kinds = set(self.kinds_by_year("migration"))
        return (
            self.has_demo
            and kinds == {"demo"}
            and not ((self.provenance["kind"] != "demo") & (self.provenance["data_set"] != "population")).any()
        )

    def copyrights(self, data_set: str) -> list[str]:
        """The attributions of the official deliveries of a data set."""
        rows = self.provenance[(self.provenance["data_set"] == data_set) & (self.provenance["kind"] == "official")]
        lines = [part for text in rows["copyright"].dropna() for part in str(text).split(" · ")]
        return list(dict.fromkeys(lines))

    @cached_property
    def names(self) -> dict[str, str]:
        """AGS → short display name."""
        return dict(zip(self.towns["ags"], self.towns["name"], strict=True))

    def name_of(self, ags: str) -> str:
        return self.names.get(ags, ags)

    @cached_property
    def yearly_population(self) -> pd.DataFrame:
        """The inhabitants every rate per 1,000 uses, per town and year (kpis.migration.population_for)
        for every year of migration or population data."""
        years = set(self.years_with_registrations()) | {int(y) for y in self.population["year"]}
        if not years:
            return population_for(self.population, [], [])
        return population_for(self.population, self.region, range(min(years), max(years) + 1))

    def inhabitants(self, year: int) -> pd.Series:
        """ags → the inhabitants of each town of the region in a year (NaN where none is known)."""
        known = self.yearly_population
        rows = known[known["year"] == year]
        if rows.empty:
            rows = population_for(self.population, self.region, [year])
        return rows.set_index("ags")["persons"].reindex(self.region)

    def with_population(self, base: pd.DataFrame) -> pd.DataFrame:
        """The base table (query town_year_base) with the inhabitants of each town-year."""
        known = self.yearly_population
        years = set(base["year"].unique()) - set(known["year"].unique())
        if years:  # a year outside the data (e.g. the period before the first year)
            known = pd.concat([known, population_for(self.population, self.region, sorted(years))])
        return with_population(base, known)


def load_reference(db: Path) -> Reference:
    with reader(db) as con:
        return Reference(
            fetch(con, "municipalities"),
            fetch(con, "population_by_town_year"),
            fetch(con, "data_status"),
            fetch(con, "provenance"),
        )
