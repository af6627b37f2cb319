"""The incident list's filter columns (incidents.listing) on PostgreSQL.

Two things are held here: the columns stay what the records say, whatever
writes them (each write path below ends in ``assert_current()``, which
recomputes them from the ORM); and the list filtered on them gives what the
joins give (``incidents.filters`` keeps the joins for SQLite, and
``joins()`` switches a test to them).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from core.search import is_postgresql, normalise  # noqa: F401 (skipif)
from facilities.models import Facility, FacilityKind, Place
from incidents import listing
from incidents.choices import Certainty, Status
from incidents.models import Attack, Attribution, Incident, NameWord
from incidents.search import variants
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CountryFactory,
    FacilityFactory,
    GovernorateFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    VictimFactory,
)
from tests.public.helpers import listed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("not is_postgresql()", reason="the listing columns are PostgreSQL only"),
]


def expected_columns(incident: Incident) -> tuple:
    primary = Attribution.objects.filter(incident=incident, primary=True).first()
    place = incident.place
    places = [int(part) for part in place.path.strip("/").split("/")]
    facilities = Facility.objects.filter(attacks__incident=incident)
    words = " ".join(
        [
            incident.search_text,
            *(f.search_text for f in facilities),
            *(p.search_text for p in Place.objects.filter(pk__in=places)),
        ]
    )
    return primary.perpetrator_id if primary else None, places, words


def assert_current():
    """Every public incident's columns equal what its records give (words as a set)."""
    public = Incident.objects.public().select_related("place")
    assert public.exists()
    for incident in public:
        party, places, words = expected_columns(incident)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT primary_party_id, place_ids, "
                "strip(search_vector) = strip(to_tsvector('simple', %s)) "
                "FROM incidents_incident WHERE id = %s",
                [words, incident.pk],
            )
            stored_party, stored_places, same_words = cursor.fetchone()
        assert (stored_party, stored_places, same_words) == (party, places, True), incident.code


@pytest.fixture
def scene(db):
    """Two governorates, three towns, three parties, facilities named with variants; five public
    incidents (a-e), a draft and a rumour."""
    country = CountryFactory()
    idlib = GovernorateFactory(name="Idlib", pcode="SY07", parent=country)
    aleppo = GovernorateFactory(name="Aleppo", pcode="SY02", parent=country)
    saraqeb = PlaceFactory(name="Saraqeb", pcode="SY0700", parent=idlib)
    kafr_nubl = PlaceFactory(name="Kafr Nubl", pcode="SY0701", parent=idlib)
    atarib = PlaceFactory(name="al Atarib", pcode="SY0200", parent=aleppo)
    regime = PerpetratorFactory(code="syrian-regime", name="Syrian regime forces")
    militia = PerpetratorFactory(code="pro-regime-militias", name="Pro-regime militias", parent=regime)
    russia = PerpetratorFactory(code="russian-forces", name="Russian forces")
    hospital = FacilityFactory(name="Saraqeb National Hospital", place=saraqeb)
    cave = FacilityFactory(name="Kafr Nubl Cave Hospital", place=kafr_nubl)
    centre = FacilityFactory(
        name="Atarib Civil Defense Centre", kind=FacilityKind.CIVIL_DEFENSE_CENTER, place=atarib
    )
    things = dict(
        idlib=idlib,
        aleppo=aleppo,
        saraqeb=saraqeb,
        kafr_nubl=kafr_nubl,
        atarib=atarib,
        regime=regime,
        militia=militia,
        russia=russia,
        hospital=hospital,
        cave=cave,
        centre=centre,
    )
    rows = [
        ("a", saraqeb, regime, hospital, "Barrel bombs on the hospital", datetime.date(2019, 5, 3)),
        ("b", kafr_nubl, russia, cave, "Missiles hit the entrance", datetime.date(2019, 6, 1)),
        ("c", atarib, militia, centre, "Shelling near the market", datetime.date(2020, 2, 9)),
        ("d", saraqeb, None, None, "Rockets on Saraqib", datetime.date(2020, 7, 9)),
        ("e", kafr_nubl, russia, hospital, "Strike on the clinic", datetime.date(2021, 1, 2)),
    ]
    for key, place, party, facility, title, date in rows:
        incident = PublishedIncidentFactory(place=place, title=title, summary="", date=date)
        if party:
            AttributionFactory(incident=incident, perpetrator=party, primary=True)
        if facility:
            AttackFactory(incident=incident, facility=facility)
        things[key] = incident
    for key in "acd":
        VictimFactory(incident=things[key], status=Status.PUBLISHED)
    VictimFactory(
        incident=None, perpetrator=russia, date_of_harm=datetime.date(2019, 3, 1), status=Status.PUBLISHED
    )
    PublishedIncidentFactory(place=saraqeb, title="Draft hospital strike", status=Status.DRAFT)
    PublishedIncidentFactory(place=saraqeb, title="Rumoured hospital strike", certainty=Certainty.RUMOUR)
    return things


