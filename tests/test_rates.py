"""Rate limits: a throttled recipient domain waits while the other domains go on, and the
global rate is shared by all workers (accuracy is measured in bench/, not asserted here)."""

from __future__ import annotations

import time

from blaster.config import load
from blaster.ratelimit import RateLimits
from blaster.sink import Sink, SinkHandler
from tests import helpers as h


def test_throttled_domain_waits_while_others_go_on(conn, dsn, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 400, lst)
    h.add_subscribers(conn, [h.Sub(f"u{i}@slow.test") for i in range(40)], [(lst, "confirmed")])
    arrivals: dict[str, float] = {}

    def reply(rcpt: str, attempt: int) -> str:
        arrivals[rcpt] = time.monotonic()
        return "250 OK"

    with Sink(SinkHandler(keep=True, reply=reply)) as sink:
        cid = h.create_campaign(conn, [lst])
        env = h.engine_env(dsn, sink.url, workdir, BLASTER_DOMAIN_RATES="slow.test=10")
        h.blaster("run", "--exit-when-idle", env=env)
    slow = sorted(t for r, t in arrivals.items() if r.endswith("@slow.test"))
    fast = sorted(t for r, t in arrivals.items() if r.endswith("@example.com"))
    assert len(slow) == 40 and len(fast) == 400
    # 40 messages at 10/s with a burst of 1 take at least 3.9 s (as the sink sees them: on a
    # loaded machine the first arrives late and the span shrinks; unthrottled they take 0.1 s)
    assert slow[-1] - slow[0] >= 3.0
    # ... while the other domain is not held back behind them
    assert fast[-1] < slow[-1] - 2.0
    assert h.campaign(conn, cid)["sent"] == 440


def test_limits_parse_and_apply():
    s = load(
        None,
        env={
            "BLASTER_DOMAIN_RATES": "Gmail.com=50, bücher.de=5",
            "BLASTER_SMTP": "smtp://a.test:25?max_rate=100",
        },
    )
    assert s.rates.domains == (("gmail.com", 50.0), ("xn--bcher-kva.de", 5.0))
    limits = RateLimits(0, s.rates.domains, tuple((x.label, x.max_rate) for x in s.smtp))
    assert limits.global_wait(0.0) == 0.0
    assert limits.domain_wait("someone@other.test", 0.0) == 0.0
    waits = [limits.domain_wait("a@gmail.com", 0.0) for _ in range(10)]
    assert waits[0] == 0.0 and waits[-1] > 0.0  # the burst is spent, then they queue
    # a recipient's Unicode domain meets the limit set for it (kept in its IDNA form)
    unicode_waits = [limits.domain_wait("b@Bücher.de", 0.0) for _ in range(10)]
    assert unicode_waits[0] == 0.0 and unicode_waits[-1] > 0.0
    assert limits.server_wait("a.test:25", 0.0) == 0.0


def test_sliding_window_holds_across_a_restart(conn, dsn, sink, workdir):
    import signal

    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 300, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_WINDOW_LIMIT=100, BLASTER_WINDOW_PERIOD=3600)

    def run_log(attempt: int) -> str:
        return (workdir / f"run{attempt}.log").read_text()

    for attempt in range(2):
        proc = h.start_blaster("run", env=env, log=workdir / f"run{attempt}.log")
        if attempt == 0:
            h.wait_for(lambda: sink.handler.count >= 100, 30, "the window to fill")
        else:  # restarted: it has read the window back and taken the campaign up again
            h.wait_for(lambda: "picked up" in run_log(1), 60, "the restart's pickup")
        time.sleep(2.0)
        assert sink.handler.count == 100, "the window let more through"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    state = h.campaign(conn, cid)
    assert state["status"] == "running" and state["sent"] == 100


def test_a_nodes_share_splits_every_limit_and_reaches_the_workers_buckets():
    limits = RateLimits(300.0, (("example.com", 30.0),), (("relay:25", 60.0),), (900, 60.0))
    assert limits.set_share(3) == 100.0
    assert limits.global_bucket is not None and limits.global_bucket.rate == 100.0
    assert limits.domains["example.com"].rate == 10.0
    assert limits.servers["relay:25"].rate == 20.0
    assert limits.window is not None and limits.window.limit == 300
    assert limits.set_share(1) == 300.0 and limits.window.limit == 900  # back to the fleet's
    assert RateLimits().set_share(3) == 0.0  # unlimited stays unlimited
