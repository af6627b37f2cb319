"""verify_evidence, evidence retraction and field-key rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from incidents import services
from incidents.choices import CustodyAction
from incidents.models import CustodyEvent, WitnessAccount
from tests.factories import EvidenceMediaFactory, WitnessAccountFactory
from tests.images import jpeg_bytes
from tests.incidents.test_models import raw_column

pytestmark = pytest.mark.django_db


def stored_photo():
    return EvidenceMediaFactory(url="", file=ContentFile(jpeg_bytes(), name="IMG.jpg"))


def test_verify_evidence_records_verified_files():
    evidence = stored_photo()
    call_command("verify_evidence")
    assert evidence.custody_events.filter(action=CustodyAction.HASH_VERIFIED).count() == 1


def test_verify_evidence_catches_a_file_changed_on_disk():
    good, tampered = stored_photo(), stored_photo()
    with open(tampered.file.path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(CommandError, match="1 evidence file"):
        call_command("verify_evidence")
    assert tampered.custody_events.filter(action=CustodyAction.HASH_MISMATCH).exists()
    assert good.custody_events.filter(action=CustodyAction.HASH_VERIFIED).exists()


def test_verify_evidence_catches_a_missing_file():
    evidence = stored_photo()
    evidence.file.storage.delete(evidence.file.name)
    with pytest.raises(CommandError):
        call_command("verify_evidence")
    assert evidence.custody_events.filter(action=CustodyAction.HASH_MISMATCH).exists()


@pytest.mark.parametrize("wrong", ["missing", "other folder"])
def test_verify_evidence_with_a_wrong_media_root_stops_and_logs_nothing(settings, tmp_path, wrong):
    """A mount not there yet or a mistyped MEDIA_ROOT must not put a mismatch in every custody log."""
    evidence = stored_photo()
    before = CustodyEvent.objects.count()
    settings.MEDIA_ROOT = str(tmp_path / "not-mounted") if wrong == "missing" else str(tmp_path)
    with pytest.raises(CommandError, match="nothing was checked or logged"):
        call_command("verify_evidence")
    assert CustodyEvent.objects.count() == before
    assert not evidence.custody_events.filter(action=CustodyAction.HASH_MISMATCH).exists()


def test_retraction_keeps_the_evidence_and_logs_it(reviewer):
    evidence = stored_photo()
    services.retract_evidence(evidence=evidence, user=reviewer, reason="Photo from another strike")
    evidence.refresh_from_db()
    assert evidence.retracted_at is not None
    event = CustodyEvent.objects.filter(evidence=evidence).latest("id")
    assert (event.action, event.actor, event.note) == ("retracted", reviewer, "Photo from another strike")
    with pytest.raises(ValidationError):
        services.retract_evidence(evidence=evidence, user=reviewer, reason="again")


def test_retraction_needs_a_reason(reviewer):
    with pytest.raises(ValidationError):
        services.retract_evidence(evidence=stored_photo(), user=reviewer, reason=" ")


def test_rotate_field_keys_reencrypts_under_the_newest_key(settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    account = WitnessAccountFactory(real_name="Rotating Person", contact="+963 1")
    old_token = raw_column("incidents_witnessaccount", "real_name", account.pk)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_field_keys")
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is retired
    new_token = raw_column("incidents_witnessaccount", "real_name", account.pk)
    assert new_token != old_token
    fresh = WitnessAccount.objects.get(pk=account.pk)
    assert (fresh.real_name, fresh.contact) == ("Rotating Person", "+963 1")


def test_rotate_refuses_when_a_value_cannot_be_decrypted(settings):
    WitnessAccountFactory(real_name="Someone")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("rotate_field_keys")


def test_encryption_key_is_not_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    settings.FIELD_ENCRYPTION_KEY_FILE = None
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        WitnessAccountFactory(real_name="No key")
