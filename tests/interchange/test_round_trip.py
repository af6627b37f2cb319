"""Export everything, import into an empty database, export again: identical files."""

import pytest

from facilities.models import Facility, Place
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator, WitnessAccount
from tests.interchange.conftest import export_bytes, run_import, xlsx_values
from victims.models import Victim

ORDER = ["place", "facility", "perpetrator", "incident", "attack", "munition", "victim"]


def empty_database():
    Victim.objects.all().delete()
    WitnessAccount.objects.all().delete()
    Attack.objects.all().delete()
    Munition.objects.all().delete()
    Attribution.objects.all().delete()
    Incident.objects.update(follow_up_of=None)
    Incident.objects.all().delete()
    Facility.objects.update(parent=None)
    Facility.objects.all().delete()
    Perpetrator.objects.update(parent=None)
    Perpetrator.members.through.objects.all().delete()
    Perpetrator.objects.all().delete()
    Place.objects.update(parent=None)
    Place.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_round_trip_gives_identical_files(world, fmt, data_manager):
    before = {name: export_bytes(name, fmt if fmt != "xlsx" else "csv") for name in ORDER}
    files = {name: export_bytes(name, fmt) for name in ORDER}
    empty_database()
    assert not Incident.objects.exists() and not Place.objects.exists()
    for name in ORDER:
        outcome = run_import(name, files[name], fmt, user=data_manager, file_name=f"{name}.{fmt}")
        assert outcome.ok, [str(p) for p in outcome.problems]
        assert outcome.updated == outcome.unchanged == 0
    after = {name: export_bytes(name, fmt if fmt != "xlsx" else "csv") for name in ORDER}
    for name in ORDER:
        assert after[name] == before[name], name
    for name in ORDER:
        again = export_bytes(name, fmt)
        if fmt == "xlsx":
            # Workbooks carry their creation time; their cells must be identical.
            assert xlsx_values(again) == xlsx_values(files[name]), name
        else:
            assert again == files[name], name


def test_text_survives_the_round_trip_exactly(world, data_manager):
    files = {name: export_bytes(name) for name in ORDER}
    summary, title = world["first"].summary, world["second"].title
    empty_database()
    for name in ORDER:
        assert run_import(name, files[name], user=data_manager).ok
    assert Incident.objects.get(code="INC-2018-00001").summary == summary
    assert Incident.objects.get(code="INC-2018-00002").title == title == "@Second strike"
    assert Incident.objects.get(code="INC-2018-00002").summary == "\tindented\r\nline two"
    assert Facility.objects.get(code="FAC-000001").name.startswith("=HYPERLINK(")
    second = Incident.objects.get(code="INC-2018-00002")
    assert second.follow_up_of.code == "INC-2018-00001"
    assert second.primary_perpetrator.code == "russian-forces"
    either = Perpetrator.objects.get(code="syrian-or-russian")
    assert sorted(either.members.values_list("code", flat=True)) == ["russian-forces", "syrian-regime"]
