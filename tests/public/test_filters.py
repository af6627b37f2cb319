"""Every filter parameter of interfaces.md, on every list (SQLite and PostgreSQL)."""

import pytest

from core.search import is_postgresql
from incidents.choices import Certainty
from tests.public.helpers import attack_keys, codes, listed

pytestmark = pytest.mark.django_db


def incidents(world, *keys):
    return codes(*(world.incidents[k] for k in keys))


def victims(world, *keys):
    return codes(*(world.victims[k] for k in keys))


def facilities(world, *keys):
    return codes(*(world.facilities[k] for k in keys))


# Incidents


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "ABCDEFIJ"),
        ({"date_after": "2018-01-10", "date_before": "2018-01-20"}, "BCDE"),
        ({"date_after": "2018-01-21"}, "IJ"),
        ({"month": "2018-01"}, "ABCDEFJ"),
        ({"month": "2018-02"}, "I"),
        ({"governorate": "SY07"}, "ABIJ"),
        ({"governorate": "sy03"}, "CDF"),
        ({"place": "Ma'aret al Nu'man"}, "ABIJ"),
        ({"place": "SY070300"}, "ABIJ"),
        ({"place": "al Shamali"}, "B"),
        ({"perpetrator": "russian-forces"}, "AIJ"),
        ({"perpetrator": "syrian-regime"}, "BC"),
        ({"perpetrator": "syrian-or-russian-forces"}, "F"),
        ({"perpetrator": "extremist-groups"}, "E"),
        ({"perpetrator": "isis"}, "E"),
        ({"perpetrator": "unattributed"}, "D"),
        ({"weapon": "artillery"}, "CD"),
        ({"weapon": ["artillery", "rocket"]}, "CDE"),
        ({"attack_type": "heavy_weapons"}, "ABCDEFIJ"),
        ({"attack_type": "raid"}, ""),
        ({"category": "medical"}, "AFIJ"),
        ({"category": ["ambulance", "civil_defense"]}, "BC"),
        ({"kind": "medical_point"}, "F"),
        ({"double_tap": "1"}, "CD"),
        ({"repeat": "1"}, "AIJ"),
        ({"repeat": "1", "month": "2018-01"}, "AJ"),
        ({"repeat": "1", "month": "2018-02"}, ""),
        ({"repeat": "0"}, "ABCDEFIJ"),
        ({"q": "Salam"}, "ABIJ"),
        ({"q": "douma market"}, "D"),
        ({"q": "Ma’aret al-Nu'man"}, "ABIJ"),
        ({"q": "معرة النعمان"}, "ABIJ"),
        ({"q": "SECRET-NOTE-A"}, ""),
        ({"q": "DRAFT-TITLE"}, ""),
        ({"month": "2018-01", "perpetrator": "russian-forces", "category": "medical"}, "AJ"),
    ],
)
def test_incident_filters(client, world, params, expected):
    assert listed(client, "/incidents/", params) == incidents(world, *expected)


def test_incident_governorate_by_id_and_facility_code(client, world):
    assert listed(client, "/incidents/", {"governorate": world.places["idleb"].pk}) == incidents(
        world, *"ABIJ"
    )
    hospital = world.facilities["hospital"].code
    assert listed(client, "/incidents/", {"facility": hospital}) == incidents(world, *"AIJ")


def test_incident_certainty_filter(client, world):
    world.incidents["F"].certainty = Certainty.PROBABLE
    world.incidents["F"].save()
    assert listed(client, "/incidents/", {"certainty": "probable"}) == incidents(world, "F")
    assert "F" not in listed(client, "/incidents/", {"certainty": "confirmed"})


def test_incident_code_is_searchable(client, world):
    code = world.incidents["E"].code
    assert listed(client, "/incidents/", {"q": code.lower()}) == [code]


def test_transliteration_variants_find_each_other(client, world):
    if not is_postgresql():
        pytest.skip("trigram similarity needs PostgreSQL")
    for spelling in ("Maarat al-Numan", "Maarrat al Numan", "Ma'arat an-Nu'man"):
        assert listed(client, "/incidents/", {"q": spelling}) == incidents(world, *"ABIJ"), spelling


