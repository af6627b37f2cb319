"""The Arabic sides of a record's text travel through spreadsheets (interfaces.md: incidents'
``title_ar,summary_ar``; victims' ``circumstances_ar,biography_ar,duplicate_of``)."""

from incidents.models import Incident
from tests.interchange.conftest import csv_bytes, export_bytes, problems_at, read_csv, run_import
from victims.models import Victim

TITLE_AR = "قصف مشفى الإحسان"
SUMMARY_AR = "استهدف الطيران الحربي المشفى بصاروخين."


def test_an_incident_written_in_arabic_only(world, data_manager):
    rows = [
        ["code", "title_ar", "summary_ar", "date", "place", "attack_type", "certainty"],
        ["INC-2018-00100", TITLE_AR, SUMMARY_AR, "2018-03-01", "SY070300", "heavy_weapons", "confirmed"],
    ]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert outcome.ok, [str(p) for p in outcome.problems]
    incident = Incident.objects.get(code="INC-2018-00100")
    assert (incident.title, incident.title_ar, incident.summary_ar) == ("", TITLE_AR, SUMMARY_AR)
    exported = read_csv(export_bytes("incident"))
    header, row = exported[0], next(r for r in exported if r[0] == "INC-2018-00100")
    assert header[-2:] == ["title_ar", "summary_ar"]
    assert row[header.index("title_ar")] == TITLE_AR


def test_an_incident_with_no_title_in_either_language_is_refused_on_its_line(world, data_manager):
    rows = [
        ["code", "title", "title_ar", "date", "place", "attack_type", "certainty"],
        ["INC-2018-00100", "", "", "2018-03-01", "SY070300", "heavy_weapons", "confirmed"],
    ]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert not outcome.ok
    assert problems_at(outcome) == {(2, "title"): "Give the incident a title, in English or in Arabic."}
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


def test_victims_arabic_text_and_duplicates_by_code(world, data_manager):
    kept, duplicate = Victim.objects.order_by("pk")[:2]
    rows = [
        ["code", "circumstances_ar", "biography_ar", "duplicate_of"],
        [duplicate.code, "كان يسعف الجرحى", "ممرض منذ 2015", kept.code],
    ]
    outcome = run_import("victim", csv_bytes(rows), user=data_manager)
    assert outcome.ok, [str(p) for p in outcome.problems]
    duplicate.refresh_from_db()
    assert (duplicate.circumstances_ar, duplicate.biography_ar, duplicate.duplicate_of) == (
        "كان يسعف الجرحى", "ممرض منذ 2015", kept)  # fmt: skip
    header = read_csv(export_bytes("victim"))[0]
    assert header[-3:] == ["circumstances_ar", "biography_ar", "duplicate_of"]
