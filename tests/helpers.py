"""The test kit: seed a database with plain SQL (as listmonk would), run blaster, wait for
things, find ports and processes, and read back what the sinks received. Test modules share
code only through this module, ``conftest.py`` and the non-test modules beside them, never by
importing each other (``test_kit.py`` checks)."""

from __future__ import annotations

import ast
import datetime as dt
import email
import email.message
import email.policy
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from blaster import config
from blaster.config import Settings
from blaster.models import CampaignSpec
from blaster.render import CampaignRenderer
from blaster.sink import Sink

ROOT = Path(__file__).resolve().parent.parent


# --- waiting, ports and processes ------------------------------------------------------------


def wait_for(cond: Callable[[], object], timeout: float, what: str, interval: float = 0.05) -> None:
    """Poll ``cond`` every ``interval`` s until it is true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now.

    For servers that cannot bind port 0 and report the port they got: the engine's HTTP
    port (0 disables it), aiosmtpd's ``Controller`` (it connects to its own port to start),
    Prometheus; and as a port nothing answers on (a relay that is down). Servers that can
    bind port 0 (``Sink``, ``asyncio.start_server``) should, and read the real port back.
    """
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """The PIDs whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (exists and is not a zombie)."""
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def connect(dsn: str) -> psycopg.Connection[Any]:
    return psycopg.connect(dsn, autocommit=True)


def create_list(conn: psycopg.Connection[Any], name: str, optin: str = "single") -> int:
    row = conn.execute(
        "INSERT INTO lists (uuid, name, type, optin) VALUES (%s, %s, 'private', %s) RETURNING id",
        (str(uuid.uuid4()), name, optin),
    ).fetchone()
    assert row is not None
    return int(row[0])


@dataclass
class Sub:
    email: str
    name: str = "Test User"
    status: str = "enabled"
    attribs: dict[str, Any] | None = None


def add_subscribers(
    conn: psycopg.Connection[Any], subs: Iterable[Sub], lists: Sequence[tuple[int, str]] = ()
) -> list[int]:
    """Insert subscribers (COPY) and subscribe each to ``lists`` [(list_id, status)]."""
    subs = list(subs)
    with conn.cursor() as cur:
        with cur.copy("COPY subscribers (uuid, email, name, attribs, status) FROM STDIN") as cp:
            for s in subs:
                cp.write_row(
                    (str(uuid.uuid4()), s.email, s.name, json.dumps(s.attribs or {}), s.status)
                )
        emails = [s.email for s in subs]
        ids = [
            r[0]
            for r in cur.execute(
                "SELECT id FROM subscribers WHERE email = ANY(%s) ORDER BY id", (emails,)
            ).fetchall()
        ]
        if lists:
            copy_sql = "COPY subscriber_lists (subscriber_id, list_id, status) FROM STDIN"
            with cur.copy(copy_sql) as cp:
                for sid in ids:
                    for list_id, status in lists:
                        cp.write_row((sid, list_id, status))
    return ids


def seed_bulk(conn: psycopg.Connection[Any], n: int, list_id: int, prefix: str = "user") -> None:
    """n enabled subscribers confirmed on ``list_id``, generated inside PostgreSQL."""
    conn.execute(
        "INSERT INTO subscribers (uuid, email, name, attribs) SELECT gen_random_uuid(),"
        " %s || g || '@example.com', 'Person ' || g, jsonb_build_object('n', g)"
        " FROM generate_series(1, %s) g",
        (prefix, n),
    )
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers WHERE email LIKE %s",
        (list_id, f"{prefix}%@example.com"),
    )


