"""Writes the official-layout fixtures of this folder (`python tests/data/official/build.py`).

The figures are invented (seeded), the layouts are the real ones of ../shared/formats: the older
Regionalstatistik dialect ("GENESIS-Tabelle:", the year on a line of its own, UTF-8), the current
Tabellen-CSV ("Tabelle:", time in column 1, Windows-1252, CRLF), the flat file (ffcsv, UTF-8 with
BOM), population over several reference dates in the columns (31.12. and 30.06.), and the Zensus
2022 database's flat file (12-digit ARS, PRS001, value_q). `truth.csv` holds every number the
migration files carry, so tests compare what the app shows with the file, not with the parser.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
BANDS = [
    "unter 18 Jahre",
    "18 bis unter 25 Jahre",
    "25 bis unter 30 Jahre",
    "30 bis unter 50 Jahre",
    "50 bis unter 65 Jahre",
    "65 Jahre und mehr",
]
CODES = ["0-17", "18-24", "25-29", "30-49", "50-64", "65+"]
SHARES = [0.17, 0.23, 0.17, 0.27, 0.10, 0.06]
# Balve's out-migration of 2016 is secret ("."), Wenden's young men of 2018 not sure enough ("/")
SECRET = ("05962004", 2016, "out")
NOT_SURE = ("05966028", 2018, "in", "m", "0-17")
OUTSIDE = ("05370004", "Erkelenz")
COPYRIGHT_2017 = [
    '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2017.',
    "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland",
    '- Namensnennung - Version 2.0."',
]


def towns() -> pd.DataFrame:
    reference = pd.read_csv(ROOT / "data" / "reference" / "municipalities.csv", dtype={"ags": str})
    census = pd.read_csv(ROOT / "data" / "reference" / "zensus2022_population.csv", dtype={"ags": str})
    return reference.merge(census[["ags", "persons"]], on="ags").sort_values("ags").reset_index(drop=True)


def truth(places: pd.DataFrame, years: range) -> pd.DataFrame:
    """ags, year, direction, sex, age_group, persons: the invented migration of every town."""
    rng = np.random.default_rng(2015)
    rows = []
    for town in places.itertuples():
        for year in years:
            for direction, rate in (("in", 0.052), ("out", 0.050)):
                for sex, share in (("m", 0.51), ("f", 0.49)):
                    for code, band in zip(CODES, SHARES, strict=True):
                        rows.append(
                            (town.ags, year, direction, sex, code, int(rng.poisson(town.persons * rate * band * share)))
                        )
    return pd.DataFrame(rows, columns=["ags", "year", "direction", "sex", "age_group", "persons"])


def _cells(table: pd.DataFrame, ags: str, year: int) -> list[str]:
    """The 42 value cells of a town-year: in/out × Insgesamt/männlich/weiblich × six bands + total."""
    rows = table[(table["ags"] == ags) & (table["year"] == year)]
    cells = []
    for direction in ("in", "out"):
        for sex in ("total", "m", "f"):
            part = rows[rows["direction"] == direction]
            if sex != "total":
                part = part[part["sex"] == sex]
            by_band = part.groupby("age_group")["persons"].sum().reindex(CODES)
            values = [*by_band.tolist(), int(by_band.sum())]
            texts = ["-" if v == 0 else str(int(v)) for v in values]
            if (ags, year, direction) == SECRET:
                texts = ["."] * 7
            cells += texts
    return cells


def _sum_cells(table: pd.DataFrame, codes: list[str], year: int) -> list[str]:
    part = table[table["ags"].isin(codes) & (table["year"] == year)]
    cells = []
    for direction in ("in", "out"):
        for sex in ("total", "m", "f"):
            rows = part[part["direction"] == direction]
            if sex != "total":
                rows = rows[rows["sex"] == sex]
            by_band = rows.groupby("age_group")["persons"].sum().reindex(CODES).fillna(0)
            cells += [str(int(v)) for v in [*by_band.tolist(), by_band.sum()]]
    return cells


def _header_rows(key_cells: int) -> list[list[str]]:
    lead = [""] * key_cells
    measures = ["Zuzüge über die Gemeindegrenzen"] * 21 + ["Fortzüge über die Gemeindegrenzen"] * 21
    sexes = (["Insgesamt"] * 7 + ["männlich"] * 7 + ["weiblich"] * 7) * 2
    return [
        lead + measures,
        lead + ["Geschlecht"] * 42,
        lead + sexes,
        lead + ["Altersgruppe (unter 18 bis 65 u.m.)"] * 42,
        lead + (BANDS + ["Insgesamt"]) * 6,
        lead + ["Anzahl"] * 42,
    ]


def _write(path: Path, rows: list[list[str]], footer: list[str], encoding: str, newline: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(row)
    text = buffer.getvalue() + "".join(line + newline for line in footer)
    path.write_bytes(text.encode(encoding))


def _regions(places: pd.DataFrame) -> list[tuple[str, str, list[str]]]:
    """(key, indented name, member AGS) of Germany, NRW, the five districts and their towns."""
    everyone = places["ags"].tolist()
    regions = [("DG", "Deutschland", everyone), ("05", "  Nordrhein-Westfalen", everyone)]
    for district, group in places.groupby("district", sort=False):
        regions.append((group["ags"].iloc[0][:5], f"    {district}", group["ags"].tolist()))
        regions += [(row.ags, f"      {row.name}", [row.ags]) for row in group.itertuples()]
    return regions


def classic_old(places, table, year: int) -> list[list[str]]:
    """Regionalstatistik before 2018: 'GENESIS-Tabelle:', the year on a line of its own."""
    width = 44
    pad = lambda text: [text] + [""] * (width - 1)
    rows = [
        ["GENESIS-Tabelle: 12711-01-03-5"],
        pad("Zu- und Fortzüge nach Geschlecht und Altersgruppen"),
        pad("(über Gemeindegrenzen) - Jahressumme -"),
        pad("regionale Tiefe: Gemeinden, Samt-/Verbandsgemeinden"),
        pad("Wanderungsstatistik"),
        pad(str(year)),
        *_header_rows(2),
    ]
    for key, name, members in _regions(places):
        cells = (
            _cells(table, key, year) if len(members) == 1 and key == members[0] else _sum_cells(table, members, year)
        )
        rows.append([key, name, *cells])
    rows.append([OUTSIDE[0], f"      {OUTSIDE[1]}", *(["-"] * 42)])
    return rows


def classic_current(places, table, years: list[int]) -> list[list[str]]:
    """Tabellen-CSV of today: 'Tabelle:', the year in column 1 of every row."""
    width = 45
    pad = lambda text: [text] + [""] * (width - 1)
    rows = [
        ["Tabelle: 12711-01-03-5"],
        pad("Zu- und Fortzüge (über Gemeindegrenzen) nach Geschlecht und"),
        pad("Altersgruppen - Jahressumme - regionale Tiefe: Gemeinden"),
        pad("Wanderungsstatistik"),
        *_header_rows(3),
    ]
    for year in years:
        for key, name, members in _regions(places):
            cells = (
                _cells(table, key, year)
                if key == members[0] and len(members) == 1
                else _sum_cells(table, members, year)
            )
            rows.append([str(year), key, name, *cells])
        rows.append([str(year), OUTSIDE[0], f"      {OUTSIDE[1]}", *(["0"] * 42)])
    return rows


def flat(places, table, year: int) -> list[list[str]]:
    """ffcsv (language=de): one row per value, unsorted codes, GEMEIN with the 8-digit AGS."""
    header = [
        "statistics_code",
        "statistics_label",
        "time_code",
        "time_label",
        "time",
        "1_variable_code",
        "1_variable_label",
        "1_variable_attribute_code",
        "1_variable_attribute_label",
        "2_variable_code",
        "2_variable_label",
        "2_variable_attribute_code",
        "2_variable_attribute_label",
        "3_variable_code",
        "3_variable_label",
        "3_variable_attribute_code",
        "3_variable_attribute_label",
        "value",
        "value_unit",
        "value_variable_code",
        "value_variable_label",
    ]
    rows = [header]
    measures = {
        "in": ("BEV083", "Zuzüge über die Gemeindegrenzen"),
        "out": ("BEV084", "Fortzüge über die Gemeindegrenzen"),
    }
    sexes = {"total": ("", "Insgesamt"), "m": ("GESM", "männlich"), "f": ("GESW", "weiblich")}
    band_codes = ["ALT000B18", "ALT018B25", "ALT025B30", "ALT030B50", "ALT050B65", "ALT065UM"]
    names = dict(zip(places["ags"], places["official_name"], strict=True))
    for ags in sorted(places["ags"], key=lambda a: a[::-1]):  # not sorted, as the service delivers
        part = table[(table["ags"] == ags) & (table["year"] == year)]
        for direction, (code, label) in measures.items():
            for sex, (sex_code, sex_label) in sexes.items():
                rows_sex = part[part["direction"] == direction]
                if sex != "total":
                    rows_sex = rows_sex[rows_sex["sex"] == sex]
                by_band = rows_sex.groupby("age_group")["persons"].sum().reindex(CODES)
                for band_code, band_label, value in [
                    *zip(band_codes, BANDS, by_band.tolist(), strict=True),
                    ("", "Insgesamt", int(by_band.sum())),
                ]:
                    text = "-" if value == 0 else str(int(value))
                    if (ags, year, direction, sex) == NOT_SURE[:4] and band_label == BANDS[0]:
                        text = "/"
                    rows.append(
                        [
                            "12711",
                            "Wanderungsstatistik",
                            "JAHR",
                            "Jahr",
                            str(year),
                            "GEMEIN",
                            "Gemeinden",
                            ags,
                            names[ags],
                            "GES",
                            "Geschlecht",
                            sex_code,
                            sex_label,
                            "ALTX20",
                            "Altersgruppen",
                            band_code,
                            band_label,
                            text,
                            "Anzahl",
                            code,
                            label,
                        ]
                    )
    rows.append(
        [
            "12711",
            "Wanderungsstatistik",
            "JAHR",
            "Jahr",
            str(year),
            "KREISE",
            "Kreise und kreisfreie Städte",
            "05966",
            "Olpe, Kreis",
            "GES",
            "Geschlecht",
            "",
            "Insgesamt",
            "ALTX20",
            "Altersgruppen",
            "",
            "Insgesamt",
            "7000",
            "Anzahl",
            "BEV083",
            "Zuzüge über die Gemeindegrenzen",
        ]
    )
    return rows


def population_truth(places: pd.DataFrame, dates: list[str]) -> pd.DataFrame:
    """ags, reference_date, persons: the census count carried back by a small yearly change."""
    rows = []
    for town in places.itertuples():
        for day in dates:
            years_before = 2022 - int(day[-4:])
            factor = (1 + 0.004) ** years_before * (0.999 if day.startswith("30.06") else 1.0)
            rows.append((town.ags, day, round(town.persons * factor)))
    return pd.DataFrame(rows, columns=["ags", "reference_date", "persons"])


def population_columns(places, population: pd.DataFrame, code: str, title: str) -> list[list[str]]:
    """Several reference dates across the columns (the usual multi-year download), sexes below."""
    dates = list(dict.fromkeys(population["reference_date"]))
    width = 2 + 3 * len(dates)
    pad = lambda text: [text] + [""] * (width - 1)
    rows = [
        [f"Tabelle: {code}"],
        pad(title),
        pad("regionale Tiefe: Gemeinden"),
        pad("Fortschreibung des Bevölkerungsstandes"),
        ["", "", *[d for d in dates for _ in range(3)]],
        ["", "", *(["Insgesamt", "männlich", "weiblich"] * len(dates))],
        ["", "", *(["Anzahl"] * 3 * len(dates))],
    ]
    values = population.set_index(["ags", "reference_date"])["persons"]
    for key, name, members in _regions(places):
        cells = []
        for day in dates:
            total = int(sum(values[(m, day)] for m in members))
            men = total * 49 // 100
            cells += [str(total), str(men), str(total - men)]
        rows.append([key, name, *cells])
    return rows


def zensus_flat(places) -> list[list[str]]:
    """The Zensus 2022 database's flat file (quality on): 12-digit ARS, age groups and migration
    history as classifying variables, the persons as PRS001; only the totals are a population."""
    header = [
        "statistics_code",
        "statistics_label",
        "time_code",
        "time_label",
        "time",
        "1_variable_code",
        "1_variable_label",
        "1_variable_attribute_code",
        "1_variable_attribute_label",
        "2_variable_code",
        "2_variable_label",
        "2_variable_attribute_code",
        "2_variable_attribute_label",
        "value",
        "value_unit",
        "value_variable_code",
        "value_variable_label",
        "value_q",
    ]
    rows = [header]
    for town in places.itertuples():
        ars = town.ags[:5] + "0000" + town.ags[5:]
        lead = [
            "1000A",
            "Bevölkerung kompakt (Gebietsstand 15.05.2022)",
            "STAG",
            "Stichtag",
            "2022-05-15",
            "GEOGM4",
            "Gemeinden",
            ars,
            town.official_name,
            "ALTGR2",
            "Alter (10er-Jahresgruppen)",
        ]
        rows.append([*lead, "", "Insgesamt", str(town.persons), "Anzahl", "PRS001", "Personen", "e"])
        young = town.persons // 10
        rows.append([*lead, "ALT000B009", "Unter 10 Jahre", str(young), "Anzahl", "PRS001", "Personen", "e"])
        rows.append([*lead, "ALT010B019", "10 bis 19 Jahre", str(young + 7), "Anzahl", "PRS001", "Personen", "e"])
    rows.append(
        [
            "1000A",
            "Bevölkerung kompakt (Gebietsstand 15.05.2022)",
            "STAG",
            "Stichtag",
            "2022-05-15",
            "GEOGM4",
            "Gemeinden",
            "092760130130",
            "Zwiesel, Stadt",
            "ALTGR2",
            "Alter (10er-Jahresgruppen)",
            "",
            "Insgesamt",
            "9326",
            "Anzahl",
            "PRS001",
            "Personen",
            "e",
        ]
    )
    return rows


def main() -> None:
    places = towns()
    table = truth(places, range(2015, 2019))
    table.to_csv(HERE / "truth.csv", index=False)
    _write(
        HERE / "12711-01-03-5_2015_genesis-tabelle_utf8.csv",
        classic_old(places, table, 2015),
        [
            "__________",
            '"zu ""gesamter Tabelle"":',
            'Testdaten des Projekts in der Form der Regionalstatistik."',
            *COPYRIGHT_2017,
            "Stand: 10.10.2017 / 13:00:29",
        ],
        "utf-8",
        "\n",
    )
    _write(
        HERE / "12711-01-03-5_2016-2017_tabelle_cp1252.csv",
        classic_current(places, table, [2016, 2017]),
        [
            "__________",
            (
                "© Statistische Ämter des Bundes und der Länder, Deutschland, 2026. Dieses Werk ist "
                "lizenziert unter der Datenlizenz Deutschland - Namensnennung - Version 2.0."
            ),
            "Stand: 12.03.2026 / 09:14:55",
        ],
        "cp1252",
        "\r\n",
    )
    _write(HERE / "12711_2018_flat.csv", flat(places, table, 2018), [], "utf-8-sig", "\n")
    yearly = population_truth(places, [f"31.12.{y}" for y in range(2014, 2019)])
    half = population_truth(places, ["30.06.2019", "30.06.2020"])
    pd.concat([yearly, half]).to_csv(HERE / "population_truth.csv", index=False)
    footer = [
        "__________",
        '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2026.',
        "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland",
        '- Namensnennung - Version 2.0."',
        "Stand: 01.03.2026 / 10:00:00",
    ]
    _write(
        HERE / "12411-01-01-5_2014-2018_stichtage_in_spalten.csv",
        population_columns(places, yearly, "12411-01-01-5", "Bevölkerung nach Geschlecht - Stichtag 31.12. -"),
        footer,
        "cp1252",
        "\n",
    )
    _write(
        HERE / "12411-halbjahr_30-06_2019-2020.csv",
        population_columns(places, half, "12411-04-02-5", "Bevölkerung nach Geschlecht - Stichtag 30.06. -"),
        footer,
        "cp1252",
        "\n",
    )
    _write(HERE / "zensus2022_1000A-0000_gemeinden_flat.csv", zensus_flat(places), [], "utf-8-sig", "\n")


if __name__ == "__main__":
    main()
