"""Seeded generator of the synthetic demo data (`python -m dashboard demo`).

The same seed and options give byte-identical files; MANIFEST.json lists each file with its
import kind and sha256, in the order `init` imports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.config import REFERENCE_DIR
from dashboard.demo import assumptions as A
from dashboard.vocabulary import AGE_GROUPS, SEXES

REFUGEE_AGES = (0.30, 0.25, 0.15, 0.25, 0.04, 0.01)
REFUGEE_SEXES = (0.64, 0.36, 0.0)
TARGET_AGE_GROUPS = {
    "familien": ["0-17"],
    "bildung": ["18-24"],
    "berufseinstieg": ["25-29"],
    "erwerb": ["30-49"],
    "50-64": ["50-64"],
    "ruhestand": ["65+"],
}


@dataclass(frozen=True)
class Towns:
    ags: np.ndarray
    district: np.ndarray
    population: np.ndarray  # Zensus 2022 (15.05.2022)
    lat: np.ndarray
    lon: np.ndarray


def load_towns() -> Towns:
    """The 59 towns, scaled on their official Zensus 2022 populations."""
    towns = pd.read_csv(REFERENCE_DIR / "municipalities.csv", dtype={"ags": str})
    population = pd.read_csv(REFERENCE_DIR / "zensus2022_population.csv", dtype={"ags": str})
    towns = towns.merge(population[["ags", "persons"]], on="ags").sort_values("ags")
    return Towns(
        towns.ags.to_numpy(),
        towns.district.to_numpy(),
        towns.persons.to_numpy(float),
        towns.centre_lat.to_numpy(),
        towns.centre_lon.to_numpy(),
    )


def _distance_km(towns: Towns) -> np.ndarray:
    lat, lon = np.radians(towns.lat), np.radians(towns.lon)
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    return 6371 * 2 * np.arcsin(np.sqrt(a))


def _gravity(towns: Towns) -> np.ndarray:
    """Row j: where a mover leaving town j within the region goes (rows sum to 1)."""
    weight = towns.population[None, :] / (_distance_km(towns) + A.GRAVITY_DISTANCE_OFFSET_KM) ** A.GRAVITY_EXPONENT
    weight = weight * np.where(towns.district[:, None] == towns.district[None, :], A.SAME_DISTRICT_FACTOR, 1)
    np.fill_diagonal(weight, 0)
    return weight / weight.sum(axis=1, keepdims=True)


def _season(months: list[dt.date]) -> np.ndarray:
    """(month, age group) weights with a mean of 1 over the calendar year."""
    table = np.array([A.SEASON.get(age, A.SEASON["default"]) for age in AGE_GROUPS], float)
    table = table / table.mean(axis=1, keepdims=True)
    return table[:, [m.month - 1 for m in months]].T


def _age_shares(shares: dict[str, float], towns: Towns, students: bool) -> np.ndarray:
    base = np.tile(np.array([shares[a] for a in AGE_GROUPS]), (len(towns.ags), 1))
    if students:
        for i, ags in enumerate(towns.ags):
            base[i, 1] *= A.STUDENT_TOWNS.get(ags, 1.0)
    return base / base.sum(axis=1, keepdims=True)


def _campaign_uplift(towns: Towns, months: list[dt.date], uplift: float) -> np.ndarray:
    """(town, month, age) multiplier on in-migration from outside the region."""
    factor = np.ones((len(towns.ags), len(months), len(AGE_GROUPS)))
    index = {a: i for i, a in enumerate(towns.ags)}
    for campaign in A.CAMPAIGNS:
        ages = [AGE_GROUPS.index(a) for part in campaign["target_group"].split("+") for a in TARGET_AGE_GROUPS[part]]
        end = campaign["end_date"] or dt.date.max
        active = [k for k, m in enumerate(months) if campaign["start_date"] <= m <= end]
        for ags in campaign["towns"]:
            factor[np.ix_([index[ags]], active, ages)] *= 1 + uplift
    return factor


def _reception(towns: Towns, months: list[dt.date]) -> tuple[np.ndarray, np.ndarray]:
    """Expected extra in (from abroad) and out (moving on) per (town, month) at reception towns."""
    extra_in = np.zeros((len(towns.ags), len(months)))
    extra_out = np.zeros_like(extra_in)
    arrival = np.array([0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.3, 1.8, 2.0, 2.0, 1.9])
    for i, ags in enumerate(towns.ags):
        for year, share in A.RECEPTION_FACILITIES.get(ags, {}).items():
            ks = [k for k, m in enumerate(months) if m.year == year]
            if not ks:
                continue
            weights = arrival / arrival.sum()
            total = towns.population[i] * share
            extra_in[i, ks] = total * weights
            # people move on about two months after arriving, within the same year
            later = np.concatenate([[0, 0], weights[:-2]])
            later[-1] += weights[-2:].sum()
            extra_out[i, ks] = total * A.RECEPTION_MOVE_ON_SHARE * later
    return extra_in, extra_out


@dataclass(frozen=True)
class Moves:
    persons: np.ndarray  # (town, month, direction, age, sex, origin)
    flows: np.ndarray  # moves within the region (from town, to town, month, age), the 'swf' part of persons


def registrations(towns: Towns, months: list[dt.date], rng: np.random.Generator, uplift: float) -> Moves:
    """Every move: registrations per town and the town-to-town flows they contain."""
    n_towns = len(towns.ags)
    in_rate = rng.uniform(*A.IN_RATE_RANGE, n_towns)
    out_rate = in_rate * rng.uniform(*A.OUT_TO_IN_RANGE, n_towns)
    years = np.array([m.year for m in months])
    town_year_noise = rng.lognormal(0, 0.05, (n_towns, years.max() - years.min() + 1))
    noise = town_year_noise[:, years - years.min()]  # (town, month)
    season = _season(months)  # (month, age)
    sex = np.array([A.SEX_SHARES[s] for s in SEXES])
    age_in = _age_shares(A.AGE_SHARES_IN, towns, students=True)
    age_out = _age_shares(A.AGE_SHARES_OUT, towns, students=False)
    abroad_boost = np.array([A.ABROAD_BOOST.get(int(y), 1.0) for y in years])
    origin_in = np.array(
        [[A.ORIGIN_SHARES_IN["nrw"], A.ORIGIN_SHARES_IN["de"], A.ORIGIN_SHARES_IN["abroad"] * b] for b in abroad_boost]
    )  # (month, 3)
    dest_out = np.array([A.DESTINATION_SHARES_OUT[d] for d in ("nrw", "de", "abroad")])

    monthly_in = towns.population * in_rate / 12
    monthly_out = towns.population * out_rate / 12
    base_in = (monthly_in[:, None] * noise)[:, :, None] * season[None] * age_in[:, None, :]
    base_out = (monthly_out[:, None] * noise)[:, :, None] * season[None] * age_out[:, None, :]
    base_in *= _campaign_uplift(towns, months, uplift)

    outside = 1 - A.INTRA_REGIONAL_SHARE
    e_in = outside * base_in[..., None, None] * sex[None, None, None, :, None] * origin_in[None, :, None, None, :]
    e_out = outside * base_out[..., None, None] * sex[None, None, None, :, None] * dest_out
    extra_in, extra_out = _reception(towns, months)
    refugee = np.outer(REFUGEE_AGES, REFUGEE_SEXES)
    e_in[..., 2] += extra_in[:, :, None, None] * refugee
    e_out[..., 0] += 0.6 * extra_out[:, :, None, None] * refugee
    e_out[..., 1] += 0.4 * extra_out[:, :, None, None] * refugee

    # moves within the region: drawn once as flows from town j to town i, so that every move
    # is an 'out' (origin swf) of j and an 'in' (origin swf) of i
    leaving = A.INTRA_REGIONAL_SHARE * base_out[..., None] * sex  # (j, month, age, sex)
    flows = rng.poisson(leaving[:, None] * _gravity(towns)[:, :, None, None, None])

    persons = np.zeros((n_towns, len(months), 2, len(AGE_GROUPS), len(SEXES), 4), dtype=np.int64)
    persons[:, :, 0, :, :, 1:] = rng.poisson(e_in)
    persons[:, :, 1, :, :, 1:] = rng.poisson(e_out)
    persons[:, :, 0, :, :, 0] = flows.sum(axis=0)
    persons[:, :, 1, :, :, 0] = flows.sum(axis=1)
    return Moves(persons, flows.sum(axis=-1))


def population_series(towns: Towns, persons: np.ndarray, months: list[dt.date]) -> dict[int, np.ndarray]:
    """Population at 31.12. per year: the Zensus 2022 count carried by net migration and births/deaths."""
    years = sorted({m.year for m in months})
    month_years = np.array([m.year for m in months])
    net = {
        y: (
            persons[:, month_years == y, 0].sum(axis=(1, 2, 3, 4))
            - persons[:, month_years == y, 1].sum(axis=(1, 2, 3, 4))
        )
        for y in years
    }
    anchor = min(max(A.POPULATION_ANCHOR_YEAR, years[0]), years[-1])
    series = {anchor: towns.population.copy()}
    for y in range(anchor + 1, years[-1] + 1):
        series[y] = series[y - 1] * (1 + A.NATURAL_BALANCE_RATE) + net[y]
    for y in range(anchor - 1, years[0] - 1, -1):
        series[y] = (series[y + 1] - net[y + 1]) / (1 + A.NATURAL_BALANCE_RATE)
    return {y: np.round(series[y]).astype(np.int64) for y in years}
