import pytest

from core.spreadsheet import escape_formula, escape_row


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_triggers_are_escaped(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Hospital", "مستشفى", "", 42, None, -3])
def test_other_values_pass_through(value):
    assert escape_formula(value) == value


def test_escape_row():
    assert escape_row(["a", "=b", 1]) == ["a", "'=b", 1]
