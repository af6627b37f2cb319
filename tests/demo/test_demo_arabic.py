"""The demo data set in both languages: every record the demo loads has its Arabic side."""

import re

import pytest
from django.core.management import call_command

from facilities.models import Facility, Place
from incidents.models import Incident, Perpetrator
from tests.html import parse
from victims.models import Victim

pytestmark = pytest.mark.django_db

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


@pytest.fixture
def demo():
    call_command("load_demo")


def untranslated(rows) -> list:
    """The rows, as (key, field, text), whose Arabic is missing, has no Arabic letter or keeps
    Latin letters (an English text pasted in instead of its translation)."""
    return [
        (key, name, text)
        for key, texts in rows
        for name, text in texts.items()
        if not ARABIC_LETTER.search(text) or LATIN_LETTER.search(text)
    ]


def test_every_incident_has_an_arabic_title_and_summary(demo):
    rows = [
        (code, {"title_ar": title_ar, "summary_ar": summary_ar})
        for code, title_ar, summary_ar in Incident.objects.values_list("code", "title_ar", "summary_ar")
    ]
    assert len(rows) == 35
    assert untranslated(rows) == []


def test_every_victim_text_has_its_arabic_side(demo):
    rows = []
    for victim in Victim.objects.all():
        # An unnamed victim (the three medics of the Violet Organization) has no name in either.
        texts = {"name_ar": victim.name_ar} if victim.name or victim.name_ar else {}
        if victim.circumstances:
            texts["circumstances_ar"] = victim.circumstances_ar
        if victim.biography:
            texts["biography_ar"] = victim.biography_ar
        rows.append((victim.code, texts))
    assert len(rows) == 12
    assert sum(len(texts) for _, texts in rows) == 29
    assert untranslated(rows) == []


@pytest.mark.parametrize(
    ("model", "count"),
    [(Place, 40), (Facility, 29), (Perpetrator, 12)],
    ids=["places", "facilities", "parties"],
)
def test_every_place_facility_and_party_has_an_arabic_name(demo, model, count):
    rows = [(name, {"name_ar": name_ar}) for name, name_ar in model.objects.values_list("name", "name_ar")]
    assert len(rows) == count
    assert untranslated(rows) == []


def test_the_arabic_incident_page_heads_with_the_arabic_title(demo, client):
    incident = Incident.objects.get(code="INC-2018-00006")
    arabic = parse(client.get(f"/ar/incidents/{incident.code}/").content).find("h1")
    english = parse(client.get(f"/incidents/{incident.code}/").content).find("h1")
    assert arabic.text == incident.title_ar == "صواريخ تسقط أمام مشفى القدس وعيادات البلسم في حمورية"
    assert not arabic.find_all("span", lang="en")  # the record's own Arabic, not a fallback
    assert english.text == incident.title


def test_loading_again_restores_an_edited_arabic_text(demo, capsys):
    incident = Incident.objects.get(code="INC-2018-00006")
    title_ar = incident.title_ar
    incident.title_ar = "عنوان معدَّل"
    incident.save()
    victim = Victim.objects.get(code="VIC-000004")
    biography_ar = victim.biography_ar
    victim.biography_ar = ""
    victim.save()
    capsys.readouterr()
    call_command("load_demo")
    incident.refresh_from_db()
    victim.refresh_from_db()
    assert (incident.title_ar, victim.biography_ar) == (title_ar, biography_ar)
    assert "2 updated" in capsys.readouterr().out
