"""Large register deliveries through DuckDB: the synthetic Germany-scale generator is repeatable,
Parquet and CSV load the same rows, and a bad row is refused with file, line and column while
the warehouse stays unchanged."""

from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.demo import scale
from dashboard.ingest.bulk import bulk_import
from dashboard.ingest.errors import ImportRefused
from dashboard.ingest.scale import init_scale_warehouse
from dashboard.warehouse.connection import reader, writer
from tests.conftest import checksums


def test_generator_is_repeatable_and_shaped_like_the_warehouse(tmp_path):
    first = scale.generate(tmp_path / "a", 80, (2024, 2024), seed=3)
    second = scale.generate(tmp_path / "b", 80, (2024, 2024), seed=3)
    assert first["registration_rows"] == second["registration_rows"] > 0
    assert (tmp_path / "a" / "registrations_2024.parquet").read_bytes() == (
        tmp_path / "b" / "registrations_2024.parquet"
    ).read_bytes()
    rows = pd.read_parquet(tmp_path / "a" / "registrations_2024.parquet")
    assert list(rows.columns) == ["ags", "month", "direction", "age_group", "sex", "origin", "persons"]
    assert rows["ags"].str.fullmatch(r"\d{8}").all() and (rows["persons"] > 0).all()


def test_parquet_and_csv_load_the_same(tmp_path):
    data = tmp_path / "data"
    scale.generate(data, 60, (2023, 2024), seed=5)
    from_parquet = init_scale_warehouse(tmp_path / "p.duckdb", data, ".parquet")
    from_csv = init_scale_warehouse(tmp_path / "c.duckdb", data, ".csv")
    assert from_parquet.rows_added == from_csv.rows_added
    totals = []
    for db in ("p.duckdb", "c.duckdb"):
        with reader(tmp_path / db) as con:
            totals.append(con.execute("select sum(persons), count(distinct ags) from registration").fetchall()[0])
    assert totals[0] == totals[1]


def test_a_bad_row_is_refused_with_line_and_column(demo_warehouse, tmp_path):
    path = tmp_path / "lieferung.csv"
    path.write_text(
        "ags,month,direction,age_group,sex,origin,persons\n"
        "05962060,2026-03-01,in,0-17,m,nrw,2\n"
        "05962060,2026-03-15,in,0-17,f,nrw,3\n"
        "99999999,2026-03-01,out,0-17,m,nrw,-1\n",
        encoding="utf-8",
    )
    before = checksums(demo_warehouse)
    with writer(demo_warehouse) as con, pytest.raises(ImportRefused) as refusal:
        bulk_import(con, [path])
    message = refusal.value.message()
    assert "Zeile 3, Spalte month (lieferung.csv): '2026-03-15'" in message
    assert "Zeile 4, Spalte ags (lieferung.csv): '99999999'" in message
    assert "Zeile 4, Spalte persons (lieferung.csv): '-1'" in message
    assert checksums(demo_warehouse) == before


def test_parquet_registrations_take_the_bulk_path_from_the_cli(demo_warehouse, tmp_path):
    frame = pd.DataFrame(
        {
            "ags": ["05962060"] * 2,
            "month": pd.to_datetime(["2026-04-01"] * 2).date,
            "direction": ["in", "out"],
            "age_group": ["18-24"] * 2,
            "sex": ["f"] * 2,
            "origin": ["de"] * 2,
            "persons": [4, 1],
        }
    )
    path = Path(tmp_path / "april.parquet")
    frame.to_parquet(path)
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(path)]) == 0
    with reader(demo_warehouse) as con:
        assert con.execute("select sum(persons) from registration where month = '2026-04-01'").fetchall()[0][0] == 5


def _delivery(tmp_path: Path, rows: str, name: str = "lieferung.csv") -> Path:
    path = tmp_path / name
    path.write_text("ags,month,direction,age_group,sex,origin,persons\n" + rows, encoding="utf-8")
    return path


