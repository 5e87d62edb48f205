"""Small, frozen, picklable values that cross process boundaries.

Only these travel over the multiprocessing queues: shard descriptors and control messages
from the coordinator to a worker, progress reports back. Subscriber rows never cross: each
worker reads the rows of its shard itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class CampaignStatus(enum.StrEnum):
    """A campaign's ``campaigns.status``: listmonk's values, in the order of its
    ``campaign_status`` type. Members equal their strings, as SQL parameters too."""

    DRAFT = "draft"
    RUNNING = "running"
    SCHEDULED = "scheduled"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class FailureKind(enum.StrEnum):
    """Why a subscriber was recorded as failed."""

    PERMANENT = "permanent"  #: 5xx reply or an address the relay can never accept
    TEMPORARY = "temporary"  #: 4xx/network errors that outlived every retry
    RENDER = "render"  #: the template failed for this subscriber


@dataclass(frozen=True, slots=True)
class MediaRef:
    """One campaign attachment as the media library records it; workers read the file."""

    name: str  #: the attachment's file name as the recipient sees it
    path: str  #: ``media.filename``, relative to the media directory; "" = deleted media
    content_type: str
    provider: str  #: listmonk's media provider (``filesystem``; ``s3`` is not supported)


@dataclass(frozen=True, slots=True)
class CampaignSpec:
    """Everything a worker needs to render and send one campaign, frozen at pickup."""

    id: int
    uuid: str
    name: str
    subject: str
    from_email: str
    body: str
    altbody: str | None
    content_type: str
    template_body: str | None
    headers: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    attribs: dict[str, Any]
    type: str
    #: double opt-in lists of the campaign: only ``confirmed`` subscriptions qualify
    double_list_ids: tuple[int, ...]
    #: single opt-in lists: anything but ``unsubscribed`` qualifies
    single_list_ids: tuple[int, ...]
    max_subscriber_id: int
    #: ``campaign_media``: read and encoded once per campaign per worker, never per message
    attachments: tuple[MediaRef, ...] = ()
    #: the media of the body's and template's ``<img data-embed>`` images, found by file
    #: name (``media.filename``); an embedded name with no media here refuses the campaign
    inline: tuple[MediaRef, ...] = ()
    #: the template language of its parts: ``"go"`` (listmonk's), ``"jinja"``, or ``"auto"``
    #: (Go unless only jinja compiles; see README "Which syntax a campaign is in")
    syntax: str = "auto"
    #: ``campaigns.messenger``: ``email`` (every SMTP server) or ``email-<name>`` (one)
    messenger: str = "email"


@dataclass(frozen=True, slots=True)
class CampaignProgress:
    """A campaign's status and counters as the database holds them after the last
    checkpoint: what ``campaigns show``, notifications, metrics and the demo read."""

    id: int
    name: str
    status: str
    to_send: int
    sent: int
    failed: int
    max_subscriber_id: int
    last_subscriber_id: int
    started_at: dt.datetime | None
    updated_at: dt.datetime | None
    error: str  #: why blaster paused or refused it ("" = nothing to say)
    finished_at: dt.datetime | None
    send_at: dt.datetime | None = None  #: only where asked for (``campaigns show``)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far one shard is done, as it is reported, held, written and resumed from.

    :param frontier: every eligible ID at or below it is sent or failed (recorded).
    :param read_upto: the last ID read; every ID in ``(frontier, read_upto]`` is done except
        the ``undone`` ones, so that a resume never re-sends the others.
    :param undone: IDs read but not done (in flight, or waiting for a retry), ascending.
    """

    frontier: int
    read_upto: int = 0
    undone: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Shard:
    """A subscriber ID range ``(checkpoint.frontier, hi]`` of one campaign still to be sent.

    ``lo`` is the range's fixed lower bound (exclusive); ``checkpoint`` is the durable done
    position the worker resumes after (IDs it names as done are skipped on resume).
    """

    id: int
    campaign_id: int
    lo: int
    hi: int
    checkpoint: Checkpoint
    #: ``range``: every eligible subscriber; ``retry``: only those in the failure ledger
    kind: str = "range"


class Subscriber(NamedTuple):
    """One eligible subscriber row, as the worker reads it (never pickled)."""

    id: int
    uuid: str
    email: str
    name: str
    attribs: dict[str, Any]
    status: str
    created_at: dt.datetime


class UnreadableAttribs(dict[str, Any]):
    """Stands in for attribs that could not be decoded in this process (JSON nested deeper
    than Python's decoder goes, which PostgreSQL stores): rendering that subscriber fails
    with :attr:`reason` instead of stalling the shard."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Failure:
    """A subscriber who will not receive this campaign, and why."""

    subscriber_id: int
    kind: FailureKind
    code: int
    message: str
    attempts: int


@dataclass(frozen=True, slots=True)
class ShardReport:
    """Progress of one shard since the previous report.

    :param checkpoint: the shard's position; its failures are recorded here.
    :param sent: messages accepted by the relay since the last report.
    :param failures: subscribers that failed since the last report.
    :param state: ``running``; ``done`` when the range is exhausted; ``released`` when the
        worker gave the shard back (pause, cancel, shutdown) before its end.
    :param read_all: the range has been read to its end; what is left waits for retries.
    """

    worker_id: int
    shard_id: int
    campaign_id: int
    checkpoint: Checkpoint
    sent: int
    failures: tuple[Failure, ...] = ()
    state: str = "running"
    read_all: bool = False


@dataclass(frozen=True, slots=True)
class WorkerStarted:
    """A worker finished booting and takes shards."""

    worker_id: int
    pid: int


@dataclass(frozen=True, slots=True)
class WorkerError:
    """A worker cannot work (e.g. no SMTP server reachable); the coordinator decides."""

    worker_id: int
    message: str


@dataclass(frozen=True, slots=True)
class Campaign:
    """Coordinator to worker: a campaign as it was picked up, sent once per worker before
    its first shard (and again if a later pickup changed it)."""

    spec: CampaignSpec


@dataclass(frozen=True, slots=True)
class Forget:
    """Coordinator to worker: this node is done with a campaign; drop its spec and compiled
    templates once its shards have ended (a later pickup sends :class:`Campaign` again)."""

    campaign_id: int


@dataclass(frozen=True, slots=True)
class StartShard:
    """Coordinator to worker: send this shard of a campaign the worker was told about.

    :param trusted_until: the ``time.monotonic()`` deadline until which this node's lease
        on the shard holds; no message of it starts later unless :class:`Trust` extends it.
    """

    campaign_id: int
    shard: Shard
    trusted_until: float = float("inf")


@dataclass(frozen=True, slots=True)
class Trust:
    """Coordinator to worker: this node's leases were renewed; every shard the worker
    holds may be sent until ``until`` (``time.monotonic()``, the same clock in every
    process of the machine)."""

    until: float


@dataclass(frozen=True, slots=True)
class StopShard:
    """Coordinator to worker: another node took this shard over; drop it at once (what
    has not started is abandoned, nothing more of it is sent)."""

    shard_id: int
    reason: str = "taken over by another node"


@dataclass(frozen=True, slots=True)
class StopCampaign:
    """Coordinator to worker: stop starting messages of a campaign and release its shards."""

    campaign_id: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Drain:
    """Coordinator to worker: finish in-flight messages, release every shard and exit."""

    reason: str = field(default="shutdown")


WorkerCommand = Campaign | Forget | StartShard | StopCampaign | StopShard | Trust | Drain
WorkerMessage = ShardReport | WorkerStarted | WorkerError
