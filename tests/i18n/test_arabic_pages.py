"""Every page under /ar/ reads in Arabic: no English phrase of the catalogue shows in its visible
text (record text in another language is marked with ``lang`` and left out), on the public pages
and on the documenters' back office.

And, stricter, in both languages: no word of the other script (Latin on an Arabic page, Arabic on
an English one) outside an element whose ``lang`` says it is in another language, on every public
page and the main change lists, with records that have only English text and records that have
only Arabic text."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from facilities.models import ChangeProposal, FacilityKind
from incidents.choices import Status, Visibility, Weapon
from incidents.models import IdentityReveal
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CustodyEventFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    MunitionFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    SourceFactory,
    UserFactory,
    VictimFactory,
    WitnessAccountFactory,
)
from tests.html import Element, parse
from tests.public.test_pages import all_public_urls
from tests.public.world import build_world, day
from victims.models import Harm, Role, Sex

pytestmark = pytest.mark.django_db

HIDDEN = {"script", "style", "template", "title"}


def english_phrases() -> set[str]:
    """The English phrases the Arabic catalogue translates, of two words or more (a single word
    such as "Hospital" may be part of a record's name), without placeholders or markup."""
    phrases = set()
    for key in trans_real.translation("ar")._catalog.keys():  # noqa: SLF001 - the compiled catalogue
        text = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1].strip()
        if re.search(r"[%{}<>]", text) or len(text.split()) < 2 or not re.search(r"[a-z]", text):
            continue
        phrases.add(text)
    return phrases


@pytest.fixture
def world(db):
    cache.clear()
    yield build_world()
    cache.clear()


def visible_text(element: Element, language: str = "ar") -> str:
    """The text a reader sees as the page's own, in ``language``: not in scripts, and not in
    elements marked as another language (a record's English text on an Arabic page)."""
    parts = []

    def walk(node: Element, current: str):
        for child in node.children:
            if isinstance(child, str):
                if current == language:
                    parts.append(child)
            elif child.tag not in HIDDEN:
                walk(child, child.attrs.get("lang", current))

    walk(element, language)
    return " ".join(" ".join(parts).split())


def english_on(client, path: str, phrases: set[str]) -> list[str]:
    response = client.get(path, follow=True)
    assert response.status_code in (200, 400, 404), (path, response.status_code)
    document = parse(response.content)
    assert document.find("html").attrs["lang"] == "ar", path
    text = visible_text(document)
    return sorted(phrase for phrase in phrases if re.search(rf"\b{re.escape(phrase)}\b", text))


PUBLIC = [
    "/ar/",
    "/ar/incidents/",
    "/ar/incidents/?q=hospital&perpetrator=syrian-regime",
    "/ar/victims/",
    "/ar/facilities/",
    "/ar/attacks/",
    "/ar/perpetrators/",
    "/ar/perpetrators/syrian-regime/",
    "/ar/reports/?date_after=2018-01-01&date_before=2018-12-31",
    "/ar/reports/?date_after=not-a-date",
    "/ar/incidents/?date_after=1800-01-01",
    "/ar/no-such-page/",
    "/ar/incidents/INC-0000-00000/",
    "/ar/admin/login/",
]


@pytest.fixture
def phrases():
    found = english_phrases()
    assert len(found) > 300  # the check reads the real catalogue
    return found


def test_the_check_sees_english(client, world, phrases):
    """An English phrase on an Arabic page is found (the check can fail)."""
    assert "People killed, by perpetrator and report class" in phrases
    response = client.get("/reports/?date_after=2018-01-01&date_before=2018-12-31")
    assert "People killed, by perpetrator and report class" in visible_text(parse(response.content), "en")


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_under_ar_show_no_english_phrase(client, world, phrases, path):
    assert english_on(client, path, phrases) == []


def test_record_pages_under_ar_show_no_english_phrase(client, world, phrases):
    incident = world.incidents["A"]
    victim = world.victims["nurse"]
    facility = world.facilities["hospital"]
    for path in (
        f"/ar/incidents/{incident.code}/",
        f"/ar/victims/{victim.code}/",
        f"/ar/facilities/{facility.code}/",
    ):
        assert english_on(client, path, phrases) == [], path


def test_back_office_under_ar_shows_no_english_phrase(client, world, phrases):
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    client.force_login(reviewer)
    incident = world.incidents["A"]
    victim = world.victims["nurse"]
    paths = [
        "/ar/admin/",
        "/ar/admin/incidents/incident/",
        f"/ar/admin/incidents/incident/{incident.pk}/change/",
        "/ar/admin/incidents/incident/add/",
        "/ar/admin/victims/victim/",
        f"/ar/admin/victims/victim/{victim.pk}/change/",
        "/ar/admin/facilities/facility/",
    ]
    found = {path: english_on(client, path, phrases) for path in paths}
    assert found == dict.fromkeys(paths, [])


