"""Charts drawn on the server as SVG: they need no script, pass the
Content-Security-Policy and print. Each sits beside a table of its data."""

from __future__ import annotations

from dataclasses import dataclass

from actions.choices import Status
from governance.dashboard import Bar

# Fills with at least 3:1 contrast against white (WCAG 1.4.11).
STATUS_FILLS = {
    Status.NOT_STARTED: "#505a5f",
    Status.IN_PROGRESS: "#1d70b8",
    Status.COMPLETED: "#912b88",
    Status.CLOSED: "#00703c",
    Status.BLOCKED: "#d4351c",
}
BAR_WIDTH = 560
BAR_HEIGHT = 28


@dataclass
class Rect:
    x: float
    width: float
    fill: str
    title: str


@dataclass
class BarRow:
    y: int
    label: str
    rects: list[Rect]


def stacked_bars(bars: list[Bar]) -> dict:
    rows = []
    for index, bar in enumerate(bars):
        x, rects = 0.0, []
        for status, count, share in bar.segments:
            width = share * BAR_WIDTH
            rects.append(
                Rect(x, width, STATUS_FILLS[status], f"{Status(status).label}: {count}")
            )
            x += width
        rows.append(
            BarRow(y=index * (BAR_HEIGHT + 30) + 20, label=bar.theme, rects=rects)
        )
    return {
        "rows": rows,
        "width": BAR_WIDTH,
        "bar_height": BAR_HEIGHT,
        "height": len(bars) * (BAR_HEIGHT + 30) + 10,
        "legend": [(Status(s).label, fill) for s, fill in STATUS_FILLS.items()],
    }


def line(series: list[dict], width: int = 560, height: int = 200) -> dict:
    """Share of actions closed, week by week, as an SVG polyline from 0 to 100%."""
    if not series:
        return {}
    step = width / max(len(series) - 1, 1)
    points = [
        (round(i * step, 1), round(height - height * row["share"] / 100, 1))
        for i, row in enumerate(series)
    ]
    return {
        "width": width,
        "height": height,
        "points": " ".join(f"{x},{y}" for x, y in points),
        "dots": points,
        "first": series[0]["week"],
        "last": series[-1]["week"],
    }
