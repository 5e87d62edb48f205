"""Workers' reads: eligible subscribers of one shard, in ID order, keyset-paged.

Eligibility (README "Who receives a campaign"): subscriber ``enabled``; in at least one of
the campaign's lists with a qualifying subscription (double opt-in: ``confirmed``, single
opt-in: anything but ``unsubscribed``; opt-in campaigns: ``unconfirmed`` on double opt-in
lists). Every filter sits before the LIMIT, the list IDs are literal parameters, and the
keyset bound is on both sides of the semi-join so each page costs the same at any depth.
"""

from __future__ import annotations

from blaster.models import CampaignSpec, Subscriber
from blaster.store import AsyncConn, Conn

ELIGIBLE_WHERE = """
    s.id > %(after)s AND s.id <= %(hi)s AND s.status = 'enabled'
    AND EXISTS (
        SELECT 1 FROM subscriber_lists sl
        WHERE sl.subscriber_id = s.id
          AND sl.subscriber_id > %(after)s AND sl.subscriber_id <= %(hi)s
          AND ((sl.list_id = ANY(%(double)s) AND sl.status = %(double_status)s)
            OR (sl.list_id = ANY(%(single)s) AND sl.status <> 'unsubscribed')))
"""

# The statements are built once from constant fragments; values are always parameters.
PAGE_SQL = (
    "SELECT s.id, s.uuid::text, s.email, s.name, s.attribs, s.status::text, s.created_at"  # noqa: S608
    " FROM subscribers s WHERE" + ELIGIBLE_WHERE + " ORDER BY s.id LIMIT %(limit)s"
)

COUNT_SQL = "SELECT COUNT(*) FROM subscribers s WHERE" + ELIGIBLE_WHERE  # noqa: S608


def eligibility_params(spec: CampaignSpec, after: int, hi: int) -> dict[str, object]:
    """Query parameters selecting ``spec``'s eligible subscribers in ``(after, hi]``."""
    optin = spec.type == "optin"
    return {
        "after": after,
        "hi": hi,
        "double": list(spec.double_list_ids),
        "double_status": "unconfirmed" if optin else "confirmed",
        "single": [] if optin else list(spec.single_list_ids),
    }


async def fetch_page(
    conn: AsyncConn, spec: CampaignSpec, after: int, hi: int, limit: int
) -> list[Subscriber]:
    """Up to ``limit`` eligible subscribers with ``after < id <= hi``, ascending."""
    params = eligibility_params(spec, after, hi)
    params["limit"] = limit
    async with conn.cursor() as cur:
        await cur.execute(PAGE_SQL, params)
        return [Subscriber(*row) for row in await cur.fetchall()]


def count_eligible(conn: Conn, spec: CampaignSpec, after: int, hi: int) -> int:
    """How many subscribers of ``(after, hi]`` are eligible (``to_send``)."""
    with conn.cursor() as cur:
        cur.execute(COUNT_SQL, eligibility_params(spec, after, hi))
        row = cur.fetchone()
    return int(row[0]) if row else 0


def fetch_page_sync(
    conn: Conn, spec: CampaignSpec, after: int, hi: int, limit: int
) -> list[Subscriber]:
    """:func:`fetch_page` for synchronous callers (preview, tests, EXPLAIN)."""
    params = eligibility_params(spec, after, hi)
    params["limit"] = limit
    with conn.cursor() as cur:
        cur.execute(PAGE_SQL, params)
        return [Subscriber(*row) for row in cur.fetchall()]
