"""One import = one transaction: validate, replace the delivered keys, log it.

On any failure nothing in the data tables changes and the refusal is logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.ingest import genesis
from dashboard.ingest.boundaries import read_boundaries
from dashboard.ingest.errors import ImportRefused, Problem
from dashboard.ingest.kinds import KINDS, Kind, TableLoad, prepare
from dashboard.ingest.read import LINE, read_raw
from dashboard.warehouse import rollup


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    status: str  # 'ok' or 'unchanged'
    rows_added: int = 0
    rows_replaced: int = 0
    period: tuple[str, str] | None = None
    towns: int = 0
    import_id: int | None = None
    detail: str | None = None  # what an official table held (table code, skipped regions, markers)

    def summary(self) -> str:
        if self.status == "unchanged":
            return f"{self.file_name}: bereits importiert, nichts geändert."
        text = (f"{self.file_name}: {self.rows_added:,} Zeilen importiert "
                f"({self.rows_replaced:,} ersetzt)").replace(",", ".")
        if self.period:
            text += f", Zeitraum {self.period[0]} bis {self.period[1]}"
        if self.towns:
            text += f", {self.towns} Kommunen"
        return text + "." + (f" {self.detail}." if self.detail else "")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _known(con: duckdb.DuckDBPyConnection, sql: str) -> frozenset[str]:
    return frozenset(row[0] for row in con.execute(sql).fetchall())


def _table_rows(con: duckdb.DuckDBPyConnection, load: TableLoad) -> pd.DataFrame:
    columns = [r[0] for r in con.execute(f"describe {load.table}").fetchall() if r[0] != "import_id"]
    return load.frame[columns]


def _match(load: TableLoad) -> str:
    return " and ".join(f"t.{k} is not distinct from d.{k}" for k in load.replace_key)


def _already_stored(con: duckdb.DuckDBPyConnection, loads: list[TableLoad]) -> bool:
    """True when the warehouse holds exactly these rows for the delivered keys already."""
    for load in loads:
        rows = _table_rows(con, load)
        con.register("delivered_keys", rows[list(load.replace_key)].drop_duplicates())
        con.register("delivered_rows", rows)
        columns = ", ".join(rows.columns)
        stored = f"from {load.table} t where exists (select 1 from delivered_keys d where {_match(load)})"
        same = con.execute(
            f"select (select count(*) {stored}) = $n and not exists "
            f"(select {columns} from delivered_rows except select {columns} {stored})",
            {"n": len(rows)}).fetchall()[0][0]
        con.unregister("delivered_keys")
        con.unregister("delivered_rows")
        if not same:
            return False
    return True


def _next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select coalesce(max(import_id), 0) + 1 from import_log").fetchall()[0][0]


def _log(con, import_id, kind, file_name, sha, rows, status, message, is_demo, note,
         table_code: str | None = None, copyright_line: str | None = None, is_official: bool | None = None) -> None:
    """One row of import_log; a delivery with an official table code counts as official statistics."""
    con.execute(
        "insert into import_log (import_id, kind, file_name, sha256, rows, imported_at, status, message, "
        "is_demo, source_note, table_code, copyright, is_official) values ($id, $kind, $file, $sha, $rows, "
        "current_timestamp, $status, $message, $demo, $note, $table, $copyright, $official)",
        {"id": import_id, "kind": kind, "file": file_name, "sha": sha, "rows": rows,
         "status": status, "message": message, "demo": is_demo, "note": note, "table": table_code,
         "copyright": copyright_line,
         "official": bool(table_code) if is_official is None else is_official})


def _count_stored(con: duckdb.DuckDBPyConnection, load: TableLoad) -> int:
    """Stored rows with the delivered keys (registered as `delivered_keys`): what a delivery replaces."""
    return con.execute(f"select count(*) from {load.table} t where exists "
                       f"(select 1 from delivered_keys d where {_match(load)})").fetchall()[0][0]


def _towns(loads: list[TableLoad]) -> int:
    return int(loads[0].frame["ags"].nunique()) if "ags" in loads[0].frame else 0


def _replace(con: duckdb.DuckDBPyConnection, load: TableLoad, import_id: int) -> tuple[int, int]:
    frame = _table_rows(con, load).assign(import_id=import_id)
    keys = frame[list(load.replace_key)].drop_duplicates()
    con.register("delivered_keys", keys)
    con.register("delivered_rows", frame)
    match = _match(load)
    replaced = _count_stored(con, load)
    con.execute(f"delete from {load.table} t where exists "
                f"(select 1 from delivered_keys d where {match})")
    con.execute(f"insert into {load.table} by name select * from delivered_rows")
    con.unregister("delivered_keys")
    con.unregister("delivered_rows")
    return len(frame), replaced


def _refresh_rollup(con: duckdb.DuckDBPyConnection, loads: list[TableLoad]) -> None:
    """The yearly rollup of the town-years this import touched: delivered months, and the
    town-years whose demo months official figures clear."""
    keys = [pd.DataFrame({"ags": load.frame["ags"], "year": pd.to_datetime(load.frame["month"]).dt.year})
            for load in loads if load.table == "registration"]
    keys += [load.frame[["ags", "year"]] for load in loads if load.table == "registration_year"]
    if not keys:
        return
    con.register("changed_town_years", pd.concat(keys).astype({"year": "int64"}).drop_duplicates())
    rollup.refresh(con, "changed_town_years")
    con.unregister("changed_town_years")


def _period(kind: Kind, loads: list[TableLoad]) -> tuple[str, str] | None:
    if not kind.period_column:
        return None
    values = pd.Series(loads[0].frame[kind.period_column]).dropna()
    if values.empty:
        return None
    return str(values.min()), str(values.max())


@dataclass(frozen=True)
class Prepared:
    loads: list[TableLoad]
    period: tuple[str, str] | None
    official: genesis.GenesisTable | None


def _prepare(con: duckdb.DuckDBPyConnection, path: Path, kind_name: str, name: str,
             today: dt.date | None) -> Prepared:
    known_ags = _known(con, "select ags from municipality")
    data = path.read_bytes() if kind_name in (GENESIS, "population") else b""
    if kind_name == GENESIS or (kind_name == "population" and genesis.looks_like_genesis(data)):
        official = genesis.parse(data, name, known_ags)
        loads = official_loads(official, name, kind_name)
        return Prepared(loads, _official_period(loads), official)
    kind = KINDS[kind_name]
    raw = read_raw(path, name)
    loads = prepare(raw, kind, known_ags, _known(con, "select campaign_id from campaign"), today)
    return Prepared(loads, _period(kind, loads), None)


@dataclass(frozen=True)
class DryRun:
    """What an import would do, found without writing anything (the Daten page's report)."""

    kind: str
    file_name: str
    refusal: ImportRefused | None = None
    rows: int = 0
    replaced: int = 0
    period: tuple[str, str] | None = None
    towns: int = 0
    unchanged: bool = False
    tables: tuple[str, ...] = ()
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def check_file(con: duckdb.DuckDBPyConnection, path: Path, kind_name: str, *, file_name: str | None = None,
               today: dt.date | None = None) -> DryRun:
    """Validate a file and count what it would add and replace; works on a read-only connection."""
    name = file_name or path.name
    try:
        prepared = _prepare(con, path, kind_name, name, today)
    except ImportRefused as refusal:
        return DryRun(kind_name, name, refusal)
    loads = prepared.loads
    replaced = 0
    for load in loads:
        con.register("delivered_keys", load.frame[list(load.replace_key)].drop_duplicates())
        replaced += _count_stored(con, load)
        con.unregister("delivered_keys")
    if prepared.official is not None:
        replaced += _clear_demo_months(con, loads, count_only=True)
    return DryRun(kind_name, name, None, sum(len(load.frame) for load in loads), replaced, prepared.period,
                  _towns(loads),
                  _already_stored(con, loads), tuple(load.table for load in loads),
                  prepared.official.summary() if prepared.official is not None else None)


@dataclass(frozen=True)
class OfficialSource:
    """What makes a delivery in a template layout official statistics (e.g. the Zensus 2022
    populations shipped in data/reference): its table code and the attribution to show."""

    table_code: str
    copyright: str


def import_file(con: duckdb.DuckDBPyConnection, path: Path, kind_name: str, *,
                is_demo: bool = False, source_note: str | None = None,
                file_name: str | None = None, today: dt.date | None = None,
                official_source: OfficialSource | None = None) -> ImportResult:
    """Import one file of a kind ('genesis' for official GENESIS exports; 'population' takes
    GENESIS 12411 tables too); raises ImportRefused (and logs it) when it is not valid."""
    name = file_name or path.name
    sha = sha256_of(path)
    try:
        prepared = _prepare(con, path, kind_name, name, today)
    except ImportRefused as refusal:
        _log_refusal(con, kind_name, name, sha, refusal, is_demo)
        raise
    loads, period, official = prepared.loads, prepared.period, prepared.official
    if _already_stored(con, loads):
        return ImportResult(kind_name, name, "unchanged")
    con.begin()
    try:
        import_id = _next_import_id(con)
        added = replaced = 0
        for load in loads:
            a, r = _replace(con, load, import_id)
            added, replaced = added + a, replaced + r
        if official is not None and not is_demo:
            replaced += _clear_demo_months(con, loads)
        result = ImportResult(kind_name, name, "ok", added, replaced, period, _towns(loads), import_id,
                              official.summary() if official is not None else None)
        source = official_source or (OfficialSource(official.table_code, official.copyright)
                                     if official is not None else None)
        _log(con, import_id, kind_name, name, sha, added, "ok", result.summary(), is_demo, source_note,
             source.table_code if source else None, source.copyright if source else None)
        # after the log row: the rollup reads from it whether the rows are demo data
        _refresh_rollup(con, loads)
        con.commit()
    except Exception as error:
        raise _undone(con, kind_name, name, sha, error, is_demo) from error
    return result


GENESIS = "genesis"
# All official annual figures replace a demo town-year whole: its monthly demo rows go too.
_DEMO_MONTHS = """
    delete from registration r
    where r.import_id in (select import_id from import_log where is_demo)
      and exists (select 1 from official_keys k where k.ags = r.ags and k.year = year(r.month))"""


def official_loads(table: genesis.GenesisTable, file_name: str, kind_name: str) -> list[TableLoad]:
    """Warehouse rows of a parsed GENESIS table; refused when it holds nothing for the 59 towns."""
    loads = []
    if not table.migration.empty and kind_name == GENESIS:
        migration = table.migration.assign(persons=table.migration["persons"].astype("Int64"))
        loads.append(TableLoad("registration_year", migration.rename(columns={"line": LINE}), ("ags", "year")))
    population = table.population.dropna(subset=["persons"])
    if not population.empty:
        loads.append(TableLoad("population", population.assign(
            persons=population["persons"].astype("Int64"), is_estimate=False).rename(columns={"line": LINE}),
            ("ags", "reference_date")))
    if not loads:
        wanted = "Einwohnerzahlen (12411)" if kind_name == "population" else "Zu- und Fortzüge oder Einwohnerzahlen"
        raise ImportRefused(file_name, [Problem(None, None, None, (
            f"{wanted} für mindestens eine der 59 Kommunen Südwestfalens (gefunden: {table.summary()})"))])
    return loads


def _official_period(loads: list[TableLoad]) -> tuple[str, str]:
    years = pd.concat([load.frame["year"] for load in loads])
    return str(int(years.min())), str(int(years.max()))


def _clear_demo_months(con: duckdb.DuckDBPyConnection, loads: list[TableLoad], count_only: bool = False) -> int:
    """Remove (or only count) the demo months of the town-years official figures now cover."""
    keys = pd.concat([load.frame[["ags", "year"]] for load in loads if load.table == "registration_year"]
                     or [pd.DataFrame(columns=["ags", "year"])]).drop_duplicates()
    if keys.empty:
        return 0
    con.register("official_keys", keys)
    cleared = con.execute(_DEMO_MONTHS.replace("delete from registration r", "select count(*) from registration r")
                          ).fetchall()[0][0]
    if not count_only:
        con.execute(_DEMO_MONTHS)
    con.unregister("official_keys")
    return cleared


def _undone(con: duckdb.DuckDBPyConnection, kind_name: str, name: str, sha: str, error: Exception,
            is_demo: bool) -> ImportRefused:
    """A failure inside the import's transaction: everything rolled back, the refusal logged."""
    con.rollback()
    refusal = ImportRefused(name, [Problem(None, None, None, f"ein speicherbarer Inhalt ({error})")])
    _log_refusal(con, kind_name, name, sha, refusal, is_demo)
    return refusal


def _log_refusal(con, kind_name, name, sha, refusal, is_demo) -> None:
    con.begin()
    _log(con, _next_import_id(con), kind_name, name, sha, 0, "refused", refusal.message(),
         is_demo, None)
    con.commit()


BOUNDARIES = "boundaries"


def import_boundaries(con: duckdb.DuckDBPyConnection, path: Path, *, crs: str | None = None,
                      attribution: str | None = None, file_name: str | None = None) -> ImportResult:
    """Official boundaries of the 59 towns into table `boundary` (one transaction, logged with
    their attribution); refused files change nothing."""
    name = file_name or path.name
    sha = sha256_of(path) if path.is_file() else hashlib.sha256(name.encode()).hexdigest()
    try:
        found = read_boundaries(path, _known(con, "select ags from municipality"), crs, attribution)
    except ImportRefused as refusal:
        _log_refusal(con, BOUNDARIES, name, sha, refusal, False)
        raise
    frame = pd.DataFrame({"ags": found.frame["ags"].to_numpy(), "geometry": found.frame.geometry.to_wkb()})
    loads = [TableLoad("boundary", frame, ("ags",))]
    if _already_stored(con, loads):
        return ImportResult(BOUNDARIES, name, "unchanged")
    con.begin()
    try:
        import_id = _next_import_id(con)
        added, replaced = _replace(con, loads[0], import_id)
        result = ImportResult(BOUNDARIES, name, "ok", added, replaced, None, added, import_id, found.summary())
        _log(con, import_id, BOUNDARIES, name, sha, added, "ok", result.summary(), False, None, "VG250",
             found.attribution)
        con.commit()
    except Exception as error:
        raise _undone(con, BOUNDARIES, name, sha, error, False) from error
    return result
