"""Munitions on the public pages: the incident page's phrases ("4 barrel bombs", in both
languages with their plural forms), and the lists' ``weapon`` filter, which also finds the
incidents that used a weapon in a munition row."""

import re

import pytest
from django.utils import translation

from facilities.models import FacilityKind
from incidents.choices import Weapon
from incidents.wording import MUNITION_PHRASES, munition_phrase
from tests.factories import MunitionFactory, VictimFactory
from tests.html import parse
from tests.public.helpers import attack_keys, codes, listed
from victims.models import AgeGroup

pytestmark = pytest.mark.django_db

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
# One count for each of Arabic's six plural forms (the catalogue's Plural-Forms), English's two.
COUNTS = [0, 1, 2, 3, 11, 100]


def phrases_on(client, incident, language: str = "en") -> list[str]:
    prefix = "/ar" if language == "ar" else ""
    with translation.override(language):
        response = client.get(f"{prefix}/incidents/{incident.code}/")
    assert response.status_code == 200
    lists = parse(response.content).find_all("ul", class_="munitions")
    return [item.text for item in lists[0].find_all("li")] if lists else []


def translated(language: str, weapon: str, count: int) -> str:
    with translation.override(language):
        return munition_phrase(weapon, count)


def test_the_incident_page_lists_its_munitions_as_phrases(client, world):
    incident = world.incidents["A"]
    MunitionFactory(incident=incident, weapon=Weapon.BARREL_BOMB, count=4, note="dropped by two helicopters")
    MunitionFactory(incident=incident, weapon=Weapon.CLUSTER_MUNITION, count=1)
    # In the vocabulary's order, whatever order they were entered in (the shared world gives A
    # three air strikes).
    assert phrases_on(client, incident) == [
        "3 air strikes by fixed-wing aircraft (three sorties)",
        "4 barrel bombs (dropped by two helicopters)",
        "1 cluster munition attack",
    ]


def test_the_arabic_page_uses_the_arabic_plural_forms(client, world):
    incident = world.incidents["B"]
    for weapon, count in [(Weapon.BARREL_BOMB, 2), (Weapon.HELICOPTER, 4), (Weapon.MORTAR, 11)]:
        MunitionFactory(incident=incident, weapon=weapon, count=count)
    expected = [translated("ar", w, n) for w, n in [("helicopter", 4), ("barrel_bomb", 2), ("mortar", 11)]]
    assert phrases_on(client, incident, "ar") == expected
    assert all(ARABIC_LETTER.search(p) and not LATIN_LETTER.search(p) for p in expected), expected
    # Two barrel bombs, three or more, eleven or more: three different Arabic forms.
    assert len({translated("ar", "barrel_bomb", n) for n in (2, 3, 11)}) == 3


def test_an_incident_without_munitions_has_no_munition_list(client, world):
    assert phrases_on(client, world.incidents["B"]) == []


@pytest.mark.parametrize("weapon", Weapon.values)
def test_every_weapon_reads_in_both_languages_with_each_plural_form(weapon):
    assert weapon in MUNITION_PHRASES
    english = [translated("en", weapon, n) for n in COUNTS]
    assert english[1].startswith("1 ") and english[2].startswith("2 ") and english[1] != english[2]
    for count in COUNTS:
        arabic = translated("ar", weapon, count)
        assert ARABIC_LETTER.search(arabic) and not LATIN_LETTER.search(arabic), (weapon, count, arabic)
    # The forms that show the number show the right one.
    assert str(11) in translated("ar", weapon, 11) and str(100) in translated("ar", weapon, 100)


# The weapon filter: the incident's own weapon, or a munition row of it.


