"""Shared pieces of the benchmarks: Postfix's ``smtp-sink`` and ``smtp-source``, an embedded
PostgreSQL with real fsync, a seeded campaign with per-subscriber fields, and peak-RSS sampling.

Everything listens on 127.0.0.1 or a private Unix socket. Paths are computed from this file,
so the scripts run from any directory: ``.venv/bin/python bench/e2e.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from blaster.config import Settings
from blaster.content import CampaignContent
from blaster.models import Subscriber
from blaster.pgembed import EmbeddedPostgres
from blaster.store import campaigns as campaign_store
from blaster.store import schema
from blaster.store.subscribers import fetch_page_sync

ROOT = Path(__file__).resolve().parent.parent  #: the repository (for ``python -m blaster``)

HOST = "127.0.0.1"
FROM_EMAIL = "Blaster Bench <news@example.com>"
SUBJECT = "Issue 42 for {{ Subscriber.Name }}"
#: where Debian's postfix package puts its test programs (often not on a user's PATH)
POSTFIX_DIRS = ("/usr/sbin", "/usr/lib/postfix/sbin")
BENCH_DB = "bench"


def log(message: str) -> None:
    """Progress on stderr, so stdout keeps only the results."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Postfix test programs ----------------------------------------------------------------


def postfix_tool(name: str) -> str:
    """The path of ``smtp-sink`` or ``smtp-source``, installing Debian's postfix if missing."""
    found = _which(name)
    if found:
        return found
    log(f"{name} not found: installing Debian's postfix package (apt-get, as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "postfix"]):
        log("running: " + " ".join(cmd))
        subprocess.run(cmd, check=True, env=env)
    found = _which(name)
    if not found:
        raise RuntimeError(f"{name} still missing after installing postfix")
    return found


def _which(name: str) -> str | None:
    path = os.pathsep.join([os.environ.get("PATH", ""), *POSTFIX_DIRS])
    return shutil.which(name, path=path)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Block until something accepts connections on ``127.0.0.1:port``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SmtpSink:
    """Postfix's ``smtp-sink`` on 127.0.0.1: accepts and discards, counts messages.

    ``-c`` makes it print ``sess=.. quit=.. mesg=N`` after every message; :meth:`count` reads
    the last counter from its output file. ``-m`` raises the concurrent-session cap and the
    listen backlog is 1000, so dozens of senders connect at once without queueing.
    """

    _COUNTER = re.compile(rb"mesg=(\d+)")

    def __init__(self, workdir: Path, max_sessions: int = 1000) -> None:
        self.port = free_port()
        self.out_path = workdir / "smtp-sink.out"
        self.cmd = [postfix_tool("smtp-sink"), "-c", "-m", str(max_sessions)]
        if os.geteuid() == 0:  # it refuses to keep root privileges: drop to nobody
            self.cmd += ["-u", "nobody"]
        self.cmd += [f"{HOST}:{self.port}", "1000"]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Host and port as smtp-source takes them."""
        return f"{HOST}:{self.port}"

    def start(self) -> SmtpSink:
        log("starting: " + " ".join(self.cmd))
        with self.out_path.open("wb") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT)
        wait_for_port(self.port)
        return self

    def count(self) -> int:
        """Messages received since the sink started (its last printed counter)."""
        with self.out_path.open("rb") as fh:
            fh.seek(max(0, self.out_path.stat().st_size - 512))
            found = self._COUNTER.findall(fh.read())
        return int(found[-1]) if found else 0

    def wait_for(self, total: int, timeout: float = 10.0) -> int:
        """Wait until the counter reaches ``total`` (or the timeout); return the counter."""
        deadline = time.monotonic() + timeout
        value = self.count()
        while value < total and time.monotonic() < deadline:
            time.sleep(0.05)
            value = self.count()
        return value

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class SinkWatch:
    """Samples the sink counter in a thread: when the first and the last message arrived."""

    def __init__(self, sink: SmtpSink, expected: int, interval: float = 0.02) -> None:
        self.sink = sink
        self.base = sink.count()
        self.expected = expected
        self.interval = interval
        self.first_at = 0.0
        self.last_at = 0.0
        self.samples: list[tuple[float, int]] = []  #: (monotonic time, messages so far)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> SinkWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        seen = 0
        while not self._stop.wait(self.interval):
            got = self.sink.count() - self.base
            now = time.monotonic()
            self.samples.append((now, got))
            if got > 0 and not self.first_at:
                self.first_at = now
            if got > seen:
                seen, self.last_at = got, now

    def timeline(self, step: float = 1.0) -> list[int]:
        """Messages per second in each ``step`` from the first message to the last."""
        rates: list[int] = []
        edge, before = self.first_at + step, 0
        for now, got in self.samples:
            if now >= edge:
                rates.append(round((got - before) / step))
                edge, before = edge + step, got
            if now > self.last_at:
                break
        return rates

    @property
    def window(self) -> float:
        """Seconds from the first to the last message seen at the sink."""
        return max(self.last_at - self.first_at, 1e-9)


# --- PostgreSQL -----------------------------------------------------------------------------


def start_postgres(workdir: Path) -> tuple[EmbeddedPostgres, str]:
    """An embedded PostgreSQL with fsync on (checkpoints cost what they cost in production),
    holding a migrated database ``bench``; returns the server and that database's DSN."""
    pg = EmbeddedPostgres(workdir / "pg", fast=False)
    log(f"starting PostgreSQL ({pg.bin_dir}) in {pg.data_dir}, fsync on")
    pg.start()
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    dsn = pg.dsn.replace("/postgres?", f"/{BENCH_DB}?")
    with psycopg.connect(dsn, autocommit=True) as conn:
        schema.migrate(conn)
    return pg, dsn


def seed_subscribers(conn: psycopg.Connection[Any], n: int) -> int:
    """``n`` enabled subscribers confirmed on a new list, generated inside PostgreSQL."""
    row = conn.execute(
        "INSERT INTO lists (uuid, name, type, optin) VALUES (%s, 'bench', 'private', 'single')"
        " RETURNING id",
        (str(uuid.uuid4()),),
    ).fetchone()
    assert row is not None
    list_id = int(row[0])
    conn.execute(
        "INSERT INTO subscribers (uuid, email, name, attribs) SELECT gen_random_uuid(),"
        " 'user' || g || '@example.com', 'Person ' || g, jsonb_build_object('n', g)"
        " FROM generate_series(1, %s) g",
        (n,),
    )
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers",
        (list_id,),
    )
    conn.execute("VACUUM ANALYZE subscribers")
    conn.execute("VACUUM ANALYZE subscriber_lists")
    return list_id


