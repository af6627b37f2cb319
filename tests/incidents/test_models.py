import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction

from incidents.choices import Certainty, Consent, Status
from incidents.models import Attack, CustodyEvent, EvidenceMedia, IdentityReveal, Incident, WitnessAccount
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CustodyEventFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    GovernorateFactory,
    IncidentFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    WitnessAccountFactory,
)
from tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def raw_column(table: str, column: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


# Codes


def test_incident_codes_number_within_the_year():
    a = IncidentFactory(date=datetime.date(2018, 1, 3))
    b = IncidentFactory(date=datetime.date(2018, 2, 9))
    c = IncidentFactory(date=datetime.date(2019, 5, 1))
    assert [a.code, b.code, c.code] == ["INC-2018-00001", "INC-2018-00002", "INC-2019-00001"]


def test_incident_code_never_changes_when_the_date_does():
    incident = IncidentFactory(date=datetime.date(2018, 1, 3))
    incident.date = datetime.date(2019, 1, 3)
    incident.save()
    incident.refresh_from_db()
    assert incident.code == "INC-2018-00001"


def test_incident_code_numbering_survives_width_overflow():
    IncidentFactory(code="INC-2018-99999")
    assert IncidentFactory().code == "INC-2018-100000"
    assert IncidentFactory().code == "INC-2018-100001"


# Constraints


def test_at_most_one_primary_attribution_per_incident():
    incident = IncidentFactory()
    AttributionFactory(incident=incident, primary=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttributionFactory(incident=incident, primary=True)


def test_secondary_attributions_are_allowed_beside_the_primary():
    incident = IncidentFactory()
    AttributionFactory(incident=incident, primary=True)
    AttributionFactory(incident=incident, primary=False)
    AttributionFactory(incident=incident, primary=False)
    assert incident.attributions.count() == 3


def test_one_attribution_per_party_and_incident():
    attribution = AttributionFactory(primary=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttributionFactory(incident=attribution.incident, perpetrator=attribution.perpetrator, primary=False)


def test_one_attack_per_incident_and_facility():
    attack = AttackFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttackFactory(incident=attack.incident, facility=attack.facility)


@pytest.mark.parametrize("field", ["killed_count", "injured_count"])
def test_counts_cannot_be_negative(field):
    incident = IncidentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(**{field: -1})


@pytest.mark.parametrize(("field", "value"), [("latitude", 91), ("longitude", -181)])
def test_incident_coordinates_must_be_in_range(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(**{field: value})


def test_coordinate_range_is_a_form_error_too():
    incident = IncidentFactory.build(latitude=95, place=PlaceFactory())
    with pytest.raises(ValidationError) as excinfo:
        incident.full_clean(exclude=["code"])
    assert "latitude" in excinfo.value.message_dict


def test_protected_witness_needs_an_alias():
    with pytest.raises(IntegrityError), transaction.atomic():
        WitnessAccountFactory(alias="", identity_protected=True)


def test_unprotected_witness_may_go_without_alias():
    account = WitnessAccountFactory(alias="", identity_protected=False)
    assert account.pk


def test_blank_alias_is_refused_with_a_clear_message():
    account = WitnessAccountFactory.build(alias="   ", incident=IncidentFactory())
    with pytest.raises(ValidationError) as excinfo:
        account.full_clean()
    assert "alias" in excinfo.value.message_dict


def test_evidence_needs_a_file_or_a_url():
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceMediaFactory(url="", file="")


def test_retracted_incident_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(status=Status.RETRACTED, retraction_reason="")


# Rule 1: what is public


def test_public_excludes_drafts_reviews_and_retractions():
    published = PublishedIncidentFactory()
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.VERIFIED):
        IncidentFactory(status=status)
    IncidentFactory(status=Status.RETRACTED, retraction_reason="Duplicate of another record")
    assert list(Incident.objects.public()) == [published]


def test_public_excludes_rumours_even_when_published():
    PublishedIncidentFactory(certainty=Certainty.RUMOUR)
    assert not Incident.objects.public().exists()


@pytest.mark.parametrize("certainty", [Certainty.CONFIRMED, Certainty.PROBABLE, Certainty.POSSIBLE])
def test_public_includes_every_certainty_but_rumour(certainty):
    incident = PublishedIncidentFactory(certainty=certainty)
    assert incident.is_public
    assert list(Incident.objects.public()) == [incident]


def test_attack_is_public_only_with_its_incident():
    public_attack = AttackFactory(incident=PublishedIncidentFactory())
    AttackFactory(incident=IncidentFactory())
    AttackFactory(incident=PublishedIncidentFactory(certainty=Certainty.RUMOUR))
    assert list(Attack.objects.public()) == [public_attack]


def test_witness_statement_public_only_with_unwithdrawn_consent():
    incident = PublishedIncidentFactory()
    shown = WitnessAccountFactory(incident=incident, consent=Consent.ANONYMISED_PUBLICATION)
    WitnessAccountFactory(incident=incident, consent=Consent.INTERNAL_ONLY)
    withdrawn = WitnessAccountFactory(
        incident=incident, consent=Consent.NAMED_PUBLICATION, consent_withdrawn_on=datetime.date(2018, 3, 1)
    )
    WitnessAccountFactory(incident=IncidentFactory(), consent=Consent.ANONYMISED_PUBLICATION)
    assert list(WitnessAccount.objects.public().with_public_statement()) == [shown]
    assert shown.statement_is_public and not withdrawn.statement_is_public


def test_public_evidence_excludes_restricted_and_retracted_items():
    incident = PublishedIncidentFactory()
    shown = EvidenceMediaFactory(incident=incident, visibility="public")
    EvidenceMediaFactory(incident=incident, visibility="restricted")
    retracted = EvidenceMediaFactory(incident=incident, visibility="public")
    EvidenceMedia.objects.filter(pk=retracted.pk).update(retracted_at=datetime.datetime.now(datetime.UTC))
    EvidenceMediaFactory(incident=IncidentFactory(), visibility="public")
    assert list(EvidenceMedia.objects.public()) == [shown]


# Rule 2: the witness's identity


def test_witness_str_is_the_alias_only():
    account = WitnessAccountFactory(alias="Abu Omar", real_name="Khaled Secretname", contact="+963 911 111")
    assert str(account) == "Abu Omar"
    unprotected = WitnessAccountFactory(alias="", identity_protected=False, real_name="Samir Hiddenname")
    assert "Hiddenname" not in str(unprotected)


def test_real_name_and_contact_are_encrypted_at_rest():
    account = WitnessAccountFactory(real_name="Layla Plaintextcanary", contact="canary@example.org")
    stored_name = raw_column("incidents_witnessaccount", "real_name", account.pk)
    stored_contact = raw_column("incidents_witnessaccount", "contact", account.pk)
    assert "Plaintextcanary" not in stored_name and "canary@" not in stored_contact
    assert stored_name.startswith("gAAAA")
    fresh = WitnessAccount.objects.get(pk=account.pk)
    assert (fresh.real_name, fresh.contact) == ("Layla Plaintextcanary", "canary@example.org")


def test_witness_history_keeps_no_identity():
    account = WitnessAccountFactory(real_name="Historycanary Person")
    account.statement = "Updated statement"
    account.save()
    history_fields = {f.name for f in account.history.model._meta.get_fields()}
    assert not {"real_name", "contact"} & history_fields
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM incidents_historicalwitnessaccount")
        rows = cursor.fetchall()
    assert len(rows) == 2
    assert "Historycanary" not in repr(rows)


# Rule 3: evidence


def test_sha256_is_computed_from_the_stored_bytes():
    data = jpeg_bytes()
    evidence = EvidenceMediaFactory(url="", file=ContentFile(data, name="photo.JPG"))
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.size_bytes == len(data)
    assert evidence.mime_type == "image/jpeg"
    assert evidence.original_filename == "photo.JPG"
    assert "photo" not in evidence.file.name, "the stored name must not reveal the original"


def test_replacing_a_recorded_file_is_refused():
    original = jpeg_bytes(color="red")
    evidence = EvidenceMediaFactory(url="", file=ContentFile(original, name="a.jpg"))
    evidence.file = ContentFile(jpeg_bytes(color="blue"), name="b.jpg")
    with pytest.raises(ValidationError):
        evidence.save()
    evidence.refresh_from_db()
    assert evidence.file.read() == original


def test_custody_log_is_append_only():
    event = CustodyEventFactory()
    event.note = "rewritten"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        CustodyEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(ValidationError):
        CustodyEvent.objects.all().delete()
    assert CustodyEvent.objects.get(pk=event.pk).note == ""


# Derived values


def test_double_tap_is_derived_from_follow_up():
    first = IncidentFactory()
    second = IncidentFactory(follow_up_of=first, place=first.place)
    lone = IncidentFactory()
    assert first.is_double_tap and second.is_double_tap
    assert not lone.is_double_tap


def test_follow_up_cannot_precede_the_first_strike():
    first = IncidentFactory(date=datetime.date(2018, 1, 10))
    second = IncidentFactory.build(date=datetime.date(2018, 1, 9), follow_up_of=first, place=first.place)
    with pytest.raises(ValidationError):
        second.full_clean(exclude=["code"])


def test_repeat_attacks_are_derived_per_facility():
    hospital = FacilityFactory()
    attacks = [
        AttackFactory(facility=hospital, incident=IncidentFactory(date=datetime.date(2018, 1, day)))
        for day in (4, 9, 21)
    ]
    once = AttackFactory()
    assert [a.sequence_number for a in attacks] == [1, 2, 3]
    assert set(Attack.objects.repeat()) == set(attacks)
    assert once not in Attack.objects.repeat()


def test_primary_perpetrator_and_sub_party_filter():
    parent = PerpetratorFactory(code="extremist-groups")
    child = PerpetratorFactory(code="isis", parent=parent)
    incident = IncidentFactory()
    AttributionFactory(incident=incident, perpetrator=child, primary=True)
    AttributionFactory(incident=incident, primary=False)
    unattributed = IncidentFactory()
    assert incident.primary_perpetrator == child
    assert list(Incident.objects.attributed_to(parent)) == [incident]
    assert list(Incident.objects.attributed_to(child)) == [incident]
    assert list(Incident.objects.unattributed()) == [unattributed]


def test_incidents_within_a_governorate():
    governorate = GovernorateFactory()
    inside = IncidentFactory(place=PlaceFactory(parent=governorate))
    IncidentFactory()
    assert list(Incident.objects.within(governorate)) == [inside]


# Rule 5: history


@pytest.mark.parametrize(
    "factory", [IncidentFactory, AttackFactory, AttributionFactory, EvidenceMediaFactory, PerpetratorFactory]
)
def test_changes_keep_history(factory):
    record = factory()
    record.save()
    assert record.history.count() == 2


def test_evidence_is_never_deleted():
    evidence = EvidenceMediaFactory()
    with pytest.raises(ValidationError):
        evidence.delete()
    with pytest.raises(ValidationError):
        EvidenceMedia.objects.filter(pk=evidence.pk).delete()
    assert EvidenceMedia.objects.filter(pk=evidence.pk).exists()


def test_identity_reveal_log_is_append_only(custodian):
    reveal = IdentityReveal.objects.create(
        witness=WitnessAccountFactory(), user=custodian, reason="Follow-up interview"
    )
    reveal.reason = "covering tracks"
    with pytest.raises(ValidationError):
        reveal.save()
    with pytest.raises(ValidationError):
        IdentityReveal.objects.all().delete()
    with pytest.raises(ValidationError):
        IdentityReveal.objects.update(reason="")
    assert IdentityReveal.objects.get().reason == "Follow-up interview"


def test_identity_reveal_needs_a_reason(custodian):
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityReveal.objects.create(witness=WitnessAccountFactory(), user=custodian, reason="")
