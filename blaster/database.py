"""Which PostgreSQL a command works on, and getting a connection to it.

``database.dsn`` / ``BLASTER_DSN`` when it is set, else the embedded PostgreSQL under
``data_dir`` (started on demand and stopped by whoever started it). Management commands
need a migrated database (:func:`connection`); schema commands must name their target
explicitly (:func:`explicit_target`). Notices go to stderr, one line each.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from blaster.errors import BlasterError

if TYPE_CHECKING:
    from blaster import store
    from blaster.config import Settings


def notice(line: str) -> None:
    """One line on stderr, for the person at the terminal."""
    print(line, file=sys.stderr, flush=True)


def embedded_dir(settings: Settings) -> Path:
    """The embedded PostgreSQL's data directory."""
    return (Path(settings.database.data_dir) / "pg").resolve()


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[str]:
    """The DSN to use: ``settings.database.dsn``, or the embedded PostgreSQL (started if needed)."""
    if settings.database.dsn:
        yield settings.database.dsn
        return
    from blaster.pgembed import EmbeddedPostgres

    pg = EmbeddedPostgres(Path(settings.database.data_dir) / "pg")
    dsn, started = pg.attach_or_start()
    if started:
        notice(f"blaster: started the embedded PostgreSQL in {pg.data_dir}")
    try:
        yield dsn
    finally:
        if started:
            pg.stop()


@contextlib.contextmanager
def connection(settings: Settings) -> Iterator[store.Conn]:
    """A connection to a migrated database (an unmigrated one is a one-line error)."""
    from blaster import store
    from blaster.store import schema

    with database(settings) as dsn, store.connect(dsn) as conn:
        applied, latest = schema.status(conn)
        if applied < latest:
            raise BlasterError(
                f"database schema is at version {applied} of {latest}: run `blaster db migrate`"
            )
        yield conn


def describe_dsn(dsn: str) -> str:
    """``database 'name' on host:port`` (never the password), for saying what is migrated."""
    from blaster import store

    return store.describe_dsn(dsn)


def explicit_target(settings: Settings, embedded: bool, verb: str) -> str:
    """The database a schema command acts on, named; refused unless it is explicit: the
    configured database.dsn, or the embedded PostgreSQL with --embedded (never both)."""
    if settings.database.dsn and embedded:
        raise BlasterError(
            f"--embedded {verb}s the embedded PostgreSQL, but a database is configured"
            f" (database.dsn / BLASTER_DSN: {describe_dsn(settings.database.dsn)}):"
            " give one or the other"
        )
    if not settings.database.dsn and not embedded:
        raise BlasterError(
            f"no database configured (database.dsn / BLASTER_DSN is empty): set it to {verb}"
            f" your database, or pass --embedded to {verb} the embedded PostgreSQL in"
            f" {embedded_dir(settings)}"
        )
    if embedded:
        target = f"the embedded PostgreSQL in {embedded_dir(settings)}"
        notice(f"blaster: {verb[:-1] if verb.endswith('e') else verb}ing {target}")
        return target
    return describe_dsn(settings.database.dsn)


class Migrated(NamedTuple):
    """What ``db migrate`` did: the migrations applied now, the version reached, where."""

    applied: list[str]
    version: int
    target: str


def migrate(settings: Settings, *, embedded: bool) -> Migrated:
    """Create or upgrade the schema of the explicit target (see :func:`explicit_target`)."""
    from blaster import store
    from blaster.store import schema

    target = explicit_target(settings, embedded, "migrate")
    with database(settings) as dsn, store.connect(dsn) as conn:
        applied = schema.migrate(conn)
        version, _ = schema.status(conn)
    return Migrated(applied, version, target)


def schema_status(settings: Settings) -> tuple[int, int]:
    """(the applied schema version, the latest this blaster knows)."""
    from blaster import store
    from blaster.store import schema

    with database(settings) as dsn, store.connect(dsn) as conn:
        return schema.status(conn)


#: asks the person to confirm dropping ``present`` from ``target``; raises to refuse
Confirm = Callable[[str, list[str]], None]


def uninstall(settings: Settings, *, embedded: bool, confirm: Confirm) -> tuple[str, list[str]]:
    """Drop every blaster object from the explicit target, after ``confirm``; return the
    target and what was dropped (nothing when blaster was not installed there)."""
    from blaster import store
    from blaster.store import uninstall as objects

    target = explicit_target(settings, embedded, "uninstall")
    with database(settings) as dsn, store.connect(dsn) as conn:
        present = objects.installed(conn)
        if not present:
            return target, []
        engines = objects.running_engines(conn)
        if engines:
            raise BlasterError(
                f"a blaster engine is running against {target} (PostgreSQL backend"
                f" {', '.join(engines)}): stop `blaster run` first"
            )
        confirm(target, present)
        return target, objects.uninstall(conn)
