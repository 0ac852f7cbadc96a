"""Daten page: dry run before import, the import itself, history and quality, and editor access."""

from pathlib import Path

import pytest

from dashboard.service.data_care import data_quality, dry_run, import_history, import_upload
from dashboard.service.reference import load_reference
from tests.conftest import checksums
from tests.pages.conftest import open_app

GENESIS_FIXTURE = Path(__file__).parents[1] / "data" / "genesis" / "12711-91-01-5_ars_crlf.csv"
PAGE = "views/data.py"


def test_dry_run_reports_without_writing(demo_warehouse):
    before = checksums(demo_warehouse)
    report = dry_run(demo_warehouse, GENESIS_FIXTURE.read_bytes(), GENESIS_FIXTURE.name, "genesis")
    assert report.ok and not report.unchanged
    assert report.rows == 8 and report.towns == 2 and report.period == ("2022", "2023")
    assert report.replaced > 0  # the demo months of Werdohl and Arnsberg 2022–2023 would go
    assert report.tables == ("registration_year",)
    bad = dry_run(
        demo_warehouse,
        b"ags,month,direction,age_group,sex,origin,persons\n05962060,2024-13-01,in,0-17,m,nrw,1\n",
        "kaputt.csv",
        "registrations",
    )
    assert not bad.ok and "Zeile 2" in bad.refusal.message() and "Spalte month" in bad.refusal.message()
    assert checksums(demo_warehouse) == before
    assert len(import_history(demo_warehouse)) == len(import_history(demo_warehouse))  # nothing logged


def test_confirmed_upload_is_imported_and_logged(demo_warehouse):
    result = import_upload(demo_warehouse, GENESIS_FIXTURE.read_bytes(), GENESIS_FIXTURE.name, "genesis", "offen")
    assert result.status == "ok"
    newest = import_history(demo_warehouse).iloc[0]
    assert newest["file_name"] == GENESIS_FIXTURE.name and newest["table_code"] == "12711-91-01-5"
    assert "Upload" in newest["source_note"]
    again = dry_run(demo_warehouse, GENESIS_FIXTURE.read_bytes(), GENESIS_FIXTURE.name, "genesis")
    assert again.unchanged


def test_quality_panel_finds_gaps_and_missing_towns(demo_warehouse):
    import_upload(demo_warehouse, GENESIS_FIXTURE.read_bytes(), GENESIS_FIXTURE.name, "genesis", "offen")
    quality = data_quality(demo_warehouse, load_reference(demo_warehouse))
    werdohl = quality.gaps.set_index("ags").loc["05962060"]
    assert werdohl["missing"] == 24  # 2022 and 2023 are official annual figures now: no months
    official = quality.missing_towns[quality.missing_towns["file_name"] == GENESIS_FIXTURE.name].iloc[0]
    assert official["delivered"] == 2 and official["missing"] == 57
    assert not quality.unusual.empty


def test_page_runs_open_and_says_so():
    at = open_app(PAGE)
    assert any("Keine Anmeldung eingerichtet" in c.value for c in at.caption)
    assert at.selectbox(key="import_kind").value == "genesis"


def test_editor_password_guards_the_import():
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["editor"] = {"password": "runder-tisch-15"}
    at.run()
    at.switch_page(PAGE).run()
    assert not any("Keine Anmeldung" in c.value for c in at.caption)
    password = next(w for w in at.text_input if w.label == "Redakteurs-Passwort")
    password.input("falsch")
    next(b for b in at.button if b.label == "Anmelden").click().run()
    assert any("stimmt nicht" in e.value for e in at.error)
    next(w for w in at.text_input if w.label == "Redakteurs-Passwort").input("runder-tisch-15")
    next(b for b in at.button if b.label == "Anmelden").click().run()
    assert any("Angemeldet als Redaktion" in c.value for c in at.caption)


def _with_secrets(secrets: dict):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    at = AppTest.from_file(APP, default_timeout=120)
    for section, values in secrets.items():
        at.secrets[section] = values
    at.run()
    at.switch_page(PAGE).run()
    return at


@pytest.mark.parametrize(
    ("secrets", "reason"),
    [
        ({"editor": {"emails": ["leitung@suedwestfalen.example"]}}, "keine Anmeldung ([auth])"),
        ({"editor": {"password": ""}}, "Passwort leer"),
        ({"editor": {"password": "   "}}, "Passwort leer"),
        ({"editor": {"note": "später"}}, "weder ein Passwort"),
    ],
)
def test_an_editor_named_but_not_checkable_closes_editing(secrets, reason):
    at = _with_secrets(secrets)
    assert not at.exception
    assert any("Bearbeiten ist gesperrt" in e.value and reason in e.value for e in at.error)
    assert at.get("file_uploader")[0].disabled if at.get("file_uploader") else True
    assert not any("Keine Anmeldung eingerichtet" in c.value for c in at.caption)  # never falls back to open
    assert not any("warehouse" in c.value.lower() and "/" in c.value for c in at.caption)  # no server path


def test_the_server_path_is_shown_to_editors_only(warehouse_for_app):
    where = Path(str(warehouse_for_app)).name  # the file's name, or the lake's catalog address
    at = _with_secrets({"editor": {"password": "runder-tisch-15"}})
    assert not any(where in c.value for c in at.caption)
    next(w for w in at.text_input if w.label == "Redakteurs-Passwort").input("runder-tisch-15")
    next(b for b in at.button if b.label == "Anmelden").click().run()
    assert any(where in c.value for c in at.caption)


def test_the_history_speaks_the_readers_language(demo_warehouse, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    bad = b"ags,month,direction,age_group,sex,origin,persons\n05962060,2024-13-01,in,0-17,m,nrw,1\n"
    with pytest.raises(Exception):  # noqa: B017 (any refusal; it is logged)
        import_upload(demo_warehouse, bad, "kaputt.csv", "registrations", "offen")
    for lang, refused, imported in (
        ("en", "Import refused (1 problem)", "rows imported"),
        ("de", "Import abgelehnt (1 Problem)", "Zeilen importiert"),
    ):
        at = open_app(PAGE, lang=lang)
        history = next(frame.value for frame in at.dataframe if "kaputt.csv" in frame.value.to_string())
        messages = history.iloc[:, -1].astype(str).tolist()
        assert refused in messages[0] and "msg:" not in " ".join(messages)
        assert any(imported in message for message in messages[1:])
