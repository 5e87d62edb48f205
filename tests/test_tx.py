"""Transactional messages: the Python API (TxService) against a real PostgreSQL and aiosmtpd
sinks that refuse, stall, drop connections or are down, and ``POST /api/tx`` on the HTTP port
of a running ``blaster run``: delivery with the right headers and parts, outcomes recorded,
a full queue answered with 503 at once, bad requests answered with 400 and never turned
into headers, a bearer token off loopback, and /metrics still served."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.message
import email.policy
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from blaster import config, http, tx
from blaster.config import Settings, SmtpServer
from blaster.errors import (
    ConfigError,
    PermanentSendError,
    TransientSendError,
    TxInvalid,
    TxQueueFull,
    TxUnavailable,
)
from blaster.http import is_loopback
from blaster.messengers.blocking import RelaySession
from blaster.sink import Sink, SinkHandler
from blaster.store import tx as tx_rows
from tests import helpers as h
from tests.helpers import free_port, wait_for

SLOW = 2.0  #: seconds the sink holds a message to a ``slow...`` recipient


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def header_names(data: bytes) -> list[str]:
    """The header field names of a message, as they are on the wire."""
    head = data.split(b"\r\n\r\n", 1)[0].decode()
    return [line.split(":", 1)[0] for line in head.split("\r\n") if not line[:1].isspace()]


def reply(rcpt: str, attempt: int) -> str:
    """``reject...`` 550; ``later...`` 451 on the first attempt; ``never...`` 451 always."""
    if rcpt.startswith("reject"):
        return "550 5.1.1 no such user"
    if rcpt.startswith("never") or (rcpt.startswith("later") and attempt == 1):
        return "451 4.3.0 try later"
    return "250 OK"


class FaultyHandler(SinkHandler):
    """Answers by :func:`reply`, and holds ``slow...`` recipients' data :data:`SLOW` s."""

    def __init__(self) -> None:
        super().__init__(keep=True, reply=reply)
        self.data_started: list[str] = []  #: recipients whose data arrived, in order

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_started.extend(envelope.rcpt_tos)
        if envelope.rcpt_tos and envelope.rcpt_tos[0].startswith("slow"):
            await asyncio.sleep(SLOW)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def faulty() -> Iterator[Sink]:
    with Sink(FaultyHandler()) as s:
        yield s


def settings_for(dsn: str, port: int, changes: dict[str, Any] | None = None) -> Settings:
    server = SmtpServer(port=port, timeout=5)
    values = {"engine.retry_backoff": 0.05, "engine.max_attempts": 3, **(changes or {})}
    return config.with_overrides(
        Settings(database=config.Database(dsn=dsn), smtp=(server,)), values
    )


def row(conn: Any, tx_id: int) -> dict[str, Any]:
    cur = conn.execute(
        "SELECT status, smtp_code, message, attempts, sent_at, recipient, subject"
        " FROM blaster_tx WHERE id = %s",
        (tx_id,),
    )
    values = cur.fetchone()
    assert values is not None, f"no blaster_tx row {tx_id}"
    keys = ("status", "smtp_code", "message", "attempts", "sent_at", "recipient", "subject")
    return dict(zip(keys, values, strict=True))


# --- the Python API --------------------------------------------------------------------------


def test_python_api_sends_over_one_connection_and_records(dsn, conn, faulty):
    with tx.TxService(settings_for(dsn, faulty.port)) as service:
        ids = [
            service.submit(tx.TxMessage(to=f"u{i}@example.com", subject=f"S{i}", text="hi"))
            for i in range(3)
        ]
        wait_for(lambda: service.sent == 3, 10, "three messages sent")
    assert faulty.handler.quits == 1  # one session for all three, closed on close()
    for i, tx_id in enumerate(ids):
        r = row(conn, tx_id)
        assert (r["status"], r["smtp_code"], r["attempts"]) == ("sent", 250, 1)
        assert r["sent_at"] is not None and r["recipient"] == f"u{i}@example.com"
    got = [parse(m.data) for m in faulty.handler.messages]
    assert [m["X-Blaster-Tx"] for m in got] == [str(i) for i in ids]
    assert all(m["From"] == "blaster <blaster@localhost>" for m in got)  # notifications.from
    with pytest.raises(TxUnavailable):
        service.submit(tx.TxMessage(to="late@example.com", text="x"))