# The stricter check: no text of the other script outside an element marked with its language.
# A record's English text on an Arabic page (and its Arabic text on an English page) is inside an
# element whose ``lang`` says so. The same in every language, and so not looked at: codes (in
# ``<code>`` or ``.code``, and the records' codes, INC-2018-00001, wherever they stand), the
# names of formats, addresses, and the month box's pattern.
OTHER_SCRIPT = {
    "ar": re.compile(r"[A-Za-z]{3,}"),
    "en": re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]{2,}"),
}
LANGUAGE_FREE = re.compile(
    r"\b(?:CSV|XLSX|HXL|PDF|JSON|SHA-256|P-code|YYYY-MM)\b|https?://\S+|\b[A-Z]{3}-[0-9][0-9-]*\b"
)
# Attributes read as text, in their element's language. Not aria-label: Django's action checkbox
# says "Select this object for an action - <the record>" in one attribute, whose two parts no
# markup can give two languages.
TEXT_ATTRIBUTES = ("title", "placeholder", "alt")


def is_code(element: Element) -> bool:
    return element.tag == "code" or "code" in element.attrs.get("class", "").split()


def unmarked(document: Element, language: str) -> list[str]:
    """The pieces of visible text of a page in ``language`` that hold a word of the other script
    without an element marking them as another language (each whole piece, as shown)."""
    other_script = OTHER_SCRIPT[language]
    found = []

    def check(text: str):
        if other_script.search(LANGUAGE_FREE.sub(" ", text)):
            found.append(" ".join(text.split()))

    def walk(node: Element, current: str):
        for child in node.children:
            if isinstance(child, str):
                if current == language:
                    check(child)
                continue
            if child.tag in HIDDEN or is_code(child):
                continue
            lang = child.attrs.get("lang", current).split("-")[0]
            if lang == language:
                for name in TEXT_ATTRIBUTES:
                    check(child.attrs.get(name, ""))
            walk(child, lang)

    walk(document, language)
    return found


