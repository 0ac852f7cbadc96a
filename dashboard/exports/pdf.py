"""PDF building blocks (reportlab): text in the standard fonts, figures as images, tables."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, Table, TableStyle

from dashboard.exports import images

# The standard PDF fonts speak Windows-1252: characters beyond it are written in a form it has.
_PLAIN = str.maketrans({"−": "-", "→": "->", "≤": "<=", "≥": ">=", "≈": "~", "\u202f": " ", "\u2009": " "})
STYLES = getSampleStyleSheet()
TITLE = ParagraphStyle("title", parent=STYLES["Title"], fontName="Helvetica-Bold", fontSize=20, leading=24,
                       alignment=0, spaceAfter=4)
HEADING = ParagraphStyle("heading", parent=STYLES["Heading2"], fontName="Helvetica-Bold", fontSize=12,
                         leading=15, spaceBefore=8, spaceAfter=3)
BODY = ParagraphStyle("body", parent=STYLES["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555"))
BADGE = ParagraphStyle("badge", parent=BODY, textColor=colors.HexColor("#b45309"), fontName="Helvetica-Bold")


def plain(text: str) -> str:
    return str(text).translate(_PLAIN).encode("cp1252", "replace").decode("cp1252")


def paragraph(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    escaped = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped, style)


def figure_image(figure: go.Figure, width_cm: float, height_cm: float, scale: float = 2.0) -> Image:
    """The figure rendered by kaleido at the size it will have on paper (96 px per inch)."""
    width_px, height_px = int(width_cm / 2.54 * 96), int(height_cm / 2.54 * 96)
    png = images.png(figure, width_px, height_px, scale)
    return Image(io.BytesIO(png), width=width_cm * cm, height=height_cm * cm)


def table(frame: pd.DataFrame, widths_cm: list[float] | None = None, font_size: float = 8.5) -> Table:
    """A table of already formatted text cells, header row bold, numbers right-aligned."""
    header = ParagraphStyle("header", parent=BODY, fontName="Helvetica-Bold", fontSize=font_size - 0.5,
                            leading=font_size + 1, alignment=2)
    rows = [[paragraph(c, header) for c in frame.columns],
            *[[plain(v) for v in row] for row in frame.astype(str).to_numpy()]]
    result = Table(rows, colWidths=[w * cm for w in widths_cm] if widths_cm else None, repeatRows=1)
    result.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", font_size), ("FONT", (0, 1), (-1, -1), "Helvetica", font_size),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#333333")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f5f7")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return result
