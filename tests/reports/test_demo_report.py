"""The January 2018 report on the demo data gives the counts the seed report implies.

The expected figures are the ones listed in demo/january_2018.py: the
named victims of the seed report's section IV.A and the notable attacks of
section IV.B (the seed's totals of 9 killed and 45 attacks also cover
incidents it does not describe).
"""

import pytest
from django.core.management import call_command

from tests.reports.helpers import assert_every_number_matches_its_list, tidy

pytestmark = pytest.mark.django_db

JANUARY = {"month": "2018-01"}

DEMO_JANUARY = sorted(
    [
        ("victims_killed", "syrian-regime", "", "medical_personnel", "male", 2),
        ("victims_killed", "syrian-regime", "", "paramedic", "male", 1),
        ("victims_killed", "syrian-regime", "", "civil_defense", "male", 1),
        ("victims_killed", "russian-forces", "", "doctor", "male", 1),
        ("victims_killed", "russian-forces", "", "civil_defense", "male", 1),
        ("victims_killed", "russian-forces", "", "medical_personnel", "female", 1),
        ("victims_killed", "isis", "extremist-groups", "doctor", "female", 1),
        ("attacks", "syrian-regime", "", "medical", "", 4),
        ("attacks", "syrian-regime", "", "ambulance", "", 1),
        ("attacks", "syrian-regime", "", "civil_defense", "", 3),
        ("attacks", "syrian-or-russian-forces", "", "medical", "", 1),
        ("attacks", "russian-forces", "", "medical", "", 6),
        ("attacks", "russian-forces", "", "ambulance", "", 1),
        ("attacks", "russian-forces", "", "civil_defense", "", 4),
        ("attacks", "self-management-forces", "", "medical", "", 1),
        ("attacks", "unidentified-groups", "other-parties", "medical", "", 1),
        ("attacks", "unidentified-groups", "other-parties", "ambulance", "", 1),
        ("attacks", "unidentified-groups", "other-parties", "civil_defense", "", 1),
        ("attacks", "turkish-forces", "other-parties", "red_crescent", "", 1),
    ]
)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_january_tidy_table(client, demo):
    assert sorted(tidy(client, JANUARY)) == DEMO_JANUARY


def test_demo_january_page(client, demo):
    response = client.get("/reports/", JANUARY)
    html = response.content.decode()
    assert "Report: January 2018" in html
    assert response.context["killed_total"] == 8
    assert response.context["attacks_total"] == 25
    attacks = {line["row"].code: line["cells"][-1].n for line in response.context["attack_table"].rows}
    assert attacks["other-parties"] == 4  # unidentified groups 3 + Turkish forces 1, as sub-rows
    assert attacks["syrian-or-russian-forces"] == 1
    killed = {line["row"].code: line["cells"][-3].n for line in response.context["victim_table"].rows}
    assert killed == {"syrian-regime": 4, "russian-forces": 3, "extremist-groups": 1, "isis": 1}
    women = {line["row"].code: line["cells"][-2].n for line in response.context["victim_table"].rows}
    assert women["russian-forces"] == 1 and women["isis"] == 1
    repeat = {
        entry["facility"].name: len(entry["attacks"])
        for entry in response.context["report"].repeat_facilities["entries"]
    }
    assert sorted(repeat.values(), reverse=True) == [3, 2, 2]


def test_demo_january_numbers_equal_the_lists(client, demo):
    assert_every_number_matches_its_list(client, JANUARY)
