"""Watching a campaign live: a thread that reads its row every :data:`POLL_SECONDS` and
draws its progress bar (``blaster demo``, ``campaigns start --follow``), and following a
campaign until it is finished, paused or cancelled."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from blaster import progress, store
from blaster.console import Screen
from blaster.database import connection, database, notice
from blaster.errors import StoreError
from blaster.models import CampaignStatus
from blaster.store import campaigns as db

if TYPE_CHECKING:
    from blaster.config import Settings
    from blaster.console import ProgressBar
    from blaster.models import CampaignProgress

POLL_SECONDS = 0.25  #: how often the progress bar reads the campaign row
FOLLOW_SECONDS = 0.5  #: how often following reads whether the campaign still sends
#: the statuses in which a campaign is still being sent, or about to be
SENDING = (CampaignStatus.RUNNING, CampaignStatus.SCHEDULED)


class Watcher(threading.Thread):
    """Draws the campaign's progress from its row every :data:`POLL_SECONDS`.

    :param dsn: the campaign's database (the thread uses its own connection).
    :param campaign_id: the campaign to watch.
    :param screen: where the bar is drawn.
    """

    def __init__(self, dsn: str, campaign_id: int, screen: Screen) -> None:
        super().__init__(name="demo-progress", daemon=True)
        self.dsn = dsn
        self.campaign_id = campaign_id
        self.screen = screen
        self.stopping = threading.Event()

    def stop(self) -> None:
        """Draw once more and end the thread."""
        self.stopping.set()
        self.join(10)

    def run(self) -> None:
        try:
            with store.connect(self.dsn) as conn, self.screen.progress_bar() as bar:
                self._loop(conn, bar)
        except (store.DatabaseError, StoreError) as exc:
            self.screen.say(f"blaster demo: progress display stopped: {exc}")

    def _loop(self, conn: store.Conn, bar: ProgressBar) -> None:
        while True:
            last = self.stopping.wait(POLL_SECONDS)
            row = db.progress(conn, self.campaign_id)
            if row is not None:
                bar.draw(progress.compute(row))
            if last:
                return


def follow(settings: Settings, campaign_id: int) -> CampaignProgress:
    """Show the campaign's progress on stderr until it no longer sends (Ctrl-C stops the
    following, not the campaign); return its counters then."""
    from blaster.store import admin

    with database(settings) as dsn:
        watcher = Watcher(dsn, campaign_id, Screen(stderr=True))
        watcher.start()
        try:
            with connection(settings) as conn:
                while admin.campaign(conn, campaign_id).status in SENDING:
                    time.sleep(FOLLOW_SECONDS)
        except KeyboardInterrupt:
            notice("stopped following; the campaign goes on")
        finally:
            watcher.stop()
    with connection(settings) as conn:
        return admin.campaign(conn, campaign_id)
