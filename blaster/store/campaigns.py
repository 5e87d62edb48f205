"""The coordinator's queries: discovery, pickup, shards, checkpoints, final status.

Pickup freezes a campaign's ID range once (``max_subscriber_id``, ``to_send``, the shard
rows) in the same transaction that holds the campaign's row lock, so a restart or a second
coordinator resumes the same plan instead of making a new one. A checkpoint renews the
node's shard leases and writes shard frontiers, failures and the campaign's listmonk columns
in one transaction, fenced on the leases (:mod:`blaster.store.leases`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
import psycopg.errors
from psycopg import sql
from psycopg.rows import class_row

from blaster import sharding
from blaster.embed import embedded_filenames
from blaster.ledger import ShardDelta
from blaster.models import CampaignProgress, CampaignSpec, MediaRef
from blaster.store import Conn, leases
from blaster.store.content import campaign_media, inline_media
from blaster.store.subscribers import set_to_send, set_to_send_later

logger = logging.getLogger(__name__)

RUNNABLE_SQL = """
SELECT id FROM campaigns
WHERE status = 'running' OR (status = 'scheduled' AND send_at IS NOT NULL AND send_at <= NOW())
ORDER BY id
"""

CAMPAIGN_SQL = """
SELECT c.id, c.uuid::text, c.name, c.subject, c.from_email, c.body, c.altbody,
       c.content_type::text, c.headers, COALESCE(c.tags, '{}'), c.attribs, c.type::text,
       c.messenger, c.status::text, c.max_subscriber_id, c.last_subscriber_id,
       COALESCE(t.body, d.body)
FROM campaigns c
LEFT JOIN templates t ON t.id = c.template_id
LEFT JOIN templates d ON d.is_default AND d.type = 'campaign'
WHERE c.id = %s
"""

LISTS_SQL = """
SELECT l.id, l.optin::text FROM campaign_lists cl JOIN lists l ON l.id = cl.list_id
WHERE cl.campaign_id = %s ORDER BY l.id
"""


@dataclass(frozen=True, slots=True)
class CampaignRow:
    """A campaign as the coordinator sees it at pickup."""

    spec: CampaignSpec
    messenger: str
    status: str
    last_subscriber_id: int


def runnable_ids(conn: Conn) -> list[int]:
    """Campaigns to send now: ``running``, or ``scheduled`` with ``send_at`` passed."""
    with conn.cursor() as cur:
        cur.execute(RUNNABLE_SQL)
        return [row[0] for row in cur.fetchall()]


def statuses(conn: Conn, ids: Iterable[int]) -> dict[int, str]:
    """Current status of each campaign; a deleted campaign is absent."""
    with conn.cursor() as cur:
        cur.execute("SELECT id, status::text FROM campaigns WHERE id = ANY(%s)", (list(ids),))
        return {row[0]: row[1] for row in cur.fetchall()}


LOST_LISTS_SQL = """
SELECT w.campaign_id, w.list_id, EXISTS (SELECT 1 FROM lists l WHERE l.id = w.list_id)
FROM unnest(%s::int[], %s::int[]) AS w(campaign_id, list_id)
JOIN campaigns c ON c.id = w.campaign_id
WHERE NOT EXISTS (SELECT 1 FROM campaign_lists cl
                  WHERE cl.campaign_id = w.campaign_id AND cl.list_id = w.list_id)
