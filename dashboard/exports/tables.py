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
    if isinstance(value, str) and (
        value.startswith(CONTROL_STARTS) or value.lstrip(" \t\r\n\u00a0\u3000").startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which no text cell and no header can run as a formula in Excel or LibreOffice."""
    out = frame.rename(columns=safe_cell)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out


def rounded(frame: pd.DataFrame, decimals: dict[str, int] | None) -> pd.DataFrame:
    """Number columns to the decimals they are shown with (no 15-digit floats in a file)."""
    if not decimals:
        return frame
    return frame.assign(
        **{
            c: frame[c].round(d)
            for c, d in decimals.items()
            if c in frame.columns and pd.api.types.is_float_dtype(frame[c])
        }
    )


def to_csv(
    frame: pd.DataFrame,
    separator: str,
    decimal: str,
    decimals: dict[str, int] | None = None,
    footer: tuple[str, ...] = (),
) -> bytes:
    """CSV with a BOM so Excel reads the umlauts; German: `;` and decimal comma. Lines end in CRLF
    as Excel writes them, so a cell holding a line break or carriage return is quoted. The `footer`
    (period, selection, sources, demo note) follows after an empty line, as in official exports."""
    text = neutralised(rounded(frame, decimals)).to_csv(
        index=False, sep=separator, decimal=decimal, lineterminator="\r\n"
    )
    if footer:
        lines = pd.DataFrame({"": [safe_cell(line) for line in footer]})
        text += "\r\n" + lines.to_csv(index=False, header=False, sep=separator, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def number_format(decimals: int) -> str:
    """Excel's format for a number with thousands separators (shown by the reader's locale)."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def to_xlsx(
    frame: pd.DataFrame, sheet: str, decimals: dict[str, int] | None = None, footer: tuple[str, ...] = ()
) -> bytes:
    """XLSX with number formats for the columns in `decimals` and the `footer` lines below the
    table."""
    buffer = io.BytesIO()
    safe = neutralised(rounded(frame, decimals))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        worksheet = writer.sheets[sheet[:31]]
        for position, column in enumerate(safe.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in safe[column].head(200))]) + 2
            worksheet.column_dimensions[worksheet.cell(1, position).column_letter].width = min(width, 60)
            original = frame.columns[position - 1]
            if decimals and original in decimals:
                for row in range(2, len(safe) + 2):
                    worksheet.cell(row, position).number_format = number_format(decimals[original])
        for offset, line in enumerate(footer):
            worksheet.cell(len(safe) + 3 + offset, 1, safe_cell(line))
    return buffer.getvalue()
