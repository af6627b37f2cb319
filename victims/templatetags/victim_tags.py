"""Template filters in the victims' vocabulary."""

from django import template

from victims.models import ReportClass

register = template.Library()


@register.filter
def class_label(code) -> str:
    """The label of a report class code (the code itself when unknown)."""
    return ReportClass(code).label if code in ReportClass.values else code
