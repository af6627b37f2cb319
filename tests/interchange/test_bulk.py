"""New records are written in batches (``bulk_insert``): the result must be what save() row by row gives.

Each test here fails if the batch path loses something ``save()`` does: a
later row finding an earlier new one, generated codes, search text,
timestamps, history, the primary attribution, or the per-line report when
the database refuses a row.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import DateTimeField, ForeignKey
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from simple_history.models import HistoricalRecords

from core import interchange
from core.interchange_resources import InterchangeResource
from core.search import search_document
from facilities.models import Facility
from facilities.resources import FacilityResource
from incidents.models import Attribution, Incident
from incidents.resources import IncidentResource
from reports.models import StaleDay
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, incident_row, run_import
from tests.interchange.test_rows import VICTIM_HEADER, victim_row
from victims.models import Victim
from victims.resources import VictimResource

FACILITY_HEADER = ["code", "name", "name_ar", "other_names", "kind", "identifier", "operator", "parent",
                   "place", "latitude", "longitude"]  # fmt: skip


@pytest.fixture(params=[2, 500], ids=["batches-of-2", "one-batch"])
def batch(request, monkeypatch):
    """Small batches write some records before later rows are read; large ones keep them waiting."""
    monkeypatch.setattr(InterchangeResource, "INSERT_BATCH", request.param)
    return request.param


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


def facility_file():
    return csv_bytes(
        [
            FACILITY_HEADER,
            ["", "Centre", "مركز", "Markaz", "civil_defense_center", "200", "SCD", "", "Kafr Nabl", "", ""],
            ["FAC-000050", "Hospital", "", "", "hospital", "", "", "", "SY070300", "35.1", "36.2"],
            ["", "Ambulance 7", "", "", "ambulance", "7", "", "FAC-000050", "SY0700", "", ""],
            ["FAC-000060", "Van", "", "", "civil_defense_vehicle", "", "", "fac-000050", "SY0700", "", ""],
        ]
    )  # fmt: skip


def victim_file():
    return csv_bytes(
        [
            VICTIM_HEADER,
            victim_row(code="", name="Hamza", incident="INC-2018-00001", publish_name="yes"),
            victim_row(code="VIC-000040", name="Sara", incident="INC-2018-00002", date_of_harm=""),
            victim_row(code="", name="", incident="", perpetrator="syrian-regime", date_of_harm="2017-01-01"),
        ]
    )


FILES = {"incident": (IncidentResource, incident_file), "facility": (FacilityResource, facility_file),
         "victim": (VictimResource, victim_file)}  # fmt: skip


def rows_of(model):
    """Every stored row of ``model``, comparable across two imports: no ids (a history row's copy
    included), no clock times, references to incidents, facilities and victims by code."""
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == "id" or isinstance(field, DateTimeField):
            continue
        target = field.related_model if isinstance(field, ForeignKey) else None
        if target in (Incident, Facility, Victim):
            names.append(f"{field.name}__code")
        else:
            names.append(field.attname)
    return sorted(model._default_manager.values_list(*names), key=repr)


def everything():
    # The report tallies' notes of stale days come one per statement (and may repeat): what
    # counts is which days were noted.
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not StaleDay
    }
    counts["stale days"] = sorted(set(StaleDay.objects.values_list("day", flat=True)))
    models = [Incident, Attribution, Facility, Victim]
    models += [model.history.model for model in models]
    return counts, {model._meta.label: rows_of(model) for model in models}


def import_and_look(resource_class, data, user, safe):
    """Import in a transaction that is rolled back; what the database held just before."""
    with transaction.atomic():
        dataset = interchange.read_table(data, "csv")
        resource = resource_class(user=user, file_name="batch.csv", preview=False, safe=safe)
        assert resource._bulk is (not safe)
        result = resource.import_data(dataset, user=user, file_name="batch.csv")
        assert not result.problems, [str(p) for p in result.problems]
        seen = everything(), result.totals["new"]
        transaction.set_rollback(True)
    return seen


@pytest.mark.parametrize("name", FILES)
def test_batches_store_exactly_what_saving_row_by_row_stores(world, data_manager, batch, name):
    """Records, generated codes, search text, primary attributions, history rows (user, reason),
    and the row count of every table: the same both ways."""
    resource_class, make_file = FILES[name]
    data = make_file()
    fast = import_and_look(resource_class, data, data_manager, safe=False)
    safe = import_and_look(resource_class, data, data_manager, safe=True)
    assert fast[1] > 1
    assert fast == safe


def test_a_later_row_refers_to_an_earlier_new_row(world, data_manager, batch):
    outcome = run_import("incident", incident_file(), user=data_manager)
    assert outcome.ok, [str(p) for p in outcome.problems]
    follow_ups = dict(Incident.objects.filter(date__year=2019).values_list("code", "follow_up_of__code"))
    assert follow_ups["INC-2019-00100"] == "INC-2019-00005"
    assert follow_ups["INC-2019-00101"] == "INC-2019-00100"
    assert follow_ups["INC-2019-00200"] == "INC-2019-00101"
    # The record found through a reference is the one stored, with its id.
    for result in outcome.result.rows:
        if result.import_type == "new":
            assert Incident.objects.get(pk=result.object_id).code in result.object_repr


def test_blank_codes_follow_the_stored_and_the_earlier_codes(world, data_manager, batch):
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


def test_search_text_timestamps_and_history_of_new_records(world, data_manager, batch):
    rows = [INCIDENT_HEADER] + [
        incident_row(
            code="",
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


@pytest.mark.parametrize("where", ["in a batch", "in the last batch", "before a reference"])
def test_a_row_the_database_refuses_is_reported_by_line_and_nothing_is_imported(
    world, data_manager, monkeypatch, where
):
    """A code generated for line 2 is given again on line 4: the unique index refuses the batch,
    and the import redone row by row names line 4."""
    monkeypatch.setattr(InterchangeResource, "INSERT_BATCH", 3 if where == "in a batch" else 500)
    rows = [
        INCIDENT_HEADER,
        incident_row(code="", date="2018-05-01"),  # gets INC-2018-00003
        incident_row(code="INC-2018-00200", date="2018-05-01"),
        incident_row(code="INC-2018-00003", date="2018-05-02"),
        incident_row(
            code="INC-2018-00201",
            date="2018-05-03",
            follow_up_of="INC-2018-00200" if where == "before a reference" else "",
        ),  # fmt: skip
        incident_row(code="INC-2018-00202", date="2018-05-04", killed_count="-1"),
    ]
    before = everything()
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert [(p.line, p.column) for p in outcome.problems] == [(4, ""), (6, "killed_count")]
    assert outcome.problems[0].reason.startswith("the database refused this row (")
    assert "code" in outcome.problems[0].reason
    assert everything() == before


def test_queries_do_not_grow_with_the_number_of_new_rows(world, data_manager):
    def queries(count):
        rows = [INCIDENT_HEADER] + [
            incident_row(
                code=f"INC-2019-{count:02d}{n:03d}",
                date="2019-02-01",
                perpetrator=("syrian-regime", "russian-forces")[n % 2],
            )  # fmt: skip
            for n in range(count)
        ]
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            outcome = run_import("incident", csv_bytes(rows), user=data_manager)
            assert outcome.ok and outcome.new == count
            transaction.set_rollback(True)
        return len(captured)

    queries(10)  # the importer's permissions, cached on the user afterwards
    few, many = queries(10), queries(100)
    assert few < 30
    if connection.vendor == "postgresql":
        assert many == few
    else:
        # SQLite takes at most 999 parameters a statement: a batch becomes a few INSERTs.
        assert many - few < (100 - 10) / 10


def test_models_written_in_batches_have_no_save_signals_but_history(db):
    """bulk_create sends no pre_save/post_save: only simple_history listens, and the import
    writes history rows itself."""
    for resource in (IncidentResource, FacilityResource, VictimResource):
        assert resource.bulk_insert
        model = resource._meta.model
        for signal in (pre_save, post_save):
            receivers = [receiver for receiver in signal._live_receivers(model)[0]]
            owners = {type(getattr(receiver, "__self__", receiver)) for receiver in receivers}
            assert owners <= {HistoricalRecords}, (model, signal, receivers)