def listing_codes(client, params) -> list:
    return listed(client, "/incidents/", params)


FILTERS = [
    {},
    {"governorate": "SY07"},
    {"governorate": "SY02"},
    {"place": "Saraqeb"},
    {"place": "SY0701"},
    {"perpetrator": "syrian-regime"},
    {"perpetrator": "pro-regime-militias"},
    {"perpetrator": "russian-forces"},
    {"perpetrator": "unattributed"},
    {"perpetrator": "syrian-regime", "governorate": "SY07"},
    {"date_after": "2019-06-01", "date_before": "2020-12-31", "perpetrator": "russian-forces"},
    {"q": "hospital"},
    {"q": "Hospital", "governorate": "SY07", "perpetrator": "russian-forces"},
    {"q": "cave"},
    {"q": "missiles"},
    {"q": "Kafr Nubl"},
    {"q": "Idlib"},
    {"q": "Aleppo civil defense"},
    {"q": "barrel bombs"},
    {"q": "nothing like this"},
    {"category": "medical", "governorate": "SY07"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_columns_give_what_the_joins_give(client, scene, params, monkeypatch):
    assert_current()
    by_columns = listing_codes(client, params)
    monkeypatch.setattr(listing, "enabled", lambda: False)
    assert by_columns == listing_codes(client, params)


PARTIES = ["syrian-regime", "pro-regime-militias", "russian-forces", "unattributed"]


@pytest.mark.parametrize("path", ["/attacks/", "/victims/"])
@pytest.mark.parametrize("party", PARTIES)
def test_attack_and_victim_lists_count_the_same_party(client, scene, path, party, monkeypatch):
    """The attack and victim lists read the incident's party column too (victims without an
    incident: their own party)."""
    by_column = listed(client, path, {"perpetrator": party})
    expected = {
        "syrian-regime": 2,
        "pro-regime-militias": 1,
        "russian-forces": 2 if path == "/attacks/" else 1,
    }
    assert len(by_column) == expected.get(party, 0 if path == "/attacks/" else 1)
    monkeypatch.setattr(listing, "enabled", lambda: False)
    assert by_column == listed(client, path, {"perpetrator": party})


def test_filters_find_the_expected_incidents(client, scene):
    """Not only equal to the joins: right (and not vacuous)."""
    i = scene

    def codes(*keys):
        return sorted(i[k].code for k in keys)

    assert listing_codes(client, {"governorate": "SY07"}) == codes("a", "b", "d", "e")
    assert listing_codes(client, {"perpetrator": "syrian-regime"}) == codes("a", "c")
    assert listing_codes(client, {"perpetrator": "unattributed"}) == codes("d")
    assert listing_codes(client, {"q": "hospital"}) == codes("a", "b", "e")
    assert listing_codes(client, {"q": "Idlib"}) == codes("a", "b", "d", "e")
    assert listing_codes(client, {"q": i["c"].code.lower()}) == codes("c")


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("Saraqib", "ade"),  # the town, and its hospital hit in Kafr Nubl too
        ("Idleb", "abde"),
        ("Kafer Nubl", "be"),  # each word by itself: "Kafr Nabl" is too far
        ("Atareb", "c"),
    ],
)
def test_transliteration_variants_match(client, scene, query, keys):
    i = scene
    assert listing_codes(client, {"q": query}) == sorted(i[k].code for k in keys)


