"""Write the demo data set and its MANIFEST.json; the same inputs give byte-identical files."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np

from dashboard.demo import assumptions as A
from dashboard.demo import programmes
from dashboard.demo.calendar import month_starts
from dashboard.demo.generate import load_towns, population_series, registrations
from dashboard.demo.targets import target_rows
from dashboard.vocabulary import AGE_GROUPS, ORIGINS, SEXES

REGISTRATION_COLUMNS = ["ags", "month", "direction", "age_group", "sex", "origin", "persons"]
FLOW_COLUMNS = ["from_ags", "to_ags", "month", "age_group", "persons"]


def _write(path: Path, rows: list[dict] | list[list], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns] if isinstance(row, dict) else row)


def _registration_rows(ags: np.ndarray, months: list, persons: np.ndarray, year: int) -> list[list]:
    keep = [k for k, m in enumerate(months) if m.year == year]
    block = persons[:, keep]
    index = np.argwhere(block > 0)  # lexicographic: town, month, direction, age, sex, origin
    directions = ("in", "out")
    return [
        [
            ags[t],
            months[keep[m]].isoformat(),
            directions[d],
            AGE_GROUPS[a],
            SEXES[s],
            ORIGINS[o],
            int(block[t, m, d, a, s, o]),
        ]
        for t, m, d, a, s, o in index
    ]


def _flow_rows(ags: np.ndarray, months: list, flows: np.ndarray, year: int) -> list[list]:
    keep = [k for k, m in enumerate(months) if m.year == year]
    block = flows[:, :, keep]
    index = np.argwhere(block > 0)  # lexicographic: from, to, month, age
    rows = [
        [ags[j], ags[i], months[keep[m]].isoformat()[:7], AGE_GROUPS[a], int(block[j, i, m, a])] for j, i, m, a in index
    ]
    return sorted(rows, key=lambda row: row[2])  # month by month, as a register extract is read


def generate(
    out_dir: Path,
    seed: int = A.DEFAULT_SEED,
    years: tuple[int, int] = A.DEFAULT_YEARS,
    campaign_uplift: float = A.CAMPAIGN_UPLIFT,
) -> dict:
    """Generate every demo file into out_dir and return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.csv"):
        old.unlink()
    rng = np.random.default_rng(seed)
    towns = load_towns()
    months = month_starts(*years)
    data_end = dt.date(years[1], 12, 31)
    files: list[tuple[str, str, int]] = []

    def emit(name: str, kind: str, rows, columns) -> None:
        _write(out_dir / name, rows, columns)
        files.append((name, kind, len(rows)))

    moves = registrations(towns, months, rng, campaign_uplift)
    persons = moves.persons
    campaigns = programmes.campaign_rows(data_end)
    emit("campaigns.csv", "campaigns", campaigns, list(campaigns[0]))
    activity = programmes.activity_rows(towns, data_end, rng)
    emit("campaign_activity.csv", "campaign-activity", activity, list(activity[0]))
    events = programmes.event_rows(towns, data_end, rng)
    if events:
        emit("campaign_events.csv", "campaign-events", events, list(events[0]))
    for year in range(years[0], years[1] + 1):
        emit(
            f"registrations_{year}.csv",
            "registrations",
            _registration_rows(towns.ags, months, persons, year),
            REGISTRATION_COLUMNS,
        )
    for year in range(years[0], years[1] + 1):
        emit(f"flows_{year}.csv", "flows", _flow_rows(towns.ags, months, moves.flows, year), FLOW_COLUMNS)
    population = population_series(towns, persons, months)
    emit(
        "population.csv",
        "population",
        [[a, y, int(p[i]), "false"] for y, p in population.items() for i, a in enumerate(towns.ags)],
        ["ags", "year", "persons", "is_estimate"],
    )
    round_table = programmes.round_table_rows(towns, data_end, rng)
    emit("round_table.csv", "round-table", round_table, list(round_table[0]))
    network = programmes.network_rows(towns, round_table, data_end, rng)
    emit("network.csv", "network", network, list(network[0]))
    inflow = persons[:, :, 0].sum(axis=(2, 3, 4))
    inflow_by_town_month = {
        (a, m.isoformat()): int(inflow[i, k]) for i, a in enumerate(towns.ags) for k, m in enumerate(months)
    }
    bags = programmes.welcome_bag_rows(network, inflow_by_town_month, data_end, rng)
    emit("welcome_bags.csv", "welcome-bags", bags, ["ags", "month", "handed_out"])
    emit(
        "targets.csv",
        "targets",
        target_rows(persons, months, activity, network, bags, towns.ags, years),
        ["kpi", "scope", "year", "value"],
    )

    manifest = {
        "generator": "python -m dashboard demo",
        "note": "Synthetische Demodaten – keine amtlichen Zahlen.",
        "seed": seed,
        "years": list(years),
        "campaign_uplift": campaign_uplift,
        "files": [
            {
                "file": name,
                "kind": kind,
                "rows": rows,
                "sha256": hashlib.sha256((out_dir / name).read_bytes()).hexdigest(),
            }
            for name, kind, rows in files
        ],
    }
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
