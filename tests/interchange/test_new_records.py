"""New records: later rows find earlier ones, codes, search text, history, and few queries.

Each test here fails if the import loses something ``save()`` does, or starts
asking the database once per reference.
"""

import pytest
from django.db import connection, transaction
from django.db.models import DateTimeField, ForeignKey
from django.test.utils import CaptureQueriesContext

from core import interchange
from core.search import search_document
from facilities.resources import FacilityResource
from incidents.models import Incident
from incidents.resources import IncidentResource
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, export_bytes, incident_row, run_import
from victims.resources import VictimResource


def incident_file():
    return csv_bytes(
        [
            INCIDENT_HEADER,
            incident_row(code="INC-2019-00005", date="2019-03-01", status="published"),
            incident_row(code="", date="2019-03-02", title="Blank code, after 00005", weapon_detail="Su-24"),
            # Refers to the row above it by a code given in the file, then in other letter case.
            incident_row(code="INC-2019-00100", date="2019-03-03", follow_up_of="INC-2019-00005"),
            incident_row(
                code="INC-2019-00101",
                date="2019-03-03",
                follow_up_of="inc-2019-00100",
                perpetrator="",
                attribution_certainty="",
                attribution_basis="",
            ),  # fmt: skip
            incident_row(code="", date="2018-06-01", location_detail="Ḥayy al-Shamālī", summary="قَصف"),
            # An existing record changed on the way: updated row by row.
            incident_row(
                code="INC-2018-00002",
                title="@Second strike, corrected",
                date="2018-01-11",
                place="Kafr Nabl",
                certainty="probable",
                perpetrator="russian-forces",
                attribution_certainty="confirmed",
                attribution_basis="",
            ),  # fmt: skip
            incident_row(
                code="",
                date="2019-03-04",
                perpetrator="syrian-or-russian",
                area_controlled_by="turkish-forces",
            ),
            incident_row(code="INC-2019-00200", date="2019-03-05", follow_up_of="INC-2019-00101"),
        ]
    )


@pytest.mark.parametrize("batch", [2, 500])
def test_a_later_row_refers_to_an_earlier_new_row(world, data_manager, batch, monkeypatch):
    """New records wait for a batch: a row that refers to one still waiting writes the batch first."""
    monkeypatch.setattr(IncidentResource._meta, "batch_size", batch)
    outcome = run_import("incident", incident_file(), user=data_manager)
    assert outcome.ok, [str(p) for p in outcome.problems]
    follow_ups = dict(Incident.objects.filter(date__year=2019).values_list("code", "follow_up_of__code"))
    assert follow_ups["INC-2019-00100"] == "INC-2019-00005"
    assert follow_ups["INC-2019-00101"] == "INC-2019-00100"
    assert follow_ups["INC-2019-00200"] == "INC-2019-00101"
    # The record found through a reference is the one stored, with its id.
    for result in outcome.rows:
        if result.import_type == "new":
            assert Incident.objects.get(pk=result.object_id).code in result.object_repr


def test_blank_codes_follow_the_stored_and_the_earlier_codes(world, data_manager):
    rows = [
        INCIDENT_HEADER,
        incident_row(code="", date="2018-05-01"),  # stored: INC-2018-00001 and 00002
        incident_row(code="INC-2019-00007", date="2019-05-01"),
        incident_row(code="", date="2019-05-02"),
        incident_row(code="", date="2018-05-03"),
        incident_row(code="", date="2019-05-04"),
        incident_row(code="INC-2019-00003", date="2019-05-04"),  # lower than the highest: no effect
        incident_row(code="", date="2019-05-05"),
    ]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert outcome.ok, [str(p) for p in outcome.problems]
    codes = list(Incident.objects.filter(date__month=5).order_by("pk").values_list("code", flat=True))
    assert codes == [
        "INC-2018-00003",
        "INC-2019-00007",
        "INC-2019-00008",
        "INC-2018-00004",
        "INC-2019-00009",
        "INC-2019-00003",
        "INC-2019-00010",
    ]


