"""The triggers in the database are the ones the migrations declare (PostgreSQL).

What the code declares is read from the migrations themselves, replayed in order: the SQL of
every ``RunSQL`` (CREATE [OR REPLACE] FUNCTION, DROP FUNCTION, CREATE TRIGGER, DROP TRIGGER)
and the SQL django-pgtrigger compiled into its ``AddTrigger`` operations. The installed ones
are read from ``pg_trigger`` and ``pg_proc``. Any trigger or function missing, extra, or
different (events, timing, level, transition tables, function, enabled, or the function's
body with whitespace normalised) is reported.

``EXPECTED_TRIGGERS`` names the triggers table by table, so that a migration that loses one
is noticed even if the database agrees with it.
"""

import re
from typing import NamedTuple

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunSQL
from pgtrigger.migrations import AddTrigger, RemoveTrigger

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers are PostgreSQL only"),
]


def _events(prefix: str, *events: str) -> set[str]:
    return {f"{prefix}_{event}" for event in events}


ALL = ("insert", "update", "delete", "truncate")
# Triggers declared as SQL in migrations, by table (the append-only logs' come from pgtrigger).
EXPECTED_TRIGGERS = {
    "incidents_incident": {"incidents_listing_row"} | _events("reports_stale_incidents_incident", *ALL),
    "incidents_attribution": _events("incidents_listing_incidents_attribution", *ALL)
    | _events("reports_stale_incidents_attribution", *ALL),
    "incidents_attack": _events("incidents_listing_incidents_attack", *ALL)
    | _events("reports_stale_incidents_attack", *ALL),
    "facilities_facility": _events("incidents_listing_facilities_facility", "insert", "update")
    | _events("reports_stale_facilities_facility", "update", "delete", "truncate"),
    "facilities_place": _events("incidents_listing_facilities_place", "insert", "update")
    | _events("reports_stale_facilities_place", "update", "delete", "truncate"),
    "incidents_munition": _events("reports_stale_incidents_munition", *ALL),
    "incidents_perpetrator": _events("reports_stale_incidents_perpetrator", "update", "truncate"),
    "victims_victim": _events("reports_stale_victims_victim", *ALL),
}
APPEND_ONLY_LOGS = {"incidents.CustodyEvent", "incidents.IdentityReveal", "incidents.IdentityCorrection"}


class Trigger(NamedTuple):
    timing: str
    events: frozenset
    level: str
    old_table: str | None
    new_table: str | None
    function: str
    enabled: bool = True
    conditional: bool = False


class Function(NamedTuple):
    returns: str
    body: str


class Triggers(NamedTuple):
    triggers: dict  # (table, name): Trigger
    functions: dict  # name: Function


def _name(identifier: str) -> str:
    """An object's name without its schema or quotes."""
    return identifier.replace('"', "").split(".")[-1].lower()


def normalise(sql: str) -> str:
    """SQL with comments dropped and whitespace made uniform (none around punctuation)."""
    sql = re.sub(r"--[^\n]*", " ", sql)
    sql = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\s*([(),;])\s*", r"\1", sql)


STATEMENTS = re.compile(
    r"(?P<function>CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?P<fname>[\w.\"]+)\s*\([^)]*\)\s*"
    r"RETURNS\s+(?P<returns>\w+)[^$]*?\$\$(?P<body>.*?)\$\$)"
    r"|(?P<drop_function>DROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?(?P<dfname>[\w.\"]+)\s*\(\s*\))"
    r"|(?P<trigger>CREATE\s+(?:CONSTRAINT\s+)?TRIGGER\s+(?P<tname>[\w\"]+)\s+"
    r"(?P<timing>BEFORE|AFTER|INSTEAD\s+OF)\s+(?P<events>.+?)\s+ON\s+(?P<table>[\w.\"]+)\s+"
    r"(?:REFERENCING\s+(?P<referencing>.+?)\s+)?FOR\s+EACH\s+(?P<level>ROW|STATEMENT)\s+"
    r"(?:WHEN\s*(?P<condition>\(.*?\))\s*)?EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?P<tfunction>[\w.\"]+)\s*\(\s*\))"
    r"|(?P<drop_trigger>DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(?P<dtname>[\w\"]+)\s+ON\s+(?P<dttable>[\w.\"]+))",
    re.IGNORECASE | re.DOTALL,
)


