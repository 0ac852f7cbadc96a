"""Large deliveries of register data (Parquet or CSV, millions of rows) validated and loaded by
DuckDB itself, without passing every row through pandas: the same checks as the template import
(known AGS, codes, first of month, persons ≥ 0, no duplicate keys), refusals with file, line and
column, one transaction, logged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from dashboard.ingest.errors import MAX_LISTED_PROBLEMS, ImportRefused, Problem, expect
from dashboard.ingest.journal import ImportResult, log, log_refusal, next_import_id, sha256_of
from dashboard.vocabulary import AGE_GROUPS, DIRECTIONS, ORIGINS, SEXES
from dashboard.warehouse import peers, rollup
from dashboard.warehouse.recovery import drop_uncommitted_rows

KIND = "registrations"
COLUMNS = ("ags", "month", "direction", "age_group", "sex", "origin", "persons")
# DuckDB may use this much memory for a bulk import (it spills to disk beyond it)
BULK_MEMORY_LIMIT = "3GB"
# the template's dialect, stated so a damaged line is reported by the reader, not by the sniffer
_CSV_DIALECT = "auto_detect = false, header = true, delim = ',', quote = '\"', "


def _rows(paths: list[Path], *, located: bool) -> str:
    """The delivered files as one relation; `located` adds file name and line number."""
    files = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"
    if all(p.suffix.lower() == ".parquet" for p in paths):
        return (
            f"read_parquet({files}, filename = true, file_row_number = true)" if located else f"read_parquet({files})"
        )
    # CSV: every column as text first, so a bad cell is reported instead of stopping the reader
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
    if not located:
        return f"read_csv({files}, {_CSV_DIALECT}columns = {{{types}}})"
    return (
        f"(select *, row_number() over (partition by filename) - 1 as file_row_number "
        f"from read_csv({files}, {_CSV_DIALECT}filename = true, null_padding = true, columns = {{{types}}}))"
    )


def _typed(paths: list[Path], *, located: bool) -> str:
    """Typed for the warehouse; a value that does not convert becomes NULL, which the table's NOT
    NULL and CHECK constraints (and the located checks) stop."""
    location = ""
    if located:
        header = 1 if paths[0].suffix.lower() == ".csv" else 0
        location = (
            f", month::varchar as month_text, persons::varchar as persons_text, filename, "
            f"file_row_number + 1 + {header} as line"
        )
    return f"""(select ags::varchar as ags, try_cast(month as date) as month, direction::varchar as direction,
                      age_group::varchar as age_group, sex::varchar as sex, origin::varchar as origin,
                      try_cast(persons as integer) as persons{location}
               from {_rows(paths, located=located)})"""


def _codes(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


CHECKS = [
    ("ags", "ags is null or ags not in (select ags from municipality)", "AGS einer Kommune des Warehouse"),
    ("month", "month is null or day(month) <> 1", "Monatserster (JJJJ-MM-01)"),
    ("direction", f"direction is null or direction not in {_codes(DIRECTIONS)}", "in oder out"),
    (
        "age_group",
        f"age_group is null or age_group not in {_codes(AGE_GROUPS)}",
        "eine der Altersgruppen " + ", ".join(AGE_GROUPS),
    ),
    ("sex", f"sex is null or sex not in {_codes(SEXES)}", "m, f oder d"),
    ("origin", f"origin is null or origin not in {_codes(ORIGINS)}", "swf, nrw, de oder abroad"),
    ("persons", "persons is null or persons < 0", "ganze Zahl ≥ 0"),
]


def _located(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> list[Problem]:
    """Where a delivery breaks the rules: file, line, column and value of the first rows per check.
    Only run once the import has failed, so the extra pass costs nothing on the way of a good file."""
    con.execute("set preserve_insertion_order = true")  # line numbers follow the file's order
    source = _typed(paths, located=True)
    problems = []
    for column, broken, expected in CHECKS:
        shown = {"month": "month_text", "persons": "persons_text"}.get(column, column)
        for file, line, value in con.execute(
            f"select filename, line, {shown} from {source} where {broken} order by filename, line "
            f"limit {MAX_LISTED_PROBLEMS}"
        ).fetchall():
            problems.append(
                Problem(int(line), f"{column} ({Path(file).name})", None if value is None else str(value), expected)
            )
    problems += [
        Problem(int(line), f"ags ({Path(file).name})", None, expect("unique_row"))
        for file, line in con.execute(
            f"select any_value(filename), max(line) from {source} "
            "group by ags, month, direction, age_group, sex, origin having count(*) > 1 "
            f"order by 2 limit {MAX_LISTED_PROBLEMS}"
        ).fetchall()
    ]
    return problems


def _slot(column: str, values: tuple[str, ...]) -> str:
    return f"(list_position({list(values)}, {column}) - 1)"


# Each (age group, sex, origin) has its own bit, one mask per direction: a town-month holds a
# duplicate key exactly when it has more rows than bits set. A small aggregate per town-month is
# far cheaper than a distinct count over all rows. (bit_count answers in TINYINT: a complete
# town-month has 72 + 72 keys, more than it holds, so the counts are widened before adding.)
_BIT = (
    f"(1::hugeint << (({_slot('age_group', AGE_GROUPS)} * {len(SEXES)} + {_slot('sex', SEXES)}) "
    f"* {len(ORIGINS)} + {_slot('origin', ORIGINS)})::hugeint)"
)
# Every rule of CHECKS is checked over the stored rows of the import, in the one pass that groups
# them by town-month: the file's table constraints would stop a bad code or a negative count, but
# a DuckLake table has no constraints, and the rules must hold on both backends.
_RULE = {column: broken for column, broken, _ in CHECKS}
_ROW_RULES = " or ".join(f"({_RULE[column]})" for column in ("direction", "age_group", "sex", "origin", "persons"))
_DELIVERED = f"""
    create temp table delivered_months as
    select ags, month, count(*) as rows,
           bit_count(bit_or({_BIT}) filter (where direction = 'in'))::integer
           + bit_count(bit_or({_BIT}) filter (where direction = 'out'))::integer as distinct_keys,
           count_if({_ROW_RULES}) as broken_rows
    from registration
    where import_id = $id
    group by ags, month"""
_VERDICT = f"""
    select count_if({_RULE["ags"]}) + count_if({_RULE["month"]}) + coalesce(sum(broken_rows), 0),
           coalesce(sum(rows - distinct_keys), 0), coalesce(sum(rows), 0), count(distinct ags),
           min(month)::varchar, max(month)::varchar
    from delivered_months"""


def _still_stored(con: duckdb.DuckDBPyConnection, digest: str) -> bool:
    """The same content was imported before and none of its rows has been replaced since."""
    found = con.execute(
        "select import_id, rows from import_log where kind = $kind and sha256 = $sha and status = 'ok' "
        "order by import_id desc limit 1",
        {"kind": KIND, "sha": digest},
    ).fetchall()
    if not found:
        return False
    import_id, rows = found[0]
    return (
        con.execute("select count(*) from registration where import_id = $id", {"id": import_id}).fetchall()[0][0]
        == rows
    )


def bulk_import(con: duckdb.DuckDBPyConnection, paths: list[Path], name: str | None = None) -> ImportResult:
    """Insert first, check the stored rows of this import after (one pass over the files for a good
    delivery); any broken rule rolls everything back and the files are read again only to say
    where. A delivered town-month replaces its stored rows; the yearly rollup follows."""
    paths = [Path(p) for p in paths]
    name = name or (paths[0].name if len(paths) == 1 else f"{len(paths)} Dateien ({paths[0].name} …)")
    # by content: the same delivery under another name or with a new date is the same delivery
    digest = (
        sha256_of(paths[0])
        if len(paths) == 1
        else hashlib.sha256("".join(sha256_of(p) for p in paths).encode()).hexdigest()
    )
    if _still_stored(con, digest):
        return ImportResult(KIND, name, "unchanged")
    con.execute(f"set memory_limit = '{BULK_MEMORY_LIMIT}'")
    con.execute("set preserve_insertion_order = false")
    con.begin()
    try:
        drop_uncommitted_rows(con)  # a killed import's rows must not take this import's id
        import_id = next_import_id(con)
        try:
            con.execute(
                f"""insert into registration (ags, month, direction, age_group, sex, origin, persons, import_id)
                            select *, $id from {_typed(paths, located=False)}""",
                {"id": import_id},
            )
        except duckdb.Error as error:  # constraint, conversion, unreadable file: all the delivery's fault
            raise _Broken(str(error)) from error
        con.execute(_DELIVERED, {"id": import_id})
        broken_rules, duplicates, added, towns, first, last = con.execute(_VERDICT).fetchall()[0]
        if broken_rules or duplicates:
            raise _Broken("")
        replaced = con.execute(
            """delete from registration r
                                  where r.import_id <> $id and exists
                                      (select 1 from delivered_months k where k.ags = r.ags and k.month = r.month)""",
            {"id": import_id},
        ).fetchall()[0][0]
        result = ImportResult(KIND, name, "ok", added, replaced, (first, last), towns, import_id)
        log(con, import_id, KIND, name, digest, added, "ok", result.encoded(), False, "Massenimport (DuckDB)")
        con.execute(
            "create temp table changed_town_years as select distinct ags, year(month) as year from delivered_months"
        )
        rollup.refresh(con, "changed_town_years")  # after the log row, which says the rows are not demo
        peers.refresh(con)
        con.commit()
    except _Broken as broken:
        con.rollback()
        try:
            problems = _located(con, paths)
        except duckdb.Error as error:  # unreadable: DuckDB's first line says why
            problems = [Problem(None, None, None, expect("readable", error=str(error).splitlines()[0]))]
        problems = problems or [Problem(None, None, None, expect("storable", error=str(broken).splitlines()[0]))]
        refusal = ImportRefused(name, problems)
        log_refusal(con, KIND, name, digest, refusal, False)
        raise refusal from None
    except Exception as error:  # nothing foreseen: rolled back, one clear line, logged
        con.rollback()
        refusal = ImportRefused(
            name,
            [
                Problem(
                    None,
                    None,
                    None,
                    expect(
                        "readable_unexpected",
                        error=f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}",
                    ),
                )
            ],
        )
        log_refusal(con, KIND, name, digest, refusal, False)
        raise refusal from error
    finally:
        con.execute("drop table if exists delivered_months")
        con.execute("drop table if exists changed_town_years")
    return result


class _Broken(Exception):
    """The delivery breaks a rule; which rows is found after the rollback."""
