"""Test helpers: seed a database with plain SQL (as listmonk would) and run blaster."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent


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
    *args: str, env: dict[str, str], timeout: float = 120, check: bool = True
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "blaster", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"blaster {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def start_blaster(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "blaster", *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
