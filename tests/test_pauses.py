"""The engine's reasons to pause a campaign, without processes or a database: the error
budget's and a poison shard's, each found once per campaign (a campaign paused at one finding
is stopping at the next), with the reason text that ``blaster_campaigns.error`` records.
The deleted-list rule is tested end to end in test_deletion."""

from __future__ import annotations

from blaster import pauses
from blaster.autopause import ErrorBudget
from blaster.fleet import POISON_TAKEOVERS
from blaster.ledger import Ledger
from blaster.models import Checkpoint, Failure, FailureKind, Shard, ShardReport
from blaster.store.leases import Lease
from tests.helpers import content_spec


def spec(cid: int):
    return content_spec(id=cid, max_subscriber_id=1000)


def shards(cid: int, n: int, size: int = 100) -> list[Shard]:
    return [
        Shard(cid * 100 + i, cid, i * size, (i + 1) * size, Checkpoint(i * size)) for i in range(n)
    ]


def test_a_spent_error_budget_pauses_with_the_verdict():
    led = Ledger(capacity=2)
    [a], [b] = shards(1, 1), shards(2, 1)
    led.add(spec(1), [a], ErrorBudget(max_errors=1))
    led.add(spec(2), [b], ErrorBudget(max_errors=1))
    led.dispatch([0])
    fail = Failure(a.lo + 1, FailureKind.PERMANENT, 550, "no", 1)
    led.apply(ShardReport(0, a.id, 1, Checkpoint(a.lo + 10, a.lo + 10), 9, (fail,)))
    assert list(pauses.over_budget(led)) == [
        (1, "auto-paused: 1 failures reached max_send_errors=1")
    ]
    led.stop(1, "paused")
    assert list(pauses.over_budget(led)) == []


def test_a_poison_shard_pauses_its_campaign_once():
    led = Ledger(capacity=1)
    first, second, fine = shards(1, 3)
    led.add(spec(1), [])
    leased = [
        Lease(fine, 1, POISON_TAKEOVERS),  # at the limit: not yet poison
        Lease(first, 1, POISON_TAKEOVERS + 1),
        Lease(second, 1, POISON_TAKEOVERS + 3),
    ]
    found = []
    for cid, reason in pauses.poison(leased, led):
        found.append((cid, reason))
        led.stop(cid, "paused")  # as the coordinator does before the next finding
    assert found == [
        (
            1,
            f"shard {first.id} (subscribers {first.lo + 1}..{first.hi}) was taken over"
            f" {POISON_TAKEOVERS + 1} times: the nodes sending it died or froze",
        )
    ]
