"""A real Prometheus scrapes ``blaster run`` during a real campaign: every panel expression of
grafana/blaster.json returns data through Prometheus' HTTP API, the scraped sent counter ends
equal to ``campaigns.sent``, and ``promtool check metrics`` finds nothing to report in
blaster's /metrics output.

Prometheus and promtool come from Debian's ``prometheus`` package (``.ci/run`` installs it).
Without them the tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from blaster.sink import Sink, SinkHandler
from tests import helpers as h
from tests.helpers import DASHBOARD, free_port, query_panels, wait_for

N = 4000  #: subscribers; at RATE the campaign lasts about eight seconds
RATE = 500
BROKEN = 25  #: subscribers with an address the worker refuses (permanent failures)
SCRAPE = "1s"
#: what stands for the dashboard's variables when Prometheus evaluates its expressions
VARIABLES = {"campaign": ".*", "__rate_interval": "15s", "__interval": "15s", "__range": "1m"}
#: the series behind the dashboard's rate() panels; each needs two samples in the window
COUNTERS = (
    "blaster_messages_sent_total",
    "blaster_messages_failed_total",
    "blaster_messages_retried_total",
    "blaster_rate_wait_seconds_total",
    "blaster_smtp_send_seconds_bucket",
)
_VARIABLE = re.compile(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)")


def require(tool: str) -> str:
    """The tool's path; skip when it is missing, but fail under CI (``.ci/run`` installs it)."""
    path = shutil.which(tool)
    if path:
        return path
    reason = f"{tool} not found: install Debian's prometheus package (apt-get install prometheus)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def fetch(url: str, timeout: float = 5) -> str | None:
    """The body of a GET, or None when nothing answers (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            body: bytes = resp.read()
            return body.decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def latency_count(text: str | None) -> float:
    """``blaster_smtp_send_seconds_count`` summed over relays, in a /metrics body."""
    total = 0.0
    for line in (text or "").splitlines():
        if line.startswith("blaster_smtp_send_seconds_count"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def substitute(expr: str) -> str:
    """The expression with Grafana's ``$var`` / ``${var}`` replaced by :data:`VARIABLES`."""

    def value(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        assert name in VARIABLES, f"no test value for dashboard variable ${name}"
        return VARIABLES[name]

    return _VARIABLE.sub(value, expr)


def panel_queries() -> list[tuple[str, str]]:
    """(where, PromQL) for every query of every panel of the dashboard."""
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [
        (f"panel {p['title']!r} {t['refId']}", substitute(t["expr"]))
        for p in query_panels(dashboard)
        for t in p["targets"]
    ]


@dataclass
class Prometheus:
    """A Prometheus server on 127.0.0.1 and a client for its HTTP API."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def api(self, path: str, **params: str) -> Any:
        url = f"{self.url}/api/v1/{path}?{urllib.parse.urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                doc = json.load(resp)
        except urllib.error.HTTPError as exc:  # a bad query: Prometheus says why
            raise AssertionError(f"{params}: {exc.read().decode()}") from None
        assert doc["status"] == "success", doc
        return doc["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        """An instant query at the present moment; the result's series (or scalar)."""
        data = self.api("query", query=expr)
        result = data["result"]
        if data["resultType"] in ("scalar", "string"):
            return [{"value": result}]
        assert isinstance(result, list)
        return result

    def scraping(self) -> bool:
        """Whether the scrape target has been tried at least once."""
        targets = self.api("targets", state="active")["activeTargets"]
        return any(t["health"] != "unknown" for t in targets)

    def scrapes(self, name: str) -> int:
        """How many samples the emptiest series called ``name`` has in the last minute."""
        return int(self.value(f"min(count_over_time({name}[1m]))") or 0)

    def value(self, expr: str) -> float | None:
        """The single value of an expression, or None when it returns nothing."""
        result = self.query(expr)
        return float(result[0]["value"][1]) if result else None


@pytest.fixture
def blaster_port() -> int:
    return free_port()


@pytest.fixture
def prometheus(tmp_path: Path, blaster_port: int) -> Iterator[Prometheus]:
    """A Prometheus scraping 127.0.0.1:``blaster_port`` every second."""
    binary = require("prometheus")
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global:\n"
        f"  scrape_interval: {SCRAPE}\n"
        f"  scrape_timeout: {SCRAPE}\n"
        f"  evaluation_interval: {SCRAPE}\n"
        "scrape_configs:\n"
        "  - job_name: blaster\n"
        "    static_configs:\n"
        f"      - targets: ['127.0.0.1:{blaster_port}']\n"
    )
    port = free_port()
    while port == blaster_port:
        port = free_port()
    log = tmp_path / "prometheus.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--web.listen-address=127.0.0.1:{port}",
                f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                "--log.level=warn",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    server = Prometheus(f"http://127.0.0.1:{port}", proc, log)
    try:
        wait_for(
            lambda: proc.poll() is not None or fetch(f"{server.url}/-/ready", 1) is not None,
            30,
            "Prometheus to be ready",
        )
        assert proc.poll() is None, f"Prometheus exited:\n{log.read_text()}"
        # Prometheus applies new targets on a 5 s tick: wait for its first (failing) scrape,
        # so that blaster is scraped from its first second on
        wait_for(server.scraping, 30, "Prometheus' first scrape", 0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def flaky_sink() -> Iterator[Sink]:
    """A sink that answers 451 to the first attempt for one recipient in a hundred (retries)."""

    def reply(rcpt: str, attempt: int) -> str:
        local = rcpt.partition("@")[0]  # user1 ... userN
        return "451 try later" if attempt == 1 and local.endswith("50") else "250 OK"

    with Sink(SinkHandler(reply=reply)) as s:
        yield s


def seed(conn: psycopg.Connection[Any]) -> int:
    """N good subscribers and BROKEN unsendable ones on one list; a running campaign."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, N, lst)
    broken = [h.Sub(f"broken{i}@nodot") for i in range(BROKEN)]
    h.add_subscribers(conn, broken, [(lst, "confirmed")])
    return h.create_campaign(conn, [lst], name="Observed")


def running(proc: subprocess.Popen[bytes]) -> bool:
    """True while blaster runs; an assertion error (not a long wait) when it exited."""
    assert proc.poll() is None, f"blaster exited early with code {proc.returncode}"
    return True


def stop(proc: subprocess.Popen[bytes], log: Path) -> None:
    """SIGTERM blaster and wait; its log goes to the test's output (shown on failure)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(f"--- blaster log (exit code {proc.returncode}) ---\n{log.read_text()}")


def test_dashboard_panels_have_data_in_a_real_prometheus(
    conn: psycopg.Connection[Any],
    dsn: str,
    flaky_sink: Sink,
    workdir: Path,
    prometheus: Prometheus,
    blaster_port: int,
) -> None:
    cid = seed(conn)
    env = h.engine_env(
        dsn,
        flaky_sink.url,
        workdir,
        BLASTER_RATE=RATE,
        BLASTER_SHARD_SIZE=1000,
        BLASTER_METRICS_ADDR=f"127.0.0.1:{blaster_port}",
    )
    log = workdir / "blaster.log"
    proc = h.start_blaster("run", env=env, log=log)
    try:
        # mid-campaign (it lasts about N / RATE seconds), once every counter has three samples
        # (so every rate() has two) and mail is going out
        wait_for(
            lambda: (
                running(proc)
                and all(prometheus.scrapes(name) >= 3 for name in COUNTERS)
                and (prometheus.value("sum(blaster_messages_sent_total)") or 0) > 100
            ),
            60,
            "three scrapes of a sending blaster",
            0.5,
        )
        assert prometheus.value('up{job="blaster"}') == 1
        empty = [
            f"{where}: {expr}" for where, expr in panel_queries() if not prometheus.query(expr)
        ]
        assert not empty, "panels without data:\n" + "\n".join(empty)
        # the $campaign variable: label_values(blaster_campaign_to_send, campaign)
        values = prometheus.api("label/campaign/values", **{"match[]": "blaster_campaign_to_send"})
        assert str(cid) in values

        wait_for(
            lambda: running(proc) and h.campaign(conn, cid)["status"] == "finished",
            60,
            "the campaign to finish",
        )
        state = h.campaign(conn, cid)
        assert state["sent"] == N and state["failed"] == BROKEN
        # the last increments reach Prometheus with the next scrape or two
        final = {
            "sum(blaster_messages_sent_total)": state["sent"],
            f'sum(blaster_messages_failed_total{{campaign="{cid}",kind="permanent"}})': BROKEN,
            f'blaster_campaign_sent{{campaign="{cid}"}}': state["sent"],
            f'blaster_campaign_info{{campaign="{cid}",status="finished"}}': 1,
        }
        with contextlib.suppress(AssertionError):  # the comparison below says which
            wait_for(lambda: all(prometheus.value(q) == v for q, v in final.items()), 10, "", 0.5)
        assert {q: prometheus.value(q) for q in final} == final
        assert (prometheus.value("sum(blaster_messages_retried_total)") or 0) > 0
    finally:
        stop(proc, log)
    assert proc.returncode == 0


def test_promtool_check_metrics_reports_nothing(
    conn: psycopg.Connection[Any], dsn: str, sink: Sink, workdir: Path, blaster_port: int
) -> None:
    promtool = require("promtool")
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 1000, lst)
    h.add_subscribers(conn, [h.Sub("broken@nodot")], [(lst, "confirmed")])
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(
        dsn,
        sink.url,
        workdir,
        BLASTER_RATE=RATE,
        BLASTER_METRICS_ADDR=f"127.0.0.1:{blaster_port}",
    )
    log = workdir / "blaster.log"
    proc = h.start_blaster("run", env=env, log=log)
    url = f"http://127.0.0.1:{blaster_port}/metrics"
    try:
        # during the run (every kind of series present, the histogram observed), then once
        # the campaign has finished (its info series changed status)
        wait_for(lambda: running(proc) and sink.handler.count > 200, 60, "mail to go out")
        during = fetch(url)
        wait_for(
            lambda: running(proc) and h.campaign(conn, cid)["status"] == "finished",
            60,
            "the campaign to finish",
        )
        wait_for(lambda: 'status="finished"' in (fetch(url) or ""), 10, "the finished status")
        # every delivery's latency reaches the shared histogram (workers add theirs in batches)
        wait_for(lambda: latency_count(fetch(url)) == 1000, 10, "1,000 latencies", 0.2)
        after = fetch(url)
        for text in (during, after):
            assert text is not None, "no answer from /metrics"
            assert f'blaster_messages_sent_total{{campaign="{cid}"}}' in text
            assert "blaster_smtp_send_seconds_bucket" in text
            checked = subprocess.run(
                [promtool, "check", "metrics"],
                input=text,
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert (checked.returncode, checked.stdout + checked.stderr) == (0, ""), text
    finally:
        stop(proc, log)
    assert proc.returncode == 0
