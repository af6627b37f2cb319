"""The web service's own start command serves the site under production settings.

It runs `bin/start-web` (the docker-compose command) natively: migrate a new,
empty PostgreSQL database, then gunicorn with WhiteNoise for static files.
"""

import os
import re
import secrets
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import dj_database_url
import psycopg
import pytest
from psycopg import sql

from .support import start_web

pytestmark = pytest.mark.slow


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url or dj_database_url.parse(url)["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("production runs on PostgreSQL: set DATABASE_URL to a PostgreSQL server to run this")
    return url


def maintenance_connection(url: str) -> psycopg.Connection:
    config = dj_database_url.parse(url)
    params = {key.lower(): config[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if config[key]}
    return psycopg.connect(dbname="postgres", autocommit=True, **params)


@pytest.fixture(scope="module")
def throwaway_database_url():
    """A new database beside the test database, dropped afterwards."""
    url = postgres_url()
    name = f"hrdb_deploy_{secrets.token_hex(4)}"
    with maintenance_connection(url) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield urlsplit(url)._replace(path=f"/{name}").geturl()
    with maintenance_connection(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def web_service(production_env, throwaway_database_url, tmp_path_factory):
    """The base URL of bin/start-web serving on a free port of 127.0.0.1."""
    env = {**production_env, "DATABASE_URL": throwaway_database_url}
    with start_web(env, tmp_path_factory.mktemp("web") / "start-web.log") as (base, _process):
        yield base


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxies from the environment: every request stays on 127.0.0.1.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirects)


def fetch(url: str, *, behind_tls_proxy: bool = True) -> tuple[int, dict, str]:
    # The TLS proxy in front of gunicorn says the request came over HTTPS.
    headers = {"X-Forwarded-Proto": "https"} if behind_tls_proxy else {}
    try:
        # Only ever http://127.0.0.1 URLs built by these tests.
        with opener.open(urllib.request.Request(url, headers=headers), timeout=60) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_web_service_serves_pages_with_their_static_files(web_service, path):
    status, _, body = fetch(web_service + path)
    assert status == 200, body

    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', body)
    assert stylesheets, body
    for stylesheet in stylesheets:
        # Hashed names show the manifest from collectstatic is in use.
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
        status, headers, _ = fetch(web_service + stylesheet)
        assert status == 200, stylesheet
        assert headers["Content-Type"].startswith("text/css")


def test_web_service_redirects_plain_http_to_https(web_service):
    status, headers, _ = fetch(web_service + "/", behind_tls_proxy=False)

    assert status == 301
    assert headers["Location"].startswith("https://127.0.0.1:")
