"""The Python evaluation of check constraints agrees with the database's."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint

from core.interchange_resources import validate_constraints
from facilities.models import Facility
from incidents.models import Incident
from victims.models import Victim


def database_verdicts(instance):
    """Django's own validation: one query per constraint."""
    broken = set()
    for model, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, CheckConstraint):
                try:
                    constraint.validate(model, instance)
                except ValidationError:
                    broken.add(constraint.name)
    return broken


def check_names(instance):
    return [c.name for _m, cs in instance.get_constraints() for c in cs if isinstance(c, CheckConstraint)]


def python_verdicts(instance):
    """The interchange's validation: simple conditions evaluated without a query."""
    try:
        validate_constraints(instance, set())
    except ValidationError as exc:
        messages = " ".join(exc.messages)
        return {name for name in check_names(instance) if f"“{name}”" in messages}
    return set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "killed, latitude, status, reason",
    itertools.product(
        [0, -1, None, 5],
        [None, Decimal("90"), Decimal("90.000001"), Decimal("-91")],
        ["draft", "retracted"],
        ["", "wrong date"],
    ),
)
def test_incident_constraints(killed, latitude, status, reason):
    incident = Incident(
        title="t", date=datetime.date(2018, 1, 1), place_id=1, attack_type="other", certainty="possible",
        killed_count=killed, latitude=latitude, longitude=latitude, status=status, retraction_reason=reason,
    )  # fmt: skip
    assert python_verdicts(incident) == database_verdicts(incident)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incident_id, perpetrator_id, age, duplicate_of_id, pk",
    itertools.product([None, 1], [None, 2], [None, 0, 130, 131, -1], [None, 7], [None, 7]),
)
def test_victim_constraints(incident_id, perpetrator_id, age, duplicate_of_id, pk):
    victim = Victim(
        incident_id=incident_id, perpetrator_id=perpetrator_id, age=age, duplicate_of_id=duplicate_of_id
    )
    victim.pk = pk
    assert python_verdicts(victim) == database_verdicts(victim)


@pytest.mark.django_db
@pytest.mark.parametrize("longitude", [None, Decimal("180"), Decimal("-180.5"), Decimal("0")])
def test_facility_constraints(longitude):
    facility = Facility(name="f", kind="hospital", place_id=1, longitude=longitude, latitude=longitude)
    assert python_verdicts(facility) == database_verdicts(facility)