def create_campaign(
    conn: psycopg.Connection[Any],
    list_ids: Sequence[int],
    *,
    name: str = "Test campaign",
    subject: str = "Hello {{ Subscriber.Name }}",
    body: str = "<p>Hi {{ Subscriber.FirstName }}</p>",
    altbody: str | None = None,
    content_type: str = "html",
    status: str = "running",
    campaign_type: str = "regular",
    from_email: str = "Blaster Test <news@example.com>",
    headers: list[dict[str, str]] | None = None,
    template_id: int | None = None,
    messenger: str = "email",
) -> int:
    row = conn.execute(
        "INSERT INTO campaigns (uuid, name, subject, from_email, body, altbody, content_type,"
        " status, type, messenger, headers, template_id)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, 'draft', %s, %s, %s, %s) RETURNING id",
        (
            str(uuid.uuid4()),
            name,
            subject,
            from_email,
            body,
            altbody,
            content_type,
            campaign_type,
            messenger,
            json.dumps(headers or []),
            template_id,
        ),
    ).fetchone()
    assert row is not None
    cid = int(row[0])
    for lid in list_ids:
        conn.execute(
            "INSERT INTO campaign_lists (campaign_id, list_id, list_name) VALUES (%s, %s, 'l')",
            (cid, lid),
        )
    if status != "draft":
        conn.execute("UPDATE campaigns SET status = %s WHERE id = %s", (status, cid))
    return cid


def campaign(conn: psycopg.Connection[Any], cid: int) -> dict[str, Any]:
    cur = conn.execute(
        "SELECT c.status::text, c.to_send, c.sent, c.max_subscriber_id, c.last_subscriber_id,"
        " COALESCE(b.failed, 0), COALESCE(b.error, '') FROM campaigns c"
        " LEFT JOIN blaster_campaigns b ON b.campaign_id = c.id WHERE c.id = %s",
        (cid,),
    )
    row = cur.fetchone()
    assert row is not None
    keys = (
        "status",
        "to_send",
        "sent",
        "max_subscriber_id",
        "last_subscriber_id",
        "failed",
        "error",
    )
    return dict(zip(keys, row, strict=True))