def test_words_are_expanded_only_to_similar_names(scene):
    groups = variants([normalise("Saraqib"), "hospital", "2019"])
    assert "saraqeb" in groups["saraqib"]
    assert "kafr" not in groups["saraqib"]
    assert groups["2019"] == ["2019"]  # numbers match exactly
    assert NameWord.objects.filter(word="atarib").exists()
    assert not NameWord.objects.filter(word__regex=r"[0-9]").exists()


def test_a_query_cannot_inject_tsquery_syntax(client, scene):
    for query in ["hospital' | 'cave", "!hospital", "hospital & !cave", "a:*", "'", "\\"]:
        response = client.get("/incidents/", {"q": query})
        assert response.status_code == 200, query


# --- every write path keeps the columns --------------------------------------------------


def search(client, query):
    return listing_codes(client, {"q": query})


def test_save_and_update_of_the_incident(client, scene):
    incident = scene["b"]
    incident.title = "Strike on the bakery"
    incident.save()
    assert incident.code in search(client, "bakery")
    Incident.objects.filter(pk=incident.pk).update(place=scene["atarib"])
    assert_current()
    assert incident.code in listing_codes(client, {"governorate": "SY02"})
    assert incident.code not in listing_codes(client, {"governorate": "SY07"})


def test_publishing_computes_an_incident_written_while_draft(client, scene):
    draft = Incident.objects.get(status=Status.DRAFT)
    AttributionFactory(incident=draft, perpetrator=scene["russia"], primary=True)
    AttackFactory(incident=draft, facility=scene["cave"])
    Incident.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert_current()
    assert draft.code in listing_codes(client, {"perpetrator": "russian-forces", "q": "cave"})


def test_bulk_create_and_raw_sql(client, scene):
    place = scene["saraqeb"]
    new = Incident.objects.bulk_create(
        [
            Incident(
                code="INC-2022-09001",
                title="Bulk one",
                date=datetime.date(2022, 1, 1),
                place=place,
                attack_type="airstrike",
                certainty=Certainty.CONFIRMED,
                status=Status.PUBLISHED,
                search_text="bulk one",
            )
        ]
    )
    Attribution.objects.bulk_create(
        [Attribution(incident=new[0], perpetrator=scene["militia"], primary=True, certainty="confirmed")]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE facilities_facility SET search_text = 'renamed by sql' WHERE id = %s",
            [scene["cave"].pk],
        )
    assert_current()
    assert "INC-2022-09001" in listing_codes(client, {"perpetrator": "syrian-regime", "q": "bulk"})
    assert scene["b"].code in search(client, "renamed")


def test_primary_attribution_changes(client, scene):
    incident = scene["a"]
    russia = scene["russia"]
    Attribution.objects.filter(incident=incident).update(primary=False)
    assert incident.code in listing_codes(client, {"perpetrator": "unattributed"})
    AttributionFactory(incident=incident, perpetrator=russia, primary=True)
    assert_current()
    assert incident.code in listing_codes(client, {"perpetrator": "russian-forces"})
    Attribution.objects.filter(incident=incident, perpetrator=russia).delete()
    assert_current()
    assert incident.code in listing_codes(client, {"perpetrator": "unattributed"})


def test_attacks_added_and_removed(client, scene):
    incident = scene["c"]
    AttackFactory(incident=incident, facility=scene["cave"])
    assert_current()
    assert incident.code in search(client, "cave")
    Attack.objects.filter(incident=incident, facility=scene["cave"]).delete()
    assert_current()
    assert incident.code not in search(client, "cave")


def test_facility_renamed(client, scene):
    cave = scene["cave"]
    cave.name = "Kafr Nubl Underground Hospital"
    cave.save()
    assert_current()
    assert scene["b"].code in search(client, "underground")
    assert scene["b"].code not in search(client, "cave")
    assert NameWord.objects.filter(word="underground").exists()


