"""Bad input through `blaster run` into the sink: malformed addresses and attribs nested too
deep or too large fail their subscriber only (recorded in ``blaster_failures`` with the
reason), everyone else is delivered once; a campaign nobody qualifies for finishes at once
and the admin hears of it."""

from __future__ import annotations

import collections
import email
import email.policy
import time

import pytest

from blaster import addresses
from blaster.errors import RenderError
from blaster.models import Subscriber, UnreadableAttribs
from blaster.render import MAX_OUTPUT
from blaster.store.subscribers import load_attribs
from tests import helpers as h
from tests.helpers import ADMIN, NOW, campaign_mail, facts, notifications
from tests.helpers import content_renderer as renderer

MALFORMED = {
    "no-at-sign.example.com": "no @ in the address",
    "has space@example.com": "the address contains a space",
    "x" * 300 + "@example.com": "local part of 300 characters (at most 64)",
    "": "empty address",
    "tab\there@example.com": "non-printable character",
    "nodot@localhost": "is not a domain name with a dot",
}


def nested(depth: int) -> dict[str, object]:
    value: dict[str, object] = {"leaf": "bottom"}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def deep_json(depth: int) -> str:
    """``nested(depth)`` as JSON text, built without recursion."""
    return '{"a":' * (depth - 1) + '{"leaf":"bottom"}' + "}" * (depth - 1)


BODY = (
    "<p>Hi {{ Subscriber.FirstName }}</p>"
    '{% if "big" in Subscriber.Attribs %}<p>{{ Subscriber.Attribs.big }}</p>{% endif %}'
    '{% if "deep" in Subscriber.Attribs %}<p>{{ Subscriber.Attribs.deep }}</p>{% endif %}'
)


@pytest.mark.parametrize(("addr", "problem"), MALFORMED.items())
def test_address_problems_are_named(addr, problem):
    assert problem in addresses.problem(addr)


def test_good_addresses_pass():
    for addr in ("a@example.com", "Jürgen@bücher.example", "a.b+c@sub.example.co.uk"):
        assert addresses.problem(addr) == ""


def test_unreadable_attribs_fail_the_render():
    sub = Subscriber(1, "u", "a@example.com", "A", UnreadableAttribs("too deep"), "enabled", NOW)
    with pytest.raises(RenderError, match="too deep"):
        renderer("<p>{{ Subscriber.Name }}</p>").render(sub)


def test_attribs_too_deep_for_python_become_unreadable():
    shallow, deep = deep_json(50), deep_json(5000)
    assert load_attribs(shallow) == nested(50)
    loaded = load_attribs(deep)
    assert isinstance(loaded, UnreadableAttribs) and loaded == {}
    assert "nested too deeply" in loaded.reason


