"""Refusals and summaries of every reader (GENESIS, boundaries, CSV/XLSX, templates) in English
when asked, on the command line and in the import log, and the CLI's hint on the kind a refused
file looks like."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.i18n.messages import render
from dashboard.warehouse.connection import reader

DATA = Path(__file__).parents[1] / "data"
TEMPLATES = Path(__file__).parents[2] / "data" / "templates"

# Words that only a German sentence has (names such as "Südwestfalen" may appear in either).
GERMAN = re.compile(
    r"\b(erwartet|Zeile|Spalte|Datei|eine[nrs]?|oder|nicht|mit|und|gefunden|Fläche[n]?|Jahr|Zahl|"
    r"Kopfzeile|importiert|ersetzt|Kommunen|abgelehnt|unverändert|Datenbestand)\b"
)


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _hostile_files(folder: Path) -> list[tuple[str, Path]]:
    cut = (DATA / "genesis" / "12711-01-03-5_gemeinden_2015_cp1252.csv").read_bytes()
    points = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"AGS": "05962060"},
                "geometry": {"type": "Point", "coordinates": [7.7, 51.2]},
            }
        ],
    }
    return [
        ("genesis", _write(folder, "empty.csv", b"")),
        ("genesis", _write(folder, "stranger.csv", "foo;bar\n1;2\n")),
        ("genesis", _write(folder, "cut.csv", cut[: len(cut) // 2])),
        ("genesis", _write(folder, "utf16.csv", "Tabelle: 12711".encode("utf-16"))),
        ("boundaries", _write(folder, "points.geojson", json.dumps(points))),
        ("population", _write(folder, "mixed.csv", "ags;year;persons\n05962060;2020;1\xe4\n".encode("cp1252"))),
        ("population", _write(folder, "fields.csv", "ags;year;persons\n05962060;2020\n")),
        ("population", _write(folder, "twice.csv", "ags;year;year;persons\n05962060;2020;2020;5\n")),
        ("campaigns", _write(folder, "bad.xlsx", b"PK\x03\x04 not really a workbook")),
        (
            "campaigns",
            _write(
                folder,
                "dates.csv",
                "campaign_id;name;target_group;start_date;end_date;budget_eur\n"
                "c1;Test;families;2024-05-01;2024-01-01;100\n",
            ),
        ),
    ]


def test_every_reader_refuses_in_english_when_asked(empty_warehouse, tmp_path, capsys):
    for kind, path in _hostile_files(tmp_path):
        assert main(["--db", str(empty_warehouse), "--lang", "en", "import", kind, str(path)]) == 2, path.name
        text = capsys.readouterr().err
        assert text.startswith("Import refused"), (path.name, text)
        assert "msg:" not in text
        assert not GERMAN.search(text), (path.name, GERMAN.search(text).group(0), text)


def test_the_import_log_keeps_each_message_for_either_language(empty_warehouse, tmp_path, capsys):
    bad = _write(tmp_path, "fields.csv", "ags;year;persons\n05962060;2020\n")
    main(["--db", str(empty_warehouse), "import", "population", str(bad)])
    main(["--db", str(empty_warehouse), "import", "genesis", str(DATA / "genesis" / "12711_ffcsv_gemeinden_2021.csv")])
    capsys.readouterr()
    with reader(empty_warehouse) as con:
        rows = con.execute("select status, message, message_code from import_log order by import_id").fetchall()
    assert [status for status, *_ in rows][-2:] == ["refused", "ok"]
    for _, german, code in rows[-2:]:
        assert render(code, "de") == german  # the stored German text is the code written in German
        english = render(code, "en")
        assert "msg:" not in english and not GERMAN.search(english), english
    assert "Import refused (1 problem)" in render(rows[-2][2], "en")
    assert "rows imported" in render(rows[-1][2], "en") and "table 12711" in render(rows[-1][2], "en")


def test_the_cli_names_the_kind_a_refused_file_looks_like(empty_warehouse, tmp_path, capsys):
    template = shutil.copy(TEMPLATES / "campaigns.csv", tmp_path / "campaigns.csv")
    assert main(["--db", str(empty_warehouse), "import", "genesis", str(template)]) == 2
    german = capsys.readouterr().err
    assert "Hinweis: Die Datei sieht aus wie die Importart „campaigns“" in german
    assert main(["--db", str(empty_warehouse), "--lang", "en", "import", "genesis", str(template)]) == 2
    assert "Note: the file looks like the import kind “campaigns”" in capsys.readouterr().err


def test_init_and_query_speak_english_when_asked(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--lang", "en", "init", "--no-demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Warehouse: 59 municipalities,") and not GERMAN.search(out), out
    assert main(["--db", str(db), "--lang", "en", "query", "select 1 as one"]) == 0
    assert re.search(r"1 row\(s\) in \d+\.\d\d s", capsys.readouterr().err)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_cell_that_looks_like_a_message_is_shown_as_it_is(lang):
    assert render("msg:not_a_key{oops", lang) == "msg:not_a_key{oops"
    assert render("'msg:expect.type_ags{\"a\": [' – x", lang).startswith("'msg:expect.type_ags")


@pytest.mark.parametrize(
    "command", [[], ["demo"], ["import"], ["export", "profile"], ["report"], ["alerts"], ["query"], ["init"]]
)
def test_the_command_line_help_is_written_in_the_chosen_language(command, capsys, monkeypatch):
    monkeypatch.delenv("DASHBOARD_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(["--lang", "en", *command, "--help"])
    english = capsys.readouterr().out
    assert not GERMAN.search(english.replace("Willkommensmonitor Südwestfalen", "")), english
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    assert capsys.readouterr().out != english  # German by default


def test_a_wrong_period_on_the_command_line_is_refused_in_the_chosen_language(capsys):
    with pytest.raises(SystemExit):
        main(["--lang=en", "demo", "--years", "2020-2010"])
    assert "the first year is after the last" in capsys.readouterr().err
