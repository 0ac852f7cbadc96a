"""`init`: build or update the warehouse from data/ (idempotent: a second run changes nothing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.config import DEMO_DIR, REFERENCE_DIR
from dashboard.i18n import t
from dashboard.i18n.format import number
from dashboard.ingest.load import ImportResult, OfficialSource, import_file
from dashboard.warehouse import peers, rollup
from dashboard.warehouse.connection import writer
from dashboard.warehouse.migrate import migrate

Progress = Callable[[float, str], None]
# The official Zensus 2022 populations ship with the product (data/reference/README.md): every
# warehouse has them, so rates per 1,000 rest on real figures where no other population is loaded.
CENSUS_FILE = REFERENCE_DIR / "zensus2022_population.csv"
CENSUS = OfficialSource("1000A-0000", "© Statistische Ämter des Bundes und der Länder, Zensus 2022, dl-de/by-2-0")
CENSUS_NOTE = "Zensus 2022 (data/reference)"


@dataclass
class InitReport:
    schema_files: list[str] = field(default_factory=list)
    municipalities: int = 0
    imports: list[ImportResult] = field(default_factory=list)
    demo_rows_removed: int = 0

    def summary(self, lang: str = "de") -> str:
        changed = [r for r in self.imports if r.status == "ok"]
        lines = [
            t(
                "init_report.warehouse",
                lang,
                towns=self.municipalities,
                imported=len(changed),
                unchanged=len(self.imports) - len(changed),
            )
        ]
        lines += [f"  {r.summary(lang)}" for r in changed]
        if self.demo_rows_removed:
            lines.append("  " + t("init_report.demo_removed", lang, rows=number(self.demo_rows_removed, lang)))
        return "\n".join(lines)


def _load_municipalities(con: duckdb.DuckDBPyConnection) -> int:
    towns = pd.read_csv(REFERENCE_DIR / "municipalities.csv", dtype={"ags": str})
    towns["is_geo_estimate"] = towns["is_geo_estimate"].astype(str).str.lower() == "true"
    con.register("reference_towns", towns)
    # changed reference rows replace the stored ones (delete and insert: the lake has no keys to
    # replace by); an unchanged reference writes nothing
    changed = """
        select ags, official_name, name, district, kind, area_km2, centre_lat, centre_lon, is_geo_estimate
        from reference_towns
        where (ags, official_name, name, district, kind, area_km2, centre_lat, centre_lon,
               is_geo_estimate) not in (select * from municipality)"""
    con.execute(f"create temp table changed_towns as {changed}")
    if con.execute("select count(*) from changed_towns").fetchall()[0][0]:
        con.execute("delete from municipality where ags in (select ags from changed_towns)")
        con.execute("insert into municipality select * from changed_towns")
    con.execute("drop table changed_towns")
    con.unregister("reference_towns")
    return con.execute("select count(*) from municipality").fetchall()[0][0]


def demo_manifest(demo_dir: Path = DEMO_DIR) -> dict:
    return json.loads((demo_dir / "MANIFEST.json").read_text(encoding="utf-8"))


def _remove_demo(con: duckdb.DuckDBPyConnection) -> int:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_columns() where column_name = 'import_id' and table_name <> 'import_log'"
        ).fetchall()
    ]
    removed = 0
    con.begin()
    for table in tables:
        removed += con.execute(
            f"select count(*) from {table} where import_id in (select import_id from import_log where is_demo)"
        ).fetchall()[0][0]
        con.execute(f"delete from {table} where import_id in (select import_id from import_log where is_demo)")
    rollup.refresh(con)
    peers.refresh(con)
    con.commit()
    return removed


def init_warehouse(
    path: Path, *, demo: bool = True, demo_dir: Path = DEMO_DIR, progress: Progress | None = None
) -> InitReport:
    """Create or update the warehouse; every import goes through the same path as the CLI's."""
    report = InitReport()
    notify = progress or (lambda share, text: None)
    with writer(path) as con:
        notify(0.0, "Schema")
        report.schema_files = migrate(con)
        report.municipalities = _load_municipalities(con)
        report.imports.append(
            import_file(con, CENSUS_FILE, "population", source_note=CENSUS_NOTE, official_source=CENSUS)
        )
        if not demo:
            report.demo_rows_removed = _remove_demo(con)
            notify(1.0, "fertig")
            return report
        files = demo_manifest(demo_dir)["files"]
        for number, entry in enumerate(files, start=1):
            notify(number / (len(files) + 1), entry["file"])
            report.imports.append(
                import_file(
                    con, demo_dir / entry["file"], entry["kind"], is_demo=True, source_note="Demodaten (synthetisch)"
                )
            )
    notify(1.0, "fertig")
    return report