@pytest.fixture
def munitions(world):
    incidents = world.incidents
    MunitionFactory(incident=incidents["E"], weapon=Weapon.BARREL_BOMB, count=4)  # E's own: rocket
    MunitionFactory(incident=incidents["A"], weapon=Weapon.CLUSTER_MUNITION, count=1)
    MunitionFactory(incident=incidents["B"], weapon=Weapon.FIXED_WING_AIRCRAFT, count=3)  # B's own too
    # The shared world gives the draft G nine barrel bombs: never listed.
    MunitionFactory(incident=incidents["H"], weapon=Weapon.CLUSTER_MUNITION, count=2)  # a rumour
    return world


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"weapon": "barrel_bomb"}, "E"),
        ({"weapon": "cluster_munition"}, "A"),
        ({"weapon": "rocket"}, "E"),
        ({"weapon": "fixed_wing_aircraft"}, "ABJ"),
        ({"weapon": ["fixed_wing_aircraft", "barrel_bomb"]}, "ABEJ"),
        ({"weapon": "barrel_bomb", "perpetrator": "isis"}, "E"),
        ({"weapon": "barrel_bomb", "perpetrator": "syrian-regime"}, ""),
        ({"weapon": "cluster_munition", "month": "2018-01", "governorate": "SY07"}, "A"),
    ],
)
def test_the_incident_list_finds_munitions_by_weapon(client, munitions, params, expected):
    assert listed(client, "/incidents/", params) == codes(*(munitions.incidents[k] for k in expected))


def test_the_list_count_counts_each_incident_once(client, munitions):
    response = client.get("/incidents/", {"weapon": ["fixed_wing_aircraft", "cluster_munition"]})
    assert response.context["count"] == 3  # A, B (own weapon and munition row) and J


def test_the_attack_and_facility_lists_follow_the_same_rule(client, munitions):
    world = munitions
    assert listed(client, "/attacks/", {"weapon": "cluster_munition"}) == attack_keys(
        world, ("A", "hospital")
    )
    assert listed(client, "/facilities/", {"weapon": "cluster_munition"}) == codes(
        world.facilities["hospital"]
    )
    assert listed(client, "/facilities/", {"weapon": "barrel_bomb"}) == []  # E hit no facility


def test_the_victim_list_filters_by_age_group(client, world):
    VictimFactory(incident=world.incidents["A"], name="Seventeen", age=17, status="published", harm="injured")
    VictimFactory(incident=world.incidents["A"], name="Eighteen", age=18, status="published", harm="injured")
    names = {v.code: v.name for v in type(world.victims["nurse"]).objects.all()}

    def found(params):
        return sorted(names[code] for code in listed(client, "/victims/", params))

    assert found({"age_group": "child"}) == ["Seventeen", "Young Doctor"]
    assert found({"age_group": "adult"}) == ["Eighteen", "Shu'a al Mohammad", "Suzan Fattoum"]
    unknown = ["Hidden Person", "Hosam al Mandil", "Injured Medic", "Mohammad al Bwaydani"]
    assert found({"age_group": "unknown"}) == unknown
    assert found({"age_group": ["adult", "unknown"]}) == sorted(
        ["Eighteen", "Shu'a al Mohammad", "Suzan Fattoum", *unknown]
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_new_filters_are_in_the_forms_in_both_languages(client, world, language):
    prefix = "/ar" if language == "ar" else ""
    with translation.override(language):
        victims = parse(client.get(f"{prefix}/victims/", {"age_group": "child"}).content)
        attacks = parse(client.get(f"{prefix}/attacks/").content)
        facilities = parse(client.get(f"{prefix}/facilities/").content)
        age_labels = [str(label) for label in AgeGroup.labels]
        school = str(FacilityKind.SCHOOL.label)
    boxes = victims.find_all("input", name="age_group")
    assert sorted(box.attrs["value"] for box in boxes) == ["adult", "child", "unknown"]
    assert [box.attrs["value"] for box in boxes if box.has("checked")] == ["child"]
    for label in age_labels:
        assert label in victims.text, label
    for page in (attacks, facilities):
        assert {"school", "mosque", "market"} <= {
            box.attrs["value"] for box in page.find_all("input", name="kind")
        }
        assert school in page.text