def test_temporary_refusals_are_retried_then_recorded(dsn, conn, faulty):
    with tx.TxService(settings_for(dsn, faulty.port)) as service:
        later = service.submit(tx.TxMessage(to="later@example.com", text="x"))
        never = service.submit(tx.TxMessage(to="never@example.com", text="x"))
        reject = service.submit(tx.TxMessage(to="reject@example.com", text="x"))
        wait_for(lambda: service.sent + service.failed == 3, 10, "three outcomes")
    assert row(conn, later)["status"] == "sent" and row(conn, later)["attempts"] == 2
    r = row(conn, never)
    assert (r["status"], r["smtp_code"], r["attempts"]) == ("failed", 451, 3)
    assert "try later" in r["message"] and r["sent_at"] is None
    r = row(conn, reject)
    assert (r["status"], r["smtp_code"], r["attempts"]) == ("failed", 550, 1)
    assert "no such user" in r["message"]


def test_a_dropped_connection_is_reopened(dsn, conn):
    first = Sink(SinkHandler(keep=True)).start()  # any free port; the relay comes back on it
    port = first.port
    with tx.TxService(settings_for(dsn, port)) as service:
        a = service.submit(tx.TxMessage(to="a@example.com", text="x"))
        wait_for(lambda: service.sent == 1, 10, "the first message")
        first.stop()  # the relay goes away with the session open...
        second = Sink(SinkHandler(keep=True), port=port).start()  # ...and comes back
        try:
            b = service.submit(tx.TxMessage(to="b@example.com", text="x"))
            wait_for(lambda: service.sent + service.failed == 2, 10, "the second message")
        finally:
            service.close()
            second.stop()
    assert row(conn, a)["status"] == "sent"
    assert (row(conn, b)["status"], row(conn, b)["attempts"]) == ("sent", 1)
    assert [m.recipients for m in second.handler.messages] == [("b@example.com",)]


def test_a_full_queue_refuses_at_once(dsn, faulty):
    service = tx.TxService(settings_for(dsn, faulty.port, {"tx.queue_size": 2})).start()
    try:
        service.submit(tx.TxMessage(to="slow1@example.com", text="x"))  # in flight
        service.submit(tx.TxMessage(to="slow2@example.com", text="x"))  # waiting
        started = time.monotonic()
        with pytest.raises(TxQueueFull):
            service.submit(tx.TxMessage(to="slow3@example.com", text="x"))
        assert time.monotonic() - started < 0.5
    finally:
        service.close(10)
    assert service.sent == 2 and service.queued == 0


def test_close_is_bounded_and_records_what_was_not_sent(dsn, conn):
    down = free_port()  # nothing listens: every attempt fails, the retry waits long
    service = tx.TxService(settings_for(dsn, down, {"engine.retry_backoff": 60})).start()
    ids = [service.submit(tx.TxMessage(to=f"u{i}@example.com", text="x")) for i in range(2)]
    wait_for(lambda: all(row(conn, i)["attempts"] == 1 for i in ids), 10, "first attempts")
    started = time.monotonic()
    service.close(0.5)
    assert time.monotonic() - started < 5
    for tx_id in ids:
        r = row(conn, tx_id)
        assert (r["status"], r["smtp_code"], r["message"]) == ("failed", 0, tx.UNSENT)


CRASH = """
import os, sys
from blaster import config, tx
from blaster.config import Settings, SmtpServer
settings = Settings(
    database=config.Database(dsn=sys.argv[1]),
    engine=config.Engine(retry_backoff=60),
    smtp=(SmtpServer(port=int(sys.argv[2])),),
)
service = tx.TxService(settings).start()
print(service.submit(tx.TxMessage(to="lost@example.com", text="x")), flush=True)
os._exit(9)  # a crash: no close(), no outcome recorded
"""


