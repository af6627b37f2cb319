"""Importing twice changes nothing; history records who imported what; dry runs save nothing."""

import pytest

from facilities.models import Facility
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, export_bytes, incident_row, run_import
from victims.models import Victim

ORDER = ["place", "facility", "perpetrator", "incident", "attack", "munition", "victim"]
HISTORIES = [Facility, Perpetrator, Incident, Attack, Munition, Attribution, Victim]


def history_counts():
    return {model.__name__: model.history.count() for model in HISTORIES}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_importing_an_export_again_changes_nothing(world, data_manager, fmt):
    files = {name: export_bytes(name, fmt) for name in ORDER}
    before = history_counts()
    for name in ORDER:
        outcome = run_import(name, files[name], fmt, user=data_manager)
        assert outcome.ok, [str(p) for p in outcome.problems]
        assert outcome.new == outcome.updated == 0 and outcome.unchanged > 0, name
    assert history_counts() == before


def test_the_same_new_file_twice(world, data_manager):
    bare = incident_row(code="INC-2018-00101", perpetrator="", attribution_certainty="", attribution_basis="")
    data = csv_bytes([INCIDENT_HEADER, incident_row(), bare])
    first = run_import("incident", data, user=data_manager)
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    before = history_counts()
    second = run_import("incident", data, user=data_manager)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 2)
    assert history_counts() == before


def test_history_names_the_importer_and_the_file(world, data_manager):
    corrected = incident_row(
        code="INC-2018-00001", title="Corrected title", perpetrator="russian-forces", attribution_basis=""
    )
    rows = [INCIDENT_HEADER, incident_row(), corrected]
    assert run_import("incident", csv_bytes(rows), user=data_manager, file_name="march.csv").ok
    new = Incident.objects.get(code="INC-2018-00100")
    assert new.created_by == data_manager
    record = new.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        data_manager,
        "Imported from march.csv",
    )
    changed = Incident.objects.get(code="INC-2018-00001").history.latest("history_id")
    assert (changed.history_type, changed.history_user, changed.title) == (
        "~",
        data_manager,
        "Corrected title",
    )
    attribution = Attribution.objects.get(incident__code="INC-2018-00100")
    assert attribution.history.get().history_user == data_manager


def test_changing_the_primary_party_keeps_the_old_attribution(world, data_manager):
    first = world["first"]
    row = incident_row(
        code=first.code,
        title=first.title,
        summary=first.summary,
        perpetrator="syrian-regime",
        attribution_certainty="confirmed",
    )
    rows = [INCIDENT_HEADER, row]
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    attributions = {a.perpetrator.code: a for a in first.attributions.all()}
    assert attributions["syrian-regime"].primary and attributions["syrian-regime"].certainty == "confirmed"
    assert not attributions["syrian-or-russian"].primary
    demoted = attributions["syrian-or-russian"].history.latest("history_id")
    assert (demoted.primary, demoted.history_user) == (False, data_manager)


def test_promoting_an_existing_secondary_attribution(world, data_manager):
    second = world["second"]
    row = incident_row(
        code=second.code,
        title=second.title,
        summary=second.summary,
        perpetrator="syrian-regime",
        attribution_certainty="possible",
        attribution_basis="",
    )
    rows = [INCIDENT_HEADER, row]
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    assert second.attributions.count() == 2
    assert second.primary_perpetrator.code == "syrian-regime"


def test_an_empty_perpetrator_demotes_the_primary_attribution(world, data_manager):
    rows = [INCIDENT_HEADER, incident_row(code="INC-2018-00002", perpetrator="", attribution_certainty="",
                                          attribution_basis="")]  # fmt: skip
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    assert world["second"].primary_perpetrator is None
    assert world["second"].attributions.count() == 2


def test_blank_status_keeps_the_current_status(world, data_manager):
    first = world["first"]
    rows = [INCIDENT_HEADER, incident_row(code=first.code, status="", killed_count="", weapon="")]
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    first.refresh_from_db()
    assert (first.status, first.killed_count, first.weapon) == ("published", 2, "fixed_wing_aircraft")


def test_importing_as_published_sets_the_publication_time(world, data_manager):
    rows = [INCIDENT_HEADER, incident_row(status="published")]
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    assert Incident.objects.get(code="INC-2018-00100").published_at is not None


def test_dry_run_saves_nothing(world, data_manager):
    rows = [INCIDENT_HEADER, incident_row(), incident_row(code="INC-2018-00001", title="Changed")]
    before = Incident.objects.count(), Attribution.objects.count(), history_counts()
    outcome = run_import("incident", csv_bytes(rows), user=data_manager, dry_run=True)
    assert outcome.ok and (outcome.new, outcome.updated) == (1, 1)
    assert outcome.summary("incidents").startswith("Dry run, nothing saved.")
    assert (Incident.objects.count(), Attribution.objects.count(), history_counts()) == before
    assert Incident.objects.get(code="INC-2018-00001").title != "Changed"


def test_members_history_names_the_importer(parties, data_manager):
    rows = [
        ["code", "name", "name_ar", "kind", "parent", "members"],
        ["syrian-or-russian", "Syrian or Russian forces", "", "undetermined", "", "syrian-regime"],
    ]
    assert run_import("perpetrator", csv_bytes(rows), user=data_manager).ok
    latest = Perpetrator.objects.get(code="syrian-or-russian").history.latest("history_id")
    assert latest.history_user == data_manager
    assert [m.to_perpetrator.code for m in latest.members.all()] == ["syrian-regime"]


def test_a_database_refusal_is_reported_with_the_other_rows(world, data_manager):
    """Constraints are the database's to check (full_clean(validate_constraints=False)): a row it
    refuses is reported on its line with the constraint's reason, the rows after it are still
    checked (a savepoint a row), and nothing is saved."""
    rows = [INCIDENT_HEADER, incident_row(), incident_row(code="INC-2018-00101", status="retracted"),
            incident_row(code="INC-2018-00102", date="2018-02-31")]  # fmt: skip
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert [(p.line, p.column) for p in outcome.problems] == [(3, "status"), (4, "date")]
    assert outcome.problems[0].reason.startswith("a retracted incident needs a retraction reason")
    assert not Incident.objects.filter(code__in=["INC-2018-00100", "INC-2018-00101"]).exists()