ORDER BY 1, 2
"""


def lost_lists(conn: Conn, specs: Iterable[CampaignSpec]) -> list[tuple[int, int, bool]]:
    """Lists the campaigns were picked up with that are no longer theirs, as
    ``(campaign_id, list_id, whether the list still exists)``.

    Deleting a list sets ``campaign_lists.list_id`` to NULL (and takes its subscriptions
    along), so its subscribers not yet sent to would silently stop qualifying.
    """
    pairs = [(s.id, lid) for s in specs for lid in s.double_list_ids + s.single_list_ids]
    if not pairs:
        return []
    with conn.cursor() as cur:
        cur.execute(LOST_LISTS_SQL, ([c for c, _ in pairs], [lid for _, lid in pairs]))
        return [(row[0], row[1], bool(row[2])) for row in cur.fetchall()]


def _headers(raw: Any) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            pairs.extend((str(k), str(v)) for k, v in item.items())
    return tuple(pairs)


def load(conn: Conn, campaign_id: int) -> CampaignRow | None:
    """The campaign with its base template and its lists split by opt-in kind."""
    with conn.cursor() as cur:
        cur.execute(CAMPAIGN_SQL, (campaign_id,))
        row = cur.fetchone()
        if row is None:
            return None
        cur.execute(LISTS_SQL, (campaign_id,))
        lists = cur.fetchall()
    spec = CampaignSpec(
        id=row[0],
        uuid=row[1],
        name=row[2],
        subject=row[3],
        from_email=row[4],
        body=row[5],
        altbody=row[6] or None,
        content_type=row[7],
        headers=_headers(row[8]),
        tags=tuple(row[9]),
        attribs=row[10] or {},
        type=row[11],
        double_list_ids=tuple(lid for lid, optin in lists if optin == "double"),
        single_list_ids=tuple(lid for lid, optin in lists if optin == "single"),
        max_subscriber_id=row[14],
        template_body=row[16],
        attachments=campaign_media(conn, campaign_id),
        inline=_inline(conn, row[7], row[5], row[16]),
        syntax=str((row[10] or {}).get(SYNTAX_ATTRIB, "auto")),
        messenger=row[12],
    )
    return CampaignRow(spec=spec, messenger=row[12], status=row[13], last_subscriber_id=row[15])


def _inline(conn: Conn, content_type: str, body: str, template: str | None) -> tuple[MediaRef, ...]:
    """The media of the campaign's embedded images (none for a plain-text campaign, as in
    listmonk)."""
    if content_type == "plain":
        return ()
    return inline_media(conn, embedded_filenames(body, template))


#: the key of ``campaigns.attribs`` that names a campaign's template syntax (``go``/``jinja``)
SYNTAX_ATTRIB = "blaster_syntax"


def _max_id(conn: Conn, spec: CampaignSpec) -> int:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT COALESCE(MAX(subscriber_id), 0) FROM subscriber_lists WHERE list_id = ANY(%s)",
            (list(spec.double_list_ids + spec.single_list_ids),),
        )
        row = cur.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class Count:
    """A frozen campaign's ``to_send``: ``base`` plus its eligible subscribers in
    ``(after, hi]`` (see :func:`set_to_send`)."""

    spec: CampaignSpec
    base: int
    after: int
    hi: int

    def run(self, conn: Conn, *, parallel: bool = True, wait: float = 0.0) -> int | None:
        """Count and write ``to_send`` (idempotent); None when the campaign is gone.

        ``parallel=False`` keeps the count in one server process for the rest of the
        session: beside sending (or workers starting) on a few cores, a parallel count
        takes them all for little gain (1M subscribers here: 0.63 s on one core, 0.75 s
        on three). ``wait``: count once the first sends are checkpointed, within that many
        seconds (:func:`~blaster.store.subscribers.set_to_send_later`).
        """
        if not parallel:
            conn.execute("SET max_parallel_workers_per_gather = 0")
        if wait > 0:
            return set_to_send_later(conn, self.spec, self.base, self.after, self.hi, wait)
        return set_to_send(conn, self.spec, self.base, self.after, self.hi)


#: takes a :class:`Count` to run on another connection; returns once it is on its way
Counter = Callable[[Count], None]


def pick_up(
    conn: Conn,
    campaign_id: int,
    shard_size: int,
    min_shards: int = 1,
    counter: Counter | None = None,
) -> CampaignRow | None:
    """Freeze a runnable campaign's plan (first time only) and mark it ``running``.

    Returns ``None`` when the campaign is gone or no longer runnable. Runs in one
    transaction holding the campaign's row lock, so two nodes picking the campaign up at
    once plan it once. Shards are at most ``shard_size`` IDs, and smaller when needed to
    make ``min_shards`` of them, so every worker gets a share; nodes then lease them
    (:func:`blaster.store.leases.claim`).

    ``to_send`` is counted in the same transaction, or, with ``counter``, handed to another
    connection before the commit: counting a million subscribers takes most of a second,
    and the shards can be leased and sent meanwhile. The count's statement waits in the
    database for this transaction's row lock and writes an absolute value, so once it is
    on its way a coordinator that dies leaves it to the server.
    """
    refresh_statistics(conn)
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "SELECT status::text FROM campaigns WHERE id = %s AND (status = 'running' OR "
            "(status = 'scheduled' AND send_at <= NOW())) FOR UPDATE",
            (campaign_id,),
        )
        if cur.fetchone() is None:
            return None
        row = load(conn, campaign_id)
        assert row is not None
        cur.execute("SELECT 1 FROM blaster_shards WHERE campaign_id = %s LIMIT 1", (campaign_id,))
        if cur.fetchone() is None:
            row = _freeze(conn, row, shard_size, min_shards, counter)
        cur.execute(
            "UPDATE campaigns SET status = 'running', started_at = COALESCE(started_at, NOW()),"
            " updated_at = NOW() WHERE id = %s",
            (campaign_id,),
        )
        cur.execute(
            "INSERT INTO blaster_campaigns (campaign_id) VALUES (%s) ON CONFLICT DO NOTHING",
            (campaign_id,),
        )
        return row


STALE_STATS_SQL = """
SELECT relname FROM pg_stat_user_tables
WHERE relname IN ('subscribers', 'subscriber_lists')
  AND (COALESCE(last_analyze, last_autoanalyze) IS NULL
       OR n_mod_since_analyze > GREATEST(1000, n_live_tup / 10))