@pytest.mark.parametrize("codes", ["generated (saved row by row)", "given (written in batches)"])
def test_search_text_timestamps_and_history_of_new_records(world, data_manager, codes):
    rows = [INCIDENT_HEADER] + [
        incident_row(
            code="" if codes.startswith("generated") else f"INC-2019-{n + 1:05d}",
            title=f"Strike on Ma'arat al-Nu'mān {n}",
            weapon_detail="Su-24",
            date="2019-01-01",
            status="published",
        )  # fmt: skip
        for n in range(5)
    ]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager, file_name="april.csv")
    assert outcome.ok and outcome.new == 5
    for incident in Incident.objects.filter(date__year=2019):
        expected = search_document(
            incident.title, incident.summary, incident.location_detail, incident.weapon_detail
        )
        assert incident.search_text == expected and "maarat al numan" in expected and "su 24" in expected
        assert incident.created_at and incident.updated_at and incident.published_at
        assert incident.created_by == data_manager
        history = incident.history.get()
        assert (history.history_type, history.history_user, history.history_change_reason) == (
            "+",
            data_manager,
            "Imported from april.csv",
        )
        attribution = incident.attributions.get()
        assert attribution.primary and attribution.perpetrator.code == "syrian-regime"
        assert attribution.history.get().history_user == data_manager
        # save() leaves the search text as the import wrote it.
        incident.save()
        incident.refresh_from_db()
        assert incident.search_text == expected


@pytest.mark.parametrize("reference", [False, True])
def test_a_row_the_database_refuses_is_reported_by_line_and_nothing_is_imported(
    world, data_manager, reference
):
    """A code generated for line 2 is given again on line 4: the unique index refuses line 4 (its
    savepoint is rolled back), the rows after it are still checked, and nothing is saved."""
    rows = [
        INCIDENT_HEADER,
        incident_row(code="", date="2018-05-01"),  # gets INC-2018-00003
        incident_row(code="INC-2018-00200", date="2018-05-01"),
        incident_row(code="INC-2018-00003", date="2018-05-02"),
        incident_row(
            code="INC-2018-00201", date="2018-05-03", follow_up_of="INC-2018-00200" if reference else ""
        ),
        incident_row(code="INC-2018-00202", date="2018-05-04", killed_count="-1"),
    ]
    before = Incident.objects.count(), Incident.history.count()
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert [(p.line, p.column) for p in outcome.problems] == [(4, ""), (6, "killed_count")]
    assert outcome.problems[0].reason.startswith("the database refused this row (")
    assert "code" in outcome.problems[0].reason
    assert (Incident.objects.count(), Incident.history.count()) == before


def test_lookups_do_not_grow_with_the_number_of_rows(world, data_manager):
    """New rows are written in batches (incidents, attributions, their history), and the references
    and the existing records are fetched for the whole file at once: a file of 100 rows takes the
    queries of a file of 10. (Were the batches to fail, the import would redo the file row by row,
    a savepoint and a few writes a row, and still succeed: only the count shows it.)"""

    def queries(count):
        rows = [INCIDENT_HEADER] + [
            incident_row(
                code=f"INC-2019-{count:02d}{n:03d}",
                date="2019-02-01",
                perpetrator=("syrian-regime", "russian-forces")[n % 2],
                follow_up_of="INC-2018-00001" if n % 2 else "",
                area_controlled_by="turkish-forces",
            )  # fmt: skip
            for n in range(count)
        ]
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            outcome = run_import("incident", csv_bytes(rows), user=data_manager)
            assert outcome.ok and outcome.new == count
            transaction.set_rollback(True)
        statements = [q["sql"].lstrip().split(None, 1)[0].upper() for q in captured]
        return statements.count("SELECT"), len(statements)

    queries(10)  # the importer's permissions, cached on the user afterwards
    (few_lookups, few), (many_lookups, many) = queries(10), queries(100)
    assert many_lookups == few_lookups < 20
    # SQLite splits a batch by its limit of 999 parameters.
    assert many - few <= 10


def stored_rows(model):
    """Every stored row, without ids and clock times, references to coded records by code."""
    names = []
    for field in model._meta.concrete_fields:
        # A history row's copy of the id differs: PostgreSQL's sequences do not roll back.
        if field.primary_key or field.name == "id" or isinstance(field, DateTimeField):
            continue
        coded = isinstance(field, ForeignKey) and hasattr(field.related_model, "code")
        names.append(f"{field.name}__code" if coded else field.attname)
    return sorted(model._default_manager.values_list(*names), key=repr)


@pytest.mark.parametrize("resource_class", [IncidentResource, FacilityResource, VictimResource])
def test_batches_store_what_save_stores(world, data_manager, resource_class):
    """New records written in batches (bulk_new) are what save() row by row gives, history included."""
    model = resource_class._meta.model
    data = export_bytes(resource_class._meta.model._meta.model_name)
    seen = []
    for checked in (False, True):
        with transaction.atomic():
            for record in model._default_manager.order_by("-pk"):
                record.code = "X" + record.code  # the same rows again, as new records
                record.save()
            dataset = interchange.read_table(data, "csv")
            result = resource_class().import_data(
                dataset, user=data_manager, file_name="a.csv", checked=checked
            )
            assert not result.problems and result.totals["new"] >= 2
            seen.append((stored_rows(model), stored_rows(model.history.model)))
            transaction.set_rollback(True)
    assert seen[0] == seen[1]
