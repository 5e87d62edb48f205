"""Campaign content queries: tracked links, campaign media, subscribers for previews.

``links`` is listmonk's table (``id``, ``uuid``, ``url`` unique): a URL is registered once
and keeps its UUID for ever, whichever campaign used it first. :class:`LinkRegistry` is the
process-wide ``url → uuid`` cache in front of it that ``TrackLink`` renders through (a
worker registers a campaign's literal URLs in one round trip when it compiles the campaign,
and any other URL on first sight, over its own synchronous connection).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Collection, Mapping

import psycopg

from blaster.errors import StoreError
from blaster.models import MediaRef, Subscriber
from blaster.store import Conn, connect

logger = logging.getLogger(__name__)

#: listmonk's ``create-link`` query, for many URLs at once; an existing URL keeps its UUID
REGISTER_LINKS_SQL = """
INSERT INTO links (uuid, url) SELECT * FROM unnest(%s::uuid[], %s::text[])
ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url
RETURNING url, uuid::text
"""

MEDIA_SQL = """
SELECT COALESCE(m.filename, cm.filename), COALESCE(m.filename, ''),
       COALESCE(m.content_type, ''), COALESCE(m.provider, '')
FROM campaign_media cm LEFT JOIN media m ON m.id = cm.media_id
WHERE cm.campaign_id = %s
ORDER BY cm.media_id NULLS LAST, cm.filename
"""

#: listmonk's ``get-media`` by file name, for many names; the first media item of a name wins
INLINE_MEDIA_SQL = """
SELECT DISTINCT ON (filename) filename, content_type, provider
FROM media WHERE filename = ANY(%s)
ORDER BY filename, id
"""

SUBSCRIBER_SQL = """
SELECT id, uuid::text, email, name, attribs, status::text, created_at
FROM subscribers WHERE lower(email) = lower(%s)
"""

RETRY_AFTER = 5.0  #: seconds a registry waits after a database error before trying again


def register_links(conn: Conn, urls: Collection[str]) -> dict[str, str]:
    """The UUID of each URL in ``links``, inserting the new ones (one statement)."""
    todo = sorted(set(urls))  # one order for every caller: concurrent upserts never deadlock
    if not todo:
        return {}
    with conn.cursor() as cur:
        cur.execute(REGISTER_LINKS_SQL, ([uuid.uuid4() for _ in todo], todo))
        return {url: link for url, link in cur.fetchall()}


def campaign_media(conn: Conn, campaign_id: int) -> tuple[MediaRef, ...]:
    """The campaign's attachments (``campaign_media`` joined to ``media``)."""
    with conn.cursor() as cur:
        cur.execute(MEDIA_SQL, (campaign_id,))
        return tuple(
            MediaRef(
                name=row[0].rsplit("/", 1)[-1], path=row[1], content_type=row[2], provider=row[3]
            )
            for row in cur.fetchall()
        )


def inline_media(conn: Conn, filenames: Collection[str]) -> tuple[MediaRef, ...]:
    """The media items of embedded images (``<img data-embed>``), by ``media.filename``,
    in the order of ``filenames``; a name without media is left out (refused at pickup)."""
    if not filenames:
        return ()
    with conn.cursor() as cur:
        cur.execute(INLINE_MEDIA_SQL, (list(filenames),))
        found = {row[0]: row for row in cur.fetchall()}
    return tuple(
        MediaRef(name=name, path=name, content_type=found[name][1], provider=found[name][2])
        for name in filenames
        if name in found
    )


def subscriber_by_email(conn: Conn, email: str) -> Subscriber | None:
    """A subscriber by address (any status, any list), for previews and test sends."""
    with conn.cursor() as cur:
        cur.execute(SUBSCRIBER_SQL, (email.strip(),))
        row = cur.fetchone()
    return Subscriber(*row) if row else None


class LinkRegistry:
    """``url → link UUID`` for ``TrackLink``, cached for the life of the process.

    Implements :class:`blaster.render.LinkResolver`. Misses are registered over a
    synchronous connection: ``conn`` when given (the CLI's), else one opened from ``dsn`` on
    first need. After a database error the registry answers :class:`StoreError` at once for
    :data:`RETRY_AFTER` seconds (the caller then sends the URL untracked, as listmonk does)
    rather than stall every render on a connection attempt.

    :param dsn: PostgreSQL URL for the registry's own connection.
    :param conn: an open connection to use instead (not closed by :meth:`close`).
    """

    def __init__(self, dsn: str = "", *, conn: Conn | None = None) -> None:
        self.dsn = dsn
        self.cache: dict[str, str] = {}
        self._conn = conn
        self._own = conn is None
        self._retry_at = 0.0

    def __call__(self, url: str) -> str:
        """The UUID of ``url``, registering it when this process has not seen it."""
        link = self.cache.get(url)
        if link is None:
            link = self.many((url,))[url]
        return link

    def many(self, urls: Collection[str]) -> Mapping[str, str]:
        """The UUIDs of ``urls``; the unknown ones are registered in one round trip."""
        missing = [u for u in urls if u not in self.cache]
        if missing:
            self.cache.update(self._register(missing))
        return {u: self.cache[u] for u in urls}

    def _register(self, urls: list[str]) -> dict[str, str]:
        if time.monotonic() < self._retry_at:
            raise StoreError("links: the database was unavailable a moment ago")
        try:
            if self._conn is None or self._conn.closed:
                if not self.dsn:
                    raise StoreError("links: no database configured")
                self._conn = connect(self.dsn, timeout=2.0)
            return register_links(self._conn, urls)
        except (psycopg.Error, StoreError) as exc:
            self._retry_at = time.monotonic() + RETRY_AFTER
            if self._own and self._conn is not None:
                self._conn.close()
                self._conn = None
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"links: {message}") from None

    def close(self) -> None:
        """Close the registry's own connection (a lent one stays open)."""
        if self._own and self._conn is not None:
            self._conn.close()
        self._conn = None
