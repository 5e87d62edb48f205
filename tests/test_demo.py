"""`blaster demo` end to end: its own embedded PostgreSQL in a temporary data directory, its
own sink, the real engine; it prints a summary, stops what it started, and runs again. The
summary of a campaign deleted meanwhile, on its own."""

from __future__ import annotations

import re

from blaster import demo
from tests import helpers as h


def test_demo_sends_to_every_subscriber_and_can_run_again(workdir):
    port = h.free_port()  # the demo's HTTP port (0 would disable it)
    env = h.engine_env("", "", workdir, BLASTER_METRICS_ADDR=f"127.0.0.1:{port}")
    for key in ("BLASTER_DSN", "BLASTER_SMTP"):
        env.pop(key)

    first = h.blaster("demo", "--subscribers", "2000", env=env, timeout=180)
    assert re.search(r"^  sent      2000 of 2000$", first.stdout, re.M), first.stdout
    assert re.search(r"^  sink      2000 messages received$", first.stdout, re.M)
    assert re.search(r"^  campaign  1 \(finished\)$", first.stdout, re.M)
    assert f"http://127.0.0.1:{port}/metrics" in first.stdout
    assert not (workdir / "data" / "pg" / "postmaster.pid").exists()  # PostgreSQL stopped

    second = h.blaster("demo", "--subscribers", "300", "--workers", "1", env=env, timeout=180)
    assert re.search(r"^  sent      300 of 300$", second.stdout, re.M), second.stdout


def test_the_summary_of_a_campaign_that_is_gone():
    result = demo.DemoResult(demo.deleted(7), seconds=2.0, received=3, metrics_url="off")
    assert result.summary() == [
        "blaster demo summary",
        "  campaign  7 (deleted)",
        "  sent      0 of 0",
        "  failed    0",
        "  duration  2.0s",
        "  rate      0 msgs/s",
        "  sink      3 messages received",
        "  metrics   off",
    ]
