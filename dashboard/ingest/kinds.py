"""The import kinds: their template columns, keys, cross-field rules and target tables."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import pandera.pandas as pa

from dashboard import vocabulary as v
from dashboard.ingest import fields as f
from dashboard.ingest.errors import ImportRefused, Problem, expect
from dashboard.ingest.read import LINE, RawTable

F = f.Field


@dataclass(frozen=True)
class TableLoad:
    """Rows for one warehouse table; rows with the same `replace_key` values are replaced."""

    table: str
    frame: pd.DataFrame
    replace_key: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """A rule across columns of one row (or the whole file), with the message if it fails."""

    columns: tuple[str, ...]
    holds: Callable[[pd.DataFrame], pd.Series]
    expected: str
    # the rule needs the warehouse's towns: holds(frame, known_ags)
    with_towns: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    fields: dict[str, f.Field]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    period_column: str | None = None
    needs_campaigns: bool = False
    split: Callable[[pd.DataFrame], list[TableLoad]] | None = None
    # fills columns that follow from others (after the type check, before the value check)
    derive: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    description: str = ""
    example: list[dict[str, str]] = field(default_factory=list)

    def loads(self, frame: pd.DataFrame) -> list[TableLoad]:
        if self.split:
            return self.split(frame)
        return [TableLoad(self.table, frame, self.key)]


def _not_before(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda d: d[later].isna() | (d[later] >= d[earlier])


def _not_more(smaller: str, larger: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda d: d[smaller] <= d[larger]


def _split_round_table(frame: pd.DataFrame) -> list[TableLoad]:
    editions = frame.drop_duplicates("edition")[["edition", "date", "host_ags", "format", "participants"]]
    attendance = frame.dropna(subset=["ags"])[["edition", "ags"]]
    return [
        TableLoad("round_table", editions, ("edition",)),
        TableLoad("round_table_attendance", attendance, ("edition",)),
    ]


def _one_edition_description(frame: pd.DataFrame) -> pd.Series:
    columns = ["date", "host_ags", "format", "participants"]
    distinct = frame.groupby("edition")[columns].transform(lambda s: s.astype(str).nunique())
    return (distinct <= 1).all(axis=1)


def _population_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """A population figure is for a reference date: 31.12. of its year unless the file names one
    (a census counts on 15.05.2022, some tables give 30.06.); the year follows from the date."""
    year_end = pd.to_datetime(frame["year"].astype("Int64").astype("string") + "-12-31", errors="coerce")
    dated = frame.assign(reference_date=frame["reference_date"].fillna(year_end))
    return dated.assign(year=dated["year"].fillna(dated["reference_date"].dt.year.astype(float)))


def _year_of_date(frame: pd.DataFrame) -> pd.Series:
    return frame["reference_date"].isna() | (frame["year"] == frame["reference_date"].dt.year)


# A target a region of 1.37 million could set: persons within the count cap either way (a saldo may
# be negative, in-migration and leads not), a cost per lead below 100.000 €.
COST_PER_LEAD_MAXIMUM = 100_000
NON_NEGATIVE_TARGETS = ("inflow", "leads")


def _plausible_target(frame: pd.DataFrame) -> pd.Series:
    counts = ~frame["kpi"].isin((*v.TARGET_SHARES, *v.TARGET_MONEY))
    value = frame["value"]
    return (
        (~counts | (value.abs() <= f.PLAUSIBLE_MAXIMUM["count"]))
        & (~frame["kpi"].isin(NON_NEGATIVE_TARGETS) | (value >= 0))
        & (~frame["kpi"].isin(v.TARGET_MONEY) | (value <= COST_PER_LEAD_MAXIMUM))
    )


def _share_in_range(frame: pd.DataFrame) -> pd.Series:
    return ~frame["kpi"].isin(v.TARGET_SHARES) | frame["value"].between(0, 1)


def _flow_year(frame: pd.DataFrame) -> pd.DataFrame:
    """A flow is for a month or a whole year; the year follows from the month."""
    return frame.assign(year=frame["year"].fillna(frame["month"].dt.year.astype(float)))


def _touches_the_region(frame: pd.DataFrame, known_ags: frozenset[str]) -> pd.Series:
    return frame["from_ags"].isin(known_ags) | frame["to_ags"].isin(known_ags)


KINDS: dict[str, Kind] = {
    "registrations": Kind(
        "registrations",
        "registration",
        {
            "ags": F("ags"),
            "month": F("month", not_in_future=True),
            "direction": F("code", allowed=v.DIRECTIONS, aliases=f.ALIASES["direction"]),
            "age_group": F("code", allowed=v.AGE_GROUPS, aliases=f.ALIASES["age_group"]),
            "sex": F("code", allowed=v.SEXES, aliases=f.ALIASES["sex"]),
            "origin": F("code", allowed=v.ORIGINS, aliases=f.ALIASES["origin"]),
            "persons": F("count"),
        },
        key=("ags", "month", "direction", "age_group", "sex", "origin"),
        period_column="month",
        split=lambda d: [TableLoad("registration", d, ("ags", "month"))],
        description="An- und Abmeldungen je Kommune und Monat (Melderegister).",
    ),
    "population": Kind(
        "population",
        "population",
        {
            "ags": F("ags"),
            "year": F("year", required=False),
            "reference_date": F("date", required=False),
            "persons": F("count"),
            "is_estimate": F("flag", required=False),
            "name": F("text", required=False),
        },
        key=("ags", "reference_date"),
        period_column="year",
        derive=_population_dates,
        rules=(
            Rule(
                ("year", "reference_date"),
                lambda d: d["year"].notna(),
                expect("year_or_reference_date"),
            ),
            Rule(("reference_date", "year"), _year_of_date, expect("date_in_year")),
        ),
        split=lambda d: [TableLoad("population", d, ("ags", "reference_date"))],
        description="Einwohnerzahl je Kommune und Stichtag (ohne reference_date: 31.12. des Jahres).",
    ),
    "campaigns": Kind(
        "campaigns",
        "campaign",
        {
            "campaign_id": F("code", pattern=r"^[a-z0-9][a-z0-9_-]*$"),
            "name": F("text"),
            "target_group": F(
                "code", pattern=r"^(" + "|".join(v.TARGET_GROUPS) + r")(\+(" + "|".join(v.TARGET_GROUPS) + r"))*$"
            ),
            "start_date": F("date"),
            "end_date": F("date", required=False),
            "budget_eur": F("money"),
        },
        key=("campaign_id",),
        rules=(
            Rule(
                ("end_date", "start_date"),
                _not_before("end_date", "start_date"),
                expect("not_before", later="end_date", earlier="start_date"),
            ),
        ),
        description="Kampagnen mit Zielgruppe, Laufzeit und geplantem Budget.",
    ),
    "campaign-activity": Kind(
        "campaign-activity",
        "campaign_activity",
        {
            "campaign_id": F("code"),
            "date": F("date", not_in_future=True),
            "channel": F("code", pattern=r"^[a-z0-9][a-z0-9_-]*$"),
            "ags": F("ags", required=False),
            "impressions": F("count", maximum=f.IMPRESSIONS_MAXIMUM),
            "clicks": F("count", maximum=f.IMPRESSIONS_MAXIMUM),
            "leads": F("count"),
            "spend_eur": F("money"),
        },
        key=("campaign_id", "date", "channel", "ags"),
        period_column="date",
        needs_campaigns=True,
        rules=(
            Rule(("clicks", "impressions"), _not_more("clicks", "impressions"), "clicks ≤ impressions"),
            Rule(("leads", "clicks"), _not_more("leads", "clicks"), "leads ≤ clicks"),
        ),
        split=lambda d: [TableLoad("campaign_activity", d, ("campaign_id", "date"))],
        description="Reichweite je Kampagne, Tag oder Monat, Kanal und Kommune (leer = regionsweit).",
    ),
    "campaign-events": Kind(
        "campaign-events",
        "campaign_event",
        {
            "campaign_id": F("code"),
            "event_date": F("date", not_in_future=True),
            "ags": F("ags", required=False),
            "companies": F("count"),
            "participants": F("count"),
            "matches": F("count"),
        },
        key=("campaign_id", "event_date", "ags"),
        period_column="event_date",
        needs_campaigns=True,
        rules=(Rule(("matches", "participants"), _not_more("matches", "participants"), "matches ≤ participants"),),
        split=lambda d: [TableLoad("campaign_event", d, ("campaign_id", "event_date"))],
        description="Veranstaltungen (z. B. Meet 'n' Match) mit Unternehmen, Teilnehmenden, Matches.",
    ),
    "network": Kind(
        "network",
        "network_membership",
        {
            "ags": F("ags"),
            "network": F("code", pattern=r"^[a-z][a-z0-9_]*$"),
            "joined_on": F("date", not_in_future=True),
            "left_on": F("date", required=False),
        },
        key=("ags", "network"),
        rules=(
            Rule(
                ("left_on", "joined_on"),
                _not_before("left_on", "joined_on"),
                expect("not_before", later="left_on", earlier="joined_on"),
            ),
        ),
        description="Mitgliedschaften der Kommunen in Netzwerken (Runder Tisch, Smart Cities, …).",
    ),
    "round-table": Kind(
        "round-table",
        "round_table",
        {
            "edition": F("count"),
            "date": F("date", not_in_future=True),
            "host_ags": F("ags", required=False),
            "format": F("code", allowed=v.ROUND_TABLE_FORMATS, aliases=f.ALIASES["format"]),
            "participants": F("count"),
            "ags": F("ags", required=False),
        },
        key=("edition", "ags"),
        period_column="date",
        split=_split_round_table,
        rules=(
            Rule(
                ("edition",),
                _one_edition_description,
                expect("one_edition"),
            ),
        ),
        description="Ausgaben des Runden Tischs, je teilnehmender Kommune eine Zeile.",
    ),
    "targets": Kind(
        "targets",
        "kpi_target",
        {
            "kpi": F("code", allowed=v.TARGET_KPIS),
            "scope": F("code", allowed=v.TARGET_SCOPES),
            "year": F("year"),
            "value": F("number"),
        },
        key=("kpi", "scope", "year"),
        rules=(
            Rule(("value", "kpi"), _share_in_range, expect("share")),
            Rule(("value", "kpi"), lambda d: (d["kpi"] != "cost_per_lead") | (d["value"] >= 0), expect("type_money")),
            Rule(
                ("value", "kpi"),
                _plausible_target,
                expect("plausible_target"),
            ),
        ),
        description="Ziele (Soll) der Agentur je Kennzahl und Jahr für die Region; Anteile als 0–1.",
    ),
    "welcome-bags": Kind(
        "welcome-bags",
        "welcome_bag",
        {"ags": F("ags"), "month": F("month", not_in_future=True), "handed_out": F("count")},
        key=("ags", "month"),
        period_column="month",
        description="Ausgegebene Willkommenstaschen je Kommune und Monat.",
    ),
    "flows": Kind(
        "flows",
        "flow",
        {
            "from_ags": F("place"),
            "to_ags": F("place"),
            "month": F("month", required=False, not_in_future=True),
            "year": F("year", required=False),
            "age_group": F("code", allowed=v.AGE_GROUPS, aliases=f.ALIASES["age_group"]),
            "persons": F("count"),
        },
        key=("year", "month", "from_ags", "to_ags", "age_group"),
        period_column="year",
        derive=_flow_year,
        rules=(
            Rule(("month", "year"), lambda d: d["year"].notna(), expect("year_or_month")),
            Rule(
                ("month", "year"),
                lambda d: d["month"].isna() | (d["month"].dt.year == d["year"]),
                expect("month_in_year"),
            ),
            Rule(("to_ags", "from_ags"), lambda d: d["from_ags"] != d["to_ags"], expect("two_places")),
            Rule(("from_ags", "to_ags"), _touches_the_region, expect("flow_touches_region"), with_towns=True),
        ),
        # a move between two of the towns may come in both towns' extracts: stored once
        split=lambda d: [
            TableLoad(
                "flow",
                d.rename(columns={"from_ags": "from_code", "to_ags": "to_code"}),
                ("year", "month", "from_code", "to_code"),
            )
        ],
        description="Umzüge von Ort zu Ort (Melderegister: Gemeindeschlüssel der alten und der neuen Anschrift).",
    ),
}


def _problems_from(
    error: pa.errors.SchemaErrors, raw: pd.DataFrame, expected_by_column: dict[str, str]
) -> list[Problem]:
    problems, unlocated = [], []
    for case in error.failure_cases.itertuples():
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        if check == "column_in_dataframe":
            problems.append(Problem(1, str(case.failure_case), None, expect("header_column")))
            continue
        if case.index is None or pd.isna(case.index):
            unlocated.append(Problem(None, column, None, expected_by_column.get(column or "", check)))
            continue  # a whole-column failure, e.g. a check that could not run
        line = int(case.index)
        value = None if column is None else raw.at[line, column] if column in raw else case.failure_case
        if check == "not_nullable":
            expected = expect("required")
        elif check.startswith(("coerce_dtype", "dtype")):
            expected = expected_by_column.get(column or "", expect("valid"))
        elif check == "multiple_fields_uniqueness":
            expected = expect("unique_row")
        else:
            expected = check
        problems.append(Problem(line, column, None if pd.isna(value) else str(value), expected))
    unique = {(p.line, p.column, p.expected): p for p in problems or unlocated}
    return list(unique.values())


def _validate(
    schema: pa.DataFrameSchema, frame: pd.DataFrame, raw: pd.DataFrame, expected: dict[str, str]
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The validated frame, or None with every problem found."""
    try:
        return schema.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as error:
        return None, _problems_from(error, raw, expected)


