"""The round-table deck: one plan of slides (title, one message, one chart, speaker notes) that the
Präsentation page shows and the PPTX and PDF exports write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import campaigns as campaign_charts
from dashboard.charts import maps, theme, trends
from dashboard.charts import network as network_charts
from dashboard.charts import overview as overview_charts
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import date, money, number, percent, period
from dashboard.kpis.glossary import GLOSSARY
from dashboard.kpis.network import welcome_bag_coverage
from dashboard.kpis.overview import COVERAGE_NETWORK
from dashboard.service import campaigns, inflow, network, notes, overview
from dashboard.service.boundaries import map_layer
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS, Selection
from dashboard.vocabulary import ORIGIN_ORDER, TARGET_GROUPS

SLIDE_KEYS = ("title", "targets", "flows", "groups", "origin", "map", "highlights", "campaigns", "network", "bags")


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    message: str
    figure: go.Figure
    notes: str


@dataclass(frozen=True)
class DeckData:
    """The service data every slide draws on, for one period."""

    year_from: int
    year_to: int
    overview: overview.OverviewData
    inflow: inflow.InflowData
    campaigns: campaigns.CampaignData
    network: network.NetworkData
    layer: Layer
    reference: Reference

    @property
    def is_demo(self) -> bool:
        return self.reference.has_demo

    @property
    def network_growth(self) -> pd.DataFrame:
        """The networks' growth up to the end of the period (the deck and its tables follow it)."""
        growth = self.network.growth
        return growth[growth["date"] <= dt.date(self.year_to, 12, 31)].reset_index(drop=True)

    @property
    def bags_by_town(self) -> pd.DataFrame:
        """Welcome bags per town in the period (ags, name, handed_out, inflow, coverage)."""
        monthly = self.network.bags_by_town_month
        in_period = monthly[pd.to_datetime(monthly["month"]).dt.year.between(self.year_from, self.year_to)]
        table = welcome_bag_coverage(in_period, ["ags"])
        return table.assign(name=table["ags"].map(self.reference.name_of))


def deck_data(db: Path, reference: Reference, year_from: int, year_to: int, layer: Layer | None = None) -> DeckData:
    selection = Selection(year_from, year_to)
    return DeckData(
        year_from,
        year_to,
        overview.overview_data(db, reference, year_from, year_to),
        inflow.inflow_data(db, reference, selection),
        campaigns.campaign_data(db, reference, selection, ()),
        network.network_data(db, reference),
        layer or map_layer(db, reference),
        reference,
    )


def _period(data: DeckData) -> str:
    return period(data.year_from, data.year_to, ALL_MONTHS)


def _notes(data: DeckData, lang: str, *terms: str, today: dt.date | None = None) -> str:
    parts = [GLOSSARY[k].name[lang] + ": " + GLOSSARY[k].definition[lang] for k in terms]
    if data.is_demo:
        parts.insert(0, t("deck.notes_demo", lang))
    parts += notes.figure_notes(data.inflow.summary.basis, data.reference, lang, True, True)
    sources = notes.sources_line(data.reference, lang, basis=data.inflow.summary.basis)
    if sources:
        parts.append(sources)
    parts.append(t("deck.notes_source", lang, date=date(today or dt.date.today(), lang)))
    return "\n\n".join(parts)


def slides(data: DeckData, lang: str, keys: tuple[str, ...] = SLIDE_KEYS) -> list[Slide]:
    """The chosen slides, in plan order, leaving out those without data for the period."""
    builders = {
        "title": _title,
        "targets": _targets,
        "flows": _flows,
        "groups": _groups,
        "origin": _origin,
        "map": _map,
        "highlights": _highlights,
        "campaigns": _campaigns,
        "network": _network,
        "bags": _bags,
    }
    made = []
    for key in SLIDE_KEYS:
        if key in keys:
            built = builders[key](data, lang)
            made += built if isinstance(built, list) else [built]
    return [slide for slide in made if slide is not None]


def _title(data: DeckData, lang: str) -> Slide:
    summary = data.inflow.summary
    figure = maps.print_map(data.inflow.town_table, data.layer, "inflow_per_1000", "", lang)
    return Slide(
        "title",
        t("deck.title", lang),
        t("deck.subtitle", lang, period=_period(data))
        + " – "
        + t(
            "deck.title_message",
            lang,
            period=_period(data),
            inflow=number(summary.inflow, lang),
            net=number(summary.net, lang, sign=True),
        ),
        figure,
        _notes(data, lang, "inflow", "net"),
    )


def _targets(data: DeckData, lang: str) -> Slide | None:
    table = data.overview.soll_ist
    with_goal = table.dropna(subset=["gap"])
    if with_goal.empty:
        return None
    statuses = with_goal["status"].value_counts()
    return Slide(
        "targets",
        t("deck.targets_title", lang),
        t(
            "deck.targets_message",
            lang,
            reached=int(statuses.get("reached", 0)),
            total=len(with_goal),
            close=int(statuses.get("close", 0)),
        ),
        overview_charts.target_attainment(
            table, overview_charts.target_texts(table, lang), t("deck.targets_title", lang), lang
        ),
        _notes(data, lang, "targets"),
    )


def _flows(data: DeckData, lang: str) -> Slide | None:
    yearly = data.inflow.yearly
    if yearly.empty:
        return None
    last = yearly.iloc[-1]
    return Slide(
        "flows",
        t("deck.flows_title", lang),
        t(
            "deck.flows_message",
            lang,
            year=int(last["year"]),
            inflow=number(last["inflow"], lang),
            outflow=number(last["outflow"], lang),
            net=number(last["net"], lang, sign=True),
        ),
        trends.flows_over_time(yearly, "year", t("deck.flows_title", lang), lang),
        _notes(data, lang, "inflow", "outflow", "net"),
    )


