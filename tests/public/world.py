"""A small, fully known data set for the public pages and the report.

January 2018 (public), incident: date, place, primary party -> facility hit; victims
    A  Jan 3   Ma'aret al Nu'man, russian-forces (probable) -> al Salam Hospital (medical);
               nurse (f, 30) killed
    B  Jan 11  al Shamali (inside A's town), syrian-regime -> al Salam ambulance (ambulance);
               driver (m) killed, and a duplicate record of him
    D  Jan 20  Douma, unattributed (first strike); unnamed paramedic killed
    C  Jan 20  Douma, syrian-regime, follow-up of D -> civil defence centre 200; CD worker (m) killed
    F  Jan 6   Douma, syrian-or-russian-forces (undetermined) -> Madyara medical point (medical)
    E  Jan 16  al Se'in, isis (under extremist-groups); dentist (f, 29) killed
    J  Jan 21  Ma'aret al Nu'man, russian-forces -> al Salam Hospital again (medical)
    -  Jan 15  no incident: doctor (m, 16) tortured to death by syrian-regime
Not counted: G (draft, hits al Salam Hospital), H (rumour), I (February, hits al Salam
Hospital), the duplicate victim, a draft victim.
"""

import datetime
from dataclasses import dataclass

from facilities.models import FacilityKind, PlaceLevel
from incidents.choices import Certainty, Consent, DatePrecision, Status, Visibility, Weapon
from incidents.models import Munition
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CountryFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    GovernorateFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    SourceFactory,
    VictimFactory,
    WitnessAccountFactory,
)
from victims.models import Harm, Role, Sex

JAN = datetime.date(2018, 1, 1)


def day(n: int) -> datetime.date:
    return JAN.replace(day=n)


@dataclass
class World:
    places: dict
    parties: dict
    facilities: dict
    incidents: dict
    victims: dict
    witnesses: dict
    evidence: dict


