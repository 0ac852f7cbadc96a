"""Zuzüge, Fortzüge, Saldo, rates per 1,000, target groups, origin and data-quality flags.

One layer for both grains: the base table (town × year) and the yearly breakdowns carry the
register's sums and the official annual figures alike, so every view over whole years reads the
same functions. A figure that is unknown (a GENESIS marker, a table without age bands, a choice of
months for an annual figure) stays unknown: a group's sum is the known part, and the towns left
out are named with their reason.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.vocabulary import (
    AGE_GROUPS,
    FAMILY_INKAR_OLD,
    INTRA_REGIONAL,
    ORIGIN_ORDER,
    TARGET_GROUPS,
)

# A town-year whose in-migration per 1,000 exceeds this multiple of the town's own median (of
# years of the same source), or whose share of the region's in-migration exceeds this multiple of
# its share of the region's population.
OUTLIER_FACTOR = 2.0
YEAR_END = (12, 31)


def age_groups_for(target_groups: Collection[str]) -> list[str]:
    """The age bands of the chosen target groups (all bands when none is chosen)."""
    if not target_groups:
        return list(AGE_GROUPS)
    return [a for a in AGE_GROUPS if any(a in TARGET_GROUPS[g] for g in target_groups)]


def target_groups_of(target_group_code: str) -> list[str]:
    """'bildung+berufseinstieg' → ['bildung', 'berufseinstieg']."""
    return [part for part in target_group_code.split("+") if part in TARGET_GROUPS]


# ---------- inhabitants

POPULATION_COLUMNS = ["ags", "year", "persons", "is_estimate", "reference_date", "kind", "is_other_date"]


@defines("per_1000")
def population_for(population: pd.DataFrame, towns: Collection[str], years: Collection[int]) -> pd.DataFrame:
    """The inhabitants each rate per 1,000 of a town-year uses (ags, year, persons, is_estimate,
    reference_date, kind, is_other_date): the figure of 31.12. of that year; else another
    reference date of the year (30.06., the census of 15.05.2022); else the nearest year (the
    earlier one on a tie), again 31.12. first. `is_other_date` says a figure of another date was
    taken, `is_estimate` that it is an estimate or of another year.

    `population` has one row per town and reference date: ags, year, reference_date, persons,
    is_estimate and the kind of its source (official, own, demo, estimate)."""
    wanted = pd.MultiIndex.from_product([sorted(set(towns)), sorted(set(years))], names=["ags", "year"]).to_frame(
        index=False
    )
    if population.empty or wanted.empty:
        return wanted.assign(persons=np.nan, is_estimate=True, reference_date=pd.NaT, kind=None, is_other_date=False)[
            POPULATION_COLUMNS
        ]
    known = population[population["ags"].isin(set(towns))]
    known = known.assign(
        reference_date=pd.to_datetime(known["reference_date"])
        if "reference_date" in known
        else pd.to_datetime(known["year"].astype(str) + "-12-31")
    )
    if "kind" not in known:
        known = known.assign(kind=np.where(known["is_estimate"], "estimate", "own"))
    known = known.rename(columns={"year": "known_year"})[
        ["ags", "known_year", "reference_date", "persons", "is_estimate", "kind"]
    ]
    pairs = wanted.merge(known, on="ags", how="left")
    year_end = (pairs["reference_date"].dt.month == YEAR_END[0]) & (pairs["reference_date"].dt.day == YEAR_END[1])
    pairs = pairs.assign(
        distance=(pairs["known_year"] - pairs["year"]).abs(),
        not_year_end=~year_end,
        later=pairs["known_year"] > pairs["year"],
    )
    best = pairs.sort_values(["ags", "year", "distance", "not_year_end", "later"], na_position="last").drop_duplicates(
        ["ags", "year"]
    )
    other_year = best["known_year"] != best["year"]
    best = best.assign(
        is_estimate=best["is_estimate"].fillna(True).astype(bool) | other_year | best["persons"].isna(),
        is_other_date=best["persons"].notna() & (other_year | best["not_year_end"]),
    )
    return best.sort_values(["ags", "year"]).reset_index(drop=True)[POPULATION_COLUMNS]


def with_population(base: pd.DataFrame, inhabitants: pd.DataFrame) -> pd.DataFrame:
    """The base table with the inhabitants of each town-year (from `population_for`)."""
    chosen = inhabitants.rename(
        columns={
            "persons": "population",
            "reference_date": "population_date",
            "kind": "population_kind",
            "is_other_date": "population_other_date",
        }
    )
    merged = base.merge(chosen, on=["ags", "year"], how="left")
    return merged.assign(
        population=merged["population"].astype(float),
        is_estimate=merged["is_estimate"].fillna(True).astype(bool),
        population_other_date=merged["population_other_date"].fillna(False).astype(bool),
    )


# ---------- flows


@dataclass(frozen=True)
class Basis:
    """What a figure of a group of town-years rests on: which towns' values are unknown and why,
    which years are official (moves within the group then cannot be taken out), and where the
    inhabitants of its rates come from."""

    missing_inflow: tuple[tuple[str, str], ...] = ()  # (ags, reason)
    missing_outflow: tuple[tuple[str, str], ...] = ()
    official_years: tuple[int, ...] = ()
    register_years: tuple[int, ...] = ()
    demo_years: tuple[int, ...] = ()
    population_kinds: frozenset[str] = field(default_factory=frozenset)
    population_dates: tuple[str, ...] = ()  # ISO dates of figures of another date than 31.12.
    population_is_estimate: bool = False

    @property
    def missing_net(self) -> tuple[tuple[str, str], ...]:
        return tuple(dict.fromkeys([*self.missing_inflow, *self.missing_outflow]))

    @property
    def population_is_demo(self) -> bool:
        return "demo" in self.population_kinds


@dataclass(frozen=True)
class FlowSummary:
    inflow: float  # the known part (NaN when no town's value is known)
    outflow: float
    net: float
    population_years: float
    inflow_per_1000: float
    outflow_per_1000: float
    net_per_1000: float
    is_whole_region: bool
    population_is_estimate: bool
    has_data: bool
    basis: Basis = field(default_factory=Basis)


_MEASURES = ("inflow", "outflow", "net")


def _known_parts(base: pd.DataFrame, whole_region: bool) -> dict[str, np.ndarray]:
    inflow = base["inflow"].to_numpy(dtype=float, na_value=np.nan)
    outflow = base["outflow"].to_numpy(dtype=float, na_value=np.nan)
    if whole_region:
        # moves within the region are no border crossings (only the register can tell them)
        inflow = inflow - base["within_inflow"].to_numpy(dtype=float, na_value=0.0)
        outflow = outflow - base["within_outflow"].to_numpy(dtype=float, na_value=0.0)
    population = (
        base["population"].to_numpy(dtype=float, na_value=np.nan)
        if "population" in base
        else np.full(len(base), np.nan)
    )
    known = {"inflow": ~np.isnan(inflow), "outflow": ~np.isnan(outflow)}
    known["net"] = known["inflow"] & known["outflow"]
    values = {"inflow": inflow, "outflow": outflow, "net": inflow - outflow}
    has_population = ~np.isnan(population)
    columns: dict[str, np.ndarray] = {}
    for measure in _MEASURES:
        columns[measure] = np.where(known[measure], values[measure], 0.0)
        columns[f"{measure}_known"] = known[measure].astype(np.int64)
        # a rate divides by the inhabitants of exactly the town-years whose value is known
        rated = known[measure] & has_population
        columns[f"{measure}_population"] = np.where(rated, population, 0.0)
        columns[f"{measure}_rated"] = rated.astype(np.int64)
    columns["population_years"] = np.nan_to_num(population)
    columns["has_population"] = has_population.astype(np.int64)
    columns["population_is_estimate"] = (
        base["is_estimate"].to_numpy(dtype=bool).astype(np.int64)
        if "is_estimate" in base
        else np.zeros(len(base), np.int64)
    )
    columns["has_data"] = base["has_data"].to_numpy(dtype=bool).astype(np.int64)
    return columns


def _finished(sums: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The measures of summed known parts (`_known_parts`): a value is NaN where no part of it is
    known, a rate divides by the inhabitants of the parts whose value is known."""
    out = {}
    for measure in _MEASURES:
        value = np.where(sums[f"{measure}_known"] > 0, sums[measure], np.nan)
        population = sums[f"{measure}_population"]
        out[measure] = _counts(value)
        out[f"{measure}_per_1000"] = value / np.where(population > 0, population, np.nan) * 1000
    return {
        "inflow": out["inflow"],
        "outflow": out["outflow"],
        "net": out["net"],
        "population_years": np.where(sums["has_population"] > 0, sums["population_years"], np.nan),
        "population_is_estimate": sums["population_is_estimate"] > 0,
        "has_data": sums["has_data"] > 0,
        "inflow_per_1000": out["inflow_per_1000"],
        "outflow_per_1000": out["outflow_per_1000"],
        "net_per_1000": out["net_per_1000"],
    }


