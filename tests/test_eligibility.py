"""Who receives a campaign: every subscriber status x subscription status x list opt-in,
overlapping lists, opt-in campaigns, and a query plan that stays flat at depth."""

from __future__ import annotations

import itertools

from blaster.store import campaigns as db
from blaster.store.subscribers import fetch_page_sync
from tests import helpers as h

SUB_STATUSES = ("enabled", "disabled", "blocklisted")
SUBSCRIPTIONS = ("unconfirmed", "confirmed", "unsubscribed")


def expected(sub_status: str, optin: str, subscription: str, campaign_type: str) -> bool:
    if sub_status != "enabled":  # blaster skips disabled subscribers (README)
        return False
    if campaign_type == "optin":
        return optin == "double" and subscription == "unconfirmed"
    if optin == "double":
        return subscription == "confirmed"
    return subscription != "unsubscribed"


def seed_matrix(conn):
    lists = {"single": h.create_list(conn, "s"), "double": h.create_list(conn, "d", "double")}
    want: dict[str, tuple[str, str, str]] = {}
    for n, (st, optin, sub) in enumerate(itertools.product(SUB_STATUSES, lists, SUBSCRIPTIONS)):
        addr = f"{st}-{optin}-{sub}-{n}@example.com"
        h.add_subscribers(conn, [h.Sub(addr, status=st)], [(lists[optin], sub)])
        want[addr] = (st, optin, sub)
    return lists, want


def eligible(conn, cid) -> set[str]:
    row = db.load(conn, cid)
    assert row is not None
    return {s.email for s in fetch_page_sync(conn, row.spec, 0, 10**9, 10_000)}


def test_every_status_combination(conn):
    lists, want = seed_matrix(conn)
    for ctype in ("regular", "optin"):
        cid = h.create_campaign(conn, list(lists.values()), campaign_type=ctype, status="draft")
        got = eligible(conn, cid)
        assert got == {a for a, (st, o, s) in want.items() if expected(st, o, s, ctype)}, ctype


def test_overlapping_lists_give_one_row_per_subscriber(conn):
    a, b = h.create_list(conn, "a"), h.create_list(conn, "b")
    h.add_subscribers(
        conn,
        [h.Sub(f"u{i}@example.com") for i in range(50)],
        [(a, "confirmed"), (b, "unconfirmed")],
    )
    cid = h.create_campaign(conn, [a, b], status="draft")
    row = db.load(conn, cid)
    assert row is not None
    rows = fetch_page_sync(conn, row.spec, 0, 10**9, 1000)
    assert len(rows) == len({r.id for r in rows}) == 50


def test_keyset_pages_partition_the_range(conn):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 2500, lst)
    cid = h.create_campaign(conn, [lst], status="draft")
    row = db.load(conn, cid)
    assert row is not None
    seen, after = [], 0
    while page := fetch_page_sync(conn, row.spec, after, 2500, 333):
        seen += [s.id for s in page]
        after = page[-1].id
    assert seen == sorted(set(seen)) and len(seen) == 2500


def test_page_plan_is_bounded_on_both_sides(conn):
    """The page query must start at the keyset bound, not scan subscribers from the start."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 20_000, lst)
    conn.execute("ANALYZE")
    cid = h.create_campaign(conn, [lst], status="draft")
    row = db.load(conn, cid)
    assert row is not None
    from blaster.store.subscribers import PAGE_SQL, eligibility_params, list_kind

    # a worker's page: (after, after + 2 * limit]
    params = {**eligibility_params(row.spec, 15_000, 17_000), "limit": 1000}
    sql = PAGE_SQL[list_kind(row.spec)]
    plan = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).fetchone()[0]
    rows_read = _max_rows(plan[0]["Plan"])
    assert rows_read <= 4_000, f"a page at depth 15,000 read {rows_read} rows"


def _max_rows(node) -> int:
    own = int(node.get("Actual Rows", 0)) * int(node.get("Actual Loops", 1))
    return max([own, *(_max_rows(c) for c in node.get("Plans", []))])
