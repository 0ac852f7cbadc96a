"""GENESIS exports (Landesdatenbank NRW, Regionalstatistik, GENESIS-Online) as they are downloaded:
the classic table CSV and the flat file ("ffcsv"), migration (12711) and population (12411).

What the importer detects instead of assuming (see ../shared/formats/README.md):
- encoding (UTF-8 with or without BOM, else Windows-1252), `;`, quoted cells with `;` or line breaks;
- classic: metadata lines, a header block of one or more rows (each starting with the empty key
  cells), the unit row, the time in the first column or on a line of its own, a footer after a line
  of underscores holding the © line;
- region codes of every level: only 8-digit AGS (or 12-digit ARS, AGS = ARS[0:5] + ARS[9:12]) of the
  59 towns are kept, the rest is counted and reported;
- markers: `-` is exactly zero; `.`, `x`, `...`, `/` are missing with their reason, never 0;
- age bands that nest into the warehouse's six bands are mapped, others leave only the totals.
Annual figures stay annual: nothing is spread over months.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from dashboard.i18n.messages import encode
from dashboard.ingest.errors import ImportRefused, Problem, expect
from dashboard.ingest.read import decode

MISSING_MARKERS = {".": "geheim/unbekannt", "x": "nicht sinnvoll", "...": "fällt später an", "/": "nicht sicher genug"}
ZERO_MARKER = "-"
TOTAL = "total"
# units in the last header row that are not counts of persons
OTHER_UNITS = {"qkm", "ew pro qkm", "%", "prozent", "euro", "eur", "ha", "jahre", "1000", "tsd."}
FOOTER_START = "__________"
# Age bands as the tables write them ("x bis unter y Jahre") → the warehouse's bands.
AGE_BANDS = {
    "unter 18 jahre": "0-17",
    "18 bis unter 25 jahre": "18-24",
    "25 bis unter 30 jahre": "25-29",
    "30 bis unter 50 jahre": "30-49",
    "50 bis unter 65 jahre": "50-64",
    "65 jahre und mehr": "65+",
    "65 jahre und älter": "65+",
    "65 und mehr": "65+",
    "under 18 years": "0-17",
}
SEXES = {"männlich": "m", "weiblich": "f", "male": "m", "female": "f", "insgesamt": TOTAL, "total": TOTAL}
_AGE_LIKE = re.compile(r"(\bunter \d+|\bbis unter\b|jahre und (mehr|älter)|\d+ jahre)", re.IGNORECASE)
_DAY = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMBER = re.compile(r"^-?\d+(,\d+)?$|^-?\d{1,3}(\.\d{3})+(,\d+)?$")


@dataclass(frozen=True)
class GenesisTable:
    """One parsed export: long rows for the 59 towns, and what was seen on the way."""

    table_code: str
    layout: str  # 'classic' or 'ffcsv'
    copyright: str | None
    migration: pd.DataFrame  # ags, year, direction, age_group, sex, origin, persons (NaN = marker), marker, line
    population: pd.DataFrame  # ags, year, reference_date, persons, marker, line
    other_regions: int  # rows of regions outside the 59 (other towns, districts, states)
    markers: dict[str, int] = field(default_factory=dict)
    unmapped_ages: list[str] = field(default_factory=list)  # age bands or origins that do not nest

    def summary(self) -> str:
        """What the table holds, as text whose words are encoded messages (see i18n.messages)."""
        parts = [encode(f"genesis_summary.table_{self.layout}", code=self.table_code)]
        if not self.migration.empty:
            parts.append(
                encode(
                    "genesis_summary.migration",
                    towns=self.migration["ags"].nunique(),
                    first=str(self.migration["year"].min()),
                    last=str(self.migration["year"].max()),
                )
            )
        if not self.population.empty:
            dates = sorted(self.population["reference_date"].unique())
            key = "genesis_summary.population" if len(dates) == 1 else "genesis_summary.population_span"
            parts.append(
                encode(key, towns=self.population["ags"].nunique(), first=_iso(dates[0]), last=_iso(dates[-1]))
            )
        if self.other_regions:
            parts.append(encode("genesis_summary.other_regions", rows=self.other_regions))
        if self.markers:
            found = ", ".join(f"„{m}“ {n}×" for m, n in sorted(self.markers.items()))
            parts.append(encode("genesis_summary.markers", found=found))
        if self.unmapped_ages:
            parts.append(encode("genesis_summary.unmapped", labels=", ".join(self.unmapped_ages)))
        return "; ".join(parts)


def _iso(day: object) -> str:
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def ags_of(code: str) -> str | None:
    """The 8-digit AGS of a municipality's region code, None for other levels."""
    code = code.strip()
    if re.fullmatch(r"\d{8}", code):
        return code
    if re.fullmatch(r"\d{12}", code):
        return code[:5] + code[9:]
    return None