def engine_env(dsn: str, smtp_url: str, tmp: Path, **extra: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLASTER_")}
    env.update(
        {
            "BLASTER_DSN": dsn,
            "BLASTER_SMTP": smtp_url,
            "BLASTER_WORKERS": "2",
            "BLASTER_METRICS_ADDR": "127.0.0.1:0",
            "BLASTER_DATA_DIR": str(tmp / "data"),
            "BLASTER_POLL_INTERVAL": "0.2",
            "BLASTER_CHECKPOINT_INTERVAL": "0.2",
            "BLASTER_REPORT_INTERVAL": "0.05",
            "BLASTER_RETRY_BACKOFF": "0.1",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics"),
        }
    )
    env.pop("BLASTER_CONFIG", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def blaster(
    *args: str, env: dict[str, str], timeout: float = 120, check: bool = True, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the CLI; its stdin is a pipe holding ``stdin`` (never a terminal)."""
    proc = subprocess.run(
        [sys.executable, "-m", "blaster", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"blaster {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def start_blaster(
    *args: str, env: dict[str, str], log: Path, own_group: bool = False
) -> subprocess.Popen[bytes]:
    """Start ``blaster ARGS``; with ``own_group`` in a process group of its own (its pid),
    so that ``os.killpg`` reaches its workers too, as a lost machine would."""
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "blaster", *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=own_group,
        )


def engine_settings(env: dict[str, str]) -> Settings:
    """The settings ``blaster`` started with ``env`` (from :func:`engine_env`) runs with:
    ``blaster.config`` defaults, then the TOML file it would find, then the environment."""
    path = env.get("BLASTER_CONFIG") or ROOT / "blaster.toml"  # the engine runs in ROOT
    return config.load(path if Path(path).exists() else None, env=env)


def duplicate_bound(settings: Settings) -> int:
    """README "Delivery guarantees": how many messages a crash may send twice: those in
    flight plus those reported but not yet checkpointed."""
    assert settings.engine.rate > 0, "the bound needs a rate (unlimited: the measured send rate)"
    connections = sum(server.connections for server in settings.smtp)
    in_flight = settings.engine.workers * settings.engine.shards_per_worker * 2 * connections
    flush = settings.engine.report_interval + settings.engine.checkpoint_interval
    return in_flight + int(settings.engine.rate * flush)


def worker_duplicate_bound(settings: Settings) -> int:
    """README "Delivery guarantees": what a worker killed alone may send twice: its own
    shards' windows plus one report interval."""
    assert settings.engine.rate > 0, "the bound needs a rate (unlimited: the measured send rate)"
    connections = sum(server.connections for server in settings.smtp)
    return settings.engine.shards_per_worker * 2 * connections + int(
        settings.engine.rate * settings.engine.report_interval
    )


# --- messages the sinks received ---------------------------------------------------------------

ADMIN = "ops@admin.test"  #: the admin address the notification tests configure


def parse_message(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def notifications(sink: Sink) -> list[email.message.EmailMessage]:
    """The admin notifications ``sink`` received."""
    return [parse_message(m.data) for m in sink.handler.messages if ADMIN in m.recipients]


def campaign_mail(sink: Sink) -> list[str]:
    """The recipients of everything else ``sink`` received."""
    return [r for m in sink.handler.messages if ADMIN not in m.recipients for r in m.recipients]


def facts(msg: email.message.EmailMessage) -> dict[str, str]:
    """The ``Label: value`` lines of a notification body."""
    body = msg.get_body(("plain",))
    assert body is not None
    out = {}
    for line in body.get_content().splitlines():
        label, sep, value = line.partition(":")
        if sep and label and not label.startswith("Details") and value.startswith(" "):
            out[label] = value.strip()
    return out


# --- campaign content without a database -----------------------------------------------------

SITE = "https://news.example.com"  #: the root URL content tests render with
CAMP = "c0ffee00-1111-4222-8333-444455556666"  #: their campaign's UUID
NOW = dt.datetime(2024, 3, 5, 14, 7, 9, tzinfo=dt.UTC)  #: their clock


def content_spec(**kw: Any) -> CampaignSpec:
    """The content tests' campaign, with ``kw`` replacing its fields."""
    values: dict[str, Any] = {
        "id": 1,
        "uuid": CAMP,
        "name": "Frühling",
        "subject": "Hallo {{ Subscriber.FirstName }}",
        "from_email": "Zoë News <news@example.com>",
        "body": "<p>Hallo</p>",
        "altbody": None,
        "content_type": "html",
        "template_body": None,
        "headers": (),
        "tags": ("a",),
        "attribs": {},
        "type": "regular",
        "double_list_ids": (),
        "single_list_ids": (1,),
        "max_subscriber_id": 0,
    }
    values.update(kw)
    return CampaignSpec(**values)


def content_renderer(body: str, **kw: Any) -> CampaignRenderer:
    """A renderer of :func:`content_spec` with ``body`` (``spec=`` changes other fields)."""
    options: dict[str, Any] = {"root_url": SITE + "/", "clock": lambda: NOW}
    options.update(kw)
    return CampaignRenderer(content_spec(body=body, **options.pop("spec", {})), **options)


# --- the Grafana dashboard ---------------------------------------------------------------------

DASHBOARD = ROOT / "grafana" / "blaster.json"


def all_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every panel, including those inside collapsed rows."""
    for panel in panels:
        yield panel
        yield from all_panels(panel.get("panels", []))


def query_panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in all_panels(dashboard["panels"]) if p["type"] != "row"]


# --- reading Python imports (for the kit's and the package's import rules) -----------------


@dataclass(frozen=True)
class Import:
    """One imported name: ``target`` is ``a.b`` for ``import a.b`` and ``a.b.c`` for
    ``from a.b import c`` (relative imports resolved); ``eager`` says whether it runs when the
    module is imported (not inside a function, not under ``if TYPE_CHECKING``)."""

    line: int
    target: str
    eager: bool


def module_name(path: Path, root: Path = ROOT) -> str:
    """``blaster.store.tx`` for ``<root>/blaster/store/tx.py``; a package is its ``__init__``."""
    parts = list(path.resolve().relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path = ROOT) -> list[Import]:
    """Every import in a Python file, in the order they appear."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[Import] = []

    def visit(node: ast.AST, eager: bool) -> None:
        if isinstance(node, ast.Import):
            out.extend(Import(node.lineno, a.name, eager) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            out.extend(Import(node.lineno, f"{base}.{a.name}", eager) for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in ast.iter_child_nodes(node):
                visit(child, False)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, False)
            for child in node.orelse:
                visit(child, eager)
        else:
            for child in ast.iter_child_nodes(node):
                visit(child, eager)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), True)
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