@defines("inflow", "outflow", "net", "per_1000")
def aggregate(base: pd.DataFrame, by: list[str], whole_region: bool = False) -> pd.DataFrame:
    """Inflow, outflow, net and each per 1,000 from the base table (town × year: inflow, outflow,
    within_inflow, within_outflow, population, is_estimate, has_data), grouped by `by`
    ([] = one row for all its rows).

    For the whole region, moves within it (origin 'swf') are no border crossings and leave the
    gross flows; the balance is the same either way, because each such move is an 'in' of one
    member and an 'out' of another. Official annual figures cannot tell such moves apart: they
    stay in. A town-year whose figure is unknown leaves the sum (and the inhabitants of its rate):
    the result is the known part, NaN only when nothing is known."""
    columns = _known_parts(base, whole_region)
    if not by:
        return pd.DataFrame(_finished({k: np.array([v.sum()]) for k, v in columns.items()}))
    frame = pd.DataFrame({**{k: base[k].to_numpy() for k in by}, **columns})
    sums = frame.groupby(by, sort=True).sum()
    keys = {name: sums.index.get_level_values(name).to_numpy() for name in by}
    # one frame built at once: adding columns one by one cost more than the sums themselves
    return pd.DataFrame({**keys, **_finished({k: sums[k].to_numpy() for k in columns})})


