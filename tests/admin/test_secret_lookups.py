"""No admin page answers a question about an encrypted field (issue 12, finding 4).

A Fernet token's length follows the plaintext's and it begins with the time it was written, so
a filter on the stored token (``?real_name__regex=^.{100,}$``) tells who has a recorded identity,
its length class and when it was written. Every such lookup, search and ordering is refused, for
custodians too: each test asks the same question before and after the secret is wiped, and the
answer must not change.
"""

import pytest
from django.contrib.admin import ModelAdmin
from django.contrib.admin import site as admin_site
from django.test import RequestFactory
from django.urls import reverse

from core.admin_site import ProtectedAdminSite, check_no_admin_declares_a_secret, reaches_secret
from incidents.models import Attack, Incident, WitnessAccount
from tests.factories import AttackFactory, WitnessAccountFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

ROLES = ["documenter", "custodian", "superuser"]
LONG_NAME = "A witness name long enough to make the token over a hundred characters " * 2


@pytest.fixture
def world():
    """Two incidents, each with one witness: only the first witness has a recorded identity."""
    named = WitnessAccountFactory(alias="Abu Named", real_name=LONG_NAME, contact="+963 944 000 111")
    anonymous = WitnessAccountFactory(alias="Abu Blank", real_name="", contact="")
    AttackFactory(incident=named.incident)
    AttackFactory(incident=anonymous.incident)
    return named, anonymous


def wipe_secrets(account):
    WitnessAccount.objects.filter(pk=account.pk).update(real_name="", contact="")


def listed(content: bytes) -> tuple:
    """The rows of a change list, as text."""
    tables = parse(content).find_all("table", id="result_list")
    return tuple(sorted(row.text for row in tables[0].find("tbody").find_all("tr"))) if tables else ()


def answer(client, url) -> tuple:
    """What the page tells: its status, where it redirects, and the rows it lists."""
    response = client.get(url)
    rows = listed(response.content) if response.status_code == 200 else ()
    return response.status_code, response.get("Location"), rows


WITNESS_LIST = "admin:incidents_witnessaccount_changelist"
PROBES = [
    (WITNESS_LIST, "real_name__regex=^.{100,}$"),
    (WITNESS_LIST, "real_name__gt=a"),
    (WITNESS_LIST, "real_name__startswith=gAAAAA"),
    (WITNESS_LIST, "contact__startswith=gAAAAA"),
    (WITNESS_LIST, "real_name="),
    (WITNESS_LIST, "contact__isnull=False&contact__gt="),
    (WITNESS_LIST, "real_name__length__gt=100"),
    ("admin:incidents_incident_changelist", "witness_accounts__real_name__regex=^.{100,}$"),
    ("admin:incidents_incident_changelist", "witness_accounts__contact__startswith=gAAAAA"),
    ("admin:incidents_attack_changelist", "incident__witness_accounts__real_name__gt="),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "query"), PROBES)
def test_a_filter_on_a_secret_is_refused_and_tells_nothing(client, world, request, role, page, query):
    client.force_login(request.getfixturevalue(role))
    named, _anonymous = world
    url = f"{reverse(page)}?{query}"
    with_secret = answer(client, url)
    wipe_secrets(named)
    without_secret = answer(client, url)
    assert with_secret == without_secret
    status, location, _rows = with_secret
    assert status == 400 or (status == 302 and location.endswith("?e=1")), with_secret


def test_without_the_gate_the_same_filter_would_tell(world):
    """The probe above asks a question the database would answer: who has a long identity."""
    named, anonymous = world
    matches = WitnessAccount.objects.filter(real_name__regex="^.{100,}$")
    assert list(matches) == [named]
    assert reaches_secret(WitnessAccount, "real_name__regex")
    assert reaches_secret(Incident, "witness_accounts__real_name__regex")
    assert reaches_secret(Attack, "incident__witness_accounts__contact")
    assert not reaches_secret(WitnessAccount, "alias__regex")
    assert not reaches_secret(Incident, "witness_accounts__alias")


