# ruff: noqa: E501 - the pinned CSV lines are kept whole, one string per line
"""The public CSV downloads, pinned byte for byte on a small data set with every awkward case.

The downloads read values with SQL (joins, subqueries, aggregated facility
lists) instead of building model instances; these tests hold them to the
exact bytes the object-by-object version wrote: several attacks in attack
order, attacks of incidents that are not public, earlier strikes that are not
public, no perpetrator, a secondary attribution only, Arabic text, formula-like
text, quotes and line breaks, places outside any governorate, an unusual code.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facilities.models import Facility, FacilityKind, Place, PlaceLevel
from incidents.choices import Certainty, Status, Weapon
from incidents.models import Attack, Attribution, Incident, Perpetrator
from tests.public.helpers import csv_text
from victims.models import Harm, Role, Sex, Victim

pytestmark = pytest.mark.django_db

PUBLISHED = Status.PUBLISHED


def place(name, level, parent=None, pcode="", name_ar=""):
    return Place.objects.create(name=name, name_ar=name_ar, pcode=pcode, level=level, parent=parent)


def facility(code, name, kind, where, **fields):
    return Facility.objects.create(code=code, name=name, kind=kind, place=where, **fields)


def incident(code, date, where, **fields):
    defaults = dict(
        title=f"Strike {code}",
        summary="",
        attack_type="heavy_weapons",
        certainty=Certainty.CONFIRMED,
        status=PUBLISHED,
    )
    return Incident.objects.create(code=code, date=date, place=where, **(defaults | fields))


def build():
    syria = place("Syria", PlaceLevel.COUNTRY, pcode="SY")
    idleb = place("Idleb", PlaceLevel.ADMIN1, syria, "SY07", "إدلب")
    district = place("Ma'arrat An Nu'man district", PlaceLevel.ADMIN2, idleb, "SY0703")
    maaret = place("Ma'aret al Nu'man", PlaceLevel.LOCALITY, district, "SY070300", "مَعَرَّةُ النُّعْمَان")
    shamali = place("al Shamali", PlaceLevel.NEIGHBOURHOOD, maaret)
    damascus = place("=Rural Damascus", PlaceLevel.ADMIN1, syria, "SY03", "ريف دمشق")
    douma = place("Douma", PlaceLevel.LOCALITY, damascus, "SY030100", "دوما")
    # Outside any governorate: directly under the country, and a place with no parent at all.
    border = place("Bab al Hawa crossing", PlaceLevel.LOCALITY, syria, "SY-BAH")
    nowhere = place("Unmapped camp", PlaceLevel.LOCALITY)

    regime = Perpetrator.objects.create(
        code="syrian-regime", name="Syrian regime forces", kind="state_forces"
    )
    russia = Perpetrator.objects.create(
        code="russian-forces",
        name='Russian forces, "VKS"',
        kind="foreign_state_forces",
    )
    either = Perpetrator.objects.create(
        code="syrian-or-russian-forces", name="Syrian or Russian forces", kind="undetermined"
    )
    hts = Perpetrator.objects.create(code="hts", name="-Hay'at Tahrir al-Sham", name_ar="هيئة تحرير الشام")

    hospital = facility(
        "FAC-000001", 'al Salam Hospital; "the big one"', FacilityKind.HOSPITAL, maaret, name_ar="مشفى السلام"
    )
    ambulance = facility(
        "FAC-000002", "Ambulance of al Salam", FacilityKind.AMBULANCE, maaret, parent=hospital
    )
    centre = facility(
        "FAC-000003",
        "=Civil defence centre 200",
        FacilityKind.CIVIL_DEFENSE_CENTER,
        douma,
        identifier="200",
        operator="@Syria Civil Defence",
        latitude=Decimal("33.571000"),
        longitude=Decimal("-36.402000"),
    )
    crescent = facility("FAC-000004", "SARC branch", FacilityKind.RED_CRESCENT_VEHICLE, douma)
    bakery = facility(
        "FAC-000005", "Bakery", FacilityKind.OTHER, border, other_names="al Furn, the old bakery"
    )
    # Never attacked: public because a reviewer published it.
    facility("FAC-000006", "Quiet clinic", FacilityKind.PRIMARY_CARE, nowhere, published=True)

    jan = datetime.date(2018, 1, 1)

    def day(n):
        return jan.replace(day=n)

    a = incident(
        "INC-2018-00001",
        day(3),
        maaret,
        title="Missile strike in front of al Salam Hospital",
        summary='Two missiles.\nThe second one, "the double tap", hit the ambulance.',
        title_ar="قصف صاروخي أمام مشفى السلام",
        summary_ar='=صاروخان.\nأصاب الثاني، "الضربة المزدوجة"، سيارة الإسعاف.',
        time=datetime.time(14, 5, 30),
        time_approximate=True,
        latitude=Decimal("35.646000"),
        longitude=Decimal("36.674000"),
        geo_precision="exact",
        weapon=Weapon.FIXED_WING_AIRCRAFT,
        weapon_detail="+Su-24, four missiles",
        killed_count=2,
        injured_count=7,
        area_controlled_by=hts,
        certainty=Certainty.PROBABLE,
    )
    # Three attacks, created in an order that is neither by code nor by name.
    Attack.objects.create(incident=a, facility=crescent, damage="slight")
    Attack.objects.create(incident=a, facility=hospital, damage="heavy", proximity="in_front")
    Attack.objects.create(incident=a, facility=ambulance, damage="destroyed", service_impact="out_of_service")
    Attribution.objects.create(incident=a, perpetrator=russia, certainty="probable", primary=True)
    Attribution.objects.create(incident=a, perpetrator=regime, certainty="possible", primary=False)

    draft = incident("INC-2018-00002", day(2), douma, title="DRAFT earlier strike", status=Status.DRAFT)
    Attack.objects.create(incident=draft, facility=centre)
    Attribution.objects.create(incident=draft, perpetrator=regime, certainty="confirmed", primary=True)
    rumour = incident("INC-2018-00003", day(2), douma, title="Rumoured strike", certainty=Certainty.RUMOUR)
    Attack.objects.create(incident=rumour, facility=hospital)

    earlier = incident("INC-2018-00004", day(5), douma, title="Earlier shelling of the Douma market")
    # Only a secondary attribution: no primary perpetrator.
    Attribution.objects.create(incident=earlier, perpetrator=regime, certainty="possible", primary=False)
    later = incident(
        "INC-2018-00005",
        day(5),
        douma,
        title="قصف على مركز الدفاع المدني",
        summary="قصفت قوات النظام المركز مرتين.",
        location_detail="=cmd|' /C calc'!A0",
        follow_up_of=earlier,
        latitude=Decimal("-33.500000"),
        longitude=Decimal("-70.600000"),
    )
    Attack.objects.create(incident=later, facility=centre, damage="moderate")
    Attribution.objects.create(incident=later, perpetrator=either, certainty="possible", primary=True)
    incident("INC-2018-00006", day(7), shamali, title="Follows a draft", follow_up_of=draft)
    incident(
        "INC-2018-00007",
        day(7),
        border,
        title="\tTabbed title",
        follow_up_of=rumour,
        date_precision="month",
        time=datetime.time(9, 0),
    )
    incident(
        "INC-2018-00008", day(8), idleb, title="Somewhere in the governorate", geo_precision="governorate"
    )
    odd = incident("INC_2018-odd", day(8), nowhere, title="Odd code", summary="@SUM(A1)")
    Attack.objects.create(incident=odd, facility=bakery)
    Attribution.objects.create(incident=odd, perpetrator=hts, certainty="confirmed", primary=True)

    def victim(code, **fields):
        defaults = dict(status=PUBLISHED, publish_name=True, harm=Harm.KILLED)
        return Victim.objects.create(code=code, **(defaults | fields))

    victim(
        "VIC-000001",
        incident=a,
        name="Shu'a al Mohammad",
        name_ar="شعاع المحمد",
        role=Role.NURSE,
        sex=Sex.FEMALE,
        age=30,
        affiliation=hospital,
        on_duty=True,
        circumstances='Tending to the wounded, "as always"',
        circumstances_ar="أثناء إسعاف الجرحى",
    )
    victim("VIC-000002", incident=a, name="Hidden Person", name_ar="شخص مخفي", publish_name=False, age=17)
    victim("VIC-000003", incident=a, name="", name_ar="بلا اسم", role=Role.AMBULANCE_DRIVER)
    driver = victim("VIC-000004", incident=later, name="Hosam al Mandil", role=Role.CIVIL_DEFENSE)
    victim("VIC-000005", incident=later, name="Husam Mandil", duplicate_of=driver)
    victim(
        "VIC-000006",
        incident=None,
        perpetrator=regime,
        date_of_harm=day(15),
        name="Young Doctor",
        role=Role.DOCTOR,
        age=16,
        harm=Harm.TORTURED_TO_DEATH,
        organization="=SAMS",
    )
    victim("VIC-000007", incident=None, perpetrator=hts, name="Undated", role=Role.HUMANITARIAN_WORKER)
    # Its incident has no primary party: the victim's own perpetrator does not count.
    victim("VIC-000008", incident=earlier, perpetrator=russia, name="-Vendor", role=Role.CIVILIAN, age=18)
    victim("VIC-000009", incident=draft, name="Victim of a draft")
    victim("VIC-000010", incident=a, name="Draft victim", status=Status.DRAFT)
    victim("VIC-000011", incident=odd, name="Odd victim", role=Role.PHARMACIST, affiliation=bakery)


def download(client, path, **params) -> str:
    return csv_text(client.get(path, {"format": "csv", **params}))


INCIDENTS = (
    "\ufeffcode,url,title,date,date_precision,time,time_approximate,governorate,governorate_pcode,place,"
    "place_pcode,location_detail,latitude,longitude,geo_precision,attack_type,weapon,weapon_detail,"
    "perpetrator,perpetrator_name,attribution_certainty,area_controlled_by,area_controlled_by_name,"
    "killed_count,injured_count,facilities,facility_names,facility_categories,follow_up_of,certainty,"
    "summary\r\n"
)


@pytest.mark.parametrize("language", ["", "/ar"])
def test_incident_csv_is_pinned(client, language):
    """The same columns under /ar/ (codes, in either language), and the same cells: the record's
    text in each language; only the links are to the Arabic pages."""
    build()
    expected = PINNED_INCIDENTS.replace("http://testserver/", f"http://testserver{language}/")
    assert download(client, f"{language}/incidents/") == expected


def test_attack_csv_is_pinned(client):
    build()
    assert download(client, "/attacks/") == ATTACKS


def test_victim_csv_is_pinned(client):
    build()
    if connection.vendor == "postgresql":
        expected = VICTIMS_HEADER + UNDATED_VICTIM + DATED_VICTIMS
    else:
        expected = VICTIMS_HEADER + DATED_VICTIMS + UNDATED_VICTIM
    assert download(client, "/victims/") == expected
    # "Unnamed victim" is a phrase of the page's language, not a record's text.
    arabic = expected.replace("Unnamed victim", "ضحية غير مسمّاة").replace("testserver/", "testserver/ar/")
    assert download(client, "/ar/victims/") == arabic


def test_facility_csv_is_pinned(client):
    build()
    assert download(client, "/facilities/") == FACILITIES


def test_filtered_csv_keeps_the_filter(client):
    build()
    text = download(client, "/incidents/", governorate="SY03")
    header, *rows = PINNED_INCIDENTS.split("\r\n")
    assert text == header + "\r\n" + "".join(
        line + "\r\n" for line in rows if line.startswith(("INC-2018-00004", "INC-2018-00005"))
    )


def test_no_side_of_an_unpublished_name_is_downloaded(client):
    """VIC-000002's name is not to be published: neither its English nor its Arabic side."""
    build()
    for language in ("", "/ar"):
        for path in ("/victims/", "/incidents/", "/attacks/", "/facilities/"):
            text = download(client, f"{language}{path}")
            assert "Hidden Person" not in text and "شخص مخفي" not in text, (language, path)


