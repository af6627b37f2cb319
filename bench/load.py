"""A bounded load test: gunicorn (2 workers, production settings) on a free 127.0.0.1 port,
a few concurrent clients (threads with http.client), a fixed number of requests per page kind
and a time cap. Only ever 127.0.0.1.
"""

import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from bench.settings import BASE_DIR

CLIENTS = 4
#: The API's kind of page: measured on its own, left out of the all-pages figures (``p95_ms``...),
#: which stay comparable with the runs before the API.
API_KIND = "api_list"
TIME_CAP_SECONDS = 60
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(env: dict, port: int) -> tuple[subprocess.Popen, str]:
    log = tempfile.NamedTemporaryFile("w+", prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {open(log.name).read()}")  # noqa: SIM115
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, log.name
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def fetch(port: int, path: str) -> float:
    """Seconds for one whole response (status 200 required)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
    finally:
        conn.close()
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def paths() -> dict[str, list[str]]:
    """Realistic mixes per page kind: varied filters, many incidents, several report periods."""
    from incidents.models import Incident

    rng = random.Random(6)
    parties = ["syrian-regime", "russian-forces", "isis", "hts", "sdf", ""]
    governorates = ["SY01", "SY02", "SY07", "SY04", ""]
    words = ["", "", "Saraqeb", "hospital", "Kafr Nubl", "Ariha", "civil defense"]
    lists = []
    for _ in range(40):
        params = {
            "perpetrator": rng.choice(parties),
            "governorate": rng.choice(governorates),
            "q": rng.choice(words),
        }
        year = rng.randrange(2014, 2024)
        if rng.random() < 0.7:
            params |= {"date_after": f"{year}-01-01", "date_before": f"{year + rng.randrange(0, 3)}-12-31"}
        lists.append("/incidents/?" + urlencode({k: v for k, v in params.items() if v}))
    codes = list(Incident.objects.public().order_by("?").values_list("code", flat=True)[:200])
    details = [f"/incidents/{code}/" for code in codes]
    reports = ["/reports/"] + [
        f"/reports/?date_after={y}-01-01&date_before={y}-12-31" for y in range(2014, 2024)
    ]
    reports += [f"/reports/?date_after=2018-{m:02d}-01&date_before=2018-{m:02d}-28" for m in range(1, 13)]
    # The JSON API's incident list with the same filters: never page-cached (core.page_cache).
    api_lists = ["/api/v1" + path for path in lists]
    return {"list": lists, "detail": details, "report": reports, API_KIND: api_lists}


def hammer(port: int, urls: list[str], requests: int) -> tuple[list[float], float]:
    """``requests`` GETs cycling through ``urls`` from CLIENTS threads; stops at the time cap."""
    deadline = time.monotonic() + TIME_CAP_SECONDS
    todo = [urls[i % len(urls)] for i in range(requests)]

    def one(path):
        return None if time.monotonic() > deadline else fetch(port, path)

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        times = [t for t in pool.map(one, todo) if t is not None]
    return times, time.perf_counter() - start


def summary(times: list[float], seconds: float, prefix: str) -> dict:
    return {
        f"{prefix}requests": len(times),
        f"{prefix}p50_ms": statistics.median(times) * 1000,
        f"{prefix}p95_ms": percentile(times, 0.95) * 1000,
        f"{prefix}rps": len(times) / seconds,
    }


def run(env: dict, requests: int, *, repeat: bool = False, api: bool = False) -> dict:
    """Per page kind: one pass over its URLs (cold: a cache starts empty); with ``repeat``,
    a second identical pass (``warm_`` keys: the steady state of a page cache). With ``api``,
    the API's filtered incident list too (``api_list_`` keys, not in the all-pages figures)."""
    port = free_port()
    urls = paths()
    if not api:
        del urls[API_KIND]
    cache_dir = tempfile.mkdtemp(prefix="hrdb-bench-cache-")
    # Every request comes from one address: the API's throttle would answer most of them 429.
    process, log = start(env | {"DJANGO_CACHE_DIR": cache_dir, "API_THROTTLE_RATE": "off"}, port)
    results: dict = {"load_clients": CLIENTS, "load_workers": 2}
    passes = ["", "warm_"] if repeat else [""]
    everything = {prefix: ([], 0.0) for prefix in passes}
    try:
        # Warm both workers (imports, connections) outside the measurement.
        hammer(port, ["/perpetrators/"], 8)
        for kind, kind_urls in urls.items():
            for prefix in passes:
                times, seconds = hammer(port, kind_urls, requests)
                results |= summary(times, seconds, f"{prefix}{kind}_")
                if kind == API_KIND:
                    continue
                done, wall = everything[prefix]
                everything[prefix] = (done + times, wall + seconds)
    finally:
        stop(process)
        os.unlink(log)
        shutil.rmtree(cache_dir, ignore_errors=True)
    for prefix, (times, seconds) in everything.items():
        results |= summary(times, seconds, prefix)
    return results