@pytest.mark.parametrize("role", ROLES)
def test_ordinary_filters_and_searches_still_work(client, world, request, role):
    client.force_login(request.getfixturevalue(role))
    status, _location, rows = answer(client, reverse(WITNESS_LIST) + "?q=Named")
    assert status == 200 and len(rows) == 1 and "Abu Named" in rows[0]
    status, _location, rows = answer(client, reverse(WITNESS_LIST) + "?relation__exact=" + world[0].relation)
    assert status == 200 and any("Abu Named" in row for row in rows)


def test_a_search_never_reaches_a_secret(client, superuser, world):
    """A token's prefix matches every recorded identity; the search does not look there."""
    client.force_login(superuser)
    url = reverse(WITNESS_LIST) + "?q=gAAAAA"
    with_secret = answer(client, url)
    wipe_secrets(world[0])
    assert with_secret == answer(client, url) == (200, None, ())
    autocomplete = (
        reverse("admin:autocomplete")
        + "?app_label=incidents&model_name=attack&field_name=incident&term=gAAAAA"
    )
    assert client.get(autocomplete).json()["results"] == []


def test_every_registered_admin_drops_secrets_from_search_filters_and_ordering(superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    for model, model_admin in admin_site._registry.items():
        for field in model_admin.get_search_fields(request):
            assert not reaches_secret(model, str(field).lstrip("^=@")), (model, field)
        for name in model_admin.get_ordering(request) or ():
            assert not reaches_secret(model, str(name).lstrip("-")), (model, name)
        assert model_admin.lookup_allowed("real_name__regex", "x", request) is (
            not reaches_secret(model, "real_name__regex")
        )


class CarelessAdmin(ModelAdmin):
    """An admin that names the secrets everywhere it could."""

    list_display = ["alias", "real_name"]
    list_filter = ["real_name", "relation"]
    search_fields = ["alias", "=contact", "^real_name"]
    ordering = ["-real_name", "alias"]


@pytest.fixture
def careless(superuser):
    """``CarelessAdmin`` on a site of its own (not the project's), and a request for it."""
    site = ProtectedAdminSite(name="careless")
    site.register(WitnessAccount, CarelessAdmin)
    return site._registry[WitnessAccount]


def changelist_request(superuser, query: str):
    request = RequestFactory().get("/", dict(part.split("=") for part in query.split("&")) if query else {})
    request.user = superuser
    return request


def test_a_careless_admin_cannot_search_filter_or_sort_on_a_secret(careless, superuser, world):
    request = changelist_request(superuser, "")
    assert careless.get_search_fields(request) == ["alias"]
    assert careless.get_list_filter(request) == ["relation"]
    assert careless.get_ordering(request) == ["alias"]
    assert "real_name" not in careless.get_sortable_by(request)
    changelist = careless.get_changelist_instance(request)
    assert not any(
        "real_name" in str(order) for order in changelist.get_ordering(request, changelist.root_queryset)
    )


@pytest.mark.parametrize("column", ["o=2", "o=-2", "o=1.2"])  # 0 is the action box, 2 real_name
def test_ordering_by_a_secret_column_is_not_applied(careless, superuser, world, column):
    request = changelist_request(superuser, column)
    changelist = careless.get_changelist_instance(request)
    ordering = changelist.get_ordering(request, changelist.root_queryset)
    assert not any("real_name" in str(order) for order in ordering), ordering
    assert not any("real_name" in str(order) for order in changelist.queryset.query.order_by)


def test_the_system_check_names_a_careless_admin(monkeypatch):
    site = ProtectedAdminSite(name="careless-check")
    site.register(WitnessAccount, CarelessAdmin)
    monkeypatch.setattr("core.admin_site.site", site)
    errors = check_no_admin_declares_a_secret()
    assert {error.id for error in errors} == {"core.E001"}
    assert {error.msg.split(" ")[0] for error in errors} == {
        "CarelessAdmin.search_fields",
        "CarelessAdmin.list_filter",
        "CarelessAdmin.ordering",
        "CarelessAdmin.list_display",
    }


def test_the_project_declares_no_secret_anywhere():
    assert check_no_admin_declares_a_secret() == []


def test_incident_list_filters_keep_working(client, superuser, world):
    client.force_login(superuser)
    named, _ = world
    url = reverse("admin:incidents_incident_changelist") + f"?status__exact={named.incident.status}"
    status, _location, rows = answer(client, url)
    assert status == 200 and any(named.incident.code in row for row in rows)
