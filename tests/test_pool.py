"""The worker pool's channels: a campaign's spec crosses a worker's queue once per pickup,
before that worker's first shard of it, and again when a later pickup changed it."""

from __future__ import annotations

import dataclasses
import queue
from typing import Any

from blaster.config import Engine, Settings
from blaster.models import Campaign, Checkpoint, Forget, Shard, StartShard
from blaster.pool import WorkerHandle, WorkerPool
from blaster.ratelimit import RateLimits
from tests.helpers import content_spec


def handle(wid: int) -> tuple[WorkerHandle, queue.Queue[Any]]:
    commands: queue.Queue[Any] = queue.Queue()
    return WorkerHandle(wid, None, commands, None), commands  # type: ignore[arg-type]


def drained(q: queue.Queue[Any]) -> list[Any]:
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    return out


def test_a_spec_goes_to_each_worker_once_and_again_when_it_changed():
    pool = WorkerPool(Settings(engine=Engine(workers=2)), RateLimits())
    (h0, q0), (h1, q1) = handle(0), handle(1)
    pool.workers = {0: h0, 1: h1}
    spec = content_spec(id=7)
    shards = [Shard(i, 7, i * 10, i * 10 + 10, Checkpoint(i * 10)) for i in range(3)]
    pool.start_shard(0, spec, StartShard(7, shards[0]))
    pool.start_shard(0, spec, StartShard(7, shards[1]))
    pool.start_shard(1, spec, StartShard(7, shards[2]))
    assert [type(c) for c in drained(q0)] == [Campaign, StartShard, StartShard]
    assert [type(c) for c in drained(q1)] == [Campaign, StartShard]
    edited = dataclasses.replace(spec, body="<p>edited while paused</p>")
    pool.start_shard(0, edited, StartShard(7, shards[0]))
    first, second = drained(q0)
    assert first == Campaign(edited) and isinstance(second, StartShard)


def test_a_forgotten_campaign_is_dropped_and_sent_again_on_its_next_pickup():
    pool = WorkerPool(Settings(engine=Engine(workers=2)), RateLimits())
    (h0, q0), (h1, q1) = handle(0), handle(1)
    pool.workers = {0: h0, 1: h1}
    spec = content_spec(id=7)
    shard = Shard(1, 7, 0, 10, Checkpoint(0))
    pool.start_shard(0, spec, StartShard(7, shard))
    drained(q0)
    pool.forget(7)
    assert drained(q0) == [Forget(7)] and drained(q1) == []  # only who was told
    pool.forget(7)
    assert drained(q0) == []
    pool.start_shard(0, spec, StartShard(7, shard))  # picked up again
    assert [type(c) for c in drained(q0)] == [Campaign, StartShard]