def _transition(referencing: str | None, kind: str) -> str | None:
    found = re.search(rf"{kind}\s+TABLE\s+AS\s+(\w+)", referencing or "", re.IGNORECASE)
    return found.group(1).lower() if found else None


def replay(sql: str, state: Triggers) -> None:
    """Apply to ``state`` what ``sql`` does to triggers and functions."""
    for match in STATEMENTS.finditer(sql):
        if match["function"]:
            function = Function(match["returns"].lower(), normalise(match["body"]))
            state.functions[_name(match["fname"])] = function
        elif match["drop_function"]:
            state.functions.pop(_name(match["dfname"]), None)
        elif match["trigger"]:
            events = frozenset(e.strip().upper() for e in re.split(r"\s+OR\s+", match["events"], flags=re.I))
            state.triggers[_name(match["table"]), _name(match["tname"])] = Trigger(
                timing=re.sub(r"\s+", " ", match["timing"].upper()),
                events=events,
                level=match["level"].upper(),
                old_table=_transition(match["referencing"], "OLD"),
                new_table=_transition(match["referencing"], "NEW"),
                function=_name(match["tfunction"]),
                conditional=bool(match["condition"]),
            )
        else:
            state.triggers.pop((_name(match["dttable"]), _name(match["dtname"])), None)


def _sql_of(operation) -> list[str]:
    if isinstance(operation, RunSQL):
        statements = operation.sql if isinstance(operation.sql, list | tuple) else [operation.sql]
        return [s if isinstance(s, str) else s[0] for s in statements]
    if isinstance(operation, AddTrigger):
        return [operation.trigger.install_sql]
    return []


def declared_triggers() -> Triggers:
    """What the migrations leave installed, replayed from their SQL in the order they run."""
    state = Triggers({}, {})
    executor = MigrationExecutor(connection)
    added = {}  # pgtrigger's (app, model, trigger name): its (table, pgid)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    for migration, _backwards in plan:
        for operation in migration.operations:
            if isinstance(operation, RemoveTrigger):
                key = (migration.app_label, operation.model_name_lower, operation.name)
                state.triggers.pop(added.pop(key), None)
                continue
            if isinstance(operation, AddTrigger):
                sql = operation.trigger.sql
                added[migration.app_label, operation.model_name_lower, operation.trigger.name] = (
                    _name(sql.kwargs["table"]),
                    sql.kwargs["pgid"],
                )
            for sql in _sql_of(operation):
                replay(sql, state)
    return state


TIMING = {2: "BEFORE", 64: "INSTEAD OF"}
EVENT_BITS = {4: "INSERT", 8: "DELETE", 16: "UPDATE", 32: "TRUNCATE"}


def installed_triggers(using=connection) -> Triggers:
    """The triggers and functions in the database's schema (extensions' own left out)."""
    state = Triggers({}, {})
    with using.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname, t.tgtype, t.tgoldtable, t.tgnewtable, p.proname, t.tgenabled, "
            "t.tgqual IS NOT NULL FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
        for table, name, tgtype, old, new, function, enabled, conditional in cursor.fetchall():
            state.triggers[table, name] = Trigger(
                timing=next((t for bit, t in TIMING.items() if tgtype & bit), "AFTER"),
                events=frozenset(event for bit, event in EVENT_BITS.items() if tgtype & bit),
                level="ROW" if tgtype & 1 else "STATEMENT",
                old_table=old,
                new_table=new,
                function=function,
                enabled=enabled == "O",
                conditional=conditional,
            )
        cursor.execute(
            "SELECT p.proname, format_type(p.prorettype, NULL), p.prosrc FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
            "AND d.objid = p.oid AND d.deptype = 'e')"
        )
        for name, returns, body in cursor.fetchall():
            state.functions[name] = Function(returns, normalise(body))
    return state


