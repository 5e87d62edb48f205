"""The null messenger: a :class:`~blaster.messengers.Session` that sends nothing.

:class:`NullSession` accepts every message at once (or refuses those its ``refuse`` hook
names), and records them in :attr:`NullSession.sent` or only counts them. Tests use it to
drive the worker's sender code without a relay, and ``bench/`` to measure the engine's own
cost without a sink.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from blaster.errors import SendError


class Sent(NamedTuple):
    """One message a :class:`NullSession` accepted."""

    sender: str
    recipient: str
    data: bytes


#: a hook that refuses a message by returning (or raising) an error, or accepts it with None
Refuse = Callable[[str, str, bytes], SendError | None]


class NullSession:
    """A delivery session that delivers nowhere.

    :param label: the relay name it poses as (rate limits, weights and metrics key on it).
    :param record: keep every accepted message in :attr:`sent` (else only count them).
    :param refuse: called per message before it is accepted; the error it returns is raised.
    :param idle_timeout: as the relay setting of the same name (0: never idle).
    """

    def __init__(
        self,
        label: str = "null",
        *,
        record: bool = True,
        refuse: Refuse | None = None,
        idle_timeout: float = 0.0,
    ) -> None:
        self.label = label
        self.record = record
        self.refuse = refuse
        self._idle_timeout = idle_timeout
        self.sent: list[Sent] = []  #: accepted messages, when recording
        self.count = 0  #: accepted messages
        self.refused = 0  #: messages the ``refuse`` hook refused
        self.connections = 0  #: times the session was opened
        self._open = False

    @property
    def idle_timeout(self) -> float:
        return self._idle_timeout

    @property
    def connected(self) -> bool:
        return self._open

    async def connect(self) -> None:
        self._open = True
        self.connections += 1

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        if not self._open:
            await self.connect()
        if self.refuse is not None:
            error = self.refuse(sender, recipient, data)
            if error is not None:
                self.refused += 1
                raise error
        self.count += 1
        if self.record:
            self.sent.append(Sent(sender, recipient, data))

    async def close(self) -> None:
        self._open = False
