"""Everything the Überblick shows: the leadership KPIs of the region for whole years, their
goals, and the notable changes among the towns."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.i18n.format import kpi_value, number, parse_number
from dashboard.ingest.load import ImportResult, import_file
from dashboard.kpis import highlights, overview, targets
from dashboard.kpis import migration as m
from dashboard.kpis.network import growth
from dashboard.queries import fetch
from dashboard.service import migration
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS, Selection
from dashboard.warehouse.connection import reader, writer

# the KPIs' units and directions, as the page shows them
UNIT = overview.UNIT
LOWER_IS_BETTER = overview.LOWER_IS_BETTER

# The data sets each Überblick KPI is made of (its demo marker follows them).
KPI_DATA_SETS = {
    "inflow": ("migration",),
    "net": ("migration",),
    "net_familien": ("migration",),
    "net_bildung": ("migration",),
    "leads": ("campaign_activity",),
    "cost_per_lead": ("campaign_activity",),
    "network_coverage": ("network_membership",),
    "welcome_bag_coverage": ("welcome_bag", "migration"),
}


@dataclass(frozen=True)
class KpiCard:
    kpi: str
    value: float
    previous: float  # the period of equal length before (NaN where there is none)
    target: float  # NaN without a goal for every year of the period
    status: str | None  # 'reached', 'close', 'missed' or None
    trend: list[float]  # one value per year of data, for the sparkline (NaN where unknown)
    trend_years: list[int]
    missing: tuple[tuple[str, str], ...] = ()  # towns (ags, reason) left out of the known part
    official_years: tuple[int, ...] = ()  # years of the period resting on official annual figures
    demo_years: tuple[int, ...] = ()  # years of the period resting on demo data
    value_gaps: tuple[int, ...] = ()  # years of the period without the KPI's data
    previous_gaps: tuple[int, ...] = ()  # the same for the previous period
    target_gaps: tuple[int, ...] = ()  # years whose goal the period's goal needs and lacks

    @property
    def change(self) -> float:
        """Against the previous period (NaN where there is none)."""
        return m.change(self.value, self.previous)[0]


@dataclass(frozen=True)
class OverviewData:
    year_from: int
    year_to: int
    cards: list[KpiCard]
    yearly: pd.DataFrame  # year, kpi, value (every year of data)
    targets: pd.DataFrame  # kpi, scope, year, value, is_demo
    has_previous: bool
    gains: pd.DataFrame  # the largest changes that are good news (ags, name, district, measure, …)
    declines: pd.DataFrame  # the largest changes that are bad news
    town_table: pd.DataFrame  # every town over the period: flows and rates (the region's map)
    basis: m.Basis  # what the period's migration figures rest on (sources, missing towns)
    previous_town_table: pd.DataFrame | None = field(repr=False)  # None without a previous period
    reference: Reference = field(repr=False)

    # the workbook and the slides need these, the page does not: computed when first asked for
    @cached_property
    def highlights(self) -> pd.DataFrame:
        """ags, name, district, measure, current, previous, change, score."""
        if self.previous_town_table is None:
            return _no_changes()
        return _named(highlights.largest_changes(self.town_table, self.previous_town_table), self.reference)

    @cached_property
    def changes_by_measure(self) -> dict[str, pd.DataFrame]:
        """Per measure its largest rises and falls."""
        if self.previous_town_table is None:
            return {}
        return {
            measure: _named(highlights.changes_of(self.town_table, self.previous_town_table, measure), self.reference)
            for measure in highlights.HIGHLIGHT_MEASURES
        }

    @property
    def previous_years(self) -> list[int]:
        return Selection(self.year_from, self.year_to).previous().years

    def card(self, kpi: str) -> KpiCard:
        return next(c for c in self.cards if c.kpi == kpi)

    @property
    def soll_ist(self) -> pd.DataFrame:
        """One row per KPI: value, previous, target, status, gap (the cards as a table)."""
        return pd.DataFrame(
            [
                {
                    "kpi": c.kpi,
                    "value": c.value,
                    "previous": c.previous,
                    "target": c.target,
                    "status": c.status,
                    "gap": targets.target_gap(c.kpi, c.value, c.target),
                }
                for c in self.cards
            ]
        )


@dataclass(frozen=True)
class OverviewBase:
    """What the Überblick needs that does not depend on the chosen period: computed once per data
    version, so a filter change costs only the notable changes of the new period."""

    components: pd.DataFrame  # yearly parts of the KPIs (all years of data)
    yearly: pd.DataFrame  # year, kpi, value
    goals: pd.DataFrame  # kpi, scope, year, value, is_demo
    data_years: list[int]
    town_years: pd.DataFrame  # the base table (town × year) of all years of data, for the highlights
    missing: dict[str, dict[int, tuple[tuple[str, str], ...]]]  # kpi → year → towns left out
    sources: dict[str, tuple[int, ...]]  # 'official' / 'demo' → years of migration data


def _missing_by_year(base: pd.DataFrame, groups: pd.DataFrame) -> dict[str, dict[int, tuple]]:
    """Per KPI and year, the towns whose figure is unknown (the cards name them)."""
    missing: dict[str, dict[int, tuple]] = {"inflow": {}, "net": {}, "net_familien": {}, "net_bildung": {}}
    for year, rows in base.groupby("year"):
        basis = m.basis_of(rows)
        missing["inflow"][int(year)], missing["net"][int(year)] = basis.missing_inflow, basis.missing_net
    for row in groups[groups["target_group"].isin(["familien", "bildung"])].itertuples():
        missing[f"net_{row.target_group}"][int(row.year)] = tuple(
            dict.fromkeys([*row.missing_inflow, *row.missing_outflow])
        )
    return missing


def overview_base(db: Path, reference: Reference) -> OverviewBase:
    years = reference.years_with_registrations() or [dt.date.today().year]
    first, last = years[0], years[-1]
    with reader(db) as con:
        base = migration.base_table(con, reference, first, last)
        by_age = migration.flows_by_age(con, first, last, ALL_MONTHS, [], whole_region=True)
        activity = fetch(
            con, "campaign_activity_by_month", date_from=dt.date(first, 1, 1), date_to=dt.date(last, 12, 31)
        )
        bags = fetch(con, "welcome_bags_with_inflow")
        membership = fetch(con, "network_membership")
        goals = fetch(con, "kpi_targets")
    data_years = sorted(base["year"].unique().tolist())
    year_ends = [dt.date(y, 12, 31) for y in data_years]
    network = growth(
        membership[membership["network"] == overview.COVERAGE_NETWORK],
        reference.population,
        year_ends,
        reference.region,
    )
    coverage = pd.DataFrame(
        {"year": [d.year for d in network["date"]], "share_of_towns": network["share_of_towns"].to_numpy()}
    )
    bags = bags[pd.to_datetime(bags["month"]).dt.year.between(first, last)]
    groups = m.by_target_group(by_age, whole_region=True)
    components = overview.yearly_components(
        m.aggregate(base, ["year"], whole_region=True), groups, activity, bags, coverage
    )
    # once a network is recorded, years without any membership yet have a coverage of 0
    if not membership.empty:
        components["network_coverage"] = components["network_coverage"].fillna(0.0)
    sources = {
        kind: tuple(sorted(int(y) for y in base.loc[base["flow_kind"] == kind, "year"].unique()))
        for kind in ("official", "demo")
    }
    return OverviewBase(
        components, overview.yearly_values(components), goals, data_years, base, _missing_by_year(base, groups), sources
    )


def overview_data(
    db: Path, reference: Reference, year_from: int, year_to: int, base: OverviewBase | None = None
) -> OverviewData:
    base = base or overview_base(db, reference)
    chosen = Selection(year_from, year_to)
    current_years, previous_years = chosen.years, chosen.previous().years
    has_previous = set(previous_years) <= set(base.data_years)
    now = overview.values_over(base.components, current_years)
    before = overview.values_over(base.components, previous_years) if has_previous else dict.fromkeys(now, np.nan)
    cards = []
    yearly_by_kpi = dict(tuple(base.yearly.groupby("kpi", sort=False)))
    for kpi in overview.OVERVIEW_KPIS:
        goal = targets.period_target(base.goals, kpi, current_years)
        series = yearly_by_kpi.get(kpi, base.yearly.iloc[0:0])
        missing = tuple(
            dict.fromkeys(town for year in current_years for town in base.missing.get(kpi, {}).get(year, ()))
        )
        official = tuple(y for y in base.sources["official"] if y in current_years) if kpi in base.missing else ()
        demo = sorted(
            {
                y
                for data_set in KPI_DATA_SETS[kpi]
                for y in reference.kinds_by_year(data_set).get("demo", [])
                if y in current_years
            }
        )
        cards.append(
            KpiCard(
                kpi,
                now[kpi],
                before[kpi],
                goal,
                targets.attainment(kpi, now[kpi], goal),
                series["value"].tolist(),
                series["year"].astype(int).tolist(),
                missing,
                official,
                tuple(demo),
                tuple(overview.unreported_years(base.components, kpi, current_years)),
                tuple(overview.unreported_years(base.components, kpi, previous_years)) if has_previous else (),
                tuple(targets.missing_target_years(base.goals, kpi, current_years)),
            )
        )
    # the base table of all years already holds both periods; only a period reaching past the
    # data (grid rows without flows) needs its own
    if set(current_years) <= set(base.data_years):
        towns = base.town_years
    else:
        with reader(db) as con:
            towns = migration.base_table(con, reference, previous_years[0], year_to)
    now_by_town = m.by_town(towns[towns["year"].isin(current_years)], reference.towns)
    gains, declines, before_by_town = _no_changes(), _no_changes(), None
    if has_previous:
        before_by_town = m.by_town(towns[towns["year"].isin(previous_years)], reference.towns)
        gains, declines = (_named(t, reference) for t in highlights.gains_and_declines(now_by_town, before_by_town))
    return OverviewData(
        year_from,
        year_to,
        cards,
        base.yearly,
        base.goals,
        has_previous,
        gains,
        declines,
        now_by_town,
        m.basis_of(towns[towns["year"].isin(current_years)]),
        before_by_town,
        reference,
    )


def _no_changes() -> pd.DataFrame:
    return pd.DataFrame(columns=["ags", "name", "district", "measure", "current", "previous", "change", "score"])


def _named(found: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    towns = reference.towns.set_index("ags")
    return found.assign(name=found["ags"].map(towns["name"]), district=found["ags"].map(towns["district"]))


def targets_for_editing(goals: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """The goals as the editor shows them: the KPI's name, the year, the value written as users
    read it (48.690 · 50,00 € · 60,0 %)."""
    return pd.DataFrame(
        {
            "kpi": goals["kpi"].map(labels).astype(object),
            "year": goals["year"].astype("Int64"),
            "value": [
                kpi_value(value, overview.UNIT.get(kpi, "count"), lang)
                if overview.UNIT.get(kpi) != "count"
                else number(value, lang)
                for kpi, value in zip(goals["kpi"], goals["value"], strict=True)
            ],
        }
    )


def save_targets(db: Path, table: pd.DataFrame, labels: dict[str, str] | None = None, lang: str = "de") -> ImportResult:
    """Store edited goals (kpi as code or as its name in `labels`, year, value as a number or as
    text in the UI language) through the targets import: the same validation and log as a file;
    raises ImportRefused with line and column, storing nothing. A value that is not a number
    reaches the import as written, which refuses it with its place."""
    codes = {label: code for code, label in (labels or {}).items()}
    rows = table.dropna(how="all")
    kpi = rows["kpi"].map(lambda k: codes.get(k, k))
    value = [parsed if (parsed := parse_number(v, lang)) is not None else v for v in rows["value"]]
    out = pd.DataFrame({"kpi": kpi, "scope": rows.get("scope", "region"), "year": rows["year"], "value": value})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ziele.csv"
        out.to_csv(path, index=False, encoding="utf-8")
        with writer(db) as con:
            return import_file(con, path, "targets", source_note="Eingabe im Überblick", file_name="Editor: Ziele")


@dataclass(frozen=True)
class Alert:
    """A KPI whose year runs behind its goal (pro rata while the year is not complete)."""

    kpi: str
    year: int
    actual: float
    target: float  # the part of the yearly goal due by now
    gap: float  # as a share of the goal (negative: behind)
    months: int  # months of the year the data cover


# The data set whose last month tells how far a KPI's year is covered.
COVERED_BY = {
    "inflow": "registration",
    "net": "registration",
    "net_familien": "registration",
    "net_bildung": "registration",
    "leads": "campaign_activity",
}


def _months_covered(reference: Reference, kpi: str, year: int) -> int:
    data_set = COVERED_BY.get(kpi)
    if data_set is None:
        return 12
    if "registration_year" in set(reference.status["data_set"]) and data_set == "registration":
        official = reference.kinds_by_year("migration").get("official", [])
        if year in official:
            return 12
    rows = reference.status[reference.status["data_set"] == data_set]
    if rows.empty or pd.isna(rows["last_period"].iloc[0]):
        return 12
    last = pd.Timestamp(str(rows["last_period"].iloc[0]))
    return last.month if last.year == year else 12


def alerts(
    db: Path, reference: Reference, year: int | None = None, share: float = 0.05, base: OverviewBase | None = None
) -> list[Alert]:
    """Every KPI whose `year` (default: the latest year of data) runs behind its goal by more than
    `share` of it; counts are compared with the goal pro rata for the months the data cover."""
    base = base or overview_base(db, reference)
    year = year or (base.data_years[-1] if base.data_years else dt.date.today().year)
    values = overview.values_over(base.components, [year])
    found = []
    for kpi in overview.OVERVIEW_KPIS:
        goal = targets.period_target(base.goals, kpi, [year])
        if np.isnan(goal) or np.isnan(values[kpi]):
            continue
        months = _months_covered(reference, kpi, year)
        due = targets.year_to_date_target(kpi, goal, months)
        if targets.behind(kpi, values[kpi], due, share):
            found.append(Alert(kpi, year, values[kpi], due, targets.target_gap(kpi, values[kpi], due), months))
    return found
