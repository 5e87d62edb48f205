"""Admin notifications: configuration, the message, the sender thread against real SMTP
servers (plain, STARTTLS with AUTH, implicit TLS), and `blaster run` mailing the admin on
finish, refusal, auto-pause and cancel with the counts the database ends with."""

from __future__ import annotations

import email
import email.message
import logging
import pickle
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from blaster import config, notify
from blaster.config import Settings, SmtpServer
from blaster.errors import ConfigError
from blaster.models import CampaignProgress
from blaster.sink import Sink, SinkHandler
from tests import helpers as h
from tests.helpers import ADMIN, campaign_mail, facts, free_port, notifications, wait_for
from tests.helpers import parse_message as parse

# --- configuration ---------------------------------------------------------------------------


def test_admin_emails_from_environment_and_file(tmp_path):
    s = config.load(None, env={"BLASTER_ADMIN_EMAILS": " a@example.com, Ops <ops@example.org> ,"})
    assert s.notifications.admin_emails == ("a@example.com", "Ops <ops@example.org>")
    assert s.notifications.sender == "blaster <blaster@localhost>"
    assert pickle.loads(pickle.dumps(s)) == s  # travels to spawned workers

    path = tmp_path / "blaster.toml"
    path.write_text(
        '[notifications]\nadmin_emails = ["a@example.com", "b@example.com"]\n'
        'from = "Mailer <mailer@example.com>"\n'
    )
    s = config.load(path, env={})
    assert s.notifications.admin_emails == ("a@example.com", "b@example.com")
    assert s.notifications.sender == "Mailer <mailer@example.com>"
    path.write_text('[notifications]\nadmin_emails = "a@example.com,b@example.com"\n')
    told = config.load(path, env={}).notifications
    assert told.admin_emails == ("a@example.com", "b@example.com")
    assert config.load(None, env={}).notifications.admin_emails == ()


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"BLASTER_ADMIN_EMAILS": "ops@example.com,not-an-address"}, "BLASTER_ADMIN_EMAILS"),
        ({"BLASTER_ADMIN_EMAILS": "ops@nodot"}, "BLASTER_ADMIN_EMAILS"),
        ({"BLASTER_ADMIN_EMAILS": "a b@example.com"}, "BLASTER_ADMIN_EMAILS"),
        ({"BLASTER_NOTIFY_FROM": "x@example.com\nBcc: y@example.com"}, "BLASTER_NOTIFY_FROM"),
        ({"BLASTER_NOTIFY_FROM": "a@example.com, b@example.com"}, "BLASTER_NOTIFY_FROM"),
    ],
)
def test_bad_addresses_name_the_key(env, key):
    with pytest.raises(ConfigError, match=key):
        config.load(None, env=env)