"""


def refresh_statistics(conn: Conn) -> list[str]:
    """ANALYZE the subscriber tables when a bulk change has made their statistics stale.

    Right after a large import PostgreSQL has no statistics and may plan the eligibility
    query as a nested loop over whole tables (seconds per page instead of milliseconds).
    Returns the tables analysed; lacking the privilege is logged, not fatal.
    """
    stale = [row[0] for row in conn.execute(STALE_STATS_SQL).fetchall()]
    for table in stale:
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
        except psycopg.errors.InsufficientPrivilege:
            logger.warning("cannot ANALYZE %s (not its owner); query plans may be slow", table)
    return stale


def _freeze(
    conn: Conn, row: CampaignRow, shard_size: int, min_shards: int, counter: Counter | None
) -> CampaignRow:
    """First pickup: freeze the ID range, write the shard plan, count ``to_send``."""
    spec = row.spec
    start = row.last_subscriber_id  # a campaign listmonk already half-sent resumes there
    max_id = spec.max_subscriber_id if spec.max_subscriber_id > 0 else _max_id(conn, spec)
    max_id = max(max_id, start)
    size = min(shard_size, max(1, -(-(max_id - start) // max(1, min_shards))))
    ranges = sharding.plan(start, max_id, size)
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO blaster_shards (campaign_id, lo, hi, frontier) VALUES (%s, %s, %s, %s)",
            [(spec.id, lo, hi, lo) for lo, hi in ranges],
        )
        cur.execute(
            "UPDATE campaigns SET max_subscriber_id = %s, to_send = sent,"
            " last_subscriber_id = %s WHERE id = %s RETURNING sent",
            (max_id, start if ranges else max_id, spec.id),
        )
        (sent,) = cur.fetchone() or (0,)
    count = Count(spec, int(sent), start, max_id)
    if counter is None:
        count.run(conn)
    else:
        counter(count)
    frozen = dataclasses.replace(spec, max_subscriber_id=max_id)
    return CampaignRow(frozen, row.messenger, row.status, row.last_subscriber_id)


def checkpoint(
    conn: Conn,
    node: leases.Node,
    held: Sequence[tuple[int, int]],
    deltas: Sequence[ShardDelta],
    lease: float,
    rate: float = 0.0,
) -> set[int]:
    """Renew this node's leases and persist shard positions, failures and campaign
    counters, in one transaction fenced on each shard's ``(owner, epoch)``; the node's
    heartbeat goes with it.

    :param held: ``(shard_id, epoch)`` of the shards the node leases (the deltas' shards
        are added).
    :returns: the shards that were taken over by another node: nothing of theirs was
        written, and the node must stop sending them at once.
    """
    wanted = dict(held)
    wanted.update((d.shard_id, d.epoch) for d in deltas)
    with conn.transaction(), conn.cursor() as cur:
        kept = leases.renew(cur, node.id, sorted(wanted.items()), lease)
        mine = [d for d in deltas if d.shard_id in kept]
        _write_deltas(cur, mine)
        leases.heartbeat(cur, node, len(kept), rate, sum(d.sent for d in mine))
    return set(wanted) - kept


def _write_deltas(cur: Any, deltas: Sequence[ShardDelta]) -> None:
    """Shard rows, failures and counters of the deltas whose leases were just renewed.

    A campaign deleted meanwhile took its shards and failures along: the others are kept
    from being deleted until the commit, and what belongs to the deleted ones is dropped.
    """
    if not deltas:
        return
    per_campaign: dict[int, list[int]] = {}
    for d in deltas:
        totals = per_campaign.setdefault(d.campaign_id, [0, 0])
        totals[0] += d.sent
        totals[1] += d.failed
    cur.execute(
        "SELECT id FROM campaigns WHERE id = ANY(%s) FOR KEY SHARE", (sorted(per_campaign),)
    )
    alive = {row[0] for row in cur.fetchall()}
    failures = [(d.campaign_id, f) for d in deltas if d.campaign_id in alive for f in d.failures]
    if failures:
        cur.executemany(
            "INSERT INTO blaster_failures (campaign_id, subscriber_id, kind, smtp_code,"
            " message, attempts) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (campaign_id, subscriber_id) DO UPDATE SET kind = EXCLUDED.kind,"
            " smtp_code = EXCLUDED.smtp_code, message = EXCLUDED.message,"
            " attempts = blaster_failures.attempts + EXCLUDED.attempts,"
            " created_at = NOW()",
            [
                (cid, f.subscriber_id, f.kind.value, f.code, f.message[:1000], f.attempts)
                for cid, f in failures
            ],
        )
    cur.executemany(
        "UPDATE blaster_shards SET frontier = GREATEST(frontier, %s), read_upto = %s,"
        " undone = %s,"
        " sent = sent + %s, failed = failed + %s,"
        " state = CASE WHEN %s THEN 'done' ELSE state END, updated_at = NOW() WHERE id = %s",
        [
            (
                d.checkpoint.frontier,
                d.checkpoint.read_upto,
                list(d.checkpoint.undone),
                d.sent,
                d.failed,
                d.done,
                d.shard_id,
            )
            for d in deltas
        ],
    )
    for cid, (sent, failed) in per_campaign.items():
        if cid in alive:
            _update_campaign(cur, cid, sent, failed)


def _update_campaign(cur: Any, campaign_id: int, sent: int, failed: int) -> None:
    cur.execute(
        "UPDATE campaigns c SET sent = c.sent + %s, updated_at = NOW(),"
        " last_subscriber_id = COALESCE((SELECT frontier FROM blaster_shards"
        "   WHERE campaign_id = c.id AND state = 'pending' AND kind = 'range'"
        "   ORDER BY lo LIMIT 1),"
        "   c.max_subscriber_id)"
        " WHERE c.id = %s",
        (sent, campaign_id),
    )
    if failed:
        _count_failures(cur, campaign_id)


def _count_failures(cur: Any, campaign_id: int) -> None:
    """``blaster_campaigns.failed`` from the ledger (a retry may re-record a failure)."""
    cur.execute(
        "UPDATE blaster_campaigns SET failed ="
        " (SELECT COUNT(*) FROM blaster_failures WHERE campaign_id = %s) WHERE campaign_id = %s",
        (campaign_id, campaign_id),
    )


def finish_if_complete(conn: Conn, campaign_id: int) -> bool:
    """Mark a running campaign ``finished`` when none of its shards is pending."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "UPDATE campaigns SET status = 'finished', updated_at = NOW(),"
            " last_subscriber_id = max_subscriber_id"
            " WHERE id = %s AND status = 'running' AND NOT EXISTS"
            " (SELECT 1 FROM blaster_shards WHERE campaign_id = %s AND state = 'pending')",
            (campaign_id, campaign_id),
        )
        finished = cur.rowcount == 1
        if finished:
            # after a retry, ledger rows it did not record again were delivered
            cur.execute(
                "DELETE FROM blaster_failures f USING blaster_campaigns b"
                " WHERE f.campaign_id = %s AND b.campaign_id = f.campaign_id"
                " AND f.created_at < b.retry_started_at",
                (campaign_id,),
            )
            cur.execute(
                "UPDATE blaster_campaigns SET finished_at = NOW(), retry_started_at = NULL"
                " WHERE campaign_id = %s",
                (campaign_id,),
            )
            _count_failures(cur, campaign_id)
    return finished


