"""Workers' reads: eligible subscribers of one shard, in ID order, keyset-paged.

Eligibility (README "Who receives a campaign"): subscriber ``enabled``; in at least one of
the campaign's lists with a qualifying subscription (double opt-in: ``confirmed``, single
opt-in: anything but ``unsubscribed``; opt-in campaigns: ``unconfirmed`` on double opt-in
lists). Every filter sits before the LIMIT, the list IDs are literal parameters, and the
keyset bound is on both sides of the semi-join so each page costs the same at any depth.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
import psycopg
from psycopg.types.json import set_json_loads

from blaster.models import CampaignSpec, Subscriber, UnreadableAttribs
from blaster.store import AsyncConn, Conn

TOO_DEEP = "attribs nested too deeply to decode"


#: a run of 19 digits or more: a number orjson would give as a float (past 64 bits)
_LONG_DIGITS = re.compile(rb"\d{19}")


def load_attribs(data: bytes | str) -> Any:
    """``json.loads``, except that JSON nested deeper than Python's decoder goes (PostgreSQL
    stores it) becomes :class:`UnreadableAttribs`: that subscriber fails to render instead
    of the whole page failing, again and again.

    orjson decodes first (about ten times as fast on a row's attribs); the standard library
    takes what orjson refuses (numbers out of a double's range, lone surrogates, nesting
    past 1,024 levels) and text with 19 digits in a row, which orjson would turn from an
    integer past 64 bits into a float: the values are the standard library's. (Nesting
    between the ~1,000 levels Python's decoder reaches and orjson's 1,024 now decodes.)"""
    if isinstance(data, bytes) and _LONG_DIGITS.search(data) is None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(data)
    except RecursionError:
        return UnreadableAttribs(TOO_DEEP)


#: the qualifying-subscription condition, by which kinds of lists the campaign has; only
#: the branches that can match are sent, so an empty list array never defeats the index
_SUBSCRIPTION = {
    "double": "(sl.list_id = ANY(%(double)s) AND sl.status = %(double_status)s)",
    "single": "(sl.list_id = ANY(%(single)s) AND sl.status <> 'unsubscribed')",
}
_SUBSCRIPTION["both"] = f"({_SUBSCRIPTION['double']} OR {_SUBSCRIPTION['single']})"


_RETRY = """
    AND EXISTS (SELECT 1 FROM blaster_failures f
                WHERE f.campaign_id = %(campaign)s AND f.subscriber_id = s.id)
"""


def _eligible_where(subscription: str, retry: bool = False) -> str:
    """The WHERE clause around one of the constant ``_SUBSCRIPTION`` conditions; ``retry``
    narrows it to the campaign's failure ledger. Built from constants, never from input."""
    bounds = """
    AND s.id > %(after)s AND s.id <= %(hi)s AND s.status = 'enabled'
    AND EXISTS (
        SELECT 1 FROM subscriber_lists sl
        WHERE sl.subscriber_id = s.id
          AND sl.subscriber_id > %(after)s AND sl.subscriber_id <= %(hi)s
          AND """
    return (_RETRY if retry else "") + bounds + subscription + ")\n"


def _page_sql(subscription: str, retry: bool) -> str:
    return (
        "SELECT s.id, s.uuid::text, s.email, s.name, s.attribs, s.status::text, s.created_at"  # noqa: S608
        " FROM subscribers s WHERE TRUE"
        + _eligible_where(subscription, retry)
        + " ORDER BY s.id LIMIT %(limit)s"
    )


