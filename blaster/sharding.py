"""Shard planning and checkpoint arithmetic (pure: no I/O, no clock).

A campaign's frozen ID range ``(0, max_subscriber_id]`` is cut into shards ``(lo, hi]``.
Inside a shard, messages complete out of order; :class:`Frontier` tracks the highest ID such
that every eligible ID at or below it is done, how far the shard has been read, and the IDs
read but not done yet. Those three are a shard's :class:`~blaster.models.Checkpoint`: a
resume skips every ID up to ``read_upto`` except the ``undone`` ones, so the checkpoint's size
is the number of messages on their way (the in-flight window plus waiting retries), however
many finished out of order.
"""

from __future__ import annotations

from collections import deque


def plan(start: int, max_id: int, shard_size: int) -> list[tuple[int, int]]:
    """Cut ``(start, max_id]`` into consecutive ``(lo, hi]`` ranges of ``shard_size`` IDs.

    The ranges cover the interval exactly: no gaps, no overlaps, in ascending order.
    """
    if shard_size < 1:
        raise ValueError(f"shard_size must be >= 1, got {shard_size}")
    return [(lo, min(lo + shard_size, max_id)) for lo in range(start, max_id, shard_size)]


class Frontier:
    """Done-position of one shard while its messages complete out of order.

    IDs are :meth:`add`-ed in ascending order as they are read; :meth:`done` marks one
    complete. :attr:`value` only moves over a contiguous prefix of done IDs.
    """

    __slots__ = ("_pending", "_read_upto", "_undone", "value")

    def __init__(self, start: int) -> None:
        self.value = start
        self._read_upto = start
        self._pending: deque[int] = deque()  #: added, above the frontier (done or not)
        self._undone: set[int] = set()  #: added, not done

    def add(self, subscriber_id: int) -> None:
        """Register an ID read from the shard (ascending)."""
        if subscriber_id <= self._read_upto:
            raise ValueError(f"IDs must ascend: {subscriber_id} after {self._read_upto}")
        self._read_upto = subscriber_id
        self._pending.append(subscriber_id)
        self._undone.add(subscriber_id)

    def done(self, subscriber_id: int) -> None:
        """Mark an added ID complete (sent or recorded as failed)."""
        self._undone.discard(subscriber_id)
        pending, undone = self._pending, self._undone
        while pending and pending[0] not in undone:
            pending.popleft()
        self.value = pending[0] - 1 if pending else self._read_upto

    def read_through(self, position: int) -> None:
        """Declare that no eligible ID exists in ``(last added, position]``.

        Called when a keyset page comes back short: the range up to ``position`` holds no
        more rows, so once the pending IDs are done the frontier may move to ``position``.
        """
        if position > self._read_upto:
            self._read_upto = position
            if not self._pending:
                self.value = position

    @property
    def read_upto(self) -> int:
        """The last ID read (or declared read through): nothing above it was handed out."""
        return self._read_upto

    def undone(self) -> tuple[int, ...]:
        """IDs read but not done yet (ascending): all of the shard that a resume sends
        again at or below :attr:`read_upto`."""
        return tuple(sorted(self._undone))
