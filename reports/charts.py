"""A bar chart of monthly counts as inline SVG: rendered on the server, no script, no CDN."""

from django.template.defaultfilters import date as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
    for index, month in enumerate(months):
        x0 = LEFT + index * slot + slot * 0.1
        for offset, (key, css) in enumerate(SERIES):
            value = month[key]
            h = plot_h * value / top
            parts.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                    css,
                    _n(x0 + offset * bar),
                    _n(TOP + plot_h - h),
                    _n(bar),
                    _n(h),
                    format_date(month["month"], "F Y"),
                    _series_label(key, value),
                )
            )
        if index % label_every == 0:
            parts.append(
                format_html(
                    '<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                    _n(LEFT + index * slot + slot / 2),
                    HEIGHT - BOTTOM + 16,
                    format_date(month["month"], "M y"),
                )
            )
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">{}'
        '<line class="axis-line" x1="{}" y1="{}" x2="{}" y2="{}"/></svg>',
        WIDTH,
        HEIGHT,
        title_id,
        body,
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
