"""A spreadsheet cannot do what the admin forbids: publishing needs the publish permission."""

import pytest

from incidents.models import Incident
from tests.factories import PublishedIncidentFactory, UserFactory
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
