"""The HTTP postback messenger against a real HTTP server on 127.0.0.1: listmonk's JSON
payload and headers, 200 delivered, 4xx recorded, 429 (Retry-After) / 5xx / slow / reset
retried; its configuration and routes."""

from __future__ import annotations

import base64
import collections
import http.server
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from blaster import config
from blaster.errors import ConfigError
from blaster.messengers.routes import route
from tests import helpers as h

#: decides the reply to one request: (status, headers) or "reset" to drop the connection
Reply = Callable[[dict[str, Any], int], "tuple[int, dict[str, str]] | str"]


@dataclass
class Endpoint:
    """A recording postback endpoint; ``reply(payload, attempt)`` injects faults."""

    reply: Reply | None = None
    delay: float = 0.0
    payloads: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    attempts: collections.Counter[str] = field(default_factory=collections.Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def delivered(self) -> collections.Counter[str]:
        return collections.Counter(p["recipients"][0]["email"] for p in self.payloads)


def serve(endpoint: Endpoint) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            payload = json.loads(body)
            rcpt = payload["recipients"][0]["email"]
            with endpoint.lock:
                endpoint.attempts[rcpt] += 1
                attempt = endpoint.attempts[rcpt]
            if endpoint.delay:
                time.sleep(endpoint.delay)
            answer = endpoint.reply(payload, attempt) if endpoint.reply else (200, {})
            if answer == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.close_connection = True
                return
            status, extra = answer
            if status == 200:
                with endpoint.lock:
                    endpoint.payloads.append(payload)
                    endpoint.headers.append(dict(self.headers))
            reply = b"ok" if status == 200 else b"nope"
            self.send_response(status)
            for k, v in extra.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    return server


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    ep = Endpoint()
    server = serve(ep)
    yield ep
    server.shutdown()
    server.server_close()


def write_config(workdir, url: str, **extra: Any) -> str:
    lines = ["[[postback]]", 'name = "SMS"', f'url = "{url}"']
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
    path = workdir / "blaster.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run_campaign(conn, dsn, sink, workdir, url: str, n: int, **extra: Any) -> int:
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, n, lst)
    cid = h.create_campaign(
        conn,
        [lst],
        subject="Hi {{ .Subscriber.Name }}",
        body="<p>Code {{ .Subscriber.UUID }}</p>",
        messenger="sms",
        headers=[{"X-Tag": "spring"}],
    )
    env = h.engine_env(
        dsn,
        sink.url,
        workdir,
        BLASTER_CONFIG=write_config(workdir, url, username="u", password="p", **extra),
        BLASTER_MAX_ATTEMPTS=4,
        BLASTER_RETRY_BACKOFF=0.05,
    )
    h.blaster("run", "--exit-when-idle", env=env, timeout=120)
    return cid


def test_campaign_through_postback_as_listmonk_sends_it(conn, dsn, sink, workdir, endpoint):
    cid = run_campaign(conn, dsn, sink, workdir, endpoint.url, 200)
    assert sorted(endpoint.delivered().values()) == [1] * 200
    assert h.campaign_mail(sink) == []  # nothing went by e-mail
    p = endpoint.payloads[0]
    assert set(p) == {
        "subject",
        "from_email",
        "content_type",
        "body",
        "recipients",
        "campaign",
        "attachments",
    }
    who = p["recipients"][0]
    assert p["subject"] == f"Hi {who['name']}" and who["uuid"] in p["body"]
    assert set(who) == {"uuid", "email", "name", "attribs", "status"}
    assert p["content_type"] == "html" and p["from_email"] == "Blaster Test <news@example.com>"
    assert p["campaign"]["headers"] == [{"X-Tag": "spring"}] and p["attachments"] == []
    sent = endpoint.headers[0]
    assert sent["Content-Type"] == "application/json" and sent["User-Agent"] == "listmonk"
    assert sent["Authorization"] == "Basic " + base64.b64encode(b"u:p").decode()
    state = h.campaign(conn, cid)
    assert (state["status"], state["sent"], state["failed"]) == ("finished", 200, 0)


def test_postback_faults_are_retried_or_recorded(conn, dsn, sink, workdir, endpoint):
    def reply(payload: dict[str, Any], attempt: int) -> tuple[int, dict[str, str]] | str:
        n = int(payload["recipients"][0]["email"].split("@")[0].removeprefix("user"))
        if n % 10 == 1 and attempt == 1:
            return 500, {}
        if n % 10 == 2 and attempt == 1:
            return 429, {"Retry-After": "1"}
        if n % 10 == 3 and attempt == 1:
            return "reset"
        if n % 10 == 4:
            return 400, {}  # permanent: recorded, never retried
        return 200, {}

    endpoint.reply = reply
    cid = run_campaign(conn, dsn, sink, workdir, endpoint.url, 100)
    got = endpoint.delivered()
    assert len(got) == 90 and max(got.values()) == 1
    rows = conn.execute(
        "SELECT kind, smtp_code, attempts, message FROM blaster_failures WHERE campaign_id = %s",
        (cid,),
    ).fetchall()
    assert len(rows) == 10
    assert all(r[:3] == ("permanent", 400, 1) and "HTTP 400" in r[3] for r in rows)
    retried = [e for e, a in endpoint.attempts.items() if a == 2]
    assert len(retried) == 30  # the 500s, the 429s and the resets, once each
    state = h.campaign(conn, cid)
    assert (state["status"], state["sent"], state["failed"]) == ("finished", 90, 10)


def test_a_slow_endpoint_is_waited_for_within_the_timeout(conn, dsn, sink, workdir, endpoint):
    endpoint.delay = 0.2
    run_campaign(conn, dsn, sink, workdir, endpoint.url, 40, timeout=2, connections=8)
    assert len(endpoint.delivered()) == 40


def test_a_timeout_is_retried(conn, dsn, sink, workdir, endpoint):
    def slow_first(payload: dict[str, Any], attempt: int) -> tuple[int, dict[str, str]]:
        if attempt == 1:  # longer than the client's timeout: the request is given up
            time.sleep(0.6)
        return 200, {}

    endpoint.reply = slow_first
    cid = run_campaign(conn, dsn, sink, workdir, endpoint.url, 10, timeout=0.3)
    assert len(endpoint.delivered()) == 10
    assert all(a == 2 for a in endpoint.attempts.values())
    assert h.campaign(conn, cid)["status"] == "finished"


def test_postback_config_and_routes(workdir):
    path = write_config(workdir, "https://hooks.example.com/sms", connections=2, password="s3")
    settings = config.load(path, env={})
    [server] = settings.postback
    assert (server.messenger, server.label, server.connections) == ("sms", "postback:sms", 2)
    assert route("sms", settings.smtp, settings.postback) == frozenset({"postback:sms"})
    smtp = (config.SmtpServer(host="relay.test"),)
    assert route("email", smtp, settings.postback) == frozenset({"relay.test:25"})
    assert route("email", smtp) is None
    assert "s3" not in repr(settings.masked())
    bad = workdir / "bad.toml"
    bad.write_text('[[postback]]\nname = "x"\nurl = "ftp://nope"\n')
    with pytest.raises(ConfigError, match="url must be http"):
        config.load(str(bad), env={})
    bad.write_text('[[postback]]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"postback\[0\]\.url: missing"):
        config.load(str(bad), env={})
