"""Everything the Zuzug page shows, for one selection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.kpis import migration as m
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS, Selection, towns_in
from dashboard.warehouse.connection import reader


@dataclass(frozen=True)
class InflowData:
    selection: Selection
    towns: list[str]
    summary: m.FlowSummary
    previous: m.FlowSummary
    town_table: pd.DataFrame  # all 59 towns over the whole period (map and ranking)
    town_year_table: pd.DataFrame  # all 59 towns per year (map slider, sparklines)
    monthly: pd.DataFrame  # month, inflow, outflow, net of the selected towns
    yearly: pd.DataFrame  # year, inflow, outflow, net and per 1,000 of the selected towns
    comparison: pd.DataFrame  # year, ags, name, net_per_1000, inflow_per_1000
    target_groups: pd.DataFrame  # target_group, year, inflow, outflow, net
    origins: pd.DataFrame  # origin, year, inflow, outflow, net

    @property
    def whole_region(self) -> bool:
        return self.summary.is_whole_region

    @property
    def ranking(self) -> pd.DataFrame:
        """The selected towns by net migration per 1,000, with their yearly values as a sparkline."""
        table = self.town_table[self.town_table["ags"].isin(self.towns)]
        wide = self.town_year_table.pivot(index="ags", columns="year", values="net_per_1000")
        trend = pd.Series(wide.round(2).fillna(0).to_numpy().tolist(), index=wide.index, name="trend")
        table = table.merge(trend, left_on="ags", right_index=True, how="left")
        return table.sort_values("net_per_1000", ascending=False).reset_index(drop=True)


def _base(con, year_from: int, year_to: int, months, age_groups) -> pd.DataFrame:
    return fetch(con, "town_year_base", year_from=year_from, year_to=year_to, months=list(months),
                 age_groups=list(age_groups))


def inflow_data(db: Path, reference: Reference, selection: Selection,
                comparison_towns: tuple[str, ...] = ()) -> InflowData:
    towns = towns_in(selection, reference.town_districts)
    whole_region = set(towns) >= set(reference.region)
    previous_selection = selection.previous()
    with reader(db) as con:
        # one base table for the previous and the current period
        both = _base(con, previous_selection.year_from, selection.year_to, selection.months,
                     selection.age_groups)
        detail = fetch(con, "flows_by_month_age", year_from=selection.year_from,
                       year_to=selection.year_to, months=list(selection.months),
                       ags=[] if whole_region else towns, all_towns=whole_region)
    in_groups = detail[detail["age_group"].isin(selection.age_groups)]
    base = both[both["year"] >= selection.year_from]
    previous = both[(both["year"] < selection.year_from) & both["ags"].isin(towns)]
    chosen = base[base["ags"].isin(towns)]
    yearly = m.aggregate(chosen, ["year"], whole_region)
    return InflowData(
        selection, towns, m.summary_of(chosen, whole_region), m.summary_of(previous, whole_region),
        m.by_town(base, reference.towns), m.by_town(base, reference.towns, per_year=True),
        m.over_time(in_groups, "month", whole_region), yearly,
        _comparison(yearly, base, reference, comparison_towns),
        m.by_target_group(detail, whole_region), m.by_origin(in_groups, whole_region))


def _comparison(yearly, base, reference, comparison_towns) -> pd.DataFrame:
    """Yearly rates per 1,000: the selection as one line, each comparison town as another."""
    columns = ["year", "ags", "net_per_1000", "inflow_per_1000"]
    combined = yearly.assign(ags="selection")[columns]
    if comparison_towns:  # most runs have none: no second aggregation then
        others = m.aggregate(base[base["ags"].isin(comparison_towns)], ["ags", "year"])
        combined = pd.concat([combined, others[columns]], ignore_index=True)
    return combined.assign(name=combined["ags"].map(reference.name_of))


def unusual_town_years(db: Path, reference: Reference) -> pd.DataFrame:
    """Town-years whose in-migration is far above the town's own history (all data, all ages)."""
    years = reference.years_with_registrations()
    if not years:
        return pd.DataFrame(columns=["ags", "name", "year", "inflow", "inflow_per_1000", "median_per_1000"])
    with reader(db) as con:
        base = _base(con, years[0], years[-1], ALL_MONTHS, m.AGE_GROUPS)
    table = m.unusual_years(base)
    return table.assign(name=table["ags"].map(reference.name_of))
