"""Reading SMTP replies for pipelined commands (RFC 2920), off a connection opened elsewhere.

:class:`ReplyReader` is the asyncio protocol :class:`~blaster.messengers.smtp.SmtpSession`
installs on its connection's transport once aiosmtplib has opened it (EHLO, STARTTLS, AUTH):
it parses replies as they arrive, queues them and wakes one waiter when a pipelined group's
replies are all there, with one timer per connection for the reply timeout. No aiosmtplib
here: only the transport and :class:`~blaster.messengers.replies.ReplyParser`.
"""

from __future__ import annotations

import asyncio
import collections

from blaster.errors import TransientSendError
from blaster.messengers.replies import MAX_REPLY_BYTES, Reply, ReplyParser, reply_error

#: replies queued without a reader waiting for them beyond which the stream is out of step
_MAX_QUEUED_REPLIES = 16


class ReplyReader(asyncio.Protocol):
    """Reads SMTP replies off a connection that aiosmtplib opened, for pipelined commands.

    Installed on the transport with ``transport.set_protocol``. Replies are parsed as they
    arrive (multi-line replies joined) and queued; :meth:`read` waits for as many as a
    pipelined group needs, in one await. Each reply must arrive within ``timeout`` seconds
    of the write or of the previous reply (one lazily re-armed timer per connection checks
    that, rather than a timer per wait). Any failure (connection lost, EOF, timeout, a
    malformed reply) leaves the reader failed for good: its connection is to be dropped.

    :param transport: the connection, already past EHLO/STARTTLS/AUTH.
    :param timeout: seconds to wait for each reply; 0 or less for no limit.
    """

    def __init__(self, transport: asyncio.Transport, timeout: float) -> None:
        self.transport = transport
        self.timeout = timeout
        self.failure = ""  #: why the connection is unusable ("" while it is fine)
        self._loop = asyncio.get_running_loop()
        self._replies: collections.deque[Reply] = collections.deque()
        self._parser = ReplyParser()
        self._waiter: asyncio.Future[None] | None = None
        self._want = 0
        self._progress = 0.0  # loop time of the write or of the last reply, while waiting
        self._timer: asyncio.TimerHandle | None = None

    @property
    def usable(self) -> bool:
        """True while the connection is open, in step and holds no unsolicited reply."""
        return not self.failure and not self._replies and not self.transport.is_closing()

    def write(self, data: bytes) -> None:
        """Send ``data``.

        :raises TransientSendError: the connection is no longer usable.
        """
        if self.failure or self.transport.is_closing():
            raise TransientSendError(0, self.failure or "connection closed")
        self.transport.write(data)

    async def read(self, count: int) -> list[Reply]:
        """The next ``count`` replies, waiting once for all of them.

        :raises TransientSendError: the connection failed first (code 421 when the server
            said so before closing, else 0).
        """
        if len(self._replies) < count:
            try:
                await self._wait(count)
            except TransientSendError:
                farewell = next((r for r in self._replies if r[0] == 421), None)
                if farewell is not None:
                    raise reply_error(*farewell) from None
                raise
        pop = self._replies.popleft
        return [pop() for _ in range(count)]

    async def read_some(self, count: int) -> tuple[list[Reply], TransientSendError | None]:
        """The next ``count`` replies; or, when the connection failed first, those that
        arrived before it did, with the failure (pairing them with their commands is the
        caller's)."""
        failure = None
        if len(self._replies) < count:
            try:
                await self._wait(count)
            except TransientSendError as exc:
                failure = exc
        pop = self._replies.popleft
        return [pop() for _ in range(min(count, len(self._replies)))], failure

    async def _wait(self, count: int) -> None:
        if self.failure:
            raise TransientSendError(0, self.failure)
        waiter = self._waiter = self._loop.create_future()
        self._want = count
        self._progress = self._loop.time()
        if self._timer is None and self.timeout > 0:  # one timer, re-armed lazily
            self._timer = self._loop.call_at(self._progress + self.timeout, self._check_timer)
        try:
            await waiter
        finally:
            self._waiter = None

    def _check_timer(self) -> None:
        """Fires at most once per ``timeout``: fails the wait in progress if it has had no
        reply for ``timeout`` seconds, else re-arms for its deadline (or rests when idle)."""
        self._timer = None
        if self._waiter is None:
            return
        deadline = self._progress + self.timeout
        if self._loop.time() < deadline:
            self._timer = self._loop.call_at(deadline, self._check_timer)
        else:
            self.fail(f"no reply within {self.timeout:g} s")

    def fail(self, reason: str) -> None:
        """Mark the connection unusable, wake the reader and close the transport."""
        if not self.failure:
            self.failure = reason
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(TransientSendError(0, self.failure))
        self.transport.abort()

    # --- asyncio.Protocol -------------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        parser = self._parser
        self._replies.extend(parser.feed(data))
        if parser.error:
            self.fail(parser.error)
            return
        if parser.pending > MAX_REPLY_BYTES or len(self._replies) > _MAX_QUEUED_REPLIES:
            self.fail("reply too long, or replies nobody asked for")
            return
        waiter = self._waiter
        if waiter is not None:
            self._progress = self._loop.time()
            if len(self._replies) >= self._want and not waiter.done():
                waiter.set_result(None)

    def eof_received(self) -> bool:
        self.fail("the server closed the connection")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(f"connection lost: {exc}" if exc else "connection lost")
