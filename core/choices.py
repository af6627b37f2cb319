"""Helpers shared by the vocabularies."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


def range_check(field: str, low: float, high: float) -> Q:
    """Q for a nullable number that must lie within [low, high] when set."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


def coordinate_field(kind: str, verbose_name):
    """A nullable latitude or longitude with its range validated in forms too."""
    limit = 90 if kind == "latitude" else 180
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )
