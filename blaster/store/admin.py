"""What the CLI manages: lists, templates, campaigns and their status changes, bulk imports.

Rows are listmonk's, written the way listmonk writes them, so a listmonk installation on the
same database sees them as its own. Every user mistake (an unknown list, a status change the
lifecycle does not allow) is a :class:`~blaster.errors.BlasterError` whose message names the
object. A bulk import goes through :class:`SubscriberImport`: each batch is COPYed into a
temporary staging table and merged with ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import psycopg
from psycopg import conninfo, sql

from blaster.errors import BlasterError, StoreError
from blaster.importer import BatchResult, StagedRow
from blaster.models import CampaignProgress, CampaignStatus
from blaster.store import Conn
from blaster.store.campaigns import SYNTAX_ATTRIB, progress

#: the campaign statuses each action may start from, and where it leads
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "start": ((CampaignStatus.DRAFT, CampaignStatus.PAUSED), CampaignStatus.RUNNING),
    "pause": ((CampaignStatus.RUNNING,), CampaignStatus.PAUSED),
    "resume": ((CampaignStatus.PAUSED,), CampaignStatus.RUNNING),
    "cancel": ((CampaignStatus.RUNNING, CampaignStatus.PAUSED), CampaignStatus.CANCELLED),
}

CONTENT_TYPES = ("html", "richtext", "markdown", "plain")


# --- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListRow:
    """One list with its number of subscriptions."""

    id: int
    name: str
    type: str
    optin: str
    subscribers: int


def create_list(conn: Conn, name: str, *, optin: str = "single", list_type: str = "private") -> int:
    """Create a list; a list of that name must not exist yet (the CLI finds lists by name)."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext('blaster.lists'))")
        cur.execute("SELECT id FROM lists WHERE name = %s", (name,))
        if cur.fetchone() is not None:
            raise BlasterError(f"list {name!r} already exists")
        cur.execute(
            "INSERT INTO lists (uuid, name, type, optin) VALUES (%s, %s, %s, %s) RETURNING id",
            (str(uuid.uuid4()), name, list_type, optin),
        )
        return _returned_id(cur.fetchone())


def lists(conn: Conn) -> list[ListRow]:
    """Every list, with its subscription count, by ID."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT l.id, l.name, l.type::text, l.optin::text,"
            " (SELECT COUNT(*) FROM subscriber_lists sl WHERE sl.list_id = l.id)"
            " FROM lists l ORDER BY l.id"
        )
        return [ListRow(*row) for row in cur.fetchall()]


def list_ids(conn: Conn, names: Sequence[str]) -> list[int]:
    """The IDs of the named lists, in order; an unknown name is an error."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT name, MIN(id) FROM lists WHERE name = ANY(%s) GROUP BY name", (list(names),)
        )
        found: dict[str, int] = dict(cur.fetchall())
    missing = [n for n in names if n not in found]
    if missing:
        raise BlasterError(f"list {missing[0]!r} does not exist (see `blaster lists ls`)")
    return [int(found[n]) for n in dict.fromkeys(names)]


# --- templates -------------------------------------------------------------------------------


def create_template(conn: Conn, name: str, body: str, *, default: bool = False) -> int:
    """Create a campaign template; ``default`` makes it the one default template."""
    with conn.transaction(), conn.cursor() as cur:
        if default:  # one default at a time, even with two of these at once
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('blaster.templates'))")
            cur.execute("UPDATE templates SET is_default = false WHERE is_default")
        cur.execute(
            "INSERT INTO templates (name, type, body, is_default) VALUES (%s, 'campaign', %s, %s)"
            " RETURNING id",
            (name, body, default),
        )
        return _returned_id(cur.fetchone())


def templates(conn: Conn) -> list[tuple[int, str, str, bool]]:
    """``(id, name, type, is_default)`` of every template, by ID."""
    with conn.cursor() as cur:
        cur.execute("SELECT id, name, type::text, is_default FROM templates ORDER BY id")
        return [(row[0], row[1], row[2], row[3]) for row in cur.fetchall()]


def template_id(conn: Conn, name: str) -> int:
    """The ID of the campaign template called ``name``."""
    with conn.cursor() as cur:
        cur.execute("SELECT MIN(id) FROM templates WHERE name = %s AND type = 'campaign'", (name,))
        row = cur.fetchone()
    if row is None or row[0] is None:
        raise BlasterError(f"template {name!r} does not exist")
    return int(row[0])


# --- campaigns -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewCampaign:
    """What ``blaster campaigns create`` was given."""

    name: str
    subject: str
    from_email: str
    body: str
    lists: tuple[str, ...]
    content_type: str = "html"
    altbody: str | None = None
    template: str | None = None
    send_at: dt.datetime | None = None
    headers: tuple[tuple[str, str], ...] = ()
    #: the template syntax recorded in ``attribs`` (``go``/``jinja``), or None to detect it
    syntax: str | None = None


@dataclass(frozen=True, slots=True)
class CampaignLine:
    """One row of ``blaster campaigns ls``."""

    id: int
    name: str
    status: str
    sent: int
    to_send: int


def create_campaign(conn: Conn, new: NewCampaign) -> int:
    """Insert a ``draft`` campaign on its lists; return its ID."""
    with conn.transaction(), conn.cursor() as cur:
        ids = list_ids(conn, new.lists)
        template = template_id(conn, new.template) if new.template else None
        cur.execute(
            "INSERT INTO campaigns (uuid, name, subject, from_email, body, altbody, content_type,"
            " send_at, headers, messenger, template_id, attribs)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'email', %s, %s) RETURNING id",
            (
                str(uuid.uuid4()),
                new.name,
                new.subject,
                new.from_email,
                new.body,
                new.altbody,
                new.content_type,
                new.send_at,
                json.dumps([{k: v} for k, v in new.headers]),
                template,
                json.dumps({SYNTAX_ATTRIB: new.syntax} if new.syntax else {}),
            ),
        )
        cid = _returned_id(cur.fetchone())
        cur.executemany(
            "INSERT INTO campaign_lists (campaign_id, list_id, list_name)"
            " SELECT %s, id, name FROM lists WHERE id = %s",
            [(cid, lid) for lid in ids],
        )
    return cid


def campaigns(conn: Conn) -> list[CampaignLine]:
    """Every campaign, newest first."""
    with conn.cursor() as cur:
        cur.execute("SELECT id, name, status::text, sent, to_send FROM campaigns ORDER BY id DESC")
        return [CampaignLine(*row) for row in cur.fetchall()]


def campaign(conn: Conn, campaign_id: int) -> CampaignProgress:
    """:func:`~blaster.store.campaigns.progress` with ``send_at``; missing is an error."""
    info = progress(conn, campaign_id)
    if info is None:
        raise BlasterError(f"campaign {campaign_id} does not exist")
    with conn.cursor() as cur:
        cur.execute("SELECT send_at FROM campaigns WHERE id = %s", (campaign_id,))
        row = cur.fetchone()
    return dataclasses.replace(info, send_at=row[0] if row else None)


def change_status(conn: Conn, campaign_id: int, action: str) -> str:
    """Apply ``start``, ``pause``, ``resume`` or ``cancel``; return the new status.

    ``start`` leads to ``scheduled`` instead of ``running`` while ``send_at`` is in the
    future. A status the action may not start from is an error naming both.
    """
    allowed, target = TRANSITIONS[action]
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE campaigns SET updated_at = NOW(), status = (CASE"
            " WHEN %(start)s AND send_at > NOW() THEN 'scheduled' ELSE %(target)s END"
            ")::campaign_status WHERE id = %(id)s AND status::text = ANY(%(allowed)s)"
            " RETURNING status::text",
            {
                "start": action == "start",
                "target": target,
                "id": campaign_id,
                "allowed": list(allowed),
            },
        )
        row = cur.fetchone()
    if row is not None:
        return str(row[0])
    current = campaign(conn, campaign_id).status
    raise BlasterError(
        f"campaign {campaign_id} is {current}: only a {' or '.join(allowed)} campaign"
        f" can be {_past(action)}"
    )


def _past(action: str) -> str:
    return {"start": "started", "pause": "paused", "resume": "resumed"}.get(action, "cancelled")


# --- bulk import -----------------------------------------------------------------------------

_DEDUP_SQL = """
WITH firsts AS (
    SELECT DISTINCT ON (LOWER(email)) line, LOWER(email) AS key
    FROM blaster_import_stage ORDER BY LOWER(email), line
), fresh AS (
    INSERT INTO blaster_import_seen (key, line) SELECT key, line FROM firsts
    ON CONFLICT DO NOTHING RETURNING line
)
DELETE FROM blaster_import_stage WHERE line NOT IN (SELECT line FROM fresh)
RETURNING line, LOWER(email)
"""

