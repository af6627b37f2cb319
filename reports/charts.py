"""The monthly bar chart's data: geometry and plain-text labels; ``reports/_chart.html`` draws it
as inline SVG (no script, no CDN). No markup here: the template escapes every label.
"""

from django.template.defaultfilters import date as format_date
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 44
SERIES = (("attacks", "bar-attacks"), ("killed", "bar-killed"))


def monthly_chart(months: list[dict], mirrored: bool | None = None) -> dict | None:
    """Grouped bars (attacks on facilities, people killed) per month, gridlines and axis labels.

    Coordinates are strings with one decimal, as the SVG carries them; each bar's ``title`` names
    its month and count, for screen readers and on hover. ``None`` without months. ``mirrored``
    (by default: in a right-to-left language) runs time from right to left with the scale on the
    right, as an Arabic reader reads the page; the text itself is never flipped.
    """
    if not months:
        return None
    if mirrored is None:
        mirrored = get_language_bidi()

    def x(value: float, width: float = 0.0) -> str:
        return _n(WIDTH - value - width if mirrored else value)

    top = max([1] + [m[key] for m in months for key, _css in SERIES])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar = max(1.0, slot * 0.8 / len(SERIES))
    label_every = max(1, round(len(months) / 12))
    columns = []
    for index, month in enumerate(months):
        x0 = LEFT + index * slot + slot * 0.1
        name = format_date(month["month"], "F Y")
        bars = []
        for offset, (key, css) in enumerate(SERIES):
            value = month[key]
            h = plot_h * value / top
            bars.append(
                {
                    "css": css,
                    "title": f"{name}: {series_label(key, value)}",
                    "x": x(x0 + offset * bar, bar),
                    "y": _n(TOP + plot_h - h),
                    "width": _n(bar),
                    "height": _n(h),
                }
            )
        label = None
        if index % label_every == 0:
            label = {"x": x(LEFT + index * slot + slot / 2), "text": format_date(month["month"], "M y")}
        columns.append({"bars": bars, "label": label})
    gridlines = []
    for value in _ticks(top):
        y = TOP + plot_h - plot_h * value / top
        gridlines.append({"value": value, "y": _n(y), "text_y": _n(y + 4)})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": x(WIDTH - RIGHT if mirrored else LEFT),
        "right": x(LEFT if mirrored else WIDTH - RIGHT),
        "tick_x": x(LEFT - 6),
        "tick_anchor": "start" if mirrored else "end",
        "axis_y": TOP + plot_h,
        "label_y": HEIGHT - BOTTOM + 16,
        "gridlines": gridlines,
        "columns": columns,
    }


def series_label(key: str, value: int) -> str:
    if key == "attacks":
        return _("%(n)s attacks on facilities") % {"n": value}
    return _("%(n)s people killed") % {"n": value}


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


def _n(value: float) -> str:
    return f"{value:.1f}"
