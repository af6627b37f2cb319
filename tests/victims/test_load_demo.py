"""The demo data sets (SNHR, January 2018; the 2019 news articles) and their loader command."""

import datetime
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from facilities.models import Facility, category_expression
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator, WitnessAccount
from victims.models import Victim

pytestmark = pytest.mark.django_db

DEMO_APPS = ("facilities", "incidents", "victims")
JANUARY_2018 = {"date__year": 2018, "date__month": 1}

# The counts listed at the top of demo/january_2018.py.
VICTIMS_KILLED = {
    ("syrian-regime", "medical_personnel"): 2,
    ("syrian-regime", "paramedic"): 1,
    ("syrian-regime", "civil_defense"): 1,
    ("russian-forces", "doctor"): 1,
    ("russian-forces", "civil_defense"): 1,
    ("russian-forces", "medical_personnel"): 1,
    ("isis", "doctor"): 1,
}
ATTACKS = {
    ("syrian-regime", "medical"): 4,
    ("syrian-regime", "ambulance"): 1,
    ("syrian-regime", "civil_defense"): 3,
    ("syrian-or-russian-forces", "medical"): 1,
    ("russian-forces", "medical"): 6,
    ("russian-forces", "ambulance"): 1,
    ("russian-forces", "civil_defense"): 4,
    ("self-management-forces", "medical"): 1,
    ("unidentified-groups", "medical"): 1,
    ("unidentified-groups", "ambulance"): 1,
    ("unidentified-groups", "civil_defense"): 1,
    ("turkish-forces", "red_crescent"): 1,
}


def load(capsys=None) -> str:
    call_command("load_demo")
    return capsys.readouterr().out if capsys else ""


def primary_perpetrator_code(incident_ref: str) -> Subquery:
    return Subquery(
        Attribution.objects.filter(incident=OuterRef(incident_ref), primary=True).values("perpetrator__code")[
            :1
        ]
    )


