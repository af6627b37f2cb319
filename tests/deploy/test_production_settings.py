"""Production settings refuse unsafe configurations and pass `check --deploy`."""

import re

import pytest

from .support import run_python

pytestmark = pytest.mark.slow

# Deploy-check warnings accepted on purpose; README.md ("Deployment checks") says why.
ALLOWED_DEPLOY_WARNINGS = {
    "security.W021",  # HSTS preload is opt-in: DJANGO_SECURE_HSTS_PRELOAD.
}


def test_check_deploy_reports_only_allowed_warnings(production_env):
    result = run_python(production_env, "manage.py", "check", "--deploy")
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "System check identified" in output
    reported = set(re.findall(r"\(([\w.]+\.[CEWI]\d+)\)", output))
    assert reported <= ALLOWED_DEPLOY_WARNINGS, output


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY must be set in production"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set in production"),
        ({"FIELD_ENCRYPTION_KEYS": None}, "FIELD_ENCRYPTION_KEYS must be set in production"),
        ({"FIELD_ENCRYPTION_KEYS": ""}, "FIELD_ENCRYPTION_KEYS must be set in production"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG must be off in production"),
    ],
    ids=["no-secret-key", "empty-secret-key", "no-field-keys", "empty-field-keys", "debug-on"],
)
def test_production_settings_refuse_to_start(production_env, changes, message):
    env = {key: value for key, value in {**production_env, **changes}.items() if value is not None}

    result = run_python(env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("mode", [0o777, 0o770])
def test_production_refuses_a_cache_directory_others_can_write(production_env, tmp_path, mode):
    shared = tmp_path / "cache"
    shared.mkdir()
    shared.chmod(mode)
    env = {**production_env, "DJANGO_CACHE_DIR": str(shared)}

    result = run_python(env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "must belong to this user and be writable by no one else" in result.stderr


def test_production_accepts_a_private_cache_directory(production_env, tmp_path):
    env = {**production_env, "DJANGO_CACHE_DIR": str(tmp_path / "private-cache")}

    result = run_python(env, "-c", "import django; django.setup()")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "private-cache").stat().st_mode & 0o077 == 0