def refuse(conn: Conn, campaign_id: int, error: str) -> None:
    """Pause a campaign that cannot (or must no longer) be sent, with the reason recorded
    (nothing to do when it was deleted meanwhile)."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT 1 FROM campaigns WHERE id = %s FOR KEY SHARE", (campaign_id,))
        if cur.fetchone() is None:
            return
        cur.execute(
            "UPDATE campaigns SET status = 'paused', updated_at = NOW()"
            " WHERE id = %s AND status IN ('running', 'scheduled')",
            (campaign_id,),
        )
        cur.execute(
            "INSERT INTO blaster_campaigns (campaign_id, error) VALUES (%s, %s)"
            " ON CONFLICT (campaign_id) DO UPDATE SET error = EXCLUDED.error",
            (campaign_id, error),
        )
        # a resume gives every shard a fresh count of takeovers (see POISON_TAKEOVERS)
        cur.execute(
            "UPDATE blaster_shards SET takeovers = 0 WHERE campaign_id = %s AND takeovers > 0",
            (campaign_id,),
        )


def clear_error(conn: Conn, campaign_id: int) -> None:
    """Forget a previous refusal once the campaign runs again."""
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE blaster_campaigns SET error = '', notice = '' WHERE campaign_id = %s",
            (campaign_id,),
        )


def progress(conn: Conn, campaign_id: int) -> CampaignProgress | None:
    """Status and counters of one campaign, for ``campaigns show``, notices and metrics."""
    with conn.cursor(row_factory=class_row(CampaignProgress)) as cur:
        cur.execute(
            "SELECT c.id, c.name, c.status::text AS status, c.to_send, c.sent,"
            " COALESCE(b.failed, 0) AS failed, c.max_subscriber_id, c.last_subscriber_id,"
            " c.started_at, c.updated_at, COALESCE(b.error, '') AS error, b.finished_at"
            " FROM campaigns c LEFT JOIN blaster_campaigns b ON b.campaign_id = c.id"
            " WHERE c.id = %s",
            (campaign_id,),
        )
        return cur.fetchone()


def claim_notice(conn: Conn, campaign_id: int, event: str) -> bool:
    """Whether this node is the one to send the ``event`` notification of the campaign's
    current stop (one node wins; the mark is cleared when the campaign runs again)."""
    row = conn.execute(
        "UPDATE blaster_campaigns SET notice = %s WHERE campaign_id = %s AND notice <> %s"
        " RETURNING 1",
        (event, campaign_id, event),
    ).fetchone()
    return row is not None


def listen(conn: Conn) -> None:
    """Subscribe ``conn`` to campaign status notifications and other nodes' releases."""
    conn.execute("LISTEN blaster_campaigns")
    leases.listen(conn)


