"""Checkpoint arithmetic: shards cover the range exactly; the frontier only moves over a
contiguous done prefix, whatever the completion order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blaster import sharding
from blaster.ratelimit import TokenBucket


@given(st.integers(0, 10_000), st.integers(0, 50_000), st.integers(1, 5_000))
def test_plan_covers_range_without_gaps_or_overlaps(start, extra, size):
    max_id = start + extra
    shards = sharding.plan(start, max_id, size)
    covered = [i for lo, hi in shards for i in range(lo + 1, hi + 1)]
    assert covered == list(range(start + 1, max_id + 1))
    assert all(hi - lo <= size for lo, hi in shards)


def test_plan_rejects_bad_size():
    with pytest.raises(ValueError):
        sharding.plan(0, 10, 0)


@given(st.lists(st.integers(1, 10_000), unique=True, min_size=1, max_size=200), st.randoms())
def test_frontier_moves_only_over_contiguous_done_prefix(ids, rnd):
    ids.sort()
    f = sharding.Frontier(0)
    for i in ids:
        f.add(i)
    order = ids[:]
    rnd.shuffle(order)
    done: set[int] = set()
    for i in order:
        f.done(i)
        done.add(i)
        # every read ID at or below the frontier is done; the next read ID above is not
        assert all(x in done for x in ids if x <= f.value)
        above = [x for x in ids if x > f.value]
        assert not above or above[0] not in done
        # the checkpoint (frontier, read_upto, undone) names exactly the done IDs, and
        # its size is the number of IDs still on their way, not of those done out of order
        undone = set(f.undone())
        assert {x for x in ids if x <= f.value or (x <= f.read_upto and x not in undone)} == done
        assert len(undone) == len(ids) - len(done)
    assert f.value == ids[-1] and f.undone() == ()


def test_frontier_read_through_skips_ineligible_tail():
    f = sharding.Frontier(100)
    f.add(105)
    f.read_through(200)
    assert f.value == 100
    f.done(105)
    assert f.value == 200


def test_frontier_rejects_descending_ids():
    f = sharding.Frontier(0)
    f.add(5)
    with pytest.raises(ValueError):
        f.add(5)


@given(st.floats(1, 10_000), st.integers(1, 500))
def test_token_bucket_never_exceeds_rate(rate, n):
    bucket = TokenBucket(rate, burst=1)
    now = 0.0
    for _ in range(n):
        now += bucket.take(now)
    # n tokens at `rate` with a burst of 1 need at least (n - 1) / rate seconds
    assert now >= (n - 1) / rate - 1e-6
    assert now <= n / rate + 1e-6


@given(st.integers(1, 50), st.floats(1, 100), st.lists(st.floats(0, 0.5), min_size=1, max_size=300))
def test_sliding_window_never_exceeds_limit_in_any_period(limit, period, gaps):
    from blaster.ratelimit import SlidingWindow

    w = SlidingWindow(limit, period)
    now, accepted = 1_000.0, []
    for gap in gaps:
        now += gap
        if w.take(now) == 0.0:
            accepted.append(now)
    for i, t in enumerate(accepted):  # any period-long window holds at most `limit`
        assert sum(1 for u in accepted[i:] if u < t + period) <= limit


def test_sliding_window_waits_then_admits_and_survives_restore():
    from blaster.ratelimit import SlidingWindow

    w = SlidingWindow(3, 60)
    assert [w.take(100.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    saved = w.snapshot()
    wait = w.take(101.0)
    assert 59 <= wait <= 61
    assert w.take(101.0 + wait) == 0.0
    fresh = SlidingWindow(3, 60)
    fresh.restore(saved, 101.0)
    assert fresh.take(101.0) > 0  # the restarted window remembers what was sent


def test_a_resumed_run_carries_the_previous_checkpoint_forward():
    """Stopped again before it re-read everything, a resumed shard still names what the
    first run did: nothing done then is sent a third time, nothing undone is skipped."""
    import asyncio

    from blaster.models import Checkpoint, Shard
    from blaster.shardrun import ShardRun

    shard = Shard(1, 1, 0, 1000, Checkpoint(frontier=10, read_upto=500, undone=(20, 300, 450)))
    run = ShardRun(None, shard, asyncio.Semaphore(10))  # type: ignore[arg-type]
    for i in (15, 20, 25, 30):
        run.frontier.add(i)
        assert run.done_before(i) == (i != 20)
    for i in (15, 25):
        run.frontier.done(i)
    assert run.frontier.value == 19
    checkpoint = run.checkpoint()
    assert (checkpoint.read_upto, checkpoint.undone) == (500, (20, 30, 300, 450))
    run.frontier.done(20)
    run.frontier.done(30)
    run.frontier.read_through(460)
    checkpoint = run.checkpoint()
    # read through 460: 300 and 450 left the list
    assert (checkpoint.read_upto, checkpoint.undone) == (500, ())
    assert not run.done_before(501)