# The statements are built once from constant fragments; values are always parameters.
PAGE_SQL = {kind: _page_sql(cond, False) for kind, cond in _SUBSCRIPTION.items()}
RETRY_PAGE_SQL = {kind: _page_sql(cond, True) for kind, cond in _SUBSCRIPTION.items()}
COUNT_SQL = {
    kind: "SELECT COUNT(*) FROM subscribers s WHERE TRUE" + _eligible_where(cond)  # noqa: S608
    for kind, cond in _SUBSCRIPTION.items()
}
#: ``to_send`` as a base plus the eligible subscribers of ``(after, hi]``: one statement, so
#: once sent the server finishes it whatever happens to the client
SET_TO_SEND_SQL = {
    kind: f"UPDATE campaigns SET to_send = %(base)s + ({count}) WHERE id = %(campaign)s"  # noqa: S608
    for kind, count in COUNT_SQL.items()
}
#: the same, run once the campaign's first sends are checkpointed (``sent`` passed the
#: base), it left ``running``, or ``%(wait)s`` seconds passed: one DO block, so the server
#: finishes it whatever happens to the client meanwhile
_SET_TO_SEND_LATER = """
DO $blaster_count$
DECLARE deadline timestamptz := clock_timestamp() + make_interval(secs => %(wait)s);
BEGIN
    WHILE clock_timestamp() < deadline AND EXISTS (
        SELECT 1 FROM campaigns WHERE id = %(campaign)s AND sent <= %(base)s
        AND status IN ('running', 'scheduled'))
    LOOP
        PERFORM pg_sleep(0.05);
    END LOOP;
    {set_to_send};
END
$blaster_count$
"""


def list_kind(spec: CampaignSpec) -> str:
    """Which subscription branches apply: ``double``, ``single`` or ``both``."""
    if spec.type == "optin" or not spec.single_list_ids:
        return "double"
    return "both" if spec.double_list_ids else "single"


def eligibility_params(spec: CampaignSpec, after: int, hi: int) -> dict[str, object]:
    """Query parameters selecting ``spec``'s eligible subscribers in ``(after, hi]``."""
    optin = spec.type == "optin"
    return {
        "campaign": spec.id,
        "after": after,
        "hi": hi,
        "double": list(spec.double_list_ids),
        "double_status": "unconfirmed" if optin else "confirmed",
        "single": [] if optin else list(spec.single_list_ids),
    }


async def fetch_page(
    conn: AsyncConn, spec: CampaignSpec, after: int, hi: int, limit: int, *, retry: bool = False
) -> list[Subscriber]:
    """Up to ``limit`` eligible subscribers with ``after < id <= hi``, ascending; with
    ``retry``, only those in the campaign's failure ledger."""
    params = eligibility_params(spec, after, hi)
    params["limit"] = limit
    statements = RETRY_PAGE_SQL if retry else PAGE_SQL
    async with conn.cursor() as cur:
        set_json_loads(load_attribs, cur)
        await cur.execute(statements[list_kind(spec)], params)
        return [Subscriber(*row) for row in await cur.fetchall()]


def set_to_send(conn: Conn, spec: CampaignSpec, base: int, after: int, hi: int) -> int | None:
    """Set the campaign's ``to_send`` to ``base`` plus its eligible subscribers in
    ``(after, hi]`` (idempotent); return it, or None when the campaign is gone. Waits for
    a transaction that holds the campaign's row (the pickup that froze it)."""
    params = eligibility_params(spec, after, hi)
    params["base"] = base
    with conn.cursor() as cur:
        cur.execute(SET_TO_SEND_SQL[list_kind(spec)] + " RETURNING to_send", params)
        row = cur.fetchone()
    return int(row[0]) if row else None


def set_to_send_later(
    conn: Conn, spec: CampaignSpec, base: int, after: int, hi: int, wait: float
) -> int | None:
    """:func:`set_to_send` once the campaign's first sends are checkpointed (at most
    ``wait`` seconds from now), so that the count does not take a core from the workers'
    start. A DO block takes no parameters: they are inlined as literals (numbers, arrays
    of numbers and a constant status), the statement itself is constant."""
    params = eligibility_params(spec, after, hi)
    params |= {"base": base, "wait": wait}
    block = _SET_TO_SEND_LATER.replace("{set_to_send}", SET_TO_SEND_SQL[list_kind(spec)])
    conn.execute(psycopg.ClientCursor(conn).mogrify(block, params).encode())
    row = conn.execute("SELECT to_send FROM campaigns WHERE id = %s", (spec.id,)).fetchone()
    return int(row[0]) if row else None


def fetch_page_sync(
    conn: Conn, spec: CampaignSpec, after: int, hi: int, limit: int
) -> list[Subscriber]:
    """:func:`fetch_page` for synchronous callers (preview, tests, EXPLAIN)."""
    params = eligibility_params(spec, after, hi)
    params["limit"] = limit
    with conn.cursor() as cur:
        set_json_loads(load_attribs, cur)
        cur.execute(PAGE_SQL[list_kind(spec)], params)
        return [Subscriber(*row) for row in cur.fetchall()]
