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
def largest_changes(
    current: pd.DataFrame, previous: pd.DataFrame, count: int = 5, measures: tuple[str, ...] = HIGHLIGHT_MEASURES
) -> pd.DataFrame:
    """The `count` largest changes (one per town) between two periods of one row per town
    (ags and the measures): ags, measure, current, previous, change, score."""
    columns = ["ags", "measure", "current", "previous", "change", "score"]
    joined = current.set_index("ags")[list(measures)].join(
        previous.set_index("ags")[list(measures)], rsuffix="_before", how="inner"
    )
    parts = []
    for measure in measures:
        change = joined[measure] - joined[f"{measure}_before"]
        spread = (change - change.median()).abs().median() * MAD_TO_SD
        if not np.isfinite(spread) or spread == 0:
            spread = change.abs().max() or 1.0
        parts.append(
            pd.DataFrame(
                {
                    "ags": joined.index,
                    "measure": measure,
                    "current": joined[measure].to_numpy(),
                    "previous": joined[f"{measure}_before"].to_numpy(),
                    "change": change.to_numpy(),
                    "score": (change / spread).to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True).dropna(subset=["change"])
    table = table.reindex(table["score"].abs().sort_values(ascending=False).index)
    return table.drop_duplicates("ags").head(count).reset_index(drop=True)[columns]


# Whether a rise of the measure is good news for the region (a gain) or bad news (a decline).
RISE_IS_GAIN = {"net_per_1000": True, "inflow_per_1000": True, "outflow_per_1000": False}


@defines("highlights")
def gains_and_declines(
    current: pd.DataFrame, previous: pd.DataFrame, count: int = 3, measures: tuple[str, ...] = HIGHLIGHT_MEASURES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The largest changes that are good news (a higher saldo or in-migration, a lower
    out-migration) and those that are bad news, `count` each, one per town, strongest first."""
    found = largest_changes(current, previous, len(current), measures)
    good = np.where(found["measure"].map(RISE_IS_GAIN).astype(bool), found["change"] > 0, found["change"] < 0)
    return (found[good].head(count).reset_index(drop=True), found[~good].head(count).reset_index(drop=True))


@defines("highlights")
def changes_of(current: pd.DataFrame, previous: pd.DataFrame, measure: str, count: int = 5) -> pd.DataFrame:
    """One measure's largest rises and falls among the towns, sorted by the change (largest rise
    first): at most `count` of each, so a slide shows one measure in one order."""
    found = largest_changes(current, previous, len(current), (measure,))
    rises = found[found["change"] > 0].nlargest(count, "change")
    falls = found[found["change"] < 0].nsmallest(count, "change")
    return pd.concat([rises, falls.iloc[::-1]]).sort_values("change", ascending=False).reset_index(drop=True)
