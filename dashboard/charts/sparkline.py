"""A KPI's years as a small inline SVG line with its text alternative (WCAG 1.1.1): Streamlit's
own metric sparkline is an SVG without one."""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, PAD = 200, 36, 3
COLOUR = "#1f6f8b"


def svg(values: list[float], description: str) -> str:
    """The values (NaN stays a gap) scaled into a 200×36 box, described by `description`."""
    known = [v for v in values if not math.isnan(v)]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    segments, current = [], []
    for i, value in enumerate(values):
        if math.isnan(value):
            if current:
                segments.append(current)
            current = []
            continue
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        current.append(f"{PAD + i * step:.1f},{y:.1f}")
    if current:
        segments.append(current)
    lines = "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOUR}" stroke-width="2" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        for points in segments
    )
    last = segments[-1][-1].split(",")
    text = escape(description, quote=True)
    return (
        f'<svg role="img" aria-label="{text}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'style="width:100%;height:auto;display:block" xmlns="http://www.w3.org/2000/svg"><title>{text}</title>{lines}'
        f'<circle cx="{last[0]}" cy="{last[1]}" r="3" fill="{COLOUR}"/></svg>'
    )