def unmarked_on(client, path: str, language: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    document = parse(response.content)
    assert document.find("html").attrs["lang"] == language, path
    return unmarked(document, language)


def add_arabic_only_records(world) -> dict:
    """Records whose text exists only in Arabic: a place, a party and a facility named in Arabic
    (their required ``name`` holds the Arabic, as an import may give it), an incident with only
    ``title_ar``, a victim with only ``name_ar``, and an Arabic source, witness and caption."""
    saraqeb = PlaceFactory(name="سراقب", parent=world.places["idleb"])
    party = PerpetratorFactory(code="arabic-only-party", name="فصيل مسلح", kind="non_state_armed_group")
    clinic = FacilityFactory(
        name="مشفى الأمل",
        other_names="مشفى سراقب",
        operator="مديرية الصحة",
        kind=FacilityKind.HOSPITAL,
        place=saraqeb,
    )
    incident = PublishedIncidentFactory(
        date=day(9),
        place=saraqeb,
        title="",
        title_ar="قصف مشفى الأمل في سراقب",
        summary="",
        summary_ar="سقطت قذائف أمام المشفى.",
        location_detail="الحي الشرقي",
        weapon=Weapon.ARTILLERY,
        weapon_detail="قذائف هاون",
    )
    incident.sources.add(SourceFactory(title="تقرير شهري", publisher="الشبكة", url="https://example.org/ar"))
    AttributionFactory(incident=incident, perpetrator=party, primary=True, note="بحسب شهود")
    AttackFactory(incident=incident, facility=clinic, damage="heavy")
    victim = VictimFactory(
        incident=incident,
        name="",
        name_ar="أحمد العلي",
        other_names="أبو محمد",
        organization="الهلال الأحمر",
        circumstances_ar="قتل أثناء عمله.",
        role=Role.NURSE,
        sex=Sex.MALE,
        affiliation=clinic,
        status=Status.PUBLISHED,
        harm=Harm.KILLED,
    )
    WitnessAccountFactory(
        incident=incident, alias="أبو خالد", witness_role="ناشط إعلامي", statement="رأيت القصف."
    )
    EvidenceMediaFactory(incident=incident, visibility=Visibility.PUBLIC, caption="صورة المشفى بعد القصف")
    return dict(place=saraqeb, party=party, facility=clinic, incident=incident, victim=victim)


@pytest.fixture
def both_worlds(world):
    """The public world (records in English, some with Arabic) and records only in Arabic."""
    return world, add_arabic_only_records(world)


def record_pages(world, arabic) -> list[str]:
    """The public pages: lists, the home page, reports, and every public record's page."""
    return [
        *all_public_urls(world),
        "/reports/?date_after=2018-01-01&date_before=2018-12-31",
        "/reports/?date_after=2018-01-01&date_before=2018-12-31&governorate=SY05",
        f"/incidents/{arabic['incident'].code}/",
        f"/victims/{arabic['victim'].code}/",
        f"/facilities/{arabic['facility'].code}/",
        f"/perpetrators/{arabic['party'].code}/",
    ]


def test_the_strict_check_sees_an_unmarked_name():
    """A name in the other script outside a marked element is found; marked, it is not; codes
    and format names are no one's language."""
    page = (
        '<html lang="ar"><body><p>مشفى <a href="/">Civil defence centre</a></p>'
        '<p><span lang="en" dir="ltr">al Salam Hospital</span> <span class="code">FAC-0001</span> CSV</p>'
        "<select><option>Syrian regime forces</option></select>"
        '<svg><rect><title>x</title></rect></svg><img alt="Russian forces" src="/x.png">'
        " INC-2018-00001</body></html>"
    )
    # A link's text, a select's option and an image's text are found; the marked name, the codes
    # and the format's name are not.
    assert unmarked(parse(page), "ar") == ["Civil defence centre", "Syrian regime forces", "Russian forces"]
    english = '<html lang="en"><body><p>Hospital <b>مشفى الأمل</b></p><p lang="ar">دوما</p></body></html>'
    assert unmarked(parse(english), "en") == ["مشفى الأمل"]


def test_arabic_pages_mark_every_english_record_text(client, both_worlds):
    world, arabic = both_worlds
    found = {path: unmarked_on(client, f"/ar{path}", "ar") for path in record_pages(world, arabic)}
    assert {path: texts for path, texts in found.items() if texts} == {}


def test_english_pages_mark_every_arabic_record_text(client, both_worlds):
    world, arabic = both_worlds
    found = {path: unmarked_on(client, path, "en") for path in record_pages(world, arabic)}
    assert {path: texts for path, texts in found.items() if texts} == {}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_back_office_lists_mark_record_text_in_the_other_language(client, both_worlds, language):
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    client.force_login(reviewer)
    prefix = "/ar" if language == "ar" else ""
    paths = [
        f"{prefix}/admin/incidents/incident/",
        f"{prefix}/admin/victims/victim/",
        f"{prefix}/admin/facilities/facility/",
    ]
    found = {path: unmarked_on(client, path, language) for path in paths}
    assert {path: texts for path, texts in found.items() if texts} == {}


def add_back_office_rows(world, arabic) -> None:
    """Rows of every change list, in each language: munitions, custody, identity reveals and
    proposed changes with an Arabic note or reason (the Arabic-only records), and English ones."""
    custodian = UserFactory(username="custodian-user")
    evidence = arabic["incident"].evidence.get()
    english = world.incidents["A"]
    MunitionFactory(incident=arabic["incident"], weapon=Weapon.ARTILLERY, count=3, note="ثلاث قذائف")
    CustodyEventFactory(evidence=evidence, note="استُلمت من الفريق الميداني", actor=custodian)
    CustodyEventFactory(
        evidence=EvidenceMediaFactory(incident=english), note="received from the field team", actor=custodian
    )
    witness = arabic["incident"].witness_accounts.get()
    IdentityReveal.objects.create(witness=witness, user=custodian, reason="للتحقق من الإفادة")
    IdentityReveal.objects.create(
        witness=WitnessAccountFactory(incident=english, alias="Abu Khaled"), user=custodian, reason="to check"
    )
    for record in (arabic["facility"], world.facilities["hospital"]):
        ChangeProposal.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            record_label=str(record),
            changes={"operator": "x"},
            previous={"operator": ""},
            proposed_by=custodian,
        )


def project_admin_urls(name: str, *args) -> list[str]:
    """``admin:<app>_<model>_<name>`` of every model of the project's own apps (English paths)."""
    with translation.override("en"):
        return [
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)
            for model in admin.site._registry
            if model._meta.app_label in ("facilities", "incidents", "victims")
        ]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_change_list_marks_record_text_in_the_other_language(client, both_worlds, language):
    """Every column of record text (names, titles, notes, reasons, the records a row refers to)
    and every yes/no icon, in every change list of the back office."""
    world, arabic = both_worlds
    add_back_office_rows(world, arabic)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    prefix = "/ar" if language == "ar" else ""
    found = {}
    for path in project_admin_urls("changelist"):
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        changelist = parse(response.content).find_all("div", id="changelist")[0]
        assert len(changelist.find_all("tr")) > 2, path  # rows in both languages
        found[path] = unmarked(changelist, language)
    assert {path: texts for path, texts in found.items() if texts} == {}


