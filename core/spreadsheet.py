"""Spreadsheet safety shared by every export path (admin, commands, public CSV).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
can be run as a formula by spreadsheet programs (CSV injection). Text is
stored as typed and escaped only on the way out, by prefixing a single quote.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Return ``value`` made inert for spreadsheets; non-text values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def escape_row(row):
    return [escape_formula(value) for value in row]
