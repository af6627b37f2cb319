"""The test settings for a restore run in a subprocess: the media folder comes from the test."""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["HRDB_TEST_MEDIA_ROOT"])
