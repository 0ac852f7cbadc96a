"""Reference facts and data status, read once per data version."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.queries import fetch
from dashboard.warehouse.connection import reader

# Data sets the demo badge names, in the order users think of them.
DATA_SETS = ("registration", "registration_year", "population", "campaign", "campaign_activity", "campaign_event",
             "network_membership", "round_table", "welcome_bag", "kpi_target")


@dataclass(frozen=True)
class Reference:
    towns: pd.DataFrame  # ags, official_name, name, district, kind, area_km2, lat, lon
    population: pd.DataFrame  # ags, year, persons, is_estimate, is_demo
    status: pd.DataFrame  # data_set, rows, demo_rows, first_period, last_period, last_imported_at

    @property
    def town_districts(self) -> list[tuple[str, str]]:
        return list(self.towns[["ags", "district"]].itertuples(index=False, name=None))

    @property
    def region(self) -> list[str]:
        return self.towns["ags"].tolist()

    @property
    def districts(self) -> list[str]:
        return sorted(self.towns["district"].unique())

    def years_with_registrations(self) -> list[int]:
        """Years with monthly register data or official annual figures."""
        return list(self._registration_years)

    @cached_property
    def _registration_years(self) -> tuple[int, ...]:
        # asked several times per page run; the status does not change within one Reference
        rows = self.status[self.status["data_set"].isin(["registration", "registration_year"])].dropna(
            subset=["first_period"])
        if rows.empty:
            return ()
        first = min(int(str(v)[:4]) for v in rows["first_period"])
        last = max(int(str(v)[:4]) for v in rows["last_period"])
        return tuple(range(first, last + 1))

    def demo_data_sets(self) -> list[str]:
        return self.status.loc[self.status["demo_rows"] > 0, "data_set"].tolist()

    def official_data_sets(self) -> list[str]:
        return self.status.loc[self.status["rows"] > self.status["demo_rows"], "data_set"].tolist()

    @cached_property
    def names(self) -> dict[str, str]:
        """AGS → short display name."""
        return dict(zip(self.towns["ags"], self.towns["name"], strict=True))

    def name_of(self, ags: str) -> str:
        return self.names.get(ags, ags)


def load_reference(db: Path) -> Reference:
    with reader(db) as con:
        return Reference(fetch(con, "municipalities"), fetch(con, "population_by_town_year"),
                         fetch(con, "data_status"))
