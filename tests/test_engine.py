"""End to end: a campaign inserted with plain SQL is sent by `blaster run` to a real SMTP
server, every eligible subscriber exactly once, with listmonk's columns kept true."""

from __future__ import annotations

import collections
import email
import email.policy

from tests import helpers as h


def test_campaign_sent_once_to_every_eligible_subscriber(conn, dsn, sink, workdir):
    single = h.create_list(conn, "single")
    double = h.create_list(conn, "double", optin="double")
    h.seed_bulk(conn, 3000, single)
    # overlapping lists: the same people on the double opt-in list too -> still one message
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers WHERE id %% 3 = 0",
        (double,),
    )
    cid = h.create_campaign(conn, [single, double])

    h.blaster(
        "run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir, BLASTER_SHARD_SIZE=500)
    )

    rcpts = collections.Counter(r for m in sink.handler.messages for r in m.recipients)
    assert len(rcpts) == 3000
    assert max(rcpts.values()) == 1
    state = h.campaign(conn, cid)
    assert state["status"] == "finished"
    assert state["sent"] == state["to_send"] == 3000
    assert state["last_subscriber_id"] == state["max_subscriber_id"]
    msg = email.message_from_bytes(sink.handler.messages[0].data, policy=email.policy.default)
    assert msg["Subject"].startswith("Hello Person ")
