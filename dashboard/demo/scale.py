"""Synthetic data of the warehouse's shape at the scale of Germany (about 10,800 municipalities ×
years × months × direction, age band, sex and origin) for benchmarks: synthetic AGS and centres,
no real facts beyond the country's rough size. Written as Parquet and CSV, one file per year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from dashboard.vocabulary import AGE_GROUPS, ORIGINS

GERMANY_TOWNS = 10_800
TOWNS_PER_DISTRICT = 27  # about 400 districts
STATES = 16
# Germany's bounding box (lon, lat) for the synthetic centres
BOUNDS = (5.9, 47.3, 15.0, 55.0)
MEDIAN_POPULATION, POPULATION_SIGMA = 2_500, 1.45
IN_RATE = 0.055  # moves into a town per inhabitant and year
AGE_SHARES = np.array([0.17, 0.23, 0.17, 0.27, 0.10, 0.06])
SEX_SHARES = np.array([0.51, 0.49])
ORIGIN_SHARES = np.array([0.25, 0.35, 0.25, 0.15])
SEXES = ("m", "f")  # the Germany-scale data leave out 'd'


def towns(count: int, rng: np.random.Generator) -> pd.DataFrame:
    """Synthetic municipalities: AGS = state (2) + region (1) + district (2) + town (3)."""
    districts = max(1, count // TOWNS_PER_DISTRICT)
    district_of = np.sort(rng.integers(0, districts, count))
    state_of_district = np.sort(rng.integers(1, STATES + 1, districts))
    codes, seen = [], {}
    for d in district_of:
        seen[d] = seen.get(d, 0) + 1
        state = state_of_district[d]
        codes.append(f"{state:02d}{d % 10}{(d // 10) % 100:02d}{seen[d]:03d}")
    centre_lon = rng.uniform(BOUNDS[0], BOUNDS[2], districts)
    centre_lat = rng.uniform(BOUNDS[1], BOUNDS[3], districts)
    population = np.maximum(50, rng.lognormal(np.log(MEDIAN_POPULATION), POPULATION_SIGMA, count)).astype(int)
    return pd.DataFrame(
        {
            "ags": codes,
            "name": [f"Gemeinde {c}" for c in codes],
            "district": [f"Kreis {state_of_district[d]:02d}-{d:03d}" for d in district_of],
            "lat": centre_lat[district_of] + rng.normal(0, 0.08, count),
            "lon": centre_lon[district_of] + rng.normal(0, 0.12, count),
            "population": population,
        }
    )


def _month_rows(places: pd.DataFrame, month: dt.date, rng: np.random.Generator) -> pa.Table:
    """Poisson counts per town × direction × age × sex × origin for one month; zeros left out."""
    shares = (AGE_SHARES[:, None, None] * SEX_SHARES[None, :, None] * ORIGIN_SHARES[None, None, :]).ravel()
    expected = places["population"].to_numpy()[:, None] * IN_RATE / 12 * shares[None, :]
    counts = rng.poisson(np.stack([expected, expected * 0.98], axis=1))  # town × direction × cell
    town, direction, cell = np.nonzero(counts)
    age, sex, origin = np.unravel_index(cell, (len(AGE_GROUPS), len(SEXES), len(ORIGINS)))
    return pa.table(
        {
            "ags": pa.array(places["ags"].to_numpy()[town]),
            "month": pa.array(np.full(len(town), np.datetime64(month, "D"))),
            "direction": pa.array(np.array(["in", "out"])[direction]),
            "age_group": pa.array(np.array(AGE_GROUPS)[age]),
            "sex": pa.array(np.array(SEXES)[sex]),
            "origin": pa.array(np.array(ORIGINS)[origin]),
            "persons": pa.array(counts[town, direction, cell].astype("int32")),
        }
    )


def generate(
    out: Path, town_count: int = GERMANY_TOWNS, years: tuple[int, int] = (2015, 2024), seed: int = 1, csv: bool = True
) -> dict:
    """Write towns.csv, population.parquet and registrations_YYYY.parquet (and .csv) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    places = towns(town_count, rng)
    places.drop(columns="population").to_csv(out / "towns.csv", index=False)
    population = pd.DataFrame(
        [
            (a, y, int(p * (1 + 0.002 * (y - years[0]))))
            for y in range(years[0], years[1] + 1)
            for a, p in zip(places["ags"], places["population"], strict=True)
        ],
        columns=["ags", "year", "persons"],
    )
    population.to_parquet(out / "population.parquet", index=False)
    rows = 0
    for year in range(years[0], years[1] + 1):
        table = pa.concat_tables([_month_rows(places, dt.date(year, m, 1), rng) for m in range(1, 13)])
        pq.write_table(table, out / f"registrations_{year}.parquet")
        if csv:
            pacsv.write_csv(
                table.set_column(1, "month", pa.compute.strftime(table["month"], "%Y-%m-%d")),
                out / f"registrations_{year}.csv",
            )
        rows += table.num_rows
    manifest = {
        "note": "Synthetische Daten für Benchmarks – keine echten Gemeinden, keine amtlichen Zahlen.",
        "towns": town_count,
        "years": list(years),
        "seed": seed,
        "registration_rows": rows,
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
