"""Why the engine pauses a campaign it is sending, each time with the reason it records.

Three rules, each yielding ``(campaign_id, reason)`` for the coordinator to act on (it stops
the campaign's shards, checkpoints, and records the reason in ``blaster_campaigns.error``,
which the auto-pause notice carries): the campaign's error budget is spent
(:mod:`blaster.autopause`); one of its lists was deleted or detached while it was being
sent; one of its shards is poison (taken over more than
:data:`blaster.fleet.POISON_TAKEOVERS` times). Each logs what it found. The rules yield
lazily, so a campaign paused at one finding is stopping, and skipped, at the next.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from blaster import fleet
from blaster.ledger import Ledger
from blaster.store import Conn, leases
from blaster.store import campaigns as db

logger = logging.getLogger(__name__)

Pause = tuple[int, str]  #: a campaign to pause, and why


def over_budget(ledger: Ledger) -> Iterator[Pause]:
    """Campaigns whose failures reached ``max_send_errors``, or whose recent messages
    failed at ``max_error_rate`` or more."""
    for cid, verdict in ledger.over_budget():
        reason = f"auto-paused: {verdict}"
        logger.error("coordinator: campaign %d %s", cid, reason)
        yield cid, reason


def lost_lists(conn: Conn, ledger: Ledger) -> Iterator[Pause]:
    """Campaigns one of whose lists was deleted (or detached) while they were being sent:
    that list's subscribers not yet sent to would silently be left out."""
    campaigns = ledger.campaigns
    sending = [camp.spec for camp in campaigns.values() if not camp.stopping]
    for cid, list_id, exists in db.lost_lists(conn, sending):
        if campaigns[cid].stopping:  # another of its lists went too
            continue
        what = "removed from the campaign" if exists else "deleted"
        reason = (
            f"list {list_id} was {what} while the campaign was being sent"
            " (set the status to running to send to the remaining lists)"
        )
        logger.error("coordinator: campaign %d paused: %s", cid, reason)
        yield cid, reason


def poison(claimed: Iterable[leases.Lease], ledger: Ledger) -> Iterator[Pause]:
    """Campaigns with a shard just claimed that was taken over too often: the nodes sending
    it died or froze, and the next might too."""
    for lease in claimed:
        s = lease.shard
        if lease.takeovers <= fleet.POISON_TAKEOVERS:
            continue
        if ledger.campaigns[s.campaign_id].stopping:
            continue
        reason = (
            f"shard {s.id} (subscribers {s.lo + 1}..{s.hi}) was taken over"
            f" {lease.takeovers} times: the nodes sending it died or froze"
        )
        logger.error("coordinator: campaign %d paused: %s", s.campaign_id, reason)
        yield s.campaign_id, reason
