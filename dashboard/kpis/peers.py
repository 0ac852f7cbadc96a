"""Towns like mine, read: where a town ranks among its peers on a measure. (The peers themselves
are a rule kept in the warehouse beside its inputs: dashboard/warehouse/peers.py.)"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from dashboard.kpis.glossary import defines


@defines("peer_group")
def rank_among(table: pd.DataFrame, ags: str, peers: Collection[str], measure: str) -> tuple[int, int] | None:
    """(rank, of how many) of the town among itself and its peers on `measure`, highest first
    (ties share the better rank); None where the town's value is unknown."""
    group = table[table["ags"].isin([ags, *peers])].dropna(subset=[measure])
    if ags not in set(group["ags"]):
        return None
    ranks = group[measure].rank(ascending=False, method="min")
    return int(ranks[group["ags"] == ags].iloc[0]), len(group)
