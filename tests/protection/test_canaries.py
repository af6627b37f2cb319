"""Unique canary strings planted in every protected place must never come out.

Each canary names where it was planted. The test walks every public page, CSV
and report, searches for each canary, asks the admin autocomplete as a user
without the identity permission, reads every history table and the raw
database, and captures the log output of all of it.
"""

import datetime
import logging

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from incidents.choices import Certainty, Consent, Status
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    IncidentFactory,
    PerpetratorFactory,
    PublishedIncidentFactory,
    VictimFactory,
    WitnessAccountFactory,
)
from tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db

CANARY = {
    "real_name": "CanaryRealName Qx7",
    "contact": "CanaryContact 0944-Qx7",
    "private_statement": "CanaryPrivateStatement Qx7",
    "withdrawn_statement": "CanaryWithdrawnStatement Qx7",
    "internal_notes": "CanaryInternalNotes Qx7",
    "restricted_caption": "CanaryRestrictedCaption Qx7",
    "restricted_url": "https://canary-restricted-url.example/Qx7",
    "draft_incident": "CanaryDraftIncident Qx7",
    "rumour_incident": "CanaryRumourIncident Qx7",
    "retracted_incident": "CanaryRetractedIncident Qx7",
    "unpublished_victim_name": "CanaryUnpublishedVictim Qx7",
    "draft_victim_name": "CanaryDraftVictim Qx7",
    # The Arabic side of the same secrets.
    "unpublished_victim_name_ar": "CanaryUnpublishedVictimArabic Qx7",
    "draft_victim_name_ar": "CanaryDraftVictimArabic Qx7",
    "draft_incident_ar": "CanaryDraftIncidentArabic Qx7",
    "draft_incident_summary_ar": "CanaryDraftSummaryArabic Qx7",
}
# Stored encrypted: must not appear in the raw database either.
ENCRYPTED = ("real_name", "contact")
JANUARY = {"date_after": "2018-01-01", "date_before": "2018-01-31"}
API_LISTS = ("incidents", "attacks", "victims", "facilities", "perpetrators")


@pytest.fixture
def planted(db):
    party = PerpetratorFactory(code="canary-party", name="Canary Party")
    public = PublishedIncidentFactory(
        title="Strike on the public hospital",
        internal_notes=CANARY["internal_notes"],
        date=datetime.date(2018, 1, 11),
    )
    AttributionFactory(incident=public, perpetrator=party, primary=True)
    facility = FacilityFactory(place=public.place)
    AttackFactory(incident=public, facility=facility)
    WitnessAccountFactory(
        incident=public,
        alias="Abu Public",
        real_name=CANARY["real_name"],
        contact=CANARY["contact"],
        consent=Consent.INTERNAL_ONLY,
        statement=CANARY["private_statement"],
    )
    WitnessAccountFactory(
        incident=public,
        alias="Umm Withdrawn",
        consent=Consent.ANONYMISED_PUBLICATION,
        consent_withdrawn_on=datetime.date(2018, 2, 1),
        statement=CANARY["withdrawn_statement"],
    )
    WitnessAccountFactory(incident=public, alias="Abu Shown", statement="A statement that may be shown.")
    EvidenceMediaFactory(
        incident=public,
        visibility="restricted",
        caption=CANARY["restricted_caption"],
        url=CANARY["restricted_url"],
    )
    EvidenceMediaFactory(
        incident=public, visibility="public", url="", file=ContentFile(jpeg_bytes(gps=True), name="p.jpg")
    )
    hidden = [
        IncidentFactory(
            title=CANARY["draft_incident"],
            title_ar=CANARY["draft_incident_ar"],
            summary_ar=CANARY["draft_incident_summary_ar"],
            status=Status.DRAFT,
        ),
        PublishedIncidentFactory(title=CANARY["rumour_incident"], certainty=Certainty.RUMOUR),
        IncidentFactory(
            title=CANARY["retracted_incident"], status=Status.RETRACTED, retraction_reason="Not an attack"
        ),
    ]
    for incident in hidden:
        incident.date = public.date
        incident.place = public.place
        incident.save()
        AttributionFactory(incident=incident, perpetrator=party, primary=True)
        AttackFactory(incident=incident, facility=facility)
        VictimFactory(incident=incident, status=Status.PUBLISHED, name=f"Victim of {incident.title}")
    VictimFactory(
        incident=public,
        status=Status.PUBLISHED,
        publish_name=False,
        name=CANARY["unpublished_victim_name"],
        name_ar=CANARY["unpublished_victim_name_ar"],
    )
    VictimFactory(
        incident=public,
        status=Status.DRAFT,
        name=CANARY["draft_victim_name"],
        name_ar=CANARY["draft_victim_name_ar"],
    )
    VictimFactory(incident=public, status=Status.PUBLISHED, name="Shown Victim Name")
    return {"incident": public, "facility": facility, "party": party}


