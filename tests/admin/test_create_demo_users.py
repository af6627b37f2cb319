"""The demo accounts printed by `make run`."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_demo_users", *args, stdout=out)
    return out.getvalue()


def printed_password(output: str, username: str) -> str:
    return re.search(rf"user: {username}\s+password: (\S+)", output).group(1)


def test_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        run()
    assert not get_user_model().objects.exists()


def test_creates_staff_users_in_their_groups_with_working_printed_passwords(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_DOCUMENTER_PASSWORD", raising=False)
    monkeypatch.setenv("DEMO_REVIEWER_PASSWORD", "review-me-please-42")
    output = run()
    assert "http://127.0.0.1:8000/admin/" in output
    users = get_user_model().objects
    documenter, reviewer = users.get(username="documenter"), users.get(username="reviewer")
    assert documenter.is_staff and reviewer.is_staff
    assert list(documenter.groups.values_list("name", flat=True)) == ["Documenter"]
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Reviewer"]
    assert documenter.check_password(printed_password(output, "documenter"))
    assert printed_password(output, "reviewer") == "review-me-please-42"
    assert reviewer.check_password("review-me-please-42")


def test_running_again_keeps_one_account_each_and_prints_usable_passwords(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_DOCUMENTER_PASSWORD", raising=False)
    run()
    output = run()
    assert get_user_model().objects.filter(username="documenter").count() == 1
    documenter = get_user_model().objects.get(username="documenter")
    assert documenter.check_password(printed_password(output, "documenter"))


def test_force_runs_without_debug(db, settings):
    settings.DEBUG = False
    assert "documenter" in run("--force")
