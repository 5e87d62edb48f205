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
time each. Errors are mapped to :class:`~blaster.errors.TransientSendError` (retry; its
subclass :class:`~blaster.errors.RelayUnavailable` when nothing was handed over) or
:class:`~blaster.errors.PermanentSendError` (record) at this boundary; retry policy is the
caller's.
"""

from __future__ import annotations

from typing import Protocol


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
