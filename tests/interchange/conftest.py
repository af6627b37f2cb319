"""Fixtures for the spreadsheet interchange tests: a small but complete world, and file helpers."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from core import interchange
from facilities.models import PlaceLevel
from interchange.registry import resolve_resource
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CountryFactory,
    FacilityFactory,
    GovernorateFactory,
    IncidentFactory,
    MunitionFactory,
    PerpetratorFactory,
    PlaceFactory,
    UserFactory,
    VictimFactory,
    WitnessAccountFactory,
)

RLM = "\u200f"  # right-to-left mark
RLO = "\u202e"  # right-to-left override


def csv_bytes(rows, bom=False, delimiter=","):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    """A workbook as a spreadsheet program writes it (control characters as _x000D_, like Excel)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([interchange.ooxml_escape(v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_values(data):
    """Cell values of the first sheet, row by row."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def json_bytes(records):
    return json.dumps(records, ensure_ascii=False, default=str).encode("utf-8")


def run_import(name, data, fmt="csv", **kwargs):
    resource = resolve_resource(name)
    return interchange.import_data(resource, data, fmt, **kwargs)


def export_bytes(name, fmt="csv", queryset=None):
    resource = resolve_resource(name)
    headers, rows = interchange.export_rows(resource, queryset)
    return b"".join(interchange.stream(fmt, headers, rows))


def read_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def problems_at(outcome):
    """{(line, column): reason} of an import outcome."""
    return {(p.line, p.column): p.reason for p in outcome.problems}


INCIDENT_HEADER = [
    "code", "title", "summary", "date", "date_precision", "time", "time_approximate", "place",
    "location_detail", "latitude", "longitude", "geo_precision", "attack_type", "weapon", "weapon_detail",
    "perpetrator", "attribution_certainty", "attribution_basis", "area_controlled_by", "killed_count",
    "injured_count", "follow_up_of", "certainty", "status",
]  # fmt: skip


def incident_row(**values):
    """A valid incident row (as a list in INCIDENT_HEADER order), with ``values`` replaced."""
    row = {
        "code": "INC-2018-00100",
        "title": "Strike on the hospital",
        "summary": "Warplanes fired missiles.",
        "date": "2018-01-11",
        "date_precision": "day",
        "time": "14:05",
        "time_approximate": "false",
        "place": "SY0700",
        "location_detail": "",
        "latitude": "35.9",
        "longitude": "36.6",
        "geo_precision": "exact",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "",
        "perpetrator": "syrian-regime",
        "attribution_certainty": "probable",
        "attribution_basis": "eyewitness",
        "area_controlled_by": "",
        "killed_count": "2",
        "injured_count": "5",
        "follow_up_of": "",
        "certainty": "confirmed",
        "status": "draft",
    }
    unknown = set(values) - set(row)
    assert not unknown, unknown
    row.update(values)
    return [row[c] for c in INCIDENT_HEADER]


@pytest.fixture
def data_manager(db):
    """A data manager who is also a reviewer: the files here hold published records, and
    importing reviewed records takes the publish permission (test_review_rights.py)."""
    return UserFactory(username="datamanager", groups=["Data manager", "Reviewer"])


@pytest.fixture
def gazetteer(db):
    country = CountryFactory()
    idleb = GovernorateFactory(name="Idleb", name_ar="إدلب", pcode="SY07", parent=country)
    district = PlaceFactory(name="Idleb district", pcode="SY0700", level=PlaceLevel.ADMIN2, parent=idleb)
    town = PlaceFactory(name="Maarat al Numan", name_ar="معرة النعمان", pcode="SY070300", parent=district)
    # A locality without pcode: referenced by its (unique) name.
    village = PlaceFactory(name="Kafr Nabl", pcode="", parent=district)
    PlaceFactory(name="al Shamali", pcode="", level=PlaceLevel.NEIGHBOURHOOD, parent=town)
    return {"country": country, "idleb": idleb, "district": district, "town": town, "village": village}


@pytest.fixture
def parties(db):
    regime = PerpetratorFactory(code="syrian-regime", name="Syrian regime forces", name_ar="قوات النظام")
    russia = PerpetratorFactory(code="russian-forces", name="Russian forces", kind="foreign_state_forces")
    others = PerpetratorFactory(code="other-parties", name="Other parties", kind="unknown")
    turkey = PerpetratorFactory(code="turkish-forces", name="Turkish forces", parent=others)
    either = PerpetratorFactory(
        code="syrian-or-russian", name="Syrian or Russian forces", kind="undetermined"
    )
    either.members.set([regime, russia])
    return {"regime": regime, "russia": russia, "others": others, "turkey": turkey, "either": either}


@pytest.fixture
def world(gazetteer, parties):
    """Every kind of record the interchange carries, with awkward text in it."""
    hospital = FacilityFactory(
        code="FAC-000001",
        name='=HYPERLINK("http://evil.example","click")',
        name_ar="مستشفى الإحسان",
        other_names="al Ihsan Hospital",
        operator="SAMS",
        place=gazetteer["town"],
        latitude=Decimal("35.648100"),
        longitude=Decimal("-36.674900"),
    )
    ambulance = FacilityFactory(
        code="FAC-000002", name="Ambulance 1", kind="ambulance", parent=hospital, place=gazetteer["village"]
    )
    first = IncidentFactory(
        code="INC-2018-00001",
        title="Strike on al Ihsan hospital",
        summary=f"<script>alert(1)</script> قصف {RLM}المشفى{RLO} <b>twice</b>",
        date=datetime.date(2018, 1, 11),
        time=datetime.time(14, 5),
        time_approximate=True,
        place=gazetteer["town"],
        location_detail="+ near the market",
        latitude=Decimal("35.648100"),
        longitude=Decimal("36.674900"),
        geo_precision="exact",
        weapon="fixed_wing_aircraft",
        weapon_detail="-Su-25, four missiles",
        killed_count=2,
        injured_count=7,
        status="published",
        area_controlled_by=parties["others"],
    )
    second = IncidentFactory(
        code="INC-2018-00002",
        title="@Second strike",
        date=datetime.date(2018, 1, 11),
        place=gazetteer["village"],
        follow_up_of=first,
        certainty="probable",
        summary="\tindented\r\nline two",
    )
    AttributionFactory(
        incident=first, perpetrator=parties["either"], certainty="probable", basis="eyewitness"
    )
    AttributionFactory(incident=second, perpetrator=parties["russia"], certainty="confirmed", basis="")
    AttributionFactory(incident=second, perpetrator=parties["regime"], certainty="possible", primary=False)
    AttackFactory(
        incident=first, facility=hospital, damage="heavy", proximity="direct_hit", service_impact=""
    )
    AttackFactory(
        incident=second, facility=ambulance, damage="", proximity="", service_impact="out_of_service"
    )
    MunitionFactory(incident=first, weapon="fixed_wing_aircraft", count=4, note="=four missiles, two passes")
    MunitionFactory(incident=first, weapon="cluster_munition", count=1, note="")
    MunitionFactory(incident=second, weapon="barrel_bomb", count=2, note="قصف ببرميلين")
    VictimFactory(
        code="VIC-000001", name="Dr. Ahmad", name_ar="أحمد", sex="male", age=41, role="doctor",
        affiliation=hospital, hometown=gazetteer["village"], incident=first, on_duty=True,
        circumstances="=1+1 tending to the wounded", status="published",
    )  # fmt: skip
    VictimFactory(
        code="VIC-000002", name="", incident=None, perpetrator=parties["regime"], harm="tortured_to_death",
        date_of_harm=datetime.date(2017, 5, 1), publish_name=False, age=None,
    )  # fmt: skip
    WitnessAccountFactory(incident=first, real_name="Secret Real Name", contact="+963 999 111 222")
    return {"hospital": hospital, "ambulance": ambulance, "first": first, "second": second, **parties}