_PARAGRAPH = (
    "Our spring catalogue is out, with {k} new titles chosen by the editors. Every week we "
    "pick the stories readers shared the most, the long reads worth an evening, and the "
    "short notes that made us laugh. Reply to this message to tell us what you liked."
)


#: templates wrap their lines like most HTML editors do (long lines force quoted-printable)
_WIDTH = 76


def html_body(size: int = 5000) -> str:
    """A newsletter HTML template of about ``size`` characters with per-subscriber fields."""
    head = (
        '<!doctype html>\n<html><body style="font-family:sans-serif">\n'
        "<h1>Hello {{ Subscriber.Name }}</h1>\n"
        "<p>You are reader number <b>{{ Subscriber.Attribs.n }}</b> of this letter.</p>\n"
    )
    foot = (
        '<p style="font-size:small">You receive this because you subscribed.\n'
        '<a href="{{ UnsubscribeURL() }}">Unsubscribe</a>.</p>\n</body></html>\n'
    )
    parts = [head]
    k = 1
    while sum(map(len, parts)) + len(foot) < size:
        story = f'<p class="story-{k}">' + _PARAGRAPH.format(k=k) + "</p>"
        parts.append(textwrap.fill(story, _WIDTH) + "\n")
        k += 1
    return "".join(parts) + foot


