"""Downloads that are safe to open: no cell and no header of a CSV or XLSX runs as a formula in
Excel or LibreOffice, however the formula is disguised; numbers and ordinary text stay as they are."""

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports.tables import to_csv, to_xlsx

HOSTILE = [
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1",
    ' =HYPERLINK("https://evil.example")',
    "\u3000=1",
    "\u00a0@x",
    '\uff1dHYPERLINK("x")',
    "\uff0b1",
    "\uff0d1",
    "\uff20x",
    "\tplain",
    "\rplain",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_disguised_formula_is_neutralised_in_csv_and_xlsx(value):
    frame = pd.DataFrame({"text": [value], value: ["header"], "count": [5]})
    csv = pd.read_csv(io.BytesIO(to_csv(frame, ";", ",")), sep=";", dtype=str, keep_default_na=False)
    assert csv.columns[1].startswith("'") and csv["text"][0].startswith("'")
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, "Tabelle"))).active
    assert str(sheet["A2"].value).startswith("'") and str(sheet["B1"].value).startswith("'")
    assert sheet["C2"].value == 5 and sheet["A2"].data_type == "s"


def test_ordinary_values_stay_as_they_are():
    frame = pd.DataFrame({"name": ["Werdohl", "Bad Berleburg", "−4.028", "a=b"], "value": [1.5, -2.0, 3.0, 4.0]})
    csv = pd.read_csv(io.BytesIO(to_csv(frame, ";", ",")), sep=";", dtype=str)
    assert csv["name"].tolist() == ["Werdohl", "Bad Berleburg", "−4.028", "a=b"]
    assert csv["value"].tolist() == ["1,5", "-2,0", "3,0", "4,0"]
