"""End to end: a campaign inserted with plain SQL is sent by `blaster run` to a real SMTP
server, every eligible subscriber exactly once, with listmonk's columns kept true."""

from __future__ import annotations

import collections
import email
import email.policy
import time

from tests import helpers as h


def test_campaign_sent_once_to_every_eligible_subscriber(conn, dsn, sink, workdir):
    single = h.create_list(conn, "single")
    double = h.create_list(conn, "double", optin="double")
    h.seed_bulk(conn, 3000, single)
    # overlapping lists: the same people on the double opt-in list too -> still one message
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers WHERE id %% 3 = 0",
        (double,),
    )
    cid = h.create_campaign(conn, [single, double])

    h.blaster(
        "run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir, BLASTER_SHARD_SIZE=500)
    )

    rcpts = collections.Counter(r for m in sink.handler.messages for r in m.recipients)
    assert len(rcpts) == 3000
    assert max(rcpts.values()) == 1
    state = h.campaign(conn, cid)
    assert state["status"] == "finished"
    assert state["sent"] == state["to_send"] == 3000
    assert state["last_subscriber_id"] == state["max_subscriber_id"]
    msg = email.message_from_bytes(sink.handler.messages[0].data, policy=email.policy.default)
    assert msg["Subject"].startswith("Hello Person ")


