"""The field library: how each kind of column is normalised and checked (with pandera).

Validation runs in two passes so every report is precise: first the types (can the cell be
read as a number, a date …), then the values (ranges, allowed codes, known towns, keys).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dashboard.ingest.errors import expect
from dashboard.vocabulary import PLACE_PATTERN

# Common German spellings users type in templates, mapped to the warehouse codes.
ALIASES = {
    "direction": {"zuzug": "in", "zuzüge": "in", "fortzug": "out", "fortzüge": "out"},
    "sex": {"w": "f", "weiblich": "f", "männlich": "m", "maennlich": "m", "divers": "d"},
    "origin": {"südwestfalen": "swf", "suedwestfalen": "swf", "ausland": "abroad", "deutschland": "de"},
    "format": {"präsenz": "praesenz", "praesenz": "praesenz", "online": "digital"},
    "age_group": {"unter 18": "0-17", "65 und älter": "65+", "65 und mehr": "65+"},
    "place": {"ausland": "abroad", "deutschland": "de", "übriges deutschland": "de", "übriges nrw": "nrw"},
}

_DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_MONTH_ONLY = re.compile(r"^(\d{4})-(\d{1,2})$")
_GERMAN_MONTH = re.compile(r"^(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class Field:
    """One template column: its kind ('ags', 'place', 'count', 'number', 'money', 'date', 'month',
    'year', 'code', 'text', 'flag'), whether it is required, and its allowed codes."""

    kind: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None
    not_in_future: bool = False
    aliases: dict[str, str] = field(default_factory=dict)
    maximum: float | None = None  # instead of the kind's cap (PLAUSIBLE_MAXIMUM)


# What a domain expert would still believe for one row (a value beyond is a typing or export error,
# and would overflow the warehouse's integers): counts of persons, bags or events not above the
# region's 1.37 million inhabitants with room to spare; money per row not above 100 million euros;
# plain numbers (targets) within a billion either way; dates from 1990 (before the towns' current
# registers and any campaign) to 2100.
PLAUSIBLE_MAXIMUM = {"count": 2_000_000, "money": 100_000_000, "number": 1_000_000_000}
IMPRESSIONS_MAXIMUM = 100_000_000  # reach of one campaign row (a day or month, a channel, a town)
EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


EXPECTED_TYPE = {
    kind: expect(f"type_{kind}")
    for kind in ("ags", "place", "count", "number", "money", "date", "month", "year", "code", "text", "flag")
}

_PANDAS_TYPE = {"count": "float64", "number": "float64", "money": "float64", "year": "float64"}
NUMBER_KINDS = tuple(_PANDAS_TYPE)
DATE_KINDS = ("date", "month")


def _iso_dates(series: pd.Series, kind: str) -> pd.Series:
    text = series.astype("string")
    text = text.str.replace(_DAY_FIRST, lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", regex=True)
    if kind == "month":
        text = text.str.replace(_MONTH_ONLY, lambda m: f"{m[1]}-{int(m[2]):02d}-01", regex=True)
        text = text.str.replace(_GERMAN_MONTH, lambda m: f"{m[2]}-{int(m[1]):02d}-01", regex=True)
    # only plain ISO dates go on to the type check; anything else fails it visibly
    return text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(True), "ungültig:" + text)


def _plain_number(series: pd.Series, decimal: str) -> pd.Series:
    # a typographic minus (−) and spaces as thousands separators are read as typed
    text = series.astype("string").str.replace(" ", "", regex=False).str.replace("−", "-", regex=False)
    if decimal == ",":
        return text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return text.str.replace(",", "", regex=False)


def normalise(series: pd.Series, spec: Field, decimal: str) -> pd.Series:
    """Cell texts in the form the type check expects (no values are invented)."""
    if spec.kind in NUMBER_KINDS:
        return _plain_number(series, decimal)
    if spec.kind in ("date", "month"):
        return _iso_dates(series, spec.kind)
    if spec.kind == "ags":
        text = series.astype("string")
        # Excel drops the leading zero of 05…: restore it, nothing else
        return text.where(~text.str.fullmatch(r"\d{7}").fillna(False), "0" + text)
    if spec.kind == "place":
        text = series.astype("string").str.strip().str.lower().replace(ALIASES["place"])
        # Excel drops the leading zero of 05…: restore it on a municipality, district or state key
        return text.where(~text.str.fullmatch(r"\d{7}|\d{4}|\d").fillna(False), "0" + text)
    if spec.kind in ("code", "flag"):
        text = series.astype("string").str.lower()
        return text.replace(spec.aliases) if spec.aliases else text
    return series.astype("string")


def _parse_dates(text: pd.Series) -> pd.Series:
    # pandas picks the resolution itself, so a year like 2999 parses and reaches the range check
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def type_column(name: str, spec: Field) -> pa.Column:
    if spec.kind in DATE_KINDS:
        parses = pa.Check(lambda s: s.isna() | _parse_dates(s).notna(), error=EXPECTED_TYPE[spec.kind])
        return pa.Column("string", checks=parses, nullable=not spec.required, coerce=True)
    dtype = _PANDAS_TYPE.get(spec.kind, "string")
    return pa.Column(dtype, nullable=not spec.required, coerce=True, required=True, title=EXPECTED_TYPE[spec.kind])


def with_dates(frame: pd.DataFrame, fields: dict[str, Field]) -> pd.DataFrame:
    """Date columns (checked as text by the type pass) as datetimes for the value pass."""
    return frame.assign(**{c: _parse_dates(frame[c]) for c, s in fields.items() if s.kind in DATE_KINDS})


def _whole(series: pd.Series) -> pd.Series:
    return series.isna() | (series % 1 == 0)


def _at_most(cap: float, unit: str = "") -> pa.Check:
    """Finite and not above the cap (also keeps 1e308 or 20 digits from the integer columns)."""
    return pa.Check(
        lambda s: s.isna() | (np.isfinite(s) & (s <= cap)), error=expect("at_most_euro" if unit else "at_most", cap=cap)
    )


def value_checks(spec: Field, known_ags: frozenset[str], today: dt.date) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if spec.kind == "ags":
        checks += [
            pa.Check.str_matches(r"^\d{8}$", error=EXPECTED_TYPE["ags"]),
            pa.Check.isin(sorted(known_ags), error=expect("known_ags")),
        ]
    elif spec.kind == "place":
        checks.append(pa.Check.str_matches(PLACE_PATTERN, error=EXPECTED_TYPE["place"]))
    elif spec.kind == "count":
        checks += [
            pa.Check.ge(0, error=EXPECTED_TYPE["count"]),
            pa.Check(_whole, error=EXPECTED_TYPE["count"]),
            _at_most(spec.maximum or PLAUSIBLE_MAXIMUM["count"]),
        ]
    elif spec.kind == "money":
        checks += [
            pa.Check.ge(0, error=EXPECTED_TYPE["money"]),
            _at_most(spec.maximum or PLAUSIBLE_MAXIMUM["money"], " €"),
        ]
    elif spec.kind == "number":
        cap = spec.maximum or PLAUSIBLE_MAXIMUM["number"]
        checks += [
            pa.Check(lambda s: s.isna() | np.isfinite(s), error=EXPECTED_TYPE["number"]),
            pa.Check(lambda s: s.isna() | (s.abs() <= cap), error=expect("number_between", cap=cap)),
        ]
    elif spec.kind == "year":
        checks += [
            pa.Check.in_range(1990, 2100, error=expect("year_between", first=1990, last=2100)),
            pa.Check(_whole, error=EXPECTED_TYPE["year"]),
        ]
    elif spec.kind == "month":
        checks.append(pa.Check(lambda s: s.isna() | (s.dt.day == 1), error=expect("first_of_month")))
    if spec.kind in DATE_KINDS:
        first, last = pd.Timestamp(EARLIEST_DATE), pd.Timestamp(LATEST_DATE)
        checks.append(
            pa.Check(
                lambda s: s.isna() | ((s >= first) & (s <= last)),
                error=expect("date_between", first=EARLIEST_DATE.isoformat(), last=LATEST_DATE.isoformat()),
            )
        )
    elif spec.kind == "code" and spec.allowed:
        checks.append(pa.Check.isin(spec.allowed, error=expect("one_of", codes=", ".join(spec.allowed))))
    elif spec.kind == "flag":
        checks.append(pa.Check.isin(("true", "false", "ja", "nein", "1", "0"), error=expect("true_or_false")))
    if spec.pattern:
        checks.append(pa.Check.str_matches(spec.pattern, error=expect("pattern", pattern=spec.pattern)))
    if spec.not_in_future:
        limit = pd.Timestamp(today)
        checks.append(
            pa.Check(lambda s: s.isna() | (s <= limit), error=expect("not_after_today", today=today.isoformat()))
        )
    return checks


def value_column(name: str, spec: Field, known_ags: frozenset[str], today: dt.date) -> pa.Column:
    return pa.Column(nullable=not spec.required, checks=value_checks(spec, known_ags, today))