def build_world() -> World:
    country = CountryFactory()
    idleb = GovernorateFactory(name="Idleb", name_ar="إدلب", pcode="SY07", parent=country)
    damascus = GovernorateFactory(name="Rural Damascus", name_ar="ريف دمشق", pcode="SY03", parent=country)
    hama = GovernorateFactory(name="Hama", pcode="SY05", parent=country)
    district = PlaceFactory(
        name="Ma'arrat An Nu'man district", pcode="SY0703", level=PlaceLevel.ADMIN2, parent=idleb
    )
    maaret = PlaceFactory(name="Ma'aret al Nu'man", name_ar="مَعَرَّةُ النُّعْمَان", pcode="SY070300", parent=district)
    shamali = PlaceFactory(name="al Shamali", level=PlaceLevel.NEIGHBOURHOOD, parent=maaret)
    douma = PlaceFactory(name="Douma", name_ar="دوما", pcode="SY030100", parent=damascus)
    sein = PlaceFactory(name="al Se'in", parent=hama)
    places = dict(
        country=country,
        idleb=idleb,
        damascus=damascus,
        hama=hama,
        district=district,
        maaret=maaret,
        shamali=shamali,
        douma=douma,
        sein=sein,
    )

    regime = PerpetratorFactory(code="syrian-regime", name="Syrian regime forces")
    russia = PerpetratorFactory(code="russian-forces", name="Russian forces", kind="foreign_state_forces")
    either = PerpetratorFactory(
        code="syrian-or-russian-forces", name="Syrian or Russian forces", kind="undetermined"
    )
    either.members.set([regime, russia])
    extremists = PerpetratorFactory(
        code="extremist-groups", name="Extremist Islamic groups", kind="extremist_group"
    )
    isis = PerpetratorFactory(code="isis", name="ISIS", kind="extremist_group", parent=extremists)
    parties = dict(regime=regime, russia=russia, either=either, extremists=extremists, isis=isis)

    hospital = FacilityFactory(
        name="al Salam Hospital",
        other_names="Children's and Women's hospital",
        kind=FacilityKind.HOSPITAL,
        place=maaret,
        operator="SAMS",
    )
    ambulance = FacilityFactory(
        name="Ambulance of al Salam Hospital", kind=FacilityKind.AMBULANCE, place=maaret, parent=hospital
    )
    cd_centre = FacilityFactory(
        name="Civil defence centre 200", kind=FacilityKind.CIVIL_DEFENSE_CENTER, identifier="200", place=douma
    )
    point = FacilityFactory(name="Madyara medical point", kind=FacilityKind.MEDICAL_POINT, place=douma)
    # Never attacked: public because a reviewer published it.
    never = FacilityFactory(name="Quiet clinic", kind=FacilityKind.PRIMARY_CARE, place=sein, published=True)
    facilities = dict(hospital=hospital, ambulance=ambulance, cd_centre=cd_centre, point=point, never=never)

    report = SourceFactory(title="Monthly report January 2018", publisher="SNHR", url="https://example.org/r")

    def incident(key, when, place, party=None, certainty="confirmed", **fields):
        obj = PublishedIncidentFactory(date=when, place=place, **fields)
        obj.sources.add(report)
        if party is not None:
            AttributionFactory(incident=obj, perpetrator=party, certainty=certainty, primary=True)
        return obj

    a = incident(
        "A",
        day(3),
        maaret,
        russia,
        "probable",
        title="Missile strike in front of al Salam Hospital",
        weapon=Weapon.FIXED_WING_AIRCRAFT,
        time=datetime.time(14, 0),
        time_approximate=True,
        internal_notes="SECRET-NOTE-A source phone number",
        killed_count=2,
        injured_count=5,
    )
    b = incident(
        "B",
        day(11),
        shamali,
        regime,
        title="Strike kills an ambulance driver",
        weapon=Weapon.FIXED_WING_AIRCRAFT,
        location_detail="al Shamali neighbourhood",
    )
    d = incident(
        "D", day(20), douma, None, title="Earlier shelling of the Douma market", weapon=Weapon.ARTILLERY
    )
    c = incident(
        "C",
        day(20),
        douma,
        regime,
        title="Shell by a civil defence ambulance",
        weapon=Weapon.ARTILLERY,
        follow_up_of=d,
    )
    f = incident(
        "F",
        day(6),
        douma,
        either,
        "possible",
        title="Missile near the Madyara medical point",
        weapon=Weapon.MISSILE,
    )
    e = incident(
        "E", day(16), sein, isis, title="Rocket fire on al Se'in kills a dentist", weapon=Weapon.ROCKET
    )
    j = incident(
        "J",
        day(21),
        maaret,
        russia,
        "probable",
        title="Second strike on al Salam Hospital",
        weapon=Weapon.FIXED_WING_AIRCRAFT,
        date_precision=DatePrecision.WEEK,
    )
    g = PublishedIncidentFactory(
        date=day(25), place=maaret, status=Status.DRAFT, title="Draft strike DRAFT-TITLE"
    )
    AttributionFactory(incident=g, perpetrator=russia)
    h = PublishedIncidentFactory(
        date=day(26), place=maaret, certainty=Certainty.RUMOUR, title="Rumoured RUMOUR-TITLE"
    )
    AttributionFactory(incident=h, perpetrator=regime)
    i = incident(
        "I",
        datetime.date(2018, 2, 2),
        maaret,
        russia,
        title="February strike on al Salam Hospital",
        date_precision=DatePrecision.MONTH,
    )
    incidents = dict(A=a, B=b, C=c, D=d, E=e, F=f, G=g, H=h, I=i, J=j)

    AttackFactory(
        incident=a, facility=hospital, damage="heavy", proximity="in_front", service_impact="out_of_service"
    )
    AttackFactory(incident=b, facility=ambulance, damage="heavy")
    AttackFactory(incident=c, facility=cd_centre, damage="moderate")
    AttackFactory(incident=f, facility=point, damage="destroyed")
    AttackFactory(incident=j, facility=hospital, damage="slight")
    AttackFactory(incident=g, facility=hospital)
    AttackFactory(incident=h, facility=point)
    AttackFactory(incident=i, facility=hospital)
    # Strikes and munitions: three air strikes on A, four shells on C; none counts on the draft
    # or the rumour.
    Munition.objects.create(incident=a, weapon=Weapon.FIXED_WING_AIRCRAFT, count=3, note="three sorties")
    Munition.objects.create(incident=c, weapon=Weapon.ARTILLERY, count=4)
    Munition.objects.create(incident=g, weapon=Weapon.BARREL_BOMB, count=9)
    Munition.objects.create(incident=h, weapon=Weapon.BARREL_BOMB, count=11)

    published = dict(status=Status.PUBLISHED, harm=Harm.KILLED)
    nurse = VictimFactory(
        incident=a,
        name="Shu'a al Mohammad",
        role=Role.NURSE,
        sex=Sex.FEMALE,
        age=30,
        affiliation=hospital,
        **published,
    )
    driver = VictimFactory(
        incident=b,
        name="Hosam al Mandil",
        role=Role.AMBULANCE_DRIVER,
        sex=Sex.MALE,
        affiliation=hospital,
        **published,
    )
    duplicate = VictimFactory(
        incident=b,
        name="Husam Mandil",
        role=Role.AMBULANCE_DRIVER,
        sex=Sex.MALE,
        duplicate_of=driver,
        **published,
    )
    unnamed = VictimFactory(
        incident=d,
        name="Hidden Person",
        publish_name=False,
        role=Role.PARAMEDIC,
        sex=Sex.MALE,
        biography="HIDDEN-BIOGRAPHY",
        **published,
    )
    rescuer = VictimFactory(
        incident=c,
        name="Mohammad al Bwaydani",
        role=Role.CIVIL_DEFENSE,
        sex=Sex.MALE,
        affiliation=cd_centre,
        **published,
    )
    dentist = VictimFactory(
        incident=e,
        name="Suzan Fattoum",
        name_ar="سوزان فطوم",
        role=Role.DENTIST,
        sex=Sex.FEMALE,
        age=29,
        **published,
    )
    tortured = VictimFactory(
        incident=None,
        perpetrator=regime,
        date_of_harm=day(15),
        name="Young Doctor",
        role=Role.DOCTOR,
        sex=Sex.MALE,
        age=16,
        status=Status.PUBLISHED,
        harm=Harm.TORTURED_TO_DEATH,
    )
    injured = VictimFactory(
        incident=a,
        name="Injured Medic",
        role=Role.PARAMEDIC,
        sex=Sex.MALE,
        status=Status.PUBLISHED,
        harm=Harm.INJURED,
    )
    draft_victim = VictimFactory(incident=a, name="DRAFT-VICTIM", status=Status.DRAFT)
    hidden_by_incident = VictimFactory(incident=g, name="VICTIM-OF-DRAFT", status=Status.PUBLISHED)
    victims = dict(
        nurse=nurse,
        driver=driver,
        duplicate=duplicate,
        unnamed=unnamed,
        rescuer=rescuer,
        dentist=dentist,
        tortured=tortured,
        injured=injured,
        draft=draft_victim,
        hidden_by_incident=hidden_by_incident,
    )

    witnesses = dict(
        consented=WitnessAccountFactory(
            incident=a,
            alias="Abu Ahmad",
            real_name="REAL-NAME-SECRET",
            contact="+963-CONTACT-SECRET",
            witness_role="media activist",
            statement="PUBLIC-STATEMENT the missile fell in front.",
        ),
        internal=WitnessAccountFactory(
            incident=a, alias="Umm Khaled", consent=Consent.INTERNAL_ONLY, statement="INTERNAL-STATEMENT"
        ),
        withdrawn=WitnessAccountFactory(
            incident=a, alias="Abu Omar", statement="WITHDRAWN-STATEMENT", consent_withdrawn_on=day(28)
        ),
    )
    evidence = dict(
        public=EvidenceMediaFactory(
            incident=a,
            visibility=Visibility.PUBLIC,
            caption="PUBLIC-CAPTION",
            url="https://example.org/public.jpg",
        ),
        restricted=EvidenceMediaFactory(
            incident=a,
            visibility=Visibility.RESTRICTED,
            caption="RESTRICTED-CAPTION",
            url="https://example.org/restricted.jpg",
        ),
    )
    return World(places, parties, facilities, incidents, victims, witnesses, evidence)