# Victims


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["nurse", "driver", "unnamed", "rescuer", "dentist", "tortured", "injured"]),
        ({"harm": "killed"}, ["nurse", "driver", "unnamed", "rescuer", "dentist"]),
        (
            {"harm": ["killed", "tortured_to_death"]},
            ["nurse", "driver", "unnamed", "rescuer", "dentist", "tortured"],
        ),
        ({"perpetrator": "syrian-regime"}, ["driver", "rescuer", "tortured"]),
        ({"perpetrator": "russian-forces"}, ["nurse", "injured"]),
        ({"perpetrator": "unattributed"}, ["unnamed"]),
        ({"perpetrator": "extremist-groups"}, ["dentist"]),
        ({"perpetrator": "syrian-or-russian-forces"}, []),
        ({"role": "dentist"}, ["dentist"]),
        ({"report_class": "doctor"}, ["dentist", "tortured"]),
        ({"report_class": "medical_personnel"}, ["driver"]),
        ({"sex": "female"}, ["nurse", "dentist"]),
        ({"child": "yes"}, ["tortured"]),
        ({"child": "no"}, ["nurse", "dentist"]),
        ({"child": "unknown"}, ["driver", "unnamed", "rescuer", "injured"]),
        (
            {"date_after": "2018-01-15", "date_before": "2018-01-20"},
            ["tortured", "dentist", "unnamed", "rescuer"],
        ),
        ({"month": "2018-01", "governorate": "SY07"}, ["nurse", "driver", "injured"]),
        ({"place": "Douma"}, ["unnamed", "rescuer"]),
        ({"q": "Bwaydani"}, ["rescuer"]),
        ({"q": "Hidden Person"}, []),
        ({"q": "HIDDEN-BIOGRAPHY"}, []),
        ({"q": "al Salam Hospital"}, ["nurse", "driver"]),
        ({"q": "سوزان"}, ["dentist"]),
        ({"on_duty": "1"}, []),
    ],
)
def test_victim_filters(client, world, params, expected):
    assert listed(client, "/victims/", params) == victims(world, *expected)


def test_victim_affiliation_and_incident_filters(client, world):
    assert listed(client, "/victims/", {"affiliation": world.facilities["hospital"].code}) == victims(
        world, "nurse", "driver"
    )
    assert listed(client, "/victims/", {"incident": world.incidents["A"].code}) == victims(
        world, "nurse", "injured"
    )


# Facilities


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["hospital", "ambulance", "cd_centre", "point", "never"]),
        ({"category": "medical"}, ["hospital", "point", "never"]),
        ({"kind": "ambulance"}, ["ambulance"]),
        ({"governorate": "SY03"}, ["cd_centre", "point"]),
        ({"place": "Ma'aret al Nu'man"}, ["hospital", "ambulance"]),
        ({"month": "2018-01"}, ["hospital", "ambulance", "cd_centre", "point"]),
        ({"date_after": "2018-02-01"}, ["hospital"]),
        ({"repeat": "1"}, ["hospital"]),
        ({"repeat": "1", "month": "2018-01"}, ["hospital"]),
        ({"repeat": "1", "month": "2018-02"}, []),
        ({"perpetrator": "russian-forces"}, ["hospital"]),
        ({"perpetrator": "syrian-regime"}, ["ambulance", "cd_centre"]),
        ({"perpetrator": "unattributed"}, []),
        ({"weapon": "missile"}, ["point"]),
        ({"q": "Children's hospital"}, ["hospital"]),
        ({"q": "200"}, ["cd_centre"]),
        ({"q": "Douma"}, ["cd_centre", "point"]),
    ],
)
def test_facility_filters(client, world, params, expected):
    assert listed(client, "/facilities/", params) == facilities(world, *expected)


def test_facility_attack_counts_follow_the_attack_filters(client, world):
    from tests.public.helpers import csv_dicts

    def counts(params):
        rows = csv_dicts(client.get("/facilities/", {**params, "format": "csv"}))
        return {row["code"]: int(row["attacks"]) for row in rows}

    hospital = world.facilities["hospital"].code
    assert counts({})[hospital] == 3  # the draft's attack is not counted
    assert counts({"month": "2018-01"})[hospital] == 2
    assert counts({})[world.facilities["never"].code] == 0


# Attacks


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                ("A", "hospital"),
                ("B", "ambulance"),
                ("C", "cd_centre"),
                ("F", "point"),
                ("J", "hospital"),
                ("I", "hospital"),
            ],
        ),
        ({"month": "2018-01", "category": "medical"}, [("A", "hospital"), ("F", "point"), ("J", "hospital")]),
        ({"month": "2018-01", "perpetrator": "russian-forces"}, [("A", "hospital"), ("J", "hospital")]),
        ({"month": "2018-01", "repeat": "1"}, [("A", "hospital"), ("J", "hospital")]),
        ({"damage": "heavy"}, [("A", "hospital"), ("B", "ambulance")]),
        ({"kind": "ambulance"}, [("B", "ambulance")]),
        ({"governorate": "SY03", "perpetrator": "unattributed"}, []),
        ({"q": "ambulance"}, [("B", "ambulance"), ("C", "cd_centre")]),
    ],
)
def test_attack_filters(client, world, params, expected):
    assert listed(client, "/attacks/", params) == attack_keys(world, *expected)


def test_a_flag_in_the_address_is_drawn_ticked(client, world):
    """Applying the form again keeps the filter: the box of ``?double_tap=1`` is ticked."""
    html = client.get("/incidents/", {"double_tap": "1"}).content.decode()
    box = next(tag for tag in html.split("<input") if 'name="double_tap"' in tag)
    assert " checked" in box.split(">")[0]
    html = client.get("/incidents/").content.decode()
    box = next(tag for tag in html.split("<input") if 'name="double_tap"' in tag)
    assert " checked" not in box.split(">")[0]