def test_bad_toml_value_names_the_key(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text("[notifications]\nadmin_emails = 3\n")
    with pytest.raises(ConfigError, match=r"notifications\.admin_emails"):
        config.load(path, env={})


# --- the message -----------------------------------------------------------------------------


def counts(cid: int, name: str, status: str, sent: int, to_send: int, failed: int):
    """A campaign's progress with the counters a notice shows (the rest left empty)."""
    return CampaignProgress(cid, name, status, to_send, sent, failed, 0, 0, None, None, "", None)


def test_subject_and_body_carry_the_counts_and_reason():
    spring = counts(12, "Spring sale", "finished", 99_000, 100_000, 1_000)
    notice = notify.Notice("finished", spring, "all done")
    assert (
        notice.subject
        == '[blaster] Campaign 12 "Spring sale" finished: 99,000 sent, 1,000 failed of 100,000'
    )
    msg = notify.build_message(notice, "blaster <blaster@localhost>", ["a@example.com", ADMIN])
    parsed = parse(msg.as_bytes())
    assert parsed["To"] == f"a@example.com, {ADMIN}"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Message-ID"].endswith("@localhost>")  # the sender's domain
    assert facts(parsed) | {"Time": ""} == {
        "Campaign": "12",
        "Name": "Spring sale",
        "Event": "finished",
        "Status": "finished",
        "Sent": "99,000",
        "To send": "100,000",
        "Failed": "1,000",
        "Reason": "all done",
        "Time": "",
        "Node": socket.gethostname(),
    }


def test_a_name_with_line_breaks_stays_one_header_line():
    name = "a\nBcc: x@example.com\r\n" + "z" * 200
    notice = notify.Notice("refused", counts(3, name, "paused", 0, 5, 0))
    msg = notify.build_message(notice, "b@example.com", [ADMIN])
    subject = parse(msg.as_bytes())["Subject"]
    assert "\n" not in subject and "Bcc" not in parse(msg.as_bytes())
    assert subject.startswith('[blaster] Campaign 3 "a Bcc: x@example.com zzz')
    assert subject.endswith('…" failed to start: 0 sent, 0 failed of 5')


# --- the sender thread -----------------------------------------------------------------------


def settings_for(server: SmtpServer, admins: tuple[str, ...] = (ADMIN,)) -> Settings:
    told = config.Notifications(admin_emails=admins, sender="blaster <b@example.com>")
    return Settings(smtp=(server,), notifications=told)


def a_notice(cid: int = 1) -> notify.Notice:
    return notify.Notice("cancelled", counts(cid, "n", "cancelled", 5, 10, 1), "status set")


def test_notifier_sends_through_the_first_server(sink):
    dead = SmtpServer(port=free_port())
    s = Settings(
        smtp=(SmtpServer(port=sink.port), dead),
        notifications=config.Notifications(admin_emails=(ADMIN, "b@example.com")),
    )
    notifier = notify.Notifier(s)
    assert notifier.notify(a_notice())
    notifier.close(10)
    assert notifier.sent == 1
    [got] = sink.handler.messages
    assert set(got.recipients) == {ADMIN, "b@example.com"}
    assert got.sender == "blaster@localhost"
    assert parse(got.data)["Subject"].startswith('[blaster] Campaign 1 "n" cancelled: 5 sent')


def test_no_admin_address_means_no_notification(sink):
    notifier = notify.Notifier(Settings(smtp=(SmtpServer(port=sink.port),)))
    assert not notifier.enabled
    assert not notifier.notify(a_notice())
    notifier.close(1)
    assert notifier.thread is None and sink.handler.count == 0


def test_a_failing_relay_is_a_warning(caplog):
    notifier = notify.Notifier(settings_for(SmtpServer(port=free_port(), timeout=2)))
    with caplog.at_level(logging.WARNING, logger="blaster.notify"):
        assert notifier.notify(a_notice())
        notifier.close(10)
    assert notifier.sent == 0
    assert notifier.thread is not None and not notifier.thread.is_alive()
    assert "could not send" in caplog.text


def test_a_full_queue_drops_with_a_warning(caplog, sink):
    entered, release = threading.Event(), threading.Event()

    def slow_send(msg: email.message.EmailMessage, server: SmtpServer) -> None:
        entered.set()
        release.wait(10)
        notify.send_message(msg, server)

    notifier = notify.Notifier(
        settings_for(SmtpServer(port=sink.port)), queue_size=1, send=slow_send
    )
    with caplog.at_level(logging.WARNING, logger="blaster.notify"):
        assert notifier.notify(a_notice(1))
        assert entered.wait(10)  # the thread holds the first one
        assert notifier.notify(a_notice(2))  # waits in the queue
        assert not notifier.notify(a_notice(3))  # no room: dropped, at once
        release.set()
        notifier.close(10)
    assert "queue full" in caplog.text
    assert sorted(parse(m.data)["X-Blaster-Campaign"] for m in sink.handler.messages) == ["1", "2"]


# --- TLS and AUTH against a real aiosmtpd ----------------------------------------------------


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"u", b"pw")
    return AuthResult(success=ok, handled=False)  # a failure answers 535


@pytest.fixture
def tls_server(request, tls_context) -> Iterator[tuple[SinkHandler, SmtpServer]]:
    """An aiosmtpd server in the mode of the test's parameter: STARTTLS + AUTH, or TLS."""
    mode = request.param
    handler = SinkHandler(keep=True)
    port = free_port()
    if mode == "starttls":
        controller = Controller(
            handler,
            hostname="127.0.0.1",
            port=port,
            server_kwargs={
                "tls_context": tls_context,
                "require_starttls": True,
                "authenticator": authenticate,
                "auth_required": True,
            },
        )
        server = SmtpServer(port=port, tls="starttls", username="u", password="pw", timeout=5)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=tls_context)
        server = SmtpServer(port=port, tls="tls", timeout=5)
    controller.start()
    try:
        yield handler, server
    finally:
        controller.stop()


@pytest.mark.parametrize("tls_server", ["starttls", "tls"], indirect=True)
def test_tls_modes_verify_certificates(tls_server, caplog):
    handler, server = tls_server
    with caplog.at_level(logging.WARNING, logger="blaster.notify"):
        verified = notify.Notifier(settings_for(server))  # verify is on by default
        verified.notify(a_notice(1))
        verified.close(10)
    assert verified.sent == 0 and "CERTIFICATE_VERIFY_FAILED" in caplog.text

    unverified = notify.Notifier(settings_for(SmtpServer(**{**fields(server), "verify": False})))
    unverified.notify(a_notice(2))
    unverified.close(10)
    assert unverified.sent == 1
    [got] = handler.messages
    assert got.recipients == (ADMIN,) and parse(got.data)["X-Blaster-Campaign"] == "2"


@pytest.mark.parametrize("tls_server", ["starttls"], indirect=True)
def test_wrong_password_is_a_warning(tls_server, caplog):
    handler, server = tls_server
    wrong = SmtpServer(**{**fields(server), "verify": False, "password": "nope"})
    with caplog.at_level(logging.WARNING, logger="blaster.notify"):
        notifier = notify.Notifier(settings_for(wrong))
        notifier.notify(a_notice())
        notifier.close(10)
    assert notifier.sent == 0 and handler.count == 0
    assert "could not send" in caplog.text and "nope" not in caplog.text


