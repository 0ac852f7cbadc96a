"""PDF building blocks (reportlab): text in an embedded font, figures as images, tables."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import reportlab
from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table, TableStyle

from dashboard.exports import images

# Bitstream Vera ships with reportlab and is embedded in every PDF: unlike the standard PDF fonts
# (Windows-1252 only) it has the true minus sign U+2212 that every figure carries.
_VERA = Path(reportlab.__file__).parent / "fonts"
FONT, BOLD = "Vera", "VeraBd"
for _name, _file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf"), ("VeraBI", "VeraBI.ttf")):
    pdfmetrics.registerFont(TTFont(_name, str(_VERA / _file)))
for _bold, _italic, _name in ((0, 0, FONT), (1, 0, BOLD), (0, 1, "VeraIt"), (1, 1, "VeraBI")):
    addMapping(FONT, _bold, _italic, _name)
_GLYPHS = frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)
_PLAIN = str.maketrans({"→": "->", "\u202f": " ", "\u2009": " ", "\u00a0": " "})
STYLES = getSampleStyleSheet()
TITLE = ParagraphStyle(
    "title", parent=STYLES["Title"], fontName=BOLD, fontSize=20, leading=24, alignment=0, spaceAfter=4
)
HEADING = ParagraphStyle(
    "heading", parent=STYLES["Heading2"], fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3
)
BODY = ParagraphStyle("body", parent=STYLES["BodyText"], fontName=FONT, fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555"))
BADGE = ParagraphStyle("badge", parent=BODY, textColor=colors.HexColor("#b45309"), fontName=BOLD)


def plain(text: str) -> str:
    """The text as the font can write it (a character it lacks becomes '?', never a blank box)."""
    return "".join(c if ord(c) in _GLYPHS or c in "\n\t" else "?" for c in str(text).translate(_PLAIN))


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
    header = ParagraphStyle(
        "header", parent=BODY, fontName=BOLD, fontSize=font_size - 0.5, leading=font_size + 1, alignment=2
    )
    rows = [
        [paragraph(c, header) for c in frame.columns],
        *[[plain(v) for v in row] for row in frame.astype(str).to_numpy()],
    ]
    result = Table(rows, colWidths=[w * cm for w in widths_cm] if widths_cm else None, repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD, font_size),
                ("FONT", (0, 1), (-1, -1), FONT, font_size),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#333333")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f5f7")]),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def a4_document(story: list, title: str, footer: str) -> bytes:
    """An A4 PDF of `story` with the `footer` line and the page number on every page."""

    def on_page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(1.5 * cm, 1.0 * cm, plain(footer))
        canvas.drawRightString(A4[0] - 1.5 * cm, 1.0 * cm, str(document.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.3 * cm,
        bottomMargin=1.6 * cm,
        title=plain(title),
        author="Willkommensmonitor Südwestfalen",
    )
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
