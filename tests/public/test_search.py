"""Search: normalisation, the stored search text, and the PostgreSQL indexes."""

import pytest
from django.db import connection

from core.search import is_postgresql, normalise, text_match
from facilities.models import Facility, Place
from incidents.models import Incident
from tests.factories import FacilityFactory, IncidentFactory, PlaceFactory, VictimFactory
from victims.models import Victim


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أحمد", "احمد"),  # alef with hamza above
        ("إدلب", "ادلب"),  # alef with hamza below
        ("آمنة", "امنه"),  # alef madda, ta marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("الشـــفاء", "الشفاء"),  # tatweel
        ("مَعَرَّةُ النُّعْمَانِ", "معره النعمان"),  # diacritics
        ("٢٠١٨", "2018"),  # Arabic-Indic digits
        ("Ma'aret al Nu'man", "maaret al numan"),
        ("Ma’aret al-Nu‘mān", "maaret al numan"),
        ("  Kafr   Zita ", "kafr zita"),
    ],
)
def test_normalise(variant, plain):
    assert normalise(variant) == plain


def test_search_text_is_kept_on_save_without_internal_notes(db):
    incident = IncidentFactory(title="Strike on al Quds", summary="Missiles fell.", internal_notes="PRIVATE")
    assert incident.search_text == "strike on al quds missiles fell"
    incident.title = "Strike on al Balsam"
    incident.save(update_fields=["title"])
    incident.refresh_from_db()
    assert incident.search_text.startswith("strike on al balsam")


def test_victim_search_text_leaves_out_unpublished_names(db):
    victim = VictimFactory(name="Secret Name", publish_name=False, circumstances="tending the wounded")
    assert "secret" not in victim.search_text
    victim.publish_name = True
    victim.save()
    assert "secret name" in victim.search_text


def test_place_and_facility_search_text(db):
    place = PlaceFactory(name="Kafr Zita", name_ar="كفرزيتا", pcode="SY0505")
    facility = FacilityFactory(
        name="Martyr Hasan al A'raj Hospital", other_names="al Maghara Hospital", place=place
    )
    assert place.search_text == "kafr zita كفرزيتا sy0505"
    assert "al maghara hospital" in facility.search_text


def test_arabic_query_matches_arabic_text_with_other_letter_forms(db):
    incident = IncidentFactory(title="قصف مستشفى الإحسان في سراقب")
    assert list(Incident.objects.filter(text_match("مستشفي الاحسان"))) == [incident]


def test_empty_query_matches_nothing(db):
    IncidentFactory()
    assert not Incident.objects.filter(text_match("  '- ")).exists()


def test_transliteration_variants_of_names_match_on_postgresql(db):
    if not is_postgresql():
        pytest.skip("trigram similarity needs PostgreSQL")
    town = PlaceFactory(name="Ma'aret al Nu'man")
    idlib = PlaceFactory(name="Idlib")
    for query in ("Maarat al-Numan", "Maarrat al Numan", "Ma'arat an-Nu'man"):
        assert town in Place.objects.filter(text_match(query)), query
    assert idlib in Place.objects.filter(text_match("Idleb"))
    assert town not in Place.objects.filter(text_match("Idleb"))
    hospital = FacilityFactory(name="Oday Saraqeb Hospital", place=town)
    assert hospital in Facility.objects.filter(text_match("Saraqib hospital"))


def test_narratives_match_by_full_text_only(db):
    incident = IncidentFactory(title="Strike on the hospital", summary="Missiles hit the entrance.")
    assert incident in Incident.objects.filter(text_match("missiles entrance", fuzzy=False))
    assert incident not in Incident.objects.filter(text_match("missiles kitchen", fuzzy=False))


def plan_of(queryset) -> str:
    sql, params = queryset.order_by().only("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_indexes_exist_and_are_used_on_postgresql(db):
    if not is_postgresql():
        pytest.skip("GIN indexes are PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_search_%"])
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "incidents_incident_search_fts",
        "victims_victim_search_fts",
        "victims_victim_search_trgm",
        "facilities_facility_search_fts",
        "facilities_facility_search_trgm",
        "facilities_place_search_trgm",
    } <= names
    assert "incidents_incident_search_trgm" not in names  # narratives: full text only
    FacilityFactory.create_batch(3)
    IncidentFactory.create_batch(3)
    incident_plan = plan_of(Incident.objects.filter(text_match("hospital", fuzzy=False)))
    assert "incidents_incident_search_fts" in incident_plan, incident_plan
    plan = plan_of(Facility.objects.filter(text_match("hospital")))
    assert "facilities_facility_search_fts" in plan and "facilities_facility_search_trgm" in plan, plan


def test_victim_search_does_not_find_unpublished_names(db):
    VictimFactory(name="Hidden Name", publish_name=False)
    assert not Victim.objects.filter(text_match("Hidden Name")).exists()
