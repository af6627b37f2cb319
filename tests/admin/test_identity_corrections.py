"""Identity corrections (issue 12, finding 5): a reason is required, only the submitted fields
change, and the previous token goes into the append-only correction log so that a custodian can
undo the correction (the undo logged too). The log's tokens are shown to nobody."""

import pytest
from cryptography.fernet import Fernet
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from core import crypto
from incidents import services
from incidents.models import IdentityCorrection, IdentityReveal, WitnessAccount
from tests.factories import WitnessAccountFactory
from tests.incidents.test_models import raw_column

pytestmark = pytest.mark.django_db
REAL_NAME, CONTACT = "Hidden Canaryname", "+963 944 000 111"


@pytest.fixture
def account(db):
    return WitnessAccountFactory(alias="Abu Canary", real_name=REAL_NAME, contact=CONTACT)


def identity_url(account):
    return reverse("admin:incidents_witnessaccount_identity", args=[account.pk])


def token(account, column):
    return raw_column("incidents_witnessaccount", column, account.pk)


def fresh(account):
    return WitnessAccount.objects.get(pk=account.pk)


def correct(client, account, **data):
    return client.post(identity_url(account), {"save_identity": "1", **data})


def test_a_correction_without_a_reason_changes_nothing(client, custodian, account):
    client.force_login(custodian)
    response = correct(client, account, real_name="Other Name", contact="")
    assert response.status_code == 200
    assert "reason" in response.context["identity_form"].errors
    assert (fresh(account).real_name, fresh(account).contact) == (REAL_NAME, CONTACT)
    assert not IdentityCorrection.objects.exists() and not IdentityReveal.objects.exists()
    # The refused form shows back what was submitted, never the stored identity.
    assert REAL_NAME.encode() not in response.content and CONTACT.encode() not in response.content


def test_a_field_left_out_of_the_post_keeps_its_value(client, custodian, account):
    client.force_login(custodian)
    response = correct(client, account, real_name="Corrected Name", reason="Spelling")
    assert response.status_code == 302
    assert (fresh(account).real_name, fresh(account).contact) == ("Corrected Name", CONTACT)
    assert list(IdentityCorrection.objects.values_list("field", flat=True)) == ["real_name"]


def test_a_field_submitted_empty_is_cleared(client, custodian, account):
    client.force_login(custodian)
    correct(client, account, contact="", reason="The number no longer belongs to the witness")
    assert (fresh(account).real_name, fresh(account).contact) == (REAL_NAME, "")
    assert list(IdentityCorrection.objects.values_list("field", flat=True)) == ["contact"]


def test_a_correction_that_changes_nothing_is_refused(client, custodian, account):
    client.force_login(custodian)
    response = correct(client, account, real_name=REAL_NAME, reason="Checking")
    assert response.status_code == 200 and response.context["identity_form"].non_field_errors()
    assert not IdentityCorrection.objects.exists()


def test_the_log_keeps_the_previous_token_as_stored(client, custodian, account):
    before = token(account, "contact")
    client.force_login(custodian)
    correct(client, account, contact="+963 955", reason="Witness changed phone number")
    entry = IdentityCorrection.objects.get()
    assert (entry.witness, entry.user, entry.field, entry.reason) == (
        account,
        custodian,
        "contact",
        "Witness changed phone number",
    )
    assert entry.previous == before and CONTACT not in entry.previous
    assert crypto.decrypt(entry.previous) == CONTACT
    # The correction is in the access log too, with its reason; history has no identity.
    assert IdentityReveal.objects.get().reason == "Witness changed phone number"
    assert "+963 955" not in repr(list(account.history.values()))
    assert before not in repr(list(account.history.values()))


def reveal(client, account):
    return client.post(identity_url(account), {"reason": "Follow-up interview"})


def test_the_revealed_page_lists_corrections_but_never_their_tokens(client, custodian, account):
    client.force_login(custodian)
    correct(client, account, contact="+963 955", reason="New number")
    entry = IdentityCorrection.objects.get()
    page = reveal(client, account)
    assert list(page.context["corrections"]) == [entry]
    assert b"New number" in page.content
    assert entry.previous.encode() not in page.content
    assert CONTACT.encode() not in page.content  # the old value is not shown either