def admin_path(name: str, *args) -> str:
    """The English path of an admin page (``reverse()`` follows the language of the last request)."""
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def marked_as(element: Element, text: str) -> str:
    """The ``lang`` of the element of ``element`` whose text is ``text`` ("" when not marked)."""
    for child in [*element.find_all("bdi"), *element.find_all("span"), *element.find_all("option"), element]:
        if child.text == text:
            return child.attrs.get("lang", "")
    raise AssertionError(f"{text!r} is not there")


def test_change_forms_mark_the_record_and_its_choices_in_the_other_language(client, both_worlds):
    """The record's own name (breadcrumbs, heading) and the records chosen in its selects."""
    world, arabic = both_worlds
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    attack = arabic["incident"].attacks.get()
    page = parse(client.get(admin_path("incidents_attack_change", attack.pk)).content)
    label = str(attack)  # "INC-...: مشفى الأمل"
    assert marked_as(page.find_all("div", class_="breadcrumbs")[0], label) == "ar"
    assert marked_as(page.find_all("div", id="content")[0].find("h2"), label) == "ar"
    incident_select = page.find("select", name="incident")
    assert marked_as(incident_select, str(arabic["incident"])) == "ar"
    assert marked_as(page.find("select", name="facility"), str(arabic["facility"])) == "ar"
    # The back office in Arabic: an English record's name is marked as English.
    english = world.incidents["A"].attacks.first()
    page = parse(client.get("/ar" + admin_path("incidents_attack_change", english.pk)).content)
    assert marked_as(page.find_all("div", class_="breadcrumbs")[0], str(english)) == "en"
    assert marked_as(page.find("select", name="facility"), str(english.facility)) == "en"
    # A record in the back office's own language is not marked.
    with translation.override("ar"):
        label = str(arabic["incident"])
    page = parse(client.get("/ar" + admin_path("incidents_incident_change", arabic["incident"].pk)).content)
    assert marked_as(page.find_all("div", class_="breadcrumbs")[0], label) == ""


def test_a_read_only_published_flag_says_yes_or_no_in_arabic(client, world, documenter):
    client.force_login(documenter)
    place = world.places["douma"]
    page = parse(client.get("/ar" + admin_path("facilities_place_change", place.pk)).content)
    flags = [img.attrs["alt"] for img in page.find_all("img") if "icon-" in img.attrs.get("src", "")]
    assert flags and "True" not in flags and "False" not in flags


def title_of(client, path: str) -> tuple[int, str]:
    response = client.get(path)
    return response.status_code, " ".join(parse(response.content).find("title").text.split())


def test_every_title_under_ar_is_arabic(client, both_worlds):
    """The <title> of public and back-office pages under /ar/, error pages included, for records
    that have their Arabic text: no Latin word but codes and the names of formats."""
    world, arabic = both_worlds
    public = [
        "/ar/",
        "/ar/incidents/",
        "/ar/victims/",
        "/ar/facilities/",
        "/ar/attacks/",
        "/ar/perpetrators/",
        f"/ar/incidents/{arabic['incident'].code}/",
        f"/ar/victims/{arabic['victim'].code}/",
        f"/ar/facilities/{arabic['facility'].code}/",
        f"/ar/perpetrators/{arabic['party'].code}/",
        "/ar/reports/?date_after=2018-01-01&date_before=2018-12-31",
        "/ar/incidents/?date_after=1800-01-01",
        "/ar/no-such-page/",
        "/ar/admin/login/",
    ]
    titles = {path: title_of(client, path) for path in public}
    client.force_login(UserFactory(is_staff=True, groups=["Documenter", "Reviewer", "Data manager"]))
    records = [arabic["incident"], arabic["victim"], arabic["facility"], arabic["place"], arabic["party"]]
    back_office = [
        "/ar/admin/",
        "/ar/admin/incidents/",
        "/ar/admin/password_change/",
        "/ar/admin/incidents/incident/import/",
        "/ar/admin/incidents/incident/export/",
        "/ar/admin/incidents/identityreveal/",  # refused: the 403 page
        *("/ar" + path for path in project_admin_urls("changelist")),
        *("/ar" + path for path in project_admin_urls("add")),
        *(
            "/ar" + admin_path(f"{r._meta.app_label}_{r._meta.model_name}_{view}", r.pk)
            for r in records
            for view in ("change", "history")
        ),
    ]
    titles |= {path: title_of(client, path) for path in back_office}
    assert titles["/ar/admin/incidents/identityreveal/"][0] == 403
    latin = {
        path: title
        for path, (_status, title) in titles.items()
        if OTHER_SCRIPT["ar"].search(LANGUAGE_FREE.sub(" ", title))
    }
    assert latin == {}
