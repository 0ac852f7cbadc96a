"""Every template imports; every broken variant is refused with file, line and column, changing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.config import TEMPLATES_DIR
from dashboard.ingest.kinds import KINDS
from dashboard.warehouse.connection import reader
from tests.conftest import checksums, stored_state, with_template_campaign

# campaigns first: activity and events refer to a campaign
ORDER = [
    "campaigns",
    "campaign-activity",
    "campaign-events",
    "registrations",
    "population",
    "network",
    "round-table",
    "welcome-bags",
    "flows",
]


def _template(kind: str) -> pd.DataFrame:
    return pd.read_csv(TEMPLATES_DIR / f"{kind}.csv", dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path, encoding: str = "utf-8") -> Path:
    frame.to_csv(path, index=False, encoding=encoding, lineterminator="\n")
    return path


def _first(kind: str, field_kind: str) -> str | None:
    return next((c for c, f in KINDS[kind].fields.items() if f.kind == field_kind), None)


def _broken_variants(kind: str) -> dict[str, tuple[pd.DataFrame, int, str | None, str]]:
    """{name: (frame, line, column, expected fragment)} for the variants that apply to a kind."""
    base = _template(kind)
    variants = {}
    column = next(iter(KINDS[kind].fields))
    variants["missing_column"] = (base.drop(columns=[column]), 1, column, "Spalte in der Kopfzeile")
    if ags := _first(kind, "ags"):
        frame = base.copy()
        frame.loc[1 if len(frame) > 1 else 0, ags] = "05999999"
        variants["unknown_ags"] = (frame, 3 if len(frame) > 1 else 2, ags, "59 Kommunen")
    if number := _first(kind, "count") or _first(kind, "money"):
        frame = base.copy()
        frame.loc[0, number] = "-3"
        variants["negative_count"] = (frame, 2, number, "≥ 0")
    date = _first(kind, "date") or _first(kind, "month")
    if date:
        frame = base.copy()
        frame.loc[0, date] = "2024-13-45"
        variants["bad_date"] = (frame, 2, date, "JJJJ-MM")
    frame = pd.concat([base, base.iloc[[0]]], ignore_index=True)
    variants["duplicate_key"] = (frame, len(frame) + 1, None, "doppelter Schlüssel")
    return variants


@pytest.fixture
def warehouse_with_template_campaign(empty_warehouse):
    return with_template_campaign(empty_warehouse)


@pytest.fixture
def refusing_warehouse(warehouse_with_template_campaign):
    """Where the tests try imports that must be refused: a new one each (the lake's module shares one)."""
    return warehouse_with_template_campaign


def test_every_kind_has_a_template():
    assert {p.stem for p in TEMPLATES_DIR.glob("*.csv")} == set(KINDS)


def test_every_template_imports_cleanly(empty_warehouse, capsys):
    for kind in ORDER:
        assert main(["--db", str(empty_warehouse), "import", kind, str(TEMPLATES_DIR / f"{kind}.csv")]) == 0
        assert "Zeilen importiert" in capsys.readouterr().out
    with reader(empty_warehouse) as con:
        assert con.execute("select count(*) from registration").fetchall()[0][0] == 4
        assert con.execute("select count(*) from round_table_attendance").fetchall()[0][0] == 2


CASES = [(kind, variant) for kind in ORDER for variant in _broken_variants(kind)]


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=[f"{k}-{v}" for k, v in CASES])
def test_broken_variant_is_refused_and_changes_nothing(kind, variant, refusing_warehouse, tmp_path, capsys):
    frame, line, column, expected = _broken_variants(kind)[variant]
    path = _write(frame, tmp_path / f"{kind}-{variant}.csv")
    before = stored_state(refusing_warehouse)
    assert main(["--db", str(refusing_warehouse), "import", kind, str(path)]) == 2
    message = capsys.readouterr().err
    assert f"{path.name}, Zeile {line}" in message
    if column:
        assert f"Spalte {column}" in message
    assert expected in message
    assert stored_state(refusing_warehouse) == before
    with reader(refusing_warehouse) as con:
        status = con.execute("select status from import_log order by import_id desc limit 1").fetchall()
    assert status == [("refused",)]