def _groups(data: DeckData, lang: str) -> Slide | None:
    groups = data.inflow.target_groups
    if groups.empty:
        return None
    cards = data.overview
    labels = {g: t(f"target_group.{g}", lang) for g in TARGET_GROUPS}
    return Slide(
        "groups",
        t("deck.groups_title", lang),
        t(
            "deck.groups_message",
            lang,
            families=number(cards.card("net_familien").value, lang, sign=True),
            education=number(cards.card("net_bildung").value, lang, sign=True),
            period=_period(data),
        ),
        trends.stacked_by(
            groups, "target_group", labels, theme.SEQUENCE, t("deck.groups_title", lang), lang, measure="net"
        ),
        _notes(data, lang, "target_groups"),
    )


def _origin(data: DeckData, lang: str) -> Slide | None:
    origins = data.inflow.origins
    if origins.empty:
        return None
    totals = origins.groupby("origin")["inflow"].sum().sort_values(ascending=False)
    ordered = origins.sort_values("origin", key=lambda s: s.map(ORIGIN_ORDER.index))
    colours = [theme.ORIGIN_COLOURS[o] for o in ORIGIN_ORDER if o in set(origins["origin"])]
    return Slide(
        "origin",
        t("deck.origin_title", lang),
        t(
            "deck.origin_message",
            lang,
            origin=t(f"origin.{totals.index[0]}", lang),
            inflow=number(totals.iloc[0], lang),
            period=_period(data),
        ),
        trends.stacked_by(
            ordered,
            "origin",
            {o: t(f"origin.{o}", lang) for o in ORIGIN_ORDER},
            colours,
            t("deck.origin_title", lang),
            lang,
        ),
        _notes(data, lang, "origin"),
    )


def _map(data: DeckData, lang: str) -> Slide | None:
    towns = data.inflow.town_table.dropna(subset=["net_per_1000"]).sort_values("net_per_1000")
    if towns.empty:
        return None
    top, bottom = towns.iloc[-1], towns.iloc[0]
    note = data.layer.attribution if data.layer.is_official and data.layer.attribution else t("deck.schematic", lang)
    return Slide(
        "map",
        t("deck.map_title", lang),
        t(
            "deck.map_message",
            lang,
            top=top["name"],
            top_value=number(top["net_per_1000"], lang, 1, sign=True),
            bottom=bottom["name"],
            bottom_value=number(bottom["net_per_1000"], lang, 1, sign=True),
        ),
        maps.print_map(data.inflow.town_table, data.layer, "net_per_1000", t("deck.map_title", lang), lang),
        note + "\n\n" + _notes(data, lang, "net", "per_1000"),
    )


def _highlights(data: DeckData, lang: str) -> list[Slide]:
    """One slide per measure: its largest rises and falls among the towns, sorted by the change."""
    made = []
    for measure, found in data.overview.changes_by_measure.items():
        if found.empty:
            continue
        title = t("deck.highlights_title", lang, measure=t(f"kpi.{measure}", lang))
        top, bottom = found.iloc[0], found.iloc[-1]
        made.append(
            Slide(
                f"highlights-{measure}",
                title,
                t(
                    "deck.highlights_message",
                    lang,
                    top=top["name"],
                    top_change=number(top["change"], lang, 1, sign=True),
                    bottom=bottom["name"],
                    bottom_change=number(bottom["change"], lang, 1, sign=True),
                ),
                overview_charts.change_bars(found, title, lang, with_measure=False),
                _notes(data, lang, "highlights"),
            )
        )
    return made


def _campaigns(data: DeckData, lang: str) -> Slide | None:
    reach = data.campaigns
    if reach.by_month.empty:
        return None
    span = (f"{data.year_from}-01-01", f"{data.year_to}-12-31")
    return Slide(
        "campaigns",
        t("deck.campaigns_title", lang),
        t(
            "deck.campaigns_message",
            lang,
            leads=number(reach.overall["leads"], lang),
            cost=money(reach.overall["cost_per_lead_eur"], lang),
            period=_period(data),
        ),
        campaign_charts.reach_over_time(reach.by_month, reach.campaigns, t("deck.campaigns_title", lang), lang, span),
        _notes(data, lang, "campaign_reach"),
    )


def _network(data: DeckData, lang: str) -> Slide | None:
    growth = data.network_growth
    if growth.empty:
        return None
    rows = growth[growth["network"] == COVERAGE_NETWORK]
    if rows.empty:
        return None
    last = rows.iloc[-1]
    return Slide(
        "network",
        t("deck.network_title", lang, year=data.year_to),
        t(
            "deck.network_message",
            lang,
            year=data.year_to,
            members=int(last["members"]),
            share=percent(last["share_of_towns"], lang),
        ),
        network_charts.growth(
            growth,
            [m for m in data.network.milestones if m[0].year <= data.year_to],
            "members",
            t("deck.network_title", lang, year=data.year_to),
            lang,
        ),
        _notes(data, lang, "network_coverage"),
    )


def _bags(data: DeckData, lang: str) -> Slide | None:
    bags = data.network.bags_by_month
    if bags.empty:
        return None
    in_period = bags[bags["month"].astype(str).str[:4].astype(int).between(data.year_from, data.year_to)]
    if in_period.empty:
        return None
    total = welcome_bag_coverage(in_period, []).iloc[0]
    return Slide(
        "bags",
        t("deck.bags_title", lang),
        t(
            "deck.bags_message",
            lang,
            bags=number(total["handed_out"], lang),
            coverage=percent(total["coverage"], lang),
            period=_period(data),
        ),
        network_charts.bags_per_month(in_period, t("deck.bags_title", lang), lang),
        _notes(data, lang, "welcome_bag_coverage"),
    )
