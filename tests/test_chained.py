"""The sender pool pipelining across transactions, against real aiosmtpd servers: each next
message's MAIL/RCPT/DATA written behind the previous one's data, every outcome paired with
its own message (delivered once, retried, or recorded), 421s, drops and timeouts charged to
their own message only, the relay's ``max_rate`` and the shard lease checked before a
transaction is written, SIZE offered, and stops (a drain, a stop past its timeout) that
leave no transaction open and no message taken off the queue unsettled.

Every run is a :class:`Checked` one: a message settled twice, or one taken and never settled
nor requeued, fails the test (:func:`settled_exactly_once`).
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from prometheus_client import REGISTRY

from blaster import metrics
from blaster.config import Engine, Settings, SmtpServer
from blaster.messengers import Chaining
from blaster.messengers.smtp import SmtpSession
from blaster.models import Checkpoint, FailureKind, Shard
from blaster.ratelimit import RateLimits
from blaster.senders import SenderPool
from blaster.shardrun import Job, ShardRun
from blaster.sink import Sink, SinkHandler
from tests.helpers import free_port

SENDER = "news@example.com"


class Counting(SmtpSession):
    """An SmtpSession that notes when each transaction was written (start, or chained
    behind another's data) and how many were chained."""

    def __init__(self, server: SmtpServer) -> None:
        super().__init__(server)
        self.chained = 0
        self.written: list[float] = []  #: monotonic time each transaction's MAIL went out
        self.sends = 0  #: transactions sent whole, one at a time (send())
        self.starts = 0  #: transactions begun to be chained (start())

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        self.sends += 1
        self.written.append(time.monotonic())
        await super().send(sender, recipient, data)

    async def start(self, sender: str, recipient: str, data: bytes) -> bool:
        self.starts += 1
        self.written.append(time.monotonic())
        return await super().start(sender, recipient, data)

    async def finish(self, then: Any = None) -> Any:
        if then is not None:
            self.chained += 1
            self.written.append(time.monotonic())
        return await super().finish(then)


@dataclass(eq=False)
class Checked(ShardRun):
    """A shard run that counts how each message left it: done (sent or failed) by ID, or
    abandoned (not started, a resume sends it)."""

    done: collections.Counter[int] = field(default_factory=collections.Counter)
    abandoned: int = 0
    read: int = 0  #: messages the producer put on their way

    def started(self) -> None:
        self.read += 1
        super().started()

    def finished(self, subscriber_id: int | None, parked: bool = False) -> None:
        assert self.outstanding > 0, "a message settled twice"
        if subscriber_id is None:
            self.abandoned += 1
        else:
            self.done[subscriber_id] += 1
        super().finished(subscriber_id, parked)


class FaultyHandler(SinkHandler):
    """The sink's handler (``reply`` hook, 421 then close), and two faults more for the
    recipients ``fault`` names on their first try: ``"drop"`` closes the connection after
    the data without a reply, ``"stall"`` holds the reply for ``stall`` seconds (past the
    client's timeout) and then refuses. Neither delivers."""

    def __init__(
        self, fault: Callable[[str], str] | None = None, stall: float = 0.0, **kw: Any
    ) -> None:
        super().__init__(keep=True, **kw)
        self.fault = fault
        self.stall = stall
        self.faulted: set[str] = set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        rcpt = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        fault = self.fault(rcpt) if self.fault and rcpt not in self.faulted else ""
        if fault:
            self.faulted.add(rcpt)
        if fault == "drop":
            server.transport.abort()
            return "451 not reached"
        if fault == "stall":
            await asyncio.sleep(self.stall)
            return "451 4.3.0 too late"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink(request: pytest.FixtureRequest) -> Iterator[tuple[FaultyHandler, int]]:
    """aiosmtpd (offering PIPELINING and SIZE) in a thread; parameters: the handler's
    keywords, and ``size``, the SIZE limit."""
    param = dict(getattr(request, "param", {}))
    size = param.pop("size", 10_000_000)
    handler = FaultyHandler(**param)
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        data_size_limit=size,
        server_kwargs={"decode_data": False},
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def body(i: int, size: int = 0) -> bytes:
    return f"Subject: {i}\r\n\r\nhello {i}\r\n".encode() + b"x" * size + b"\r\n"


def rcpt(i: int) -> str:
    return f"u{i}@example.com"


def number(rcpt: str) -> int:
    return int(rcpt[1:].partition("@")[0])


@dataclass
class Delivery:
    pool: SenderPool
    run: Checked
    sessions: list[Counting]
    window: int

    @property
    def chained(self) -> int:
        return sum(s.chained for s in self.sessions)

    @property
    def written(self) -> list[float]:
        return sorted(t for s in self.sessions for t in s.written)


async def deliver(
    server: SmtpServer | tuple[SmtpServer, ...],
    count: int,
    *,
    limits: RateLimits | None = None,
    data: Callable[[int], bytes] = body,
    trusted_for: float = float("inf"),
    during: Callable[[Delivery], Any] | None = None,
    chaining: bool = True,
    wait_idle: bool = True,
    stop_timeout: float = 10.0,
    window: int = 0,
    pace: float = 0.0,
    **engine: Any,
) -> Delivery:
    """Produce ``count`` messages of one shard (its lease good for ``trusted_for`` seconds)
    as the producer does, into a sender pool with one :class:`Counting` session per
    connection, running ``during(delivery)`` meanwhile; wait until the shard is idle (unless
    told not to), then stop the pool as a worker does. The shard's in-flight window is
    ``window`` messages, 2 × connections by default (as in a worker); ``pace`` seconds
    apart, if given (a producer slower than the relays)."""
    servers = server if isinstance(server, tuple) else (server,)
    sessions = [Counting(s) for s in servers for _ in range(s.connections)]
    background: set[asyncio.Task[None]] = set()

    def spawn(coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        background.add(task)
        task.add_done_callback(background.discard)

    pool = SenderPool(
        settings=Settings(smtp=servers, engine=Engine(**({"retry_backoff": 0.01} | engine))),
        worker_id=1,
        limits=limits or RateLimits(),
        sessions=list(sessions),
        spawn=spawn,
        chaining=chaining,
    )
    ctx = SimpleNamespace(envelope_from=SENDER, label="1", route=None)
    slots = asyncio.Semaphore(window or 2 * len(sessions))
    run = Checked(ctx, Shard(1, 1, 0, count, Checkpoint(0)), slots)  # type: ignore[arg-type]
    run.trusted_until = time.monotonic() + trusted_for
    delivery = Delivery(pool, run, sessions, window or 2 * len(sessions))
    pool.start()

    async def produce() -> None:
        for i in range(1, count + 1):
            await run.window.acquire()
            if run.stopping:
                run.window.release()
                break
            run.frontier.add(i)
            run.started()
            await pool.put(Job(run, i, rcpt(i), data(i)))
            if pace:
                await asyncio.sleep(pace)
        if wait_idle:
            await run.idle.wait()

    extra = [during(delivery)] if during is not None else []
    await asyncio.wait_for(asyncio.gather(produce(), *extra), 30)
    await asyncio.wait_for(pool.stop(stop_timeout), stop_timeout + 10)
    return delivery


def received(handler: SinkHandler) -> collections.Counter[str]:
    return collections.Counter(r for m in handler.messages for r in m.recipients)


def settled_exactly_once(d: Delivery, handler: SinkHandler) -> None:
    """No message lost, none doubled: every message read is settled once (sent or failed)
    or abandoned as not started; what the relay got is exactly what was settled sent,
    once each; nothing is in flight, the window is whole, no transaction is left open."""
    run = d.run
    assert max(run.done.values(), default=1) == 1
    assert len(run.done) + run.abandoned == run.read
    assert run.outstanding == 0 and run.parked == 0 and run.idle.is_set()
    assert run.window._value == d.window
    assert d.pool.inflight == 0
    failed = {f.subscriber_id for f in run.failures}
    assert len(failed) == len(run.failures)
    got = received(handler)
    assert set(got.values()) <= {1}, "a message delivered twice"
    assert {number(r) for r in got} == set(run.done) - failed
    assert all(s._pending is None and not s.connected for s in d.sessions)


def latency_count(label: str) -> float:
    """Observations of the relay's send-latency histogram so far (the worker's batches
    flushed, as its reporter does)."""
    metrics.flush_batched()
    return REGISTRY.get_sample_value("blaster_smtp_send_seconds_count", {"server": label}) or 0


def relay(port: int, **kw: Any) -> SmtpServer:
    return SmtpServer(host="127.0.0.1", port=port, **({"connections": 2, "timeout": 5.0} | kw))


# --- delivery ---------------------------------------------------------------------------------


async def test_smtp_sessions_chain():
    assert isinstance(SmtpSession(relay(25)), Chaining)


async def test_the_pool_chains_transactions(sink):
    handler, port = sink
    server = relay(port)
    d = await deliver(server, 300)
    assert received(handler) == collections.Counter(rcpt(i) for i in range(1, 301))
    assert d.run.sent == 300 and d.run.frontier.value == 300 and not d.run.failures
    settled_exactly_once(d, handler)
    print(f"300 messages, {d.chained} begun behind another's data")
    assert d.chained > 150
    assert len(d.written) == 300 and latency_count(server.label) == 300  # one per message
    assert handler.quits == 2  # the stop finished every transaction, then QUIT


async def test_chaining_off_sends_one_transaction_at_a_time(sink):
    handler, port = sink
    d = await deliver(relay(port), 100, chaining=False)
    assert d.run.sent == 100 and d.chained == 0 and len(d.written) == 100
    assert sum(s.sends for s in d.sessions) == 100 and not any(s.starts for s in d.sessions)
    settled_exactly_once(d, handler)


@pytest.mark.parametrize("sink", [{"pipelining": False}], indirect=True)
async def test_a_relay_without_pipelining_keeps_the_classic_path(sink):
    handler, port = sink
    server = relay(port)
    d = await deliver(server, 50)
    assert len(received(handler)) == 50 and d.run.sent == 50
    assert not any(s.pipelining for s in d.sessions) and d.chained == 0
    assert sum(s.sends for s in d.sessions) == 50 and not any(s.starts for s in d.sessions)
    assert latency_count(server.label) == 50
    settled_exactly_once(d, handler)


# --- faults, each paired with its own message -------------------------------------------------


def faulty(rcpt: str, attempt: int) -> str:
    """Every 13th refused for good; every 7th throttled, every 11th 421 (the connection
    closes with the next transaction already written), each on its first attempt."""
    i = number(rcpt)
    if i % 13 == 0:
        return "550 5.1.1 no such user"
    if attempt == 1 and i % 7 == 0:
        return "451 4.7.1 slow down"
    if attempt == 1 and i % 11 == 0:
        return "421 4.3.2 closing"
    return "250 OK"


@pytest.mark.parametrize("sink", [{"reply": faulty}], indirect=True)
async def test_faults_mid_pipeline_are_paired_with_their_messages(sink):
    handler, port = sink
    server = relay(port)
    d = await deliver(server, 400)
    got = received(handler)
    wanted = {rcpt(i) for i in range(1, 401) if i % 13}
    assert set(got) == wanted and set(got.values()) == {1}  # every one once, none lost
    failed = {(f.subscriber_id, f.kind, f.code, f.attempts) for f in d.run.failures}
    assert failed == {(i, FailureKind.PERMANENT, 550, 1) for i in range(13, 401, 13)}
    assert d.run.sent == len(wanted) and d.run.frontier.value == 400
    settled_exactly_once(d, handler)
    assert d.chained > 100
    assert latency_count(server.label) == len(d.written)  # each transaction observed once


def every_third_421(rcpt: str, attempt: int) -> str:
    return "421 4.3.2 closing" if number(rcpt) % 3 == 0 else "250 OK"


@pytest.mark.parametrize("sink", [{"reply": every_third_421}], indirect=True)
async def test_a_421_is_charged_to_its_own_message_only(sink):
    """With one attempt allowed, exactly the messages answered 421 fail; those chained
    behind them (their commands unanswered, their data never sent) go again, uncharged."""
    handler, port = sink
    d = await deliver(relay(port), 150, max_attempts=1)
    assert set(received(handler)) == {rcpt(i) for i in range(1, 151) if i % 3}
    failed = {(f.subscriber_id, f.kind, f.code) for f in d.run.failures}
    assert failed == {(i, FailureKind.TEMPORARY, 421) for i in range(3, 151, 3)}
    assert d.run.sent == 100 and d.run.frontier.value == 150
    settled_exactly_once(d, handler)
    assert d.chained > 20


def every_ninth(kind: str) -> Callable[[str], str]:
    return lambda rcpt: kind if number(rcpt) % 9 == 0 else ""


@pytest.mark.parametrize(
    "sink",
    [{"fault": every_ninth("drop")}, {"fault": every_ninth("stall"), "stall": 0.6}],
    indirect=True,
    ids=["dropped", "timed-out"],
)
async def test_a_lost_connection_is_charged_to_its_own_message_only(sink):
    """The relay drops the connection after a message's data without a reply, or does not
    reply within the timeout: with one attempt allowed, exactly those messages fail (code
    0); the ones chained behind them go again uncharged and are delivered once."""
    handler, port = sink
    d = await deliver(relay(port, timeout=0.3), 90, max_attempts=1)
    lost = set(range(9, 91, 9))
    assert set(received(handler)) == {rcpt(i) for i in range(1, 91) if i not in lost}
    assert {(f.subscriber_id, f.kind, f.code) for f in d.run.failures} == {
        (i, FailureKind.TEMPORARY, 0) for i in lost
    }
    settled_exactly_once(d, handler)
    assert d.chained > 20


@pytest.mark.parametrize("sink", [{"fault": every_ninth("drop")}], indirect=True)
async def test_a_dropped_message_is_retried_and_delivered_once(sink):
    handler, port = sink
    d = await deliver(relay(port), 200)
    assert received(handler) == collections.Counter(rcpt(i) for i in range(1, 201))
    assert d.run.sent == 200 and not d.run.failures
    settled_exactly_once(d, handler)


@pytest.mark.parametrize("sink", [{"size": 2000}], indirect=True)
async def test_size_offered(sink):
    """SIZE= with each chained MAIL: a message over the relay's limit is refused alone."""
    handler, port = sink
    d = await deliver(relay(port), 120, data=lambda i: body(i, 3000 if i % 4 == 0 else 500))
    assert set(received(handler)) == {rcpt(i) for i in range(1, 121) if i % 4}
    assert {(f.subscriber_id, f.kind, f.code) for f in d.run.failures} == {
        (i, FailureKind.PERMANENT, 552) for i in range(4, 121, 4)
    }
    settled_exactly_once(d, handler)
    assert d.chained > 30


# --- rate limits and the lease ----------------------------------------------------------------


async def test_max_rate_is_taken_before_each_transaction_is_written(sink):
    handler, port = sink
    server = relay(port, max_rate=100.0)
    limits = RateLimits(servers=((server.label, 100.0),))
    d = await deliver(server, 150, limits=limits)
    assert len(received(handler)) == 150 and d.run.sent == 150
    written = d.written
    assert len(written) == 150
    burst = 10  # the bucket banks a tenth of a second
    for i in range(len(written)):
        for j in range(i + 1, len(written)):  # never more than the bucket allows
            assert j - i <= burst + 100.0 * (written[j] - written[i]) + 1e-6
    print(f"150 messages at max_rate 100: {written[-1] - written[0]:.2f} s, {d.chained} chained")
    assert d.chained > 0  # while the bucket's burst lasts
    settled_exactly_once(d, handler)


async def test_nothing_is_written_past_the_lease_deadline(sink):
    """The shard's lease runs out while messages are chained: no transaction is written
    after the deadline, not even behind another's data, until the lease is renewed."""
    handler, port = sink
    deadline: list[float] = []

    async def renew_late(d: Delivery) -> None:
        run = d.run
        await asyncio.sleep(0.6)
        assert 0 < len(handler.messages) < 2000  # the deadline held some back
        deadline.append(run.trusted_until)
        deadline.append(time.monotonic())
        run.trusted_until = float("inf")

    d = await deliver(relay(port), 2000, trusted_for=0.1, during=renew_late)
    assert len(received(handler)) == 2000 and d.run.sent == 2000
    # checked just before the write; noted just after it
    late = [t for t in d.written if deadline[0] + 0.005 < t < deadline[1]]
    assert late == [], f"{len(late)} transactions written past the deadline"
    assert d.chained > 500
    settled_exactly_once(d, handler)


# --- stopping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("chaining", [True, False], ids=["chained", "one-at-a-time"])
async def test_a_drain_mid_stream_starts_nothing_more_and_loses_nothing(sink, chaining):
    """The run stops (a drain, a pause, a lost lease) while messages are chained and
    queued (a window larger than the connections carry): no transaction is written after
    that, the ones on the wire finish, the queued ones are abandoned as not started; every
    message is sent once or left undone."""
    handler, port = sink
    stopped: list[float] = []

    async def drain(d: Delivery) -> None:
        run = d.run
        while len(handler.messages) < 200:
            await asyncio.sleep(0.001)
        run.stopping = True
        stopped.append(time.monotonic())
        await run.idle.wait()

    d = await deliver(relay(port), 3000, during=drain, chaining=chaining, window=32)
    settled_exactly_once(d, handler)
    assert d.run.abandoned > 0 and len(d.run.done) < 3000
    assert [t for t in d.written if t > stopped[0]] == []
    undone = set(d.run.frontier.undone())
    assert undone and not undone & set(d.run.done)  # a resume sends exactly the rest


@pytest.mark.parametrize("chaining", [True, False], ids=["chained", "one-at-a-time"])
@pytest.mark.parametrize("sink", [{"delay": 3.0}], indirect=True)
async def test_a_stop_past_its_timeout_abandons_what_it_cut_short(sink, chaining):
    """The relay holds every reply to a message's data; the pool is stopped with a short
    timeout: the senders are cancelled, the transactions cut short are dropped with their
    connections, and every job the senders held is abandoned (undone: a resume sends it),
    none settled twice, none lost."""
    _handler, port = sink
    count = 4 if chaining else 2  # two on the wire per connection, or one
    d = await deliver(
        relay(port, timeout=30.0),
        count,
        chaining=chaining,
        wait_idle=False,
        during=lambda d: asyncio.sleep(0.5),  # all on the wire, their replies held
        stop_timeout=0.5,
    )
    run = d.run
    assert run.abandoned == count and not run.done and run.outstanding == 0
    assert run.idle.is_set() and run.window._value == 4 and d.pool.inflight == 0
    assert set(run.frontier.undone()) == set(range(1, count + 1))
    assert all(s._pending is None and not s.connected for s in d.sessions)
    assert d.chained == (2 if chaining else 0)


@pytest.mark.parametrize("chaining", [True, False], ids=["chained", "one-at-a-time"])
@pytest.mark.parametrize("sink", [{"delay": 0.05}], indirect=True)
async def test_a_stop_with_a_full_queue_ends_once_the_queue_is_sent(sink, chaining):
    """The pool is stopped while its queue is full (a worker's drain timed out with work
    still queued): every sender still gets its stop marker, so the pool ends once the
    queued jobs are sent, not at the stop's timeout, and every message is settled once."""
    handler, port = sink
    full: list[bool] = []

    async def until_the_producer_is_done(d: Delivery) -> None:
        while d.run.read < 40:
            await asyncio.sleep(0.001)
        full.append(d.pool.queue.full())

    started = time.monotonic()
    d = await deliver(
        relay(port),
        40,
        chaining=chaining,
        window=40,
        wait_idle=False,
        during=until_the_producer_is_done,
        stop_timeout=8.0,
    )
    took = time.monotonic() - started
    assert full == [True]
    settled_exactly_once(d, handler)
    assert len(d.run.done) == 40 and d.run.abandoned == 0
    assert took < 5.0, f"the stop took {took:.1f}s: a sender waited out the timeout"


@pytest.mark.parametrize("sink", [{"delay": 0.02}], indirect=True)
async def test_the_stop_marker_taken_behind_an_open_transaction(sink):
    """The stop marker comes off the queue where a chain looks for its next job: the open
    transaction finishes alone (delivered, settled), the sender ends without waiting for the
    pool's stop, and the session closes with QUIT (nothing was left open)."""
    handler, port = sink
    ended: list[bool] = []

    async def stop_mid_chain(d: Delivery) -> None:
        while d.chained < 2:  # the third message is begun behind the second's data
            await asyncio.sleep(0)
        d.pool.queue.put_nowait(None)
        await d.run.idle.wait()
        await asyncio.sleep(0.05)
        ended.append(d.pool.tasks[0].done())

    d = await deliver(relay(port, connections=1), 3, window=3, during=stop_mid_chain)
    assert received(handler) == collections.Counter(rcpt(i) for i in range(1, 4))
    assert d.chained == 2 and ended == [True] and handler.quits == 1
    settled_exactly_once(d, handler)


async def test_shares_follow_relay_weights_with_chaining():
    """Two relays weighted 3:1, a producer slower than both: the split is the weights'
    (the queue is empty when a session asks, so jobs go by the relays' clocks)."""
    with Sink(FaultyHandler()) as one, Sink(FaultyHandler()) as other:
        heavy, light = relay(one.port, weight=3.0), relay(other.port, connections=4)
        d = await deliver((heavy, light), 400, pace=0.002)
    a, b = len(one.handler.messages), len(other.handler.messages)
    print(f"weights 3:1 with chaining: {a} / {b} ({d.chained} chained)")
    assert a + b == 400 and d.run.sent == 400
    assert a == pytest.approx(300, abs=40)


async def test_cancelled_while_pausing_after_a_drop_with_a_job_taken(fake):
    """The connection drops after the first message's data (no reply) while the second,
    taken off the queue, waits for its rate token; the sender pauses (give the relay a
    moment) holding it, and is cancelled there by a stop (its session is not connected):
    the taken one is abandoned, the first's retry is abandoned once the run is stopping;
    none lost, none settled twice."""
    fake.finals = ["close"]
    server = relay(fake.port, connections=1, max_rate=2.0)  # the second token: in 0.5 s

    async def stop_during_the_pause(d: Delivery) -> None:
        while not fake.bodies:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.2)  # the pause after a dropped connection lasts 1 s
        assert d.pool.sessions[0].connected is False and d.pool.inflight == 0
        d.run.stopping = True  # a drain: then the pool's stop

    limits = RateLimits(servers=((server.label, 2.0),))
    d = await deliver(
        server, 2, limits=limits, during=stop_during_the_pause, wait_idle=False, retry_backoff=1.0
    )
    assert d.pool.tasks[0].cancelled() and d.chained == 0
    await asyncio.wait_for(d.run.idle.wait(), 3)  # the first's retry, abandoned
    run = d.run
    assert run.abandoned == 2 and not run.done and run.outstanding == 0 and run.parked == 0
    assert run.window._value == 2 and d.pool.inflight == 0
    assert len(fake.bodies) == 1 and fake.verbs().count("MAIL") == 1
