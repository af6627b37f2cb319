"""``make bench`` keeps working: the whole pipeline at a tiny scale (no timing assertions)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bench.run import TABLE
from bench.settings import BASE_DIR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark runs on PostgreSQL"),
]

KEYS = {
    "scale",
    "load_seconds",
    "list_page_ratio",
    "export_ratio",
    "public_csv_ratio",
    "import_ratio",
    "report_ratio",
    "queries_page_10",
    "queries_page_100",
    "p50_ms",
    "p95_ms",
    "rps",
    "list_p95_ms",
    "api_list_p95_ms",
    "detail_p95_ms",
    "report_p95_ms",
    "export_memory_mb_small",
    "export_memory_mb_large",
    "admin_incident_changelist_ms",
    "admin_incident_change_ms",
}


@pytest.fixture
def bench_url():
    """A database of this test's own on the test server (others run tests there too)."""
    from bench.run import server_connection

    url = (
        urlsplit(os.environ["DATABASE_URL"])
        ._replace(path=f"/hrdb_bench_test_{secrets.token_hex(4)}")
        .geturl()
    )
    yield url
    name = urlsplit(url).path.lstrip("/")
    with server_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_bench_pipeline_writes_every_number(bench_url, tmp_path: Path):
    output = tmp_path / "latest.json"
    env = {
        **os.environ,
        "BENCH_DATABASE_URL": bench_url,
        "BENCH_SCALE": "0.001",
        "BENCH_OUTPUT": str(output),
        "BENCH_REPEAT": "1",
        "BENCH_EXPORT_ROWS": "200",
        "BENCH_IMPORT_ROWS": "50",
        "BENCH_LOAD_REQUESTS": "10",
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.run"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads(output.read_text())
    for key in KEYS | {key for key, *_ in TABLE}:
        assert isinstance(results[key], int | float) and not isinstance(results[key], bool), key
    assert results["queries_page_10"] > 0
    assert "list page / its SQL" in done.stdout