def text_body(size: int = 1000) -> str:
    """The plain-text alternative: about ``size`` characters with the same fields."""
    lines = ["Hello {{ Subscriber.Name }},", "", "You are reader {{ Subscriber.Attribs.n }}.", ""]
    k = 1
    while sum(len(line) + 1 for line in lines) < size - 60:
        lines += [*textwrap.wrap(_PARAGRAPH.format(k=k), _WIDTH), ""]
        k += 1
    lines.append("Unsubscribe: {{ UnsubscribeURL() }}")
    return "\n".join(lines) + "\n"


def create_campaign(conn: psycopg.Connection[Any], list_id: int, status: str = "running") -> int:
    """An HTML campaign with a plain-text altbody on one list, inserted with plain SQL as
    ``draft`` and then given ``status`` (so no engine sees it before it has its list)."""
    row = conn.execute(
        "INSERT INTO campaigns (uuid, name, subject, from_email, body, altbody, content_type,"
        " status, type, messenger) VALUES (%s, 'bench', %s, %s, %s, %s, 'html', 'draft',"
        " 'regular', 'email') RETURNING id",
        (str(uuid.uuid4()), SUBJECT, FROM_EMAIL, html_body(), text_body()),
    ).fetchone()
    assert row is not None
    cid = int(row[0])
    conn.execute(
        "INSERT INTO campaign_lists (campaign_id, list_id, list_name) VALUES (%s, %s, 'bench')",
        (cid, list_id),
    )
    if status != "draft":
        conn.execute("UPDATE campaigns SET status = %s WHERE id = %s", (status, cid))
    return cid


@dataclass(frozen=True)
class Sample:
    """One subscriber's message as blaster builds it, and its rendered parts."""

    data: bytes
    html: str
    text: str


def sample_message(conn: psycopg.Connection[Any], campaign_id: int) -> Sample:
    """Build the first subscriber's message with the engine's own code (render + MIME)."""
    loaded = campaign_store.load(conn, campaign_id)
    assert loaded is not None
    spec = loaded.spec
    subs: list[Subscriber] = fetch_page_sync(conn, spec, 0, 2**31 - 1, 1)
    content = CampaignContent(spec, Settings())
    rendered = content.renderer.render(subs[0])
    assert rendered.html is not None and rendered.text is not None
    return Sample(content.build(subs[0]), rendered.html, rendered.text)


def campaign_row(conn: psycopg.Connection[Any], campaign_id: int) -> dict[str, Any]:
    """``status``, ``to_send``, ``sent`` and ``failed`` of a campaign."""
    row = conn.execute(
        "SELECT c.status::text, c.to_send, c.sent, COALESCE(b.failed, 0) FROM campaigns c"
        " LEFT JOIN blaster_campaigns b ON b.campaign_id = c.id WHERE c.id = %s",
        (campaign_id,),
    ).fetchone()
    assert row is not None
    return dict(zip(("status", "to_send", "sent", "failed"), row, strict=True))


# --- peak RSS -------------------------------------------------------------------------------


def _status_kb(pid: int, key: str) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a live process has used so far (0 when it is gone)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    return 0.0


