"""``to_send`` counted off the pickup's path (the coordinator's way at scale): the count is
handed over inside the freeze and waits in the database for its commit; a count deferred
until the first sends waits for them there, and either way the server finishes it once it
is sent, whatever becomes of the client that sent it."""

from __future__ import annotations

import os
import socket
import threading
import time

import psycopg
import pytest

from blaster.store import campaigns as db
from tests import helpers as h


@pytest.fixture
def half_sent(conn):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 500, lst)
    cid = h.create_campaign(conn, [lst])
    conn.execute("UPDATE campaigns SET sent = 7, to_send = 3 WHERE id = %s", (cid,))
    return cid


def to_send(conn, cid: int) -> int:
    return int(h.campaign(conn, cid)["to_send"])


def hand_over(dsn: str, wait: float, done: list[int | None]):
    """A counter as the coordinator's: the count runs on its own connection and thread."""

    def counter(count: db.Count) -> None:
        def run() -> None:
            with h.connect(dsn) as other:
                done.append(count.run(other, parallel=False, wait=wait))

        threading.Thread(target=run).start()
        time.sleep(0.2)  # on its way, and waiting for the freeze's row lock

    return counter


def test_inline_count_is_the_frozen_base_plus_the_eligible(conn, half_sent):
    assert db.pick_up(conn, half_sent, 100) is not None
    assert to_send(conn, half_sent) == 7 + 500


def test_a_handed_over_count_waits_for_the_freeze_and_adds_to_its_base(conn, half_sent):
    done: list[int | None] = []
    with h.connect(conn.info.dsn) as c:
        assert db.pick_up(c, half_sent, 100, counter=hand_over(c.info.dsn, 0.0, done)) is not None
    h.wait_for(lambda: done, 10, "the count")
    assert done == [7 + 500] and to_send(conn, half_sent) == 7 + 500


def test_a_deferred_count_starts_with_the_first_checkpointed_sends(conn, half_sent):
    done: list[int | None] = []
    assert db.pick_up(conn, half_sent, 100, counter=hand_over(conn.info.dsn, 30.0, done))
    time.sleep(0.5)
    assert not done and to_send(conn, half_sent) == 7  # the frozen base, nothing counted yet
    conn.execute("UPDATE campaigns SET sent = sent + 2 WHERE id = %s", (half_sent,))  # a checkpoint
    h.wait_for(lambda: done, 10, "the count after the first sends")
    assert done == [7 + 500]  # the base frozen at pickup, not the sends since


def test_a_deferred_count_goes_on_when_the_campaign_stops_or_time_is_up(conn, half_sent):
    done: list[int | None] = []
    assert db.pick_up(conn, half_sent, 100, counter=hand_over(conn.info.dsn, 30.0, done))
    conn.execute("UPDATE campaigns SET status = 'paused' WHERE id = %s", (half_sent,))
    h.wait_for(lambda: done, 10, "the count after the pause")
    assert done == [7 + 500]
    again = h.create_campaign(conn, [h.create_list(conn, "m")])
    started = time.monotonic()
    assert db.pick_up(conn, again, 100, counter=hand_over(conn.info.dsn, 1.0, done))
    h.wait_for(lambda: len(done) == 2, 10, "the count after its wait")
    assert time.monotonic() - started >= 1.0 and done[1] == 0


def test_a_sent_count_finishes_when_its_client_is_gone(conn, half_sent):
    lost = h.connect(conn.info.dsn)
    row = db.load(conn, half_sent)
    assert row is not None
    count = db.Count(row.spec, 7, 0, 500)
    errors: list[Exception] = []

    def run() -> None:
        try:
            count.run(lost, wait=30.0)
        except psycopg.OperationalError as exc:  # its connection is cut below
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)  # the statement is in the server, waiting for the first sends
    # the client's end of the connection goes away under the running statement
    with socket.socket(fileno=os.dup(lost.pgconn.socket)) as end:
        end.shutdown(socket.SHUT_RDWR)
    thread.join(5)
    assert errors and not thread.is_alive()
    lost.close()
    assert to_send(conn, half_sent) == 3  # not counted yet (nor frozen: no pickup here)
    conn.execute("UPDATE campaigns SET sent = sent + 1 WHERE id = %s", (half_sent,))
    h.wait_for(lambda: to_send(conn, half_sent) == 7 + 500, 10, "the server to finish the count")