def differences(installed: Triggers, declared: Triggers) -> list[str]:
    """Every trigger or function missing from the database, extra in it, or different."""
    found = []
    for kind, have, want in [
        ("trigger", installed.triggers, declared.triggers),
        ("function", installed.functions, declared.functions),
    ]:
        for key in sorted(want.keys() - have.keys(), key=str):
            found.append(f"missing {kind} {key}")
        for key in sorted(have.keys() - want.keys(), key=str):
            found.append(f"extra {kind} {key}")
        for key in sorted(want.keys() & have.keys(), key=str):
            if have[key] != want[key]:
                found.append(f"{kind} {key} differs: installed {have[key]}, declared {want[key]}")
    return found


def test_the_database_runs_the_triggers_the_migrations_declare():
    assert differences(installed_triggers(), declared_triggers()) == []


def test_the_declared_triggers_are_the_expected_ones():
    declared = declared_triggers()
    by_table: dict[str, set] = {}
    for table, name in declared.triggers:
        if not name.startswith("pgtrigger_"):
            by_table.setdefault(table, set()).add(name)
    assert by_table == EXPECTED_TRIGGERS
    registered = {(m._meta.db_table, trigger.get_pgid(m)) for m, trigger in pgtrigger.registered()}
    assert {key for key in declared.triggers if key[1].startswith("pgtrigger_")} == registered
    assert {model._meta.label for model, _trigger in pgtrigger.registered()} == APPEND_ONLY_LOGS


def test_pgtrigger_reports_every_trigger_installed_and_enabled(capsys):
    for model, trigger in pgtrigger.registered():
        assert trigger.get_installation_status(model) == ("INSTALLED", True), trigger.get_uri(model)
    call_command("pgtrigger", "ls")
    listing = capsys.readouterr().out
    assert listing.count("INSTALLED") == len(pgtrigger.registered())
    for status in ("UNINSTALLED", "OUTDATED", "PRUNE", "DISABLED"):
        assert status not in listing


# The checks above fail when the database drifts. Each change below is rolled back with the test.


def tampered(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql)
    return differences(installed_triggers(), declared_triggers())


def test_a_dropped_trigger_is_missing():
    found = tampered("DROP TRIGGER incidents_listing_incidents_attack_insert ON incidents_attack")
    assert found == ["missing trigger ('incidents_attack', 'incidents_listing_incidents_attack_insert')"]


def test_a_changed_function_body_differs():
    found = tampered(
        "CREATE OR REPLACE FUNCTION reports_stale_everything() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RETURN NULL; END $$"
    )
    assert len(found) == 1 and found[0].startswith("function reports_stale_everything differs"), found


def test_a_trigger_on_other_events_differs():
    found = tampered(
        "DROP TRIGGER incidents_listing_row ON incidents_incident; "
        "CREATE TRIGGER incidents_listing_row BEFORE INSERT ON incidents_incident "
        "FOR EACH ROW EXECUTE FUNCTION incidents_listing_row()"
    )
    assert len(found) == 1 and "('incidents_incident', 'incidents_listing_row') differs" in found[0], found


def test_a_disabled_trigger_differs():
    found = tampered("ALTER TABLE victims_victim DISABLE TRIGGER reports_stale_victims_victim_update")
    assert len(found) == 1 and "reports_stale_victims_victim_update') differs" in found[0], found


def test_an_extra_trigger_and_function_are_reported():
    found = tampered(
        "CREATE FUNCTION stray() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; "
        "CREATE TRIGGER stray AFTER DELETE ON victims_victim FOR EACH STATEMENT EXECUTE FUNCTION stray()"
    )
    assert found == ["extra trigger ('victims_victim', 'stray')", "extra function stray"]


def test_a_dropped_append_only_trigger_is_missing():
    model, trigger = pgtrigger.registered("incidents.CustodyEvent:append_only")[0]
    found = tampered(f"DROP TRIGGER {trigger.get_pgid(model)} ON {model._meta.db_table}")
    assert found == [f"missing trigger ('incidents_custodyevent', '{trigger.get_pgid(model)}')"]
