"""Cached data at the UI edge, keyed on the warehouse's data version so an import refreshes all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from dashboard.config import settings
from dashboard.geo.boundaries import Layer
from dashboard.service import boundaries, campaigns, data_care, flows, inflow, network, overview
from dashboard.service import peers as town_peers
from dashboard.service import profile as town_profile
from dashboard.service.migration import every_year_span
from dashboard.service.reference import Reference, load_reference
from dashboard.service.selection import Selection, towns_in
from dashboard.warehouse.connection import data_version

if TYPE_CHECKING:
    from dashboard.exports import deck


def warehouse_path() -> Path:
    return settings().warehouse_path


def version() -> str:
    return data_version(warehouse_path())


# Page data are immutable (frozen dataclasses, never changed by pages): cache_resource hands out
# the same object instead of unpickling a copy on every rerun.
@st.cache_resource(max_entries=4, show_spinner=False)
def reference(db: str, data_version: str) -> Reference:
    return load_reference(Path(db))


@st.cache_resource(max_entries=4, show_spinner=False)
def layer(db: str, data_version: str) -> Layer:
    return boundaries.map_layer(Path(db), reference(db, data_version))


@st.cache_resource(max_entries=4, show_spinner=False)
def unusual_years(db: str, data_version: str) -> pd.DataFrame:
    return inflow.unusual_town_years(Path(db), reference(db, data_version))


@st.cache_resource(max_entries=64, show_spinner=False)
def inflow_data(db: str, data_version: str, selection: Selection, comparison: tuple[str, ...]) -> inflow.InflowData:
    known = reference(db, data_version)
    towns = tuple(towns_in(selection, known.town_districts))
    every_year = inflow.EveryYear(
        every_year_span(known),
        inflow_base(db, data_version, selection.months, tuple(selection.age_groups)),
        inflow_monthly(db, data_version, towns, selection.months),
    )
    return inflow.inflow_data(Path(db), known, selection, comparison, unusual_years(db, data_version), every_year)


# A move of the year slider cuts the periods from these (a district or a target group changes one)
@st.cache_resource(max_entries=8, show_spinner=False)
def inflow_base(db: str, data_version: str, months: tuple[int, ...], age_groups: tuple[str, ...]) -> pd.DataFrame:
    return inflow.every_year_base(Path(db), reference(db, data_version), months, age_groups)


@st.cache_resource(max_entries=16, show_spinner=False)
def inflow_monthly(db: str, data_version: str, towns: tuple[str, ...], months: tuple[int, ...]) -> pd.DataFrame:
    return inflow.every_year_monthly(Path(db), reference(db, data_version), towns, months)


@st.cache_resource(max_entries=32, show_spinner=False)
def flows_data(db: str, data_version: str, selection: Selection, ags: str) -> flows.FlowsData:
    return flows.flows_data(Path(db), reference(db, data_version), selection, ags)


@st.cache_resource(max_entries=64, show_spinner=False)
def peers(db: str, data_version: str, ags: str) -> town_peers.Peers:
    return town_peers.peers_of(Path(db), ags)


@st.cache_data(max_entries=4, show_spinner=False)
def campaign_list(db: str, data_version: str) -> pd.DataFrame:
    return campaigns.campaign_list(Path(db))


@st.cache_resource(max_entries=32, show_spinner=False)
def campaign_data(
    db: str, data_version: str, selection: Selection, campaign_ids: tuple[str, ...]
) -> campaigns.CampaignData:
    return campaigns.campaign_data(Path(db), reference(db, data_version), selection, campaign_ids)


@st.cache_resource(max_entries=16, show_spinner=False)
def campaign_outcome(db: str, data_version: str, campaign_id: str):
    return campaigns.campaign_outcome(Path(db), reference(db, data_version), campaign_id)


@st.cache_resource(max_entries=4, show_spinner=False)
def network_data(db: str, data_version: str) -> network.NetworkData:
    return network.network_data(Path(db), reference(db, data_version))


@st.cache_resource(max_entries=64, show_spinner=False)
def network_on(db: str, data_version: str, day) -> network.NetworkDay:
    return network.network_on(network_data(db, data_version), reference(db, data_version), day)


@st.cache_resource(max_entries=4, show_spinner=False)
def overview_base(db: str, data_version: str) -> overview.OverviewBase:
    return overview.overview_base(Path(db), reference(db, data_version))


@st.cache_resource(max_entries=64, show_spinner=False)
def overview_data(db: str, data_version: str, year_from: int, year_to: int) -> overview.OverviewData:
    return overview.overview_data(
        Path(db), reference(db, data_version), year_from, year_to, overview_base(db, data_version)
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def profile(db: str, data_version: str, ags: str, year_from: int, year_to: int) -> town_profile.Profile:
    return town_profile.profile(
        Path(db), reference(db, data_version), ags, year_from, year_to, unusual_years(db, data_version)
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def deck_data(db: str, data_version: str, year_from: int, year_to: int) -> deck.DeckData:
    from dashboard.exports import deck  # the slides' only: imported on a first visit, it cost every page

    return deck.deck_data(Path(db), reference(db, data_version), year_from, year_to, layer(db, data_version))


@st.cache_resource(max_entries=8, show_spinner=False)
def slides(
    db: str, data_version: str, year_from: int, year_to: int, lang: str, keys: tuple[str, ...]
) -> list[deck.Slide]:
    from dashboard.exports import deck

    return deck.slides(deck_data(db, data_version, year_from, year_to), lang, keys)


@st.cache_data(max_entries=4, show_spinner=False)
def import_history(db: str, data_version: str) -> pd.DataFrame:
    return data_care.import_history(Path(db))


@st.cache_resource(max_entries=4, show_spinner=False)
def data_quality(db: str, data_version: str) -> data_care.DataQuality:
    return data_care.data_quality(Path(db), reference(db, data_version))
