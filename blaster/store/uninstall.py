"""``blaster db uninstall``: remove every object blaster's migrations added, nothing else.

What blaster adds to a database (see :mod:`blaster.store.schema`):

- its own tables, all named ``blaster_*`` (schema version, shards, failures, campaign state,
  the sliding-window counts, transactional messages), with their sequences and indexes;
- the function ``blaster_notify_campaign()`` and the trigger ``blaster_campaign_status`` on
  ``campaigns``;
- the one-default-template index ``idx_templates_default``, but only on a database where no
  equivalent index existed (a database without listmonk's tables); an earlier version also
  added it beside listmonk's own, and that copy is removed here.

The ``blaster_*`` objects are found in the catalog, not from a fixed list, so objects a later
migration adds under the prefix (tables, functions, triggers, indexes on listmonk's tables)
are removed too. The listmonk-compatible tables (``subscribers``, ``campaigns``, ...) hold
the data and are never dropped, not even on a database where blaster created them.
Everything happens in one transaction under the migrations' advisory lock: it is all or
nothing.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from blaster.store import Conn
from blaster.store.schema import (
    _LOCK_KEY,
    TEMPLATES_DEFAULT_INDEX,
    _templates_default_indexes,
)

#: the prefix of every object blaster names (LIKE pattern, ``_`` escaped)
_PREFIX = r"blaster\_%"

#: how long to wait for a lock held by a running engine before giving up
LOCK_TIMEOUT = "10s"

_TABLES = """
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relkind IN ('r', 'p') AND c.relname LIKE %s
ORDER BY c.relname
"""

_TRIGGERS = """
SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = current_schema()::regnamespace
  AND NOT t.tgisinternal AND t.tgname LIKE %s AND c.relname NOT LIKE %s
ORDER BY c.relname, t.tgname
"""

_INDEXES = """
SELECT i.relname FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
WHERE c.relnamespace = current_schema()::regnamespace
  AND i.relname LIKE %s AND c.relname NOT LIKE %s
ORDER BY i.relname
"""

_FUNCTIONS = """
SELECT p.oid::regprocedure::text FROM pg_proc p
WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE %s
ORDER BY 1
"""


_ENGINES = r"""
SELECT pid, COALESCE(host(client_addr), 'local socket') FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND query LIKE 'LISTEN blaster\_%'
ORDER BY pid
"""


def running_engines(conn: Conn) -> list[str]:
    """The connections of engines (``blaster run``) listening on this database: each
    coordinator keeps one whose last statement LISTENs on a ``blaster_*`` channel (campaign
    status changes, shard releases). ``pid N from host``."""
    with conn.cursor() as cur:
        cur.execute(_ENGINES)
        return [f"pid {pid} from {host}" for pid, host in cur.fetchall()]


def installed(conn: Conn) -> list[str]:
    """Descriptions of the blaster objects present (empty: nothing to uninstall)."""
    with conn.cursor() as cur:
        return [description for description, _ in _plan(cur)]


def uninstall(conn: Conn) -> list[str]:
    """Drop every object blaster added; return what was dropped, in order."""
    dropped: list[str] = []
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(LOCK_TIMEOUT)))
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        for description, statement in _plan(cur):
            cur.execute(statement)
            dropped.append(description)
    return dropped


Cursor = psycopg.Cursor[tuple[Any, ...]]
Statement = sql.SQL | sql.Composed


def _plan(cur: Cursor) -> list[tuple[str, Statement]]:
    """The statements that remove blaster's objects: triggers and indexes on listmonk's
    tables first, then blaster's tables, then its functions (which the triggers used)."""
    plan: list[tuple[str, Statement]] = []
    cur.execute(_TRIGGERS, (_PREFIX, _PREFIX))
    for trigger, table in cur.fetchall():
        plan.append(
            (
                f"trigger {trigger} on {table}",
                sql.SQL("DROP TRIGGER {} ON {}").format(
                    sql.Identifier(trigger), sql.Identifier(table)
                ),
            )
        )
    plan += _index_drops(cur)
    cur.execute(_TABLES, (_PREFIX,))
    tables = [str(row[0]) for row in cur.fetchall()]
    if tables:
        plan.append(
            (
                f"tables {', '.join(tables)}",
                sql.SQL("DROP TABLE {}").format(
                    sql.SQL(", ").join(sql.Identifier(t) for t in tables)
                ),
            )
        )
    cur.execute(_FUNCTIONS, (_PREFIX,))
    for (signature,) in cur.fetchall():
        plan.append((f"function {signature}", sql.SQL("DROP FUNCTION " + signature)))
    return plan


def _index_drops(cur: Cursor) -> list[tuple[str, Statement]]:
    """Indexes blaster added to listmonk's tables: ``blaster_*`` ones, and its copy of the
    one-default-template index where listmonk's own exists beside it."""
    cur.execute(_INDEXES, (_PREFIX, _PREFIX))
    names = [str(row[0]) for row in cur.fetchall()]
    defaults = _templates_default_indexes(cur)
    if TEMPLATES_DEFAULT_INDEX in defaults and len(defaults) > 1:
        names.append(TEMPLATES_DEFAULT_INDEX)
    return [
        (f"index {name}", sql.SQL("DROP INDEX {}").format(sql.Identifier(name))) for name in names
    ]
