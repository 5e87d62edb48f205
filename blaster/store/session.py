"""The coordinator's database session: its query connection and its LISTEN connection.

:class:`Session` connects both (retrying with backoff while PostgreSQL is down), LISTENs on
the second, and reconnects both after an error. :attr:`Session.conn` is never ``None``: it
is the live connection, or a :class:`~blaster.errors.StoreError` when there is none (a stop
was requested while waiting for the server).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from blaster.backoff import Backoff
from blaster.errors import StoreError
from blaster.store import Conn, connect
from blaster.store.campaigns import drain_notifications, listen

logger = logging.getLogger(__name__)
T = TypeVar("T")

FIRST_DELAY = 0.5  #: seconds before the first retry of a failed connect
MAX_DELAY = 10.0  #: the retry delay doubles up to this
#: the delays between connect attempts (no jitter: one coordinator per node retries)
RECONNECT = Backoff(base=FIRST_DELAY, cap=MAX_DELAY, factor=2.0)


def until_reachable(action: Callable[[], T], should_stop: Callable[[], bool]) -> T:
    """``action()``, tried again with :data:`RECONNECT`'s delays while it raises
    :class:`StoreError` (PostgreSQL is down), each failure logged once.

    :raises StoreError: ``should_stop`` became true before the server was reachable.
    """
    attempt = 0
    while not should_stop():
        try:
            return action()
        except StoreError as exc:
            attempt += 1
            delay = RECONNECT.delay(attempt)
            logger.warning("coordinator: %s; retrying in %.1fs", exc, delay)
            time.sleep(delay)
    raise StoreError("stopped before PostgreSQL became reachable")


class Session:
    """Two connections to one database, reconnected together.

    :param dsn: the database.
    :param should_stop: polled between connect attempts; True gives up waiting.
    """

    def __init__(self, dsn: str, *, should_stop: Callable[[], bool]) -> None:
        self.dsn = dsn
        self.should_stop = should_stop
        self._conn: Conn | None = None
        self._listen: Conn | None = None

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> Conn:
        """The query connection (autocommit)."""
        if self._conn is None:
            raise StoreError("not connected")
        return self._conn

    def connect(self) -> None:
        """Connect both and LISTEN, retrying with backoff while PostgreSQL is down.

        :raises StoreError: a stop was requested before the server became reachable.
        """

        def both() -> None:
            self._conn = connect(self.dsn)
            self._listen = connect(self.dsn)
            listen(self._listen)

        until_reachable(both, self.should_stop)

    def reconnect(self) -> None:
        """Drop both connections and :meth:`connect` again."""
        self.close()
        self.connect()

    def notified(self) -> bool:
        """Whether a campaign status notification arrived since the last call."""
        if self._listen is None:
            return False
        return bool(drain_notifications(self._listen))

    def close(self) -> None:
        for conn in (self._conn, self._listen):
            if conn is not None:
                conn.close()
        self._conn = self._listen = None
