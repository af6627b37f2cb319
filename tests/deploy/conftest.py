"""Run the project the way a deployment does: in subprocesses, under production settings."""

import os
import secrets
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

# Inherited values of these would leak the test settings or the test database into the subprocess.
INHERITED_PREFIXES_DROPPED = ("DJANGO_", "DATABASE_", "FIELD_ENCRYPTION_", "GUNICORN_")


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """A complete production environment with fresh secrets; copy it before changing it."""
    folder = tmp_path_factory.mktemp("production")
    env = {key: value for key, value in os.environ.items() if not key.startswith(INHERITED_PREFIXES_DROPPED)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DJANGO_DEBUG="0",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        # bin/start-web calls `python` and `gunicorn` from PATH, as in the container.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env
