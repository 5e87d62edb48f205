"""The blocking SMTP messenger: one relay through the standard library's ``smtplib``.

Campaign workers send with aiosmtplib (:mod:`blaster.messengers.smtp`); the coordinator's
background threads (transactional mail, admin notifications) send a few messages at a time
and use this module instead.
:func:`open_client` opens a session the way :class:`~blaster.config.SmtpServer` says (TLS
mode, certificate verification, HELO name, credentials, timeout): admin notifications use one
per message. :class:`RelaySession` keeps one connection open across messages (transactional
messages): it reconnects when the relay dropped it, closes it after ``idle_timeout`` seconds
without a message or after ``max_msgs_per_conn`` messages, and maps every refusal to
blaster's errors by reply class (5xx permanent; 4xx, timeouts and dropped connections
transient) with :func:`~blaster.messengers.replies.reply_error`, as the aiosmtplib stack
does. Retry policy is the caller's.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Callable

from blaster.config import SmtpServer
from blaster.errors import PermanentSendError, RelayUnavailable, TransientSendError
from blaster.messengers.replies import reply_error
from blaster.mime import EightBit

logger = logging.getLogger(__name__)

#: what a relay answered: its code and its text
Reply = tuple[int, str]


def tls_context(server: SmtpServer) -> ssl.SSLContext:
    """The TLS context for ``server``: certificates verified unless ``verify`` is off."""
    context = ssl.create_default_context()
    if not server.verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def open_client(server: SmtpServer) -> smtplib.SMTP:
    """A session with ``server``: connected, greeted, TLS as configured, logged in.

    The caller closes it (``with client:`` sends QUIT). Errors are smtplib's and ``OSError``.
    """
    context = tls_context(server)
    helo = server.helo or None
    client: smtplib.SMTP
    if server.tls == "tls":
        client = smtplib.SMTP_SSL(
            server.host, server.port, local_hostname=helo, timeout=server.timeout, context=context
        )
    else:
        client = smtplib.SMTP(server.host, server.port, local_hostname=helo, timeout=server.timeout)
    try:
        if server.tls == "starttls":
            client.starttls(context=context)
        if server.username:
            client.login(server.username, server.password)
        client.ehlo_or_helo_if_needed()
    except BaseException:
        client.close()
        raise
    return client


class _Stale(Exception):
    """The connection was gone before the message's data went out (safe to send again)."""


class RelaySession:
    """One persistent SMTP connection through ``server``, opened on the first message.

    :param server: the relay.
    :param clock: seconds on a monotonic clock (tests pass their own).
    """

    def __init__(self, server: SmtpServer, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.server = server
        self.clock = clock
        self.client: smtplib.SMTP | None = None
        self.messages = 0  #: messages sent on the current connection
        self.connections = 0  #: connections opened so far
        self.last_used = 0.0

    @property
    def label(self) -> str:
        """The relay's ``host:port``."""
        return self.server.label

    def send(self, sender: str, recipient: str, data: bytes) -> Reply:
        """Send one message; return the relay's final reply.

        A connection the relay closed while it was idle is reopened and the message sent
        on the new one; nothing is sent twice unless the connection is lost during DATA.

        :raises RelayUnavailable: the relay could not be reached, or TLS or AUTH failed.
        :raises PermanentSendError: a 5xx reply.
        :raises TransientSendError: a 4xx reply, a timeout or a dropped connection.
        """
        limit = self.server.max_msgs_per_conn
        if self.client is not None and limit and self.messages >= limit:
            self.close()
        reused = self.client is not None
        try:
            reply = self._transaction(self._connected(), sender, recipient, data)
        except _Stale as exc:
            self._drop()
            if not reused:
                raise TransientSendError(0, str(exc)) from None
            logger.debug("relay %s: idle connection was closed (%s); reconnecting", self.label, exc)
            try:
                reply = self._transaction(self._connected(), sender, recipient, data)
            except _Stale as again:
                self._drop()
                raise TransientSendError(0, str(again)) from None
        self.messages += 1
        self.last_used = self.clock()
        return reply

    def idle_deadline(self) -> float | None:
        """When the open connection is due to be closed for idleness (None: never/closed)."""
        if self.client is None or not self.server.idle_timeout:
            return None
        return self.last_used + self.server.idle_timeout

    def close_if_idle(self) -> None:
        """Close the connection when it has been idle for ``idle_timeout`` seconds."""
        deadline = self.idle_deadline()
        if deadline is not None and self.clock() >= deadline:
            logger.debug("relay %s: closing the idle connection", self.label)
            self.close()

    def close(self) -> None:
        """QUIT and close the connection (idempotent; errors are ignored)."""
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            client.close()

    def _connected(self) -> smtplib.SMTP:
        if self.client is None:
            try:
                self.client = open_client(self.server)
            except smtplib.SMTPResponseException as exc:
                text = exc.smtp_error
                message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
                raise RelayUnavailable(
                    0, f"{self.label}: {exc.smtp_code} {message}".strip()
                ) from None
            except (smtplib.SMTPException, OSError) as exc:
                raise RelayUnavailable(0, f"{self.label}: {exc or type(exc).__name__}") from None
            self.messages = 0
            self.connections += 1
            self.last_used = self.clock()
        return self.client

    def _drop(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            client.close()

    def _transaction(self, client: smtplib.SMTP, sender: str, recipient: str, data: bytes) -> Reply:
        if isinstance(data, EightBit):  # this stack does not negotiate 8BITMIME
            data = data.seven_bit()
        try:
            self._expect(client, client.mail(sender), 250)
            self._expect(client, client.rcpt(recipient), 250, 251)
        except smtplib.SMTPResponseException as exc:  # a broken reply line
            self._drop()
            raise reply_error(exc.smtp_code, exc.smtp_error) from None
        except UnicodeEncodeError:  # smtplib sends commands in ASCII
            self._reset(client, 0)
            raise PermanentSendError(0, "an address is not ASCII (SMTPUTF8 is not used)") from None
        except OSError as exc:  # smtplib's disconnects are OSErrors too
            raise _Stale(f"{self.label}: {exc or type(exc).__name__}") from None
        try:
            code, text = client.data(data)
        except smtplib.SMTPDataError as exc:  # DATA itself refused: nothing was sent
            self._reset(client, exc.smtp_code)
            raise reply_error(exc.smtp_code, exc.smtp_error) from None
        except smtplib.SMTPResponseException as exc:
            self._drop()
            raise reply_error(exc.smtp_code, exc.smtp_error) from None
        except OSError as exc:  # lost during DATA: the relay may or may not have it
            self._drop()
            raise TransientSendError(0, f"{self.label}: {exc or type(exc).__name__}") from None
        if code != 250:
            if code == 421:
                self._drop()
            raise reply_error(code, text)
        return code, text.decode("utf-8", "replace")

    def _expect(self, client: smtplib.SMTP, reply: tuple[int, bytes], *ok: int) -> None:
        code, text = reply
        if code in ok:
            return
        self._reset(client, code)
        raise reply_error(code, text)

    def _reset(self, client: smtplib.SMTP, code: int) -> None:
        """End a refused transaction (RSET), or drop the connection the relay is closing."""
        if code == 421:
            self._drop()
            return
        try:
            client.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()
