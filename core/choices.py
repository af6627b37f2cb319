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


def codes_rolling_up_to(mapping: dict[str, str], target: str) -> list[str]:
    """The vocabulary codes that ``mapping`` rolls up to ``target`` (kinds of a category...)."""
    return [code for code, rolled in mapping.items() if rolled == target]


def rollup_expression(field: str, mapping: dict[str, str], targets, default: str) -> models.Case:
    """SQL expression deriving a roll-up (category, report class) from a stored code."""
    return models.Case(
        *[
            models.When(**{f"{field}__in": codes_rolling_up_to(mapping, target)}, then=models.Value(target))
            for target in targets
        ],
        default=models.Value(default),
        output_field=models.CharField(),
    )
