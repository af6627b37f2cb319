"""The custody log, the identity-reveal log and the identity correction log are append-only in
the database itself (PostgreSQL, django-pgtrigger): raw SQL that would rewrite, remove or
truncate an entry is refused, whatever client sends it. The model layer's refusal is tested in
test_models.py."""

import pgtrigger
import pytest
from django.db import DatabaseError, connection, transaction

from incidents.models import CustodyEvent, IdentityCorrection, IdentityReveal
from tests.factories import CustodyEventFactory, WitnessAccountFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the database triggers are PostgreSQL only"),
]

LOGS = [CustodyEvent, IdentityReveal, IdentityCorrection]
WRITES = [
    "UPDATE {table} SET at = at - interval '1 day' WHERE id = %s",
    "DELETE FROM {table} WHERE id = %s",
]


@pytest.fixture
def entries(custodian):
    return {
        CustodyEvent: CustodyEventFactory(),
        IdentityReveal: IdentityReveal.objects.create(
            witness=WitnessAccountFactory(), user=custodian, reason="Audit"
        ),
        IdentityCorrection: IdentityCorrection.objects.create(
            witness=WitnessAccountFactory(), user=custodian, field="contact", previous="", reason="Typo"
        ),
    }


def raw(sql: str, params=()) -> None:
    """Run ``sql`` in a savepoint, so that a refused statement leaves the test usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending (TRUNCATE)
        cursor.execute(sql, params)


def unchanged(model, entry) -> bool:
    return model.objects.filter(pk=entry.pk, at=entry.at).exists()


@pytest.mark.parametrize("model", LOGS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("write", WRITES, ids=["update", "delete"])
def test_raw_sql_cannot_change_or_delete_a_log_entry(entries, model, write):
    entry = entries[model]
    with pytest.raises(DatabaseError, match="Cannot update or delete rows"):
        raw(write.format(table=model._meta.db_table), [entry.pk])
    assert unchanged(model, entry)


@pytest.mark.parametrize("model", LOGS, ids=lambda m: m.__name__)
def test_raw_sql_cannot_truncate_a_log(entries, model):
    with pytest.raises(DatabaseError, match="Cannot truncate the append-only table"):
        raw(f"TRUNCATE {model._meta.db_table} CASCADE")
    assert unchanged(model, entries[model])


@pytest.mark.parametrize("model", LOGS, ids=lambda m: m.__name__)
def test_the_refusal_is_the_trigger(entries, model):
    """Without its trigger the same statement goes through: the refusal above is the trigger's."""
    entry = entries[model]
    [(_model, trigger)] = pgtrigger.registered(f"{model._meta.label}:append_only")
    raw(f"ALTER TABLE {model._meta.db_table} DISABLE TRIGGER {trigger.get_pgid(model)}")
    raw(WRITES[0].format(table=model._meta.db_table), [entry.pk])
    assert not unchanged(model, entry)


def test_adding_entries_still_works(entries):
    evidence = entries[CustodyEvent].evidence
    raw(
        "INSERT INTO incidents_custodyevent (evidence_id, at, action, note) VALUES (%s, now(), 'copied', '')",
        [evidence.pk],
    )
    assert CustodyEvent.objects.filter(evidence=evidence).count() == 2
