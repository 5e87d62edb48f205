"""Messengers: named delivery backends with ``send`` and ``close``.

A messenger session sends one message at a time; a worker holds several sessions and runs
them concurrently. Errors are mapped to :class:`~blaster.errors.TransientSendError` (retry)
or :class:`~blaster.errors.PermanentSendError` (record) at this boundary.
"""

from __future__ import annotations

from typing import Protocol


class Session(Protocol):
    """One persistent delivery session (for SMTP, one connection)."""

    label: str

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        """Deliver ``data``; raise a ``SendError`` subclass when it was not accepted."""

    async def close(self) -> None:
        """Close the session (idempotent)."""
