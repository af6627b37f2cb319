"""A small data set for the report's page and download tests: the shared world, a sub-sub-party
and a facility with markup-like names, more than fifty facilities attacked more than once in 2017."""

import datetime

from facilities.models import Facility, FacilityKind
from incidents.choices import DatePrecision
from incidents.models import Attack, Attribution, Perpetrator
from tests.factories import PublishedIncidentFactory, VictimFactory
from tests.public.world import build_world
from victims.models import Harm, Role, Sex


def build_report_cases():
    """The shared world, a sub-sub-party and a facility with markup-like names, more than fifty
    facilities attacked more than once in 2017."""
    world = build_world()
    places, parties = world.places, world.parties
    fire = Perpetrator.objects.create(
        code="fire-and-ice", name="Fire & <Ice> forces", kind="extremist_group", parent=parties["isis"]
    )
    clinic = Facility.objects.create(
        name="<i>Clinic</i> & co", kind=FacilityKind.PRIMARY_CARE, place=places["sein"]
    )
    march = PublishedIncidentFactory(
        date=datetime.date(2018, 3, 1), place=places["sein"], date_precision=DatePrecision.MONTH
    )
    april = PublishedIncidentFactory(date=datetime.date(2018, 4, 9), place=places["sein"])
    for strike in (march, april):
        Attribution.objects.create(incident=strike, perpetrator=fire, certainty="confirmed", primary=True)
        Attack.objects.create(incident=strike, facility=clinic, damage="slight")
    VictimFactory(
        incident=april,
        name="Medic",
        role=Role.DOCTOR,
        sex=Sex.FEMALE,
        age=12,
        status="published",
        harm=Harm.KILLED,
    )

    first = PublishedIncidentFactory(date=datetime.date(2017, 5, 2), place=places["douma"])
    second = PublishedIncidentFactory(date=datetime.date(2017, 6, 12), place=places["maaret"])
    third = PublishedIncidentFactory(
        date=datetime.date(2017, 7, 3), place=places["maaret"], date_precision=DatePrecision.WEEK
    )
    Attribution.objects.create(
        incident=second, perpetrator=parties["regime"], certainty="probable", primary=True
    )
    kinds = [
        FacilityKind.HOSPITAL,
        FacilityKind.AMBULANCE,
        FacilityKind.OTHER,
        FacilityKind.CIVIL_DEFENSE_CENTER,
    ]
    for n in range(53):
        hit = Facility.objects.create(
            name=f"Field unit {n:02d}", kind=kinds[n % len(kinds)], place=places["douma"]
        )
        strikes = (first, second, third) if n % 10 == 3 else (first, second)
        for strike in strikes:
            Attack.objects.create(incident=strike, facility=hit, damage="moderate")
