"""A token the configured keys cannot decrypt (issue 12, finding 6): pages still answer, tell
custodians (and only them) that the identity is unreadable, saving the record keeps the token as
it is, and ``rotate_field_keys --check`` lists it."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse as django_reverse
from django.utils import translation

from incidents.models import WitnessAccount
from tests.factories import WitnessAccountFactory
from tests.html import parse
from tests.incidents.test_models import raw_column

pytestmark = pytest.mark.django_db
MESSAGE = "Identity unreadable with the current keys"
CONTACT = "+963 944 000 111"


def foreign_token(plaintext: str) -> str:
    """A token written with a key that is not configured (a wrong or dropped key)."""
    return Fernet(Fernet.generate_key()).encrypt(plaintext.encode()).decode()


@pytest.fixture
def account(db):
    account = WitnessAccountFactory(alias="Abu Lost", real_name="placeholder", contact=CONTACT)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE incidents_witnessaccount SET real_name = %s WHERE id = %s",
            [foreign_token("Lost Name"), account.pk],
        )
    return account


def reverse(name, *args, language="en"):
    """The URL in ``language`` (a request leaves its language active in the test's thread)."""
    with translation.override(language):
        return django_reverse(name, args=args)


def stored(account, column="real_name"):
    return raw_column("incidents_witnessaccount", column, account.pk)


def pages(account) -> list[str]:
    return [
        reverse("admin:incidents_witnessaccount_changelist"),
        reverse("admin:incidents_witnessaccount_change", account.pk),
        reverse("admin:incidents_witnessaccount_history", account.pk),
        reverse("admin:incidents_incident_change", account.incident.pk),
    ]


def arabic_message() -> str:
    with translation.override("ar"):
        message = translation.gettext(MESSAGE)
    assert message != MESSAGE, "not translated"
    return message


def test_custodians_are_told_the_identity_is_unreadable(client, custodian, account):
    client.force_login(custodian)
    history = reverse("admin:incidents_witnessaccount_history", account.pk)
    for page in pages(account):
        response = client.get(page)
        assert response.status_code == 200, page
        assert (MESSAGE in response.content.decode()) is (page != history), page
    arabic = client.get(reverse("admin:incidents_witnessaccount_change", account.pk, language="ar"))
    assert arabic.status_code == 200 and arabic_message() in arabic.content.decode()


@pytest.mark.parametrize("role", ["documenter", "reviewer", "data_manager"])
def test_others_see_the_pages_and_nothing_about_it(client, account, role, request):
    client.force_login(request.getfixturevalue(role))
    for page in pages(account):
        response = client.get(page)
        assert response.status_code == 200, page
        assert MESSAGE not in response.content.decode(), page
    arabic = client.get(reverse("admin:incidents_witnessaccount_change", account.pk, language="ar"))
    assert arabic.status_code == 200 and arabic_message() not in arabic.content.decode()


def form_data(content: bytes, form_id: str) -> dict:
    """The values a browser would send from the page's form, as the page shows them."""
    form = parse(content).find("form", id=form_id)
    data: dict = {}
    for field in form.find_all("input"):
        name, kind = field.attrs.get("name"), field.attrs.get("type", "text")
        if not name or "__prefix__" in name or kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"}:
            if field.has("checked"):
                data[name] = field.attrs.get("value", "on")
            continue
        data[name] = field.attrs.get("value", "")
    for field in form.find_all("textarea"):
        if "__prefix__" not in field.attrs["name"]:
            data[field.attrs["name"]] = field.text
    for field in form.find_all("select"):
        name = field.attrs["name"]
        if "__prefix__" in name:
            continue
        chosen = [
            option.attrs.get("value", "") for option in field.find_all("option") if option.has("selected")
        ]
        data[name] = chosen if field.has("multiple") else (chosen[0] if chosen else "")
    return data


@pytest.mark.parametrize("role", ["documenter", "custodian"])
def test_saving_the_witness_page_keeps_the_unreadable_token(client, account, role, request):
    client.force_login(request.getfixturevalue(role))
    token = stored(account)
    url = reverse("admin:incidents_witnessaccount_change", account.pk)
    data = form_data(client.get(url).content, "witnessaccount_form")
    response = client.post(url, {**data, "witness_role": "nurse at the hospital", "_save": "Save"})
    assert response.status_code == 302, response.content[:3000]
    assert WitnessAccount.objects.get(pk=account.pk).witness_role == "nurse at the hospital"
    assert stored(account) == token
    assert WitnessAccount.objects.get(pk=account.pk).contact == CONTACT


@pytest.mark.parametrize("role", ["documenter", "custodian"])
def test_saving_the_incident_page_keeps_the_unreadable_token(client, account, role, request):
    client.force_login(request.getfixturevalue(role))
    token = stored(account)
    url = reverse("admin:incidents_incident_change", account.incident.pk)
    data = form_data(client.get(url).content, "incident_form")
    response = client.post(url, {**data, "witness_accounts-0-statement": "Shelling at dawn", "_save": "Save"})
    assert response.status_code == 302, response.content[:3000]
    assert WitnessAccount.objects.get(pk=account.pk).statement == "Shelling at dawn"
    assert stored(account) == token


def test_the_custodian_corrects_around_an_unreadable_token(client, custodian, account):
    client.force_login(custodian)
    url = reverse("admin:incidents_witnessaccount_identity", account.pk)
    revealed = client.post(url, {"reason": "Key audit"})
    assert revealed.status_code == 200 and MESSAGE in revealed.content.decode()
    token = stored(account)
    # The form shows the unreadable field empty: sent back empty, it keeps the token.
    client.post(url, {"save_identity": "1", "real_name": "", "contact": "+963 955", "reason": "New number"})
    assert stored(account) == token
    assert WitnessAccount.objects.get(pk=account.pk).contact == "+963 955"
    # A value typed over it replaces it (and the unreadable token stays in the correction log).
    client.post(url, {"save_identity": "1", "real_name": "Found Name", "reason": "Witness re-interviewed"})
    assert WitnessAccount.objects.get(pk=account.pk).real_name == "Found Name"
    assert account.identity_corrections.filter(field="real_name").get().previous == token


def test_rotate_check_lists_the_unreadable_tokens(account):
    readable = WitnessAccountFactory(real_name="Readable", contact="")
    out = StringIO()
    with pytest.raises(CommandError, match="1 value"):
        call_command("rotate_field_keys", "--check", stdout=out)
    assert out.getvalue().splitlines() == [f"incidents.WitnessAccount\t{account.pk}\treal_name"]
    assert str(readable.pk) not in out.getvalue().split("\t")[1:2]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("rotate_field_keys", stdout=StringIO())


def test_rotate_check_passes_when_every_token_is_readable(db):
    WitnessAccountFactory(real_name="Readable", contact="+963 1")
    out = StringIO()
    call_command("rotate_field_keys", "--check", stdout=out)
    assert "can be decrypted" in out.getvalue()