def test_a_custodian_undoes_a_correction(client, custodian, account):
    client.force_login(custodian)
    correct(client, account, contact="+963 955", reason="New number")
    corrected_token = token(account, "contact")
    entry = IdentityCorrection.objects.get()
    response = client.post(identity_url(account), {"undo": entry.pk, "reason": "Wrong witness"})
    assert response.status_code == 302
    assert fresh(account).contact == CONTACT
    assert token(account, "contact") == entry.previous  # written back as stored
    undo = IdentityCorrection.objects.exclude(pk=entry.pk).get()
    assert (undo.undoes, undo.field, undo.reason, undo.user) == (entry, "contact", "Wrong witness", custodian)
    assert undo.previous == corrected_token  # the undo can itself be undone
    client.post(identity_url(account), {"undo": undo.pk, "reason": "It was right after all"})
    assert fresh(account).contact == "+963 955"


def test_an_undo_needs_a_reason_and_shows_nothing_without_one(client, custodian, account):
    client.force_login(custodian)
    correct(client, account, contact="+963 955", reason="New number")
    entry = IdentityCorrection.objects.get()
    response = client.post(identity_url(account), {"undo": entry.pk, "reason": " "})
    assert [m.level for m in get_messages(response.wsgi_request)][-1] == messages.ERROR
    response = client.get(response["Location"])
    assert fresh(account).contact == "+963 955"
    assert IdentityCorrection.objects.count() == 1
    assert b"+963 955" not in response.content and REAL_NAME.encode() not in response.content


def test_an_undo_of_another_witness_entry_is_refused(client, custodian, account):
    other = WitnessAccountFactory(contact="+963 1")
    client.force_login(custodian)
    correct(client, other, contact="+963 2", reason="New number")
    entry = IdentityCorrection.objects.get()
    response = client.post(identity_url(account), {"undo": entry.pk, "reason": "Mixing"})
    assert [m.level for m in get_messages(response.wsgi_request)][-1] == messages.ERROR
    assert IdentityCorrection.objects.count() == 1
    assert (fresh(account).contact, fresh(other).contact) == (CONTACT, "+963 2")


@pytest.mark.parametrize("role", ["documenter", "reviewer", "data_manager"])
def test_only_custodians_correct_or_undo(client, account, custodian, role, request):
    services.correct_identity(account=account, user=custodian, values={"contact": "x"}, reason="r")
    entry = IdentityCorrection.objects.get()
    client.force_login(request.getfixturevalue(role))
    assert correct(client, account, contact="", reason="r").status_code == 403
    assert client.post(identity_url(account), {"undo": entry.pk, "reason": "r"}).status_code == 403
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.restore_identity(entry=entry, user=user, reason="r")
    assert fresh(account).contact == "x" and IdentityCorrection.objects.count() == 1


def test_an_earlier_value_unreadable_with_the_current_keys_is_not_restored(custodian, account, settings):
    services.correct_identity(account=account, user=custodian, values={"contact": "+963 955"}, reason="r")
    entry = IdentityCorrection.objects.get()
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # the old key is gone
    with pytest.raises(ValidationError, match="cannot be read"):
        services.restore_identity(entry=entry, user=custodian, reason="Undo")
    assert IdentityCorrection.objects.count() == 1


def test_the_correction_log_is_append_only(custodian, account):
    services.correct_identity(account=account, user=custodian, values={"contact": "+963 955"}, reason="r")
    entry = IdentityCorrection.objects.get()
    entry.previous = ""
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        IdentityCorrection.objects.update(previous="")
    with pytest.raises(ValidationError):
        IdentityCorrection.objects.all().delete()
    assert crypto.decrypt(IdentityCorrection.objects.get().previous) == CONTACT


def test_a_correction_needs_a_reason_in_the_database(custodian, account):
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityCorrection.objects.create(witness=account, user=custodian, field="contact", reason="")


def test_the_revealed_page_in_arabic(client, custodian, account):
    client.force_login(custodian)
    correct(client, account, contact="+963 955", reason="New number")
    with translation.override("ar"):
        url = identity_url(account)
        english = ("Corrections", "Undo this correction", "Reason for the correction")
        texts = [translation.gettext(text) for text in english]
    assert url.startswith("/ar/")
    page = client.post(url, {"reason": "Follow-up interview"}).content.decode()
    for text in texts:
        assert text in page and text.isascii() is False, text