# --- the engine ------------------------------------------------------------------------------


def fault_reply(rcpt: str, attempt: int) -> str:
    """550 for every tenth subscriber; everyone else (and the admin) is accepted."""
    if rcpt.startswith("user"):
        n = int(rcpt.removeprefix("user").split("@")[0])
        if n % 10 == 0:
            return "550 5.1.1 no such user"
    return "250 OK"


@pytest.fixture
def faulty_sink() -> Iterator[Sink]:
    with Sink(SinkHandler(keep=True, reply=fault_reply)) as s:
        yield s


def assert_counts_match(msg: email.message.EmailMessage, state: dict[str, Any]) -> None:
    f = facts(msg)
    assert (f["Status"], f["Sent"], f["To send"], f["Failed"]) == (
        state["status"],
        f"{state['sent']:,}",
        f"{state['to_send']:,}",
        f"{state['failed']:,}",
    )


def test_finished_campaign_notifies_the_admin_once(conn, dsn, faulty_sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 1200, lst)
    cid = h.create_campaign(conn, [lst], name="Spring sale")
    env = h.engine_env(
        dsn,
        faulty_sink.url,
        workdir,
        BLASTER_ADMIN_EMAILS=ADMIN,
        BLASTER_MAX_SEND_ERRORS=0,
        BLASTER_SHARD_SIZE=300,
    )
    h.blaster("run", "--exit-when-idle", env=env)

    [msg] = notifications(faulty_sink)
    assert (
        msg["Subject"]
        == f'[blaster] Campaign {cid} "Spring sale" finished: 1,080 sent, 120 failed of 1,200'
    )
    assert msg["From"] == "blaster <blaster@localhost>" and msg["To"] == ADMIN
    assert msg["X-Blaster-Event"] == "finished"
    assert_counts_match(msg, h.campaign(conn, cid))
    mail = campaign_mail(faulty_sink)
    assert len(mail) == len(set(mail)) == 1080


def test_refused_campaign_notifies_with_the_reason(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 50, lst)
    cid = h.create_campaign(conn, [lst], body="<p>{{ Subscriber.Name </p>", name="Broken")
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_ADMIN_EMAILS=ADMIN)
    h.blaster("run", "--exit-when-idle", env=env)

    assert campaign_mail(sink) == []
    [msg] = notifications(sink)
    assert msg["Subject"] == (
        f'[blaster] Campaign {cid} "Broken" failed to start: 0 sent, 0 failed of 50'
    )
    state = h.campaign(conn, cid)
    assert state["status"] == "paused"
    assert facts(msg)["Reason"] == state["error"] and state["error"].startswith("template error")
    assert_counts_match(msg, state)


def test_auto_pause_notifies_with_reason_and_final_counts(conn, dsn, faulty_sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 2000, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(
        dsn, faulty_sink.url, workdir, BLASTER_ADMIN_EMAILS=ADMIN, BLASTER_MAX_SEND_ERRORS=5
    )
    h.blaster("run", "--exit-when-idle", env=env)

    state = h.campaign(conn, cid)
    assert state["status"] == "paused" and state["sent"] < 1800
    [msg] = notifications(faulty_sink)
    assert msg["X-Blaster-Event"] == "auto-paused"
    assert f'Campaign {cid} "Test campaign" auto-paused:' in msg["Subject"]
    assert "max_send_errors=5" in facts(msg)["Reason"] == state["error"]
    assert_counts_match(msg, state)  # in-flight messages finished before the count
    assert len(campaign_mail(faulty_sink)) == state["sent"]


def test_cancel_mid_run_notifies_once_with_final_counts(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 600, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_ADMIN_EMAILS=ADMIN, BLASTER_RATE=60)
    proc = h.start_blaster("run", "--exit-when-idle", env=env, log=workdir / "run.log")
    try:
        wait_for(lambda: len(campaign_mail(sink)) >= 30, 60, "the first messages")
        conn.execute("UPDATE campaigns SET status = 'cancelled' WHERE id = %s", (cid,))
        assert proc.wait(60) == 0, (workdir / "run.log").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    state = h.campaign(conn, cid)
    assert state["status"] == "cancelled" and 30 <= state["sent"] < 600
    [msg] = notifications(sink)
    assert msg["X-Blaster-Event"] == "cancelled"
    assert msg["Subject"].startswith(f'[blaster] Campaign {cid} "Test campaign" cancelled:')
    assert_counts_match(msg, state)
    assert len(campaign_mail(sink)) == state["sent"]


# --- helpers ---------------------------------------------------------------------------------


def fields(server: SmtpServer) -> dict[str, Any]:
    return {name: getattr(server, name) for name in SmtpServer.__dataclass_fields__}