def test_messages_carry_listmonk_uuid_headers(conn, dsn, sink, workdir):
    """What listmonk's bounce processing reads: the campaign's and the subscriber's UUIDs,
    which a campaign header cannot replace."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 20, lst)
    forged = "00000000-0000-0000-0000-000000000000"
    cid = h.create_campaign(
        conn,
        [lst],
        headers=[
            {"X-Listmonk-Campaign": forged},
            {"X-Listmonk-Subscriber": "{{ Subscriber.UUID }}x"},
        ],
    )
    camp_uuid = str(conn.execute("SELECT uuid FROM campaigns WHERE id = %s", (cid,)).fetchone()[0])
    subs = {
        email_addr: str(sub_uuid)
        for email_addr, sub_uuid in conn.execute("SELECT email, uuid FROM subscribers")
    }

    h.blaster("run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir))

    assert h.campaign(conn, cid)["status"] == "finished"
    assert len(sink.handler.messages) == 20
    for m in sink.handler.messages:
        msg = email.message_from_bytes(m.data, policy=email.policy.default)
        assert not msg.defects
        (rcpt,) = m.recipients
        assert msg.get_all("X-Listmonk-Campaign") == [camp_uuid]
        assert msg.get_all("X-Listmonk-Subscriber") == [subs[rcpt]]
        assert msg["X-Blaster-Campaign"] == camp_uuid
        assert msg["X-Blaster-Subscriber"] == subs[rcpt]
        assert f"\r\nX-Listmonk-Campaign: {camp_uuid}\r\n".encode() in m.data


def test_failures_are_recorded_and_reach_auto_pause(conn, dsn, workdir):
    from blaster.sink import Sink, SinkHandler

    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 400, lst)

    # 5xx for every tenth recipient, 4xx once for every seventh (then accepted)
    def reply(rcpt: str, attempt: int) -> str:
        n = int(rcpt.removeprefix("user").split("@")[0])
        if n % 10 == 0:
            return "550 5.1.1 no such user"
        if n % 7 == 0 and attempt == 1:
            return "451 4.3.0 try again later"
        return "250 OK"

    with Sink(SinkHandler(keep=True, reply=reply)) as sink:
        cid = h.create_campaign(conn, [lst])
        env = h.engine_env(dsn, sink.url, workdir)
        h.blaster("run", "--exit-when-idle", env=env)
        state = h.campaign(conn, cid)
        assert state["status"] == "finished"
        assert state["sent"] == 360 and state["failed"] == 40
        rows = conn.execute(
            "SELECT kind, smtp_code, count(*) FROM blaster_failures"
            " WHERE campaign_id = %s GROUP BY 1, 2",
            (cid,),
        ).fetchall()
        assert rows == [("permanent", 550, 40)]
        delivered = [r for m in sink.handler.messages for r in m.recipients]
        assert len(delivered) == len(set(delivered)) == 360

        cid2 = h.create_campaign(conn, [lst], name="second")
        h.blaster("run", "--exit-when-idle", env={**env, "BLASTER_MAX_SEND_ERRORS": "5"})
        state = h.campaign(conn, cid2)
        assert state["status"] == "paused"
        assert "max_send_errors=5" in state["error"]
        assert state["sent"] < 360


def test_a_relay_going_bad_trips_the_error_rate(conn, dsn, workdir):
    """The relay accepts 1,000 messages, then refuses everything: paused within a window
    or so of failures (the count rule is off), not after failing the rest of the list."""
    from blaster.sink import Sink, SinkHandler

    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 6000, lst)
    accepted = 0

    def reply(rcpt: str, attempt: int) -> str:
        nonlocal accepted
        accepted += 1
        return "250 OK" if accepted <= 1000 else "550 5.7.1 blocked"

    with Sink(SinkHandler(reply=reply)) as sink:
        cid = h.create_campaign(conn, [lst])
        env = h.engine_env(
            dsn,
            sink.url,
            workdir,
            BLASTER_MAX_SEND_ERRORS=0,
            BLASTER_MAX_ERROR_RATE=0.5,
            BLASTER_ERROR_RATE_WINDOW=200,
        )
        h.blaster("run", "--exit-when-idle", env=env)
    state = h.campaign(conn, cid)
    print(f"paused after {state['failed']} failures: {state['error']}")
    assert state["status"] == "paused" and state["sent"] == 1000
    assert "of the last 200 messages failed (max_error_rate=0.5)" in state["error"]
    assert 100 <= state["failed"] < 2500


def test_broken_template_is_refused_before_any_message(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 50, lst)
    cid = h.create_campaign(conn, [lst], body="<p>{{ Subscriber.Name </p>")
    cid2 = h.create_campaign(conn, [lst], body="<p>{{ NoSuchFunction() }}</p>", name="b")
    h.blaster("run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir))
    assert sink.handler.count == 0
    for c in (cid, cid2):
        state = h.campaign(conn, c)
        assert state["status"] == "paused" and "template error" in state["error"]


def test_failure_ledger_and_retry_failed(conn, dsn, workdir):
    from blaster.sink import Sink, SinkHandler

    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 200, lst)
    refuse = {"on": True}

    def reply(rcpt: str, attempt: int) -> str:
        n = int(rcpt.removeprefix("user").split("@")[0])
        return "550 5.7.1 blocked" if refuse["on"] and n % 4 == 0 else "250 OK"

    with Sink(SinkHandler(keep=True, reply=reply)) as sink:
        cid = h.create_campaign(conn, [lst])
        env = h.engine_env(dsn, sink.url, workdir)
        h.blaster("run", "--exit-when-idle", env=env)
        assert h.campaign(conn, cid)["failed"] == 50

        out = h.blaster("campaigns", "failures", str(cid), "--format", "csv", env=env).stdout
        lines = out.strip().splitlines()
        assert lines[0].startswith("subscriber,email,kind,code") and len(lines) == 51
        assert ",permanent,550," in lines[1]

        refuse["on"] = False  # the relay has been fixed
        h.blaster("campaigns", "retry-failed", str(cid), env=env)
        h.blaster("run", "--exit-when-idle", env=env)

    got = [r for m in sink.handler.messages for r in m.recipients]
    assert len(got) == len(set(got)) == 200  # the 150 delivered first were not sent again
    state = h.campaign(conn, cid)
    assert state["status"] == "finished"
    assert (state["sent"], state["failed"]) == (200, 0)
    assert conn.execute("SELECT count(*) FROM blaster_failures").fetchone()[0] == 0
    again = h.blaster("campaigns", "retry-failed", str(cid), env=env, check=False)
    assert again.returncode == 1 and "no failures to retry" in again.stderr


def test_start_follow_shows_progress_until_the_end(conn, dsn, sink, workdir):
    import signal

    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 500, lst)
    cid = h.create_campaign(conn, [lst], status="draft")
    env = h.engine_env(dsn, sink.url, workdir)
    engine = h.start_blaster("run", env=env, log=workdir / "run.log")
    try:
        out = h.blaster("campaigns", "start", str(cid), "--follow", env=env, timeout=60)
    finally:
        engine.send_signal(signal.SIGTERM)
        engine.wait(timeout=30)
    assert f"campaign {cid} is now running" in out.stdout
    assert f"campaign {cid} is finished: sent 500, failed 0 of 500" in out.stdout


def test_a_listmonk_go_template_campaign_is_sent_as_listmonk_renders_it(conn, dsn, sink, workdir):
    """A campaign as listmonk's UI writes it (Go syntax, a base template with its body, an
    attribute that some subscribers lack) goes out rendered with Go's rules."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 200, lst)
    conn.execute("UPDATE subscribers SET attribs = '{}' WHERE id % 2 = 0")
    tid = conn.execute(
        "INSERT INTO templates (name, type, body, is_default) VALUES ('base', 'campaign',"
        " %s, false) RETURNING id",
        (
            '<html><body>{{ template "content" . }}'
            '<a href="{{ UnsubscribeURL }}">u</a></body></html>',
        ),
    ).fetchone()[0]
    cid = h.create_campaign(
        conn,
        [lst],
        subject="{{ .Subscriber.FirstName | upper }} #{{ .Subscriber.Attribs.n }}",
        body=(
            "<p>{{ if .Subscriber.Attribs.n }}Reader {{ .Subscriber.Attribs.n }}"
            "{{ else }}New reader{{ end }} &amp; {{ .Subscriber.Email }}</p>"
        ),
        template_id=tid,
    )

    h.blaster("run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir))

    assert h.campaign(conn, cid)["status"] == "finished"
    assert len(sink.handler.messages) == 200
    by_rcpt = {
        m.recipients[0]: email.message_from_bytes(m.data, policy=email.policy.default)
        for m in sink.handler.messages
    }
    odd = by_rcpt["user1@example.com"]
    assert odd["Subject"] == "PERSON #1"  # a JSON number prints as Go prints a float64
    html = odd.get_body(("html",)).get_content()
    assert "<p>Reader 1 &amp; user1@example.com</p>" in html
    assert '<a href="http://localhost:9000/subscription/' in html
    even = by_rcpt["user2@example.com"]
    assert even["Subject"] == "PERSON #<no value>"  # text/template's missing key
    assert "<p>New reader &amp; user2@example.com</p>" in even.get_body(("html",)).get_content()


def test_a_finished_campaign_is_finished_at_once_not_at_the_next_poll(conn, dsn, sink, workdir):
    """The coordinator scans when a shard ends, so the last shard's report finishes the
    campaign (and, with --exit-when-idle, the run) without waiting for ``poll_interval``."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 200, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_POLL_INTERVAL=60)
    started = time.monotonic()
    h.blaster("run", "--exit-when-idle", env=env, timeout=50)
    took = time.monotonic() - started
    assert h.campaign(conn, cid)["status"] == "finished" and sink.handler.count == 200
    assert took < 30, f"the run took {took:.1f}s: the finish waited for a poll"
