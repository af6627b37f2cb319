"""The Arabic catalogue is complete: every message in the code has its Arabic.

The catalogue is regenerated from the code (``makemessages``, with the
Makefile's own arguments) in a scratch copy of the project, so a string added
without running ``make messages`` is caught as surely as one left untranslated;
gettext's ``msgattrib`` then lists the entries with no Arabic and the fuzzy
ones, by name.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
COPY_IGNORES = shutil.ignore_patterns(
    ".git", ".venv", "media", "staticfiles", "test-artifacts", "__pycache__", "*.mo", "db.sqlite3*", ".*cache"
)
PROBE = "A message added to the code and never translated"


def makefile_message_args() -> list[str]:
    """``MESSAGE_ARGS`` of the Makefile: the same files as ``make messages``."""
    match = re.search(r"^MESSAGE_ARGS := (.+)$", (BASE_DIR / "Makefile").read_text(), re.MULTILINE)
    assert match, "MESSAGE_ARGS is missing from the Makefile"
    return match.group(1).split()


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"gettext's {name} is missing ('apt-get install gettext'; make test installs it as root)")
    return path


def entries(po: Path, *flags: str) -> list[str]:
    """The msgids of ``po``'s entries that ``msgattrib flags`` selects (the header left out)."""
    command = [gettext_tool("msgattrib"), "--no-wrap", *flags, str(po)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return [m for m in re.findall(r'^msgid "(.*)"$', out, re.MULTILINE) if m]


def regenerate(copy: Path) -> Path:
    """``make messages`` in a copy of the project: its catalogue as the code asks for it now."""
    gettext_tool("msgmerge")
    command = [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-obsolete"]
    command += makefile_message_args()
    subprocess.run(command, cwd=copy, check=True, capture_output=True)  # noqa: S603
    return copy / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def scratch_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("catalogue") / "project"
    shutil.copytree(BASE_DIR, copy, ignore=COPY_IGNORES)
    return copy


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    return regenerate(scratch_copy(tmp_path_factory))


def test_every_message_has_its_arabic(regenerated):
    missing = entries(regenerated, "--untranslated")
    assert not missing, (
        f"{len(missing)} message(s) without Arabic (make messages, then translate):\n" + "\n".join(missing)
    )


def test_no_translation_is_fuzzy(regenerated):
    fuzzy = entries(regenerated, "--only-fuzzy")
    assert not fuzzy, "fuzzy translations (check them and remove the flag):\n" + "\n".join(fuzzy)


def test_the_catalogue_compiles_with_its_checks(regenerated):
    """Placeholders kept in every form, plural forms as the header declares (msgfmt --check)."""
    command = [gettext_tool("msgfmt"), "--check", "-o", "/dev/null", str(regenerated)]
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr


def test_a_new_untranslated_message_is_caught(tmp_path_factory):
    """The check itself: a string added to the code without its Arabic is named."""
    copy = scratch_copy(tmp_path_factory)
    (copy / "core" / "catalogue_probe.py").write_text(
        f"from django.utils.translation import gettext as _\n\nPROBE = _({PROBE!r})\n"
    )
    assert PROBE in entries(regenerate(copy), "--untranslated")
