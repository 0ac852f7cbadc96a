"""Static images of figures (SVG, PNG) through kaleido and Debian's chromium."""

from __future__ import annotations

import threading
import warnings

import plotly.graph_objects as go

_started = threading.Lock()
_server_running = False


def _ensure_server() -> None:
    # one chromium for all exports: about 0.2–1 s per image instead of ~5 s with a new browser each
    global _server_running
    with _started:
        if not _server_running:
            import kaleido

            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _server_running = True


def _image(figure: go.Figure, **options) -> bytes:
    """Every picture of every export goes through here: the figure brings its own template
    (charts.theme), so the same figure gives the same picture in the app and on the command line."""
    _ensure_server()
    if figure.layout.template is None or not figure.layout.template.to_plotly_json():
        from dashboard.charts.theme import TEMPLATE

        figure = go.Figure(figure, _validate=False)
        figure.layout.template = TEMPLATE
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return figure.to_image(**options)


def svg(figure: go.Figure) -> bytes:
    return _image(figure, format="svg")


def png(figure: go.Figure, width: int, height: int, scale: float = 2.0) -> bytes:
    return _image(figure, format="png", width=width, height=height, scale=scale)
