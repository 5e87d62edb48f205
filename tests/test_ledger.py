"""The campaign ledger without processes or a database: dispatch and its capacity rules,
turn-taking, reports, dead workers, settling; and, as properties over any sequence of
operations, one owner per shard, capacity never exceeded, every shard in exactly one state."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from blaster.autopause import ErrorBudget
from blaster.ledger import MAX_SHARDS_FACTOR, Ledger, Owner
from blaster.models import CampaignSpec, Checkpoint, Failure, FailureKind, Shard, ShardReport

_ids = itertools.count(1)


def spec(cid: int) -> CampaignSpec:
    return CampaignSpec(
        id=cid,
        uuid=f"uuid-{cid}",
        name=f"c{cid}",
        subject="s",
        from_email="a@example.com",
        body="b",
        altbody=None,
        content_type="html",
        template_body=None,
        headers=(),
        tags=(),
        attribs={},
        type="regular",
        double_list_ids=(),
        single_list_ids=(1,),
        max_subscriber_id=1000,
    )


def shards(cid: int, n: int, size: int = 100) -> list[Shard]:
    return [
        Shard(next(_ids), cid, i * size, (i + 1) * size, Checkpoint(i * size)) for i in range(n)
    ]


def report(shard: Shard, worker: int, **kw: object) -> ShardReport:
    values: dict[str, object] = {
        "worker_id": worker,
        "shard_id": shard.id,
        "campaign_id": shard.campaign_id,
        "frontier": shard.lo + 10,
        "read_upto": shard.lo + 12,
        "undone": (shard.lo + 12,),
        "sent": 10,
    }
    values.update(kw)
    values["checkpoint"] = Checkpoint(
        values.pop("frontier"),  # type: ignore[arg-type]
        values.pop("read_upto"),  # type: ignore[arg-type]
        values.pop("undone"),  # type: ignore[arg-type]
    )
    return ShardReport(**values)  # type: ignore[arg-type]


def test_dispatch_fills_workers_in_order_lowest_ids_first():
    led = Ledger(capacity=2)
    plan = shards(1, 5)
    led.add(spec(1), reversed(plan))
    jobs = led.dispatch([7, 8])
    assert [(j.owner, j.shard.lo) for j in jobs] == [
        (Owner(7), 0),
        (Owner(7), 100),
        (Owner(8), 200),
        (Owner(8), 300),
    ]
    assert led.dispatch([7, 8]) == []  # both full
    assert sorted(s.shard.lo for s in led.held(Owner(8))) == [200, 300]


def test_campaigns_take_turns():
    led = Ledger(capacity=4)
    led.add(spec(1), shards(1, 3))
    led.add(spec(2), shards(2, 3))
    jobs = led.dispatch([0])
    assert [j.spec.id for j in jobs] == [1, 2, 1, 2]


def test_a_stopping_campaign_gets_no_shards_and_its_owners_are_named():
    led = Ledger(capacity=1)
    led.add(spec(1), shards(1, 4))
    led.dispatch([0, 1])
    assert led.stop(1, "paused") == [Owner(0), Owner(1)]
    assert led.dispatch([2]) == []


def test_finishing_shards_free_reading_capacity_up_to_the_factor():
    led = Ledger(capacity=1)
    plan = shards(1, 10)
    led.add(spec(1), plan)
    for n in range(MAX_SHARDS_FACTOR):
        [job] = led.dispatch([0])
        assert job.shard.id == plan[n].id
        assert led.apply(report(job.shard, 0, read_all=True))
    assert led.dispatch([0]) == []  # MAX_SHARDS_FACTOR × capacity held, all finishing


def test_report_moves_the_position_and_accumulates_the_checkpoint():
    led = Ledger(capacity=1)
    [sh] = shards(1, 1)
    led.add(spec(1), [sh])
    led.dispatch([0])
    fail = Failure(sh.lo + 5, FailureKind.PERMANENT, 550, "no", 1)
    assert led.apply(report(sh, 0, sent=3, failures=(fail,)))
    assert led.apply(report(sh, 0, sent=4, frontier=sh.lo + 20, read_upto=sh.lo + 20, undone=()))
    [delta] = led.unwritten()
    assert delta.checkpoint == Checkpoint(sh.lo + 20, sh.lo + 20, ())
    assert (delta.sent, delta.failed, delta.done) == (7, 1, False)
    assert delta.failures == [fail]
    led.written()
    assert led.unwritten() == []


def test_stale_reports_change_nothing():
    led = Ledger(capacity=1)
    [sh] = shards(1, 1)
    led.add(spec(1), [sh])
    led.dispatch([0])
    assert not led.apply(report(sh, 1))  # not its owner
    assert not led.apply(report(Shard(999_999, 1, 0, 1, Checkpoint(0)), 0))  # unknown shard
    assert not led.apply(report(Shard(sh.id, 2, 0, 1, Checkpoint(0)), 0))  # unknown campaign
    assert led.unwritten() == []


def test_done_and_released_reports_give_the_shard_back():
    led = Ledger(capacity=2)
    a, b = shards(1, 2)
    led.add(spec(1), [a, b])
    led.dispatch([0])
    assert led.apply(report(a, 0, state="done", frontier=a.hi, read_upto=a.hi, undone=()))
    assert led.apply(report(b, 0, state="released"))
    assert led.held(Owner(0)) == []
    [delta_a, _] = led.unwritten()
    assert delta_a.done
    [again] = led.dispatch([1])  # b resumes after what was reported; a is done
    assert again.shard == Shard(b.id, 1, b.lo, b.hi, Checkpoint(b.lo + 10, b.lo + 12, (b.lo + 12,)))


def test_a_dead_workers_shards_resume_from_their_last_position():
    led = Ledger(capacity=2)
    a, b = shards(1, 2)
    led.add(spec(1), [a, b])
    led.dispatch([0])
    led.apply(report(a, 0, read_all=True))
    lost = led.worker_lost(0)
    assert sorted(s.shard.id for s in lost) == [a.id, b.id]
    assert not led.apply(report(a, 0))  # a late report from the dead worker
    jobs = led.dispatch([1])
    positions = [(j.shard.id, j.shard.checkpoint.frontier) for j in jobs]
    assert positions == [(a.id, a.lo + 10), (b.id, b.lo)]
    assert not any(s.finishing for s in led.held(Owner(1)))


def test_settled_campaigns():
    led = Ledger(capacity=1)
    [a] = shards(1, 1)
    [b] = shards(2, 1)
    led.add(spec(1), [a])
    led.add(spec(2), [b])
    led.dispatch([0, 1])
    assert led.settled() == []
    led.stop(2, "cancelled")
    assert led.settled() == []  # its shard is still out
    led.apply(report(b, 1, state="released"))
    led.apply(report(a, 0, state="done"))
    assert led.settled() == [(1, ""), (2, "cancelled")]
    led.forget(1)
    led.forget(2)
    assert led.campaigns == {} and led.dispatch([0]) == []


def test_forget_refuses_a_campaign_with_owned_shards():
    led = Ledger(capacity=1)
    led.add(spec(1), shards(1, 1))
    led.dispatch([0])
    with pytest.raises(ValueError):
        led.forget(1)


def test_error_budget_verdicts():
    led = Ledger(capacity=1)
    [sh] = shards(1, 1)
    led.add(spec(1), [sh], ErrorBudget(max_errors=2))
    led.dispatch([0])
    fail = Failure(sh.lo + 1, FailureKind.PERMANENT, 550, "no", 1)
    led.apply(report(sh, 0, failures=(fail, fail)))
    [(cid, verdict)] = led.over_budget()
    assert cid == 1 and "max_send_errors=2" in verdict
    led.stop(1, "paused")
    assert led.over_budget() == []  # a stopping campaign is not judged again


def test_a_shard_held_by_another_node_is_neither_dispatched_nor_reported_locally():
    led = Ledger(capacity=1, node="a")
    [sh] = shards(1, 1)
    camp = led.add(spec(1), [sh])
    camp.shards[sh.id].owner = Owner(0, "b")
    assert led.dispatch([0]) == []
    assert not led.apply(report(sh, 0))
    assert str(Owner(0, "b")) == "worker 0 of node b" and str(Owner(3)) == "worker 3"


def test_claimed_shards_are_leased_renewed_and_lost():
    led = Ledger(capacity=2, node="n1")
    led.add(spec(1))
    a, b, c = shards(1, 3)
    for n, sh in enumerate((a, b, c), start=1):
        led.claimed(sh, epoch=10 * n)
    with pytest.raises(ValueError):
        led.claimed(a, epoch=99)
    assert sorted(led.leases()) == [(a.id, 10), (b.id, 20), (c.id, 30)]
    led.trust(a.id, 5.0)
    jobs = led.dispatch([0])
    assert [(j.shard.id, j.trusted_until) for j in jobs] == [(a.id, 5.0), (b.id, float("inf"))]
    assert all(j.owner == Owner(0, "n1") for j in jobs)
    assert led.apply(report(a, 0, sent=2))
    [delta] = led.unwritten()
    assert delta.epoch == 10  # the write is fenced on the lease it was reported under
    # another node took a (dispatched, with a delta) and c (not dispatched) over
    assert led.lost([a.id, c.id, 12345]) == [(Owner(0, "n1"), a.id)]
    assert led.unwritten() == []  # nothing of a lost shard is written
    assert led.leases() == [(b.id, 20)]
    assert not led.apply(report(a, 0))  # its late reports are stale
    assert led.unleased(1) == [b.id]


def test_claim_room_counts_free_reading_slots_less_waiting_shards():
    led = Ledger(capacity=2)
    assert led.claim_room([0, 1]) == 4
    led.add(spec(1))
    a, b, c = shards(1, 3)
    led.claimed(a, 1)
    assert led.claim_room([0, 1]) == 3  # a waits to be handed out
    led.claimed(b, 1)
    led.claimed(c, 1)
    led.dispatch([0, 1])
    assert led.claim_room([0, 1]) == 1
    assert led.apply(report(a, 0, read_all=True))  # finishing: frees a reading slot
    assert led.claim_room([0, 1]) == 2
    led.add(spec(2))
    led.stop(1, "paused")
    assert led.claim_order() == [2]


def test_capacity_must_be_positive():
    with pytest.raises(ValueError):
        Ledger(capacity=0)


class LedgerMachine(RuleBasedStateMachine):
    """Random campaigns, workers, dispatches, reports, deaths and stops; a model of who
    holds what is kept beside the ledger and compared after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.capacity = 2
        self.led = Ledger(capacity=self.capacity)
        self.workers: list[int] = []
        self.next_worker = 0
        self.next_campaign = 1
        self.held: dict[int, int] = {}  #: shard id -> worker (the model)
        self.finishing: set[int] = set()
        self.done: set[int] = set()
        self.all_shards: dict[int, Shard] = {}

    @rule(n=st.integers(1, 6))
    def add_campaign(self, n: int) -> None:
        cid = self.next_campaign
        self.next_campaign += 1
        plan = shards(cid, n)
        self.all_shards.update((s.id, s) for s in plan)
        self.led.add(spec(cid), plan)

    @precondition(lambda self: len(self.workers) < 4)
    @rule()
    def start_worker(self) -> None:
        self.workers.append(self.next_worker)
        self.next_worker += 1

    @rule()
    def dispatch(self) -> None:
        jobs = self.led.dispatch(self.workers)
        ids = [j.shard.id for j in jobs]
        assert len(ids) == len(set(ids)), "a shard handed out twice in one dispatch"
        for job in jobs:
            sid = job.shard.id
            assert sid not in self.held and sid not in self.done
            assert not self.led.campaigns[job.spec.id].stopping
            assert job.owner.worker in self.workers
            self.held[sid] = job.owner.worker
        # work-conserving: afterwards either nothing is free or no worker has room
        free = any(
            s.pending
            for c in self.led.campaigns.values()
            if not c.stopping
            for s in c.shards.values()
        )
        if free:
            assert all(not self._has_room(w) for w in self.workers)

    @precondition(lambda self: self.held)
    @rule(
        data=st.data(),
        state=st.sampled_from(["running", "done", "released"]),
        read_all=st.booleans(),
    )
    def report(self, data: st.DataObject, state: str, read_all: bool) -> None:
        sid = data.draw(st.sampled_from(sorted(self.held)))
        worker = self.held[sid]
        sh = self.all_shards[sid]
        assert self.led.apply(report(sh, worker, state=state, read_all=read_all))
        if state != "running":
            del self.held[sid]
            self.finishing.discard(sid)
        elif read_all:
            self.finishing.add(sid)
        if state == "done":
            self.done.add(sid)

    @precondition(lambda self: self.all_shards and self.workers)
    @rule(data=st.data())
    def stale_report(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(sorted(self.all_shards)))
        worker = data.draw(st.integers(0, self.next_worker + 1))
        if self.held.get(sid) == worker:
            return
        assert not self.led.apply(report(self.all_shards[sid], worker))

    @precondition(lambda self: self.workers)
    @rule(data=st.data())
    def kill_worker(self, data: st.DataObject) -> None:
        wid = data.draw(st.sampled_from(self.workers))
        self.workers.remove(wid)
        lost = {s.shard.id for s in self.led.worker_lost(wid)}
        assert lost == {sid for sid, w in self.held.items() if w == wid}
        for sid in lost:
            del self.held[sid]
            self.finishing.discard(sid)

    @precondition(lambda self: self.led.campaigns)
    @rule(data=st.data())
    def stop_campaign(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(sorted(self.led.campaigns)))
        owners = self.led.stop(cid, "paused")
        expected = {w for sid, w in self.held.items() if self.all_shards[sid].campaign_id == cid}
        assert {o.worker for o in owners} == expected

    @precondition(lambda self: self.all_shards)
    @rule(data=st.data())
    def taken_over(self, data: st.DataObject) -> None:
        """Another node took a shard over: it leaves the ledger, its worker is told."""
        sid = data.draw(st.sampled_from(sorted(self.all_shards)))
        told = self.led.lost([sid])
        assert [(o.worker, s) for o, s in told] == (
            [(self.held[sid], sid)] if sid in self.held else []
        )
        sh = self.all_shards.pop(sid)
        self.held.pop(sid, None)
        self.finishing.discard(sid)
        self.done.discard(sid)
        assert not self.led.apply(report(sh, 0))
        assert sid not in {d.shard_id for d in self.led.unwritten()}

    @rule()
    def settle(self) -> None:
        for cid, _status in self.led.settled():
            assert all(self.all_shards[sid].campaign_id != cid for sid in self.held)
            self.led.forget(cid)
            for sid in [s for s, sh in self.all_shards.items() if sh.campaign_id == cid]:
                del self.all_shards[sid]
                self.done.discard(sid)

    def _has_room(self, wid: int) -> bool:
        mine = [sid for sid, w in self.held.items() if w == wid]
        reading = len([sid for sid in mine if sid not in self.finishing])
        return reading < self.capacity and len(mine) < MAX_SHARDS_FACTOR * self.capacity

    @invariant()
    def ownership_matches_the_model(self) -> None:
        owners = {
            sid: s.owner.worker
            for c in self.led.campaigns.values()
            for sid, s in c.shards.items()
            if s.owner is not None
        }
        assert owners == self.held

    @invariant()
    def every_shard_is_pending_owned_or_done_exactly_once(self) -> None:
        seen = set()
        for camp in self.led.campaigns.values():
            for sid, s in camp.shards.items():
                assert sid not in seen
                seen.add(sid)
                states = [s.pending, s.owner is not None, s.done]
                assert states.count(True) == 1, (sid, s)
                assert s.done == (sid in self.done)
        assert seen == set(self.all_shards)

    @invariant()
    def capacity_is_never_exceeded(self) -> None:
        for wid in range(self.next_worker):
            mine = self.led.held(Owner(wid))
            reading = [s for s in mine if not s.finishing]
            assert len(reading) <= self.capacity
            assert len(mine) <= MAX_SHARDS_FACTOR * self.capacity
            assert {s.shard.id for s in mine if s.finishing} == self.finishing & {
                s.shard.id for s in mine
            }


LedgerMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_ledger_state_machine = LedgerMachine.TestCase
