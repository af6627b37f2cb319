"""Witness identities in the back office: write-once, revealed only to custodians, always logged."""

import pytest
from django.urls import reverse

from incidents.models import IdentityReveal, WitnessAccount
from tests.factories import IncidentFactory, WitnessAccountFactory

pytestmark = pytest.mark.django_db
REAL_NAME, CONTACT = "Hidden Canaryname", "+963 944 000 111"


@pytest.fixture
def account(db):
    return WitnessAccountFactory(alias="Abu Canary", real_name=REAL_NAME, contact=CONTACT)


def identity_url(account):
    return reverse("admin:incidents_witnessaccount_identity", args=[account.pk])


def test_documenter_records_an_identity_once_when_adding(client, documenter):
    incident = IncidentFactory()
    client.force_login(documenter)
    response = client.post(
        reverse("admin:incidents_witnessaccount_add"),
        {
            "incident": incident.pk,
            "alias": "Abu Omar",
            "identity_protected": "on",
            "relation": "eyewitness",
            "consent": "internal_only",
            "real_name": "Newly Recorded Name",
            "contact": "whatsapp +963 1",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    account = WitnessAccount.objects.get(alias="Abu Omar")
    assert account.real_name == "Newly Recorded Name"
    change = client.get(reverse("admin:incidents_witnessaccount_change", args=[account.pk]))
    assert b"Newly Recorded Name" not in change.content
    assert b"whatsapp +963 1" not in change.content


@pytest.mark.parametrize("role", ["documenter", "reviewer", "data_manager"])
def test_no_page_shows_the_identity_without_the_permission(client, account, role, request):
    client.force_login(request.getfixturevalue(role))
    pages = [
        reverse("admin:incidents_witnessaccount_changelist"),
        reverse("admin:incidents_witnessaccount_changelist") + "?q=Canaryname",
        reverse("admin:incidents_witnessaccount_change", args=[account.pk]),
        reverse("admin:incidents_witnessaccount_history", args=[account.pk]),
        reverse("admin:incidents_incident_change", args=[account.incident.pk]),
        reverse("admin:autocomplete")
        + "?app_label=incidents&model_name=witnessaccount&field_name=incident&term=Canary",
    ]
    for page in pages:
        body = client.get(page).content
        assert REAL_NAME.encode() not in body and CONTACT.encode() not in body, page
    assert client.get(identity_url(account)).status_code == 403
    assert client.post(identity_url(account), {"reason": "curious"}).status_code == 403
    assert not IdentityReveal.objects.exists()


def test_custodian_sees_the_identity_only_after_giving_a_reason(client, custodian, account):
    client.force_login(custodian)
    change = client.get(reverse("admin:incidents_witnessaccount_change", args=[account.pk]))
    assert REAL_NAME.encode() not in change.content
    assert identity_url(account).encode() in change.content
    asked = client.get(identity_url(account))
    assert asked.status_code == 200 and REAL_NAME.encode() not in asked.content
    refused = client.post(identity_url(account), {"reason": "   "})
    assert REAL_NAME.encode() not in refused.content
    assert not IdentityReveal.objects.exists()
    shown = client.post(identity_url(account), {"reason": "Follow-up interview on 3 March"})
    assert REAL_NAME.encode() in shown.content and CONTACT.encode() in shown.content
    assert "no-store" in shown["Cache-Control"]
    log = IdentityReveal.objects.get()
    assert (log.user, log.witness, log.reason) == (custodian, account, "Follow-up interview on 3 March")


def test_custodian_corrections_are_logged_and_kept_out_of_history(client, custodian, account):
    client.force_login(custodian)
    client.post(identity_url(account), {"reason": "Witness changed phone number"})
    client.post(
        identity_url(account),
        {"save_identity": "1", "real_name": REAL_NAME, "contact": "+963 955", "reason": "New number"},
    )
    account.refresh_from_db()
    assert account.contact == "+963 955"
    assert IdentityReveal.objects.filter(witness=account).count() == 2
    assert "+963 955" not in repr(list(account.history.values()))


def test_only_administrators_read_the_access_log(client, custodian, superuser, account):
    IdentityReveal.objects.create(witness=account, user=custodian, reason="Audit canary")
    log_url = reverse("admin:incidents_identityreveal_changelist")
    client.force_login(custodian)
    assert client.get(log_url).status_code == 403
    client.force_login(superuser)
    response = client.get(log_url)
    assert response.status_code == 200 and b"Audit canary" in response.content
    entry = IdentityReveal.objects.get()
    assert client.post(reverse("admin:incidents_identityreveal_delete", args=[entry.pk])).status_code == 403
