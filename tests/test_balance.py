"""The weighted hand-out of jobs to relay sessions (:mod:`blaster.balance`): shares follow
weights while relays wait for work, a busy relay is not waited for, a relay coming back gets
no burst, and no job is lost when a waiting session is cancelled."""

from __future__ import annotations

import asyncio
import collections

import pytest

from blaster import config
from blaster.balance import WeightedQueue, relay_weights
from blaster.errors import ConfigError


async def consume(
    queue: WeightedQueue[int | None],
    group: str,
    taken: collections.Counter[str],
    delay: float = 0.0,
) -> None:
    """A session: take jobs until ``None``, count them, spend ``delay`` on each."""
    while await queue.get(group) is not None:
        taken[group] += 1
        await asyncio.sleep(delay)


async def produce(queue: WeightedQueue[int | None], count: int) -> None:
    """A producer slower than the sessions: one job, then let everybody run."""
    for i in range(count):
        await queue.put(i)
        await asyncio.sleep(0)


async def run_pool(
    queue: WeightedQueue[int | None], sessions: dict[str, int], jobs: int, delay: float = 0.0
) -> collections.Counter[str]:
    taken: collections.Counter[str] = collections.Counter()
    tasks = [
        asyncio.create_task(consume(queue, group, taken, delay))
        for group, n in sessions.items()
        for _ in range(n)
    ]
    await produce(queue, jobs)
    for _ in tasks:
        await queue.put(None)
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    return taken


@pytest.mark.parametrize(
    ("weights", "sessions"),
    [
        ({"a": 3, "b": 1}, {"a": 4, "b": 4}),
        ({"a": 1, "b": 1}, {"a": 16, "b": 2}),  # shares follow weights, not connections
        ({"a": 1, "b": 2, "c": 5}, {"a": 3, "b": 3, "c": 3}),
        ({"a": 0.5, "b": 1.5}, {"a": 1, "b": 8}),
    ],
)
async def test_shares_follow_weights_while_sessions_wait(weights, sessions):
    jobs = 4000
    taken = await run_pool(WeightedQueue(weights, maxsize=8), sessions, jobs)
    total = sum(weights.values())
    assert sum(taken.values()) == jobs
    for group, weight in weights.items():
        assert taken[group] == pytest.approx(jobs * weight / total, abs=5), taken


async def test_a_busy_relay_is_not_waited_for():
    """b (weight 9) has one session stuck on its first job: a gets all the rest."""
    queue: WeightedQueue[int | None] = WeightedQueue({"a": 1, "b": 9}, maxsize=4)
    stuck = asyncio.Event()
    got: list[int] = []

    async def stuck_session() -> None:
        got.append(await queue.get("b"))
        await stuck.wait()

    taken: collections.Counter[str] = collections.Counter()
    b = asyncio.create_task(stuck_session())
    a = [asyncio.create_task(consume(queue, "a", taken)) for _ in range(2)]
    await asyncio.wait_for(produce(queue, 1000), 5)
    for _ in a:
        await queue.put(None)
    await asyncio.wait_for(asyncio.gather(*a), 5)
    stuck.set()
    await b
    assert len(got) == 1 and taken["a"] == 999


async def test_backlog_goes_to_whoever_is_free():
    """Jobs already queued go to the first free session: a slow relay takes what it can."""
    queue: WeightedQueue[int | None] = WeightedQueue({"fast": 1, "slow": 1})
    for i in range(300):
        queue.put_nowait(i)
    taken: collections.Counter[str] = collections.Counter()
    tasks = [
        asyncio.create_task(consume(queue, "fast", taken, 0.0)),
        asyncio.create_task(consume(queue, "slow", taken, 0.05)),
    ]
    for _ in tasks:
        queue.put_nowait(None)
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert taken["fast"] + taken["slow"] == 300 and taken["slow"] <= 3


