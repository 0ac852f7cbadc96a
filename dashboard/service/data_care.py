"""What the Daten page shows and does: the import history, data quality, and imports with a dry
run first, all through the same import code as the command line."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.ingest.errors import ImportRefused
from dashboard.ingest.kinds import KINDS
from dashboard.ingest.load import (
    IMPORTERS,
    DryRun,
    ImportResult,
    check_file,
    guess_kind,
    import_file,
)
from dashboard.kpis import quality
from dashboard.queries import fetch
from dashboard.service.inflow import unusual_town_years
from dashboard.service.reference import Reference
from dashboard.warehouse.connection import reader, shown, writer
from dashboard.warehouse.migrate import migrate

# what the Daten page offers: every import kind (official tables first), the templates, and every
# file suffix any kind reads (the kind is chosen or detected after the upload)
IMPORT_KINDS = tuple(IMPORTERS)
__all__ = ["ImportRefused"]  # raised by every import an editor starts from a page
TEMPLATE_KINDS = tuple(KINDS)
UPLOAD_SUFFIXES = tuple(
    sorted({s.lstrip(".") for importer in IMPORTERS.values() for s in importer.suffixes} | {"parquet"})
)
looks_like = guess_kind


def fits(kind: str, file_name: str) -> bool:
    return Path(file_name).suffix.lower() in IMPORTERS[kind].suffixes or (
        kind == "registrations" and file_name.lower().endswith(".parquet")
    )


@dataclass(frozen=True)
class DataQuality:
    gaps: pd.DataFrame  # ags, name, missing, first_missing, last_missing
    missing_towns: pd.DataFrame  # import_id, file_name, delivered, missing, missing_towns (names)
    unusual: pd.DataFrame  # ags, name, year, inflow, inflow_per_1000, median_per_1000


def import_history(db: Path) -> pd.DataFrame:
    with reader(db) as con:
        return fetch(con, "import_history")


def data_quality(db: Path, reference: Reference) -> DataQuality:
    with reader(db) as con:
        months = fetch(con, "registration_months")
        delivered = fetch(con, "towns_per_import")
        history = fetch(con, "import_history")
    gaps = quality.month_gaps(months, reference.region)
    lacking = quality.missing_towns(delivered, history, reference.region)
    lacking["missing_towns"] = lacking["missing_towns"].map(lambda codes: ", ".join(map(reference.name_of, codes)))
    return DataQuality(gaps.assign(name=gaps["ags"].map(reference.name_of)), lacking, unusual_town_years(db, reference))


def _saved(upload: bytes, file_name: str, folder: str) -> Path:
    path = Path(folder) / Path(file_name).name
    path.write_bytes(upload)
    return path


def dry_run(db: Path, upload: bytes, file_name: str, kind: str) -> DryRun:
    """Validate an uploaded file against the warehouse without changing anything."""
    with tempfile.TemporaryDirectory() as folder, reader(db) as con:
        return check_file(con, _saved(upload, file_name, folder), kind, file_name=file_name)


def import_upload(db: Path, upload: bytes, file_name: str, kind: str, who: str) -> ImportResult:
    """Import an uploaded file (one transaction; refused files change nothing and are logged)."""
    with tempfile.TemporaryDirectory() as folder, writer(db) as con:
        migrate(con)
        return import_file(
            con,
            _saved(upload, file_name, folder),
            kind,
            file_name=file_name,
            source_note=f"Upload auf der Daten-Seite ({who})",
        )


def warehouse_label(db: str) -> str:
    """Where the warehouse is, for the people who run the server (a lake's password masked)."""
    return shown(db)