@pytest.mark.parametrize("kind", ORDER)
def test_wrong_encoding_is_refused(kind, refusing_warehouse, tmp_path, capsys):
    path = _write(_template(kind), tmp_path / f"{kind}-utf16.csv", encoding="utf-16")
    before = stored_state(refusing_warehouse)
    assert main(["--db", str(refusing_warehouse), "import", kind, str(path)]) == 2
    assert f"{path.name}, Zeile 1, Spalte 4: '0x00'" in capsys.readouterr().err  # after the 2-byte BOM
    assert stored_state(refusing_warehouse) == before


def test_undecodable_byte_is_located(empty_warehouse, tmp_path, capsys):
    path = tmp_path / "bags.csv"
    path.write_bytes(b"ags,month,handed_out\n05962060,2024-01-01,3\x81\n")
    assert main(["--db", str(empty_warehouse), "import", "welcome-bags", str(path)]) == 2
    assert "bags.csv, Zeile 2, Spalte 22: '0x81'" in capsys.readouterr().err


def test_latin1_semicolon_german_decimals_and_xlsx(warehouse_with_template_campaign, tmp_path):
    frame = _template("campaign-activity")
    frame["spend_eur"] = ["1.084,50", "260,00"]
    frame["impressions"] = ["12.000", "40.000"]
    latin = tmp_path / "aktivität.csv"
    frame.to_csv(latin, sep=";", index=False, encoding="cp1252")
    assert main(["--db", str(warehouse_with_template_campaign), "import", "campaign-activity", str(latin)]) == 0
    with reader(warehouse_with_template_campaign) as con:
        spend, impressions = con.execute("select sum(spend_eur), sum(impressions) from campaign_activity").fetchall()[0]
    assert (spend, impressions) == (1344.5, 52000)
    xlsx = tmp_path / "bags.xlsx"
    bags = _template("welcome-bags").assign(handed_out=lambda d: d["handed_out"].astype(int))
    bags.to_excel(xlsx, index=False)
    assert main(["--db", str(warehouse_with_template_campaign), "import", "welcome-bags", str(xlsx)]) == 0


def test_same_file_twice_adds_nothing_and_redelivery_replaces(empty_warehouse, tmp_path, capsys):
    template = TEMPLATES_DIR / "registrations.csv"
    assert main(["--db", str(empty_warehouse), "import", "registrations", str(template)]) == 0
    first = checksums(empty_warehouse)
    with reader(empty_warehouse) as con:
        logged = con.execute("select count(*) from import_log").fetchall()[0][0]
    assert main(["--db", str(empty_warehouse), "import", "registrations", str(template)]) == 0
    assert "bereits importiert" in capsys.readouterr().out
    assert checksums(empty_warehouse) == first
    with reader(empty_warehouse) as con:
        assert con.execute("select count(*) from import_log").fetchall()[0][0] == logged
    corrected = _template("registrations")
    corrected = corrected[corrected["ags"] == "05962060"].assign(persons="1")
    path = _write(corrected, tmp_path / "werdohl-januar-korrigiert.csv")
    assert main(["--db", str(empty_warehouse), "import", "registrations", str(path)]) == 0
    with reader(empty_warehouse) as con:
        rows = con.execute("select ags, sum(persons), count(*) from registration group by ags order by ags").fetchall()
    assert rows == [("05962060", 3, 3), ("05974040", 7, 1)]


def test_excel_lost_leading_zero_is_restored(empty_warehouse, tmp_path):
    frame = _template("welcome-bags").assign(ags="5962060")
    assert (
        main(["--db", str(empty_warehouse), "import", "welcome-bags", str(_write(frame, tmp_path / "bags.csv"))]) == 0
    )


