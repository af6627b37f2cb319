"""Property-based: no public page, list, report or download answers 5xx, whatever its parameters.

The pages are found from the URL configuration (every public page that takes no path argument)
and each one's parameters from the view itself (``parameters()``: a list's filters, paging and
download switches; the report's period form), so a new page or a new filter is driven here
without touching this file. Each page gets arbitrary text in its known parameters and in
unknown ones: unicode, NUL, huge numbers, dates far outside the records, nested brackets,
cursors holding any JSON. Downloads are read to the end (a CSV streams).
"""

import base64
import json
import os

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Back office, sign-in and evidence files are not public pages.
NOT_PUBLIC = ("admin", "accounts", "media")
EXAMPLES = 60


def public_pages() -> dict[str, object]:
    """``{path: view}`` of every public page without a path argument."""
    pages = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner not in NOT_PUBLIC:
                    walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
                if namespace in NOT_PUBLIC:
                    continue
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                pages[reverse(name)] = pattern.callback

    walk(get_resolver().url_patterns, None)
    return pages


def parameters_of(view) -> list[str]:
    view_class = getattr(view, "view_class", None)
    reader = getattr(view_class, "parameters", None) or getattr(view, "parameters", None)
    return sorted(reader()) if reader else []


def encoded(data: str) -> str:
    return base64.urlsafe_b64encode(data.encode("utf-8", "surrogatepass")).decode().rstrip("=")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
# Years at and beyond the ends of Python's dates and of the accepted range.
years = st.sampled_from([0, 1, 2, 999, 1899, 1900, 2018, 2100, 9989, 9990, 9998, 9999, 10000]) | st.integers(
    0, 99999
)
months = st.builds(
    lambda y, m: f"{y:04d}-{m:02d}", years, st.sampled_from([0, 1, 12, 13, 99]) | st.integers(0, 99)
)
dates = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
    years,
    st.sampled_from([0, 1, 2, 12, 13]) | st.integers(0, 99),
    st.sampled_from([0, 1, 28, 29, 31, 32]) | st.integers(0, 99),
)
# Hypothesis raises the recursion limit while it runs: nest deeper than any limit.
brackets = st.sampled_from([1500, 10_000]).map(lambda n: "[" * n + "]" * n) | st.integers(1, 20_000).map(
    lambda n: "[" * n
)
cursors = st.one_of(
    brackets.map(encoded),
    json_values.map(lambda v: encoded(json.dumps(v))),
    st.tuples(json_values, st.integers() | st.floats()).map(lambda p: encoded(json.dumps(list(p)))),
    st.tuples(dates, st.integers(-(2**70), 2**70)).map(lambda p: encoded(json.dumps(list(p)))),
)
hostile_text = st.one_of(
    st.text(max_size=80),
    st.text(st.characters(codec="utf-8"), max_size=30).map(lambda t: t + "\x00" + t),
    st.integers().map(str),
    st.integers(min_value=10**18, max_value=10**400).map(str),
    dates,
    months,
    brackets,
    cursors,
    st.sampled_from(
        [
            "",
            "1",
            "0",
            "-1",
            "true",
            "csv",
            "xlsx",
            "html",
            "Infinity",
            "-Infinity",
            "NaN",
            "1e400",
            "SY07",
            "2018-01",
            "2018-01-01",
            "%00",
            "../..",
            "syrian-regime",
        ]
    ),
)


def values_for(name: str):
    """Arbitrary text, and more often what the parameter's kind makes dangerous."""
    if "month" in name:
        return months | hostile_text
    if "date" in name:
        return dates | hostile_text
    if name in ("after", "before"):
        return cursors | hostile_text
    return hostile_text


@st.composite
def queries(draw, known: list[str]):
    """One to three parameters, known ones more often than unknown ones."""
    unknown = st.sampled_from(["utm_source", "page", "unknown", ""]) | st.text(max_size=12)
    names = (st.sampled_from(known) | unknown) if known else unknown
    query = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(names)
        query[name] = draw(st.lists(values_for(name), min_size=1, max_size=2))
    return query


PAGES = public_pages()
# The outside probe's findings, tried on every page whatever the draw.
FINDINGS = [
    {"month": "9999-12"},
    {"month": "0001-01"},
    {"month": "1900-01"},
    {"date_after": "9990-01-01", "date_before": "9999-12-31"},
    {"date_after": "0001-01-01", "date_before": "0001-12-31"},
    {"after": "[" * 1500 + "]" * 1500},
    {"after": encoded("[" * 1500 + "]" * 1500)},
    {"after": encoded("[" * 10_000 + "]" * 10_000)},
    {"before": encoded('["2018-01-01", Infinity]')},
    {"after": encoded("[Infinity, 1]")},
    {"format": "csv", "month": "9999-12"},
    {"format": "xlsx", "date_after": "9990-01-01", "date_before": "9999-12-31"},
]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_public_pages_are_found():
    assert {
        "/",
        "/incidents/",
        "/attacks/",
        "/victims/",
        "/facilities/",
        "/reports/",
        "/perpetrators/",
    } <= set(PAGES)
    assert {"month", "date_after", "date_before", "after", "before", "format"} <= set(
        parameters_of(PAGES["/incidents/"])
    )
    assert {"month", "date_after", "date_before", "governorate", "format"} <= set(
        parameters_of(PAGES["/reports/"])
    )


@pytest.mark.parametrize("path", sorted(PAGES))
def test_no_parameter_makes_a_public_page_fail(client, world, path):
    known = parameters_of(PAGES[path])

    def drive(language, query):
        response = client.get(language + path, query)
        assert response.status_code < 500
        content = body(response)
        if response.status_code == 400:
            assert content.strip(), "a 400 must say what is wrong"

    run = given(language=st.sampled_from(["", "/ar"]), query=queries(known))(drive)
    for finding in FINDINGS:
        run = example(language="", query=finding)(run)
    settings(
        max_examples=EXAMPLES if known else EXAMPLES // 3,
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(run)()
