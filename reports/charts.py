"""A bar chart of monthly counts as inline SVG: rendered on the server, no script, no CDN."""

from html import escape

from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 44
SERIES = (("attacks", "bar-attacks"), ("killed", "bar-killed"))


def monthly_chart(months: list[dict], title_id: str = "chart-title") -> SafeString:
    """Grouped bars (attacks on facilities, people killed) per month, with an accessible name."""
    if not months:
        return SafeString("")
    top = max([1] + [m[key] for m in months for key, _css in SERIES])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar = max(1.0, slot * 0.8 / len(SERIES))
    label_every = max(1, round(len(months) / 12))
    parts = [_gridline(value, top, plot_h) for value in _ticks(top)]
    # Drawn with f-strings rather than format_html (two bars a month): numbers need no
    # escaping, and the month and the bar's label are escaped here.
    for index, month in enumerate(months):
        x0 = LEFT + index * slot + slot * 0.1
        name = escape(format_date(month["month"], "F Y"))
        for offset, (key, css) in enumerate(SERIES):
            value = month[key]
            h = plot_h * value / top
            parts.append(
                f'<rect class="{css}" x="{_n(x0 + offset * bar)}" y="{_n(TOP + plot_h - h)}" '
                f'width="{_n(bar)}" height="{_n(h)}"><title>{name}: {escape(_series_label(key, value))}'
                "</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text class="axis" x="{_n(LEFT + index * slot + slot / 2)}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(format_date(month["month"], "M y"))}</text>'
            )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">{}'
        '<line class="axis-line" x1="{}" y1="{}" x2="{}" y2="{}"/></svg>',
        WIDTH,
        HEIGHT,
        title_id,
        mark_safe("".join(parts)),  # noqa: S308 (every part escaped)
        LEFT,
        TOP + plot_h,
        WIDTH - RIGHT,
        TOP + plot_h,
    )


def _series_label(key: str, value: int) -> str:
    if key == "attacks":
        return _("%(n)s attacks on facilities") % {"n": value}
    return _("%(n)s people killed") % {"n": value}


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


def _gridline(value: int, top: int, plot_h: float) -> SafeString:
    y = TOP + plot_h - plot_h * value / top
    return format_html(
        '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="axis" x="{}" y="{}" text-anchor="end">{}</text>',
        LEFT,
        _n(y),
        WIDTH - RIGHT,
        _n(y),
        LEFT - 6,
        _n(y + 4),
        value,
    )


def _n(value: float) -> str:
    return f"{value:.1f}"
