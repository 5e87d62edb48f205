"""Issue "a drop-in engine for a listmonk installation", end to end: a campaign configured only
in listmonk's ``settings`` rows (root URL, tracking, two SMTP servers, a rate, a postback
messenger) is sent as listmonk sends it, with listmonk's headers, over the messenger each
campaign names. Runs on listmonk's own schema.sql when a listmonk checkout is given
(``BLASTER_LISTMONK_SOURCE``), and everywhere on a blaster database given a settings table of
listmonk's shape."""

from __future__ import annotations

import collections
import contextlib
import email
import email.policy
import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator

import psycopg
import pytest

from blaster.sink import Sink, SinkHandler
from tests import helpers as h
from tests import listmonk

SETTINGS_TABLE = """
CREATE TABLE settings (
    key         TEXT NOT NULL UNIQUE,
    value       JSONB NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
)
"""


@pytest.fixture(params=["listmonk schema.sql", "blaster database + settings table"])
def database(request, empty_dsn, workdir) -> str:
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        if request.param == "listmonk schema.sql":
            listmonk.install(conn)  # skips without a listmonk checkout
        h.blaster("db", "migrate", env=h.engine_env(empty_dsn, "", workdir))
        if request.param != "listmonk schema.sql":
            conn.execute(SETTINGS_TABLE)
    return empty_dsn


@contextlib.contextmanager
def endpoint() -> Iterator[tuple[str, list[dict]]]:
    """A postback endpoint on 127.0.0.1 that answers 200 and keeps the payloads."""
    got: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sms", got
    finally:
        server.shutdown()
        server.server_close()


def smtp_server(sink: Sink, name: str) -> dict:
    return {
        "enabled": True,
        "name": name,
        "host": "127.0.0.1",
        "port": urllib.parse.urlsplit(sink.url).port,
        "auth_protocol": "none",
        "username": "",
        "password": "",
        "max_conns": 4,
        "idle_timeout": "15s",
        "wait_timeout": "5s",
        "max_msg_retries": 2,
        "tls_type": "none",
        "tls_skip_verify": False,
    }


def put(conn, key: str, value: object) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (%s, %s)"
        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (key, json.dumps(value)),
    )


def test_a_campaign_configured_only_in_listmonks_settings(database, workdir):
    body = '<p>{{ UnsubscribeURL }} <a href="{{ TrackLink "https://shop.test" }}">shop</a></p>'
    with Sink(SinkHandler(keep=True)) as primary, Sink(SinkHandler(keep=True)) as bulk:
        with endpoint() as (url, posted), psycopg.connect(database, autocommit=True) as conn:
            put(conn, "app.root_url", "https://news.example.com")
            put(conn, "privacy.individual_tracking", True)
            put(conn, "app.message_rate", 100)
            put(conn, "app.concurrency", 2)
            put(conn, "smtp", [smtp_server(primary, "Primary"), smtp_server(bulk, "Bulk")])
            put(conn, "messengers", [{"enabled": True, "name": "sms", "root_url": url,
                                      "max_conns": 2, "timeout": "5s"}])  # fmt: skip
            lst = h.create_list(conn, "l")
            h.seed_bulk(conn, 60, lst)
            by_messenger = {
                m: h.create_campaign(conn, [lst], body=body, messenger=m, name=m)
                for m in ("email", "email-bulk", "sms")
            }
            env = h.engine_env(database, "", workdir)
            env.pop("BLASTER_SMTP")
            shown = h.blaster("config", "check", env=env).stdout
            run = h.blaster("run", "--exit-when-idle", env=env, timeout=120)
            states = {m: h.campaign(conn, cid) for m, cid in by_messenger.items()}
            uuids = dict(conn.execute("SELECT id, uuid::text FROM campaigns").fetchall())
        messages = {
            "primary": [email.message_from_bytes(m.data, policy=email.policy.default)
                        for m in primary.handler.messages],
            "bulk": [email.message_from_bytes(m.data, policy=email.policy.default)
                     for m in bulk.handler.messages],
        }  # fmt: skip
    assert "rate = 200.0  # listmonk app.message_rate" in shown, shown
    assert all(s["status"] == "finished" and s["sent"] == 60 for s in states.values()), states
    per_sink = {
        name: collections.Counter(msg["X-Listmonk-Campaign"] for msg in msgs)
        for name, msgs in messages.items()
    }
    email_uuid, bulk_uuid = uuids[by_messenger["email"]], uuids[by_messenger["email-bulk"]]
    assert per_sink["primary"][bulk_uuid] == 0 and per_sink["bulk"][bulk_uuid] == 60
    assert per_sink["primary"][email_uuid] + per_sink["bulk"][email_uuid] == 60
    assert len(posted) == 60 and all(p["campaign"]["name"] == "sms" for p in posted)
    msg = messages["bulk"][0]
    assert msg["X-Listmonk-Subscriber"] and msg["List-Unsubscribe"].startswith(
        "<https://news.example.com/subscription/"
    )
    html = msg.get_body(("html",)).get_content()
    assert "https://news.example.com/link/" in html
    assert "00000000-0000-0000-0000-000000000000" not in html  # individual tracking on
    assert "Traceback" not in run.stderr
