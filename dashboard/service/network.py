"""Everything the Netzwerk page shows for a chosen date, and the round-table editor's write."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.kpis import network as kpi
from dashboard.queries import fetch
from dashboard.service import migration
from dashboard.service.reference import Reference
from dashboard.warehouse.connection import reader, writer

if TYPE_CHECKING:
    from dashboard.ingest.load import ImportResult

# what the Netzwerk page computes from the data it has loaded (the KPI layer's functions)
attendance_matrix = kpi.attendance_matrix
absent_in_last = kpi.absent_in_last
inflow_by_membership = kpi.inflow_by_membership


@dataclass(frozen=True)
class NetworkData:
    """Everything that does not depend on the chosen date (computed once per data version)."""

    first_day: dt.date
    last_day: dt.date
    membership: pd.DataFrame  # ags, network, joined_on, left_on
    growth: pd.DataFrame  # date, network, members, share_of_towns, share_of_population
    milestones: list[tuple[dt.date, str]]  # (date, key) found in the data
    editions: pd.DataFrame  # edition, date, host_ags, host, format, participants, towns, is_demo
    attendance: pd.DataFrame  # edition, ags
    bags_by_town: pd.DataFrame  # ags, name, since, handed_out, inflow, coverage
    bags_by_month: pd.DataFrame  # month, handed_out, inflow, coverage
    bags_by_town_month: pd.DataFrame  # ags, name, month, handed_out, inflow, coverage
    yearly_inflow: pd.DataFrame  # ags, year, inflow, population (all ages and origins)


def _milestones(membership: pd.DataFrame, editions: pd.DataFrame) -> list[tuple[dt.date, str]]:
    found = []
    fifteenth = editions[editions["edition"] == 15]
    if not fifteenth.empty:
        found.append((pd.Timestamp(fifteenth["date"].iloc[0]).date(), "milestone_round_table_15"))
    pioneers = membership[membership["network"] == "smart_cities_pionier"]
    if not pioneers.empty:
        found.append((pd.Timestamp(pioneers["joined_on"].min()).date(), "milestone_pioneers"))
    network = membership[membership["network"] == "smart_cities_netzwerk"].sort_values("joined_on")
    if len(network) >= 15:
        found.append((pd.Timestamp(network["joined_on"].iloc[14]).date(), "milestone_network_15"))
    return sorted(found)


@dataclass(frozen=True)
class NetworkDay:
    day: dt.date
    coverage: pd.DataFrame  # network, members, share_of_towns, share_of_population on `day`
    combinations: pd.DataFrame  # ags, name, combination on `day`


def network_on(data: NetworkData, reference: Reference, day: dt.date) -> NetworkDay:
    day = min(max(day, data.first_day), data.last_day)
    combinations = kpi.combination_at(data.membership, day, reference.region)
    return NetworkDay(
        day,
        kpi.coverage(data.membership, reference.population, day, reference.region),
        combinations.assign(name=combinations["ags"].map(reference.name_of)),
    )


def network_data(db: Path, reference: Reference) -> NetworkData:
    years = reference.years_with_registrations()
    with reader(db) as con:
        membership = fetch(con, "network_membership")
        editions = fetch(con, "round_table_editions")
        attendance = fetch(con, "round_table_attendance")
        bags = fetch(con, "welcome_bags_with_inflow")
        base = (
            migration.base_table(con, reference, years[0], years[-1])
            if years
            else pd.DataFrame(columns=["ags", "year", "inflow", "population"])
        )
    dates = [pd.Timestamp(d).date() for d in [*membership["joined_on"], *editions["date"]]]
    first = min(dates) if dates else dt.date.today()
    last = max([*dates, dt.date(years[-1], 12, 31)] if years else [*dates, first])
    names = reference.names
    counts = dict(attendance.groupby("edition").size())
    editions = editions.assign(
        host=editions["host_ags"].map(lambda a: names.get(a)), towns=editions["edition"].map(lambda e: counts.get(e, 0))
    )
    by_town = kpi.welcome_bag_coverage(bags, ["ags"])
    since = dict(
        membership.loc[membership["network"] == "willkommenstasche", ["ags", "joined_on"]].itertuples(
            index=False, name=None
        )
    )
    by_town = by_town.assign(name=by_town["ags"].map(names), since=by_town["ags"].map(lambda a: since.get(a)))
    return NetworkData(
        first,
        last,
        membership,
        kpi.growth(membership, reference.population, kpi.monthly_days(first, last), reference.region),
        _milestones(membership, editions),
        editions,
        attendance,
        by_town,
        kpi.welcome_bag_coverage(bags, ["month"]),
        kpi.welcome_bag_coverage(bags, ["ags", "month"]).assign(name=lambda d: d["ags"].map(names)),
        base[["ags", "year", "inflow", "population"]],
    )


def add_round_table_edition(
    db: Path, date: dt.date, host_ags: str | None, format_code: str, participants: int, attending: list[str]
) -> ImportResult:
    """Store a new edition through the round-table import (same validation, logged in import_log);
    raises ImportRefused with the problems, storing nothing."""
    with reader(db) as con:
        editions = fetch(con, "round_table_editions")
    edition = int(editions["edition"].max()) + 1 if not editions.empty else 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"runder-tisch-{edition}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow(["edition", "date", "host_ags", "format", "participants", "ags"])
            for ags in attending or [""]:
                out.writerow([edition, date.isoformat(), host_ags or "", format_code, participants, ags])
        # the import's validation (pandera) takes 0.3 s to import: only when an edition is added
        from dashboard.ingest.load import import_file

        with writer(db) as con:
            return import_file(
                con,
                path,
                "round-table",
                source_note="Eingabe im Netzwerk-Editor",
                file_name=f"Editor: Runder Tisch Nr. {edition}",
            )