def public_urls(planted) -> list[str]:
    incident = planted["incident"]
    victims = incident.victims.filter(status=Status.PUBLISHED)
    urls = [
        "/",
        reverse("incidents:incident_list"),
        reverse("incidents:incident_list") + "?format=csv",
        reverse("incidents:incident_list") + "?format=csv&hxl=1",
        reverse("incidents:incident_detail", args=[incident.code]),
        reverse("incidents:attack_list"),
        reverse("incidents:attack_list") + "?format=csv",
        reverse("incidents:facility_list") + "?format=csv",
        reverse("reports:perpetrator_list"),
        reverse("reports:perpetrator_detail", args=[planted["party"].code]),
        reverse("victims:victim_list"),
        reverse("victims:victim_list") + "?format=csv",
        reverse("incidents:facility_list"),
        reverse("facilities:facility_detail", args=[planted["facility"].code]),
        reverse("reports:report") + "?date_after=2018-01-01&date_before=2018-01-31",
        reverse("reports:report") + "?date_after=2018-01-01&date_before=2018-01-31&format=csv",
        reverse("reports:report") + "?date_after=2018-01-01&date_before=2018-01-31&format=xlsx",
    ]
    urls += [reverse("victims:victim_detail", args=[v.code]) for v in victims]
    # The JSON API: every list (a page holding every row), every detail, the report's table.
    facility = planted["facility"]
    urls += [f"/api/v1/{name}/?page_size=500" for name in API_LISTS]
    urls += [
        f"/api/v1/incidents/{incident.code}/",
        f"/api/v1/attacks/{incident.code}/{facility.code}/",
        f"/api/v1/facilities/{facility.code}/",
        f"/api/v1/perpetrators/{planted['party'].code}/",
        "/api/v1/reports/?date_after=2018-01-01&date_before=2018-01-31",
        "/api/v1/schema/",
    ]
    urls += [f"/api/v1/victims/{v.code}/" for v in victims]
    # The Arabic pages and downloads, which show the records' Arabic side.
    urls += ["/ar" + url for url in list(urls)]
    for canary in CANARY.values():
        term = canary.split()[0] if " " in canary else canary.removeprefix("https://")[:22]
        urls += [
            reverse("incidents:incident_list") + f"?q={term}",
            reverse("incidents:incident_list") + f"?q={term}&format=csv",
            reverse("victims:victim_list") + f"?q={term}",
            reverse("incidents:facility_list") + f"?q={term}",
            *(f"/api/v1/{name}/?q={term}" for name in API_LISTS if name != "perpetrators"),
        ]
    return urls


def body(response) -> str:
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    return raw.decode("utf-8", errors="replace")


def leaks(text: str, names=CANARY) -> list[str]:
    # Searches use the first word only, and a results page may echo it back;
    # the whole canary appearing is a leak.
    return [name for name in names if CANARY[name] in text]


