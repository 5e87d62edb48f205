"""The pure reply helpers both SMTP stacks share (:mod:`blaster.messengers.replies`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blaster.errors import PermanentSendError, TransientSendError
from blaster.messengers.replies import MAX_REPLY_LINES, ReplyParser, reply_error


def test_reply_error_by_class():
    assert isinstance(reply_error(550, b"no such user"), PermanentSendError)
    err = reply_error(451, "try later")
    assert isinstance(err, TransientSendError) and (err.code, err.message) == (451, "try later")
    assert reply_error(421, b"bye \xff").message == "bye \ufffd"


def test_parser_joins_lines_and_keeps_partial_ones():
    p = ReplyParser()
    assert p.feed(b"250-first\r\n250-sec") == []
    assert p.pending == 7
    assert p.feed(b"ond\r\n250 last\r\n354 go") == [(250, b"first\nsecond\nlast")]
    assert p.feed(b" ahead\n220\r\n") == [(354, b"go ahead"), (220, b"")]
    assert not p.error and p.pending == 0


def test_parser_stops_at_a_malformed_line():
    p = ReplyParser()
    assert p.feed(b"421 bye\r\nHTTP/1.1 400\r\n250 ok\r\n") == [(421, b"bye")]
    assert p.error.startswith("malformed reply b'HTTP/1.1 400")
    assert p.feed(b"250 ok\r\n") == []


def test_parser_refuses_endless_replies():
    p = ReplyParser()
    p.feed(b"250-x\r\n" * (MAX_REPLY_LINES + 1))
    assert p.error == "reply too long"


@given(st.lists(st.tuples(st.integers(200, 599), st.binary(max_size=20)), max_size=8), st.data())
def test_parser_any_chunking(replies, data):
    clean = [(code, text.replace(b"\n", b"").replace(b"\r", b"")) for code, text in replies]
    wire = b"".join(b"%d %s\r\n" % r for r in clean)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(wire)), max_size=6)))
    p, got, start = ReplyParser(), [], 0
    for cut in [*cuts, len(wire)]:
        got += p.feed(wire[start:cut])
        start = cut
    assert got == clean and not p.error