def test_rows_a_crash_left_queued_are_failed_by_the_next_start(dsn, conn):
    down = free_port()  # every attempt fails; the retry is a minute away
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, dsn, str(down)], capture_output=True, text=True, timeout=60
    )
    assert crashed.returncode == 9, crashed.stderr
    lost = int(crashed.stdout)
    alive = tx.TxService(settings_for(dsn, down, {"engine.retry_backoff": 60})).start()
    try:
        waiting = alive.submit(tx.TxMessage(to="waiting@example.com", text="x"))
        assert row(conn, lost)["status"] == "failed"  # swept by alive's start
        assert row(conn, lost)["message"] == tx.LOST
        with tx.TxService(settings_for(dsn, down)):  # a second service starts ...
            assert row(conn, waiting)["status"] == "queued"  # ... and leaves alive's rows be
    finally:
        alive.close(0.1)
    assert row(conn, waiting)["message"] == tx.UNSENT


def test_old_outcomes_are_pruned_at_start(dsn, conn, faulty):
    with tx.TxService(settings_for(dsn, faulty.port)) as service:
        ids = [service.submit(tx.TxMessage(to=f"u{i}@example.com", text="x")) for i in range(3)]
        wait_for(lambda: service.sent == 3, 10, "three messages sent")
    conn.execute(
        "UPDATE blaster_tx SET created_at = NOW() - interval '31 days' WHERE id = ANY(%s)",
        (ids[:2],),
    )
    with tx.TxService(settings_for(dsn, faulty.port, {"tx.retention_days": 0})):
        pass
    left = {r[0] for r in conn.execute("SELECT id FROM blaster_tx").fetchall()}
    assert left == set(ids)  # 0 keeps everything
    conn.execute("UPDATE blaster_tx SET status = 'queued' WHERE id = %s", (ids[1],))
    assert tx_rows.prune(conn, 30) == 1  # a queued row is never pruned
    with tx.TxService(settings_for(dsn, faulty.port)):
        pass  # ids[1]: its owner is gone, so it is swept to failed, then pruned as old
    left = {r[0] for r in conn.execute("SELECT id FROM blaster_tx").fetchall()}
    assert left == {ids[2]}


def test_close_stops_at_its_deadline_with_messages_still_waiting(dsn, conn, faulty):
    service = tx.TxService(settings_for(dsn, faulty.port)).start()
    ids = [service.submit(tx.TxMessage(to=f"slow{i}@example.com", text="x")) for i in range(3)]
    wait_for(lambda: faulty.handler.data_started == ["slow0@example.com"], 5, "the first DATA")
    started = time.monotonic()
    service.close(0.5)  # the first is in flight for SLOW seconds; the others must not start
    assert time.monotonic() - started < SLOW + 2
    assert [row(conn, i)["status"] for i in ids] == ["sent", "failed", "failed"]
    assert row(conn, ids[2])["message"] == tx.UNSENT
    assert faulty.handler.data_started == ["slow0@example.com"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ([], "expected a JSON object"),
        ({"subject": "s", "text": "x"}, "to: required"),
        ({"to": "a@example.com", "text": "x", "cc": "b@example.com"}, "unknown field"),
        ({"to": "a@example.com", "html": 5}, "html: expected a str"),
        ({"to": "a@example.com"}, "html or text"),
        ({"to": "a@example.com, b@example.com", "text": "x"}, "to: expected one"),
        ({"to": "not-an-address", "text": "x"}, "to: no @ in the address"),
        ({"to": "a@example.com\r\nBcc: e@example.com", "text": "x"}, "line breaks"),
        ({"to": "a@example.com", "from": "f@example.com\nBcc: e@x.com", "text": "x"}, "from"),
        ({"to": "a@example.com", "text": "x", "headers": {"X-K\r\nBcc": "e"}}, "header name"),
        ({"to": "a@example.com", "text": "x", "headers": {"Bcc": "e@example.com"}}, "Bcc is set"),
        ({"to": "a@example.com", "text": "x", "headers": {"X-Blaster-Tx": "1"}}, "set by"),
        ({"to": "a@example.com", "text": "x", "headers": {"X-K": 1}}, "object of strings"),
        ({"to": "a@example.com", "text": "x", "headers": ["X-K"]}, "object of strings"),
    ],
)
def test_invalid_messages_are_refused(data, error):
    with pytest.raises(TxInvalid, match=error):
        tx.prepare(tx.TxMessage.from_json(data), "blaster <b@example.com>")


