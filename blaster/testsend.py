"""``campaigns test``: one message of a campaign, built as the engine builds it (see
:mod:`blaster.preview`), sent to one address through the first configured SMTP server."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, NamedTuple

from blaster import addresses, preview
from blaster.errors import BlasterError

if TYPE_CHECKING:
    from blaster.config import Settings, SmtpServer


class Sent(NamedTuple):
    """What was sent: the campaign, to whom, through which server, rendered for whom."""

    campaign_id: int
    to: str
    server: str
    who: str

    def line(self) -> str:
        """The line ``campaigns test`` prints."""
        return f"sent campaign {self.campaign_id} to {self.to} via {self.server} ({self.who})"


def recipient(to: str) -> str:
    """``to`` as one bare address (``someone@example.com``), or a one-line error."""
    try:
        addr = addresses.parse(to, allow_localhost=True)[1]
    except ValueError:
        addr = ""
    if not addr or addr != to.strip():
        raise BlasterError(f"--to {to!r}: expected one address like someone@example.com")
    return addr


def run(settings: Settings, campaign_id: int, *, to: str, subscriber: str | None) -> Sent:
    """Send campaign ``campaign_id``'s message to ``to``, rendered for ``subscriber`` (default:
    ``to``'s subscriber, or a sample one)."""
    addr = recipient(to)
    if not settings.smtp:
        raise BlasterError("no SMTP server configured: set BLASTER_SMTP=smtp://host:port")
    message = preview.build(settings, campaign_id, subscriber, to=addr)
    asyncio.run(send(settings.smtp[0], message.sender, addr, message.data))
    return Sent(campaign_id, addr, settings.smtp[0].label, message.who)


async def send(server: SmtpServer, sender: str, rcpt: str, data: bytes) -> None:
    """Send one message over a session of its own to ``server``."""
    from blaster.messengers.smtp import SmtpSession

    session = SmtpSession(server)
    try:
        await session.send(sender, rcpt, data)
    finally:
        await session.close()