# New subscribers come back from RETURNING; earlier ones (any case) are found through the
# unique index on LOWER(email), one lookup per conflicting row (LIMIT 1 keeps the planner
# from hashing the whole subscribers table for every batch). The statement's snapshot does
# not see the rows it inserts, so "old" holds exactly the subscribers that existed before.
_MERGE_SQL = """
WITH ins AS (
    INSERT INTO subscribers (uuid, email, name, attribs)
    SELECT gen_random_uuid(), email, name, attribs FROM blaster_import_stage ORDER BY line
    ON CONFLICT DO NOTHING
    RETURNING id, LOWER(email) AS key
), old AS (
    SELECT s.id FROM blaster_import_stage st
    CROSS JOIN LATERAL (
        SELECT id FROM subscribers WHERE LOWER(email) = LOWER(st.email) LIMIT 1
    ) s
    WHERE LOWER(st.email) NOT IN (SELECT key FROM ins)
), subscriptions AS (
    INSERT INTO subscriber_lists (subscriber_id, list_id, status)
    SELECT sub.id, l.id, %s::subscription_status
    FROM (SELECT id FROM ins UNION ALL SELECT id FROM old) sub
    CROSS JOIN UNNEST(%s::int[]) AS l(id)
    ORDER BY sub.id
    ON CONFLICT DO NOTHING
)
SELECT (SELECT COUNT(*) FROM ins), (SELECT COUNT(*) FROM old)
"""


class SubscriberImport:
    """One bulk import: staging tables for its session, one transaction per batch.

    Existing subscribers (same e-mail, any case) keep their data and are only added to the
    lists; existing subscriptions keep their status (an unsubscribed person stays so).

    :param conn: an autocommit connection used by this import only.
    :param list_ids: lists every imported subscriber is added to.
    :param status: subscription status of new subscriptions.
    """

    def __init__(self, conn: Conn, list_ids: Sequence[int], status: str) -> None:
        self.conn = conn
        self.list_ids = list(list_ids)
        self.status = status

    def __enter__(self) -> SubscriberImport:
        self.conn.execute(
            "CREATE TEMP TABLE blaster_import_stage (line INTEGER PRIMARY KEY, email TEXT NOT NULL,"
            " name TEXT NOT NULL, attribs JSONB NOT NULL) ON COMMIT DELETE ROWS"
        )
        self.conn.execute(
            "CREATE TEMP TABLE blaster_import_seen (key TEXT PRIMARY KEY, line INTEGER NOT NULL)"
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.conn.closed:
            return
        self.conn.execute("DROP TABLE IF EXISTS blaster_import_stage, blaster_import_seen")
        if kind is None:
            analyze(self.conn)

    def load(self, rows: Sequence[StagedRow]) -> BatchResult:
        """Merge one batch of valid rows; duplicates of earlier rows are left out."""
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SET LOCAL work_mem = '64MB'")  # sort a batch in memory
            with cur.copy(
                "COPY blaster_import_stage (line, email, name, attribs) FROM STDIN"
            ) as cp:
                for row in rows:
                    cp.write_row(row)
            cur.execute(_DEDUP_SQL)
            dropped = cur.fetchall()
            cur.execute(_MERGE_SQL, (self.status, self.list_ids))
            counts = cur.fetchone()
            duplicates = self._first_lines(cur, dropped)
        imported, existing = (int(counts[0]), int(counts[1])) if counts else (0, 0)
        return BatchResult(imported, existing, duplicates)

    @staticmethod
    def _first_lines(cur: Any, dropped: list[tuple[int, str]]) -> tuple[tuple[int, int], ...]:
        if not dropped:
            return ()
        cur.execute(
            "SELECT key, line FROM blaster_import_seen WHERE key = ANY(%s)",
            ([key for _, key in dropped],),
        )
        first = dict(cur.fetchall())
        return tuple(sorted((line, int(first[key])) for line, key in dropped))


# --- the demo's database ---------------------------------------------------------------------


def recreate_database(dsn: str, name: str) -> str:
    """Drop and create database ``name`` on the server of ``dsn``; return a DSN for it."""
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            ident = sql.Identifier(name)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
    except psycopg.Error as exc:
        raise StoreError(f"cannot create database {name!r}: {exc}".splitlines()[0]) from None
    return conninfo.make_conninfo(dsn, dbname=name)


_FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Linus"]
_LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton"]
_CITIES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Perth"]


def seed_subscribers(conn: Conn, count: int, list_id: int, domain: str = "example.com") -> None:
    """``count`` synthetic subscribers ``demoN@domain``, confirmed on ``list_id``.

    Generated inside PostgreSQL (``generate_series``), so no row crosses the wire.
    """
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "INSERT INTO subscribers (uuid, email, name, attribs)"
            " SELECT gen_random_uuid(), 'demo' || g || '@' || %(domain)s,"
            " (%(first)s::text[])[1 + g %% cardinality(%(first)s::text[])] || ' '"
            " || (%(last)s::text[])[1 + g %% cardinality(%(last)s::text[])],"
            " jsonb_build_object('n', g, 'city', (%(cities)s::text[])"
            "[1 + g %% cardinality(%(cities)s::text[])])"
            " FROM generate_series(1, %(count)s) g ORDER BY g",
            {
                "domain": domain,
                "first": _FIRST_NAMES,
                "last": _LAST_NAMES,
                "cities": _CITIES,
                "count": count,
            },
        )
        cur.execute(
            "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
            " SELECT id, %s, 'confirmed' FROM subscribers WHERE email LIKE %s ORDER BY id",
            (list_id, f"demo%@{domain}"),
        )
    analyze(conn)


