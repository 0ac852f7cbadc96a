"""The Kommunen-Steckbrief: its figures (shared by the page and the PDF) and the A4 PDF."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer, Table

from dashboard.charts import maps, trends
from dashboard.charts import profile as profile_charts
from dashboard.exports import pdf
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import date, number, percent, period
from dashboard.service import notes
from dashboard.service.profile import Profile
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS
from dashboard.vocabulary import ORIGIN_ORDER, TARGET_GROUPS

COUNTS = ("inflow", "outflow", "net")
RATES = ("inflow_per_1000", "outflow_per_1000", "net_per_1000")


FIGURES = ("comparison", "yearly", "groups", "origins", "locator")


def figure(profile: Profile, layer: Layer, name: str, lang: str) -> go.Figure:
    """One chart of a profile (FIGURES), in the UI language: the page builds those of its open tab."""
    if name == "comparison":
        levels = [
            t(f"profile.level_{lv}", lang) if lv != "town" else profile.name for lv in profile.comparison["level"]
        ]
        return profile_charts.comparison_bars(
            profile.comparison.assign(label=levels), t("profile.comparison_title", lang), lang
        )
    if name == "yearly":
        return trends.flows_over_time(profile.yearly, "year", t("profile.yearly_title", lang), lang)
    if name == "groups":
        groups = {g: t(f"target_group.{g}", lang) for g in TARGET_GROUPS}
        return profile_charts.category_bars(
            profile.target_groups, "target_group", groups, t("profile.groups_title", lang), lang
        )
    if name == "origins":
        known = set(profile.origins["origin"])
        origins = profile.origins.set_index("origin").reindex([o for o in ORIGIN_ORDER if o in known])
        return profile_charts.category_bars(
            origins.reset_index(),
            "origin",
            {o: t(f"origin.{o}", lang) for o in ORIGIN_ORDER},
            t("profile.origin_title", lang),
            lang,
            ("inflow", "outflow"),
        )
    if name == "locator":
        return maps.print_map(None, layer, None, "", lang, highlight=(profile.ags,), height=300)
    raise KeyError(name)


def figures(profile: Profile, layer: Layer, lang: str) -> dict[str, go.Figure]:
    """Every chart of a profile, in the UI language (the PDF)."""
    return {name: figure(profile, layer, name, lang) for name in FIGURES}


def comparison_table(profile: Profile, lang: str) -> pd.DataFrame:
    """Town, district and region side by side, formatted in the UI language."""
    rows = {}
    for row in profile.comparison.itertuples():
        label = (
            profile.name
            if row.level == "town"
            else t(f"profile.level_{row.level}", lang) + (f" ({profile.district})" if row.level == "district" else "")
        )
        rows[label] = [number(getattr(row, c), lang, sign=c == "net") for c in COUNTS] + [
            number(getattr(row, c), lang, 1, sign=c == "net_per_1000") for c in RATES
        ]
    frame = pd.DataFrame(rows, index=[t(f"kpi.{c}", lang) for c in (*COUNTS, *RATES)]).T
    return frame.reset_index(names="")


def facts(profile: Profile, lang: str) -> str:
    return t(
        "profile.facts",
        lang,
        kind=t(f"municipality_kind.{profile.kind}", lang),
        district=profile.district,
        ags=profile.ags,
        area=number(profile.area_km2, lang, 1),
        population=number(profile.population, lang),
        population_source=notes.population_source(profile.population_date, profile.population_kind, lang),
    )


def rank_line(profile: Profile, lang: str) -> str | None:
    """The town's rank by saldo per 1,000, marked when an unusual year lies in the period."""
    if not profile.rank_net_per_1000:
        return None
    text = t("profile.rank", lang, rank=profile.rank_net_per_1000)
    if profile.unusual_years:
        text += " " + t("profile.rank_unusual", lang, years=notes.years_text(profile.unusual_years))
    return text


def breakdown_notes(profile: Profile, lang: str) -> list[str]:
    """The years left out of the target groups and origins (a marker, or a table without bands)."""
    years = sorted(
        {
            y
            for table in (profile.target_groups, profile.origins)
            if "missing_years" in table
            for value in table["missing_years"]
            for y in value
        }
    )
    if not years:
        return []
    return [
        t(
            "profile.missing_years",
            lang,
            years=notes.years_text(years),
            reason=", ".join(notes.reason(m, lang) for m in profile.missing_reasons),
        )
    ]