def test_no_canary_on_any_public_page_csv_report_or_search(client, planted, caplog):
    caplog.set_level(logging.DEBUG)
    shown = 0
    for url in public_urls(planted):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        assert not leaks(text), f"{url} leaks {leaks(text)}"
        shown += "Strike on the public hospital" in text
    assert shown >= 5, "the public incident itself must be visible, or this test proves nothing"
    assert not leaks(caplog.text)


def test_public_pages_do_show_what_is_allowed(client, planted):
    page = body(client.get(reverse("incidents:incident_detail", args=[planted["incident"].code])))
    assert "Abu Shown" in page
    assert "A statement that may be shown." in page
    assert "Shown Victim Name" in page and "Unnamed victim" in page
    api = body(client.get(f"/api/v1/incidents/{planted['incident'].code}/"))
    assert "Abu Shown" in api and "A statement that may be shown." in api


def test_hidden_incidents_have_no_detail_page(client, planted):
    from incidents.models import Incident

    for incident in Incident.objects.exclude(pk=planted["incident"].pk):
        assert client.get(reverse("incidents:incident_detail", args=[incident.code])).status_code == 404
        assert client.get(f"/api/v1/incidents/{incident.code}/").status_code == 404
        attack = f"/api/v1/attacks/{incident.code}/{planted['facility'].code}/"
        assert client.get(attack).status_code == 404


def test_hidden_victims_are_not_in_the_api(client, planted):
    from victims.models import Victim

    hidden = Victim.objects.exclude(pk__in=Victim.objects.public())
    assert hidden.count() == 4  # the draft, and those of the draft, rumoured and retracted incidents
    listed = {row["code"] for row in client.get("/api/v1/victims/?page_size=500").json()["results"]}
    for victim in hidden:
        assert victim.code not in listed
        assert client.get(f"/api/v1/victims/{victim.code}/").status_code == 404


def test_the_api_shows_what_is_allowed_and_no_more(client, planted):
    incident = client.get(f"/api/v1/incidents/{planted['incident'].code}/").json()
    assert [account["alias"] for account in incident["witness_accounts"]] == ["Abu Shown"]
    assert [item["kind"] for item in incident["evidence"]] == ["photo"]
    victims = client.get("/api/v1/victims/?page_size=500").json()["results"]
    names = {row["name"] for row in victims}
    assert "Shown Victim Name" in names and None in names
    unnamed = next(row for row in victims if row["name"] is None)
    assert unnamed["name_ar"] is None and unnamed["other_names"] is None
    detail = client.get(f"/api/v1/victims/{unnamed['code']}/").json()
    assert detail["name"] is None and detail["biography"] is None


def test_admin_autocomplete_and_pages_never_answer_with_an_identity(client, planted, documenter, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(documenter)
    incident = planted["incident"]
    account = incident.witness_accounts.get(alias="Abu Public")
    urls = [
        reverse("admin:autocomplete")
        + f"?app_label=incidents&model_name=attack&field_name=incident&term={CANARY['real_name'].split()[0]}",
        reverse("admin:incidents_witnessaccount_changelist") + f"?q={CANARY['real_name'].split()[0]}",
        reverse("admin:incidents_witnessaccount_changelist"),
        reverse("admin:incidents_witnessaccount_change", args=[account.pk]),
        reverse("admin:incidents_witnessaccount_history", args=[account.pk]),
        reverse("admin:incidents_incident_change", args=[incident.pk]),
        reverse("admin:incidents_incident_history", args=[incident.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not leaks(body(response), ENCRYPTED), url
    assert not leaks(caplog.text, ENCRYPTED)


def all_table_text(tables) -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks)


def test_history_tables_hold_no_identity(planted):
    history_tables = [m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert "incidents_historicalwitnessaccount" in history_tables
    assert not leaks(all_table_text(history_tables), ENCRYPTED)


def test_raw_database_holds_identities_only_encrypted(planted):
    tables = connection.introspection.table_names()
    assert not leaks(all_table_text(tables), ENCRYPTED)