def analyze(conn: Conn) -> None:
    """Refresh the planner's statistics of the subscriber tables after a bulk load.

    Without them the eligibility count at pickup can take a nested-loop plan that is
    quadratic in the number of subscribers (44 s instead of 16 ms for 20,000 rows).
    """
    conn.execute("ANALYZE subscribers, subscriber_lists")


def _returned_id(row: tuple[Any, ...] | None) -> int:
    if row is None:
        raise StoreError("INSERT ... RETURNING returned no row")
    return int(row[0])


def failures(conn: Conn, campaign_id: int) -> list[tuple[Any, ...]]:
    """The failure ledger of a campaign: subscriber id, email, kind, code, message,
    attempts, time; oldest first."""
    return conn.execute(
        "SELECT f.subscriber_id, COALESCE(s.email, ''), f.kind, f.smtp_code, f.message,"
        " f.attempts, f.created_at FROM blaster_failures f"
        " LEFT JOIN subscribers s ON s.id = f.subscriber_id"
        " WHERE f.campaign_id = %s ORDER BY f.created_at, f.subscriber_id",
        (campaign_id,),
    ).fetchall()


def start_retry(conn: Conn, campaign_id: int) -> int:
    """Re-send a finished or paused campaign to the subscribers in its failure ledger only.

    Adds a ``retry`` shard over the frozen ID range and sets the campaign ``running``;
    returns how many subscribers will be retried. Those delivered leave the ledger when
    the campaign finishes.
    """
    with conn.transaction():
        row = conn.execute(
            "SELECT c.status::text, c.max_subscriber_id,"
            " (SELECT COUNT(*) FROM blaster_failures f WHERE f.campaign_id = c.id)"
            " FROM campaigns c WHERE c.id = %s FOR UPDATE",
            (campaign_id,),
        ).fetchone()
        if row is None:
            raise BlasterError(f"campaign {campaign_id} does not exist")
        status, max_id, count = row
        if status not in (CampaignStatus.FINISHED, CampaignStatus.PAUSED):
            raise BlasterError(
                f"campaign {campaign_id} is {status}: only a finished or paused campaign"
                " can retry its failures"
            )
        if count == 0:
            raise BlasterError(f"campaign {campaign_id} has no failures to retry")
        conn.execute(
            "DELETE FROM blaster_shards WHERE campaign_id = %s AND kind = 'retry'", (campaign_id,)
        )
        conn.execute(
            "INSERT INTO blaster_shards (campaign_id, lo, hi, frontier, kind)"
            " VALUES (%s, 0, %s, 0, 'retry')",
            (campaign_id, max_id),
        )
        conn.execute(
            "UPDATE blaster_campaigns SET retry_started_at = NOW(), error = ''"
            " WHERE campaign_id = %s",
            (campaign_id,),
        )
        conn.execute(
            "UPDATE campaigns SET status = 'running', updated_at = NOW() WHERE id = %s",
            (campaign_id,),
        )
    return int(count)