def test_idna_domains_and_display_names():
    p = tx.prepare(
        tx.TxMessage(to="Zoë <zoe@bücher.example>", from_addr="Shop <shop@example.com>", text="x"),
        "",
    )
    assert p.recipient == "zoe@xn--bcher-kva.example" and p.envelope_from == "shop@example.com"
    msg = parse(p.build(7))
    assert msg["To"].addresses[0].display_name == "Zoë"
    assert msg["X-Blaster-Tx"] == "7" and "X-Blaster-Campaign" not in msg


def test_relay_session_idles_out_and_rotates_connections(faulty):
    now = [0.0]
    server = SmtpServer(port=faulty.port, timeout=5, idle_timeout=60, max_msgs_per_conn=2)
    session = RelaySession(server, clock=lambda: now[0])
    try:
        assert session.send("s@example.com", "a@example.com", b"Subject: a\r\n\r\na\r\n")[0] == 250
        now[0] = 59.0
        session.close_if_idle()
        assert session.client is not None  # not idle long enough
        session.send("s@example.com", "b@example.com", b"Subject: b\r\n\r\nb\r\n")
        assert session.connections == 1
        session.send("s@example.com", "c@example.com", b"Subject: c\r\n\r\nc\r\n")
        assert session.connections == 2  # max_msgs_per_conn = 2
        now[0] += 60
        session.close_if_idle()
        assert session.client is None and session.idle_deadline() is None
        with pytest.raises(PermanentSendError, match="no such user"):
            session.send("s@example.com", "reject@example.com", b"Subject: r\r\n\r\nr\r\n")
        with pytest.raises(TransientSendError, match="try later") as err:
            session.send("s@example.com", "never@example.com", b"Subject: n\r\n\r\nn\r\n")
        assert err.value.code == 451
        session.send("s@example.com", "d@example.com", b"Subject: d\r\n\r\nd\r\n")
    finally:
        session.close()
    assert faulty.handler.quits == 3  # each connection ended with QUIT
    assert [m.recipients[0][0] for m in faulty.handler.messages] == ["a", "b", "c", "d"]


def test_token_configuration_is_checked_and_masked():
    s = config.load(None, env={"BLASTER_HTTP_TOKEN": "s3cret-token", "BLASTER_TX_QUEUE_SIZE": "5"})
    assert (s.http.token, s.tx.queue_size) == ("s3cret-token", 5)
    assert "s3cret" not in repr(s.masked())
    with pytest.raises(ConfigError, match="BLASTER_HTTP_TOKEN"):
        config.load(None, env={"BLASTER_HTTP_TOKEN": "has space"})
    with pytest.raises(ConfigError, match="BLASTER_TX_QUEUE_SIZE"):
        config.load(None, env={"BLASTER_TX_QUEUE_SIZE": "0"})
    with pytest.raises(ConfigError, match=r"http\.token"):
        http.serve(Settings(metrics=config.Metrics(addr=f"0.0.0.0:{free_port()}")))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        *(("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("[::1]", True)),
        *(("0.0.0.0", False), ("10.1.2.3", False), ("::", False), ("example.com", False)),
    ],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


# --- POST /api/tx on a running engine --------------------------------------------------------


@dataclass
class Response:
    status: int
    body: Any
    headers: dict[str, str]


@dataclass
class Engine:
    url: str
    token: str = ""

    def call(
        self, path: str, payload: Any = None, *, raw: bytes | None = None, token: str | None = None
    ) -> Response:
        data = raw if raw is not None else None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data else "GET")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        token = self.token if token is None else token
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, body, headers = resp.status, resp.read(), dict(resp.headers)
        except urllib.error.HTTPError as exc:
            status, body, headers = exc.code, exc.read(), dict(exc.headers)
        text = body.decode()
        is_json = headers.get("Content-Type", "").startswith("application/json")
        return Response(status, json.loads(text) if is_json else text, headers)

    def post(self, payload: Any, **kw: Any) -> Response:
        return self.call("/api/tx", payload, **kw)

    def wait_done(self, tx_id: int, timeout: float = 15) -> dict[str, Any]:
        wait_for(
            lambda: self.call(f"/api/tx/{tx_id}").body["status"] != "queued",
            timeout,
            f"transactional message {tx_id}",
        )
        body: dict[str, Any] = self.call(f"/api/tx/{tx_id}").body
        return body