def _counts(values: np.ndarray) -> np.ndarray:
    """Whole persons as int64, or floats with NaN where a figure is unknown."""
    return values.astype("int64") if not np.isnan(values).any() else values.astype(float)


def _missing(base: pd.DataFrame, column: str, marker: str) -> tuple[tuple[str, str], ...]:
    if column not in base:
        return ()
    unknown = base[column].isna().to_numpy()
    if not unknown.any():
        return ()
    reasons = base[marker].to_numpy(dtype=object)[unknown] if marker in base else np.full(unknown.sum(), None)
    named = ["missing" if r is None or pd.isna(r) else str(r) for r in reasons]
    return tuple(dict.fromkeys(zip(base["ags"].to_numpy(dtype=object)[unknown], named, strict=True)))


def basis_of(base: pd.DataFrame) -> Basis:
    """Missing members, official years and the inhabitants behind a group's figures."""
    kinds = base["flow_kind"].to_numpy(dtype=object) if "flow_kind" in base else np.full(len(base), None)
    all_years = base["year"].to_numpy()
    years = lambda kind: tuple(sorted({int(y) for y in all_years[kinds == kind]}))
    population_kinds = frozenset(base["population_kind"].dropna()) if "population_kind" in base else frozenset()
    dates: tuple[str, ...] = ()
    if "population_other_date" in base:
        other = base["population_other_date"].to_numpy(dtype=bool)
        if other.any():
            chosen = base["population_date"].to_numpy(dtype=object)[other]
            dates = tuple(sorted({str(d)[:10] for d in chosen if not pd.isna(d)}))
    return Basis(
        _missing(base, "inflow", "in_marker"),
        _missing(base, "outflow", "out_marker"),
        years("official"),
        tuple(sorted(set(years("own")) | set(years("demo")))),
        years("demo"),
        population_kinds,
        dates,
        bool(base["is_estimate"].any()) if "is_estimate" in base else False,
    )


def summary_of(base: pd.DataFrame, whole_region: bool) -> FlowSummary:
    """Totals of the base-table rows of a group of towns (see `aggregate`), with their basis."""
    totals = _finished({k: np.array([v.sum()]) for k, v in _known_parts(base, whole_region).items()})
    row = {name: values[0] for name, values in totals.items()}
    return FlowSummary(
        *(
            float(row[k])
            for k in (
                "inflow",
                "outflow",
                "net",
                "population_years",
                "inflow_per_1000",
                "outflow_per_1000",
                "net_per_1000",
            )
        ),
        whole_region,
        bool(row["population_is_estimate"]),
        bool(row["has_data"]),
        basis_of(base),
    )


@defines("inflow", "outflow", "net", "per_1000")
def by_town(base: pd.DataFrame, towns: pd.DataFrame, per_year: bool = False) -> pd.DataFrame:
    """One row per town (or town and year) of the base table, with name and district:
    inflow, outflow, net, each per 1,000 (NaN where the town's figure is unknown, with the reason
    in in_marker/out_marker)."""
    rated = aggregate(base, ["ags", "year"] if per_year else ["ags"])
    markers = _markers_by(base, ["ags", "year"] if per_year else ["ags"])
    table = towns[["ags", "name", "district"]].merge(rated, on="ags", how="right")
    return (
        table.merge(markers, on=markers.columns[:-2].tolist(), how="left")
        if not markers.empty
        else table.assign(in_marker=None, out_marker=None)
    )


