"""Logs of ``blaster run``: ``--log-format json`` writes one JSON object per line from every
process; each campaign gets an INFO line when picked up and one with its counts when it
finishes; per-message lines stay at DEBUG."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg

from blaster.sink import Sink
from tests import helpers as h

KEYS = {"time", "level", "process", "logger", "message"}


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line of ``text`` as a JSON object (an assertion error names the first that is not)."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise AssertionError(f"line {number} is not JSON: {line!r}\n{text}") from None
        assert isinstance(record, dict), line
        assert set(record) >= KEYS, line
        records.append(record)
    return records


def test_json_log_format_idle_engine(dsn: str, sink: Sink, workdir: Path) -> None:
    env = h.engine_env(dsn, sink.url, workdir)
    proc = h.blaster("--log-format", "json", "run", "--exit-when-idle", env=env)
    assert proc.stdout == ""
    records = json_lines(proc.stderr)
    messages = [r["message"] for r in records]
    assert "coordinator: no campaign running or due; exiting" in messages
    # the workers log through the same formatter ("worker N draining" from each)
    processes = {r["process"].partition("[")[0] for r in records}
    assert {"MainProcess", "worker-0", "worker-1"} <= processes, processes
    assert all(r["level"] in {"INFO", "WARNING", "ERROR"} for r in records)


def test_campaign_start_and_end_lines_with_counts(
    conn: psycopg.Connection[Any], dsn: str, sink: Sink, workdir: Path
) -> None:
    n = 300
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, n, lst)
    h.add_subscribers(conn, [h.Sub("broken@nodot")], [(lst, "confirmed")])
    cid = h.create_campaign(conn, [lst], name="Logged")
    env = h.engine_env(dsn, sink.url, workdir)
    proc = h.blaster("--log-format", "json", "run", "--exit-when-idle", env=env)
    records = json_lines(proc.stderr)
    info = [r["message"] for r in records if r["level"] == "INFO"]
    picked = [m for m in info if m.startswith(f"coordinator: campaign {cid} 'Logged' picked up")]
    assert len(picked) == 1, info
    assert f"to_send={n + 1}" in picked[0]
    finished = f"coordinator: campaign {cid} 'Logged' finished: sent={n} failed=1 to_send={n + 1}"
    assert finished in info
    # no line per message at INFO: a handful of lifecycle lines for 301 subscribers
    assert len(records) < 40, "\n".join(info)
