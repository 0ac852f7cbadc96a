"""Moves from place to place: where a town's newcomers come from and where its leavers go, the
strongest links between the towns, the districts' exchange, who moves between cities and small
towns, and the region's exchange with the outside. Pure functions on the flows of a period
(from_code, to_code, age_group, persons)."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.vocabulary import NRW_STATE_KEY, ORIGINS, PLACE_CLASSES, SIZE_CLASSES

# Inhabitants from which a town counts as a city (Mittelstadt and larger), and below which it is small.
CITY_FROM = 50_000
SMALL_BELOW = 20_000


def place_class(code: str, region: Collection[str]) -> str:
    """'town' for one of the region's towns, else the origin class an outside key belongs to
    (a key of NRW is 'nrw', another state's 'de'; the classes stand for themselves)."""
    if code in region:
        return "town"
    if code in PLACE_CLASSES:
        return code
    return "nrw" if code.startswith(NRW_STATE_KEY) else "de"


def size_class(population: float) -> str:
    if population >= CITY_FROM:
        return SIZE_CLASSES[0]
    return SIZE_CLASSES[1] if population >= SMALL_BELOW else SIZE_CLASSES[2]


def _ranked(frame: pd.DataFrame, by: str, population: pd.Series) -> pd.DataFrame:
    table = frame.groupby(by, as_index=False)["persons"].sum().rename(columns={by: "code"})
    total = table["persons"].sum()
    table["share"] = table["persons"] / total if total else np.nan
    # as floats: the map of an empty table keeps the codes' string type, and the division would fail
    inhabitants = table["code"].map(population).astype(float)
    table["per_1000_of_place"] = table["persons"] / inhabitants * 1000
    table = table.sort_values(["persons", "code"], ascending=[False, True]).reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table


@defines("flow_origins")
def origins_of(flows: pd.DataFrame, ags: str, population: pd.Series) -> pd.DataFrame:
    """Where the town's newcomers came from: code, persons, share of its newcomers, persons per
    1,000 inhabitants of the origin (towns of the region only), rank."""
    return _ranked(flows[flows["to_code"] == ags], "from_code", population)


@defines("flow_destinations")
def destinations_of(flows: pd.DataFrame, ags: str, population: pd.Series) -> pd.DataFrame:
    """Where the town's leavers went, as origins_of."""
    return _ranked(flows[flows["from_code"] == ags], "to_code", population)


def town_balance(flows: pd.DataFrame, ags: str, region: Collection[str]) -> dict[str, int]:
    """The town's moves from and to the other towns of the region, and the balance."""
    inside = flows["from_code"].isin(region) & flows["to_code"].isin(region)
    came = int(flows.loc[inside & (flows["to_code"] == ags), "persons"].sum())
    left = int(flows.loc[inside & (flows["from_code"] == ags), "persons"].sum())
    return {"inflow": came, "outflow": left, "net": came - left}


@defines("flow_links")
def links(flows: pd.DataFrame, region: Collection[str]) -> pd.DataFrame:
    """Pairs of towns of the region with their moves both ways: a, b (a < b), a_to_b, b_to_a,
    total, net_for_a; strongest first."""
    inside = flows[flows["from_code"].isin(region) & flows["to_code"].isin(region)]
    pairs = inside.groupby(["from_code", "to_code"], as_index=False)["persons"].sum()
    forward = pairs["from_code"] < pairs["to_code"]
    pairs = pairs.assign(
        a=np.where(forward, pairs["from_code"], pairs["to_code"]),
        b=np.where(forward, pairs["to_code"], pairs["from_code"]),
        a_to_b=np.where(forward, pairs["persons"], 0),
        b_to_a=np.where(forward, 0, pairs["persons"]),
    )
    table = pairs.groupby(["a", "b"], as_index=False)[["a_to_b", "b_to_a"]].sum()
    table["total"] = table["a_to_b"] + table["b_to_a"]
    table["net_for_a"] = table["b_to_a"] - table["a_to_b"]
    return table.sort_values(["total", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


@defines("flow_district_matrix")
def district_matrix(flows: pd.DataFrame, districts: pd.Series) -> pd.DataFrame:
    """Moves between the region's towns summed by district (from_district, to_district, persons);
    moves between two towns of one district are on the diagonal."""
    inside = flows[flows["from_code"].isin(districts.index) & flows["to_code"].isin(districts.index)]
    frame = inside.assign(
        from_district=inside["from_code"].map(districts), to_district=inside["to_code"].map(districts)
    )
    names = sorted(districts.unique())
    table = frame.groupby(["from_district", "to_district"])["persons"].sum()
    full = pd.MultiIndex.from_product([names, names], names=["from_district", "to_district"])
    return table.reindex(full, fill_value=0).astype("int64").reset_index()


@defines("flow_size_classes")
def size_class_balance(flows: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """Moves between towns of different size classes per age band: size_class, age_group, gained
    (from the other classes), lost (to them), net. Moves within a class cancel out and are left
    out, so the net says which size of town the age band moves to."""
    classes = population.map(size_class)
    inside = flows[flows["from_code"].isin(classes.index) & flows["to_code"].isin(classes.index)]
    moves = inside.assign(source=inside["from_code"].map(classes), target=inside["to_code"].map(classes))
    moves = moves[moves["source"] != moves["target"]]
    gained = moves.groupby(["target", "age_group"])["persons"].sum().rename_axis(["size_class", "age_group"])
    lost = moves.groupby(["source", "age_group"])["persons"].sum().rename_axis(["size_class", "age_group"])
    ages = sorted(flows["age_group"].unique())
    full = pd.MultiIndex.from_product([list(SIZE_CLASSES), ages], names=["size_class", "age_group"])
    table = pd.DataFrame({"gained": gained.reindex(full, fill_value=0), "lost": lost.reindex(full, fill_value=0)})
    table["net"] = table["gained"] - table["lost"]
    return table.astype("int64").reset_index()


def moves_between(flows: pd.DataFrame, population: pd.Series, source: str, target: str) -> pd.Series:
    """Persons per age band who moved from a town of size class `source` to one of `target`."""
    classes = population.map(size_class)
    chosen = flows[flows["from_code"].map(classes).eq(source) & flows["to_code"].map(classes).eq(target)]
    return chosen.groupby("age_group")["persons"].sum()


@defines("flow_outside_exchange")
def outside_exchange(moves: pd.DataFrame) -> pd.DataFrame:
    """The region's Zuzüge from and Fortzüge to the outside per origin class and age band (from
    the register): origin, age_group, inflow, outflow, net."""
    wide = moves.pivot_table(
        index=["origin", "age_group"], columns="direction", values="persons", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=["in", "out"], fill_value=0).rename(columns={"in": "inflow", "out": "outflow"})
    wide["net"] = wide["inflow"] - wide["outflow"]
    table = wide.astype("int64").reset_index()
    table.columns.name = None
    order = {o: i for i, o in enumerate(ORIGINS)}
    return table.sort_values(
        ["origin", "age_group"], key=lambda s: s.map(order) if s.name == "origin" else s
    ).reset_index(drop=True)
