"""Helpers shared by the vocabularies."""

from django.db.models import Q


def range_check(field: str, low: float, high: float) -> Q:
    """Q for a nullable number that must lie within [low, high] when set."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})