@pytest.mark.parametrize("path", ["/incidents/", "/attacks/", "/victims/", "/facilities/"])
def test_csv_queries_do_not_grow_with_rows(client, monkeypatch, path):
    """One query for the rows (and one for the governorates), however many chunks they come in."""
    for view in ("incidents.views", "victims.views"):
        monkeypatch.setattr(f"{view}.CSV_CHUNK", 4)
    build()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            download(client, path)
        return len(captured)

    few = queries()
    where = Place.objects.get(pcode="SY030100")
    party = Perpetrator.objects.get(code="hts")
    for n in range(30):
        more = incident(f"INC-2019-{n:05d}", datetime.date(2019, 1, 1 + n), where)
        Attribution.objects.create(incident=more, perpetrator=party, certainty="confirmed", primary=True)
        for k in range(2):
            hit = facility(f"FAC-1{n:03d}{k}", f"Clinic {n} {k}", FacilityKind.MEDICAL_POINT, where)
            Attack.objects.create(incident=more, facility=hit)
        Victim.objects.create(code=f"VIC-1{n:05d}", incident=more, name=f"Person {n}", status=PUBLISHED)
    assert queries() == few <= 2


# Written by the object-by-object downloads (before the SQL rewrite), on PostgreSQL and SQLite.
PINNED_INCIDENT_ROWS = (
    "INC_2018-odd,http://testserver/incidents/INC_2018-odd/,Odd code,2018-01-08,day,,False,,,Unmapped camp,,,,,locality,heavy_weapons,unknown,,hts,'-Hay'at Tahrir al-Sham,confirmed,,,0,0,FAC-000005,Bakery,other,,confirmed,'@SUM(A1)\r\n"
    "INC-2018-00008,http://testserver/incidents/INC-2018-00008/,Somewhere in the governorate,2018-01-08,day,,False,Idleb,SY07,Idleb,SY07,,,,governorate,heavy_weapons,unknown,,,,,,,0,0,,,,,confirmed,\r\n"
    "INC-2018-00007,http://testserver/incidents/INC-2018-00007/,'\tTabbed title,2018-01-07,month,09:00:00,False,,,Bab al Hawa crossing,SY-BAH,,,,locality,heavy_weapons,unknown,,,,,,,0,0,,,,,confirmed,\r\n"
    "INC-2018-00006,http://testserver/incidents/INC-2018-00006/,Follows a draft,2018-01-07,day,,False,Idleb,SY07,al Shamali,,,,,locality,heavy_weapons,unknown,,,,,,,0,0,,,,,confirmed,\r\n"
    "INC-2018-00005,http://testserver/incidents/INC-2018-00005/,قصف على مركز الدفاع المدني,2018-01-05,day,,False,'=Rural Damascus,SY03,Douma,SY030100,'=cmd|' /C calc'!A0,,,locality,heavy_weapons,unknown,,syrian-or-russian-forces,Syrian or Russian forces,possible,,,0,0,FAC-000003,'=Civil defence centre 200,civil_defense,INC-2018-00004,confirmed,قصفت قوات النظام المركز مرتين.\r\n"
    "INC-2018-00004,http://testserver/incidents/INC-2018-00004/,Earlier shelling of the Douma market,2018-01-05,day,,False,'=Rural Damascus,SY03,Douma,SY030100,,,,locality,heavy_weapons,unknown,,,,,,,0,0,,,,,confirmed,\r\n"
    'INC-2018-00001,http://testserver/incidents/INC-2018-00001/,Missile strike in front of al Salam Hospital,2018-01-03,day,14:05:30,True,Idleb,SY07,Ma\'aret al Nu\'man,SY070300,,,,exact,heavy_weapons,fixed_wing_aircraft,"\'+Su-24, four missiles",russian-forces,"Russian forces, ""VKS""",probable,hts,\'-Hay\'at Tahrir al-Sham,2,7,FAC-000004;FAC-000001;FAC-000002,"SARC branch;al Salam Hospital; ""the big one"";Ambulance of al Salam",red_crescent;medical;ambulance,,probable,"Two missiles.\nThe second one, ""the double tap"", hit the ambulance."\r\n'
)
PINNED_ATTACKS = (
    "\ufeffincident,date,facility,facility_name,kind,category,damage,proximity,service_impact,perpetrator,perpetrator_name,governorate,governorate_pcode,place,place_pcode\r\n"
    "INC_2018-odd,2018-01-08,FAC-000005,Bakery,other,other,,,,hts,'-Hay'at Tahrir al-Sham,,,Unmapped camp,\r\n"
    "INC-2018-00005,2018-01-05,FAC-000003,'=Civil defence centre 200,civil_defense_center,civil_defense,moderate,,,syrian-or-russian-forces,Syrian or Russian forces,'=Rural Damascus,SY03,Douma,SY030100\r\n"
    'INC-2018-00001,2018-01-03,FAC-000002,Ambulance of al Salam,ambulance,ambulance,destroyed,,out_of_service,russian-forces,"Russian forces, ""VKS""",Idleb,SY07,Ma\'aret al Nu\'man,SY070300\r\n'
    'INC-2018-00001,2018-01-03,FAC-000001,"al Salam Hospital; ""the big one""",hospital,medical,heavy,in_front,,russian-forces,"Russian forces, ""VKS""",Idleb,SY07,Ma\'aret al Nu\'man,SY070300\r\n'
    'INC-2018-00001,2018-01-03,FAC-000004,SARC branch,red_crescent_vehicle,red_crescent,slight,,,russian-forces,"Russian forces, ""VKS""",Idleb,SY07,Ma\'aret al Nu\'man,SY070300\r\n'
)
VICTIMS_HEADER = "\ufeffcode,url,name,name_ar,sex,age,child,role,report_class,affiliation,affiliation_name,organization,harm,date_of_harm,incident,perpetrator,perpetrator_name,on_duty,circumstances\r\n"
# PostgreSQL sorts a victim without a date of harm first in "-date_of_harm" order, SQLite last.
UNDATED_VICTIM = "VIC-000007,http://testserver/victims/VIC-000007/,Undated,,unknown,,,humanitarian_worker,humanitarian,,,,killed,,,hts,'-Hay'at Tahrir al-Sham,False,\r\n"
DATED_VICTIMS = (
    "VIC-000006,http://testserver/victims/VIC-000006/,Young Doctor,,unknown,16,yes,doctor,doctor,,,'=SAMS,tortured_to_death,2018-01-15,,syrian-regime,Syrian regime forces,False,\r\n"
    "VIC-000011,http://testserver/victims/VIC-000011/,Odd victim,,unknown,,,pharmacist,pharmacist,FAC-000005,Bakery,,killed,2018-01-08,INC_2018-odd,hts,'-Hay'at Tahrir al-Sham,False,\r\n"
    "VIC-000008,http://testserver/victims/VIC-000008/,'-Vendor,,unknown,18,no,civilian,civilian,,,,killed,2018-01-05,INC-2018-00004,,,False,\r\n"
    "VIC-000004,http://testserver/victims/VIC-000004/,Hosam al Mandil,,unknown,,,civil_defense,civil_defense,,,,killed,2018-01-05,INC-2018-00005,syrian-or-russian-forces,Syrian or Russian forces,False,\r\n"
    'VIC-000003,http://testserver/victims/VIC-000003/,Unnamed victim,بلا اسم,unknown,,,ambulance_driver,medical_personnel,,,,killed,2018-01-03,INC-2018-00001,russian-forces,"Russian forces, ""VKS""",False,\r\n'
    'VIC-000002,http://testserver/victims/VIC-000002/,Unnamed victim,,unknown,17,yes,unknown,civilian,,,,killed,2018-01-03,INC-2018-00001,russian-forces,"Russian forces, ""VKS""",False,\r\n'
    'VIC-000001,http://testserver/victims/VIC-000001/,Shu\'a al Mohammad,شعاع المحمد,female,30,no,nurse,nurse,FAC-000001,"al Salam Hospital; ""the big one""",,killed,2018-01-03,INC-2018-00001,russian-forces,"Russian forces, ""VKS""",True,"Tending to the wounded, ""as always"""\r\n'
)
PINNED_FACILITIES = (
    "\ufeffcode,name,name_ar,other_names,kind,category,identifier,operator,parent,governorate,governorate_pcode,place,place_pcode,latitude,longitude,attacks\r\n"
    "FAC-000003,'=Civil defence centre 200,,,civil_defense_center,civil_defense,200,'@Syria Civil Defence,,'=Rural Damascus,SY03,Douma,SY030100,,,1\r\n"
    "FAC-000002,Ambulance of al Salam,,,ambulance,ambulance,,,FAC-000001,Idleb,SY07,Ma'aret al Nu'man,SY070300,,,1\r\n"
    'FAC-000005,Bakery,,"al Furn, the old bakery",other,other,,,,,,Bab al Hawa crossing,SY-BAH,,,1\r\n'
    "FAC-000006,Quiet clinic,,,primary_care,medical,,,,,,Unmapped camp,,,,0\r\n"
    "FAC-000004,SARC branch,,,red_crescent_vehicle,red_crescent,,,,'=Rural Damascus,SY03,Douma,SY030100,,,1\r\n"
    'FAC-000001,"al Salam Hospital; ""the big one""",مشفى السلام,,hospital,medical,,,,Idleb,SY07,Ma\'aret al Nu\'man,SY070300,,,1\r\n'
)