def value_of(text: str) -> tuple[float | None, str | None]:
    """(number, marker): '-' is 0; other markers give no number; German number format."""
    text = text.strip()
    if text == ZERO_MARKER:
        return 0.0, ZERO_MARKER
    if text in MISSING_MARKERS:
        return None, text
    cleaned = re.sub(r"^\((.*)\)$", r"\1", text)  # "(123)": value of limited reliability
    cleaned = re.sub(r"\s*[prs]$", "", cleaned)  # provisional, revised, estimated
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    return float(cleaned.replace(".", "").replace(",", ".")) if "," in cleaned or re.search(
        r"\.\d{3}\b", cleaned
    ) else float(cleaned), None


def time_of(text: str) -> tuple[int, dt.date | None] | None:
    """(year, reference date) of a time cell: '31.12.2024' and '2022-05-15' are dates (Stichtag),
    '2024' a year (annual sums; a population of a year is for its 31.12.); None otherwise."""
    text = text.strip()
    if match := _DAY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DAY.match(text):
        year, month, day = (int(g) for g in text.split("-"))
    elif match := _YEAR.match(text):
        return int(match.group(1)), None
    else:
        return None
    try:
        return year, dt.date(year, month, day)
    except ValueError:
        return None


def _year_of(text: str) -> int | None:
    found = time_of(text)
    return found[0] if found else None


def _age_of(label: str) -> str | None:
    label = " ".join(label.lower().split())
    if label in ("insgesamt", "total"):
        return TOTAL
    return AGE_BANDS.get(label)


# Where movers came from or went, as the tables name it → the warehouse's origin. Moves across
# district or state borders do not nest into Südwestfalen/NRW and are left out (and reported).
ORIGINS = (
    ("ausland", "abroad"),
    ("bundesgebiet", "abroad"),
    ("übrige bundesländer", "de"),
    ("übrigen bundesländern", "de"),
    ("anderen bundesländern", "de"),
    ("gemeindegrenze", TOTAL),
)
NOT_NESTING = ("kreisgrenze", "landesgrenze")


def _measure_of(text: str) -> str | None:
    lowered = text.lower()
    if "saldo" in lowered:
        return None
    if "zuzüge" in lowered or "zugezogene" in lowered:
        return "in"
    if "fortzüge" in lowered or "fortgezogene" in lowered:
        return "out"
    if "bevölkerung" in lowered and "dichte" not in lowered:
        return "population"
    return None


def origin_of(text: str) -> str | None:
    """The origin a migration measure covers: 'total', 'de', 'abroad', or None where it does not
    nest into the warehouse's categories (moves across district or state borders)."""
    lowered = text.lower()
    for word, origin in ORIGINS:
        if word in lowered:
            return origin
    return None if any(word in lowered for word in NOT_NESTING) else TOTAL


def looks_like_genesis(data: bytes) -> bool:
    head = data[:400].decode("latin-1").lstrip("\ufeff").lstrip("ï»¿").lower()
    return head.startswith(("tabelle:", "genesis-tabelle:", "statistics_code;", "statistik_code;"))


