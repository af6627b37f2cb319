import datetime

import pytest
from django.db import IntegrityError, transaction

from incidents.choices import Certainty, Status
from tests.factories import (
    AttributionFactory,
    IncidentFactory,
    PerpetratorFactory,
    PublishedIncidentFactory,
    VictimFactory,
)
from victims.models import ROLE_REPORT_CLASS, Role, Victim

pytestmark = pytest.mark.django_db

DOMAIN_REPORT_CLASSES = {
    "doctor": "doctor",
    "dentist": "doctor",
    "nurse": "nurse",
    "midwife": "nurse",
    "paramedic": "paramedic",
    "pharmacist": "pharmacist",
    "ambulance_driver": "medical_personnel",
    "lab_technician": "medical_personnel",
    "medical_student": "medical_personnel",
    "medical_administrator": "medical_personnel",
    "medical_staff_other": "medical_personnel",
    "civil_defense": "civil_defense",
    "red_crescent": "red_crescent",
    "humanitarian_worker": "humanitarian",
    "patient": "civilian",
    "civilian": "civilian",
    "unknown": "civilian",
}


def test_every_role_rolls_up_to_the_report_class_of_the_domain_table():
    assert set(ROLE_REPORT_CLASS) == set(Role.values)
    assert {role: Victim(role=role).report_class for role in DOMAIN_REPORT_CLASSES} == DOMAIN_REPORT_CLASSES


def test_report_class_is_derived_in_sql_too():
    VictimFactory(role=Role.AMBULANCE_DRIVER)
    VictimFactory(role=Role.DENTIST)
    assert set(Victim.objects.with_report_class().values_list("role", "report_class")) == {
        ("ambulance_driver", "medical_personnel"),
        ("dentist", "doctor"),
    }
    assert Victim.objects.in_report_class("doctor").get().role == "dentist"


@pytest.mark.parametrize(("age", "child"), [(None, None), (0, True), (17, True), (18, False), (40, False)])
def test_child_means_under_eighteen(age, child):
    assert Victim(age=age).is_child is child


def test_children_queryset():
    young = VictimFactory(age=12)
    VictimFactory(age=18)
    VictimFactory(age=None)
    assert list(Victim.objects.children()) == [young]


def test_victim_code_is_generated():
    assert VictimFactory().code == "VIC-000001"
    assert VictimFactory().code == "VIC-000002"


def test_victim_without_incident_needs_a_perpetrator():
    with pytest.raises(IntegrityError), transaction.atomic():
        VictimFactory(incident=None, perpetrator=None)
    assert VictimFactory(incident=None, perpetrator=PerpetratorFactory()).pk


def test_age_must_be_plausible():
    with pytest.raises(IntegrityError), transaction.atomic():
        VictimFactory(age=400)


def test_date_of_harm_defaults_to_the_incident_date():
    incident = IncidentFactory(date=datetime.date(2018, 1, 20))
    assert VictimFactory(incident=incident).date_of_harm == datetime.date(2018, 1, 20)
    kept = VictimFactory(incident=incident, date_of_harm=datetime.date(2018, 1, 22))
    assert kept.date_of_harm == datetime.date(2018, 1, 22)


def test_counted_perpetrator_is_the_incidents_primary_party():
    incident = IncidentFactory()
    attribution = AttributionFactory(incident=incident, primary=True)
    other = PerpetratorFactory()
    victim = VictimFactory(incident=incident, perpetrator=other)
    assert victim.counted_perpetrator == attribution.perpetrator
    tortured = VictimFactory(incident=None, perpetrator=other, harm="tortured_to_death")
    assert tortured.counted_perpetrator == other


def test_public_victims_need_a_public_incident():
    shown = VictimFactory(status=Status.PUBLISHED, incident=PublishedIncidentFactory())
    VictimFactory(status=Status.PUBLISHED, incident=IncidentFactory(status=Status.DRAFT))
    VictimFactory(status=Status.PUBLISHED, incident=PublishedIncidentFactory(certainty=Certainty.RUMOUR))
    VictimFactory(status=Status.DRAFT, incident=PublishedIncidentFactory())
    no_incident = VictimFactory(status=Status.PUBLISHED, incident=None, perpetrator=PerpetratorFactory())
    assert set(Victim.objects.public()) == {shown, no_incident}


def test_duplicates_never_count():
    original = VictimFactory()
    VictimFactory(duplicate_of=original)
    assert list(Victim.objects.counted()) == [original]


def test_a_victim_cannot_duplicate_itself():
    victim = VictimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Victim.objects.filter(pk=victim.pk).update(duplicate_of=victim)


def test_unpublished_name_reads_unnamed_victim():
    assert VictimFactory.build(name="Hidden Name", publish_name=False).public_name == "Unnamed victim"
    assert VictimFactory.build(name="Suzan Fattoum", publish_name=True).public_name == "Suzan Fattoum"


def test_names_are_not_published_unless_chosen():
    assert Victim._meta.get_field("publish_name").default is False


def test_victim_changes_keep_history():
    victim = VictimFactory(circumstances="first")
    victim.circumstances = "second"
    victim.save()
    assert [h.circumstances for h in victim.history.order_by("history_id")] == ["first", "second"]
