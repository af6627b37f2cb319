"""factory_boy factories for every domain model."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from facilities.models import Facility, FacilityKind, Place, PlaceLevel
from incidents.choices import AttackType, Certainty, Consent, Status, WitnessRelation
from incidents.models import (
    Attack,
    Attribution,
    CustodyEvent,
    EvidenceMedia,
    Incident,
    Munition,
    Perpetrator,
    Source,
    WitnessAccount,
)
from victims.models import Role, Victim


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("pcode",)

    name = "Syria"
    pcode = "SY"
    level = PlaceLevel.COUNTRY


class GovernorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Governorate {n}")
    pcode = factory.Sequence(lambda n: f"SY{n + 10:02d}")
    level = PlaceLevel.ADMIN1
    parent = factory.SubFactory(CountryFactory)


class PlaceFactory(factory.django.DjangoModelFactory):
    """A locality inside a governorate."""

    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Town {n}")
    level = PlaceLevel.LOCALITY
    parent = factory.SubFactory(GovernorateFactory)


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Hospital {n}")
    kind = FacilityKind.HOSPITAL
    place = factory.SubFactory(PlaceFactory)


class PerpetratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perpetrator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"party-{n}")
    name = factory.Sequence(lambda n: f"Party {n}")
    kind = "state_forces"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = "ngo_report"
    title = factory.Sequence(lambda n: f"Report {n}")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Strike {n}")
    summary = "Warplanes fired missiles near the hospital."
    date = datetime.date(2018, 1, 11)
    place = factory.SubFactory(PlaceFactory)
    attack_type = AttackType.HEAVY_WEAPONS
    certainty = Certainty.CONFIRMED
    status = Status.DRAFT


class PublishedIncidentFactory(IncidentFactory):
    status = Status.PUBLISHED


class AttackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attack

    incident = factory.SubFactory(IncidentFactory)
    facility = factory.SubFactory(FacilityFactory)
    damage = "moderate"


class MunitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Munition

    incident = factory.SubFactory(IncidentFactory)
    weapon = "barrel_bomb"
    count = 1


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    incident = factory.SubFactory(IncidentFactory)
    perpetrator = factory.SubFactory(PerpetratorFactory)
    certainty = "confirmed"
    primary = True


class WitnessAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WitnessAccount

    incident = factory.SubFactory(IncidentFactory)
    alias = factory.Sequence(lambda n: f"Abu Witness {n}")
    real_name = factory.Sequence(lambda n: f"Real Person {n}")
    contact = "+963 900 000 000"
    relation = WitnessRelation.EYEWITNESS
    consent = Consent.ANONYMISED_PUBLICATION
    statement = "The missiles landed in front of the hospital."


class EvidenceMediaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceMedia

    incident = factory.SubFactory(IncidentFactory)
    kind = "photo"
    url = "https://example.org/photo.jpg"


class CustodyEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustodyEvent

    evidence = factory.SubFactory(EvidenceMediaFactory)
    action = "received"


class VictimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Victim

    name = factory.Sequence(lambda n: f"Victim {n}")
    role = Role.PARAMEDIC
    incident = factory.SubFactory(IncidentFactory)
    publish_name = True
    status = Status.DRAFT
