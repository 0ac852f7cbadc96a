"""Everything the Zuzug page shows, for one selection."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.kpis import migration as m
from dashboard.service import migration
from dashboard.service.reference import Reference
from dashboard.service.selection import Selection, towns_in
from dashboard.warehouse.connection import reader


@dataclass(frozen=True)
class InflowData:
    """The cards and trends are computed at once; the rest (map, ranking, breakdowns) when a panel
    first asks for it, since the page shows one of them at a time and a filter change should not
    wait for the others."""

    selection: Selection
    towns: list[str]
    summary: m.FlowSummary
    previous: m.FlowSummary
    monthly: pd.DataFrame  # month, inflow, outflow, net of the selected towns (register months only)
    yearly: pd.DataFrame  # year, inflow, outflow, net and per 1,000 of the selected towns
    comparison: pd.DataFrame  # year, ags, name, net_per_1000, inflow_per_1000
    annual_only: dict[int, int]  # year → selected towns whose figures are official annual ones only
    db: Path = field(repr=False)
    reference: Reference = field(repr=False)
    base: pd.DataFrame = field(repr=False)  # all towns per year of the period (migration.base_table)
    unusual: pd.DataFrame = field(repr=False)  # unusual town-years of all years

    @property
    def whole_region(self) -> bool:
        return self.summary.is_whole_region

    @cached_property
    def town_table(self) -> pd.DataFrame:
        """All 59 towns over the whole period (map and ranking)."""
        return m.by_town(self.base, self.reference.towns)

    @cached_property
    def town_year_table(self) -> pd.DataFrame:
        """All 59 towns per year (map slider, sparklines)."""
        return m.by_town(self.base, self.reference.towns, per_year=True)

    @cached_property
    def target_groups(self) -> pd.DataFrame:
        """target_group, year, inflow, outflow, net, missing_inflow, missing_outflow."""
        chosen = self.selection
        with reader(self.db) as con:
            by_age = migration.flows_by_age(
                con, chosen.year_from, chosen.year_to, chosen.months, self.towns, self.whole_region
            )
        return m.by_target_group(by_age[by_age["age_group"].isin(chosen.age_groups)], self.whole_region)

    @cached_property
    def origins(self) -> pd.DataFrame:
        """origin, year, inflow, outflow, net, missing_inflow, missing_outflow."""
        chosen = self.selection
        with reader(self.db) as con:
            by_origin = migration.flows_by_origin(
                con, chosen.year_from, chosen.year_to, chosen.months, chosen.age_groups, self.towns, self.whole_region
            )
        return m.by_origin(by_origin, self.whole_region)

    @cached_property
    def flagged(self) -> pd.DataFrame:
        """Unusual town-years of the period (ags, year, reason)."""
        period = self.unusual["year"].between(self.selection.year_from, self.selection.year_to)
        return self.unusual[period][["ags", "year", "reason"]]

    @cached_property
    def town_kinds(self) -> dict[str, tuple[str, ...]]:
        """ags → where its figures of the period come from."""
        return _kinds_by_town(self.base)

    @property
    def ranking(self) -> pd.DataFrame:
        """The selected towns with a known saldo per 1,000, highest first, with their yearly values
        as a sparkline (gaps where a year is unknown) and the unusual years of the period."""
        table = self.town_table[self.town_table["ags"].isin(self.towns)]
        wide = self.town_year_table.pivot(index="ags", columns="year", values="net_per_1000")
        trend = pd.Series(
            [[None if pd.isna(v) else round(float(v), 2) for v in row] for row in wide.to_numpy()],
            index=wide.index,
            name="trend",
        )
        flags = self.flagged.groupby("ags")["year"].agg(lambda years: ", ".join(map(str, sorted(years))))
        table = table.merge(trend, left_on="ags", right_index=True, how="left").assign(
            unusual_years=lambda d: d["ags"].map(flags).fillna(""),
            data_kinds=lambda d: d["ags"].map(lambda a: self.town_kinds.get(a, ())),
        )
        table = table[~self._incomplete(table)]
        return table.sort_values("net_per_1000", ascending=False).reset_index(drop=True)

    @staticmethod
    def _incomplete(table: pd.DataFrame) -> pd.Series:
        """Towns whose saldo of the period lacks a year (a marker) or is unknown altogether."""
        marked = table["in_marker"].notna() | table["out_marker"].notna()
        return table["net_per_1000"].isna() | marked

    @property
    def ranking_missing(self) -> pd.DataFrame:
        """The selected towns listed apart from the ranking because a figure of the period is
        unknown (ags, name, reason)."""
        table = self.town_table[self.town_table["ags"].isin(self.towns) & self.town_table["has_data"]]
        table = table[self._incomplete(table)]
        return pd.DataFrame(
            {
                "ags": table["ags"],
                "name": table["name"],
                "reason": table["out_marker"].fillna(table["in_marker"]).fillna("missing"),
            }
        ).reset_index(drop=True)


def inflow_data(
    db: Path,
    reference: Reference,
    selection: Selection,
    comparison_towns: tuple[str, ...] = (),
    unusual: pd.DataFrame | None = None,
    every_year: EveryYear | None = None,
) -> InflowData:
    """The page's data; with `every_year` (the tables of the selection's months, ages and towns
    over every year, see `EveryYear`), the periods are cut from them instead of queried."""
    towns = towns_in(selection, reference.town_districts)
    whole_region = set(towns) >= set(reference.region)
    previous_selection = selection.previous()
    span = every_year.span if every_year else None
    # one base table for the previous and the current period
    both = migration.years_of(every_year and every_year.base, span, previous_selection.year_from, selection.year_to)
    monthly = migration.years_of(every_year and every_year.monthly, span, selection.year_from, selection.year_to)
    if both is None or monthly is None:
        with reader(db) as con:
            both = migration.base_table(
                con, reference, previous_selection.year_from, selection.year_to, selection.months, selection.age_groups
            )
            monthly = migration.flows_by_month(
                con, selection.year_from, selection.year_to, selection.months, towns, whole_region
            )
    if unusual is None:
        unusual = unusual_town_years(db, reference)
    in_groups = monthly[monthly["age_group"].isin(selection.age_groups)]
    base = both[both["year"] >= selection.year_from]
    previous = both[(both["year"] < selection.year_from) & both["ags"].isin(towns)]
    chosen = base[base["ags"].isin(towns)]
    yearly = m.aggregate(chosen, ["year"], whole_region)
    return InflowData(
        selection,
        towns,
        m.summary_of(chosen, whole_region),
        m.summary_of(previous, whole_region),
        m.over_time(in_groups, "month", whole_region),
        yearly,
        _comparison(yearly, base, reference, comparison_towns),
        migration.annual_only(chosen, towns),
        db,
        reference,
        base,
        unusual,
    )


@dataclass(frozen=True)
class EveryYear:
    """The base table and the monthly flows over every year a selection can reach
    (`migration.every_year_span`, `every_year_base`, `every_year_monthly`): a change of the years
    is then a slice, not two queries."""

    span: tuple[int, int] | None
    base: pd.DataFrame | None = field(repr=False)
    monthly: pd.DataFrame | None = field(repr=False)


def every_year_base(db: Path, reference: Reference, months: tuple[int, ...], age_groups: tuple[str, ...]):
    """The base table of every town over every year a selection can reach (`EveryYear.base`):
    it depends on the months and age bands only, so a change of years or towns reuses it."""
    span = migration.every_year_span(reference)
    if span is None:
        return None
    with reader(db) as con:
        return migration.base_table(con, reference, *span, months, age_groups)


def every_year_monthly(db: Path, reference: Reference, towns: tuple[str, ...], months: tuple[int, ...]):
    """The monthly flows of the selected towns (all age bands) over every year a selection can
    reach (`EveryYear.monthly`): a change of years or target groups reuses it."""
    span = migration.every_year_span(reference)
    if span is None:
        return None
    with reader(db) as con:
        return migration.flows_by_month(con, *span, months, towns, set(towns) >= set(reference.region))


def _kinds_by_town(base: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    pairs = base[["ags", "flow_kind"]].dropna().drop_duplicates()
    kinds: dict[str, tuple[str, ...]] = {}
    for ags, kind in pairs.itertuples(index=False, name=None):
        kinds[ags] = tuple(sorted((*kinds.get(ags, ()), kind)))
    return kinds


def _comparison(yearly, base, reference, comparison_towns) -> pd.DataFrame:
    """Yearly rates per 1,000: the selection as one line, each comparison town as another."""
    columns = ["year", "ags", "net_per_1000", "inflow_per_1000"]
    combined = yearly.assign(ags="selection")[columns]
    if comparison_towns:  # most runs have none: no second aggregation then
        others = m.aggregate(base[base["ags"].isin(comparison_towns)], ["ags", "year"])
        combined = pd.concat([combined, others[columns]], ignore_index=True)
    return combined.assign(name=combined["ags"].map(reference.name_of))


def unusual_town_years(db: Path, reference: Reference) -> pd.DataFrame:
    """Town-years whose in-migration is far above the town's own history of the same source or
    its share of the region's inhabitants (all data, all ages)."""
    years = reference.years_with_registrations()
    if not years:
        return pd.DataFrame(
            columns=["ags", "name", "year", "inflow", "inflow_per_1000", "median_per_1000", "share_ratio", "reason"]
        )
    with reader(db) as con:
        base = migration.base_table(con, reference, years[0], years[-1])
    table = m.unusual_years(base)
    return table.assign(name=table["ags"].map(reference.name_of))