async def test_a_relay_coming_back_gets_no_burst():
    queue: WeightedQueue[int | None] = WeightedQueue({"a": 1, "b": 1}, maxsize=4)
    first: collections.Counter[str] = collections.Counter()
    a_tasks = [asyncio.create_task(consume(queue, "a", first)) for _ in range(2)]
    await produce(queue, 500)  # b is out of the rotation: a takes all
    assert first["a"] == 500
    later: collections.Counter[str] = collections.Counter()
    b_tasks = [asyncio.create_task(consume(queue, "b", later)) for _ in range(2)]
    await asyncio.sleep(0)
    a_tasks += [asyncio.create_task(consume(queue, "a", later)) for _ in range(2)]
    await produce(queue, 100)
    for _ in a_tasks + b_tasks:
        await queue.put(None)
    await asyncio.wait_for(asyncio.gather(*a_tasks, *b_tasks), 5)
    assert later["b"] == pytest.approx(50, abs=3), later


async def test_a_job_handed_to_a_cancelled_session_is_not_lost():
    queue: WeightedQueue[int] = WeightedQueue({"a": 1, "b": 1})
    waiting = asyncio.create_task(queue.get("a"))
    await asyncio.sleep(0)
    queue.put_nowait(7)  # handed to the waiting session ...
    waiting.cancel()  # ... which is cancelled before it runs (an idle timeout)
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert await asyncio.wait_for(queue.get("b"), 1) == 7


async def test_a_full_queue_makes_put_wait():
    queue: WeightedQueue[int] = WeightedQueue({"a": 1}, maxsize=2)
    queue.put_nowait(1)
    queue.put_nowait(2)
    with pytest.raises(asyncio.QueueFull):
        queue.put_nowait(3)
    blocked = asyncio.create_task(queue.put(3))
    await asyncio.sleep(0.01)
    assert not blocked.done()
    assert await queue.get("a") == 1
    await asyncio.wait_for(blocked, 1)
    assert [await queue.get("a"), await queue.get("a")] == [2, 3]


def test_weights_come_from_the_config():
    env = {"BLASTER_SMTP": "smtp://a.test:25?weight=3,smtp://b.test:25,smtp://a.test:25"}
    servers = config.load(None, env=env).smtp
    assert relay_weights(servers) == {"a.test:25": 4.0, "b.test:25": 1.0}
    for bad in ("0", "-1", "x"):
        with pytest.raises(ConfigError, match="weight"):
            config.load(None, env={"BLASTER_SMTP": f"smtp://a.test:25?weight={bad}"})


async def test_a_job_for_some_groups_goes_only_to_their_sessions() -> None:
    queue: WeightedQueue[str] = WeightedQueue({"a": 1.0, "b": 1.0}, maxsize=10)
    queue.put_nowait("b only", frozenset({"b"}))
    queue.put_nowait("anyone")
    assert queue.empty_for("a") is False and queue.qsize() == 2
    assert await queue.get("a") == "anyone"  # a passes over what it may not take
    assert queue.empty_for("a") and not queue.empty_for("b")
    waiting_a = asyncio.ensure_future(queue.get("a"))
    await asyncio.sleep(0)
    assert await queue.get("b") == "b only"
    queue.put_nowait("b again", frozenset({"b"}))  # a waits; the job is queued for b
    await asyncio.sleep(0)
    assert not waiting_a.done()
    waiting_b = asyncio.ensure_future(queue.get("b"))
    await asyncio.sleep(0)
    assert waiting_b.done() and waiting_b.result() == "b again"
    queue.put_nowait("any")
    assert await waiting_a == "any"
    with pytest.raises(ValueError):
        queue.put_nowait("nobody", frozenset({"c"}))


async def test_get_nowait_takes_what_get_would_and_charges_the_same():
    """The chained sender's take: the oldest job the group may take, without waiting; it
    charges the group's clock as get() does and makes room for a waiting producer."""
    queue: WeightedQueue[str] = WeightedQueue({"a": 1.0, "b": 3.0}, maxsize=2)
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait("a")
    queue.put_nowait("b only", frozenset({"b"}))
    queue.put_nowait("anyone")
    blocked = asyncio.ensure_future(queue.put("third"))
    await asyncio.sleep(0)
    assert not blocked.done()
    assert queue.get_nowait("a") == "anyone"
    await asyncio.wait_for(blocked, 1)
    assert queue._finish == {"a": 1.0, "b": 0.0}
    assert queue.get_nowait("a") == "third"  # passing over the job it may not take
    assert queue.empty_for("a") and not queue.empty()
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait("a")
    assert queue.get_nowait("b") == "b only" and queue.empty()
    assert queue._finish == {"a": 2.0, "b": pytest.approx(1.0 + 1 / 3)}  # no catching up
