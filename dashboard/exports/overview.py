"""The leadership overview as an A4 PDF (the monthly report by mail and `export overview`): the
Überblick's story, its KPIs against their targets with the notes the cards carry, the region on
the map and the notable gains and declines, for one period."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table

from dashboard.charts import maps
from dashboard.charts import overview as overview_charts
from dashboard.exports import pdf
from dashboard.geo.boundaries import Layer
from dashboard.i18n import t
from dashboard.i18n.format import date, kpi_value, number, period
from dashboard.kpis.overview import UNIT
from dashboard.service import notes
from dashboard.service.overview import KPI_DATA_SETS, OverviewData
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS


def kpi_table(data: OverviewData, reference: Reference, lang: str) -> pd.DataFrame:
    """One row per KPI: actual, previous period, change, target and traffic light, with its notes."""
    rows = []
    for card in data.cards:
        unit = UNIT[card.kpi]
        rows.append(
            {
                t("overview.column_kpi", lang): t(f"kpi.{card.kpi}", lang),
                t("overview.column_actual", lang): kpi_value(card.value, unit, lang),
                t("overview.column_previous", lang): kpi_value(card.previous, unit, lang),
                t("column.change", lang): kpi_value(card.change, unit, lang, sign=True),
                t("overview.column_target", lang): kpi_value(card.target, unit, lang),
                t("overview.column_status", lang): t(f"target_status.{card.status or 'none'}", lang),
            }
        )
    return pd.DataFrame(rows)


def _changes(rows: pd.DataFrame, lang: str) -> list[str]:
    return [
        t(
            "overview.highlight_line",
            lang,
            name=row.name,
            district=row.district,
            measure=t(f"kpi.{row.measure}", lang),
            change=number(row.change, lang, 1, sign=True),
            previous=number(row.previous, lang, 1),
            current=number(row.current, lang, 1),
        ).replace("**", "")
        for row in rows.itertuples()
    ]


def overview_pdf(
    data: OverviewData, layer: Layer, reference: Reference, lang: str, today: dt.date | None = None
) -> bytes:
    today = today or dt.date.today()
    span = period(data.year_from, data.year_to, ALL_MONTHS, lang)
    story = [pdf.paragraph(t("report.title", lang, period=span), pdf.TITLE)]
    if reference.has_demo:
        story.append(pdf.paragraph(t("profile.data_demo", lang), pdf.BADGE))
    story += [
        pdf.paragraph(" ".join(notes.overview_story(data, lang))),
        Spacer(1, 0.2 * cm),
        pdf.table(kpi_table(data, reference, lang), [4.4, 2.4, 2.6, 3.0, 2.4, 3.2], 8.5),
    ]
    # the demo line above says it for every figure when all are demo; otherwise each card says so
    lines_of = lambda card: [
        line
        for line in notes.card_notes(card, reference, lang, KPI_DATA_SETS[card.kpi])
        if not (reference.is_all_demo and line.startswith(":material/science:"))
    ]
    card_notes = [
        f"{t(f'kpi.{card.kpi}', lang)}: {' '.join(lines)}" for card in data.cards if (lines := lines_of(card))
    ]
    story += [pdf.paragraph(line.replace(":material/science: ", ""), pdf.SMALL) for line in card_notes]
    figure = maps.print_map(
        data.town_table, layer, "net_per_1000", t("kpi.net_per_1000", lang) + " · " + span, lang, height=430
    )
    changes = [
        pdf.paragraph(t("overview.gains", lang), pdf.HEADING),
        *[pdf.paragraph("• " + line, pdf.SMALL) for line in _changes(data.gains, lang)],
        pdf.paragraph(t("overview.declines", lang), pdf.HEADING),
        *[pdf.paragraph("• " + line, pdf.SMALL) for line in _changes(data.declines, lang)],
    ]
    if not data.has_previous:
        changes = [pdf.paragraph(t("overview.no_highlights", lang), pdf.SMALL)]
    story.append(
        Table(
            [[pdf.figure_image(figure, 10.5, 7.0), changes]],
            colWidths=[10.8 * cm, 7.2 * cm],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
        )
    )
    story.append(
        pdf.paragraph(
            layer.attribution if layer.is_official and layer.attribution else t("profile.schematic", lang), pdf.SMALL
        )
    )
    if data.soll_ist["gap"].notna().any():
        goals = overview_charts.target_attainment(
            data.soll_ist, overview_charts.target_texts(data.soll_ist, lang), t("deck.targets_title", lang), lang
        )
        goals.layout.font.size = 11
        story.append(pdf.figure_image(goals, 18.0, 10.0))
    sources = notes.sources_line(reference, lang, basis=data.basis)
    if sources:
        story.append(pdf.paragraph(sources, pdf.SMALL))
    footer = t("profile.pdf_footer", lang, date=date(today, lang), data_note=notes.export_footer(reference, lang))

    return pdf.a4_document(story, t("report.title", lang, period=span), footer)