@contextlib.contextmanager
def engine(
    dsn: str, sink: Sink, workdir: Path, *, bind: str = "127.0.0.1", token: str = "", **env: Any
) -> Iterator[Engine]:
    port = free_port()
    extra = {"BLASTER_WORKERS": 1, "BLASTER_METRICS_ADDR": f"{bind}:{port}", **env}
    if token:
        extra["BLASTER_HTTP_TOKEN"] = token
    proc = h.start_blaster(
        "run", env=h.engine_env(dsn, sink.url, workdir, **extra), log=workdir / "run.log"
    )
    client = Engine(f"http://127.0.0.1:{port}", token)

    def up() -> bool:
        assert proc.poll() is None, (workdir / "run.log").read_text()
        try:
            return client.call("/metrics").status == 200
        except OSError:
            return False

    try:
        wait_for(up, 60, "the engine's HTTP port")
        yield client
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert proc.returncode == 0, (workdir / "run.log").read_text()


def test_post_delivers_and_records_and_metrics_are_served(dsn, conn, faulty, workdir):
    payload = {
        "to": "Ann Example <ann@example.com>",
        "subject": "Votre commande n° 42 ✓",
        "html": "<p>Merci, Ann</p>",
        "text": "Merci, Ann",
        "from": "Shop <shop@example.com>",
        "headers": {"X-Order": "42", "Reply-To": "help@example.com"},
    }
    with engine(dsn, faulty, workdir) as api:
        resp = api.post(payload)
        assert resp.status == 202 and set(resp.body) == {"id"}
        tx_id = resp.body["id"]
        assert resp.headers["Location"] == f"/api/tx/{tx_id}"
        status = api.wait_done(tx_id)
        rejected = api.wait_done(api.post({"to": "reject@example.com", "text": "x"}).body["id"])
        assert api.call("/api/tx/999999").status == 404
        assert api.call("/api/tx/abc").status == 404
        assert api.call("/api/tx").status == 405
        metrics = api.call("/metrics")
    assert status["status"] == "sent" and status["smtp_code"] == 250 and status["sent_at"]
    assert status["recipient"] == "ann@example.com" and status["subject"] == payload["subject"]
    assert (rejected["status"], rejected["smtp_code"]) == ("failed", 550)
    assert "no such user" in rejected["message"]
    r = row(conn, tx_id)
    assert (r["status"], r["smtp_code"], r["attempts"]) == ("sent", 250, 1)

    [got] = [m for m in faulty.handler.messages if "ann@example.com" in m.recipients]
    assert got.sender == "shop@example.com" and got.recipients == ("ann@example.com",)
    msg = parse(got.data)
    assert msg["Subject"] == payload["subject"] and msg["X-Order"] == "42"
    assert msg["From"] == "Shop <shop@example.com>" and msg["Reply-To"] == "help@example.com"
    assert msg["To"] == "Ann Example <ann@example.com>" and msg["X-Blaster-Tx"] == str(tx_id)
    assert msg["Message-ID"].endswith("@example.com>") and msg["Date"] and msg["MIME-Version"]
    assert "List-Unsubscribe" not in msg and "X-Blaster-Campaign" not in msg
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and plain.get_content().strip() == "Merci, Ann"
    assert html is not None and html.get_content().strip() == "<p>Merci, Ann</p>"

    assert metrics.status == 200 and "blaster_workers_alive" in metrics.body
    assert 'blaster_tx_messages_total{status="sent"} 1.0' in metrics.body
    assert 'blaster_tx_messages_total{status="failed"} 1.0' in metrics.body


