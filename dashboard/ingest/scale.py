"""A warehouse for the synthetic Germany-scale data (benchmarks): its own municipalities and
population, registrations through the bulk import."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dashboard.ingest.bulk import bulk_import
from dashboard.ingest.journal import ImportResult, log, next_import_id
from dashboard.warehouse.connection import writer
from dashboard.warehouse.migrate import migrate


def add_towns(con: duckdb.DuckDBPyConnection, data: Path) -> None:
    """The synthetic municipalities of a `demo --scale` folder into an empty warehouse."""
    con.register("towns_file", pd.read_csv(data / "towns.csv", dtype={"ags": str}))
    con.execute(
        "insert into municipality select ags, name, name, district, 'Gemeinde', null, lat, lon, true from towns_file"
    )
    con.unregister("towns_file")


def init_scale_warehouse(db: Path, data: Path, suffix: str = ".parquet") -> ImportResult:
    population = pd.read_parquet(data / "population.parquet")
    with writer(db) as con:
        migrate(con)
        add_towns(con, data)
        con.register("population_file", population)
        import_id = next_import_id(con)
        log(
            con,
            import_id,
            "population",
            "population.parquet",
            "-",
            len(population),
            "ok",
            "synthetische Einwohner (Benchmark)",
            True,
            "demo --scale germany",
        )
        con.execute(
            "insert into population select ags, year, make_date(year, 12, 31), persons, false, $id "
            "from population_file",
            {"id": import_id},
        )
        return bulk_import(con, sorted(data.glob(f"registrations_*{suffix}")))
