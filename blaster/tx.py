"""Transactional messages: single messages outside campaigns, through a bounded queue.

:meth:`TxService.submit` checks a :class:`TxMessage`, records it in ``blaster_tx`` as
``queued`` and answers its ID at once; when ``tx.queue_size`` messages are already waiting
or in flight it raises :class:`~blaster.errors.TxQueueFull` at once instead, never waiting.
One sender thread sends the queue through the first configured relay over one persistent
SMTP connection (:class:`~blaster.messengers.blocking.RelaySession`), outside the campaigns'
rate limits, and records each outcome: ``sent`` with the relay's reply, or ``failed`` with
the SMTP code and text. A temporary failure (4xx, network) is retried up to
``engine.max_attempts`` attempts in all, after ``engine.retry_backoff`` seconds doubled per
attempt (or what the relay asks for, "try again in N seconds"), while later messages go on;
5xx fails at once.
:meth:`TxService.close` takes no more messages and sends what is queued for a bounded
time; what is left then is recorded as failed.

Messages are kept in memory only. Each service holds an advisory lock on its own owner
number while it runs; at start a service records as failed the ``queued`` rows of owners
whose lock is free (lost in a crash: "not sent: ..."), and deletes sent and failed rows
older than ``tx.retention_days``.
"""

from __future__ import annotations

import collections
import email.utils
import heapq
import itertools
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from blaster import addresses, metrics, store
from blaster.backoff import Backoff
from blaster.config import Settings
from blaster.errors import (
    ConfigError,
    PermanentSendError,
    StoreError,
    TransientSendError,
    TxInvalid,
    TxQueueFull,
    TxUnavailable,
)
from blaster.messengers.blocking import RelaySession
from blaster.messengers.replies import retry_hint
from blaster.mime import MessageBuilder, address, clean_header, header_name_error
from blaster.store import tx as db

logger = logging.getLogger(__name__)

#: the JSON fields of a message (``POST /api/tx``)
FIELDS = ("to", "subject", "html", "text", "from", "headers")
#: header naming the message's ``blaster_tx`` ID (for bounce attribution)
TX_HEADER = "X-Blaster-Tx"
#: what a message left in the queue at shutdown is recorded with
UNSENT = "not sent: blaster stopped before sending it"
LOST = "not sent: the blaster process that queued it stopped without recording an outcome"
_RECORD_ATTEMPTS = 3  #: tries to write an outcome while PostgreSQL is away
#: waits between those tries: 0.5 s, then 1 s
_RECORD_BACKOFF = Backoff(base=0.5)
#: a retry waits its backoff give or take 20% (never less than the relay asked)
RETRY_JITTER = (0.8, 1.2)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TxMessage:
    """One transactional message.

    :param to: the recipient, ``addr@example.com`` or ``Name <addr@example.com>``.
    :param subject: the subject (line breaks are folded into spaces).
    :param html: the HTML part; with ``text`` too the message is ``multipart/alternative``.
    :param text: the plain-text part. At least one of ``html`` and ``text`` is needed.
    :param from_addr: the From address; empty = ``tx.from``, else ``notifications.from``.
    :param headers: extra headers ``(name, value)``; blaster's own (From, To, Subject,
        Message-ID, Bcc, ...) cannot be set. Line breaks in values are folded.
    """

    to: str
    subject: str = ""
    html: str | None = None
    text: str | None = None
    from_addr: str = ""
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> TxMessage:
        """A message from the decoded JSON of ``POST /api/tx``.

        :raises TxInvalid: not an object, an unknown field, or a field of the wrong type.
        """
        if not isinstance(data, dict):
            raise TxInvalid("expected a JSON object")
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise TxInvalid(f"unknown field(s) {', '.join(unknown)} (expected {', '.join(FIELDS)})")
        if data.get("to") is None:
            raise TxInvalid("to: required")
        for name in ("to", "subject", "from"):
            _check_type(name, data.get(name), str)
        for name in ("html", "text"):
            _check_type(name, data.get(name), str)
        headers = data.get("headers") or {}
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise TxInvalid('headers: expected an object of strings, like {"X-Key": "value"}')
        return cls(
            to=data["to"],
            subject=data.get("subject") or "",
            html=data.get("html"),
            text=data.get("text"),
            from_addr=data.get("from") or "",
            headers=tuple(headers.items()),
        )


