"""Everything the Ströme page (and the Steckbrief's links) show for one selection and one town."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.i18n import t
from dashboard.i18n.format import number
from dashboard.kpis import flows as kpi
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.service.selection import Selection, towns_in
from dashboard.vocabulary import NRW_STATE_KEY, PLACE_CLASSES, SIZE_CLASSES
from dashboard.warehouse.connection import reader

# Age bands of the families' question: children and the age of their parents.
FAMILY_AGES = ("0-17", "30-49")


@dataclass(frozen=True)
class FlowsData:
    """The cards' figures are computed at once; each tab's tables (links, districts, size classes,
    the exchange with the outside) when the tab first asks, since the page shows one at a time."""

    selection: Selection
    ags: str
    has_flows: bool  # any flows in the warehouse for the period
    is_demo: bool
    population: pd.Series  # ags → inhabitants at the end of the period
    names: dict[str, str]
    districts: pd.Series  # ags → district
    origins: pd.DataFrame  # code, persons, share, per_1000_of_place, rank (the town's newcomers)
    destinations: pd.DataFrame  # the same for the town's leavers
    balance: dict[str, int]  # inflow, outflow, net with the other towns of the region
    db: Path = field(repr=False)
    flows: pd.DataFrame = field(repr=False)  # from_code, to_code, age_group, persons, is_demo (the period)

    @cached_property
    def links(self) -> pd.DataFrame:
        """a, b, a_to_b, b_to_a, total, net_for_a"""
        return kpi.links(self.flows, set(self.names))

    @cached_property
    def districts_matrix(self) -> pd.DataFrame:
        """from_district, to_district, persons"""
        return kpi.district_matrix(self.flows, self.districts)

    @cached_property
    def size_classes(self) -> pd.DataFrame:
        """size_class, age_group, gained, lost, net"""
        return kpi.size_class_balance(self.flows, self.population)

    @cached_property
    def _moves(self) -> pd.DataFrame:
        with reader(self.db) as con:
            return fetch(con, "exchange_by_origin_age", **_period(self.selection))

    @cached_property
    def outside(self) -> pd.DataFrame:
        """origin, age_group, inflow, outflow, net (from the register)"""
        return kpi.outside_exchange(self._moves)

    @property
    def outside_is_demo(self) -> bool:
        return bool(self._moves["is_demo"].any()) if not self._moves.empty else False

    def place(self, code: str, lang: str) -> str:
        """A place as a reader names it: the town, the district or state by its key, or the class."""
        if code in self.names:
            return self.names[code]
        if code in PLACE_CLASSES:
            return t(f"origin.{code}", lang)
        where = "nrw" if code.startswith(NRW_STATE_KEY) else "de"
        kind = {8: "municipality", 5: "district", 2: "state"}[len(code)]
        return t(f"flows.outside_{kind}", lang, code=code, where=t(f"origin.{where}", lang))

    def top_regional_origin(self) -> str | None:
        """The town of the region most of the chosen town's newcomers came from, or None."""
        regional = self.origins[self.origins["code"].isin(self.names)]
        return None if regional.empty else str(regional["code"].iloc[0])

    def named(self, table: pd.DataFrame, lang: str) -> pd.DataFrame:
        """A ranked table (origins, destinations) with each place's name beside its key."""
        return table.assign(place=[self.place(c, lang) for c in table["code"]])

    def named_links(self, table: pd.DataFrame, lang: str) -> pd.DataFrame:
        return table.assign(
            a_name=table["a"].map(lambda c: self.place(c, lang)), b_name=table["b"].map(lambda c: self.place(c, lang))
        )

    def district_table(self) -> pd.DataFrame:
        """The districts' exchange as a matrix: old address's district in rows, the new one's in columns."""
        wide = self.districts_matrix.pivot(index="from_district", columns="to_district", values="persons")
        wide.columns.name = None
        return wide.reset_index()

    def top_links(self, n: int) -> pd.DataFrame:
        """The n strongest links of the region, and every link of the chosen town among them first."""
        own = self.links[(self.links["a"] == self.ags) | (self.links["b"] == self.ags)]
        return pd.concat([self.links.head(n), own.head(n)]).drop_duplicates(["a", "b"]).reset_index(drop=True)

    def families_sentence(self, lang: str) -> str:
        """Plain answer to "do families move from the cities to the small towns?" from the size classes."""
        families = self.size_classes[self.size_classes["age_group"].isin(FAMILY_AGES)]
        if families.empty or not families[["gained", "lost"]].to_numpy().any():
            return t("flows.families_none", lang)
        net = families.groupby("size_class")["net"].sum()
        city, small = SIZE_CLASSES[0], SIZE_CLASSES[-1]
        key = "flows.families_to_small" if net.get(small, 0) > 0 > net.get(city, 0) else "flows.families_not_to_small"
        return t(
            key,
            lang,
            small=number(net.get(small, 0), lang, sign=True),
            city=number(net.get(city, 0), lang, sign=True),
        )


def default_town(reference: Reference, selection: Selection) -> str:
    """The first town of the sidebar's choice, else the most populous town of the chosen districts."""
    if selection.towns:
        return selection.towns[0]
    towns = towns_in(selection, reference.town_districts)
    inhabitants = reference.inhabitants(selection.year_to).reindex(towns)
    return str(inhabitants.idxmax()) if inhabitants.notna().any() else towns[0]


def _period(selection: Selection) -> dict[str, object]:
    return {
        "year_from": selection.year_from,
        "year_to": selection.year_to,
        "months": list(selection.months),
        "age_groups": selection.age_groups,
    }


def flows_data(db: Path, reference: Reference, selection: Selection, ags: str) -> FlowsData:
    with reader(db) as con:
        flows = fetch(con, "flows_by_pair", **_period(selection))
    population = reference.inhabitants(selection.year_to)
    return FlowsData(
        selection=selection,
        ags=ags,
        has_flows=not flows.empty,
        is_demo=bool(flows["is_demo"].any()) if not flows.empty else False,
        population=population,
        names=reference.names,
        districts=reference.towns.set_index("ags")["district"],
        origins=kpi.origins_of(flows, ags, population),
        destinations=kpi.destinations_of(flows, ags, population),
        balance=kpi.town_balance(flows, ags, set(reference.region)),
        db=db,
        flows=flows,
    )
