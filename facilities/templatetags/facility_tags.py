"""Template filters in the facilities' vocabulary."""

from django import template

from facilities.models import FacilityCategory

register = template.Library()


@register.filter
def category_label(code) -> str:
    """The label of a facility category code (the code itself when unknown)."""
    return FacilityCategory(code).label if code in FacilityCategory.values else code
