"""Large deliveries of register data (Parquet or CSV, millions of rows) validated and loaded by
DuckDB itself, without passing every row through pandas: the same checks as the template import
(known AGS, codes, first of month, persons ≥ 0, no duplicate keys), refusals with file, line and
column, one transaction, logged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from dashboard.ingest.errors import MAX_LISTED_PROBLEMS, ImportRefused, Problem
from dashboard.ingest.fields import AGE_GROUPS, DIRECTIONS, ORIGINS, SEXES
from dashboard.ingest.load import ImportResult, _log, _log_refusal, _next_import_id

KIND = "registrations"
COLUMNS = ("ags", "month", "direction", "age_group", "sex", "origin", "persons")


def _reader(paths: list[Path]) -> str:
    files = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"
    if all(p.suffix.lower() == ".parquet" for p in paths):
        return f"read_parquet({files}, filename = true, file_row_number = true)"
    # CSV: every column as text first, so a bad cell is reported instead of stopping the reader
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
    return f"(select *, row_number() over (partition by filename) - 1 as file_row_number from read_csv({files}, header = true, filename = true, columns = {{{types}}}))"


def _codes(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


CHECKS = [
    ("ags", "ags not in (select ags from municipality)", "AGS einer Kommune des Warehouse"),
    ("month", "month is null or day(month) <> 1", "Monatserster (JJJJ-MM-01)"),
    ("direction", f"direction not in {_codes(DIRECTIONS)}", "in oder out"),
    ("age_group", f"age_group not in {_codes(AGE_GROUPS)}", "eine der Altersgruppen " + ", ".join(AGE_GROUPS)),
    ("sex", f"sex not in {_codes(SEXES)}", "m, f oder d"),
    ("origin", f"origin not in {_codes(ORIGINS)}", "swf, nrw, de oder abroad"),
    ("persons", "persons is null or persons < 0", "ganze Zahl ≥ 0"),
]


# DuckDB may use this much memory for a bulk import (it spills to disk beyond it)
BULK_MEMORY_LIMIT = "3GB"


def _typed(paths: list[Path]) -> str:
    header = 1 if paths[0].suffix.lower() == ".csv" else 0
    return f"""(select ags::varchar as ags, try_cast(month as date) as month, month::varchar as month_text,
                      direction::varchar as direction, age_group::varchar as age_group, sex::varchar as sex,
                      origin::varchar as origin, try_cast(persons as integer) as persons,
                      persons::varchar as persons_text, filename, file_row_number + 1 + {header} as line
               from {_reader(paths)})"""


def _problems(con: duckdb.DuckDBPyConnection, source: str) -> list[Problem]:
    """All checks in one pass over the files; the located rows only when something failed."""
    counts = con.execute("select " + ", ".join(f"count_if({broken})" for _, broken, _ in CHECKS)
                         + ", count(*) - count(distinct hash(ags, month, direction, age_group, sex, origin))"
                         + f" from {source}").fetchall()[0]
    problems = []
    for (column, broken, expected), failed in zip(CHECKS, counts[:-1], strict=True):
        if not failed:
            continue
        shown = {"month": "month_text", "persons": "persons_text"}.get(column, column)
        for file, line, value in con.execute(
                f"select filename, line, {shown} from {source} where {broken} order by filename, line "
                f"limit {MAX_LISTED_PROBLEMS}").fetchall():
            problems.append(Problem(int(line), f"{column} ({Path(file).name})", None if value is None else str(value),
                                    expected))
    if counts[-1]:  # exact check only when the hashes hint at a duplicate
        problems += [Problem(int(line), f"ags ({Path(file).name})", None, "eindeutige Zeile (doppelter Schlüssel)")
                     for file, line in con.execute(
                         f"select any_value(filename), max(line) from {source} "
                         "group by ags, month, direction, age_group, sex, origin having count(*) > 1 limit 5").fetchall()]
    return problems


def bulk_import(con: duckdb.DuckDBPyConnection, paths: list[Path], name: str | None = None) -> ImportResult:
    paths = [Path(p) for p in paths]
    name = name or (paths[0].name if len(paths) == 1 else f"{len(paths)} Dateien ({paths[0].name} …)")
    digest = hashlib.sha256("".join(f"{p.name}{p.stat().st_size}{p.stat().st_mtime_ns}" for p in paths).encode()).hexdigest()
    source = _typed(paths)
    con.execute(f"set memory_limit = '{BULK_MEMORY_LIMIT}'")
    con.execute("set preserve_insertion_order = false")
    problems = _problems(con, source)
    if problems:
        refusal = ImportRefused(name, problems)
        _log_refusal(con, KIND, name, digest, refusal, False)
        raise refusal
    con.begin()
    try:
        import_id = _next_import_id(con)
        con.execute(f"create temp table delivered_keys as select distinct ags, month from {source}")
        replaced = con.execute("""select count(*) from registration r
                                  where exists (select 1 from delivered_keys k where k.ags = r.ags and k.month = r.month)
                               """).fetchall()[0][0]
        con.execute("""delete from registration r
                       where exists (select 1 from delivered_keys k where k.ags = r.ags and k.month = r.month)""")
        con.execute(f"""insert into registration (ags, month, direction, age_group, sex, origin, persons, import_id)
                        select ags, month, direction, age_group, sex, origin, persons, $id from {source}""",
                    {"id": import_id})
        added, towns, first, last = con.execute(
            "select count(*), count(distinct ags), min(month)::varchar, max(month)::varchar from registration "
            "where import_id = $id", {"id": import_id}).fetchall()[0]
        result = ImportResult(KIND, name, "ok", added, replaced, (first, last), towns, import_id)
        _log(con, import_id, KIND, name, digest, added, "ok", result.summary(), False, "Massenimport (DuckDB)")
        con.commit()
    except Exception:
        con.rollback()
        raise
    finally:
        con.execute("drop table if exists delivered_keys")
    return result
