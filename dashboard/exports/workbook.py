"""The tables behind the deck as one Excel workbook: a sheet per table, headers in the UI language,
number formats set (Excel shows them with the reader's own separators)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl.utils import get_column_letter

from dashboard.exports.deck import DeckData
from dashboard.exports.tables import neutralised
from dashboard.i18n import t
from dashboard.kpis.overview import UNIT
from dashboard.service import notes
from dashboard.vocabulary import ORIGIN_ORDER

FORMATS = {
    "count": "#,##0",
    "balance": "+#,##0;−#,##0;0",
    "rate": "#,##0.0",
    "share": "0.0%",
    "money": "#,##0.00 €",
    "text": "@",
    "year": "0",
    "date": "DD.MM.YYYY",
}


def sheets(data: DeckData, lang: str) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """Sheet name → (table with labelled columns, the format of each column)."""
    label = lambda key: t(key, lang)
    overview = data.overview.soll_ist
    values = pd.DataFrame(
        {
            label("overview.column_kpi"): [t(f"kpi.{k}", lang) for k in overview["kpi"]],
            label("overview.column_actual"): overview["value"],
            label("overview.column_previous"): overview["previous"],
            label("overview.column_target"): overview["target"],
            label("overview.column_status"): [
                t(f"target_status.{s}" if isinstance(s, str) else "target_status.none", lang)
                for s in overview["status"]
            ],
            label("overview.column_gap"): overview["gap"],
        }
    )
    towns = data.inflow.town_table.sort_values("name")
    groups = data.inflow.target_groups
    origins = data.inflow.origins.sort_values(
        ["origin", "year"], key=lambda s: s.map(ORIGIN_ORDER.index) if s.name == "origin" else s
    )
    reach = data.campaigns.totals.merge(data.campaigns.campaigns[["campaign_id", "name"]], on="campaign_id")
    growth = data.network_growth
    bags = data.bags_by_town
    found = data.overview.highlights
    flows = ["kpi.inflow", "kpi.outflow", "kpi.net"]
    rates = ["kpi.inflow_per_1000", "kpi.outflow_per_1000", "kpi.net_per_1000"]
    return {
        t("overview.title", lang): (values, ["text", "value", "value", "value", "text", "share"]),
        t("column.name", lang): (
            pd.DataFrame(
                {
                    label("column.ags"): towns["ags"],
                    label("column.name"): towns["name"],
                    label("column.district"): towns["district"],
                    **{label(k): towns[k.split(".")[1]] for k in flows + rates},
                    label("column.note"): [
                        notes.town_row_note(row.in_marker, row.out_marker, lang) for row in towns.itertuples()
                    ],
                }
            ),
            ["text"] * 3 + ["count"] * 3 + ["rate"] * 3 + ["text"],
        ),
        t("column.target_group", lang): (
            pd.DataFrame(
                {
                    label("column.target_group"): [t(f"target_group.{g}", lang) for g in groups["target_group"]],
                    label("column.year"): groups["year"],
                    **{label(k): groups[k.split(".")[1]] for k in flows},
                }
            ),
            ["text", "year"] + ["count"] * 3,
        ),
        t("column.origin", lang).replace("/", "-"): (
            pd.DataFrame(
                {
                    label("column.origin"): [t(f"origin.{o}", lang) for o in origins["origin"]],
                    label("column.year"): origins["year"],
                    **{label(k): origins[k.split(".")[1]] for k in flows},
                }
            ),
            ["text", "year"] + ["count"] * 3,
        ),
        t("nav.campaigns", lang): (
            pd.DataFrame(
                {
                    label("column.campaign"): reach["name"],
                    label("campaigns.impressions"): reach["impressions"],
                    label("campaigns.clicks"): reach["clicks"],
                    label("kpi.leads"): reach["leads"],
                    label("column.spend_eur"): reach["spend_eur"],
                    label("campaigns.click_rate"): reach["click_rate"],
                    label("column.cost_per_lead_eur"): reach["cost_per_lead_eur"],
                }
            ),
            ["text", "count", "count", "count", "money", "share", "money"],
        ),
        t("nav.network", lang): (
            pd.DataFrame(
                {
                    label("network.day"): pd.to_datetime(growth["date"]),
                    label("column.network"): [t(f"network.{n}", lang) for n in growth["network"]],
                    label("network.members"): growth["members"],
                    label("network.share_of_towns"): growth["share_of_towns"],
                    label("network.share_of_population"): growth["share_of_population"],
                }
            ),
            ["date", "text", "count", "share", "share"],
        ),
        t("network.bags", lang): (
            pd.DataFrame(
                {
                    label("column.ags"): bags["ags"],
                    label("column.name"): bags["name"],
                    label("network.bags"): bags["handed_out"],
                    label("kpi.inflow"): bags["inflow"],
                    label("network.bag_coverage"): bags["coverage"],
                }
            ),
            ["text", "text", "count", "count", "share"],
        ),
        t("overview.highlights_title", lang): (
            pd.DataFrame(
                {
                    label("column.name"): found["name"],
                    label("column.district"): found["district"],
                    label("overview.column_kpi"): [t(f"kpi.{m}", lang) for m in found["measure"]],
                    label("overview.column_actual"): found["current"],
                    label("overview.column_previous"): found["previous"],
                    label("column.change"): found["change"],
                }
            ),
            ["text"] * 3 + ["rate"] * 3,
        ),
    }


def xlsx_bytes(data: DeckData, lang: str) -> bytes:
    buffer = io.BytesIO()
    kpi_units = [UNIT[k] for k in data.overview.soll_ist["kpi"]]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, (frame, formats) in sheets(data, lang).items():
            frame = neutralised(frame)
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for column, (header, kind) in enumerate(zip(frame.columns, formats, strict=True), start=1):
                letter = get_column_letter(column)
                sheet.column_dimensions[letter].width = max(12, min(40, len(str(header)) + 4))
                for row in range(2, len(frame) + 2):
                    # the Überblick mixes units row by row: counts, euros and shares
                    unit = kpi_units[row - 2] if kind == "value" else kind
                    sheet.cell(row, column).number_format = FORMATS[unit]
            sheet.freeze_panes = "A2"
        about = pd.DataFrame({t("export.notes_sheet", lang): notes_lines(data, lang)})
        about.to_excel(writer, sheet_name=t("export.notes_sheet", lang)[:31], index=False)
        writer.sheets[t("export.notes_sheet", lang)[:31]].column_dimensions["A"].width = 120
    return buffer.getvalue()


def notes_lines(data: DeckData, lang: str) -> list[str]:
    """Where the workbook's figures come from and what they leave out (the last sheet)."""
    lines = [t("export.period", lang, period=notes.years_text(range(data.year_from, data.year_to + 1)))]
    lines += notes.provenance_lines(data.reference, lang)
    lines += notes.figure_notes(data.inflow.summary.basis, data.reference, lang, True, True)
    sources = notes.sources_line(data.reference, lang, basis=data.inflow.summary.basis)
    return lines + ([sources] if sources else [])