def test_a_duplicated_key_is_refused_with_its_line(demo_warehouse, tmp_path):
    path = _delivery(
        tmp_path,
        "05962060,2026-03-01,in,0-17,m,nrw,2\n"
        "05962060,2026-03-01,out,0-17,m,nrw,1\n"
        "05962060,2026-03-01,in,0-17,m,nrw,5\n",
    )
    before = checksums(demo_warehouse)
    with writer(demo_warehouse) as con, pytest.raises(ImportRefused) as refusal:
        bulk_import(con, [path])
    assert "Zeile 4, Spalte ags (lieferung.csv)" in refusal.value.message()
    assert "doppelter Schlüssel" in refusal.value.message()
    assert checksums(demo_warehouse) == before


def test_a_redelivered_town_month_replaces_the_stored_rows(demo_warehouse, tmp_path):
    count = "select count(*), sum(persons) from registration where ags = '05962060' and month = '2024-03-01'"
    with reader(demo_warehouse) as con:
        stored_rows = con.execute(count).fetchall()[0][0]
    path = _delivery(tmp_path, "05962060,2024-03-01,in,0-17,m,nrw,2\n05962060,2024-03-01,out,65+,f,de,1\n")
    with writer(demo_warehouse) as con:
        result = bulk_import(con, [path])
        assert con.execute(count).fetchall()[0] == (2, 3)
    assert (result.rows_added, result.rows_replaced, result.towns) == (2, stored_rows, 1)
    assert result.period == ("2024-03-01", "2024-03-01")


@pytest.mark.parametrize(
    "content",
    [
        "05962060,2026-03-01,in,0-17,m\n",  # a column missing
        "05962060,2026-03-01,sideways,0-17,m,nrw,2\n",  # a code the table refuses
        "05962060,2026-03-01,in,0-17,m,nrw,zwei\n",  # not a number
    ],
)
def test_broken_csv_is_refused_without_a_crash(demo_warehouse, tmp_path, content):
    path = _delivery(tmp_path, content)
    before = checksums(demo_warehouse)
    with writer(demo_warehouse) as con, pytest.raises(ImportRefused) as refusal:
        bulk_import(con, [path])
    assert "lieferung.csv" in refusal.value.message()
    assert checksums(demo_warehouse) == before


def _complete_town_month(ags: str = "05962060", month: str = "2024-01-01") -> pd.DataFrame:
    """Every key of one town-month: 2 directions × 6 age groups × 3 sexes × 4 origins = 144 rows."""
    from itertools import product

    from dashboard.vocabulary import AGE_GROUPS, DIRECTIONS, ORIGINS, SEXES

    keys = list(product(DIRECTIONS, AGE_GROUPS, SEXES, ORIGINS))
    return pd.DataFrame(
        {
            "ags": ags,
            "month": pd.Timestamp(month).date(),
            "direction": [k[0] for k in keys],
            "age_group": [k[1] for k in keys],
            "sex": [k[2] for k in keys],
            "origin": [k[3] for k in keys],
            "persons": range(len(keys)),
        }
    )


def test_a_complete_town_month_in_parquet_imports_and_the_same_content_twice_is_unchanged(
    demo_warehouse, tmp_path, capsys
):
    rows = _complete_town_month()
    path = tmp_path / "meldungen.parquet"
    rows.to_parquet(path, index=False)
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(path)]) == 0
    assert "144 Zeilen importiert" in capsys.readouterr().out
    with reader(demo_warehouse) as con:
        stored = con.execute(
            "select count(*), sum(persons) from registration where ags = '05962060' and month = date '2024-01-01'"
        ).fetchall()[0]
    assert stored == (144, sum(range(144)))
    before = checksums(demo_warehouse)
    renamed = tmp_path / "meldungen-nochmal.parquet"
    renamed.write_bytes(path.read_bytes())  # the same delivery under another name and date
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(renamed)]) == 0
    assert "bereits importiert" in capsys.readouterr().out
    assert checksums(demo_warehouse) == before
    with reader(demo_warehouse) as con:
        assert (
            con.execute(
                "select count(*) from import_log where sha256 = (select sha256 from import_log "
                "where file_name = 'meldungen.parquet')"
            ).fetchall()[0][0]
            == 1
        )
