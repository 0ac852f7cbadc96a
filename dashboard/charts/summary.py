"""A chart's text alternative (WCAG 1.1.1): the data behind any figure of this package as a table,
and one sentence that says what it shows, both built from the figure itself so they never drift
from the picture."""

from __future__ import annotations

import datetime as dt
import numbers
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t
from dashboard.i18n.format import date, month, prose_number

_TAGS = re.compile(r"<[^>]+>")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _plain(text: object) -> str:
    """A title or name without plotly's markup (line breaks, spans)."""
    return " ".join(_TAGS.sub(" ", str(text or "")).split())


def _values(values) -> list:
    return [] if values is None else list(values)


def _series(trace: dict) -> tuple[list, list] | None:
    """(categories, values) of a bar or line trace, None for decoration (legend squares, outlines)
    and for a map's shapes."""
    if trace.get("type") not in ("bar", "scatter") or trace.get("hoverinfo") == "skip" or trace.get("fill") == "toself":
        return None
    x, y = _values(trace.get("x")), _values(trace.get("y"))
    if trace.get("orientation") == "h":
        x, y = y, x
    custom = _values(trace.get("customdata"))
    if len(custom) == len(y) and all(isinstance(v, int | float) for v in custom):
        y = custom  # what the hover shows (outflow drawn below zero is still a positive count)
    if not x or not y or all(v is None for v in x):
        return None
    return x, y


def figure_table(figure: go.Figure, lang: str) -> pd.DataFrame:
    """The figure's data: a map as one row per town (AGS, name, value), bars and lines as one row
    per category with a column per series."""
    spec = figure.to_plotly_json()
    for trace in spec.get("data", []):
        if isinstance(trace.get("meta"), dict) and "map_values" in trace["meta"]:  # charts.maps.values_trace
            custom = _values(trace.get("customdata"))
            frame = pd.DataFrame({t("column.ags", lang): [row[0] for row in custom]})
            if custom and len(custom[0]) > 1 and isinstance(custom[0][1], str):
                frame[t("column.name", lang)] = [row[1] for row in custom]
            values = _values(trace.get("marker", {}).get("color"))
            frame[_plain(spec["layout"].get("title", {}).get("text")) or t("chart.value", lang)] = values
            return frame
    horizontal = any(trace.get("orientation") == "h" for trace in spec.get("data", []))
    axis_title = spec.get("layout", {}).get("yaxis" if horizontal else "xaxis", {}).get("title", {})
    category = _plain(axis_title.get("text") if isinstance(axis_title, dict) else None) or t("chart.category", lang)
    table: pd.DataFrame | None = None
    for index, trace in enumerate(spec.get("data", [])):
        series = _series(trace)
        if series is None:
            continue
        name = _plain(trace.get("name")) or f"{t('chart.series', lang)} {index + 1}"
        part = pd.DataFrame({category: series[0], name: series[1]}).drop_duplicates(category)
        table = part if table is None else table.merge(part, on=category, how="outer", suffixes=("", f" {index}"))
    if table is None:
        return pd.DataFrame()
    if category == t("chart.category", lang):
        values = list(table[category])
        if all(isinstance(v, numbers.Integral) and 1900 <= v <= 2100 for v in values):
            table = table.rename(columns={category: t("column.year", lang)})
        elif all(isinstance(v, str) and _ISO_DAY.match(v) for v in values):
            days = [dt.date.fromisoformat(v[:10]) for v in values]
            monthly = all(d.day == 1 for d in days)
            table = table.assign(**{category: [month(d, lang) if monthly else date(d, lang) for d in days]})
            table = table.rename(columns={category: t("column.month" if monthly else "column.date", lang)})
    return table


def _written(value: object, lang: str) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return prose_number(value, lang)
    return _plain(value)


def figure_sentence(figure: go.Figure, lang: str) -> str:
    """One sentence on what the figure shows: a map's range over the towns, or the series of a
    chart with their span and the largest value."""
    title = _plain(figure.layout.title.text) or t("chart.figure", lang)
    table = figure_table(figure, lang)
    ags, name = t("column.ags", lang), t("column.name", lang)
    if table.empty:
        return t("chart.sentence_empty", lang, title=title)
    if ags in table.columns:  # a map: one value per town
        values = pd.to_numeric(table.iloc[:, -1], errors="coerce")
        if values.notna().sum() == 0:
            return t("chart.sentence_empty", lang, title=title)
        label = table[name] if name in table.columns else table[ags]
        return t(
            "chart.sentence_map",
            lang,
            title=title,
            count=int(values.notna().sum()),
            low=_written(values.min(), lang),
            low_name=label[values.idxmin()],
            top=_written(values.max(), lang),
            top_name=label[values.idxmax()],
        )
    category = table.columns[0]
    numeric = table.drop(columns=category).apply(pd.to_numeric, errors="coerce")
    stacked = numeric.stack()
    if stacked.empty:
        return t("chart.sentence_empty", lang, title=title)
    row, column = stacked.idxmax()
    return t(
        "chart.sentence",
        lang,
        title=title,
        series=", ".join(map(str, numeric.columns)),
        count=len(table),
        first=_written(table[category].iloc[0], lang),
        last=_written(table[category].iloc[-1], lang),
        top=_written(stacked.max(), lang),
        where=f"{column}, {_written(table.at[row, category], lang)}",
    )
