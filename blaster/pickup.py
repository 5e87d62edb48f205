"""Taking a runnable campaign on: the checks that refuse it, the freeze, its error budget.

:class:`Pickup` freezes a campaign this node found runnable
(:func:`blaster.store.campaigns.pick_up`: its ID range and shard plan, cut into at least
twice every worker slot of the live nodes), refuses it with the reason when it cannot be
sent (:func:`refusal`: recorded, and the admins told), and otherwise enters it in the ledger
with its error budget and logs the pickup line, at once or when
:class:`~blaster.counting.Counts` has counted its ``to_send``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from blaster import metrics
from blaster.autopause import ErrorBudget
from blaster.config import Settings
from blaster.errors import BlasterError, RenderError
from blaster.ledger import Ledger
from blaster.messengers import routes
from blaster.store import campaigns as db
from blaster.store import leases
from blaster.store.session import Session

if TYPE_CHECKING:
    from blaster.counting import Counts
    from blaster.leasing import Leases
    from blaster.notices import Notices

logger = logging.getLogger(__name__)


def refusal(row: db.CampaignRow, settings: Settings) -> str:
    """Why the campaign cannot be sent, or an empty string."""
    # imported at the first pickup rather than at start: the template engines are a quarter
    # of a second of imports, and the workers boot meanwhile
    from blaster import content

    try:
        routes.route(row.messenger, settings.smtp, settings.postback)
    except LookupError as exc:
        return str(exc)
    if not row.spec.double_list_ids and not row.spec.single_list_ids:
        return "the campaign has no lists"
    try:
        content.check(row.spec, settings)
    except RenderError as exc:
        return f"template error: {exc}"
    except BlasterError as exc:  # header names, attachment files
        return str(exc)
    return ""


class Pickup:
    """Picks up runnable campaigns for this node's ledger.

    :param settings: ``shard_size``, ``workers``, ``shards_per_worker``, ``lease`` and the
        auto-pause limits; the SMTP servers and postbacks a campaign's messenger may name.
    :param session: the coordinator's connections.
    :param ledger: where a campaign picked up is entered.
    :param leases: this node's leases (told to claim soon after a pickup).
    :param counts: where a frozen campaign's ``to_send`` is counted.
    :param notices: who tells the admins of a refusal.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        session: Session,
        ledger: Ledger,
        leases: Leases,
        counts: Counts,
        notices: Notices,
    ) -> None:
        self.settings = settings
        self.session = session
        self.ledger = ledger
        self.leases = leases
        self.counts = counts
        self.notices = notices

    def pick_up(self, cid: int) -> None:
        """Freeze the campaign and enter it in the ledger, or refuse it with the reason."""
        conn = self.session.conn
        row = db.pick_up(
            conn,
            cid,
            self.settings.engine.shard_size,
            min_shards=self._min_shards(),
            counter=self.counts.start,
        )
        if row is None:
            return
        error = refusal(row, self.settings)
        if error:
            logger.error("coordinator: campaign %d refused: %s", cid, error)
            db.refuse(conn, cid, error)
            self.notices.notify(cid, "refused", error)
            return
        db.clear_error(conn, cid)
        info = db.progress(conn, cid)
        if info is None:  # deleted since the pickup
            return
        self.ledger.add(row.spec, (), self._budget(info.failed))
        self.leases.wake()
        metrics.campaign_started(cid, row.spec.name, info.to_send, info.sent, info.failed)
        if not self.counts.counting(cid):  # else once counted
            _log_pickup(cid, row.spec.name, info.to_send)

    def counted(self, done: list[tuple[int, int | None]]) -> None:
        """Log and show the ``to_send`` of campaigns whose count was written."""
        for cid, to_send in done:
            camp = self.ledger.campaigns.get(cid)
            if camp is not None and to_send is not None:  # else refused, or gone
                metrics.TO_SEND.labels(str(cid)).set(to_send)
                _log_pickup(cid, camp.spec.name, to_send)

    def _budget(self, failed: int) -> ErrorBudget:
        """The auto-pause limits of a campaign whose failures were ``failed`` at pickup."""
        e = self.settings.engine
        return ErrorBudget(e.max_send_errors, e.max_error_rate, e.error_rate_window, failed)

    def _min_shards(self) -> int:
        """Shards a campaign is cut into at least (when this node plans it): every worker
        slot of every live node twice, so that workers finishing early still find work."""
        engine = self.settings.engine
        nodes = 1 + leases.active_nodes(
            self.session.conn, engine.lease, self.leases.node.id, holding=False
        )
        return nodes * engine.workers * engine.shards_per_worker * 2


def _log_pickup(cid: int, name: str, to_send: int) -> None:
    logger.info("coordinator: campaign %d %r picked up: to_send=%s", cid, name, to_send)
