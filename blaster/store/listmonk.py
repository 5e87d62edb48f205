"""listmonk's ``settings`` table, read as a configuration source (the SQL only; the mapping
onto blaster's settings is :mod:`blaster.listmonk_settings`).

listmonk keeps its settings as one row per key, each value a JSON document
(``app.root_url`` -> ``"http://localhost:9000"``, ``smtp`` -> an array of servers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blaster.store import Conn, connect
from blaster.store.session import until_reachable

_HAS_TABLE = """
SELECT count(*) = 2 FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'settings'
  AND column_name IN ('key', 'value')
"""


def read_settings(conn: Conn) -> dict[str, Any] | None:
    """Every row of listmonk's ``settings`` table, key -> decoded JSON value; ``None`` when
    the database has no such table (it is not a listmonk database)."""
    with conn.cursor() as cur:
        cur.execute(_HAS_TABLE)
        row = cur.fetchone()
        if not row or not row[0]:
            return None
        cur.execute("SELECT key, value FROM settings ORDER BY key")
        return {str(key): value for key, value in cur.fetchall()}


def read_settings_at(dsn: str) -> dict[str, Any] | None:
    """:func:`read_settings` over a connection of its own."""
    with connect(dsn) as conn:
        return read_settings(conn)


def wait_and_read_settings(
    dsn: str, *, should_stop: Callable[[], bool] = lambda: False
) -> dict[str, Any] | None:
    """:func:`read_settings_at`, retrying with the coordinator's backoff while PostgreSQL is
    down (``blaster run`` started before its database waits for it, as the engine does).

    :raises StoreError: ``should_stop`` became true before the server was reachable.
    """
    return until_reachable(lambda: read_settings_at(dsn), should_stop)