def test_missing_file_exits_2(empty_warehouse, capsys):
    assert main(["--db", str(empty_warehouse), "import", "registrations", "/nonexistent.csv"]) == 2
    assert "nicht gefunden" in capsys.readouterr().err


def test_future_month_is_refused(empty_warehouse, tmp_path, capsys):
    frame = _template("welcome-bags")
    frame.loc[0, "month"] = "2999-01-01"
    path = _write(frame, tmp_path / "future.csv")
    assert main(["--db", str(empty_warehouse), "import", "welcome-bags", str(path)]) == 2
    assert "future.csv, Zeile 2, Spalte month" in capsys.readouterr().err


def test_kept_file_untouched(empty_warehouse, tmp_path):
    path = shutil.copy(TEMPLATES_DIR / "registrations.csv", tmp_path / "r.csv")
    before = Path(path).read_bytes()
    main(["--db", str(empty_warehouse), "import", "registrations", str(path)])
    assert Path(path).read_bytes() == before


def _flows(path: Path, lines: list[str]) -> Path:
    path.write_text("from_ags,to_ags,month,year,age_group,persons\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_move_between_two_towns_delivered_by_both_is_stored_once(empty_warehouse, tmp_path):
    olpe = ["05966024,05966020,2024-03,,30-49,3", "05911000,05966024,,2024,25-29,2", "Ausland,05966024,2024-03,,0-17,1"]
    lennestadt = ["05966024,05966020,2024-03,,30-49,4", "5966020,05970040,2024-03,,18-24,1"]
    db = str(empty_warehouse)
    assert main(["--db", db, "import", "flows", str(_flows(tmp_path / "olpe.csv", olpe))]) == 0
    assert main(["--db", db, "import", "flows", str(_flows(tmp_path / "lennestadt.csv", lennestadt))]) == 0
    with reader(empty_warehouse) as con:
        stored = con.execute(
            "select from_code, to_code, year, month::varchar, age_group, persons from flow order by all"
        ).fetchall()
    assert stored == [
        ("05911000", "05966024", 2024, None, "25-29", 2),  # a year only; Bochum's key kept as delivered
        ("05966020", "05970040", 2024, "2024-03-01", "18-24", 1),  # Excel's lost zero restored
        ("05966024", "05966020", 2024, "2024-03-01", "30-49", 4),  # Lennestadt's figure replaced Olpe's
        ("abroad", "05966024", 2024, "2024-03-01", "0-17", 1),
    ]


def test_a_broken_flows_file_names_every_problem_and_changes_nothing(empty_warehouse, tmp_path, capsys):
    broken = [
        "05966024,05966024,2024-03,,30-49,3",  # one town twice
        "05911000,09162000,2024-03,,30-49,3",  # Bochum to Munich: none of the 59
        "05966024,x,2024-03,,30-49,3",
        "05966024,05966020,,,30-49,3",  # neither month nor year
        "05966024,05966020,2024-03,2023,30-49,3",  # a month outside its year
    ]
    before = checksums(empty_warehouse)
    path = _flows(tmp_path / "broken.csv", broken)
    assert main(["--db", str(empty_warehouse), "import", "flows", str(path)]) == 2
    message = capsys.readouterr().err
    assert "5 Problem" in message
    for line, column, expected in [
        (2, "to_ags", "zwei verschiedene Orte"),
        (3, "from_ags", "eine der 59 Kommunen"),
        (4, "to_ags", "Kreis- oder Landesschlüssel"),
        (5, "month", "einen Monat (month) oder ein Jahr (year)"),
        (6, "month", "einen Monat im angegebenen Jahr"),
    ]:
        assert f"broken.csv, Zeile {line}, Spalte {column}" in message and expected in message, (line, message)
    assert checksums(empty_warehouse) == before
