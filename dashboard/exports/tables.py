"""Tables as files (CSV, XLSX) that are safe to open: no text cell runs as a formula."""

from __future__ import annotations

import io

import pandas as pd

# Cells that spreadsheet programs would run as formulas are prefixed with an apostrophe: those
# starting with a formula sign (also its full-width form, which some programs read as the sign),
# also after leading spaces, tabs or line breaks, and those starting with a tab or line break.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe62", "\ufe63")
CONTROL_STARTS = ("\t", "\r", "\n")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and (value.startswith(CONTROL_STARTS)
                                   or value.lstrip(" \t\r\n\u00a0\u3000").startswith(FORMULA_STARTS)):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which no text cell and no header can run as a formula in Excel or LibreOffice."""
    out = frame.rename(columns=safe_cell)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out


def to_csv(frame: pd.DataFrame, separator: str, decimal: str) -> bytes:
    """CSV with a BOM so Excel reads the umlauts; German: `;` and decimal comma. Lines end in CRLF
    as Excel writes them, so a cell holding a line break or carriage return is quoted."""
    return neutralised(frame).to_csv(index=False, sep=separator, decimal=decimal,
                                     lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralised(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
