"""Towns like mine for the pages: a town's peers with the reason in words and its rank among them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.i18n import t
from dashboard.kpis.peers import rank_among
from dashboard.queries import fetch
from dashboard.warehouse.connection import reader

# the measures a town is ranked on among its peers (columns of the Zuzug town table)
RANK_MEASURES = ("net_per_1000", "inflow_per_1000")


@dataclass(frozen=True)
class Peers:
    ags: str
    table: pd.DataFrame  # rank, peer_ags, distance, similar_in (list), same_district, same_kind, kind
    inputs: pd.DataFrame  # ags, feature, value, score for the town and its peers
    years: str | None  # the years the migration profile rests on

    @property
    def towns(self) -> list[str]:
        return self.table["peer_ags"].tolist()

    def reason(self, rank: int, lang: str) -> str:
        """Why a peer is like the town: its closest inputs in words ("ähnlich groß, ähnlicher Familienzuzug")."""
        row = self.table[self.table["rank"] == rank].iloc[0]
        words = [t(f"peer_reason.{feature}", lang) for feature in row["similar_in"][:2]]
        if row["same_kind"] and row["kind"] in ("Stadt", "Gemeinde"):
            words.append(t(f"peer_reason.kind_{row['kind'].lower()}", lang))
        if row["same_district"]:
            words.append(t("peer_reason.same_district", lang))
        return ", ".join(words)

    def ranked(self, town_table: pd.DataFrame, measure: str) -> tuple[int, int] | None:
        return rank_among(town_table, self.ags, self.towns, measure)

    def group(self, town_table: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
        """The town and its peers with the measures of the period, highest saldo per 1,000 first:
        name, why (the reason, or that it is the town itself), the rank measures, is_town."""
        members = [self.ags, *self.towns]
        rows = town_table[town_table["ags"].isin(members)][["ags", *RANK_MEASURES]]
        why = {
            rank_peer: self.reason(rank, lang) for rank, rank_peer in zip(self.table["rank"], self.towns, strict=True)
        }
        rows = rows.assign(
            name=rows["ags"].map(names),
            why=rows["ags"].map(lambda a: t("peers.this_town", lang) if a == self.ags else why.get(a, "")),
            is_town=rows["ags"] == self.ags,
        )
        return rows.sort_values("net_per_1000", ascending=False, na_position="last").reset_index(drop=True)


def peers_of(db: Path, ags: str) -> Peers:
    with reader(db) as con:
        table = fetch(con, "peers_of", town=ags)
        inputs = fetch(con, "peer_inputs", ags=[ags, *table["peer_ags"].tolist()])
    table["similar_in"] = table["similar_in"].map(list)
    years = table["years"].iloc[0] if not table.empty else None
    return Peers(ags, table.drop(columns=["years", "neighbours"]), inputs, years)
