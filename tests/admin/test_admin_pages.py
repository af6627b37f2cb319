"""The back office: who sees which page, autocompletes, search, filters, secrecy, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facilities.models import PlaceLevel
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    FacilityFactory,
    GovernorateFactory,
    IncidentFactory,
    PerpetratorFactory,
    PlaceFactory,
    VictimFactory,
    WitnessAccountFactory,
)

ALL_MODELS = [
    "facilities.place",
    "facilities.facility",
    "incidents.perpetrator",
    "incidents.source",
    "incidents.incident",
    "incidents.attack",
    "incidents.munition",
    "incidents.attribution",
    "incidents.witnessaccount",
    "incidents.evidencemedia",
    "incidents.custodyevent",
    "victims.victim",
]
DRAFT_EDITORS_ADD = set(ALL_MODELS) - {"incidents.perpetrator"}
# What each working group may open (changelist and change page) and add, from the role groups.
VIEWABLE = {
    "documenter": set(ALL_MODELS),
    "reviewer": set(ALL_MODELS),
    "custodian": set(ALL_MODELS),
    "data_manager": set(ALL_MODELS),
    "identity_only": {"incidents.witnessaccount"},
}
ADDABLE = {
    "documenter": DRAFT_EDITORS_ADD,
    "reviewer": set(ALL_MODELS),
    "custodian": DRAFT_EDITORS_ADD,
    "data_manager": set(),
    "identity_only": set(),
}
ROLES = ["superuser", *VIEWABLE]


def admin_url(model: str, page: str, *args) -> str:
    app_label, model_name = model.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{page}", args=args)


def expected_status(role: str, model: str, page: str) -> int:
    if role == "superuser":
        return 200
    allowed = ADDABLE[role] if page == "add" else VIEWABLE[role]
    return 200 if model in allowed else 403


@pytest.fixture
def login(db, client, request):
    def as_role(role: str):
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return as_role


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", ALL_MODELS)
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_admin_page_access_follows_the_role_groups(client, login, records, role, model, page):
    login(role)
    args = (records[model].pk,) if page == "change" else ()
    response = client.get(admin_url(model, page, *args))
    assert response.status_code == expected_status(role, model, page)


@pytest.mark.parametrize("role", ROLES)
def test_history_page_opens_for_everyone_who_may_view(client, login, records, role):
    login(role)
    incident = records["incidents.incident"]
    response = client.get(admin_url("incidents.incident", "history", incident.pk))
    assert response.status_code == expected_status(role, "incidents.incident", "history")


@pytest.mark.parametrize("role", ["documenter", "reviewer", "custodian", "data_manager"])
def test_user_accounts_are_out_of_reach_of_the_working_groups(client, login, role):
    login(role)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_admin_index_lists_the_domain_models_for_a_documenter(client, login):
    login("documenter")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    for model in ALL_MODELS:
        assert admin_url(model, "changelist") in response.content.decode()


# --- Autocomplete ------------------------------------------------------------------------------


def autocomplete(client, source: str, field: str, term: str):
    app_label, model_name = source.split(".")
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": term},
    )


@pytest.mark.parametrize(
    ("source", "field", "make", "term"),
    [
        ("incidents.incident", "place", lambda: PlaceFactory(name="Kafr Nabl", name_ar="كفرنبل"), "Kafr"),
        ("incidents.incident", "place", lambda: PlaceFactory(name="Kafr Nabl", name_ar="كفرنبل"), "كفرن"),
        ("incidents.attack", "facility", lambda: FacilityFactory(name="Ihsan Hospital"), "Ihsan"),
        ("incidents.attribution", "perpetrator", lambda: PerpetratorFactory(name="Russian forces"), "Russ"),
        ("incidents.incident", "area_controlled_by", lambda: PerpetratorFactory(name="Opposition"), "Oppo"),
        ("victims.victim", "incident", lambda: IncidentFactory(title="Strike on Maarat"), "Maarat"),
    ],
)
def test_autocomplete_finds_by_name(client, login, source, field, make, term):
    login("documenter")
    wanted = make()
    PlaceFactory(name="Elsewhere")
    response = autocomplete(client, source, field, term)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(wanted.pk)]


def test_autocomplete_is_refused_without_view_permission(client, login):
    login("identity_only")
    PlaceFactory(name="Kafr Nabl")
    assert autocomplete(client, "incidents.incident", "place", "Kafr").status_code == 403


# --- Witness identities ------------------------------------------------------------------------

REAL_NAME = "Zaynab Qaddour-XJ7REALNAME"
CONTACT = "+963-XJ7CONTACT-4455"


@pytest.fixture
def witness(db):
    return WitnessAccountFactory(alias="Umm Salim", real_name=REAL_NAME, contact=CONTACT)


@pytest.mark.parametrize("role", ["superuser", "documenter", "custodian", "reviewer"])
def test_witness_identity_never_appears_in_the_back_office(client, login, witness, role):
    login(role)
    incident = witness.incident
    # Each page shows the alias, so each would show the identity if the form or list carried it.
    pages = [
        admin_url("incidents.incident", "change", incident.pk),
        admin_url("incidents.witnessaccount", "changelist"),
        admin_url("incidents.witnessaccount", "change", witness.pk),
        admin_url("incidents.witnessaccount", "history", witness.pk),
        admin_url("incidents.witnessaccount", "changelist") + "?q=Umm",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Umm Salim" in html, url
        assert "XJ7REALNAME" not in html, url
        assert "XJ7CONTACT" not in html, url


def test_witness_search_matches_the_alias_and_never_the_real_name(client, login, witness):
    login("superuser")
    url = admin_url("incidents.witnessaccount", "changelist")
    assert list(client.get(url, {"q": "Umm Salim"}).context["cl"].result_list) == [witness]
    assert list(client.get(url, {"q": "Zaynab"}).context["cl"].result_list) == []


def test_witness_admins_never_list_search_or_edit_the_identity(rf, documenter):
    """Encrypted values cannot match a search anyway; the fields must not be offered at all.

    The add page alone takes the identity, write-once (tests/admin/test_identity.py)."""
    from django.contrib import admin

    from incidents.admin import IncidentAdmin
    from incidents.models import Incident, WitnessAccount

    secret = {"real_name", "contact"}
    witness_admin = admin.site._registry[WitnessAccount]
    assert not secret & set(witness_admin.search_fields)
    assert not secret & set(witness_admin.list_display)
    request = rf.get("/")
    request.user = documenter
    existing = WitnessAccountFactory()
    assert not secret & set(witness_admin.get_fields(request, existing))
    inline = next(i for i in IncidentAdmin.inlines if i.model is WitnessAccount)
    assert not secret & set(inline(Incident, admin.site).get_fields(request, existing.incident))


# --- Search and filters ------------------------------------------------------------------------


def incident_results(client, **params):
    response = client.get(admin_url("incidents.incident", "changelist"), params)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("INC-2017-00777", "by_code"),
        ("Bakery", "by_title"),
        ("Kafr Nabl", "by_place"),
        ("كفرنبل", "by_place"),
    ],
)
def test_incident_search_by_code_title_and_place(client, login, query, key):
    login("documenter")
    incidents = {
        "by_code": IncidentFactory(code="INC-2017-00777", title="Strike on a hospital"),
        "by_title": IncidentFactory(title="Shelling near the Bakery"),
        "by_place": IncidentFactory(place=PlaceFactory(name="Kafr Nabl", name_ar="كفرنبل")),
    }
    assert incident_results(client, q=query) == {incidents[key]}


def test_governorate_filter_includes_places_below_it(client, login):
    login("documenter")
    idlib, aleppo = GovernorateFactory(name="Idlib"), GovernorateFactory(name="Aleppo")
    district = PlaceFactory(name="Maarat district", level=PlaceLevel.ADMIN2, parent=idlib)
    in_town = IncidentFactory(place=PlaceFactory(name="Kafr Nabl", parent=district))
    in_governorate = IncidentFactory(place=idlib)
    IncidentFactory(place=PlaceFactory(parent=aleppo))
    assert incident_results(client, governorate=idlib.pk) == {in_town, in_governorate}


def test_governorate_filter_offers_governorates_only(client, login):
    login("documenter")
    idlib = GovernorateFactory(name="Idlib")
    PlaceFactory(name="Kafr Nabl", parent=idlib)
    response = client.get(admin_url("incidents.incident", "changelist"))
    spec = next(
        f for f in response.context["cl"].filter_specs if getattr(f, "parameter_name", "") == "governorate"
    )
    assert [label for _, label in spec.lookup_choices] == ["Idlib"]


def test_perpetrator_filter_counts_primary_attributions_including_sub_parties(client, login):
    login("documenter")
    extremists = PerpetratorFactory(name="Extremist groups")
    isis = PerpetratorFactory(name="ISIS", parent=extremists)
    regime = PerpetratorFactory(name="Regime")
    by_sub_party = AttributionFactory(perpetrator=isis, primary=True).incident
    by_party = AttributionFactory(perpetrator=extremists, primary=True).incident
    secondary_only = AttributionFactory(perpetrator=regime, primary=True).incident
    AttributionFactory(incident=secondary_only, perpetrator=extremists, primary=False)
    assert incident_results(client, perpetrator=extremists.pk) == {by_sub_party, by_party}
    assert incident_results(client, perpetrator=isis.pk) == {by_sub_party}


def test_status_and_attack_type_filters(client, login):
    login("documenter")
    draft = IncidentFactory(attack_type="raid")
    IncidentFactory(status="in_review", attack_type="raid")
    assert incident_results(client, status="draft", attack_type="raid") == {draft}


def test_victim_governorate_filter_follows_the_incident_place(client, login):
    login("documenter")
    idlib = GovernorateFactory(name="Idlib")
    inside = VictimFactory(incident=IncidentFactory(place=PlaceFactory(parent=idlib)))
    VictimFactory()
    response = client.get(admin_url("victims.victim", "changelist"), {"governorate": idlib.pk})
    assert set(response.context["cl"].result_list) == {inside}


def test_victim_change_page_links_to_its_incident(client, login):
    login("documenter")
    victim = VictimFactory()
    html = client.get(admin_url("victims.victim", "change", victim.pk)).content.decode()
    assert f'href="{admin_url("incidents.incident", "change", victim.incident.pk)}"' in html


def test_incident_list_shows_the_primary_perpetrator(client, login):
    login("documenter")
    AttributionFactory(perpetrator=PerpetratorFactory(name="Secondary party"), primary=False)
    attribution = AttributionFactory(perpetrator=PerpetratorFactory(name="Russian forces"))
    AttributionFactory(
        incident=attribution.incident, perpetrator=PerpetratorFactory(name="Other"), primary=False
    )
    html = client.get(admin_url("incidents.incident", "changelist")).content.decode()
    cells = re.findall(r'<td class="field-primary_perpetrator">(.*?)</td>', html)
    assert sorted(cells) == ["-", "Russian forces"]


def test_facility_page_shows_its_attack_history(client, login):
    login("documenter")
    facility = FacilityFactory()
    first = AttackFactory(facility=facility, damage="heavy").incident
    second = AttackFactory(facility=facility, damage="destroyed").incident
    html = client.get(admin_url("facilities.facility", "change", facility.pk)).content.decode()
    for incident in (first, second):
        assert admin_url("incidents.incident", "change", incident.pk) in html
        assert incident.code in html
    assert "Destroyed" in html


def test_facility_filter_attacked_more_than_once(client, login):
    login("documenter")
    repeat = FacilityFactory()
    AttackFactory.create_batch(2, facility=repeat)
    AttackFactory()
    response = client.get(admin_url("facilities.facility", "changelist"), {"repeat": "yes"})
    assert set(response.context["cl"].result_list) == {repeat}


def test_perpetrator_page_shows_ancestors_and_sub_parties(client, login):
    login("documenter")
    top = PerpetratorFactory(name="Other parties")
    middle = PerpetratorFactory(name="Foreign forces", parent=top)
    PerpetratorFactory(name="Border guards", parent=middle)
    html = client.get(admin_url("incidents.perpetrator", "change", middle.pk)).content.decode()
    assert "Other parties" in html
    assert "Border guards" in html
    assert admin_url("incidents.perpetrator", "change", top.pk) in html


# --- Scale -------------------------------------------------------------------------------------


def incidents_with_parties(count: int):
    for _ in range(count):
        AttributionFactory(incident=IncidentFactory(), perpetrator=PerpetratorFactory())


def changelist_queries(client, model: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_incident_changelist_query_count_does_not_grow_with_rows(client, login):
    login("documenter")
    incidents_with_parties(5)
    few = changelist_queries(client, "incidents.incident")
    incidents_with_parties(25)
    assert changelist_queries(client, "incidents.incident") == few


def test_victim_changelist_query_count_does_not_grow_with_rows(client, login):
    login("documenter")
    VictimFactory.create_batch(5)
    few = changelist_queries(client, "victims.victim")
    VictimFactory.create_batch(25)
    assert changelist_queries(client, "victims.victim") == few
