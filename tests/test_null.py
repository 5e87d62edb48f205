"""The null messenger (:mod:`blaster.messengers.null`): it records what it is given, refuses
what its hook names, and drives the worker's sender code without a relay."""

from __future__ import annotations

import asyncio
import queue
from types import SimpleNamespace

from blaster.config import Engine, Settings, SmtpServer
from blaster.errors import PermanentSendError, SendError, TransientSendError
from blaster.messengers import Session
from blaster.messengers.null import NullSession, Sent
from blaster.models import Checkpoint, FailureKind, Shard
from blaster.ratelimit import RateLimits
from blaster.shardrun import Job, ShardRun
from blaster.worker import Worker


async def test_records_counts_and_refuses():
    def refuse(sender: str, recipient: str, data: bytes) -> SendError | None:
        return PermanentSendError(550, "no such user") if recipient.startswith("x") else None

    session: Session = NullSession("sink:25", refuse=refuse)
    assert isinstance(session, NullSession)
    assert not session.connected
    await session.send("a@example.com", "b@example.com", b"hi\r\n")
    try:
        await session.send("a@example.com", "x@example.com", b"hi\r\n")
    except PermanentSendError as exc:
        assert exc.code == 550
    else:
        raise AssertionError("the hook's error was not raised")
    assert session.connected and session.connections == 1
    assert session.sent == [Sent("a@example.com", "b@example.com", b"hi\r\n")]
    assert (session.count, session.refused) == (1, 1)
    await session.close()
    await session.close()  # idempotent
    assert not session.connected

    counting = NullSession(record=False)
    for _ in range(3):
        await counting.send("", "b@example.com", b"")
    assert counting.count == 3 and counting.sent == []


async def test_worker_senders_over_null_sessions():
    """The worker's senders hand jobs to its sessions and apply its retry policy: accepted,
    refused (5xx, recorded at once) and throttled (4xx, retried until attempts run out)."""

    def refuse(sender: str, recipient: str, data: bytes) -> SendError | None:
        if recipient.startswith("bad"):
            return PermanentSendError(550, "no such user")
        if recipient.startswith("busy"):
            return TransientSendError(451, "busy")
        return None

    sessions: list[NullSession] = []

    def messenger(server: SmtpServer) -> NullSession:
        sessions.append(NullSession(server.label, refuse=refuse))
        return sessions[-1]

    server = SmtpServer(port=2525, connections=3)
    settings = Settings(smtp=(server,), engine=Engine(retry_backoff=0.001, max_attempts=2))
    worker = Worker(
        settings=settings,
        worker_id=1,
        reports=queue.Queue(),  # type: ignore[arg-type]
        limits=RateLimits(),
        messenger=messenger,
    )
    assert len(sessions) == 3 and worker.sessions == sessions
    ctx = SimpleNamespace(envelope_from="news@example.com", label="1", route=None)
    run = ShardRun(ctx, Shard(1, 1, 0, 100, Checkpoint(0)), asyncio.Semaphore(100))  # type: ignore[arg-type]
    senders = [asyncio.ensure_future(worker.senders.sender(s)) for s in worker.sessions]
    names = ["ok", "bad", "busy", "ok", "ok"]
    for i, name in enumerate(names, start=1):
        await run.window.acquire()
        run.frontier.add(i)
        run.started()
        await worker.senders.queue.put(Job(run, i, f"{name}{i}@example.com", b"x\r\n"))
    await asyncio.wait_for(run.idle.wait(), 5)
    for _ in senders:
        worker.senders.queue.put_nowait(None)
    await asyncio.wait_for(asyncio.gather(*senders), 5)

    delivered = sorted(m.recipient for s in sessions for m in s.sent)
    assert delivered == ["ok1@example.com", "ok4@example.com", "ok5@example.com"]
    assert run.sent == 3 and run.frontier.value == 5
    kinds = {(f.subscriber_id, f.kind, f.code, f.attempts) for f in run.failures}
    assert kinds == {(2, FailureKind.PERMANENT, 550, 1), (3, FailureKind.TEMPORARY, 451, 2)}


async def test_a_sender_pool_stopped_before_it_started_closes_its_sessions():
    """Draining a worker whose senders never started (it failed at start) only closes."""
    from blaster.senders import SenderPool

    server = SmtpServer(port=2525, connections=2)
    sessions: list[Session] = [NullSession(server.label) for _ in range(2)]
    pool = SenderPool(
        settings=Settings(smtp=(server,)),
        worker_id=0,
        limits=RateLimits(),
        sessions=sessions,
        spawn=lambda coro: coro.close(),
    )
    await sessions[0].connect()
    await asyncio.wait_for(pool.stop(1.0), 5)
    assert not any(s.connected for s in sessions) and pool.tasks == []
