"""One rendering path for every picture: a chart rendered in the app's process (where Streamlit
has replaced plotly's default template) is the same picture as on the command line, and no
picture of the deck or the Steckbrief cuts a tick or category label at its edge."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from dashboard.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="kaleido needs Debian's chromium (apt-get install chromium)"
)

RENDER = """
import hashlib, json, sys
from pathlib import Path
if sys.argv[2] == "app":
    import streamlit.elements.plotly_chart  # what the app's process has loaded
from dashboard.exports import deck, images, presentation
from dashboard.exports import profile as sheet
from dashboard.service.boundaries import map_layer
from dashboard.service.profile import profile
from dashboard.service.reference import load_reference
db = Path(sys.argv[1]); out = Path(sys.argv[3]); out.mkdir(exist_ok=True)
reference = load_reference(db)
data = deck.deck_data(db, reference, 2023, 2025)
shots = {f"slide-{s.key}": presentation.chart_png(s) for s in deck.slides(data, "de")}
town = profile(db, reference, "05962060", 2023, 2025)
for name, figure in sheet.figures(town, map_layer(db, reference), "de").items():
    shots[f"profile-{name}"] = images.png(figure, 440, 220, 2)
for name, png in shots.items():
    (out / f"{name}.png").write_bytes(png)
print(json.dumps({name: hashlib.sha256(png).hexdigest() for name, png in shots.items()}))
"""


def _render(db: Path, path: str, out: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(db), path, str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def rendered(demo_warehouse_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rendered")
    return {path: (_render(demo_warehouse_master, path, folder / path), folder / path) for path in ("app", "cli")}


def test_the_app_and_the_command_line_draw_the_same_pictures(rendered):
    app, _ = rendered["app"]
    cli, _ = rendered["cli"]
    assert len(app) >= 12 and app.keys() == cli.keys()
    differing = [name for name in app if app[name] != cli[name]]
    assert not differing, differing


def _edges(png: bytes, band: int = 3) -> dict[str, int]:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return {
        "left": int(pixels[:, :band].min()),
        "right": int(pixels[:, -band:].min()),
        "top": int(pixels[:band].min()),
        "bottom": int(pixels[-band:].min()),
    }


@pytest.mark.parametrize("path", ["app", "cli"])
def test_no_label_touches_the_edge_of_its_picture(rendered, path):
    """A cut tick or category label shows as dark pixels in the picture's outermost band."""
    _, folder = rendered[path]
    cut = {}
    for picture in sorted(folder.glob("*.png")):
        edges = _edges(picture.read_bytes())
        if min(edges.values()) < 200:
            cut[picture.stem] = edges
    assert not cut, cut


def test_the_edge_check_sees_a_cut_label():
    import plotly.graph_objects as go

    from dashboard.exports.images import png

    figure = go.Figure(
        go.Bar(x=[1, 2], y=["Abdeckung Willkommenstaschen", "Leads"], orientation="h"),
        layout={"margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "yaxis": {"automargin": False}, "template": "none"},
    )
    assert _edges(png(figure, 300, 150, 1))["left"] < 200
