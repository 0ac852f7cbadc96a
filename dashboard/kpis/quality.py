"""Data quality: gaps in a town's monthly series, towns missing from a delivery."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd


def month_gaps(months: pd.DataFrame, towns: Collection[str]) -> pd.DataFrame:
    """Per town, the months without any register row between the first and the last month any
    town has (ags, missing, first_missing, last_missing); towns without a gap are left out."""
    columns = ["ags", "missing", "first_missing", "last_missing"]
    if months.empty:
        return pd.DataFrame(columns=columns)
    every = pd.date_range(pd.Timestamp(months["month"].min()), pd.Timestamp(months["month"].max()), freq="MS")
    have = set(zip(months["ags"], pd.to_datetime(months["month"]), strict=True))
    rows = []
    for ags in towns:
        missing = [m for m in every if (ags, m) not in have]
        if missing:
            rows.append((ags, len(missing), missing[0].date(), missing[-1].date()))
    return pd.DataFrame(rows, columns=columns).sort_values("missing", ascending=False, ignore_index=True)


def missing_towns(delivered: pd.DataFrame, imports: pd.DataFrame, towns: Collection[str]) -> pd.DataFrame:
    """Per migration import still in the warehouse: how many and which of the towns it lacks
    (import_id, file_name, delivered, missing, missing_towns)."""
    columns = ["import_id", "file_name", "delivered", "missing", "missing_towns"]
    if delivered.empty:
        return pd.DataFrame(columns=columns)
    everyone = set(towns)
    rows = []
    for import_id, group in delivered.groupby("import_id"):
        lacking = sorted(everyone - set(group["ags"]))
        name = imports.loc[imports["import_id"] == import_id, "file_name"]
        rows.append(
            (import_id, name.iloc[0] if not name.empty else "", len(everyone) - len(lacking), len(lacking), lacking)
        )
    return pd.DataFrame(rows, columns=columns).sort_values("import_id", ascending=False, ignore_index=True)
