"""Which campaign events reach the admins, told by which node, with which counts.

:class:`Notices` turns what the coordinator saw (a campaign finished, was cancelled,
auto-paused or refused) into a :class:`blaster.notify.Notice` with the campaign's counts as
the database holds them, and hands it to a :class:`blaster.notify.Notifier` (a background
thread). Of several nodes, one tells: a stop's notice is claimed in the database, and
``finished`` is told by the node that finished the campaign.
"""

from __future__ import annotations

import logging

from blaster import metrics, notify
from blaster.config import Settings
from blaster.models import CampaignProgress, CampaignStatus
from blaster.store import campaigns as db
from blaster.store.session import Session

logger = logging.getLogger(__name__)


class Notices:
    """Admin notifications with the campaign's counts (sent by a background thread).

    :param settings: the notifier's (:class:`blaster.notify.Notifier`).
    :param session: the coordinator's connections, read for counts and claims.
    """

    def __init__(self, settings: Settings, session: Session) -> None:
        self.notifier = notify.Notifier(settings)
        self.session = session

    def notify(
        self, cid: int, event: str, reason: str, info: CampaignProgress | None = None
    ) -> None:
        """Queue a notification with the counts from ``info`` or, when absent, as the
        database holds them now. Of several nodes, one sends it (a stop's notice is
        claimed in the database; ``finished`` is sent by the node that finished it)."""
        if not self.notifier.enabled or not self.session.connected:
            return
        if event != "finished" and not db.claim_notice(self.session.conn, cid, event):
            return
        info = info or db.progress(self.session.conn, cid)
        if info:
            self.notifier.notify(notify.Notice(event, info, reason))

    def stopped(self, cid: int, status: str) -> None:
        """Notify a cancel or an auto-pause once the campaign's shards are back and
        checkpointed, so that its counts are final. An operator's pause is not news."""
        if not self.notifier.enabled or not self.session.connected:
            return
        if status == CampaignStatus.CANCELLED:
            self.notify(cid, "cancelled", "the campaign's status was set to cancelled")
        elif status == CampaignStatus.PAUSED:
            info = db.progress(self.session.conn, cid)
            if info and info.error:  # the reason the auto-pause recorded
                self.notify(cid, "auto-paused", info.error, info)

    def finished(self, cid: int, name: str) -> None:
        """Log, count and notify a campaign's completion with its final counts."""
        info = db.progress(self.session.conn, cid)
        metrics.campaign_status(cid, name, CampaignStatus.FINISHED)
        if info is None:  # deleted in the same instant
            return
        metrics.CAMPAIGN_SENT.labels(str(cid)).set(info.sent)
        logger.info(
            "coordinator: campaign %d %r finished: sent=%s failed=%s to_send=%s",
            cid,
            name,
            info.sent,
            info.failed,
            info.to_send,
        )
        self.notify(cid, "finished", "every eligible subscriber was sent to or failed", info)

    def close(self) -> None:
        """Send what is queued (for a while), then stop the notifier's thread."""
        self.notifier.close()
