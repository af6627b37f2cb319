"""The report's monthly chart reads in the page's direction: time runs right to left in Arabic."""

import datetime

from django.utils import translation

from reports.charts import WIDTH, monthly_chart

MONTHS = [
    {"month": datetime.date(2018, month, 1), "attacks": month, "killed": 2 * month} for month in (1, 2, 3)
]


def first_bars(chart) -> list[float]:
    """The left edge of each month's first bar, in month order."""
    return [float(column["bars"][0]["x"]) for column in chart["columns"]]


def test_english_runs_left_to_right_with_the_scale_on_the_left():
    with translation.override("en"):
        chart = monthly_chart(MONTHS)
    assert first_bars(chart) == sorted(first_bars(chart))
    assert float(chart["tick_x"]) < WIDTH / 2 and chart["tick_anchor"] == "end"


def test_arabic_mirrors_the_bars_not_the_text():
    with translation.override("en"):
        english = monthly_chart(MONTHS)
    with translation.override("ar"):
        arabic = monthly_chart(MONTHS)
    assert first_bars(arabic) == sorted(first_bars(arabic), reverse=True)
    assert float(arabic["tick_x"]) > WIDTH / 2 and arabic["tick_anchor"] == "start"
    # Each bar is the English one reflected: same size, same height, mirrored position.
    for mine, theirs in zip(arabic["columns"], english["columns"], strict=True):
        for a, e in zip(mine["bars"], theirs["bars"], strict=True):
            assert (a["width"], a["height"], a["y"]) == (e["width"], e["height"], e["y"])
            assert abs(float(a["x"]) + float(a["width"]) - (WIDTH - float(e["x"]))) <= 0.1 + 1e-9
    assert [c["label"]["text"] for c in arabic["columns"] if c["label"]] != []
