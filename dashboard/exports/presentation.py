"""The deck written as PPTX (editable titles, charts as pictures, speaker notes) and as PDF
(one landscape page per slide)."""

from __future__ import annotations

import copy
import io

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from dashboard.exports import images, pdf
from dashboard.exports.deck import Slide

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5  # 16:9
CHART_PX = (1200, 560)  # rendered at twice this size
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template


def slide_figure(figure: go.Figure, font_size: int = 18) -> go.Figure:
    """The chart for a slide: larger type, no title of its own (the slide has one)."""
    spec = copy.deepcopy(figure.to_plotly_json())
    layout = spec.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "size": font_size}
    layout["title"] = {"text": ""}
    layout["margin"] = {**layout.get("margin", {}), "t": 30}
    return go.Figure(spec, _validate=False)


def chart_png(slide: Slide) -> bytes:
    return images.png(slide_figure(slide.figure), *CHART_PX, scale=2)


def pptx_bytes(slides: list[Slide], footer: str = "", demo: bool = False) -> bytes:
    """The deck as PowerPoint: editable title and message, the chart as a picture, the footer
    (with the data note; in orange while the data are demo) on every slide, the notes as speaker
    notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    for slide in slides:
        page = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        title = page.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.9)
        title.text = slide.title
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(30)
        message = page.shapes.add_textbox(Inches(0.5), Inches(1.1), Inches(12.3), Inches(0.7)).text_frame
        message.word_wrap = True
        message.text = slide.message
        message.paragraphs[0].runs[0].font.size = Pt(20)
        width = Inches(12.3)
        height = Emu(int(width * CHART_PX[1] / CHART_PX[0]))
        page.shapes.add_picture(io.BytesIO(chart_png(slide)), Inches(0.5), Inches(1.85), width, height)
        if footer:
            box = page.shapes.add_textbox(Inches(0.5), Inches(SLIDE_HEIGHT_IN - 0.45), Inches(12.3), Inches(0.35))
            box.text_frame.word_wrap = True
            box.text_frame.text = footer
            for paragraph in box.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
                    run.font.color.rgb = RGBColor(0x8A, 0x4B, 0x08) if demo else RGBColor(0x55, 0x55, 0x55)
        page.notes_slide.notes_text_frame.text = slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def pdf_bytes(slides: list[Slide], footer: str) -> bytes:
    page_size = landscape((SLIDE_HEIGHT_IN * 72, SLIDE_WIDTH_IN * 72))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size)
    canvas.setTitle(pdf.plain(slides[0].title if slides else "Willkommensmonitor"))
    width, height = page_size
    for number, slide in enumerate(slides, start=1):
        canvas.setFont(pdf.BOLD, 26)
        canvas.drawString(1.2 * cm, height - 1.9 * cm, pdf.plain(slide.title))
        text = pdf.paragraph(slide.message, pdf.ParagraphStyle("message", parent=pdf.BODY, fontSize=15, leading=19))
        _, used = text.wrap(width - 2.4 * cm, 3 * cm)
        text.drawOn(canvas, 1.2 * cm, height - 2.5 * cm - used)
        # the chart fills the room under the message (a two-line message makes it smaller, never covered)
        room = height - 2.8 * cm - used - 1.3 * cm
        chart_width = min(width - 2.4 * cm, room * CHART_PX[0] / CHART_PX[1])
        chart_height = chart_width * CHART_PX[1] / CHART_PX[0]
        canvas.drawImage(_reader(chart_png(slide)), (width - chart_width) / 2, 1.3 * cm, chart_width, chart_height)
        canvas.setFont(pdf.FONT, 8)
        canvas.drawString(1.2 * cm, 0.6 * cm, pdf.plain(footer))
        canvas.drawRightString(width - 1.2 * cm, 0.6 * cm, f"{number}/{len(slides)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _reader(png: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))
