"""Every import kind in one registry, and one transaction for all of them: validate, replace the
delivered keys, log it.

On any failure – a refused file, or an error nobody foresaw – nothing in the data tables changes,
the user gets one clear line with the file (and line and column where known) and the log has it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.i18n.messages import encode
from dashboard.ingest import genesis
from dashboard.ingest.errors import ImportRefused, Problem, expect
from dashboard.ingest.journal import (
    ImportResult,
    is_conflict,
    log,
    log_refusal,
    next_import_id,
    retried,
    rollback_quietly,
    sha256_of,
)
from dashboard.ingest.kinds import KINDS, Kind, TableLoad, meant_column, prepare, unknown_columns
from dashboard.ingest.read import LINE, read_raw
from dashboard.warehouse import peers, rollup
from dashboard.warehouse.recovery import drop_uncommitted_rows

__all__ = ["IMPORTERS", "DryRun", "ImportResult", "OfficialSource", "check_file", "guess_kind", "import_file"]


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
            {"n": len(rows)},
        ).fetchall()[0][0]
        con.unregister("delivered_keys")
        con.unregister("delivered_rows")
        if not same:
            return False
    return True


def _count_stored(con: duckdb.DuckDBPyConnection, load: TableLoad) -> int:
    """Stored rows with the delivered keys (registered as `delivered_keys`): what a delivery replaces."""
    return con.execute(
        f"select count(*) from {load.table} t where exists (select 1 from delivered_keys d where {_match(load)})"
    ).fetchall()[0][0]


def _towns(loads: list[TableLoad]) -> int:
    return int(loads[0].frame["ags"].nunique()) if "ags" in loads[0].frame else 0


def _replace(con: duckdb.DuckDBPyConnection, load: TableLoad, import_id: int) -> tuple[int, int]:
    frame = _table_rows(con, load).assign(import_id=import_id)
    keys = frame[list(load.replace_key)].drop_duplicates()
    con.register("delivered_keys", keys)
    con.register("delivered_rows", frame)
    match = _match(load)
    replaced = _count_stored(con, load)
    con.execute(f"delete from {load.table} t where exists (select 1 from delivered_keys d where {match})")
    con.execute(f"insert into {load.table} by name select * from delivered_rows")
    con.unregister("delivered_keys")
    con.unregister("delivered_rows")
    return len(frame), replaced


def _refresh_rollup(con: duckdb.DuckDBPyConnection, loads: list[TableLoad]) -> None:
    """The yearly rollup of the town-years this import touched: delivered months, and the
    town-years whose demo months official figures clear."""
    keys = [
        pd.DataFrame({"ags": load.frame["ags"], "year": pd.to_datetime(load.frame["month"]).dt.year})
        for load in loads
        if load.table == "registration"
    ]
    keys += [load.frame[["ags", "year"]] for load in loads if load.table == "registration_year"]
    if not keys:
        return
    con.register("changed_town_years", pd.concat(keys).astype({"year": "int64"}).drop_duplicates())
    rollup.refresh(con, "changed_town_years")
    con.unregister("changed_town_years")


# What the peer groups rest on: an import that changes these recomputes them in its transaction.
PEER_INPUT_TABLES = {"registration", "registration_year", "population"}


def _period(kind: Kind, loads: list[TableLoad]) -> tuple[str, str] | None:
    if not kind.period_column:
        return None
    values = pd.Series(loads[0].frame[kind.period_column]).dropna()
    if values.empty:
        return None
    if kind.period_column == "month":  # a month, not the day it is stored under
        return str(values.min())[:7], str(values.max())[:7]
    return str(values.min()), str(values.max())


@dataclass(frozen=True)
class OfficialSource:
    """What makes a delivery official statistics (a GENESIS table, the Zensus 2022 populations
    shipped in data/reference, BKG boundaries): its table code and the attribution to show."""

    table_code: str
    copyright: str


@dataclass(frozen=True)
class Prepared:
    """A validated file, ready for the one import transaction."""

    loads: list[TableLoad]
    period: tuple[str, str] | None = None
    detail: str | None = None  # what the report says beyond the rows (official table, unused columns)
    source: OfficialSource | None = None
    replaces_demo_months: bool = False  # official annual figures clear the demo months they cover
    towns: int | None = None


BOUNDARY_SUFFIXES = (".zip", ".geojson", ".json", ".gpkg", ".shp")
# share of a template's columns a header must carry to look like that template
TEMPLATE_LIKENESS = 0.6


def guess_kind(data: bytes, file_name: str) -> str | None:
    """The import kind a file looks like, from its suffix and its header (an official GENESIS
    table, boundaries, or the template whose columns it carries most completely), or None. The
    Daten page preselects it and names it when the chosen kind does not fit."""
    suffix = Path(file_name).suffix.lower()
    if suffix in BOUNDARY_SUFFIXES:
        return BOUNDARIES
    if suffix == ".parquet":
        return "registrations"
    if genesis.looks_like_genesis(data):
        return GENESIS
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(file_name).name
        path.write_bytes(data)
        try:
            header = [c for c in read_raw(path, file_name).frame.columns if c != LINE]
        except (ImportRefused, ValueError, OSError):
            return None
    best, best_share = None, 0.0
    for name, kind in KINDS.items():
        meant = {meant_column(column, kind) for column in header} - {None}
        share = len(meant) / len(kind.fields)
        if share > best_share:
            best, best_share = name, share
    return best if best_share >= TEMPLATE_LIKENESS else None


@dataclass(frozen=True)
class Request:
    """One file to prepare: where it is, how it is called, and options of its kind."""

    con: duckdb.DuckDBPyConnection
    path: Path
    file_name: str
    today: dt.date | None = None
    options: dict[str, str | None] = field(default_factory=dict)

    def known(self, sql: str) -> frozenset[str]:
        return _known(self.con, sql)


@dataclass(frozen=True)
class Importer:
    """An import kind: how its files become warehouse rows, and what it is for (CLI, Daten page)."""

    name: str
    prepare: Callable[[Request], Prepared]
    description: str
    suffixes: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".xlsm")


def _unused_note(columns: list[str]) -> str | None:
    return encode("import_note.unused_columns", columns=", ".join(columns)) if columns else None


def _template(kind: Kind) -> Callable[[Request], Prepared]:
    def prepare_template(request: Request) -> Prepared:
        if kind.name == "population" and genesis.looks_like_genesis(request.path.read_bytes()):
            return _official(request, "population")
        raw = read_raw(request.path, request.file_name)
        loads = prepare(
            raw,
            kind,
            request.known("select ags from municipality"),
            request.known("select campaign_id from campaign"),
            request.today,
        )
        return Prepared(loads, _period(kind, loads), _unused_note(unknown_columns(raw, kind)))

    return prepare_template


def _official(request: Request, kind_name: str) -> Prepared:
    table = genesis.parse(request.path.read_bytes(), request.file_name, request.known("select ags from municipality"))
    loads = official_loads(table, request.file_name, kind_name)
    return Prepared(
        loads,
        _official_period(loads),
        table.summary(),
        OfficialSource(table.table_code, table.copyright),
        replaces_demo_months=True,
    )


def _boundaries(request: Request) -> Prepared:
    from dashboard.ingest.boundaries import read_boundaries  # geopandas only where boundaries come

    reference = request.con.execute("select ags, area_km2 from municipality").fetchall()
    found = read_boundaries(
        request.path,
        frozenset(a for a, _ in reference),
        request.options.get("crs"),
        request.options.get("attribution"),
        {a: area for a, area in reference if area},
    )
    frame = pd.DataFrame({"ags": found.frame["ags"].to_numpy(), "geometry": found.frame.geometry.to_wkb()})
    return Prepared(
        [TableLoad("boundary", frame, ("ags",))],
        None,
        found.summary(),
        OfficialSource("VG250", found.attribution),
        towns=len(frame),
    )


GENESIS = "genesis"
BOUNDARIES = "boundaries"
# Official statistics first: what an agency starts with.
IMPORTERS: dict[str, Importer] = {
    GENESIS: Importer(
        GENESIS,
        lambda request: _official(request, GENESIS),
        "Amtliche GENESIS-Tabelle (Tabellen-CSV oder Flat-File): Zu-/Fortzüge 12711, Einwohner 12411, Zensus 2022.",
        (".csv", ".txt"),
    ),
    **{name: Importer(name, _template(kind), kind.description) for name, kind in KINDS.items()},
    BOUNDARIES: Importer(
        BOUNDARIES,
        _boundaries,
        "Gemeindegrenzen: VG250 von BKG (Shapefile-ZIP oder Ordner), GeoJSON oder GeoPackage.",
        BOUNDARY_SUFFIXES,
    ),
}


def _unexpected(name: str, error: BaseException) -> ImportRefused:
    """An error nobody foresaw while reading a file: one line for the user, nothing stored."""
    first = (str(error).splitlines() or [""])[0][:200]
    return ImportRefused(
        name,
        [
            Problem(
                None,
                None,
                None,
                expect("readable_unexpected", error=f"{type(error).__name__}: {first}"),
            )
        ],
    )


def _prepare(request: Request, kind_name: str) -> Prepared:
    if kind_name not in IMPORTERS:
        raise ImportRefused(
            request.file_name, [Problem(None, None, kind_name, expect("one_of_kinds", kinds=", ".join(IMPORTERS)))]
        )
    try:
        return IMPORTERS[kind_name].prepare(request)
    except ImportRefused:
        raise
    except Exception as error:
        raise _unexpected(request.file_name, error) from error


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


def check_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind_name: str,
    *,
    file_name: str | None = None,
    today: dt.date | None = None,
    **options: str | None,
) -> DryRun:
    """Validate a file and count what it would add and replace; works on a read-only connection."""
    name = file_name or path.name
    try:
        prepared = _prepare(Request(con, path, name, today, options), kind_name)
        loads = prepared.loads
        replaced = 0
        for load in loads:
            con.register("delivered_keys", load.frame[list(load.replace_key)].drop_duplicates())
            replaced += _count_stored(con, load)
            con.unregister("delivered_keys")
        if prepared.replaces_demo_months:
            replaced += _clear_demo_months(con, loads, count_only=True)
        return DryRun(
            kind_name,
            name,
            None,
            sum(len(load.frame) for load in loads),
            replaced,
            prepared.period,
            _towns(prepared),
            _already_stored(con, loads),
            tuple(load.table for load in loads),
            prepared.detail,
        )
    except ImportRefused as refusal:
        return DryRun(kind_name, name, refusal)
    except Exception as error:  # noqa: BLE001 (whatever goes wrong, the page shows a refusal, not a traceback)
        return DryRun(kind_name, name, _unexpected(name, error))


def _towns(prepared: Prepared) -> int:
    if prepared.towns is not None:
        return prepared.towns
    first = prepared.loads[0].frame
    return int(first["ags"].nunique()) if "ags" in first else 0


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind_name: str,
    *,
    is_demo: bool = False,
    source_note: str | None = None,
    file_name: str | None = None,
    today: dt.date | None = None,
    official_source: OfficialSource | None = None,
    **options: str | None,
) -> ImportResult:
    """Import one file of any registered kind in one transaction (large registrations as Parquet
    through DuckDB's bulk path); raises ImportRefused, logged, when it is not valid – and for any
    error on the way, so that nothing is half stored and nothing reaches the user as a traceback."""
    name = file_name or path.name
    if kind_name == "registrations" and path.suffix.lower() == ".parquet":
        from dashboard.ingest.bulk import bulk_import

        return bulk_import(con, [path], name)
    try:
        sha = sha256_of(path)
        prepared = _prepare(Request(con, path, name, today, options), kind_name)
    except ImportRefused as refusal:
        log_refusal(con, kind_name, name, _fingerprint(path, name), refusal, is_demo)
        raise
    except Exception as error:  # an unreadable path (permissions, a folder vanished)
        refusal = _unexpected(name, error)
        log_refusal(con, kind_name, name, _fingerprint(path, name), refusal, is_demo)
        raise refusal from error
    return store(
        con, kind_name, name, sha, prepared, is_demo=is_demo, source_note=source_note, official_source=official_source
    )


def _fingerprint(path: Path, name: str) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return "-"


def store(
    con: duckdb.DuckDBPyConnection,
    kind_name: str,
    name: str,
    sha: str,
    prepared: Prepared,
    *,
    is_demo: bool = False,
    source_note: str | None = None,
    official_source: OfficialSource | None = None,
) -> ImportResult:
    """The one import transaction of every kind: replace the delivered keys, clear demo months
    official figures cover, log, refresh the rollup; all of it or nothing. On DuckLake a commit
    that loses to another process's import is tried again on the new snapshot."""
    try:
        return retried(lambda: _store_once(con, kind_name, name, sha, prepared, is_demo, source_note, official_source))
    except duckdb.TransactionException as error:  # still losing after every attempt
        raise _undone(con, kind_name, name, sha, error, is_demo) from error


def _store_once(
    con: duckdb.DuckDBPyConnection,
    kind_name: str,
    name: str,
    sha: str,
    prepared: Prepared,
    is_demo: bool,
    source_note: str | None,
    official_source: OfficialSource | None,
) -> ImportResult:
    loads = prepared.loads
    try:
        if _already_stored(con, loads):
            return ImportResult(kind_name, name, "unchanged", detail=prepared.detail)
    except Exception as error:
        refusal = _unexpected(name, error)
        log_refusal(con, kind_name, name, sha, refusal, is_demo)
        raise refusal from error
    con.begin()
    try:
        drop_uncommitted_rows(con)  # a killed import's rows must not take this import's id
        import_id = next_import_id(con)
        added = replaced = 0
        for load in loads:
            a, r = _replace(con, load, import_id)
            added, replaced = added + a, replaced + r
        if prepared.replaces_demo_months and not is_demo:
            replaced += _clear_demo_months(con, loads)
        result = ImportResult(
            kind_name, name, "ok", added, replaced, prepared.period, _towns(prepared), import_id, prepared.detail
        )
        source = official_source or prepared.source
        log(
            con,
            import_id,
            kind_name,
            name,
            sha,
            added,
            "ok",
            result.encoded(),
            is_demo,
            source_note,
            source.table_code if source else None,
            source.copyright if source else None,
        )
        # after the log row: the rollup reads from it whether the rows are demo data
        _refresh_rollup(con, loads)
        if {load.table for load in loads} & PEER_INPUT_TABLES:
            peers.refresh(con)
        con.commit()
    except Exception as error:
        if is_conflict(error):
            rollback_quietly(con)
            raise  # tried again by store()
        raise _undone(con, kind_name, name, sha, error, is_demo) from error
    return result


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
        loads.append(
            TableLoad(
                "population",
                population.drop(columns="column")
                .assign(persons=population["persons"].astype("Int64"), is_estimate=False)
                .rename(columns={"line": LINE}),
                ("ags", "reference_date"),
            )
        )
    if not loads:
        wanted = "population_for_region" if kind_name == "population" else "official_for_region"
        raise ImportRefused(
            file_name,
            [
                Problem(
                    None,
                    None,
                    None,
                    expect(wanted, found=table.summary()),
                )
            ],
        )
    return loads


def _official_period(loads: list[TableLoad]) -> tuple[str, str]:
    years = pd.concat([load.frame["year"] for load in loads])
    return str(int(years.min())), str(int(years.max()))


def _clear_demo_months(con: duckdb.DuckDBPyConnection, loads: list[TableLoad], count_only: bool = False) -> int:
    """Remove (or only count) the demo months of the town-years official figures now cover."""
    keys = pd.concat(
        [load.frame[["ags", "year"]] for load in loads if load.table == "registration_year"]
        or [pd.DataFrame(columns=["ags", "year"])]
    ).drop_duplicates()
    if keys.empty:
        return 0
    con.register("official_keys", keys)
    cleared = con.execute(
        _DEMO_MONTHS.replace("delete from registration r", "select count(*) from registration r")
    ).fetchall()[0][0]
    if not count_only:
        con.execute(_DEMO_MONTHS)
    con.unregister("official_keys")
    return cleared


def _undone(
    con: duckdb.DuckDBPyConnection, kind_name: str, name: str, sha: str, error: Exception, is_demo: bool
) -> ImportRefused:
    """A failure inside the import's transaction: everything rolled back, the refusal logged."""
    rollback_quietly(con)
    refusal = ImportRefused(name, [Problem(None, None, None, expect("storable", error=str(error)))])
    log_refusal(con, kind_name, name, sha, refusal, is_demo)
    return refusal
