"""Nothing public changes without review (issue 12, item 2).

A place or a facility is public only when a public record uses it or a reviewer publishes it; a
documenter's change to a public one is a proposal that a reviewer approves or rejects, and files
obey the same rule.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from facilities import proposals
from facilities.models import ChangeProposal, Facility, Place, ProposalStatus
from incidents import services
from incidents.models import Perpetrator
from tests.factories import (
    AttackFactory,
    FacilityFactory,
    IncidentFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    UserFactory,
    VictimFactory,
)
from tests.interchange.conftest import csv_bytes, run_import
from tests.public.helpers import csv_dicts, listed

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def facility_form(facility, **changes) -> dict:
    data = {
        "name": facility.name,
        "name_ar": facility.name_ar,
        "other_names": facility.other_names,
        "kind": facility.kind,
        "identifier": facility.identifier,
        "operator": facility.operator,
        "place": facility.place_id,
        "parent": facility.parent_id or "",
        "latitude": "",
        "longitude": "",
        "notes": facility.notes,
    }
    return {**data, **changes}


@pytest.fixture
def hit():
    """A facility hit in a published attack: public through the attack."""
    attack = AttackFactory(
        incident=PublishedIncidentFactory(), facility=FacilityFactory(name="al Salam Hospital")
    )
    attack.facility.refresh_from_db()
    return attack.facility


# --- what is public ---


def test_a_facility_used_only_by_a_draft_incident_is_not_public(client):
    draft_only = AttackFactory(incident=IncidentFactory(), facility=FacilityFactory(name="Hidden clinic"))
    facility = draft_only.facility
    facility.refresh_from_db()
    assert not facility.published and not facility.place.published
    assert facility.code not in listed(client, "/facilities/")
    assert facility.code not in listed(client, "/facilities/", {"q": "Hidden clinic"})
    assert client.get(f"/facilities/{facility.code}/").status_code == 404
    assert not Place.objects.public().filter(pk=facility.place_id).exists()
    assert not Place.objects.public().filter(pk=facility.place.parent_id).exists()


def test_publishing_the_incident_makes_what_it_uses_public(client, reviewer):
    incident = IncidentFactory(status="verified")
    facility = AttackFactory(incident=incident, facility=FacilityFactory(name="Soon public")).facility
    services.publish(record=incident, user=reviewer)
    facility.refresh_from_db()
    assert facility.published
    assert facility.code in listed(client, "/facilities/", {"q": "Soon public"})
    assert client.get(f"/facilities/{facility.code}/").status_code == 200
    # Its place, the incident's place and every place above them.
    for place in [facility.place, *facility.place.ancestors(), incident.place, *incident.place.ancestors()]:
        assert Place.objects.public().filter(pk=place.pk).exists(), place


def test_the_facility_an_ambulance_belongs_to_becomes_public_with_it():
    hospital = FacilityFactory()
    ambulance = FacilityFactory(kind="ambulance", parent=hospital)
    AttackFactory(incident=PublishedIncidentFactory(), facility=ambulance)
    assert Facility.objects.public().filter(pk=hospital.pk).exists()


def test_a_public_victim_makes_workplace_and_hometown_public():
    workplace, hometown = FacilityFactory(), PlaceFactory()
    VictimFactory(
        incident=PublishedIncidentFactory(), affiliation=workplace, hometown=hometown, status="published"
    )
    assert Facility.objects.public().filter(pk=workplace.pk).exists()
    assert Place.objects.public().filter(pk=hometown.pk).exists()


def test_a_reviewer_publishes_an_unused_facility(client, reviewer, documenter):
    facility = FacilityFactory(name="Reviewed clinic")
    client.force_login(documenter)
    client.post(changelist(Facility), {"action": "publish_selected", "_selected_action": [facility.pk]})
    facility.refresh_from_db()
    assert not facility.published  # documenters may not publish
    client.force_login(reviewer)
    client.post(changelist(Facility), {"action": "publish_selected", "_selected_action": [facility.pk]})
    facility.refresh_from_db()
    assert facility.published
    assert facility.history.first().history_user == reviewer
    assert facility.code in listed(client, "/facilities/")
    assert Place.objects.public().filter(pk=facility.place_id).exists()


def test_a_reviewer_publishes_an_unused_place(client, reviewer):
    place = PlaceFactory()
    client.force_login(reviewer)
    client.post(changelist(Place), {"action": "publish_selected", "_selected_action": [place.pk]})
    assert set(Place.objects.public().values_list("pk", flat=True)) >= {place.pk, place.parent_id}


# --- documenters propose, reviewers decide ---


def test_a_documenter_edit_of_a_public_facility_is_a_proposal(client, documenter, hit):
    client.force_login(documenter)
    response = client.post(
        change_url(hit), facility_form(hit, name="Renamed hospital", proposal_reason="The sign says so")
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert response.url == reverse("admin:facilities_changeproposal_change", args=[proposal.pk])
    assert "waiting for a reviewer" in str(list(get_messages(response.wsgi_request))[0])
    assert proposal.changes == {"name": "Renamed hospital"}
    assert proposal.previous == {"name": "al Salam Hospital"}
    assert (proposal.proposed_by, proposal.reason, proposal.status) == (
        documenter,
        "The sign says so",
        "pending",
    )
    hit.refresh_from_db()
    assert hit.name == "al Salam Hospital"
    # Nothing public shows the new name: the page, the search, the CSV, the incident list.
    client.logout()
    assert "Renamed hospital" not in client.get(f"/facilities/{hit.code}/").content.decode()
    assert listed(client, "/facilities/", {"q": "Renamed"}) == []
    assert [row["name"] for row in csv_dicts(client.get("/facilities/", {"format": "csv"}))] == [
        "al Salam Hospital"
    ]
    assert listed(client, "/incidents/", {"q": "Renamed"}) == []


def test_the_proposal_page_shows_the_values(client, documenter, reviewer, hit):
    client.force_login(documenter)
    client.post(change_url(hit), facility_form(hit, name="Renamed hospital"))
    proposal = ChangeProposal.objects.get()
    client.force_login(reviewer)
    page = client.get(reverse("admin:facilities_changeproposal_change", args=[proposal.pk])).content.decode()
    assert "Renamed hospital" in page and "al Salam Hospital" in page


def test_a_documenter_edit_of_an_unused_facility_is_applied(client, documenter):
    facility = FacilityFactory(name="Draft clinic")
    client.force_login(documenter)
    client.post(change_url(facility), facility_form(facility, name="Draft clinic, renamed"))
    facility.refresh_from_db()
    assert facility.name == "Draft clinic, renamed"
    assert not ChangeProposal.objects.exists()


def test_a_reviewer_edit_of_a_public_facility_is_applied(client, reviewer, hit):
    client.force_login(reviewer)
    client.post(change_url(hit), facility_form(hit, name="Renamed by a reviewer"))
    hit.refresh_from_db()
    assert hit.name == "Renamed by a reviewer"
    assert not ChangeProposal.objects.exists()


def test_approving_applies_the_change_with_history(client, documenter, reviewer, hit):
    client.force_login(documenter)
    client.post(change_url(hit), facility_form(hit, name="Renamed hospital", proposal_reason="New sign"))
    proposal = ChangeProposal.objects.get()
    # A documenter cannot approve their own proposal.
    client.post(changelist(ChangeProposal), {"action": "approve_selected", "_selected_action": [proposal.pk]})
    hit.refresh_from_db()
    assert hit.name == "al Salam Hospital"
    client.force_login(reviewer)
    client.post(changelist(ChangeProposal), {"action": "approve_selected", "_selected_action": [proposal.pk]})
    hit.refresh_from_db()
    proposal.refresh_from_db()
    assert hit.name == "Renamed hospital"
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.APPROVED, reviewer)
    latest = hit.history.first()
    assert latest.name == "Renamed hospital" and latest.history_user == reviewer
    assert documenter.username in latest.history_change_reason and "New sign" in latest.history_change_reason
    client.logout()
    assert listed(client, "/facilities/", {"q": "Renamed"}) == [hit.code]
    assert "Renamed hospital" in client.get(f"/facilities/{hit.code}/").content.decode()


def test_rejecting_changes_nothing(documenter, reviewer, hit):
    hit.name = "Renamed hospital"
    proposal = proposals.propose(record=hit, fields=["name"], user=documenter)
    proposals.reject(proposal=proposal, user=reviewer)
    hit.refresh_from_db()
    proposal.refresh_from_db()
    assert hit.name == "al Salam Hospital" and proposal.status == ProposalStatus.REJECTED
    with pytest.raises(proposals.ValidationError):
        proposals.approve(proposal=proposal, user=reviewer)


def test_a_stale_proposal_is_refused(client, documenter, reviewer, hit):
    hit.name = "Renamed hospital"
    proposal = proposals.propose(record=hit, fields=["name"], user=documenter)
    Facility.objects.filter(pk=hit.pk).update(name="Renamed meanwhile")
    client.force_login(reviewer)
    response = client.post(
        changelist(ChangeProposal), {"action": "approve_selected", "_selected_action": [proposal.pk]}
    )
    assert "has changed since this proposal" in str(list(get_messages(response.wsgi_request))[0])
    hit.refresh_from_db()
    proposal.refresh_from_db()
    assert hit.name == "Renamed meanwhile" and proposal.status == ProposalStatus.PENDING


def test_a_proposal_that_no_longer_validates_is_refused(documenter, reviewer, hit):
    other = PlaceFactory(pcode="SY9999")
    place = hit.place
    place.pcode = "SY9999"
    proposal = proposals.propose(record=place, fields=["pcode"], user=documenter)
    with pytest.raises(proposals.ValidationError):
        proposals.approve(proposal=proposal, user=reviewer)
    place.refresh_from_db()
    assert place.pcode != other.pcode


def test_a_documenter_edit_of_a_public_place_is_a_proposal(client, documenter, hit):
    place = hit.place
    client.force_login(documenter)
    data = {
        "name": "Renamed town",
        "name_ar": "",
        "pcode": place.pcode,
        "level": place.level,
        "parent": place.parent_id,
    }
    client.post(change_url(place), data)
    place.refresh_from_db()
    assert place.name != "Renamed town"
    assert ChangeProposal.objects.get().changes == {"name": "Renamed town"}


# --- files ---

FACILITY_HEADER = ["code", "name", "kind"]


def test_a_file_cannot_change_a_public_facility_without_the_publish_right(data_manager, hit):
    outcome = run_import(
        "facility", csv_bytes([FACILITY_HEADER, [hit.code, "Renamed by file", "hospital"]]), user=data_manager
    )
    assert not outcome.ok
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "code")]
    assert "only a reviewer may change it" in outcome.problems[0].reason
    hit.refresh_from_db()
    assert hit.name == "al Salam Hospital"


def test_a_file_may_repeat_a_public_facility_unchanged(data_manager, hit):
    outcome = run_import(
        "facility", csv_bytes([FACILITY_HEADER, [hit.code, hit.name, hit.kind]]), user=data_manager
    )
    assert outcome.ok, outcome.problems


def test_a_file_may_change_an_unused_facility(data_manager):
    facility = FacilityFactory(code="FAC-000777")
    outcome = run_import(
        "facility",
        csv_bytes([FACILITY_HEADER, [facility.code, "Renamed by file", "hospital"]]),
        user=data_manager,
    )
    assert outcome.ok, outcome.problems
    facility.refresh_from_db()
    assert facility.name == "Renamed by file"


def test_a_reviewer_file_changes_a_public_facility(hit):
    reviewer_importer = UserFactory(username="reviewerimporter", groups=["Reviewer", "Data manager"])
    outcome = run_import(
        "facility",
        csv_bytes([FACILITY_HEADER, [hit.code, "Renamed by file", "hospital"]]),
        user=reviewer_importer,
    )
    assert outcome.ok, outcome.problems
    hit.refresh_from_db()
    assert hit.name == "Renamed by file"


def test_a_file_cannot_change_a_public_place_without_the_publish_right(data_manager, hit):
    place = hit.place.parent
    outcome = run_import(
        "place", csv_bytes([["pcode", "name"], [place.pcode, "Renamed by file"]]), user=data_manager
    )
    assert not outcome.ok
    assert "only a reviewer may change it" in outcome.problems[0].reason
    place.refresh_from_db()
    assert place.name != "Renamed by file"


def test_a_file_without_the_party_right_cannot_add_or_change_parties(data_manager):
    party = PerpetratorFactory(code="some-forces", name="Some forces")
    header = ["code", "name", "kind"]
    for row in (
        ["some-forces", "Renamed forces", "state_forces"],
        ["new-forces", "New forces", "state_forces"],
    ):
        outcome = run_import("perpetrator", csv_bytes([header, row]), user=data_manager)
        assert not outcome.ok
        assert "only a reviewer may add or change a party" in outcome.problems[0].reason
    party.refresh_from_db()
    assert party.name == "Some forces" and not Perpetrator.objects.filter(code="new-forces").exists()


def test_a_reviewers_file_of_published_incidents_makes_their_places_public():
    importer = UserFactory(username="reviewerimporter2", groups=["Reviewer", "Data manager"])
    town = PlaceFactory(pcode="SY070300")
    header = ["code", "title", "date", "place", "attack_type", "certainty", "status"]
    row = ["INC-2018-00901", "Strike", "2018-01-11", "SY070300", "heavy_weapons", "confirmed", "published"]
    outcome = run_import("incident", csv_bytes([header, row]), user=importer)
    assert outcome.ok, outcome.problems
    assert Place.objects.public().filter(pk__in=[town.pk, town.parent_id]).count() == 2


# --- today's records ---


def test_the_migration_marks_public_exactly_what_public_records_use():
    used = AttackFactory(incident=PublishedIncidentFactory()).facility
    draft_only = AttackFactory(incident=IncidentFactory()).facility
    rumour = AttackFactory(incident=PublishedIncidentFactory(certainty="rumour")).facility
    unused = FacilityFactory()
    hometown = PlaceFactory()
    VictimFactory(incident=None, perpetrator=PerpetratorFactory(), hometown=hometown, status="published")
    Facility.objects.update(published=False)
    Place.objects.update(published=False)
    migration = importlib.import_module("victims.migrations.0007_public_places_and_facilities_by_use")
    migration.mark_public_by_use(apps, None)
    assert set(Facility.objects.public()) == {used}
    public_places = set(Place.objects.public())
    assert {used.place, *used.place.ancestors(), hometown, *hometown.ancestors()} <= public_places
    assert draft_only.place not in public_places and unused.place not in public_places
    assert rumour.place not in public_places


def test_only_a_reviewer_decides_on_a_proposal(documenter, hit):
    hit.name = "Renamed hospital"
    proposal = proposals.propose(record=hit, fields=["name"], user=documenter)
    for decide in (proposals.approve, proposals.reject):
        with pytest.raises(proposals.PermissionDenied):
            decide(proposal=proposal, user=documenter)
    hit.refresh_from_db()
    assert hit.name == "al Salam Hospital"
    assert ChangeProposal.objects.get().status == ProposalStatus.PENDING


def test_only_a_reviewer_publishes_a_shared_record(documenter):
    facility = FacilityFactory()
    with pytest.raises(proposals.PermissionDenied):
        proposals.publish(record=facility, user=documenter)
    facility.refresh_from_db()
    assert not facility.published


def test_the_proposal_message_and_page_in_arabic(client, documenter, hit):
    url = "/ar" + change_url(hit)
    client.force_login(documenter)
    with translation.override("en"):  # the requests below leave Arabic active otherwise
        response = client.post(url, facility_form(hit, name="Renamed hospital"), follow=True)
        page = response.content.decode()
        assert response.redirect_chain[-1][0].startswith("/ar/admin/facilities/changeproposal/")
        assert "بانتظار المراجِع" in page  # the message
        assert "القيم المقترحة" in page and "Renamed hospital" in page  # the proposal's values
        form_page = client.get(url).content.decode()
        assert "سبب التعديل" in form_page


# --- parties ---


def party_form(party, **changes) -> dict:
    return {"code": party.code, "name": party.name, "name_ar": party.name_ar, "kind": party.kind,
            "parent": party.parent_id or "", **changes}  # fmt: skip


def test_a_documenter_edit_of_a_party_is_a_proposal(client, documenter, reviewer):
    party = PerpetratorFactory(code="some-forces", name="Some forces")
    member = PerpetratorFactory(code="other-forces")
    client.force_login(documenter)
    client.post(change_url(party), party_form(party, name="Renamed forces", members=[member.pk]))
    party.refresh_from_db()
    assert party.name == "Some forces" and not party.members.exists()
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"name": "Renamed forces"}  # members are read-only for documenters
    client.logout()
    assert "Renamed forces" not in client.get("/perpetrators/some-forces/").content.decode()
    client.force_login(reviewer)
    client.post(changelist(ChangeProposal), {"action": "approve_selected", "_selected_action": [proposal.pk]})
    party.refresh_from_db()
    assert party.name == "Renamed forces"
    assert party.history.first().history_user == reviewer
    client.logout()
    assert "Renamed forces" in client.get("/perpetrators/some-forces/").content.decode()


def test_a_reviewer_edit_of_a_party_is_applied(client, reviewer):
    party = PerpetratorFactory(code="some-forces", name="Some forces")
    client.force_login(reviewer)
    client.post(change_url(party), party_form(party, name="Renamed forces"))
    party.refresh_from_db()
    assert party.name == "Renamed forces" and not ChangeProposal.objects.exists()


def test_documenters_may_still_not_add_parties(client, documenter):
    client.force_login(documenter)
    assert client.get(reverse("admin:incidents_perpetrator_add")).status_code == 403


def test_the_admin_import_refuses_a_change_to_a_public_facility(client, data_manager, hit):
    client.force_login(data_manager)
    data = csv_bytes([FACILITY_HEADER, [hit.code, "Renamed by file", "hospital"]])
    page = client.post(
        reverse("admin:facilities_facility_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("facilities.csv", data)},
    )
    assert page.status_code == 200 and "confirm_form" not in page.context
    assert [(p.line, p.column) for p in page.context["result"].problems] == [(2, "code")]
    hit.refresh_from_db()
    assert hit.name == "al Salam Hospital"
