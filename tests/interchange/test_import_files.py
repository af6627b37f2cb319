"""An admin import's uploaded file (core.import_files): no copy stays behind, whatever happens to
the preview or the import."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core import import_files
from incidents.models import Incident
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, incident_row
from tests.interchange.test_admin import upload, url


def copies() -> list[Path]:
    return [path for path in Path(settings.IMPORT_TMP_DIR).glob("*") if path.is_file()]


@pytest.fixture(autouse=True)
def _no_copies_before():
    for path in copies():
        path.unlink()


@pytest.fixture
def manager_client(client, data_manager):
    client.force_login(data_manager)
    return client


def confirmation(preview) -> dict:
    confirm = preview.context["confirm_form"]
    return {name: confirm[name].value() for name in confirm.fields}


def good_file() -> bytes:
    return csv_bytes([INCIDENT_HEADER, incident_row(title="Strike on the clinic")])


def test_a_confirmed_import_leaves_no_copy(manager_client, world):
    preview = upload(manager_client, good_file())
    assert len(copies()) == 1
    stored = copies()[0]
    assert stored.stat().st_mode & 0o077 == 0  # readable by the service alone
    done = manager_client.post(url("process_import"), confirmation(preview))
    assert done.status_code == 302
    assert Incident.objects.filter(title="Strike on the clinic").exists()
    assert copies() == []


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02binary junk\xff", csv_bytes([INCIDENT_HEADER, incident_row(date="2018-13-45")])]
)
def test_a_preview_that_cannot_be_confirmed_keeps_no_copy(manager_client, world, data):
    preview = upload(manager_client, data)
    assert preview.status_code == 200 and "confirm_form" not in preview.context
    assert copies() == []


def test_an_abandoned_preview_is_swept_away(manager_client, world, settings):
    upload(manager_client, good_file())
    [abandoned] = copies()
    old = time.time() - (settings.IMPORT_PREVIEW_HOURS * 3600 + 60)
    os.utime(abandoned, (old, old))
    upload(manager_client, good_file())  # the next preview sweeps
    assert abandoned not in copies() and len(copies()) == 1


def test_a_killed_import_keeps_no_copy_and_writes_nothing(data_manager, world, monkeypatch):
    """The worker dies in the middle of the import: the copy was deleted as the import read it,
    and the transaction leaves nothing half-written."""
    client = Client(raise_request_exception=False)
    client.force_login(data_manager)
    preview = upload(client, good_file())
    from core.interchange_resources import InterchangeResource

    def dies(self, *args, **kwargs):
        assert copies() == []  # already gone when the import starts
        raise SystemExit("worker killed")

    monkeypatch.setattr(InterchangeResource, "import_data", dies)
    with pytest.raises(SystemExit):
        client.post(url("process_import"), confirmation(preview))
    assert copies() == []
    assert not Incident.objects.filter(title="Strike on the clinic").exists()


def test_confirming_twice_imports_once_and_says_why(manager_client, world):
    preview = upload(manager_client, good_file())
    data = confirmation(preview)
    assert manager_client.post(url("process_import"), data).status_code == 302
    again = manager_client.post(url("process_import"), data, follow=True)
    assert again.status_code == 200
    assert "already imported or has expired" in again.content.decode()
    assert Incident.objects.filter(title="Strike on the clinic").count() == 1


def test_a_forged_file_name_reads_nothing_outside_the_import_folder(manager_client, world, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_bytes(good_file())
    preview = upload(manager_client, good_file())
    data = confirmation(preview) | {"import_file_name": str(secret)}
    response = manager_client.post(url("process_import"), data, follow=True)
    assert "already imported or has expired" in response.content.decode()
    assert secret.exists() and not Incident.objects.filter(title="Strike on the clinic").exists()


def test_upload_spools_left_by_a_killed_worker_are_swept():
    spool = Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert spool.is_dir()
    orphan, fresh = spool / "tmpabc.upload.csv", spool / "tmpdef.upload.csv"
    orphan.write_bytes(b"x" * 10)
    fresh.write_bytes(b"y")
    old = time.time() - import_files.UPLOAD_SPOOL_MAX_AGE_SECONDS - 60
    os.utime(orphan, (old, old))
    import_files.sweep()
    assert not orphan.exists() and fresh.exists()
    fresh.unlink()


def test_confirming_twice_is_explained_in_arabic(manager_client, world):
    from django.utils import translation

    with translation.override("ar"):
        preview = upload(manager_client, good_file())
        data = confirmation(preview)
        manager_client.post(url("process_import"), data)
        again = manager_client.post(url("process_import"), data, follow=True)
        expected = translation.gettext(
            "This preview was already imported or has expired: nothing was imported. Upload the file again."
        )
    assert (
        expected
        != "This preview was already imported or has expired: nothing was imported. Upload the file again."
    )
    assert expected in again.content.decode()
