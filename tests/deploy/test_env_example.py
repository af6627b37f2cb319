""".env.example lists every variable the project reads."""

import re
from collections.abc import Iterator
from pathlib import Path

from .support import BASE_DIR

PYTHON_READ = r'(?:environ(?:\.get|\.setdefault)?\(|environ\[|env_(?:bool|list|int)\()\s*"([A-Z][A-Z0-9_]*)"'
SHELL_READ = r"\$\{([A-Z][A-Z0-9_]*)"


def project_python_files() -> Iterator[Path]:
    yield BASE_DIR / "manage.py"
    for folder in BASE_DIR.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name != "tests":
            yield from folder.rglob("*.py")


def variables_read() -> set[str]:
    sources = [(path, PYTHON_READ) for path in project_python_files()]
    sources += [(BASE_DIR / "bin" / "start-web", SHELL_READ), (BASE_DIR / "docker-compose.yml", SHELL_READ)]
    return {name for path, expression in sources for name in re.findall(expression, path.read_text())}


def test_env_example_lists_every_variable_read():
    listed = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", (BASE_DIR / ".env.example").read_text(), re.MULTILINE)
    )

    read = variables_read()

    assert {"DJANGO_SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "DATABASE_URL", "POSTGRES_PASSWORD"} <= read
    assert read - listed == set()