def _typed(
    kind: Kind, frame: pd.DataFrame, raw: pd.DataFrame, expected: dict[str, str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame in its types, with the cells that are not of their type emptied (and reported),
    so that the value checks still see every other cell: a report names all problems of a file,
    not only those of the first check that failed."""
    schema = pa.DataFrameSchema({c: f.type_column(c, s) for c, s in kind.fields.items()})
    typed, problems = _validate(schema, frame, raw, expected)
    if typed is not None:
        return typed, []
    located = [p for p in problems if p.line is not None and p.column in frame.columns]
    if len(located) < len(problems):  # a failure that no cell explains: nothing more to learn
        return frame, problems
    emptied = frame.copy()
    for problem in located:
        emptied.loc[problem.line, problem.column] = pd.NA
    lenient = pa.DataFrameSchema({c: f.type_column(c, replace(s, required=False)) for c, s in kind.fields.items()})
    typed, more = _validate(lenient, emptied, raw, expected)
    return (typed if typed is not None else frame), problems + more


def _rule_problems(kind: Kind, frame: pd.DataFrame, known_ags: frozenset[str]) -> list[Problem]:
    problems = []
    for rule in kind.rules:
        holds = rule.holds(frame, known_ags) if rule.with_towns else rule.holds(frame)
        broken = ~holds.fillna(True).astype(bool)
        for line in frame.index[broken]:
            value = frame.at[line, rule.columns[0]]
            if pd.isna(value):  # an empty cell: nothing to quote
                shown = None
            else:
                shown = value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(value)
            problems.append(Problem(int(line), rule.columns[0], shown, rule.expected))
    return problems


# Column names users write instead of the template's (German, or from another system); a file
# with one of these and without the template's name is refused with the hint, never ignored.
GERMAN_COLUMN_NAMES = {
    "gemeindeschluessel": "ags",
    "gemeindeschlussel": "ags",
    "gemeindekennziffer": "ags",
    "gkz": "ags",
    "kommune": "ags",
    "gemeinde": "ags",
    "monat": "month",
    "richtung": "direction",
    "altersgruppe": "age_group",
    "alter": "age_group",
    "geschlecht": "sex",
    "herkunft": "origin",
    "personen": "persons",
    "anzahl": "persons",
    "einwohner": "persons",
    "jahr": "year",
    "stichtag": "reference_date",
    "datum": "date",
    "kanal": "channel",
    "kampagne": "campaign_id",
    "budget": "budget_eur",
    "beginn": "start_date",
    "start": "start_date",
    "ende": "end_date",
    "impressionen": "impressions",
    "klicks": "clicks",
    "kosten": "spend_eur",
    "ausgaben": "spend_eur",
    "unternehmen": "companies",
    "teilnehmende": "participants",
    "teilnehmer": "participants",
    "netzwerk": "network",
    "beitritt": "joined_on",
    "austritt": "left_on",
    "ausgabe": "edition",
    "gastgeber": "host_ags",
    "taschen": "handed_out",
    "kennzahl": "kpi",
    "bereich": "scope",
    "wert": "value",
    "zielgruppe": "target_group",
    "veranstaltung": "event_date",
    "format": "format",
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _plain_name(column: str) -> str:
    text = column.casefold().translate(_UMLAUTS)
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", text)).strip("_")


def meant_column(column: str, kind: Kind) -> str | None:
    """The template column a file's column was probably meant to be (other case, umlauts, spaces,
    a stray separator, the German name, a typo), or None."""
    plain = _plain_name(column)
    if plain in kind.fields:
        return plain
    german = GERMAN_COLUMN_NAMES.get(plain) or GERMAN_COLUMN_NAMES.get(plain.replace("_", ""))
    if german in kind.fields:
        return german
    around = [name for name in kind.fields if plain.startswith(name + "_") or plain.endswith("_" + name)]
    if around:  # "ags_nr", "gemeinde_ags"
        return max(around, key=len)
    close = difflib.get_close_matches(plain, list(kind.fields), n=1, cutoff=0.8)
    return close[0] if close else None


def unknown_columns(raw: RawTable, kind: Kind) -> list[str]:
    """The file's columns the kind does not use (named in the import's report)."""
    return [c for c in raw.frame.columns if c != LINE and c not in kind.fields]


def _misnamed(raw: RawTable, kind: Kind) -> list[Problem]:
    """Columns that look like a template column the file lacks: refused with the right name."""
    problems = []
    for column in unknown_columns(raw, kind):
        meant = meant_column(column, kind)
        if meant and meant not in raw.frame.columns:
            problems.append(Problem(1, column, None, expect("template_name", meant=meant, kind=kind.name)))
    return problems


def prepare(
    raw: RawTable,
    kind: Kind,
    known_ags: frozenset[str],
    known_campaigns: frozenset[str] = frozenset(),
    today: dt.date | None = None,
) -> list[TableLoad]:
    """Validated, typed rows for each target table, or ImportRefused listing every problem."""
    today = today or dt.date.today()
    text = raw.frame
    if misnamed := _misnamed(raw, kind):
        raise ImportRefused(raw.file_name, misnamed)
    missing = [c for c, spec in kind.fields.items() if spec.required and c not in text.columns]
    if missing:
        raise ImportRefused(
            raw.file_name,
            [Problem(1, c, None, expect("header_column_of", columns=", ".join(kind.fields))) for c in missing],
        )
    if text.empty:
        raise ImportRefused(raw.file_name, [Problem(2, None, None, expect("a_data_line"))])
    text = text.reindex(columns=[*text.columns, *(c for c in kind.fields if c not in text.columns)])
    frame = pd.DataFrame(
        {c: f.normalise(text[c], spec, raw.decimal) for c, spec in kind.fields.items()}, index=text.index
    )
    expected = {c: f.EXPECTED_TYPE[s.kind] for c, s in kind.fields.items()}
    typed, problems = _typed(kind, frame, text, expected)
    if problems and typed is frame:
        raise ImportRefused(raw.file_name, problems)
    unreadable = {(p.line, p.column) for p in problems}
    typed = f.with_dates(typed, kind.fields)
    if kind.derive:
        typed = kind.derive(typed)
    columns = {c: f.value_column(c, s, known_ags, today) for c, s in kind.fields.items()}
    if kind.needs_campaigns:
        columns["campaign_id"] = pa.Column(
            checks=pa.Check.isin(sorted(known_campaigns), error=expect("known_campaign"))
        )
    schema = pa.DataFrameSchema(columns, unique=list(kind.key), report_duplicates="exclude_first")
    checked, value_problems = _validate(schema, typed, text, expected)
    # an emptied cell is reported once, as not of its type, not again as empty
    problems += [p for p in value_problems if (p.line, p.column) not in unreadable]
    problems += [p for p in _rule_problems(kind, typed, known_ags) if (p.line, p.column) not in unreadable]
    if problems or checked is None:
        raise ImportRefused(raw.file_name, problems)
    return kind.loads(_final_types(checked, kind))


def _final_types(frame: pd.DataFrame, kind: Kind) -> pd.DataFrame:
    out = frame.copy()
    for column, spec in kind.fields.items():
        if spec.kind in ("count", "year"):
            out[column] = out[column].astype("Int64")
        elif spec.kind in ("date", "month"):
            out[column] = out[column].dt.date
        elif spec.kind == "flag":
            out[column] = out[column].isin(["true", "ja", "1"])
    out[LINE] = out.index
    return out.reset_index(drop=True)
