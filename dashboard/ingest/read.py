"""Read a delivered table (CSV in UTF-8 or Windows-1252, `;` `,` or tab, or XLSX) as text cells.

Every row keeps the line number it had in the file, so validation can point at it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.ingest.errors import ImportRefused, Problem, expect

LINE = "_line"
_GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$")
# A well-formed UTF-8 sequence for a character beyond ASCII (ä = C3 A4): a file that has them and
# also bytes that are not UTF-8 mixes two encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Longer fields are refused with their line (the csv module's default limit; a template cell is a
# few dozen bytes).
FIELD_LIMIT_BYTES = csv.field_size_limit()


@dataclass(frozen=True)
class RawTable:
    file_name: str
    frame: pd.DataFrame  # text cells (or NA), lower-case column names, plus LINE
    encoding: str
    delimiter: str
    decimal: str


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of a byte offset."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def decode(data: bytes, file_name: str) -> tuple[str, str]:
    """Text and encoding name; UTF-8 first, then Windows-1252 (what Excel and GENESIS write)."""
    if b"\x00" in data[:4096]:
        line, column = _position(data, data.index(b"\x00"))
        raise ImportRefused(
            file_name,
            [
                Problem(
                    line,
                    str(column),
                    "0x00",
                    expect("text_encoding"),
                )
            ],
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        invalid = error.start
    if _UTF8_SEQUENCE.search(data):
        # umlauts written as UTF-8 elsewhere: read as Windows-1252 they would be stored as "MÃ¼ller"
        line, column = _position(data, invalid)
        raise ImportRefused(
            file_name,
            [
                Problem(
                    line,
                    str(column),
                    f"0x{data[invalid]:02X}",
                    expect("one_encoding"),
                )
            ],
        )
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        problem = Problem(line, str(column), f"0x{data[error.start]:02X}", expect("text_invalid_byte"))
        raise ImportRefused(file_name, [problem]) from error


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _rows_from_csv(text: str, file_name: str) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    header_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    problems: list[Problem] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            too_long = "field larger than field limit" in str(error)
            raise ImportRefused(
                file_name,
                [
                    Problem(
                        start,
                        None,
                        None,
                        (
                            expect("field_limit", kb=FIELD_LIMIT_BYTES // 1024)
                            if too_long
                            else expect("csv_line", error=str(error))
                        ),
                    )
                ],
            ) from None
        if not any(c.strip() for c in cells):
            start = reader.line_num + 1
            continue
        if header is None:
            header = cells
        elif len(cells) != len(header):
            problems.append(Problem(start, None, None, expect("field_count", header=len(header), found=len(cells))))
        else:
            rows.append((start, cells))
        start = reader.line_num + 1
    if header is None:
        raise ImportRefused(file_name, [Problem(1, None, None, "eine Kopfzeile (die Datei ist leer)")])
    if problems:
        raise ImportRefused(file_name, problems)
    return header, rows, delimiter


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows_from_xlsx(path: Path, file_name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as error:
        raise ImportRefused(
            file_name,
            [
                Problem(
                    None,
                    None,
                    None,
                    expect("xlsx_archive", error=type(error).__name__),
                )
            ],
        ) from None
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    try:
        sheet, written = book.worksheets[0], formulas.worksheets[0].iter_rows(values_only=True)
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            typed = next(written, ())
            # a formula whose result Excel never saved reads as empty: refused, not stored as NULL
            for index, (value, source) in enumerate(zip(values, typed, strict=False)):
                if value is None and isinstance(source, str) and source.startswith("="):
                    problems.append(
                        Problem(
                            number,
                            get_column_letter(index + 1),
                            source[:60],
                            expect("xlsx_formula"),
                        )
                    )
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((number, cells[: len(header)] + [""] * (len(header) - len(cells))))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise ImportRefused(
            file_name,
            [
                Problem(
                    None,
                    None,
                    None,
                    expect("xlsx_sheet", error=type(error).__name__),
                )
            ],
        ) from None
    finally:
        book.close()
        formulas.close()
    if problems:
        raise ImportRefused(file_name, problems)
    return header or [], rows


def _decimal_mark(frame: pd.DataFrame, delimiter: str) -> str:
    if delimiter == ",":
        return "."
    for column in frame.columns:
        if column == LINE:
            continue
        if frame[column].dropna().astype(str).str.match(_GERMAN_NUMBER).any():
            return ","
    return "."


def read_raw(path: Path, file_name: str | None = None) -> RawTable:
    """The table in the file as text cells; refuses unreadable files with their location."""
    name = file_name or path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, rows = _rows_from_xlsx(path, name)
        encoding, delimiter = "xlsx", ""
    else:
        text, encoding = decode(path.read_bytes(), name)
        header, rows, delimiter = _rows_from_csv(text, name)
    columns = [h.strip().lower() for h in header]
    seen: dict[str, int] = {}
    doubled = []
    for position, column in enumerate(columns, start=1):
        if column and column in seen:
            doubled.append(Problem(1, column, None, expect("column_once", first=str(seen[column]))))
        seen.setdefault(column, position)
    if doubled:
        raise ImportRefused(name, doubled)
    # a column without a name (a separator at the end of the header) keeps its position as a name
    columns = [column or f"(spalte {position})" for position, column in enumerate(columns, start=1)]
    frame = pd.DataFrame([cells for _, cells in rows], columns=columns, dtype="object")
    frame = frame.apply(lambda s: s.str.strip()).replace("", pd.NA)
    frame[LINE] = [line for line, _ in rows]
    frame.index = frame[LINE].to_numpy()
    decimal = "." if encoding == "xlsx" else _decimal_mark(frame, delimiter)
    return RawTable(name, frame, encoding, delimiter, decimal)