def test_a_full_queue_answers_503_at_once(dsn, conn, faulty, workdir):
    with engine(dsn, faulty, workdir, BLASTER_TX_QUEUE_SIZE=2) as api:
        accepted = [api.post({"to": f"slow{i}@example.com", "text": "x"}) for i in (1, 2)]
        assert [r.status for r in accepted] == [202, 202]
        started = time.monotonic()
        full = api.post({"to": "slow3@example.com", "text": "x"})
        took = time.monotonic() - started
        assert full.status == 503 and "full" in full.body["error"]
        assert took < 1.0 and full.headers["Retry-After"] == "1"
        for r in accepted:
            assert api.wait_done(r.body["id"])["status"] == "sent"
    (count,) = conn.execute("SELECT count(*) FROM blaster_tx").fetchone()
    assert count == 2  # the refused one left no row


def test_bad_requests_answer_400_and_never_inject_headers(dsn, conn, faulty, workdir):
    bad: list[tuple[bytes | None, Any]] = [
        (b"{not json", None),
        (b"\xff\xfe", None),
        (b"[" * 100_000, None),
        (None, ["a@example.com"]),
        (None, {"text": "no recipient"}),
        (None, {"to": "a@example.com\r\nBcc: evil@example.com", "text": "x"}),
        (None, {"to": "a@example.com", "text": "x", "headers": {"X-K\r\nBcc": "e@example.com"}}),
        (None, {"to": "a@example.com", "text": "x", "headers": {"Bcc": "evil@example.com"}}),
        (None, {"to": "a@example.com", "text": "x", "from": "f@example.com\r\nBcc: e@x.com"}),
    ]
    folded = {
        "to": "victim@example.com",
        "subject": "Hi\r\nBcc: evil@example.com",
        "text": "x",
        "headers": {"X-K": "v\r\nBcc: evil@example.com\r\n\r\nbody"},
    }
    with engine(dsn, faulty, workdir) as api:
        for raw, payload in bad:
            resp = api.post(payload, raw=raw)
            assert resp.status == 400, (raw, payload, resp)
            assert resp.body["error"] and "\n" not in resp.body["error"]
        ok = api.post(folded)
        assert ok.status == 202
        assert api.wait_done(ok.body["id"])["status"] == "sent"
    (count,) = conn.execute("SELECT count(*) FROM blaster_tx").fetchone()
    assert count == 1
    [got] = faulty.handler.messages
    assert got.recipients == ("victim@example.com",)
    names = [n.lower() for n in header_names(got.data)]
    assert "bcc" not in names and names.count("subject") == 1 and names.count("x-k") == 1
    msg = parse(got.data)
    assert msg["Subject"] == "Hi  Bcc: evil@example.com"
    assert msg["X-K"] == "v  Bcc: evil@example.com    body"


def test_off_loopback_needs_a_token(dsn, faulty, workdir):
    env = h.engine_env(dsn, faulty.url, workdir, BLASTER_METRICS_ADDR=f"0.0.0.0:{free_port()}")
    refused = h.blaster("run", env=env, check=False, timeout=60)
    assert refused.returncode != 0
    assert "http.token" in refused.stderr and "BLASTER_HTTP_TOKEN" in refused.stderr

    token = "t0ken-" + "x" * 20
    with engine(dsn, faulty, workdir, bind="0.0.0.0", token=token) as api:
        for path in ("/metrics", "/api/tx/1"):
            assert api.call(path, token="-").status == 401
            assert api.call(path, token="wrong-" + token).status == 401
        naked = urllib.request.Request(api.url + "/metrics")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(naked, timeout=10)
        assert err.value.code == 401 and err.value.headers["WWW-Authenticate"] == "Bearer"
        err.value.close()
        assert api.post({"to": "a@example.com", "text": "x"}, token="nope").status == 401
        assert api.call("/metrics").status == 200
        resp = api.post({"to": "a@example.com", "text": "x"})
        assert resp.status == 202
        assert api.wait_done(resp.body["id"])["status"] == "sent"
    assert [m.recipients for m in faulty.handler.messages] == [("a@example.com",)]
