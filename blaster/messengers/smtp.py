"""The SMTP messenger: the only aiosmtplib import.

:class:`SmtpSession` is one persistent connection that reconnects on demand, never a
connection per message. It is a thin adapter: it maps aiosmtplib's exceptions to blaster's
transient/permanent send errors by reply class, and leaves retry policy to the worker.
"""

from __future__ import annotations

import logging

import aiosmtplib

from blaster.config import SmtpServer
from blaster.errors import PermanentSendError, RelayUnavailable, SendError, TransientSendError

logger = logging.getLogger(__name__)


def classify(exc: Exception) -> SendError:
    """Translate an aiosmtplib error: 5xx is permanent, 4xx and network errors transient."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    code = getattr(exc, "code", 0) or 0
    message = getattr(exc, "message", "") or str(exc) or type(exc).__name__
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected | aiosmtplib.SMTPTimeoutError):
        return TransientSendError(0, message)
    if 500 <= code < 600:
        return PermanentSendError(code, message)
    return TransientSendError(code, message)


class SmtpSession:
    """One persistent SMTP connection to ``server``.

    :param server: the relay's settings.
    """

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self.label = server.label
        self.sent_on_connection = 0
        self._client: aiosmtplib.SMTP | None = None

    def _new_client(self) -> aiosmtplib.SMTP:
        s = self.server
        return aiosmtplib.SMTP(
            hostname=s.host,
            port=s.port,
            username=s.username or None,
            password=s.password or None,
            local_hostname=s.helo or None,
            timeout=s.timeout,
            use_tls=s.tls == "tls",
            start_tls=s.tls == "starttls",
            validate_certs=s.verify,
        )

    async def connect(self) -> None:
        """Open the connection (EHLO, STARTTLS and AUTH as configured)."""
        client = self._new_client()
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError) as exc:
            # whatever failed (refused, TLS, AUTH), it is the relay's state, not the recipient's
            err = classify(exc)
            raise RelayUnavailable(err.code, f"{self.label}: {err.message}") from None
        self._client = client
        self.sent_on_connection = 0

    @property
    def connected(self) -> bool:
        """True while the connection is believed open."""
        return self._client is not None and self._client.is_connected

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        """One SMTP transaction; reconnects first when the connection was lost."""
        limit = self.server.max_msgs_per_conn
        if self.connected and limit and self.sent_on_connection >= limit:
            await self.close()
        if not self.connected:
            await self.connect()
        assert self._client is not None
        try:
            await self._client.sendmail(sender, [recipient], data)
        except (aiosmtplib.SMTPException, OSError) as exc:
            err = classify(exc)
            if err.code == 0 or err.code == 421:
                await self._drop()
            raise err from None
        self.sent_on_connection += 1

    async def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    async def close(self) -> None:
        """QUIT politely, or drop the connection if the server does not answer."""
        client, self._client = self._client, None
        if client is None or not client.is_connected:
            return
        try:
            await client.quit()
        except (aiosmtplib.SMTPException, OSError):
            client.close()