def drain_notifications(conn: Conn) -> list[int]:
    """Campaign IDs notified since the last call (non-blocking); a release of shards by
    another node counts as campaign 0."""
    ids: list[int] = []
    for note in conn.notifies(timeout=0):
        if note.channel == leases.SHARDS_CHANNEL:
            ids.append(0)
            continue
        try:
            ids.append(int(note.payload))
        except ValueError:
            continue
    return ids


def load_rate_window(conn: Conn, width: float, since_slot: int) -> list[tuple[int, int]]:
    """Persisted ``(slot, sent)`` counts of the sliding window newer than ``since_slot``,
    every node's together."""
    rows = conn.execute(
        "SELECT slot, SUM(sent) FROM blaster_rate_window WHERE slot_seconds = %s AND slot > %s"
        " GROUP BY slot ORDER BY slot",
        (width, since_slot),
    ).fetchall()
    return [(int(r[0]), int(r[1])) for r in rows]


def save_rate_window(
    conn: Conn, node: str, width: float, rows: Sequence[tuple[int, int]], since_slot: int
) -> None:
    """Upsert this node's slot counts and forget the slots that left the window."""
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO blaster_rate_window (slot_seconds, slot, node, sent)"
            " VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (slot_seconds, slot, node) DO UPDATE SET sent = EXCLUDED.sent",
            [(width, slot, node, sent) for slot, sent in rows],
        )
        cur.execute(
            "DELETE FROM blaster_rate_window WHERE slot_seconds <> %s OR slot <= %s",
            (width, since_slot),
        )
