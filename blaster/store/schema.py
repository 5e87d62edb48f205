"""Versioned, idempotent migrations: listmonk's tables where absent, then blaster's own.

Migration 1 creates listmonk's enums and tables only if they do not exist, so blaster can run
against an existing listmonk database (then it only adds ``blaster_*`` objects). Every step
is recorded in ``blaster_schema_version`` and runs in one transaction under an advisory lock,
so two ``blaster db migrate`` at once are safe.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from blaster.models import CampaignStatus

_ENUMS = {
    "list_type": ("public", "private", "temporary"),
    "list_optin": ("single", "double"),
    "list_status": ("active", "archived"),
    "subscriber_status": ("enabled", "disabled", "blocklisted"),
    "subscription_status": ("unconfirmed", "confirmed", "unsubscribed"),
    "campaign_status": tuple(CampaignStatus),
    "campaign_type": ("regular", "optin"),
    "content_type": ("richtext", "html", "plain", "markdown", "visual"),
    "template_type": ("campaign", "campaign_visual", "tx"),
}

LISTMONK_TABLES = """
CREATE TABLE IF NOT EXISTS subscribers (
    id          SERIAL PRIMARY KEY,
    uuid        UUID NOT NULL UNIQUE,
    email       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    attribs     JSONB NOT NULL DEFAULT '{}',
    status      subscriber_status NOT NULL DEFAULT 'enabled',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_subs_email ON subscribers(LOWER(email));
CREATE INDEX IF NOT EXISTS idx_subs_status ON subscribers(status);
CREATE INDEX IF NOT EXISTS idx_subs_id_status ON subscribers(id, status);

CREATE TABLE IF NOT EXISTS lists (
    id          SERIAL PRIMARY KEY,
    uuid        UUID NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        list_type NOT NULL,
    optin       list_optin NOT NULL DEFAULT 'single',
    status      list_status NOT NULL DEFAULT 'active',
    tags        VARCHAR(100)[],
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS subscriber_lists (
    subscriber_id  INTEGER REFERENCES subscribers(id) ON DELETE CASCADE ON UPDATE CASCADE,
    list_id        INTEGER NULL REFERENCES lists(id) ON DELETE CASCADE ON UPDATE CASCADE,
    meta           JSONB NOT NULL DEFAULT '{}',
    status         subscription_status NOT NULL DEFAULT 'unconfirmed',
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY(subscriber_id, list_id)
);
CREATE INDEX IF NOT EXISTS idx_sub_lists_sub_id ON subscriber_lists(subscriber_id);
CREATE INDEX IF NOT EXISTS idx_sub_lists_list_id ON subscriber_lists(list_id);
CREATE INDEX IF NOT EXISTS idx_sub_lists_status ON subscriber_lists(status);

CREATE TABLE IF NOT EXISTS templates (
    id          SERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    type        template_type NOT NULL DEFAULT 'campaign',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    body_source TEXT NULL,
    is_default  BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
-- (the unique index on is_default: _ensure_templates_default_index, after this script)

CREATE TABLE IF NOT EXISTS campaigns (
    id                  SERIAL PRIMARY KEY,
    uuid                UUID NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    subject             TEXT NOT NULL,
    from_email          TEXT NOT NULL,
    body                TEXT NOT NULL,
    body_source         TEXT NULL,
    altbody             TEXT NULL,
    content_type        content_type NOT NULL DEFAULT 'richtext',
    send_at             TIMESTAMP WITH TIME ZONE NULL,
    headers             JSONB NOT NULL DEFAULT '[]',
    attribs             JSONB NOT NULL DEFAULT '{}',
    status              campaign_status NOT NULL DEFAULT 'draft',
    tags                VARCHAR(100)[],
    type                campaign_type NOT NULL DEFAULT 'regular',
    messenger           TEXT NOT NULL,
    template_id         INTEGER REFERENCES templates(id) ON DELETE SET NULL,
    to_send             INT NOT NULL DEFAULT 0,
    sent                INT NOT NULL DEFAULT 0,
    max_subscriber_id   INT NOT NULL DEFAULT 0,
    last_subscriber_id  INT NOT NULL DEFAULT 0,
    archive             BOOLEAN NOT NULL DEFAULT false,
    archive_slug        TEXT NULL UNIQUE,
    archive_template_id INTEGER REFERENCES templates(id) ON DELETE SET NULL,
    archive_meta        JSONB NOT NULL DEFAULT '{}',
    started_at          TIMESTAMP WITH TIME ZONE NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_camps_status ON campaigns(status);

CREATE TABLE IF NOT EXISTS campaign_lists (
    id           BIGSERIAL PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE ON UPDATE CASCADE,
    list_id      INTEGER NULL REFERENCES lists(id) ON DELETE SET NULL ON UPDATE CASCADE,
    list_name    TEXT NOT NULL DEFAULT '',
    UNIQUE(campaign_id, list_id)
);
CREATE INDEX IF NOT EXISTS idx_camp_lists_camp_id ON campaign_lists(campaign_id);
CREATE INDEX IF NOT EXISTS idx_camp_lists_list_id ON campaign_lists(list_id);

CREATE TABLE IF NOT EXISTS media (
    id           SERIAL PRIMARY KEY,
    uuid         UUID NOT NULL UNIQUE,
    provider     TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    thumb        TEXT NOT NULL DEFAULT '',
    meta         JSONB NOT NULL DEFAULT '{}',
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS campaign_media (
    campaign_id  INTEGER REFERENCES campaigns(id) ON DELETE CASCADE ON UPDATE CASCADE,
    media_id     INTEGER NULL REFERENCES media(id) ON DELETE SET NULL ON UPDATE CASCADE,
    filename     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS links (
    id         SERIAL PRIMARY KEY,
    uuid       UUID NOT NULL UNIQUE,
    url        TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
"""

BLASTER_TABLES = """
-- One row per shard (lo, hi] of a campaign's frozen ID range. frontier: every eligible ID
-- at or below it is sent or recorded in blaster_failures; done_above: IDs above the
-- frontier that are done too, skipped on resume (replaced by read_upto/undone in 7).
-- owner/lease_until let several coordinators lease shards later (FOR UPDATE SKIP LOCKED)
-- without another source of truth.
CREATE TABLE IF NOT EXISTS blaster_shards (
    id           BIGSERIAL PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    lo           INTEGER NOT NULL,
    hi           INTEGER NOT NULL,
    frontier     INTEGER NOT NULL,
    done_above   INTEGER[] NOT NULL DEFAULT '{}',
    sent         INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    owner        TEXT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    UNIQUE (campaign_id, lo),
    CHECK (lo <= frontier AND frontier <= hi)
);

-- A subscriber who did not receive a campaign, and why (basis for "retry failed").
CREATE TABLE IF NOT EXISTS blaster_failures (
    campaign_id    INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    subscriber_id  INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('permanent', 'temporary', 'render')),
    smtp_code      INTEGER NOT NULL DEFAULT 0,
    message        TEXT NOT NULL DEFAULT '',
    attempts       INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY (campaign_id, subscriber_id)
);

-- Per-campaign engine state that listmonk's columns cannot hold.
CREATE TABLE IF NOT EXISTS blaster_campaigns (
    campaign_id  INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
    failed       INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    picked_up_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    finished_at  TIMESTAMP WITH TIME ZONE NULL
);

-- Wake running engines at once when a campaign's status changes, even through plain SQL.
CREATE OR REPLACE FUNCTION blaster_notify_campaign() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('blaster_campaigns', NEW.id::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS blaster_campaign_status ON campaigns;
CREATE TRIGGER blaster_campaign_status
    AFTER INSERT OR UPDATE OF status ON campaigns
    FOR EACH ROW EXECUTE FUNCTION blaster_notify_campaign();
"""

RETRY_SHARDS = """
-- "retry failed": a shard of kind 'retry' re-sends to the subscribers in blaster_failures
-- only; failures older than retry_started_at that were not recorded again are deleted
-- when the campaign finishes (they were delivered).
ALTER TABLE blaster_shards ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT 'range'
    CHECK (kind IN ('range', 'retry'));
ALTER TABLE blaster_shards DROP CONSTRAINT IF EXISTS blaster_shards_campaign_id_lo_key;
CREATE UNIQUE INDEX IF NOT EXISTS blaster_shards_campaign_kind_lo
    ON blaster_shards (campaign_id, kind, lo);
ALTER TABLE blaster_campaigns ADD COLUMN IF NOT EXISTS retry_started_at
    TIMESTAMP WITH TIME ZONE NULL;
"""

RATE_WINDOW = """
-- The sliding-window rate limit's slot counts, so a restart keeps honouring the window.
CREATE TABLE IF NOT EXISTS blaster_rate_window (
    slot_seconds  DOUBLE PRECISION NOT NULL,
    slot          BIGINT NOT NULL,
    sent          INTEGER NOT NULL,
    PRIMARY KEY (slot_seconds, slot)
);
"""

TX_MESSAGES = """
-- Transactional messages (POST /api/tx, blaster.tx.TxService): one row per message, its
-- outcome and the relay's last reply. status: queued -> sent, or failed (smtp_code 0 = no
-- reply: the relay was unreachable, or blaster stopped before sending it).
CREATE TABLE IF NOT EXISTS blaster_tx (
    id          BIGSERIAL PRIMARY KEY,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    smtp_code   INTEGER NOT NULL DEFAULT 0,
    message     TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    sent_at     TIMESTAMP WITH TIME ZONE NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
"""

TX_OWNER = """
ALTER TABLE blaster_tx ADD COLUMN IF NOT EXISTS owner INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS blaster_tx_queued ON blaster_tx (owner) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS blaster_tx_created ON blaster_tx (created_at);
"""

SHARD_UNDONE = """
-- A shard's checkpoint becomes (frontier, read_upto, undone): every ID in
-- (frontier, read_upto] is done except the undone ones. Its size is the messages on their
-- way, where done_above grew with everything finished above a message waiting to be retried.
ALTER TABLE blaster_shards ADD COLUMN IF NOT EXISTS read_upto INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blaster_shards ADD COLUMN IF NOT EXISTS undone INTEGER[] NOT NULL DEFAULT '{}';
UPDATE blaster_shards SET
    read_upto = top,
    undone = ARRAY(
        SELECT g FROM generate_series(frontier + 1, top) g WHERE g <> ALL(done_above) ORDER BY g
    ),
    done_above = '{}'
FROM (SELECT id AS shard_id, (SELECT max(x) FROM unnest(done_above) x) AS top
      FROM blaster_shards WHERE cardinality(done_above) > 0) old
WHERE id = old.shard_id;
COMMENT ON COLUMN blaster_shards.done_above IS 'unused since schema version 7 (see undone)';
"""

SHARD_LEASES = """
-- Several nodes share campaigns: a node claims a shard by stamping owner (its node id),
-- lease_until (database clock) and a new lease_epoch; its checkpoints renew the lease and
-- write only while owner and epoch are still its own (fencing). takeovers counts claims of
-- a shard whose owner's lease had run out (a poison shard pauses its campaign).
ALTER TABLE blaster_shards ADD COLUMN IF NOT EXISTS lease_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE blaster_shards ADD COLUMN IF NOT EXISTS takeovers INTEGER NOT NULL DEFAULT 0;
UPDATE blaster_shards SET owner = NULL, lease_until = NULL;

-- One row per blaster node (a `blaster run` process), kept by the node itself.
CREATE TABLE IF NOT EXISTS blaster_nodes (
    id            TEXT PRIMARY KEY,
    host          TEXT NOT NULL,
    machine       TEXT NOT NULL DEFAULT '',     -- host name and kernel boot id: who may judge pid
    pid           INTEGER NOT NULL,
    version       TEXT NOT NULL DEFAULT '',
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    stopped_at    TIMESTAMP WITH TIME ZONE NULL,
    shards        INTEGER NOT NULL DEFAULT 0,   -- leases held at the last heartbeat
    rate          DOUBLE PRECISION NOT NULL DEFAULT 0,  -- its share of BLASTER_RATE (0 = none)
    sent          BIGINT NOT NULL DEFAULT 0     -- messages it checkpointed as sent
);

-- Duties one node does for the fleet (pruning), held by a renewable row with expiry.
CREATE TABLE IF NOT EXISTS blaster_leader (
    name        TEXT PRIMARY KEY,
    node        TEXT NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which notification of a campaign's stop went out (one node sends each).
ALTER TABLE blaster_campaigns ADD COLUMN IF NOT EXISTS notice TEXT NOT NULL DEFAULT '';

-- Each node saves its own sliding-window counts ('' = saved before there were nodes).
ALTER TABLE blaster_rate_window ADD COLUMN IF NOT EXISTS node TEXT NOT NULL DEFAULT '';
ALTER TABLE blaster_rate_window DROP CONSTRAINT IF EXISTS blaster_rate_window_pkey;
ALTER TABLE blaster_rate_window ADD PRIMARY KEY (slot_seconds, slot, node);
"""

#: The one-default-template index, when blaster creates it. listmonk's schema.sql creates the
#: same index unnamed (PostgreSQL names it ``templates_is_default_idx``), so it is looked up
#: by definition (:func:`_templates_default_indexes`), never by name.
TEMPLATES_DEFAULT_INDEX = "idx_templates_default"

#: Ordered migrations: (version, description, SQL). Never edit a released one's effect;
#: append. (Version 1 no longer creates the templates index by name: it creates it only
#: when no equivalent index exists, which on a new database is the same result.)
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "listmonk-compatible tables (only where absent)", LISTMONK_TABLES),
    (2, "blaster shards, failures, campaign state, status trigger", BLASTER_TABLES),
    (3, "retry shards for re-sending to failed subscribers", RETRY_SHARDS),
    (4, "sliding-window rate counts", RATE_WINDOW),
    (5, "transactional messages and their outcome", TX_MESSAGES),
    (6, "transactional messages' owning process, for the sweep after a crash", TX_OWNER),
    (7, "shard checkpoints as read_upto and the undone IDs", SHARD_UNDONE),
    (8, "no duplicate of listmonk's unique index on templates (is_default)", ""),
    (9, "shard leases for several nodes, the nodes and their leader", SHARD_LEASES),
)

_LOCK_KEY = 0x626C6173  # "blas": serialises concurrent migrations


def _create_enums(cur: psycopg.Cursor[tuple[object, ...]]) -> None:
    for name, values in _ENUMS.items():
        cur.execute("SELECT 1 FROM pg_type WHERE typname = %s", (name,))
        if cur.fetchone() is None:
            labels = sql.SQL(", ").join(sql.Literal(v) for v in values)
            cur.execute(sql.SQL("CREATE TYPE {} AS ENUM ({})").format(sql.Identifier(name), labels))


def _templates_default_indexes(cur: psycopg.Cursor[tuple[object, ...]]) -> list[str]:
    """Names of the valid indexes on ``templates`` equivalent to listmonk's
    ``CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true``.

    Equivalent by definition (``pg_index``): unique, one key column, ``is_default``, no
    expression, and the predicate ``is_default = true``; oldest first.
    """
    cur.execute(
        "SELECT c.relname FROM pg_index i"
        " JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
        " WHERE i.indrelid = to_regclass('templates') AND i.indisunique AND i.indisvalid"
        " AND i.indnatts = 1 AND i.indexprs IS NULL AND a.attname = 'is_default'"
        " AND pg_get_expr(i.indpred, i.indrelid) = '(is_default = true)'"
        " ORDER BY c.oid"
    )
    return [str(row[0]) for row in cur.fetchall()]


def _ensure_templates_default_index(cur: psycopg.Cursor[tuple[object, ...]]) -> None:
    """At most one default template: create the index unless an equivalent one exists."""
    if not _templates_default_indexes(cur):
        cur.execute(
            sql.SQL(
                "CREATE UNIQUE INDEX {} ON templates (is_default) WHERE is_default = true"
            ).format(sql.Identifier(TEMPLATES_DEFAULT_INDEX))
        )


def _drop_duplicate_templates_default_index(cur: psycopg.Cursor[tuple[object, ...]]) -> None:
    """Drop blaster's own copy of the index when another equivalent one (listmonk's) exists:
    what an earlier version 1 added to a listmonk database."""
    names = _templates_default_indexes(cur)
    if TEMPLATES_DEFAULT_INDEX in names and len(names) > 1:
        cur.execute(
            sql.SQL("DROP INDEX {}").format(
                sql.Identifier(*_index_schema(cur), TEMPLATES_DEFAULT_INDEX)
            )
        )


def _index_schema(cur: psycopg.Cursor[tuple[object, ...]]) -> tuple[str, ...]:
    """The schema of the ``templates`` table, as a one-element tuple (empty if unknown)."""
    cur.execute(
        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.oid = to_regclass('templates')"
    )
    row = cur.fetchone()
    return (str(row[0]),) if row else ()


def migrate(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    """Apply the migrations not yet applied; return their descriptions."""
    applied: list[str] = []
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        cur.execute(
            "CREATE TABLE IF NOT EXISTS blaster_schema_version ("
            " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
            " applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW())"
        )
        cur.execute("SELECT version FROM blaster_schema_version")
        done = {row[0] for row in cur.fetchall()}
        for version, description, sql in MIGRATIONS:
            if version in done:
                continue
            if version == 1:
                _create_enums(cur)
            if sql:
                cur.execute(sql)
            if version == 1:
                _ensure_templates_default_index(cur)
            elif version == 8:
                _drop_duplicate_templates_default_index(cur)
            cur.execute(
                "INSERT INTO blaster_schema_version (version, description) VALUES (%s, %s)",
                (version, description),
            )
            applied.append(f"{version}: {description}")
    return applied


def status(conn: psycopg.Connection[tuple[object, ...]]) -> tuple[int, int]:
    """``(applied version, latest version)``; applied is 0 on an empty database."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('blaster_schema_version') IS NOT NULL")
        row = cur.fetchone()
        if not row or not row[0]:
            return 0, MIGRATIONS[-1][0]
        cur.execute("SELECT COALESCE(MAX(version), 0) FROM blaster_schema_version")
        applied = cur.fetchone()
    return int(str(applied[0])) if applied else 0, MIGRATIONS[-1][0]
