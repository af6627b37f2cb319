"""A spreadsheet cannot do what the admin forbids: publishing needs the publish permission."""

import pytest

from incidents.models import Incident
from tests.factories import IncidentFactory, PublishedIncidentFactory, UserFactory, VictimFactory
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, incident_row, problems_at, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer_only(db):
    return UserFactory(username="importeronly", groups=["Data manager"])


@pytest.mark.parametrize("status", ["published", "verified"])
def test_importer_without_publish_right_cannot_import_reviewed_records(world, importer_only, status):
    before = Incident.objects.count()
    outcome = run_import(
        "incident", csv_bytes([INCIDENT_HEADER, incident_row(status=status)]), user=importer_only
    )
    assert not outcome.ok
    assert any("may publish" in problem for problem in problems_at(outcome).values()), problems_at(outcome)
    assert Incident.objects.count() == before


def test_importer_without_publish_right_cannot_change_a_published_record(world, importer_only):
    published = PublishedIncidentFactory(code="INC-2018-00900")
    row = incident_row(code="INC-2018-00900", title="Rewritten by a file", status="draft")
    outcome = run_import("incident", csv_bytes([INCIDENT_HEADER, row]), user=importer_only)
    assert not outcome.ok
    published.refresh_from_db()
    assert published.status == "published" and published.title != "Rewritten by a file"


def test_importer_without_publish_right_may_import_drafts(world, importer_only):
    outcome = run_import(
        "incident", csv_bytes([INCIDENT_HEADER, incident_row(status="draft")]), user=importer_only
    )
    assert outcome.ok, problems_at(outcome)


@pytest.mark.parametrize("status", ["verified", "published", "retracted"])
@pytest.mark.parametrize("new_status", ["", "draft", "same"])
def test_importer_without_publish_right_cannot_change_a_reviewed_record(
    world, importer_only, status, new_status
):
    """The admin locks a reviewed record (incidents.services.is_locked_for, REVIEWED_STATUSES);
    a file may not change it either, whatever status the file gives."""
    reviewed = IncidentFactory(code="INC-2018-00900", status=status, retraction_reason="Wrong date")
    before = Incident.history.count()
    row = incident_row(
        code="INC-2018-00900",
        title="Rewritten by a file",
        status=status if new_status == "same" else new_status,
    )
    outcome = run_import("incident", csv_bytes([INCIDENT_HEADER, row]), user=importer_only)
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "status")]
    assert "only users who may publish" in outcome.problems[0].reason
    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.title) == (
        status,
        reviewed.title,
    ) and reviewed.title != "Rewritten by a file"
    assert Incident.history.count() == before


def test_a_reviewer_may_change_a_retracted_record(world, data_manager):
    IncidentFactory(code="INC-2018-00900", status="retracted", retraction_reason="Wrong date")
    row = incident_row(code="INC-2018-00900", title="Corrected", status="retracted")
    assert run_import("incident", csv_bytes([INCIDENT_HEADER, row]), user=data_manager).ok
    assert Incident.objects.get(code="INC-2018-00900").title == "Corrected"


def test_importer_without_publish_right_cannot_change_a_retracted_victim(world, importer_only):
    victim = VictimFactory(code="VIC-000900", name="Kept", status="retracted", retraction_reason="Duplicate")
    rows = [["code", "name", "status"], ["VIC-000900", "Changed", "draft"]]
    outcome = run_import("victim", csv_bytes(rows), user=importer_only)
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "status")]
    victim.refresh_from_db()
    assert (victim.name, victim.status) == ("Kept", "retracted")


def test_importer_without_publish_right_cannot_change_the_attacks_of_a_reviewed_incident(
    world, importer_only
):
    rows = [["incident", "facility", "damage"], ["INC-2018-00001", "FAC-000001", "slight"]]
    outcome = run_import("attack", csv_bytes(rows), user=importer_only)
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "incident")]
    assert world["first"].attacks.get().damage == "heavy"