def _markers_by(base: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The first reason per group for an unknown inflow or outflow."""
    if "in_marker" not in base or not (base["inflow"].isna().any() or base["outflow"].isna().any()):
        return pd.DataFrame()
    frame = base[[*by, "in_marker", "out_marker"]].copy()
    frame["in_marker"] = frame["in_marker"].where(base["inflow"].isna())
    frame["out_marker"] = frame["out_marker"].where(base["outflow"].isna())
    return frame.groupby(by, as_index=False).agg({"in_marker": "first", "out_marker": "first"})


def _in_out_net(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Known sums of persons by `by` and direction, with the unknown members named. A member (town)
    counts in a direction only where all its rows of the group are known, and in the net only
    where both directions are, so the three figures rest on the towns they name."""
    columns = [*by, "inflow", "outflow", "net", "missing_inflow", "missing_outflow"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    if not frame["persons"].isna().any():  # every figure known (the register's case): plain sums
        table = (
            frame.groupby([*by, "direction"], observed=True)["persons"]
            .sum()
            .unstack("direction", fill_value=0)
            .reindex(columns=["in", "out"], fill_value=0)
            .astype("int64")
        )
        table.columns = ["inflow", "outflow"]
        table["net"] = table["inflow"] - table["outflow"]
        table["missing_inflow"] = table["missing_outflow"] = [()] * len(table)
        return table.reset_index()[columns]
    members = [*by, "ags"] if "ags" in frame else by
    work = frame.assign(
        known=frame["persons"].notna(),
        value=frame["persons"].astype(float).fillna(0.0),
        marker=frame.get("marker", None),
    )
    per = work.groupby([*members, "direction"]).agg(
        value=("value", "sum"), known=("known", "all"), marker=("marker", "first")
    )
    per = per.unstack("direction")
    value = {d: per[("value", d)] if ("value", d) in per else pd.Series(0.0, index=per.index) for d in ("in", "out")}
    # a member without any row of a direction moved nobody that way: known zero
    known = {
        d: per[("known", d)].fillna(True).astype(bool) if ("known", d) in per else pd.Series(True, index=per.index)
        for d in ("in", "out")
    }
    both = known["in"] & known["out"]
    parts = pd.DataFrame(
        {
            "inflow": value["in"].fillna(0.0).where(known["in"], 0.0),
            "in_known": known["in"].astype(int),
            "outflow": value["out"].fillna(0.0).where(known["out"], 0.0),
            "out_known": known["out"].astype(int),
            "net": (value["in"].fillna(0.0) - value["out"].fillna(0.0)).where(both, 0.0),
            "net_known": both.astype(int),
        }
    )
    sums = parts.groupby(level=list(range(len(by)))).sum() if members != by else parts
    table = pd.DataFrame(index=sums.index)
    for name, flag in (("inflow", "in_known"), ("outflow", "out_known"), ("net", "net_known")):
        table[name] = np.where(sums[flag] > 0, sums[name], np.nan)
    for direction, name in (("in", "missing_inflow"), ("out", "missing_outflow")):
        unknown = per.index[~known[direction].to_numpy()] if members != by else []
        lists: dict = {}
        for key in unknown:
            marker = per.loc[key, ("marker", direction)] if ("marker", direction) in per else None
            lists.setdefault(key[:-1] if len(by) > 1 else key[0], []).append(
                (key[-1], marker if isinstance(marker, str) else "missing")
            )
        table[name] = [tuple(dict.fromkeys(lists.get(k, ()))) for k in table.index]
    for name in ("inflow", "outflow", "net"):
        if not table[name].isna().any():
            table[name] = table[name].astype("int64")
    return table.reset_index()[columns]


@defines("inflow", "outflow", "net")
def over_time(flows: pd.DataFrame, period: str, whole_region: bool) -> pd.DataFrame:
    """One row per `period` value ('month' or 'year'): inflow, outflow, net (border-correct for the
    whole region), from the register's monthly rows (annual official figures have no months)."""
    if whole_region:
        flows = flows[flows["origin"] != INTRA_REGIONAL]
    if flows.empty:
        return pd.DataFrame(columns=[period, "inflow", "outflow", "net"])
    table = (
        flows.groupby([period, "direction"], observed=True)["persons"]
        .sum()
        .unstack("direction", fill_value=0)
        .reindex(columns=["in", "out"], fill_value=0)
    )
    table.columns = ["inflow", "outflow"]
    table["net"] = table["inflow"] - table["outflow"]
    return table.astype("int64").reset_index()


@defines("target_groups")
def by_target_group(by_age: pd.DataFrame, whole_region: bool, family_variant: bool = False) -> pd.DataFrame:
    """One row per target group and year: inflow, outflow, net (the known part), and the towns
    whose figure is unknown, from the yearly flows by age band of both grains (query
    yearly_by_age: ags, year, direction, age_group, is_within, persons, marker)."""
    if whole_region and "is_within" in by_age:
        by_age = by_age[~by_age["is_within"].astype(bool)]
    group_of = {age: group for group, ages in TARGET_GROUPS.items() for age in ages}
    parts = [by_age.assign(target_group=by_age["age_group"].map(group_of))]
    if family_variant:
        parts.insert(0, by_age[by_age["age_group"].isin(FAMILY_INKAR_OLD)].assign(target_group="familien_inkar_alt"))
    table = _in_out_net(pd.concat(parts, ignore_index=True), ["target_group", "year"])
    order = {g: i for i, g in enumerate(["familien_inkar_alt", *TARGET_GROUPS])}
    return table.sort_values(
        ["target_group", "year"], key=lambda s: s.map(order) if s.name == "target_group" else s
    ).reset_index(drop=True)


@defines("origin")
def by_origin(by_origin_rows: pd.DataFrame, whole_region: bool) -> pd.DataFrame:
    """One row per origin and year: inflow, outflow, net, from the yearly flows by origin of both
    grains (query yearly_by_origin). Official tables know only the rest of Germany and abroad
    (the rest is then 'within_nrw' or 'domestic'), or no origin at all ('unknown')."""
    if whole_region:
        by_origin_rows = by_origin_rows[by_origin_rows["origin"] != INTRA_REGIONAL]
    table = _in_out_net(by_origin_rows, ["origin", "year"])
    order = {o: i for i, o in enumerate(ORIGIN_ORDER)}
    return table.sort_values(["origin", "year"], key=lambda s: s.map(order) if s.name == "origin" else s).reset_index(
        drop=True
    )


@defines("change")
def change(current: float, previous: float) -> tuple[float, float]:
    """(absolute, relative) change; the relative change is NaN where the previous value is 0."""
    if previous is None or current is None or np.isnan(previous) or np.isnan(current):
        return np.nan, np.nan
    absolute = current - previous
    return absolute, (absolute / abs(previous) if previous else np.nan)


@defines("outlier")
def unusual_years(table: pd.DataFrame) -> pd.DataFrame:
    """Town-years (ags, year, inflow, inflow_per_1000, median_per_1000, share_ratio, reason)
    flagged as unusual, from the base table over the towns' whole history: in-migration per 1,000
    above OUTLIER_FACTOR times the town's median of the other years of the same source (official
    years against official years, register against register: never a real year against a
    synthetic history), or a share of the region's in-migration above OUTLIER_FACTOR times the
    town's share of its inhabitants."""
    columns = ["ags", "year", "inflow", "inflow_per_1000", "median_per_1000", "share_ratio", "reason"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    work = table.assign(
        rate=table["inflow"].astype(float) / table["population"].replace(0, np.nan) * 1000,
        source=np.where(
            table.get("flow_kind", pd.Series("own", index=table.index)) == "official", "official", "register"
        ),
    )
    flagged = []
    for _, part in work.groupby("source"):
        matrix = part.pivot(index="ags", columns="year", values="rate")
        values = matrix.to_numpy(dtype=float)
        medians = np.full_like(values, np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a town with one year has no median
            for j in range(values.shape[1] if values.shape[1] > 1 else 0):
                medians[:, j] = np.nanmedian(np.delete(values, j, axis=1), axis=1)
        long = pd.DataFrame(
            {
                "ags": np.repeat(matrix.index, values.shape[1]),
                "year": np.tile(matrix.columns.astype(int), values.shape[0]),
                "median_per_1000": medians.ravel(),
            }
        )
        flagged.append(part.merge(long, on=["ags", "year"]))
    work = pd.concat(flagged, ignore_index=True)
    # the town's share of the region's in-migration against its share of the inhabitants
    totals = work.groupby("year")[["inflow", "population"]].transform("sum")
    work["share_ratio"] = (work["inflow"].astype(float) / totals["inflow"].replace(0, np.nan)) / (
        work["population"] / totals["population"].replace(0, np.nan)
    )
    by_history = work["rate"] > OUTLIER_FACTOR * work["median_per_1000"]
    by_share = work["share_ratio"] > OUTLIER_FACTOR
    out = work[by_history | by_share].assign(reason=np.where(by_history[by_history | by_share], "history", "share"))
    out = out.rename(columns={"rate": "inflow_per_1000"})
    return out[columns].sort_values(["ags", "year"]).reset_index(drop=True)