def test_bad_input_end_to_end(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    good = [h.Sub(f"good{i}@example.com", f"Good {i}") for i in range(50)]
    bad = [h.Sub(addr, "Bad Address") for addr in MALFORMED]
    one_mb = "é" * 500_000 + "x" * 500_000  # a million characters, 1.5 MB as UTF-8
    odd = [
        h.Sub("deep200@example.com", "Deep", attribs={"deep": nested(200)}),
        h.Sub("big1mb@example.com", "Big", attribs={"big": one_mb}),
        h.Sub("toobig@example.com", "Huge", attribs={"big": "y" * (MAX_OUTPUT + 1)}),
    ]
    h.add_subscribers(conn, good + bad + odd, [(lst, "confirmed")])
    # deeper than Python's JSON decoder goes (PostgreSQL stores it): written as text
    conn.execute(
        "INSERT INTO subscribers (uuid, email, name, attribs) VALUES"
        " (gen_random_uuid(), 'deep5000@example.com', 'Deeper', %s::jsonb)",
        ('{"deep": ' + deep_json(5000) + "}",),
    )
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers WHERE email = 'deep5000@example.com'",
        (lst,),
    )
    cid = h.create_campaign(conn, [lst], body=BODY)
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_MAX_SEND_ERRORS=0)
    start = time.monotonic()
    h.blaster("run", "--exit-when-idle", env=env, timeout=90)
    took = time.monotonic() - start

    got = collections.Counter(r for m in sink.handler.messages for r in m.recipients)
    delivered = {f"good{i}@example.com" for i in range(50)} | {
        "deep200@example.com",
        "big1mb@example.com",
    }
    failures = dict(
        conn.execute(
            "SELECT s.email, f.kind || ': ' || f.message FROM blaster_failures f"
            " JOIN subscribers s ON s.id = f.subscriber_id WHERE f.campaign_id = %s",
            (cid,),
        ).fetchall()
    )
    state = h.campaign(conn, cid)
    gaps, dupes = len(delivered - set(got)), sum(c - 1 for c in got.values())
    print(
        f"bad input: {took:.1f}s, delivered {len(got)} (gaps={gaps} duplicates={dupes}),"
        f" failures recorded {len(failures)}: "
        + "; ".join(f"{k[:24]!r} -> {v[:70]}" for k, v in sorted(failures.items()))
    )
    assert set(got) == delivered and dupes == 0
    assert state["status"] == "finished"
    assert (state["to_send"], state["sent"], state["failed"]) == (60, 52, 8)
    for addr, problem in MALFORMED.items():
        assert failures[addr].startswith("permanent: invalid address")
        assert problem in failures[addr]
    assert failures["toobig@example.com"].startswith("render: ")
    assert "render limit" in failures["toobig@example.com"]
    assert failures["deep5000@example.com"].startswith("render: ")
    assert "nested too deeply" in failures["deep5000@example.com"]

    by_rcpt = {m.recipients[0]: m.data for m in sink.handler.messages}
    big = email.message_from_bytes(by_rcpt["big1mb@example.com"], policy=email.policy.default)
    html = big.get_body(("html",))
    assert html is not None and one_mb in html.get_content()
    deep = email.message_from_bytes(by_rcpt["deep200@example.com"], policy=email.policy.default)
    html = deep.get_body(("html",))
    assert html is not None and html.get_content().count("{&#39;a&#39;: ") == 199


def test_no_eligible_subscriber_finishes_at_once_with_its_notice(conn, dsn, sink, workdir):
    empty = h.create_list(conn, "empty")
    gone = h.create_list(conn, "gone")
    h.add_subscribers(
        conn,
        [h.Sub(f"u{i}@example.com", status="blocklisted") for i in range(20)],
        [(gone, "confirmed")],
    )
    h.add_subscribers(
        conn, [h.Sub(f"v{i}@example.com") for i in range(20)], [(gone, "unsubscribed")]
    )
    nobody = h.create_campaign(conn, [empty], name="Empty list")
    nobody_eligible = h.create_campaign(conn, [gone], name="Nobody eligible")
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_ADMIN_EMAILS=ADMIN)
    start = time.monotonic()
    h.blaster("run", "--exit-when-idle", env=env)
    took = time.monotonic() - start
    states = {cid: h.campaign(conn, cid) for cid in (nobody, nobody_eligible)}
    notes = {int(n["X-Blaster-Campaign"]): n for n in notifications(sink)}
    print(
        f"no eligible subscriber: `blaster run` done in {took:.1f}s (process start included): "
        + ", ".join(
            f"campaign {cid} {s['status']} to_send={s['to_send']} sent={s['sent']}"
            for cid, s in states.items()
        )
    )
    assert campaign_mail(sink) == []
    for cid, state in states.items():
        assert (state["status"], state["to_send"], state["sent"], state["failed"]) == (
            "finished",
            0,
            0,
            0,
        )
        note = notes[cid]
        assert note["X-Blaster-Event"] == "finished"
        assert "finished: 0 sent, 0 failed of 0" in note["Subject"]
        assert facts(note)["Status"] == "finished"
    assert took < 15