def _check_type(name: str, value: Any, kind: type) -> None:
    if value is not None and not isinstance(value, kind):
        raise TxInvalid(f"{name}: expected a {kind.__name__}, got {type(value).__name__}")


def parse_address(text: str, what: str) -> tuple[str, str]:
    """``(display name, addr-spec)`` of one address; a non-ASCII domain is IDNA-encoded.

    :raises TxInvalid: not exactly one plausible address, line breaks or control
        characters, or a non-ASCII local part (SMTPUTF8 is not used).
    """
    try:
        name, addr = addresses.parse(text, allow_localhost=True)
        return name, addresses.to_ascii(addr)
    except ValueError as exc:
        raise TxInvalid(f"{what}: {exc}") from None


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A checked message, ready to be numbered and assembled."""

    envelope_from: str
    recipient: str
    from_header: str
    to_header: str
    subject: str
    html: str | None
    text: str | None
    headers: tuple[tuple[str, str], ...]

    def build(self, tx_id: int) -> bytes:
        """The message bytes, with ``X-Blaster-Tx: <tx_id>``."""
        builder = MessageBuilder(
            from_addr=self.from_header,
            campaign_uuid="",
            headers=((TX_HEADER, str(tx_id)), *self.headers),
            unsubscribe_header=False,
        )
        domain = addresses.domain(self.envelope_from)
        return builder.build(
            to_addr=self.to_header,
            subject=self.subject,
            html=self.html,
            text=self.text,
            subscriber_uuid="",
            unsubscribe_url="",
            message_id=email.utils.make_msgid(idstring=f"tx{tx_id}", domain=domain),
        )


def prepare(message: TxMessage, default_from: str) -> _Prepared:
    """Check ``message`` (see :class:`TxMessage`).

    :raises TxInvalid: why it cannot be sent.
    """
    to_name, recipient = parse_address(message.to, "to")
    from_name, sender = parse_address(message.from_addr or default_from, "from")
    if message.html is None and message.text is None:
        raise TxInvalid("give html or text (or both)")
    headers: list[tuple[str, str]] = []
    for name, value in message.headers:
        error = header_name_error(name)
        if error:
            raise TxInvalid(f"headers: {error}")
        if not MessageBuilder.allowed(name) or name.lower() == TX_HEADER.lower():
            raise TxInvalid(f"headers: {name} is set by blaster and cannot be given")
        headers.append((name, value))
    return _Prepared(
        envelope_from=sender,
        recipient=recipient,
        from_header=address(from_name, sender),
        to_header=address(to_name, recipient),
        subject=clean_header(message.subject).strip(),
        html=message.html,
        text=message.text,
        headers=tuple(headers),
    )


@dataclass(eq=False, slots=True)
class _Item:
    """A numbered message in the queue."""

    id: int
    sender: str
    recipient: str
    data: bytes
    attempts: int = 0


@dataclass(slots=True)
class _Queue:
    """The messages in memory: new ones in order, retries by due time, and counts of
    those being sent or being numbered. Guarded by :attr:`TxService._cond`."""

    ready: collections.deque[_Item] = field(default_factory=collections.deque)
    later: list[tuple[float, int, _Item]] = field(default_factory=list)
    busy: int = 0  #: taken by the sender, outcome not recorded yet
    reserved: int = 0  #: places taken by submit() while it writes the row
    seq: itertools.count[int] = field(default_factory=itertools.count)

    def __len__(self) -> int:
        return len(self.ready) + len(self.later) + self.busy + self.reserved

    def pop_due(self, now: float) -> _Item | None:
        if self.later and self.later[0][0] <= now:
            return heapq.heappop(self.later)[2]
        return self.ready.popleft() if self.ready else None

    def push_later(self, due: float, item: _Item) -> None:
        heapq.heappush(self.later, (due, next(self.seq), item))

    def take_all(self) -> list[_Item]:
        items = [*self.ready, *(entry[2] for entry in self.later)]
        self.ready.clear()
        self.later.clear()
        return items


class _Rows:
    """The service's ``blaster_tx`` rows: its owner number (held as an advisory lock while it
    runs), the API's connection (``submit``, ``status``; under a lock) and the sender
    thread's own, each reconnected when lost.

    :param dsn: the database.
    :param retention_days: what :meth:`prune` keeps (0: everything).
    """

    def __init__(self, dsn: str, retention_days: int) -> None:
        self.dsn = dsn
        self.retention_days = retention_days
        #: this service's number in ``blaster_tx.owner`` (its advisory lock while it runs)
        self.owner = random.randrange(1, 2**31)
        self._lock = threading.Lock()
        self._conn: store.Conn | None = None  #: the API's, under ``_lock``
        self._sender_conn: store.Conn | None = None  #: the sender thread's own

    def open(self) -> None:
        """Connect, take an owner number, record what crashed services left as failed and
        prune old rows.

        :raises StoreError: PostgreSQL is unreachable.
        """
        with self._lock:
            self._conn = store.connect(self.dsn)
            self._claim(self._conn)
            self._sweep(self._conn)
        self.prune()

    def close_api(self) -> None:
        """Close the API's connection (the owner lock goes with it)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def close_sender(self) -> None:
        """Close the sender thread's connection."""
        if self._sender_conn is not None:
            self._sender_conn.close()
            self._sender_conn = None

    def record(self, tx_id: int, action: Callable[[store.Conn], None]) -> None:
        """Write an outcome with the sender's own connection, reconnecting a few times."""
        for attempt in range(1, _RECORD_ATTEMPTS + 1):
            try:
                if self._sender_conn is None or self._sender_conn.closed:
                    self._sender_conn = store.connect(self.dsn)
                action(self._sender_conn)
                return
            except (StoreError, store.DatabaseError) as exc:
                self.close_sender()
                if attempt == _RECORD_ATTEMPTS:
                    logger.error("tx: %d: outcome not recorded: %s", tx_id, _one_line(exc))
                    return
                time.sleep(_RECORD_BACKOFF.delay(attempt))

    def prune(self) -> int:
        """Delete sent and failed rows older than ``tx.retention_days`` (0: keep them);
        return how many.

        :raises TxUnavailable: PostgreSQL is unreachable.
        """
        days = self.retention_days
        if not days:
            return 0
        pruned = self.query(lambda conn: db.prune(conn, days), retry=True)
        if pruned:
            logger.info("tx: deleted %d row(s) older than %d day(s)", pruned, days)
        return pruned

    def _claim(self, conn: store.Conn) -> None:
        """Hold this service's owner lock on ``conn`` (a new number if another has it)."""
        while not db.claim(conn, self.owner):
            self.owner = random.randrange(1, 2**31)

    def _sweep(self, conn: store.Conn) -> None:
        """Record as failed what services that died (crashed) left ``queued``."""
        swept = db.sweep_orphans(conn, self.owner, LOST)
        if swept:
            logger.warning("tx: %d message(s) lost by a stopped process recorded as failed", swept)
            metrics.TX_MESSAGES.labels("failed").inc(swept)

    def query(self, action: Callable[[store.Conn], T], *, retry: bool) -> T:
        """Run ``action`` on the API's connection, reconnecting when it was lost (and
        trying again when ``retry``: only for reads)."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._conn is None or self._conn.closed:
                        self._conn = store.connect(self.dsn)
                        self._claim(self._conn)
                    return action(self._conn)
                except (StoreError, store.OperationalError) as exc:
                    if self._conn is not None:
                        self._conn.close()
                        self._conn = None
                    if not retry or attempt == 2:
                        raise TxUnavailable(f"database unavailable: {_one_line(exc)}") from None
                except store.DatabaseError as exc:
                    raise TxUnavailable(f"database error: {_one_line(exc)}") from None
        raise AssertionError("unreachable")


class TxService:
    """Sends transactional messages from a bounded queue with one background thread.

    Use it from Python as ``with TxService(settings) as tx: tx.submit(TxMessage(...))``,
    or :meth:`start` / :meth:`submit` / :meth:`close`; the coordinator runs one (its
    ``tx`` attribute) behind ``POST /api/tx``.

    :param settings: ``database.dsn``, the first of ``smtp``, ``tx.queue_size``, ``tx.from`` /
        ``notifications.from``, ``tx.retention_days``, ``engine.max_attempts`` and
        ``engine.retry_backoff`` are used.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size = settings.tx.queue_size
        self.default_from = settings.tx.sender or settings.notifications.sender
        self.server = settings.smtp[0] if settings.smtp else None
        self.backoff = Backoff(base=settings.engine.retry_backoff, jitter=RETRY_JITTER)
        self._cond = threading.Condition()
        self._queue = _Queue()
        self._state = "new"  # -> starting -> running -> stopping -> closed
        self._deadline = 0.0
        self._thread: threading.Thread | None = None
        self.rows = _Rows(settings.database.dsn, settings.tx.retention_days)
        self.sent = 0  #: messages the relay accepted
        self.failed = 0  #: messages recorded as failed

    # --- the API -----------------------------------------------------------------------------

    def start(self) -> TxService:
        """Connect to PostgreSQL and start the sender thread.

        :raises ConfigError: no SMTP server or no database configured.
        :raises StoreError: PostgreSQL is unreachable.
        """
        if self.server is None:
            raise ConfigError("smtp: transactional messages need an SMTP server (BLASTER_SMTP)")
        if not self.settings.database.dsn:
            raise ConfigError("database.dsn: transactional messages need a database")
        with self._cond:
            if self._state != "new":
                raise TxUnavailable(f"the transactional service is {self._state}")
            self._state = "starting"
        try:
            self.rows.open()
        except BaseException:
            with self._cond:
                self._state = "new"
            raise
        with self._cond:
            self._thread = threading.Thread(target=self._run, name="tx-sender", daemon=True)
            self._state = "running"
            self._thread.start()
        metrics.tx_started()
        logger.info(
            "tx: sending through %s (queue of %d)", self.server.label, self.settings.tx.queue_size
        )
        return self

    def submit(self, message: TxMessage) -> int:
        """Queue ``message``; return its ID (its ``blaster_tx`` row) without waiting for it
        to be sent.

        :raises TxInvalid: the message cannot be sent as given.
        :raises TxQueueFull: ``tx.queue_size`` messages are waiting already.
        :raises TxUnavailable: not running, or PostgreSQL is unreachable.
        """
        prepared = prepare(message, self.default_from)
        with self._cond:
            if self._state != "running":
                raise TxUnavailable(f"transactional sending is not running ({self._state})")
            if len(self._queue) >= self.size:
                raise TxQueueFull(f"the transactional queue is full ({self.size} messages)")
            self._queue.reserved += 1
        item: _Item | None = None
        try:
            owner = self.rows.owner
            tx_id = self.rows.query(
                lambda conn: db.insert(conn, prepared.recipient, prepared.subject, owner),
                retry=False,
            )
            item = _Item(tx_id, prepared.envelope_from, prepared.recipient, prepared.build(tx_id))
        finally:
            with self._cond:
                self._queue.reserved -= 1
                if item is not None:
                    self._queue.ready.append(item)
                    metrics.TX_QUEUED.set(len(self._queue))
                    self._cond.notify_all()
        logger.debug("tx: %d queued for %s", tx_id, prepared.recipient)
        return tx_id

    def status(self, tx_id: int) -> dict[str, Any] | None:
        """The message's row (status, SMTP code and text, attempts, times), or None.

        :raises TxUnavailable: PostgreSQL is unreachable.
        """
        return self.rows.query(lambda conn: db.get(conn, tx_id), retry=True)

    @property
    def queued(self) -> int:
        """Messages waiting, being retried or being sent."""
        with self._cond:
            return len(self._queue)

    def stop(self, timeout: float = 30.0) -> None:
        """Take no more messages; the sender goes on with the queue for at most ``timeout``
        seconds, then records what is left as failed. Returns at once."""
        with self._cond:
            if self._state == "new":
                self._state = "closed"
            elif self._state == "running":
                self._state = "stopping"
                self._deadline = time.monotonic() + timeout
                self._cond.notify_all()

    def close(self, timeout: float = 30.0) -> None:
        """:meth:`stop` (if not stopped yet), then wait for the sender thread: at most
        ``timeout`` seconds plus one message in flight. Idempotent."""
        self.stop(timeout)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            assert self.server is not None
            grace = min(self.server.timeout, 10.0)
            thread.join(max(0.0, self._deadline - time.monotonic()) + grace)
            if thread.is_alive():
                logger.warning("tx: the sender is still busy with a message; leaving it")
        with self._cond:
            self._state = "closed"
        self.rows.close_api()

    def prune(self) -> int:
        """Delete old sent and failed rows (see :meth:`_Rows.prune`); return how many."""
        return self.rows.prune()

    def __enter__(self) -> TxService:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the sender thread -------------------------------------------------------------------

    def _run(self) -> None:
        assert self.server is not None
        session = RelaySession(self.server)
        try:
            while (item := self._take(session)) is not None:
                self._deliver(item, session)
        finally:
            session.close()
            self._abandon()
            self.rows.close_sender()

    def _take(self, session: RelaySession) -> _Item | None:
        """The next message due; None once stopping and the queue is empty or time is up."""
        while True:
            session.close_if_idle()  # outside the lock: QUIT is a round trip
            with self._cond:
                now = time.monotonic()
                if self._state != "running" and (not self._queue or now >= self._deadline):
                    return None
                item = self._queue.pop_due(now)
                if item is not None:
                    self._queue.busy += 1
                    return item
                self._cond.wait(self._wait_time(now, session))

    def _wait_time(self, now: float, session: RelaySession) -> float | None:
        """Seconds until something is due: a retry, the stop deadline, the idle timeout."""
        due = [self._queue.later[0][0]] if self._queue.later else []
        if self._state != "running":
            due.append(self._deadline)
        idle = session.idle_deadline()
        if idle is not None:
            due.append(idle)
        return max(0.0, min(due) - now) if due else None

    def _deliver(self, item: _Item, session: RelaySession) -> None:
        item.attempts += 1
        try:
            code, text = session.send(item.sender, item.recipient, item.data)
        except PermanentSendError as exc:
            self._finish(item, "failed", exc.code, exc.message)
        except TransientSendError as exc:
            if item.attempts >= self.settings.engine.max_attempts:
                self._finish(item, "failed", exc.code, exc.message)
            else:
                self._retry(item, exc)
        except Exception as exc:  # the sender thread must outlive any one message
            logger.exception("tx: %d: unexpected error", item.id)
            self._finish(item, "failed", 0, f"internal error: {exc}")
        else:
            self._finish(item, "sent", code, text)

    def _retry(self, item: _Item, exc: TransientSendError) -> None:
        delay = self.backoff.delay(item.attempts, at_least=retry_hint(exc.message))
        logger.debug("tx: %d: %s; retry in %.1fs", item.id, exc, delay)
        code, text = exc.code, exc.message
        self.rows.record(
            item.id, lambda conn: db.update(conn, item.id, "queued", item.attempts, code, text)
        )
        with self._cond:
            self._queue.busy -= 1
            self._queue.push_later(time.monotonic() + delay, item)

    def _finish(self, item: _Item, status: str, code: int, text: str) -> None:
        if status == "sent":
            logger.debug("tx: %d sent to %s", item.id, item.recipient)
        else:
            logger.info("tx: %d to %s failed: %s %s", item.id, item.recipient, code or "", text)
        self.rows.record(
            item.id, lambda conn: db.update(conn, item.id, status, item.attempts, code, text)
        )
        metrics.TX_MESSAGES.labels(status).inc()
        with self._cond:
            self._queue.busy -= 1
            if status == "sent":
                self.sent += 1
            else:
                self.failed += 1
            metrics.TX_QUEUED.set(len(self._queue))
            self._cond.notify_all()

    def _abandon(self) -> None:
        """Record what is still queued after the stop deadline as failed."""
        with self._cond:
            items = self._queue.take_all()
            self.failed += len(items)
            metrics.TX_QUEUED.set(len(self._queue))
        if not items:
            return
        logger.warning("tx: %d message(s) not sent before the stop deadline", len(items))
        metrics.TX_MESSAGES.labels("failed").inc(len(items))
        ids = [item.id for item in items]
        self.rows.record(ids[0], lambda conn: db.fail_unsent(conn, ids, UNSENT))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