def network_lines(profile: Profile, lang: str) -> list[str]:
    lines = []
    for row in profile.memberships.itertuples():
        name = t(f"network.{row.network}", lang)
        joined = date(pd.Timestamp(row.joined_on).date(), lang)
        lines.append(
            t("profile.member_since", lang, network=name, date=joined)
            if pd.isna(row.left_on)
            else t(
                "profile.member_between",
                lang,
                network=name,
                joined=joined,
                left=date(pd.Timestamp(row.left_on).date(), lang),
            )
        )
    if not lines:
        lines.append(t("profile.no_networks", lang))
    attended, held = profile.round_tables
    if held:
        lines.append(t("profile.round_tables", lang, attended=attended, held=held))
    bags = profile.welcome_bags
    lines.append(
        t("profile.bags", lang, handed_out=number(bags["handed_out"], lang), coverage=percent(bags["coverage"], lang))
        if not bags.empty
        else t("profile.no_bags", lang)
    )
    return lines


def campaign_table(profile: Profile, lang: str) -> pd.DataFrame:
    table = profile.campaigns
    return pd.DataFrame(
        {
            t("column.campaign", lang): table["name"],
            t("kpi.impressions", lang): [number(v, lang) for v in table["impressions"]],
            t("kpi.impressions_per_1000", lang): [number(v, lang, 1) for v in table["impressions_per_1000"]],
            t("kpi.leads", lang): [number(v, lang) for v in table["leads"]],
        }
    )


def profile_pdf(profile: Profile, layer: Layer, lang: str, reference: Reference, today: dt.date | None = None) -> bytes:
    """The profile on one or two A4 pages, with the charts as images and the notes the page shows."""
    today = today or dt.date.today()
    charts = figures(profile, layer, lang)
    is_demo = bool(profile.population_basis.demo_years) or profile.population_kind == "demo"
    note = notes.export_footer(reference, lang)
    story = [
        pdf.paragraph(t("profile.pdf_title", lang, name=profile.name), pdf.TITLE),
        pdf.paragraph(facts(profile, lang)),
    ]
    if is_demo:
        story.append(pdf.paragraph(t("profile.data_demo", lang), pdf.BADGE))
    story += [pdf.paragraph(line, pdf.SMALL) for line in notes.figure_notes(profile.population_basis, reference, lang)]
    story += [
        pdf.paragraph(
            t("profile.period_note", lang, period=period(profile.year_from, profile.year_to, ALL_MONTHS, lang)),
            pdf.SMALL,
        ),
        Spacer(1, 0.2 * cm),
        pdf.table(comparison_table(profile, lang), [3.6] + [2.4] * 6, 8),
        pdf.paragraph(t("profile.comparison_note", lang), pdf.SMALL),
    ]
    if rank_line(profile, lang):
        story.append(pdf.paragraph(rank_line(profile, lang)))
    locator = [
        pdf.figure_image(charts["locator"], 6.0, 4.6),
        pdf.paragraph(
            t("profile.locator", lang)
            + ". "
            + (layer.attribution if layer.is_official and layer.attribution else t("profile.schematic", lang)),
            pdf.SMALL,
        ),
    ]
    story.append(
        Table(
            [[pdf.figure_image(charts["comparison"], 11.5, 5.6), locator]],
            colWidths=[11.8 * cm, 6.2 * cm],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
        )
    )
    story.append(pdf.figure_image(charts["yearly"], 18, 5.8))
    story.append(
        Table(
            [[pdf.figure_image(charts["groups"], 8.8, 5.6), pdf.figure_image(charts["origins"], 8.8, 5.6)]],
            colWidths=[9 * cm, 9 * cm],
        )
    )
    story += [pdf.paragraph(line, pdf.SMALL) for line in breakdown_notes(profile, lang)]
    campaigns = [pdf.paragraph(t("profile.campaigns_title", lang), pdf.HEADING)]
    campaigns.append(
        pdf.table(campaign_table(profile, lang), [7.5, 3.5, 4, 3])
        if not profile.campaigns.empty
        else pdf.paragraph(t("profile.no_campaigns", lang))
    )
    story.append(KeepTogether(campaigns))
    story.append(
        KeepTogether(
            [
                pdf.paragraph(t("profile.networks_title", lang), pdf.HEADING),
                *[pdf.paragraph("• " + line) for line in network_lines(profile, lang)],
            ]
        )
    )
    sources = notes.sources_line(reference, lang, basis=profile.population_basis)
    if sources:
        story.append(pdf.paragraph(sources, pdf.SMALL))
    footer = t("profile.pdf_footer", lang, date=date(today, lang), data_note=note)

    return pdf.a4_document(story, t("profile.pdf_title", lang, name=profile.name), footer)