def postgres_cpu(data_dir: Path) -> float:
    """CPU seconds a PostgreSQL server has used so far: the postmaster's own, its exited
    backends' (reaped children count in its ``cutime``/``cstime``) and its live children's."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        own = sum(int(f) for f in fields[11:15]) / _TICKS
        return own + sum(cpu_seconds(child) for child in _children(pid))
    return 0.0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError):
                out += [int(p) for p in (task / "children").read_text().split()]
    return out


def _role(pid: int) -> str:
    with contextlib.suppress(OSError):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"resource_tracker" in cmdline:
            return "resource tracker"
        if b"multiprocessing" in cmdline:
            return "worker"
    return "other"


@dataclass
class RssSampler:
    """Samples ``VmHWM`` (peak RSS) and CPU time of a process and its descendants."""

    root: int
    interval: float = 0.2
    peaks_kb: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> RssSampler:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        pending = [self.root]
        while pending:
            pid = pending.pop()
            hwm = _status_kb(pid, "VmHWM")
            if hwm:
                self.peaks_kb[pid] = max(hwm, self.peaks_kb.get(pid, 0))
                self.cpu[pid] = max(cpu_seconds(pid), self.cpu.get(pid, 0.0))
                if pid not in self.roles:
                    self.roles[pid] = "coordinator" if pid == self.root else _role(pid)
            pending += _children(pid)

    def peak_mb(self, role: str) -> list[float]:
        """Peak RSS in MB of each sampled process with that role."""
        return [kb / 1024 for pid, kb in sorted(self.peaks_kb.items()) if self.roles[pid] == role]

    def cpu_s(self, role: str) -> list[float]:
        """CPU seconds (last sample) of each sampled process with that role."""
        return [cpu for pid, cpu in sorted(self.cpu.items()) if self.roles[pid] == role]


# --- Postfix smtp-source: the ceiling ------------------------------------------------------


def write_message_file(sample: Sample, path: Path) -> Path:
    """The sample message with LF line ends, as ``smtp-source -F`` wants (it adds CRLF)."""
    path.write_bytes(sample.data.replace(b"\r\n", b"\n"))
    return path


def run_smtp_source(sink: SmtpSink, messages: int, sessions: int, message_file: Path) -> float:
    """Send ``messages`` copies of ``message_file`` over ``sessions`` parallel sessions that
    are reused (``-d``); return the wall time in seconds."""
    cmd = [
        postfix_tool("smtp-source"),
        "-d",
        "-s",
        str(sessions),
        "-m",
        str(messages),
        "-M",
        "localhost",
        "-f",
        "news@example.com",
        "-t",
        "user@example.com",
        "-F",
        str(message_file),
        sink.url,
    ]
    log("running: " + " ".join(cmd))
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# --- the engine ---------------------------------------------------------------------------


def engine_env(
    dsn: str, sink: SmtpSink, workdir: Path, connections: int = 16, **settings: str
) -> dict[str, str]:
    """The environment of ``python -m blaster``: this process's without ``BLASTER_*``, the
    database, the sink, metrics off, a private metrics directory, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLASTER_")}
    env.update(
        {
            "BLASTER_DSN": dsn,
            "BLASTER_SMTP": f"smtp://{sink.url}?connections={connections}",
            "BLASTER_METRICS_ADDR": f"{HOST}:0",
            "BLASTER_DATA_DIR": str(workdir / "data"),
            "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix="metrics-", dir=workdir),
        }
    )
    env.update(settings)
    return env


def start_engine(
    env: dict[str, str], log_path: Path, *args: str, root: Path = ROOT
) -> subprocess.Popen[bytes]:
    """``python -m blaster ARGS`` (default ``run``) with its output in ``log_path``, from the
    checkout ``root`` (``python -m`` puts the working directory first on the path)."""
    with log_path.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "blaster", *(args or ("run",))],
            env=env,
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def timed_sends(sessions: list[Any], messages: int, data: bytes) -> tuple[float, float]:
    """Send ``data`` ``messages`` times over connected ``sessions`` (each takes the next
    message when free), close them, and return (wall seconds, this process's CPU seconds)."""
    todo: Iterator[int] = iter(range(messages))

    async def loop(session: Any) -> None:
        for i in todo:
            await session.send("news@example.com", f"user{i}@example.com", data)

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(loop(s) for s in sessions))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    await asyncio.gather(*(s.close() for s in sessions))
    return elapsed, cpu


def synthetic_subscribers(n: int) -> list[Subscriber]:
    """``n`` subscriber rows built in memory (no database), for per-message cost benches."""
    now = dt.datetime.now(dt.UTC)
    return [
        Subscriber(
            i, str(uuid.uuid4()), f"user{i}@example.com", f"Person {i}", {"n": i}, "enabled", now
        )
        for i in range(1, n + 1)
    ]
