"""Transactional messages' rows (``blaster_tx``): queued on submit, then sent or failed.

The message itself (bodies, headers) is never stored: only the recipient, the subject and
the outcome, so that ``GET /api/tx/<id>`` and plain SQL can tell what became of it. Each row
names its ``owner``, the sending service that holds it in memory; a service holds a
session advisory lock on its owner number while it runs, so a row ``queued`` by an owner
whose lock is free was lost with its process and :func:`sweep_orphans` records it failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from blaster.store import Conn

#: statuses a row can have
STATUSES = ("queued", "sent", "failed")
MAX_TEXT = 1000  #: a relay reply longer than this is cut

INSERT_SQL = "INSERT INTO blaster_tx (recipient, subject, owner) VALUES (%s, %s, %s) RETURNING id"

_LOCK_CLASS = 0x7478  #: advisory-lock namespace of "this service holds its queued rows"

OWNERS_SQL = "SELECT DISTINCT owner FROM blaster_tx WHERE status = 'queued' AND owner <> %s"

ORPHANS_SQL = """
UPDATE blaster_tx SET status = 'failed', smtp_code = 0, message = %s, updated_at = NOW()
WHERE owner = %s AND status = 'queued'
"""

PRUNE_SQL = """
DELETE FROM blaster_tx WHERE status <> 'queued' AND created_at < NOW() - make_interval(days => %s)
"""

UPDATE_SQL = """
UPDATE blaster_tx
SET status = %s, attempts = %s, smtp_code = %s, message = %s, updated_at = NOW(),
    sent_at = CASE WHEN %s = 'sent' THEN NOW() ELSE sent_at END
WHERE id = %s
"""

UNSENT_SQL = """
UPDATE blaster_tx SET status = 'failed', smtp_code = 0, message = %s, updated_at = NOW()
WHERE id = ANY(%s) AND status = 'queued'
"""

GET_SQL = """
SELECT id, recipient, subject, status, smtp_code, message, attempts, created_at, sent_at,
       updated_at
FROM blaster_tx WHERE id = %s
"""
_COLUMNS = (
    "id",
    "recipient",
    "subject",
    "status",
    "smtp_code",
    "message",
    "attempts",
    "created_at",
    "sent_at",
    "updated_at",
)


def _text(value: str) -> str:
    """Text PostgreSQL takes (no NUL), cut to :data:`MAX_TEXT` characters."""
    return value.replace("\x00", "")[:MAX_TEXT]


def insert(conn: Conn, recipient: str, subject: str, owner: int) -> int:
    """Record a message as ``queued`` by ``owner``; return its ID."""
    with conn.cursor() as cur:
        cur.execute(INSERT_SQL, (_text(recipient), _text(subject), owner))
        row = cur.fetchone()
    assert row is not None
    return int(row[0])


def update(conn: Conn, tx_id: int, status: str, attempts: int, code: int, message: str) -> None:
    """Record an attempt's outcome: ``sent``, ``failed``, or still ``queued`` (a retry is
    due) with the relay's last reply."""
    if status not in STATUSES:
        raise ValueError(f"unknown transactional status {status!r}")
    with conn.cursor() as cur:
        cur.execute(UPDATE_SQL, (status, attempts, code, _text(message), status, tx_id))


def fail_unsent(conn: Conn, ids: Sequence[int], message: str) -> None:
    """Mark messages that were never sent (still ``queued``) as ``failed`` with ``message``."""
    with conn.cursor() as cur:
        cur.execute(UNSENT_SQL, (_text(message), list(ids)))


def get(conn: Conn, tx_id: int) -> dict[str, Any] | None:
    """One message's row, or None."""
    with conn.cursor() as cur:
        cur.execute(GET_SQL, (tx_id,))
        row = cur.fetchone()
    return None if row is None else dict(zip(_COLUMNS, row, strict=True))


def claim(conn: Conn, owner: int) -> bool:
    """Hold ``owner``'s lock for the life of ``conn``'s session; False if another holds it."""
    row = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (_LOCK_CLASS, owner)).fetchone()
    return bool(row and row[0])


def sweep_orphans(conn: Conn, owner: int, message: str) -> int:
    """Record as failed (with ``message``) the ``queued`` rows of every owner but ``owner``
    whose service is gone (its lock is free); return how many."""
    swept = 0
    for (other,) in conn.execute(OWNERS_SQL, (owner,)).fetchall():
        if not claim(conn, other):
            continue  # alive: that service still holds its rows
        try:
            with conn.cursor() as cur:
                cur.execute(ORPHANS_SQL, (_text(message), other))
                swept += cur.rowcount
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_LOCK_CLASS, other))
    return swept


def prune(conn: Conn, days: int) -> int:
    """Delete sent and failed rows older than ``days`` days; return how many."""
    with conn.cursor() as cur:
        cur.execute(PRUNE_SQL, (days,))
        return cur.rowcount