def parse(data: bytes, file_name: str, known_ags: frozenset[str]) -> GenesisTable:
    text, _ = decode(data, file_name)
    rows, lines = _records(text)
    if not rows:
        raise ImportRefused(file_name, [Problem(1, None, None, expect("genesis_empty"))])
    header = [c.strip().lower() for c in rows[0]]
    if "statistics_code" in header or "statistik_code" in header:
        return _parse_flat(rows, lines, file_name, known_ags)
    if re.match(r"^(genesis-)?tabelle:", rows[0][0].strip().lower() if rows[0] else ""):
        return _parse_classic(rows, lines, file_name, known_ags)
    raise ImportRefused(
        file_name,
        [
            Problem(
                1,
                "A",
                rows[0][0][:40] if rows[0] else "",
                expect("genesis_start"),
            )
        ],
    )


def _records(text: str) -> tuple[list[list[str]], list[int]]:
    """The CSV records and the file line each starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    rows, starts, line = [], [], 1
    for row in reader:
        rows.append(row)
        starts.append(line)
        line = reader.line_num + 1
    return rows, starts


def _column_time(row: list[str], key_columns: int) -> bool:
    """A header row that holds the time of each column (a multi-year export: 31.12.2008, 31.12.2009 …)."""
    cells = [c.strip() for c in row[key_columns:] if c.strip()]
    return bool(cells) and all(time_of(c) for c in cells)


def _parse_classic(rows: list[list[str]], lines: list[int], file_name: str, known_ags: frozenset[str]) -> GenesisTable:
    code = rows[0][0].split(":", 1)[1].strip()
    footer_at = next((i for i, r in enumerate(rows) if r and r[0].strip().startswith(FOOTER_START)), None)
    if footer_at is None:
        raise ImportRefused(
            file_name,
            [
                Problem(
                    len(rows),
                    None,
                    None,
                    expect("genesis_footer"),
                )
            ],
        )
    footer = [" ".join(c for c in r if c) for r in rows[footer_at + 1 :]]
    copyright_line = next((" ".join(f.split()) for f in footer if "©" in f), None)
    body = rows[1:footer_at]
    # the header block: rows whose first cells (the key columns) are empty
    first_header = next((i for i, r in enumerate(body) if len(r) > 2 and not r[0].strip() and not r[1].strip()), None)
    if first_header is None:
        raise ImportRefused(file_name, [Problem(lines[1], None, None, expect("genesis_header_rows"))])
    header_end = first_header
    while header_end < len(body) and body[header_end] and not body[header_end][0].strip():
        header_end += 1
    header_rows = body[first_header:header_end]
    titles = [" ".join(c for c in r if c.strip()) for r in body[:first_header]]
    key_columns = min(next((k for k, c in enumerate(r) if c.strip()), len(r)) for r in header_rows)
    # the time: on a line of its own above the header ("2015;;;", "31.12.2015;;;"), in a header
    # row (one column per year or reference date), or in the first column of every data row
    time_line = next(
        (time_of(r[0]) for r in body[:first_header] if r and time_of(r[0]) and not any(c.strip() for c in r[1:])), None
    )
    time_row = next((j for j, r in enumerate(header_rows) if _column_time(r, key_columns)), None)
    width = max(len(r) for r in header_rows)
    columns = []
    for k in range(key_columns, width):
        cells = [r[k].strip() if k < len(r) else "" for r in header_rows]
        columns.append(cells)
    title_measure = next((m for m in map(_measure_of, reversed(titles)) if m), None)
    # a row of the block that names sexes or age bands classifies its cells
    sex_row = next(
        (
            j
            for j, r in enumerate(header_rows)
            if any(c.strip().lower() in ("männlich", "weiblich") for c in r[key_columns:])
        ),
        None,
    )
    # the row of the bands themselves, not the variable's name ("Altersgruppe (unter 18 bis 65 u.m.)")
    band_counts = [
        len({c for c in r[key_columns:] if _AGE_LIKE.search(c)}) if j != time_row else 0
        for j, r in enumerate(header_rows)
    ]
    age_row = max(range(len(header_rows)), key=band_counts.__getitem__) if max(band_counts, default=0) > 1 else None
    specs, unmapped = [], set()
    for cells in columns:
        joined = " | ".join(c for j, c in enumerate(cells) if j != time_row)
        measure = _measure_of(joined) or (title_measure if not any(_measure_of(c) for c in cells) else None)
        if measure == "population" and cells[-1].lower() in OTHER_UNITS:
            measure = None  # a density or an area, not persons
        sex = SEXES.get(cells[sex_row].lower(), TOTAL) if sex_row is not None else TOTAL
        age = _age_of(cells[age_row]) if age_row is not None else TOTAL
        if age is None and measure in ("in", "out"):
            unmapped.add(cells[age_row])
        origin = origin_of(joined) if measure in ("in", "out") else TOTAL
        if origin is None:
            unmapped.add(next(c for c in cells if _measure_of(c)))
            measure = None
        specs.append((measure, sex, age, origin, time_of(cells[time_row]) if time_row is not None else None))
    if not any(spec[0] for spec in specs):
        found = " | ".join(" ".join(c for c in r if c.strip())[:60] for r in header_rows)
        raise ImportRefused(
            file_name,
            [
                Problem(
                    lines[first_header + 1],
                    None,
                    found[:160],
                    expect("genesis_measures"),
                )
            ],
        )
    data_rows = [
        (offset, row)
        for offset, row in enumerate(body[header_end:], start=header_end + 1)
        if any(c.strip() for c in row) and not (len(row) > 1 and row[1].strip().lower() == "anzahl")
    ]
    # a year on a line of its own may also start each block of a multi-year export
    is_time_line = lambda row: time_of(row[0]) is not None and not any(c.strip() for c in row[1:])
    records = [(offset, row) for offset, row in data_rows if not is_time_line(row)]
    time_in_column = bool(records) and time_of(records[0][1][0]) is not None
    if (
        not time_in_column
        and time_line is None
        and time_row is None
        and records
        and not any(is_time_line(row) for _, row in data_rows)
    ):
        offset, row = records[0]
        raise ImportRefused(
            file_name,
            [
                Problem(
                    lines[offset],
                    "A",
                    row[0],
                    expect("genesis_time_place"),
                )
            ],
        )
    region_column = 1 if time_in_column else 0
    key_start = region_column + 2  # region code, name, then variables laid out in rows
    extra_keys = list(range(key_start, key_columns))
    migration, population, markers, others = [], [], {}, 0
    block_time = time_line
    for offset, row in data_rows:
        line = lines[offset]
        if is_time_line(row):
            block_time = time_of(row[0])
            continue
        row_time = time_of(row[0]) if time_in_column else block_time
        if row_time is None and time_row is None:
            raise ImportRefused(file_name, [Problem(line, "A", row[0], expect("genesis_year_or_day"))])
        ags = ags_of(row[region_column]) if len(row) > region_column else None
        if ags not in known_ags:
            others += 1
            continue
        row_sex, row_age = TOTAL, TOTAL
        for k in extra_keys:  # variables laid out in rows (e.g. the age band as a fourth key column)
            label = row[k].strip() if k < len(row) else ""
            if label.lower() in SEXES:
                row_sex = SEXES[label.lower()]
            else:
                row_age = _age_of(label)
        for k, (measure, sex, age, origin, column_time) in enumerate(specs):
            cell = row[key_columns + k] if key_columns + k < len(row) else ""
            if measure is None or not cell.strip():
                continue
            try:
                value, marker = value_of(cell)
            except ValueError:
                raise ImportRefused(
                    file_name,
                    [
                        Problem(
                            line,
                            get_column_letter(key_columns + k + 1),
                            cell,
                            expect("genesis_value"),
                        )
                    ],
                ) from None
            if marker:
                markers[marker] = markers.get(marker, 0) + 1
            sex_now = sex if sex != TOTAL else row_sex
            age_now = age if age != TOTAL else row_age
            if age_now is None:
                continue
            year, day = column_time or row_time
            if measure == "population":
                if sex_now == TOTAL and age_now == TOTAL:
                    population.append(
                        (
                            ags,
                            year,
                            day or dt.date(year, 12, 31),
                            value,
                            marker,
                            line,
                            get_column_letter(key_columns + k + 1),
                        )
                    )
            else:
                migration.append(
                    (
                        ags,
                        year,
                        measure,
                        age_now,
                        sex_now,
                        origin,
                        value,
                        marker,
                        line,
                        get_column_letter(key_columns + k + 1),
                    )
                )
    return _table(code, "classic", copyright_line, migration, population, others, markers, unmapped, file_name)


# Official figures a table of the 59 towns can hold: persons per cell within the region's size with
# room to spare, whole and not negative; years since official municipal statistics began, not after
# the current year.
PERSONS_MAXIMUM = 2_000_000
FIRST_YEAR = 1950


def _implausible(frame: pd.DataFrame, file_name: str) -> list[Problem]:
    problems = []
    persons = frame["persons"].astype(float)
    whole = persons.isna() | ((persons % 1 == 0) & (persons >= 0) & (persons <= PERSONS_MAXIMUM))
    for row in frame[~whole].itertuples():
        problems.append(
            Problem(
                int(row.line),
                str(row.column),
                f"{row.persons:g}",
                expect("genesis_persons", cap=PERSONS_MAXIMUM),
            )
        )
    last = dt.date.today().year
    for row in frame[~frame["year"].between(FIRST_YEAR, last)].itertuples():
        problems.append(
            Problem(
                int(row.line),
                str(row.column),
                str(row.year),
                expect("genesis_year", first=str(FIRST_YEAR), last=str(last)),
            )
        )
    return problems


def _table(
    code, layout, copyright_line, migration, population, others, markers, unmapped, file_name: str = ""
) -> GenesisTable:
    migration = pd.DataFrame(
        migration,
        columns=["ags", "year", "direction", "age_group", "sex", "origin", "persons", "marker", "line", "column"],
    )
    population = pd.DataFrame(
        population, columns=["ags", "year", "reference_date", "persons", "marker", "line", "column"]
    )
    problems = _implausible(migration, file_name) + _implausible(population, file_name)
    if problems:
        raise ImportRefused(file_name, problems)
    return GenesisTable(
        code, layout, copyright_line, migration.drop(columns="column"), population, others, markers, sorted(unmapped)
    )


# the German-labelled flat variant, mapped to the current column names
_FLAT_ALIASES = {"statistik_code": "statistics_code", "zeit": "time", "zeit_code": "time_code"}


def _flat_name(name: str) -> str:
    lowered = name.strip().lower()
    lowered = re.sub(r"^(\d+)_merkmal_code$", r"\1_variable_code", lowered)
    lowered = re.sub(r"^(\d+)_auspraegung_code$", r"\1_variable_attribute_code", lowered)
    lowered = re.sub(r"^(\d+)_auspraegung_label$", r"\1_variable_attribute_label", lowered)
    return _FLAT_ALIASES.get(lowered, lowered)


# value variables that count inhabitants: the population update (BEVSTD) and the Zensus 2022
# database's persons (PRS001 "Personen" in its population tables, e.g. 1000A)
POPULATION_CODES = ("BEVSTD", "PRS001")


def _flat_measure(record: dict, label: str) -> str | None:
    measure = _measure_of(label)
    code = (record.get("value_variable_code") or "").strip().upper()
    if measure is None and code in POPULATION_CODES:
        measure = "population"
    if measure == "population" and (record.get("value_unit") or "anzahl").strip().lower() != "anzahl":
        return None  # a density, an area or a share, not persons
    return measure


def _parse_flat(rows: list[list[str]], lines: list[int], file_name: str, known_ags: frozenset[str]) -> GenesisTable:
    names = [_flat_name(c) for c in rows[0]]
    lines = [line for line, row in zip(lines, rows, strict=True) if any(c.strip() for c in row)]
    rows = [row for row in rows if any(c.strip() for c in row)]
    frame = pd.DataFrame(rows[1:], dtype="string").fillna("")
    frame = frame.iloc[:, : len(names)]
    frame.columns = names[: frame.shape[1]]
    frame["line"] = lines[1 : len(frame) + 1]
    blocks = sorted({int(n.split("_")[0]) for n in names if re.match(r"^\d+_variable_code$", n)})
    region_block = next(
        (
            b
            for b in blocks
            if frame[f"{b}_variable_attribute_code"].fillna("").str.fullmatch(r"\d{8}|\d{12}|\d{2,5}|DG").mean() > 0.9
        ),
        None,
    )
    if region_block is None:
        raise ImportRefused(
            file_name,
            [
                Problem(
                    2,
                    None,
                    None,
                    expect("genesis_flat_region"),
                )
            ],
        )
    value_columns = [c for c in names if c == "value"] or [c for c in names if "__" in c]
    if not value_columns:
        raise ImportRefused(file_name, [Problem(1, None, None, expect("genesis_flat_value"))])
    statistic = rows[1][names.index("statistics_code")] if len(rows) > 1 and "statistics_code" in names else "?"
    migration, population, markers, others, unmapped, measured = [], [], {}, 0, set(), False
    for row in frame.itertuples(index=False):
        record = dict(zip(frame.columns, row, strict=True))
        ags = ags_of(record[f"{region_block}_variable_attribute_code"] or "")
        for column in value_columns:
            label = (record.get("value_variable_label") or column) if column == "value" else column
            measured = measured or _flat_measure(record, label) is not None
        if ags not in known_ags:
            others += 1
            continue
        found_time = time_of(record.get("time") or "")
        if found_time is None:
            raise ImportRefused(
                file_name, [Problem(record["line"], "time", record.get("time"), expect("genesis_flat_time"))]
            )
        year, day = found_time
        sex, age, breakdown, age_label = TOTAL, TOTAL, False, ""
        for block in blocks:
            if block == region_block:
                continue
            variable = (record[f"{block}_variable_code"] or "").upper()
            code = record[f"{block}_variable_attribute_code"] or ""
            label = record.get(f"{block}_variable_attribute_label") or ""
            if variable.startswith("GES"):
                sex = {"GESM": "m", "GESW": "f"}.get(code.upper(), TOTAL)
            elif variable.startswith("ALT"):
                age = TOTAL if not code else _age_of(label)
                age_label = label
            elif code:
                breakdown = True  # another variable's category (nationality, migration history …)
        if breakdown:
            continue  # only its totals (empty attribute code) are kept
        for column in value_columns:
            label = (record.get("value_variable_label") or column) if column == "value" else column
            measure = _flat_measure(record, label)
            origin = origin_of(label) if measure in ("in", "out") else TOTAL
            if origin is None:
                unmapped.add(label)
                continue
            cell = record[column] or ""
            if measure in ("in", "out") and age is None:
                unmapped.add(age_label)  # a band that does not nest into the six
            if measure is None or age is None or not cell.strip():
                continue
            try:
                value, marker = value_of(cell)
            except ValueError:
                raise ImportRefused(
                    file_name,
                    [Problem(record["line"], column, cell, expect("genesis_value"))],
                ) from None
            if marker:
                markers[marker] = markers.get(marker, 0) + 1
            if measure == "population":
                if sex == TOTAL and age == TOTAL:
                    population.append((ags, year, day or dt.date(year, 12, 31), value, marker, record["line"], column))
            else:
                migration.append((ags, year, measure, age, sex, origin, value, marker, record["line"], column))
    if not measured:
        variables = sorted(
            {str(v) for v in frame.get("value_variable_code", pd.Series(dtype="string")).dropna().unique()}
        )
        raise ImportRefused(
            file_name,
            [
                Problem(
                    2,
                    "value_variable_code",
                    ", ".join(variables)[:80] or None,
                    expect("genesis_flat_measures"),
                )
            ],
        )
    label = rows[1][names.index("statistics_label")] if len(rows) > 1 and "statistics_label" in names else ""
    attribution = f"© Statistische Ämter des Bundes und der Länder, {label or statistic}, dl-de/by-2-0"
    return _table(statistic, "ffcsv", attribution, migration, population, others, markers, unmapped, file_name)
