"""Charts drawn on the server as inline SVG: no script, nothing to load, printable as they are.

Every label that comes from a case is escaped; colours are SVG attributes, not CSS, so the strict
style policy holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

PALETTE = ("#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f")
DAYS_FR = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _blue(fraction: float) -> str:
    """White to deep blue; square root so that quiet hours still show against a busy peak."""
    f = math.sqrt(max(0.0, min(1.0, fraction)))
    start, end = (248, 250, 252), (30, 58, 138)
    r, g, b = (round(s + (e - s) * f) for s, e in zip(start, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(grid: Sequence[Sequence[int]], lang: str, unit: str) -> Markup:
    """Weekday × hour counts (Monday first) as a grid of squares with a tooltip each."""
    cell, left, top = 22, 40, 20
    peak = max((n for row in grid for n in row), default=0) or 1
    days = DAYS_EN if lang == "en" else DAYS_FR
    width, height = left + 24 * cell + 2, top + 7 * cell + 2
    parts = [f'<svg class="chart heat" viewBox="0 0 {width} {height}" role="img" width="{width}" height="{height}">']
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{left + hour * cell + cell / 2}" y="13" text-anchor="middle">{hour}h</text>')
    for d, row in enumerate(grid):
        y = top + d * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4}" text-anchor="end">{days[d]}</text>')
        for hour, n in enumerate(row):
            x = left + hour * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="2" fill="{_blue(n / peak)}">'
                f"<title>{days[d]} {hour}h–{hour + 1}h : {n} {escape(unit)}</title></rect>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(count + 2) if first + i * step <= high + step / 2]


def lines(series: Sequence[dict[str, Any]], names: Sequence[str], y_label: str, empty: str) -> Markup:
    """Series of ``{"points": [{"x": "2026-03-02", "y": 70.0, "n": 3}]}`` on a shared date axis."""
    xs = sorted({p["x"] for s in series for p in s["points"]})
    ys = [p["y"] for s in series for p in s["points"]]
    if not xs:
        return Markup(f'<p class="empty">{escape(empty)}</p>')
    width, height, left, right, top, bottom = 720, 260, 56, 16, 12, 48
    ticks = _ticks(0.0, max(ys) * 1.1 or 1.0)
    y_max = ticks[-1] or 1.0

    def px(x: str) -> float:
        i = xs.index(x)
        return left + (width - left - right) * (i / (len(xs) - 1) if len(xs) > 1 else 0.5)

    def py(y: float) -> float:
        return top + (height - top - bottom) * (1 - y / y_max)

    parts = [f'<svg class="chart lines" viewBox="0 0 {width} {height + 20 * len(series)}" role="img">']
    for tick in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{py(tick):.1f}" y2="{py(tick):.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{py(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for i in sorted({0, len(xs) // 2, len(xs) - 1}):
        parts.append(
            f'<text x="{px(xs[i]):.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(xs[i])}</text>'
        )
    parts.append(f'<text x="{left}" y="{height - 10}" class="axis">{escape(y_label)}</text>')
    for k, (s, name) in enumerate(zip(series, names, strict=True)):
        colour = PALETTE[k % len(PALETTE)]
        points = sorted(s["points"], key=lambda p: p["x"])
        path = " ".join(f"{px(p['x']):.1f},{py(p['y']):.1f}" for p in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in points:
            parts.append(
                f'<circle cx="{px(p["x"]):.1f}" cy="{py(p["y"]):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} · {escape(p['x'])} : {p['y']:g} ({p.get('n', 1)})</title></circle>"
            )
        y = height + 20 * k + 4
        parts.append(f'<rect x="{left}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{left + 18}" y="{y + 10}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(values: Sequence[tuple[str, int]], unit: str, empty: str) -> Markup:
    """Counts over time as bars; more than 120 bars are summed by groups so each stays visible."""
    if not values:
        return Markup(f'<p class="empty">{escape(empty)}</p>')
    group = max(1, math.ceil(len(values) / 120))
    merged = [(values[i][0], sum(n for _, n in values[i : i + group])) for i in range(0, len(values), group)]
    width, height, left, bottom = 720, 160, 40, 24
    peak = max(n for _, n in merged) or 1
    step = min((width - left) / len(merged), 24.0)
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img">']
    parts.append(f'<text x="{left - 6}" y="12" text-anchor="end">{peak}</text>')
    for i, (label, n) in enumerate(merged):
        h = (height - bottom - 8) * n / peak
        x = left + i * step
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{max(1.0, step - 1):.1f}" height="{h:.1f}"'
            f' fill="{PALETTE[0]}"><title>{escape(label)} : {n} {escape(unit)}</title></rect>'
        )
    for i in sorted({0, len(merged) - 1}):
        anchor = "start" if i == 0 else "end"
        x = left if i == 0 else width
        parts.append(f'<text x="{x}" y="{height - 6}" text-anchor="{anchor}">{escape(merged[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