# The Arabic side, added later at the end of each row: readers rely on the columns before it.
def with_arabic(pinned: str, cells: list[str]) -> str:
    """``pinned``'s lines (header first), each followed by its Arabic cells."""
    lines = pinned.split("\r\n")
    assert lines.pop() == ""
    return "".join(line + extra + "\r\n" for line, extra in zip(lines, cells, strict=True))


PINNED_INCIDENTS = with_arabic(
    INCIDENTS + PINNED_INCIDENT_ROWS,
    [
        ",title_ar,summary_ar,governorate_ar,place_ar,perpetrator_name_ar,area_controlled_by_name_ar,facility_names_ar",
        ",,,,,هيئة تحرير الشام,,",
        ",,,إدلب,إدلب,,,",
        ",,,,,,,",
        ",,,إدلب,,,,",
        ",,,ريف دمشق,دوما,,,",
        ",,,ريف دمشق,دوما,,,",
        # A formula-like Arabic narrative is escaped like an English one; the facility list keeps
        # a place for each facility, named in Arabic or not.
        ',قصف صاروخي أمام مشفى السلام,"\'=صاروخان.\nأصاب الثاني، ""الضربة المزدوجة""، سيارة الإسعاف.",إدلب,مَعَرَّةُ النُّعْمَان,,هيئة تحرير الشام,;مشفى السلام;',
    ],
)
ATTACKS = with_arabic(
    PINNED_ATTACKS,
    [
        ",facility_name_ar,perpetrator_name_ar,governorate_ar,place_ar",
        ",,هيئة تحرير الشام,,",
        ",,,ريف دمشق,دوما",
        ",,,إدلب,مَعَرَّةُ النُّعْمَان",
        ",مشفى السلام,,إدلب,مَعَرَّةُ النُّعْمَان",
        ",,,إدلب,مَعَرَّةُ النُّعْمَان",
    ],
)
VICTIMS_HEADER = with_arabic(VICTIMS_HEADER, [",affiliation_name_ar,perpetrator_name_ar,circumstances_ar"])
UNDATED_VICTIM = with_arabic(UNDATED_VICTIM, [",,هيئة تحرير الشام,"])
DATED_VICTIMS = with_arabic(
    DATED_VICTIMS,
    [
        ",,,",
        ",,هيئة تحرير الشام,",
        ",,,",
        ",,,",
        ",,,",
        ",,,",  # VIC-000002: neither side of its name, "شخص مخفي"
        ",مشفى السلام,,أثناء إسعاف الجرحى",
    ],
)
FACILITIES = with_arabic(
    PINNED_FACILITIES,
    [
        ",governorate_ar,place_ar",
        ",ريف دمشق,دوما",
        ",إدلب,مَعَرَّةُ النُّعْمَان",
        ",,",
        ",,",
        ",ريف دمشق,دوما",
        ",إدلب,مَعَرَّةُ النُّعْمَان",
    ],
)
