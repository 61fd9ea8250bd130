"""Charts drawn on the server as SVG: they need no script, pass the
Content-Security-Policy and print. Each sits beside a table of its data.
The SVG is written here rather than in a template: a template spends as
long on each of a chart's shapes as on a table's row."""

from __future__ import annotations

from html import escape

from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe

from actions.choices import Status
from governance.dashboard import Bar

# Fills with at least 3:1 contrast against white (WCAG 1.4.11).
STATUS_FILLS = {
    Status.NOT_STARTED: "#505a5f",
    Status.IN_PROGRESS: "#1d70b8",
    Status.COMPLETED: "#912b88",
    Status.CLOSED: "#00703c",
    Status.BLOCKED: "#d4351c",
    Status.NOT_ADOPTED: "#6f777b",
}
BAR_WIDTH = 560
BAR_HEIGHT = 28
TEXT = 'font-size="{size}" fill="#0b0c0c"'


def stacked_bars(bars: list[Bar]) -> dict:
    """Each theme's bar, split by status, labelled above; the shapes' titles
    give the counts."""
    shapes = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + 30) + 20
        shapes.append(
            f'<text x="0" y="{y - 6}" {TEXT.format(size=14)}>{escape(bar.theme)}</text>'
        )
        x = 0.0
        for status, count, share in bar.segments:
            width = share * BAR_WIDTH
            title = escape(f"{Status(status).label}: {count}")
            fill = STATUS_FILLS[status]
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{fill}" stroke="#ffffff"><title>{title}</title></rect>'
            )
            x += width
    height = len(bars) * (BAR_HEIGHT + 30) + 10
    return {
        "svg": _svg(f"0 0 {BAR_WIDTH} {height}", "bars-caption", shapes),
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
    first, last = (date_format(series[i]["week"], "j M Y") for i in (0, -1))
    text = TEXT.format(size=12)
    shapes = [
        f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#505a5f"/>',
        f'<line x1="0" y1="0" x2="0" y2="{height}" stroke="#505a5f"/>',
        f'<text x="-8" y="5" {text} text-anchor="end">100%</text>',
        f'<text x="-8" y="{height}" {text} text-anchor="end">0%</text>',
        '<polyline points="{}" fill="none" stroke="#00703c" stroke-width="3"/>'.format(
            " ".join(f"{x},{y}" for x, y in points)
        ),
        *(f'<circle cx="{x}" cy="{y}" r="3.5" fill="#00703c"/>' for x, y in points),
        f'<text x="0" y="{height + 20}" {text}>{first}</text>',
        f'<text x="{width}" y="{height + 20}" {text} text-anchor="end">{last}</text>',
    ]
    return {"svg": _svg(f"-40 -10 {width + 60} {height + 40}", "line-caption", shapes)}


def _svg(view_box: str, caption_id: str, shapes: list[str]) -> SafeString:
    # every value interpolated above is a number, a colour of ours or escaped
    return mark_safe(  # noqa: S308
        f'<svg viewBox="{view_box}" width="100%" role="img" '
        f'aria-labelledby="{caption_id}">{"".join(shapes)}</svg>'
    )
