"""The store: the only package that imports psycopg and the only place with SQL.

``schema`` owns migrations, ``campaigns`` the coordinator's queries (pickup, checkpoints,
status), ``subscribers`` the workers' keyset reads, ``admin`` what the CLI manages.
Connection errors are translated into :class:`~blaster.errors.StoreError` here.
"""

from __future__ import annotations

from typing import Any

import psycopg

from blaster.errors import StoreError

Conn = psycopg.Connection[tuple[Any, ...]]
AsyncConn = psycopg.AsyncConnection[tuple[Any, ...]]
#: errors that mean "the database is unreachable or went away": retry with backoff
OperationalError = psycopg.OperationalError
#: base of every driver error
DatabaseError = psycopg.Error


def connect(dsn: str, *, autocommit: bool = True, timeout: float = 10.0) -> Conn:
    """A synchronous connection, or a :class:`StoreError` saying why there is none."""
    try:
        return psycopg.connect(
            dsn,
            autocommit=autocommit,
            connect_timeout=int(timeout),
            prepare_threshold=None,
            application_name="blaster",
        )
    except psycopg.Error as exc:  # unreachable server, or a DSN libpq cannot parse
        raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None


async def connect_async(dsn: str, *, timeout: float = 10.0) -> AsyncConn:
    """An asynchronous autocommit connection (workers read with it)."""
    try:
        return await psycopg.AsyncConnection.connect(
            dsn,
            autocommit=True,
            connect_timeout=int(timeout),
            prepare_threshold=None,
            application_name="blaster-worker",
        )
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None


def describe_dsn(dsn: str) -> str:
    """``database 'name' on host:port`` (never the password)."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(dsn)
    except psycopg.Error:  # a bad DSN: connecting reports it properly
        return "the configured database"
    host = str(info.get("host") or "localhost")
    port = str(info.get("port") or "5432")
    return f"database {str(info.get('dbname') or info.get('user') or '')!r} on {host}:{port}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
