"""Campaign progress arithmetic for people: done %, send rate and time left. Pure.

The input is a :class:`~blaster.models.CampaignProgress`; the rate is ``sent`` over the time from
``started_at`` to the last checkpoint (``updated_at``), so it means the same in
``blaster campaigns show`` and in the demo's live bar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from blaster.models import CampaignProgress, CampaignStatus


@dataclass(frozen=True, slots=True)
class Progress:
    """A campaign's counters and what follows from them."""

    campaign: CampaignProgress  #: the status and counters it was computed from
    percent: float
    rate: float  #: messages per second, 0 when unknown
    eta: float | None  #: seconds left at ``rate``, ``None`` when not running or unknown


def compute(row: CampaignProgress) -> Progress:
    """Progress of a campaign from its counters."""
    to_send, sent, failed = row.to_send, row.sent, row.failed
    done = sent + failed
    percent = min(100.0, 100.0 * done / to_send) if to_send else 0.0
    rate = send_rate(sent, row.started_at, row.updated_at)
    eta = None
    if row.status == CampaignStatus.RUNNING and rate > 0:
        eta = max(0, to_send - done) / rate
    return Progress(row, percent, rate, eta)


def send_rate(sent: int, started: dt.datetime | None, updated: dt.datetime | None) -> float:
    """``sent`` per second between two timestamps (0 when either is missing)."""
    if started is None or updated is None:
        return 0.0
    seconds = (updated - started).total_seconds()
    return sent / seconds if seconds > 0 else 0.0


def duration(seconds: float | None) -> str:
    """``4.2s``, ``3m05s``, ``2h01m`` (``-`` for ``None``)."""
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.1f}s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"
