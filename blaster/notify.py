"""Admin notification e-mails: a campaign finished, was auto-paused, cancelled or refused.

The coordinator's :class:`blaster.notices.Notices` builds a :class:`Notice` from the
campaign's counts as the database holds them (read after a checkpoint) and hands it to a
:class:`Notifier`. The notifier sends plain text messages with the standard library's
``smtplib`` (:mod:`blaster.messengers.blocking`) through the first configured SMTP server,
from one background thread fed by a bounded queue: the coordinator's loop never waits on a
relay. A full queue drops the notice with a warning; a relay that fails is logged as a
warning. Neither ever stops the engine. No admin address = no notifications.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import email.utils
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from blaster import addresses
from blaster.config import Settings, SmtpServer
from blaster.messengers import blocking
from blaster.models import CampaignProgress

logger = logging.getLogger(__name__)

#: event -> the words of the subject line
EVENTS: dict[str, str] = {
    "finished": "finished",
    "auto-paused": "auto-paused",
    "cancelled": "cancelled",
    "refused": "failed to start",
}
QUEUE_SIZE = 64  #: notices waiting for the sender thread; more are dropped
NAME_WIDTH = 60  #: a campaign name longer than this is shortened in the subject
#: RFC 5322's hard line limit: with the default 78 the subject moves whole to a continuation
#: line and some readers show it with a leading space
POLICY = email.policy.default.clone(max_line_length=998)

Send = Callable[[EmailMessage, SmtpServer], None]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class Notice:
    """One event of one campaign, with its counts at the time of the event."""

    event: str  #: a key of :data:`EVENTS`
    campaign: CampaignProgress  #: its status and counters when it happened
    reason: str = ""
    at: dt.datetime = field(default_factory=_utcnow)

    def __post_init__(self) -> None:
        if self.event not in EVENTS:
            raise ValueError(f"unknown notification event {self.event!r}")

    @property
    def subject(self) -> str:
        """``[blaster] Campaign 12 "Spring sale" finished: 99,000 sent, 1,000 failed of 100,000``"""
        c = self.campaign
        name = " ".join(c.name.split())  # no line breaks in a header
        if len(name) > NAME_WIDTH:
            name = name[: NAME_WIDTH - 1] + "…"
        return (
            f'[blaster] Campaign {c.id} "{name}" {EVENTS[self.event]}:'
            f" {c.sent:,} sent, {c.failed:,} failed of {c.to_send:,}"
        )

    def body(self, node: str = "") -> str:
        """The plain-text body: one ``Label: value`` line per fact."""
        c = self.campaign
        lines = [
            f"Campaign {c.id} {EVENTS[self.event]}.",
            "",
            f"Campaign:  {c.id}",
            f"Name:      {c.name}",
            f"Event:     {self.event}",
            f"Status:    {c.status}",
            f"Sent:      {c.sent:,}",
            f"To send:   {c.to_send:,}",
            f"Failed:    {c.failed:,}",
            f"Reason:    {self.reason or '-'}",
            f"Time:      {self.at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC",
        ]
        if node:
            lines.append(f"Node:      {node}")
        lines += [
            "",
            f"Details: blaster campaigns show {c.id}",
            "",
        ]
        return "\n".join(lines)


def build_message(notice: Notice, sender: str, recipients: Sequence[str]) -> EmailMessage:
    """The notification e-mail for ``notice``, from ``sender`` to every admin address."""
    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = notice.subject
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = email.utils.format_datetime(notice.at)
    msg["Message-ID"] = email.utils.make_msgid(domain=_domain(sender))
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    msg["X-Blaster-Event"] = notice.event
    msg["X-Blaster-Campaign"] = str(notice.campaign.id)
    msg.set_content(notice.body(socket.gethostname()))
    return msg


def _domain(address: str) -> str:
    return addresses.domain(addresses.read(address)[1]) or "localhost"


def send_message(msg: EmailMessage, server: SmtpServer) -> None:
    """Send one message through ``server`` on a connection of its own
    (:func:`blaster.messengers.blocking.open_client`: TLS mode, certificate verification,
    credentials, HELO name and timeout as configured)."""
    with blocking.open_client(server) as client:
        refused = client.send_message(msg)
    if refused:
        logger.warning(
            "notify: %s refused %d admin address(es): %s",
            server.label,
            len(refused),
            ", ".join(
                f"{rcpt} ({code} {text.decode(errors='replace')})"
                for rcpt, (code, text) in refused.items()
            ),
        )


class Notifier:
    """Queues notices and sends them from one background thread.

    :param settings: ``admin_emails`` (empty = disabled), ``notify_from`` and the first of
        ``smtp`` are used.
    :param queue_size: notices that may wait; more are dropped with a warning.
    :param send: how a message is sent (:func:`send_message`).
    """

    def __init__(
        self, settings: Settings, *, queue_size: int = QUEUE_SIZE, send: Send = send_message
    ) -> None:
        self.recipients = settings.notifications.admin_emails
        self.sender = settings.notifications.sender
        self.server = settings.smtp[0] if settings.smtp else None
        self.send = send
        self.queue: queue.Queue[EmailMessage | None] = queue.Queue(maxsize=queue_size)
        self.thread: threading.Thread | None = None
        self.closed = False
        self.sent = 0  #: messages the relay accepted (for tests and logs)

    @property
    def enabled(self) -> bool:
        """True when there is someone to tell and a relay to tell them through."""
        return bool(self.recipients) and self.server is not None

    def notify(self, notice: Notice) -> bool:
        """Queue ``notice`` without waiting; return whether it was queued."""
        if not self.enabled or self.closed:
            if self.recipients and self.server is None:
                logger.warning("notify: no SMTP server configured; %s not sent", notice.subject)
            return False
        msg = build_message(notice, self.sender, self.recipients)
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="notifier", daemon=True)
            self.thread.start()
        try:
            self.queue.put_nowait(msg)
        except queue.Full:
            logger.warning("notify: queue full, dropped: %s", notice.subject)
            return False
        return True

    def close(self, timeout: float = 30.0) -> None:
        """Send what is queued (waiting at most ``timeout`` seconds), then stop the thread."""
        self.closed = True
        if self.thread is None:
            return
        deadline = time.monotonic() + timeout
        with contextlib.suppress(queue.Full):
            self.queue.put(None, timeout=timeout)
        self.thread.join(max(0.0, deadline - time.monotonic()))
        if self.thread.is_alive():
            logger.warning(
                "notify: %d notification(s) still unsent after %.0fs; giving up",
                self.queue.qsize(),
                timeout,
            )

    def _run(self) -> None:
        assert self.server is not None
        while True:
            msg = self.queue.get()
            if msg is None:
                return
            try:
                self.send(msg, self.server)
            except Exception as exc:  # a notification must never take the engine down
                logger.warning(
                    "notify: could not send %r through %s: %s",
                    msg["Subject"],
                    self.server.label,
                    exc,
                )
            else:
                self.sent += 1
                logger.info("notify: sent %r to %s", msg["Subject"], msg["To"])
