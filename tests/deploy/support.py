"""Helpers to run the project in subprocesses, as a deployment does."""

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.load import stop

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=180
    )


STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(process: subprocess.Popen, port: int, log_path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"bin/start-web exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"bin/start-web was not listening after {STARTUP_SECONDS}s:\n{log_path.read_text()}")


@contextlib.contextmanager
def start_web(env: dict[str, str], log_path: Path):
    """``bin/start-web`` (the docker-compose command) with ``env`` on a free port of 127.0.0.1:
    its base URL and process, stopped with its workers afterwards."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    # The Docker image collects static files at build time; do the same here.
    collected = run_python(env, "manage.py", "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [str(BASE_DIR / "bin" / "start-web")],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_listening(process, port, log_path)
        yield f"http://127.0.0.1:{port}", process
    finally:
        # The session holds the script, then gunicorn and its workers (or a migrate still running).
        stop(process)
