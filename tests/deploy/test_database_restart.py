"""The site survives a database restart without restarting gunicorn, and says so meanwhile.

gunicorn (bin/start-web, production settings) reaches PostgreSQL through a TCP relay this test
controls: stopping the relay drops every open connection and refuses new ones, as a restarting
server does, without touching the server the rest of the suite uses.
"""

import json
import os
import socket
import subprocess
import threading
from urllib.parse import urlsplit

import dj_database_url
import pytest

from .support import BASE_DIR, free_port, start_web
from .test_web_service import fetch, throwaway_database_url  # noqa: F401

pytestmark = pytest.mark.slow


class Relay:
    """Forwards 127.0.0.1:``port`` to the database server until stopped; can start again on the
    same port."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones, as a database going down does."""
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone does not
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture(scope="module")
def relayed_site(production_env, throwaway_database_url, tmp_path_factory):  # noqa: F811
    """(base URL, relay): bin/start-web on a free port, its database behind the relay."""
    config = dj_database_url.parse(throwaway_database_url)
    relay = Relay(config["HOST"] or "127.0.0.1", int(config["PORT"] or 5432))
    relay.start()
    relayed_url = urlsplit(throwaway_database_url)._replace(
        netloc=f"{config['USER'] or 'postgres'}@127.0.0.1:{relay.port}"
    )
    env = {
        **production_env,
        "DATABASE_URL": relayed_url.geturl(),
        # Every answer below comes from the database or says it cannot.
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
    }
    try:
        with start_web(env, tmp_path_factory.mktemp("relayed") / "start-web.log") as (base, process):
            yield base, relay, process
    finally:
        try:
            relay.stop()
        except OSError:
            pass


def healthcheck(base: str) -> int:
    """The exit status of the container's healthcheck (bin/healthcheck) against ``base``."""
    env = {**os.environ, "HEALTHCHECK_URL": f"{base}/health/?format=text"}
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
    return subprocess.run([str(BASE_DIR / "bin" / "healthcheck")], env=env, capture_output=True).returncode  # noqa: S603


def test_a_database_restart_gives_503_then_the_site_serves_again(relayed_site):
    base, relay, process = relayed_site
    pages = ["/incidents/", "/ar/incidents/", "/reports/"]
    for path in pages:  # each of the two workers holds a connection afterwards
        for _ in range(2):
            status, _, body = fetch(base + path)
            assert status == 200, body[:500]
    status, _, body = fetch(base + "/health/?format=json")
    assert status == 200 and set(json.loads(body).values()) == {"OK"}, body
    assert healthcheck(base) == 0

    relay.stop()
    for path in pages:
        status, headers, body = fetch(base + path)
        assert status == 503, body[:500]
        assert headers["Retry-After"] == "30"
        assert "5432" not in body and str(relay.port) not in body
    status, headers, body = fetch(base + "/ar/incidents/")
    assert 'lang="ar"' in body and "Temporarily unavailable" not in body
    status, _, body = fetch(base + "/health/?format=json")
    assert status == 500 and json.loads(body)["Database(alias='default')"] != "OK", body
    assert healthcheck(base) == 1

    relay.start()
    for path in pages * 2:
        status, _, body = fetch(base + path)
        assert status == 200, body[:500]
    status, _, body = fetch(base + "/health/?format=json")
    assert status == 200, body
    assert healthcheck(base) == 0
    assert process.poll() is None  # the same gunicorn throughout
