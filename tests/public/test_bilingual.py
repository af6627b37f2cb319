"""Record text in both languages: the page's own, else the other's, marked with lang and dir.

An incident's title and narrative and a victim's circumstances and biography
have an English and an Arabic side (``title``/``title_ar``...). English pages
show the English, Arabic pages (under /ar/) the Arabic; when a record lacks
the page's language the other appears, marked ``lang``/``dir`` so screen
readers and the bidi algorithm treat it right. Search finds either side.
"""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from core.bilingual import Text, as_text, in_language, other_text, script_language
from incidents.admin import IncidentAdmin
from incidents.choices import Status
from incidents.models import Incident
from tests.factories import (
    AttackFactory,
    FacilityFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    VictimFactory,
)
from tests.html import parse
from victims.models import Harm

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "قصف مشفى الإحسان في سراقب"
ARABIC_SUMMARY = "استهدف الطيران الحربي محيط المشفى بصاروخين."


def english_path(record) -> str:
    """The record's English address, whatever language an earlier request left active."""
    with translation.override("en"):
        return record.get_absolute_url()


def heading(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return parse(response.content).find("h1")


def marked(element) -> list[tuple[str, str, str]]:
    """(lang, dir, text) of the elements below that carry a ``lang``."""
    found = []

    def walk(node):
        for child in node.children:
            if isinstance(child, str):
                continue
            if "lang" in child.attrs:
                found.append((child.attrs["lang"], child.attrs.get("dir", ""), child.text))
            walk(child)

    walk(element)
    return found


@pytest.fixture
def both():
    return PublishedIncidentFactory(
        title="Shelling of al Ihsan hospital in Saraqeb", title_ar=ARABIC_TITLE, summary_ar=ARABIC_SUMMARY
    )


def test_each_language_reads_its_own_title(client, both):
    english = heading(client, english_path(both))
    arabic = heading(client, "/ar" + english_path(both))
    assert english.text == "Shelling of al Ihsan hospital in Saraqeb"
    assert arabic.text == ARABIC_TITLE
    assert marked(english) == [] and marked(arabic) == []


def test_a_missing_side_falls_back_marked_with_its_language(client):
    arabic_only = PublishedIncidentFactory(title="", title_ar=ARABIC_TITLE)
    english_only = PublishedIncidentFactory(title="Barrel bombs on Kafr Nabl", title_ar="")
    assert marked(heading(client, english_path(arabic_only))) == [("ar", "rtl", ARABIC_TITLE)]
    assert marked(heading(client, "/ar" + english_path(english_only))) == [
        ("en", "ltr", "Barrel bombs on Kafr Nabl")
    ]


def test_the_narrative_falls_back_as_a_block(client, both):
    english = parse(client.get(english_path(both)).content)
    section = english.find("section", **{"aria-labelledby": "summary-title"})
    assert marked(section) == [] and "Warplanes fired missiles" in section.text
    Incident.objects.filter(pk=both.pk).update(summary="")
    response = client.get(english_path(both))
    section = next(
        s
        for s in parse(response.content).find_all("section")
        if s.attrs.get("aria-labelledby") == "summary-title"
    )
    assert ("ar", "rtl", ARABIC_SUMMARY) in marked(section)


def test_lists_and_links_show_the_page_language(client, both):
    page = parse(client.get("/ar/incidents/").content)
    titles = [h.text for h in page.find_all("h3")]
    assert ARABIC_TITLE in titles
    page = parse(client.get("/incidents/").content)
    assert "Shelling of al Ihsan hospital in Saraqeb" in [h.text for h in page.find_all("h3")]


def test_a_victims_text_in_both_languages_and_the_biography_only_with_the_name(client, both):
    victim = VictimFactory(
        incident=both,
        status=Status.PUBLISHED,
        harm=Harm.KILLED,
        circumstances="",
        circumstances_ar="كان يسعف الجرحى",
        biography_ar="ممرض في المشفى منذ عام 2015",
        publish_name=False,
    )
    english = client.get(english_path(victim)).content.decode()
    assert "كان يسعف الجرحى" in english
    assert "ممرض في المشفى" not in english  # an unpublished name keeps its biography private
    victim.publish_name = True
    victim.save()
    arabic = client.get("/ar" + english_path(victim)).content.decode()
    assert "ممرض في المشفى منذ عام 2015" in arabic


def test_search_finds_either_language(client, both):
    english = PublishedIncidentFactory(title="Strike on Ariha market", title_ar="")
    found = parse(client.get("/incidents/", {"q": "الإحسان"}).content)
    assert [a.attrs["href"] for a in found.find_all("a") if a.attrs.get("href") == english_path(both)]
    codes = {c.text for c in found.find_all("span", class_="code")}
    assert both.code in codes and english.code not in codes


def test_an_incident_needs_a_title_in_one_language():
    incident = PublishedIncidentFactory.build(title="", title_ar="")
    with pytest.raises(ValidationError) as refused:
        incident.full_clean(exclude=["place"])
    assert "title" in str(refused.value).lower()
    saved = PublishedIncidentFactory(title="x", title_ar="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=saved.pk).update(title="")


def test_the_admin_pairs_each_side_with_its_language_and_direction(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    form = IncidentAdmin(Incident, admin.site).get_form(request)()
    assert form.fields["title_ar"].widget.attrs.items() >= {"lang": "ar", "dir": "rtl"}.items()
    assert form.fields["summary"].widget.attrs.items() >= {"lang": "en", "dir": "ltr"}.items()
    assert "lang" not in form.fields["location_detail"].widget.attrs


def test_the_admin_finds_an_incident_by_its_arabic_title(client, superuser, both):
    client.force_login(superuser)
    response = client.get(reverse("admin:incidents_incident_changelist"), {"q": "الإحسان"})
    assert [incident.pk for incident in response.context["cl"].result_list] == [both.pk]


@pytest.mark.parametrize(
    ("english", "arabic", "language", "expected", "lang", "fallback"),
    [
        ("Strike", "قصف", "en", "Strike", "en", False),
        ("Strike", "قصف", "ar", "قصف", "ar", False),
        ("", "قصف", "en", "قصف", "ar", True),
        ("Strike", "", "ar", "Strike", "en", True),
        ("", "", "ar", "", "ar", False),
        # The language is the text's script, whichever field holds it (an import may put an
        # Arabic name in the English field, or keep a Latin acronym on the Arabic side).
        ("دوما", "", "en", "دوما", "ar", True),
        ("", "SAMS", "ar", "SAMS", "en", True),
        ("Douma (دوما)", "", "en", "Douma (دوما)", "en", False),
        ("200", "", "en", "200", "en", False),
    ],
)
def test_in_language(english, arabic, language, expected, lang, fallback):
    text = in_language(english, arabic, language)
    assert isinstance(text, Text)
    assert (str(text), text.lang, text.fallback) == (expected, lang, fallback)
    assert text.dir == ("rtl" if lang == "ar" else "ltr")


def test_names_come_in_the_page_language_first(client):
    saraqeb = PlaceFactory(name="Saraqeb", name_ar="سراقب")
    hospital = FacilityFactory(name="al Ihsan Hospital", name_ar="مشفى الإحسان", place=saraqeb)
    incident = PublishedIncidentFactory(place=saraqeb, title="Strike on al Ihsan")
    AttackFactory(incident=incident, facility=hospital)
    english = heading(client, english_path(hospital))
    arabic = heading(client, "/ar" + english_path(hospital))
    assert english.find("bdi").text == "al Ihsan Hospital"
    assert marked(english) == [("ar", "rtl", "(مشفى الإحسان)")]
    assert arabic.find("bdi").text == "مشفى الإحسان"
    assert marked(arabic) == [("en", "ltr", "(al Ihsan Hospital)")]
    row = parse(client.get("/ar/incidents/").content).find("li", class_="result")
    assert "سراقب" in row.find("p", class_="meta").text
    assert [a.text for a in row.find("p", class_="facilities").find_all("a")] == ["مشفى الإحسان"]


@pytest.mark.parametrize(
    ("value", "language", "lang", "fallback"),
    [
        ("SAMS", "ar", "en", True),
        ("SAMS", "en", "en", False),
        ("مديرية الصحة", "en", "ar", True),
        ("مديرية الصحة", "ar", "ar", False),
        # No letter: the page's language, unmarked.
        ("200", "ar", "ar", False),
        ("", "en", "en", False),
        (None, "ar", "ar", False),
        # The first letter decides, as the browser's dir="auto" does.
        ("  (مشفى) SAMS", "en", "ar", True),
        ("«SAMS» مشفى", "ar", "en", True),
    ],
)
def test_a_single_language_field_is_in_its_scripts_language(value, language, lang, fallback):
    text = as_text(value, language)
    assert (str(text), text.lang, text.fallback) == (value or "", lang, fallback)


def test_arabic_presentation_forms_are_arabic():
    assert script_language("\ufefb", "en") == "ar"  # the lam-alef ligature
    assert script_language("Éclair", "ar") == "en"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ("مشفى الإحسان", "ar", True)), ("ar", ("al Ihsan Hospital", "en", True))],
)
def test_the_other_side_is_the_other_field(language, expected):
    hospital = FacilityFactory.build(name="al Ihsan Hospital", name_ar="مشفى الإحسان")
    with translation.override(language):
        other = other_text(hospital, "name")
        assert (str(other), other.lang, other.fallback) == expected
        assert other_text(FacilityFactory.build(name="Douma", name_ar=""), "name") is None
        # A Latin acronym on the Arabic side is still the other field's text, marked as English.
        acronym = other_text(FacilityFactory.build(name="SAMS clinic", name_ar="SAMS"), "name")
        assert str(acronym) == ("SAMS" if language == "en" else "SAMS clinic")
        assert acronym.lang == "en"
