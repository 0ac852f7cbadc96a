"""Auffälligkeiten: the largest changes among towns and KPIs, found by rule, not by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines

HIGHLIGHT_MEASURES = ("net_per_1000", "inflow_per_1000", "outflow_per_1000")
# Changes are compared in units of their typical spread across towns (median absolute deviation
# scaled to a standard deviation), so rates of different size rank fairly against each other.
MAD_TO_SD = 1.4826


@defines("highlights")
def largest_changes(current: pd.DataFrame, previous: pd.DataFrame, count: int = 5,
                    measures: tuple[str, ...] = HIGHLIGHT_MEASURES) -> pd.DataFrame:
    """The `count` largest changes (one per town) between two periods of one row per town
    (ags and the measures): ags, measure, current, previous, change, score."""
    columns = ["ags", "measure", "current", "previous", "change", "score"]
    joined = current.set_index("ags")[list(measures)].join(
        previous.set_index("ags")[list(measures)], rsuffix="_before", how="inner")
    parts = []
    for measure in measures:
        change = joined[measure] - joined[f"{measure}_before"]
        spread = (change - change.median()).abs().median() * MAD_TO_SD
        if not np.isfinite(spread) or spread == 0:
            spread = change.abs().max() or 1.0
        parts.append(pd.DataFrame({"ags": joined.index, "measure": measure, "current": joined[measure].to_numpy(),
                                   "previous": joined[f"{measure}_before"].to_numpy(),
                                   "change": change.to_numpy(), "score": (change / spread).to_numpy()}))
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True).dropna(subset=["change"])
    table = table.reindex(table["score"].abs().sort_values(ascending=False).index)
    return table.drop_duplicates("ags").head(count).reset_index(drop=True)[columns]
