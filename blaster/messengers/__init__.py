"""Messengers: the delivery family, one module per backend.

- :mod:`~blaster.messengers.smtp`: :class:`~blaster.messengers.smtp.SmtpSession`, one
  persistent aiosmtplib connection (the only aiosmtplib import), used by campaign workers;
- :mod:`~blaster.messengers.blocking`: the smtplib sessions of the coordinator's threads
  (transactional mail, admin notifications);
- :mod:`~blaster.messengers.null`: :class:`~blaster.messengers.null.NullSession`, which
  records or discards, for tests and benchmarks;
- :mod:`~blaster.messengers.replies`: the pure helpers they share (what a reply means,
  envelope encoding, reply-line parsing);
- :mod:`~blaster.messengers.reader`: the asyncio protocol that reads replies for the SMTP
  session's pipelined commands.

A worker holds several :class:`Session` objects and runs them concurrently, one message at a
time each; a :class:`Chaining` session (SMTP with PIPELINING) may also have the next message's
transaction begun behind the open one's data, two in flight. Errors are mapped to
:class:`~blaster.errors.TransientSendError` (retry; its subclasses
:class:`~blaster.errors.RelayUnavailable` when nothing was handed over, and
:class:`~blaster.errors.Unanswered` for a chained transaction whose data never left) or
:class:`~blaster.errors.PermanentSendError` (record) at this boundary; retry policy is the
caller's.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from blaster.errors import SendError


class Session(Protocol):
    """One persistent delivery session (for SMTP, one connection), as a worker drives it."""

    #: the relay's name (``host:port``): the key of its rate limit, weight and metrics
    label: str

    @property
    def idle_timeout(self) -> float:
        """Seconds without work after which the worker closes the session (0: never)."""
        ...

    @property
    def connected(self) -> bool:
        """True while the session is believed open."""
        ...

    async def connect(self) -> None:
        """Open the session now (reconnecting if it was open).

        :raises RelayUnavailable: the relay could not be reached, or TLS or AUTH failed.
        """

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        """Deliver ``data`` (connecting first if needed); raise a ``SendError`` subclass when
        it was not accepted."""

    async def close(self) -> None:
        """Close the session (idempotent); the next :meth:`send` reopens it."""


@runtime_checkable
class Chaining(Session, Protocol):
    """A session that can pipeline across transactions (RFC 2920): :meth:`start` a message,
    then :meth:`finish` it with the next one's commands written behind its data."""

    @property
    def pipelining(self) -> bool:
        """True when the connection is open and pipelined (:meth:`start` leaves it open)."""
        ...

    @property
    def chainable(self) -> bool:
        """True while a transaction is open and :meth:`finish` may begin another behind it."""
        ...

    async def start(self, sender: str, recipient: str, data: bytes) -> bool:
        """Begin a transaction, up to its data; False when it was sent whole instead (the
        connection does not pipeline), True when it waits for :meth:`finish`.

        :raises SendError: it was refused or not answered; nothing is open.
        """
        ...

    async def finish(
        self, then: tuple[str, str, bytes] | None = None
    ) -> tuple[SendError | None, SendError | None]:
        """Send the open transaction's data, and ``then``'s (sender, recipient, data)
        commands behind it: the outcomes of both (``then``'s None: it is open now)."""
        ...