def snapshot() -> dict:
    """Every row of the three apps, history and many-to-many tables included."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for app in DEMO_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }


def test_loading_twice_changes_nothing(capsys):
    load()
    before = snapshot()
    out = load(capsys)
    assert snapshot() == before
    assert "0 created, 0 updated, 200 unchanged" in out


def test_first_load_reports_what_it_created(capsys):
    assert "200 created, 0 updated, 0 unchanged" in load(capsys)


def test_a_changed_row_is_restored_with_one_history_entry(capsys):
    load()
    incident = Incident.objects.get(code="INC-2018-00006")
    incident.weapon_detail = "edited"
    incident.save()
    history = incident.history.count()
    out = load(capsys)
    incident.refresh_from_db()
    assert incident.weapon_detail == "four missiles fired at once"
    assert incident.history.count() == history + 1
    assert "1 updated" in out


def test_named_victims_have_their_role_affiliation_and_perpetrator():
    load()
    expected = {
        "Saif al Din Sleik": ("ambulance_driver", "Rif Dimshaq Specialized Hospital", "syrian-regime"),
        "Hosam al Mandil": ("ambulance_driver", "al Salam Hospital", "syrian-regime"),
        "Ahmad Taysir Allam": ("paramedic", "Dar al Shefaa Hospital", "syrian-regime"),
        "Mohammad Izzo al Bwaydani": ("civil_defense", "Civil defence centre 200", "syrian-regime"),
        "Basem al Fadli": ("civil_defense", "Civil defence centre 270", "russian-forces"),
        "Ahmad Abdul Karim al Shehada": ("doctor", "al Ghadfa Hospital", "russian-forces"),
        "Shu'a Qasem al Mohammad": ("medical_student", None, "russian-forces"),
        "Suzan Fattoum": ("dentist", None, "isis"),
    }
    victims = (
        Victim.objects.filter(incident__date__year=2018)
        .select_related("affiliation")
        .prefetch_related("incident__attributions__perpetrator")
    )
    found = {
        v.name: (v.role, v.affiliation.name if v.affiliation else None, v.counted_perpetrator.code)
        for v in victims
    }
    assert found == expected
    assert all(v.harm == "killed" and v.publish_name and v.status == "published" for v in victims)
    assert all(v.date_of_harm == v.incident.date for v in victims)


def test_victim_details_follow_the_report():
    load()
    allam = Victim.objects.get(name="Ahmad Taysir Allam")
    assert allam.age == 33
    assert "1984" in allam.biography
    assert allam.hometown.name == "Hamouriya"
    student = Victim.objects.get(name="Shu'a Qasem al Mohammad")
    assert (student.sex, student.report_class) == ("female", "medical_personnel")
    bwaydani = Victim.objects.get(name="Mohammad Izzo al Bwaydani")
    assert bwaydani.affiliation.identifier == "200"
    assert bwaydani.on_duty
    assert bwaydani.incident.time == datetime.time(11, 30)
    assert bwaydani.incident.time_approximate


def test_attribution_certainty_follows_the_report_wording():
    load()

    def primary(code: str) -> Attribution:
        return Attribution.objects.select_related("perpetrator").get(incident__code=code, primary=True)

    regime = primary("INC-2018-00006")  # "fixed-wing Syrian regime forces warplanes"
    assert (regime.perpetrator.code, regime.certainty, regime.basis) == (
        "syrian-regime",
        "confirmed",
        "aircraft_observation",
    )
    believed = primary("INC-2018-00003")  # "warplanes we believe were Russian"
    assert (believed.perpetrator.code, believed.certainty) == ("russian-forces", "probable")
    assert "we believe" in believed.note
    undetermined = primary("INC-2018-00007")  # "Syrian/Russian ... investigations still ongoing"
    assert undetermined.perpetrator.kind == "undetermined"
    assert {p.code for p in undetermined.perpetrator.members.all()} == {"syrian-regime", "russian-forces"}
    assert not Attribution.objects.filter(incident__code="INC-2018-00007").exclude(pk=undetermined.pk)


def test_every_believed_russian_strike_is_probable():
    load()
    russian = Attribution.objects.filter(perpetrator__code="russian-forces")
    assert russian.count() == 11
    assert set(russian.values_list("certainty", flat=True)) == {"probable"}


def test_party_hierarchy_is_the_reports():
    load()
    parents = dict(Perpetrator.objects.values_list("code", "parent__code"))
    assert parents["isis"] == "extremist-groups"
    assert parents["hts"] == "extremist-groups"
    assert parents["turkish-forces"] == "other-parties"
    assert parents["unidentified-groups"] == "other-parties"
    assert parents["syrian-regime"] is None


def test_repeat_attacks_are_separate_incidents_on_one_facility():
    load()
    january = Attack.objects.public().filter(incident__date__year=2018, incident__date__month=1)
    maghara = january.filter(facility__other_names="al Maghara Hospital")
    assert maghara.count() == 3
    assert maghara.values("incident").distinct().count() == 3
    assert january.filter(facility__name="Saraqeb civil defence centre").count() == 2
    assert january.filter(facility__name="Oday Saraqeb Hospital").count() == 2
    assert set(january.repeat().values_list("facility__code", flat=True)) == {
        "FAC-000017",
        "FAC-000020",
        "FAC-000026",
    }


def test_double_taps_link_the_second_strike_to_the_first():
    load()
    links = dict(
        Incident.objects.filter(follow_up_of__isnull=False).values_list("code", "follow_up_of__code")
    )
    assert links == {
        "INC-2018-00002": "INC-2018-00001",
        "INC-2018-00005": "INC-2018-00004",
        "INC-2018-00019": "INC-2018-00018",
        "INC-2018-00026": "INC-2018-00025",
    }
    for code, first in links.items():
        assert Incident.objects.get(code=code).place == Incident.objects.get(code=first).place


def test_ambulances_belong_to_their_hospital_or_centre():
    load()
    parents = dict(Facility.objects.filter(parent__isnull=False).values_list("name", "parent__name"))
    assert parents["Ambulance of al Salam Hospital"] == "al Salam Hospital"
    assert parents["Ambulance of civil defence centre 200"] == "Civil defence centre 200"
    assert Facility.objects.get(name="Ambulance of civil defence centre 200").category == "civil_defense"
    assert Facility.objects.get(name="Ambulance of al Salam Hospital").category == "ambulance"


def test_places_roll_up_to_ocha_governorates():
    load()
    saraqeb = Incident.objects.get(code="INC-2018-00021").place
    assert [p.pcode for p in saraqeb.ancestors()] == ["SY", "SY07", "SY0700"]
    assert saraqeb.governorate.name == "Idleb"


def test_victims_killed_by_primary_perpetrator_and_report_class():
    load()
    rows = (
        Victim.objects.public()
        .counted()
        .filter(harm="killed", date_of_harm__year=2018, date_of_harm__month=1)
        .with_report_class()
        .annotate(party=Coalesce(primary_perpetrator_code("incident"), "perpetrator__code"))
        .values("party", "report_class")
        .annotate(n=Count("id"))
    )
    assert {(r["party"], r["report_class"]): r["n"] for r in rows} == VICTIMS_KILLED


def test_attacks_by_primary_perpetrator_and_facility_category():
    load()
    rows = (
        Attack.objects.public()
        .filter(incident__date__year=2018, incident__date__month=1)
        .annotate(
            party=primary_perpetrator_code("incident"),
            category=category_expression("facility__kind"),
        )
        .values("party", "category")
        .annotate(n=Count("id"))
    )
    assert {(r["party"], r["category"]): r["n"] for r in rows} == ATTACKS


def test_every_loaded_record_is_public():
    load()
    assert Incident.objects.public().count() == Incident.objects.count() == 35
    assert Attack.objects.public().count() == Attack.objects.count() == 28
    assert Victim.objects.public().count() == Victim.objects.count() == 12
    assert Munition.objects.public().count() == Munition.objects.count() == 4


def test_every_incident_cites_the_snhr_report():
    load()
    january = Incident.objects.filter(**JANUARY_2018)
    cited = january.filter(sources__publisher="Syrian Network for Human Rights")
    assert cited.count() == january.count() == Incident.objects.filter(date__year=2018).count() == 31
    assert Counter(january.values_list("sources__kind", flat=True))["official_statement"] == 3


def test_witnesses_are_known_only_by_alias():
    load()
    witnesses = WitnessAccount.objects.all()
    assert {w.alias for w in witnesses} == {"Dr. Majd Dalati", "Msallam Abdul Basit", "Mohammad Hanthal"}
    for witness in witnesses:
        assert witness.real_name == ""
        assert witness.contact == ""
        assert witness.identity_protected
        assert witness.no_incentive_given
        assert witness.statement_is_public
    hanthal = WitnessAccount.objects.get(alias="Mohammad Hanthal")
    assert (hanthal.contact_method, hanthal.interviewed_on) == ("whatsapp", datetime.date(2018, 1, 24))


# --- The incidents the 2019 news articles name (demo/articles_2019.py) ---------------------------


def test_every_article_incident_cites_its_article():
    load()
    cited = {
        code: (kind, title)
        for code, kind, title in Incident.objects.filter(date__year=2019).values_list(
            "code", "sources__kind", "sources__title"
        )
    }
    assert set(cited) == {"INC-2019-00001", "INC-2019-00002", "INC-2019-00003", "INC-2019-00004"}
    assert {kind for kind, _title in cited.values()} == {"news"}
    assert cited["INC-2019-00004"][1].startswith("Idlib: 'more than 500 civilians killed'")
    assert cited["INC-2019-00002"][1].startswith("Russian and Assad forces struck 31 civil defense")


def test_the_article_incidents_as_recorded():
    load()

    def incident(code):
        return Incident.objects.select_related("place").get(code=code)

    mhambil = incident("INC-2019-00004")  # "helicopters dropped barrel bombs ... 15 killed"
    assert (mhambil.date, mhambil.place.name, mhambil.killed_count) == (
        datetime.date(2019, 6, 28),
        "Mhambil",
        15,
    )
    assert list(mhambil.munitions.values_list("weapon", "count")) == [("barrel_bomb", 2)]
    assert mhambil.primary_perpetrator.code == "syrian-regime"
    assert not mhambil.attacks.exists() and not mhambil.victims.exists()

    kafranbel = incident("INC-2019-00003")  # "an aerial strike on Kafranbel hospital"
    hospital = kafranbel.attacks.get().facility
    assert (hospital.kind, hospital.category, hospital.other_names) == (
        "hospital",
        "medical",
        "Kafranbel hospital",
    )
    assert list(kafranbel.munitions.values_list("weapon", "count")) == [("fixed_wing_aircraft", 1)]
    assert kafranbel.primary_perpetrator.kind == "undetermined"

    violet = incident("INC-2019-00002")  # "three medics of the Violet Organization killed"
    assert (violet.date, violet.place.name, violet.killed_count) == (
        datetime.date(2019, 6, 19),
        "Ma'arat al Nu'man",
        3,
    )
    ambulance = violet.attacks.get().facility
    assert (ambulance.kind, ambulance.operator) == ("ambulance", "Violet Organization")
    medics = violet.victims.all()
    assert medics.count() == 3
    assert {(v.role, v.report_class, v.harm, v.on_duty, v.name, v.affiliation_id) for v in medics} == {
        ("paramedic", "paramedic", "killed", True, "", ambulance.pk)
    }

    shahwa = Victim.objects.select_related("incident", "affiliation").get(name="Mohammad al-Shahwa")
    assert (shahwa.sex, shahwa.age, shahwa.role, shahwa.report_class) == (
        "male",
        None,
        "civil_defense",
        "civil_defense",
    )
    assert (shahwa.incident.date, shahwa.date_of_harm) == (
        datetime.date(2019, 5, 4),
        datetime.date(2019, 5, 4),
    )
    assert shahwa.affiliation.category == "civil_defense"
    assert shahwa.counted_perpetrator.code == "syrian-or-russian-forces"


def test_the_article_incidents_show_their_munitions(client):
    load()
    page = client.get("/incidents/INC-2019-00004/").content.decode()
    assert "2 barrel bombs" in page
    assert Incident.objects.get(code="INC-2019-00004").published_at.date() == datetime.date(2019, 6, 29)