def test_place_renamed_and_moved(client, scene):
    places = scene
    places["kafr_nubl"].name = "Kafranbel"
    places["kafr_nubl"].save()
    assert_current()
    assert scene["b"].code in search(client, "Kafranbel")
    # Moving a town to another governorate moves its incidents there.
    places["kafr_nubl"].parent = places["aleppo"]
    places["kafr_nubl"].save()
    assert_current()
    assert scene["b"].code in listing_codes(client, {"governorate": "SY02"})
    assert scene["b"].code in search(client, "Aleppo")


def test_truncating_attributions(scene):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
        cursor.execute("TRUNCATE incidents_attribution")
    assert_current()
    assert not Incident.objects.exclude(primary_party_id=None).exists()


def test_a_rolled_back_write_leaves_the_columns(client, scene):
    incident = scene["a"]
    with pytest.raises(RuntimeError), transaction.atomic():
        Attribution.objects.filter(incident=incident).delete()
        raise RuntimeError
    assert incident.code in listing_codes(client, {"perpetrator": "syrian-regime"})


def test_recompute_all_restores_columns_written_around_the_triggers(scene):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE incidents_incident DISABLE TRIGGER incidents_listing_row")
        cursor.execute("UPDATE incidents_incident SET primary_party_id = NULL, search_vector = NULL")
        cursor.execute("ALTER TABLE incidents_incident ENABLE TRIGGER incidents_listing_row")
    assert listing.recompute_all() == Incident.objects.count() == 7
    assert_current()


def test_the_command_recomputes_every_incident(scene):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE incidents_incident DISABLE TRIGGER incidents_listing_row")
        cursor.execute("UPDATE incidents_incident SET place_ids = NULL")
        cursor.execute("ALTER TABLE incidents_incident ENABLE TRIGGER incidents_listing_row")
    out = io.StringIO()
    call_command("refresh_incident_listing", stdout=out)
    assert "Recomputed 7 incident(s)" in out.getvalue()
    assert_current()


def test_the_list_uses_the_one_gin_index(scene):
    """Filters and search are one lookup in the GIN index, once it has taken in its pending
    list (as autovacuum does)."""
    from incidents.filters import IncidentFilterSet

    columns = [f.column for f in Incident._meta.concrete_fields if not f.primary_key]
    copied = ", ".join("code || '-' || g" if c == "code" else c for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO incidents_incident ({', '.join(columns)}) "  # noqa: S608 (column names)
            f"SELECT {copied} FROM incidents_incident, generate_series(1, 600) AS g"
        )
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [listing.GIN_INDEX])
        cursor.execute("ANALYZE incidents_incident")
    params = {"q": "hospital", "governorate": "SY02", "perpetrator": "russian-forces"}
    queryset = IncidentFilterSet(params, queryset=Incident.objects.public()).qs
    sql, sql_params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, sql_params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert listing.GIN_INDEX in plan, plan
    assert "incidents_attribution" not in plan and "facilities_place" not in plan, plan


def test_private_text_is_not_searchable(client, scene):
    """Internal notes never reach the search vector, however the incident is written."""
    incident = scene["a"]
    incident.internal_notes = "informant zarqawi"
    incident.save()
    Incident.objects.filter(pk=scene["b"].pk).update(internal_notes="informant zarqawi")
    assert search(client, "zarqawi") == []
    assert search(client, "informant") == []


def test_names_written_in_bulk_join_the_vocabulary(client, scene):
    """A facility or place inserted without a later update (bulk_create, an import, COPY) still
    lends its words to fuzzy search."""
    Facility.objects.bulk_create(
        [
            Facility(
                name="Zarzour Clinic",
                kind=FacilityKind.HOSPITAL,
                place=scene["atarib"],
                search_text="zarzour clinic",
            )
        ]
    )
    Place.objects.bulk_create([Place(name="Khirbet", path="/99999/", search_text="khirbet")])
    assert {"zarzour", "clinic", "khirbet"} <= set(NameWord.objects.values_list("word", flat=True))
