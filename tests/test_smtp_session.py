"""SmtpSession against real servers on 127.0.0.1: the pipelined path (RFC 2920) and the
aiosmtplib fallback, reply handling by class, dropped connections, addresses.

Two kinds of server:

- aiosmtpd (a real SMTP implementation; it reads pipelined commands but does not advertise
  PIPELINING, so a handler hook adds it): delivery byte for byte, refusals of MAIL, RCPT
  and DATA with the follow-up 503s it really sends, STARTTLS and implicit TLS;
- :class:`Fake`, a few lines of asyncio that answer from a table: what aiosmtpd cannot be
  made to do (421 and disconnects at chosen points, multi-line replies, silence, replies
  held back until the whole pipelined group has arrived, the raw DATA stream).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvloop
from aiosmtpd.controller import Controller

from blaster.config import SmtpServer
from blaster.errors import PermanentSendError, RelayUnavailable, SendError, TransientSendError
from blaster.messengers.replies import data_payload, encode_address
from blaster.messengers.smtp import SmtpSession
from blaster.mime import Canonical, EightBit, MessageBuilder, address
from blaster.sink import SinkHandler
from tests.helpers import free_port, parse_message

SENDER = "news@example.com"
#: a message with CRLF line ends whose lines start with dots, as blaster's MIME never does
DOTTED = b".starts with a dot\r\nSubject: dots\r\n\r\n.\r\n..\r\n.hidden\r\nplain\r\nend.\r\n.\r\n"


# --- aiosmtpd with PIPELINING ----------------------------------------------------------------


class PipeliningHandler(SinkHandler):
    """The sink's handler, advertising PIPELINING (and counting connections by their EHLO),
    refusing MAIL or RCPT with a chosen reply when asked."""

    def __init__(self, *, pipelining: bool = True, mail: str = "", rcpt: str = "", **kw: Any):
        super().__init__(keep=True, **kw)
        self.pipelining = pipelining
        self.mail_reply, self.rcpt_reply = mail, rcpt
        self.ehlos = 0
        self.mail_options: list[list[str]] = []

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        self.ehlos += 1
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.mail_reply and address != "ok@example.com":
            return self.mail_reply
        self.mail_options.append(options)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.rcpt_reply and address != "ok@example.com":
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def aiosmtpd_server(request: pytest.FixtureRequest) -> Iterator[tuple[PipeliningHandler, int]]:
    """aiosmtpd on a free port, its handler built from the test's parameters (if any)."""
    handler = PipeliningHandler(**getattr(request, "param", {}))
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, server_kwargs={"decode_data": False}
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def relay(port: int, **kw: Any) -> SmtpServer:
    return SmtpServer(host="127.0.0.1", port=port, timeout=kw.pop("timeout", 5.0), **kw)


async def test_pipelined_delivery_byte_for_byte(aiosmtpd_server):
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port))
    await session.connect()
    assert session.pipelining
    messages = [DOTTED, b"Subject: two\r\n\r\nbody\r\n", b"Subject: three\r\n\r\n.\r\n"]
    for i, data in enumerate(messages):
        await session.send(SENDER, f"user{i}@example.com", data)
    await session.close()
    assert [m.data for m in handler.messages] == messages
    assert [m.recipients for m in handler.messages] == [
        (f"user{i}@example.com",) for i in (0, 1, 2)
    ]
    assert {m.sender for m in handler.messages} == {SENDER}
    assert handler.ehlos == 1 and session.sent_on_connection == 3
    assert not session.connected


def test_pipelined_delivery_on_uvloop(aiosmtpd_server):
    """The worker's event loop: the transport swap works on uvloop's transports too."""
    handler, port = aiosmtpd_server

    async def go() -> bool:
        session = SmtpSession(relay(port))
        await session.send(SENDER, "user@example.com", DOTTED)
        pipelined = session.pipelining
        await session.close()
        return pipelined

    assert uvloop.run(go())
    assert [m.data for m in handler.messages] == [DOTTED]


@pytest.mark.parametrize("aiosmtpd_server", [{"pipelining": False}], indirect=True)
async def test_fallback_without_pipelining(aiosmtpd_server):
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port))
    await session.connect()
    assert not session.pipelining
    await session.send(SENDER, "user@example.com", DOTTED)
    await session.send(SENDER, "other@example.com", b"Subject: two\r\n\r\nbody\r\n")
    await session.close()
    assert [m.data for m in handler.messages] == [DOTTED, b"Subject: two\r\n\r\nbody\r\n"]


REFUSALS = [
    ({"mail": "550 5.7.1 sender refused"}, PermanentSendError, 550),
    ({"mail": "451 4.3.0 try later"}, TransientSendError, 451),
    ({"rcpt": "550 5.1.1 no such user"}, PermanentSendError, 550),
    ({"rcpt": "452 4.2.2 mailbox full"}, TransientSendError, 452),
    ({"reply": lambda rcpt, n: "554 5.6.0 content refused"}, PermanentSendError, 554),
    ({"reply": lambda rcpt, n: "451 4.7.1 greylisted"}, TransientSendError, 451),
]


@pytest.mark.parametrize(
    ("aiosmtpd_server", "error", "code"), REFUSALS, indirect=["aiosmtpd_server"]
)
@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_refusals_by_class_keep_the_connection(aiosmtpd_server, error, code, pipelining):
    """MAIL, RCPT or DATA-end refused, 4xx or 5xx: the right error, and the same connection
    carries the next message (the envelope was reset)."""
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port), pipelining=pipelining)
    with pytest.raises(error) as info:
        await session.send(SENDER, "user@example.com", b"Subject: x\r\n\r\nx\r\n")
    assert info.value.code == code
    assert session.connected and session.pipelining is pipelining
    handler.reply = None
    await session.send("ok@example.com", "ok@example.com", b"Subject: y\r\n\r\ny\r\n")
    await session.close()
    assert [m.data for m in handler.messages] == [b"Subject: y\r\n\r\ny\r\n"]
    assert handler.ehlos == 1


# --- TLS --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["starttls", "tls"])
@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_pipelined_over_tls(tls_context, mode, loop):
    handler = PipeliningHandler()
    port = free_port()
    if mode == "starttls":
        kwargs = {"tls_context": tls_context, "require_starttls": True, "decode_data": False}
        controller = Controller(handler, hostname="127.0.0.1", port=port, server_kwargs=kwargs)
    else:
        controller = Controller(
            handler,
            hostname="127.0.0.1",
            port=port,
            ssl_context=tls_context,
            server_kwargs={"decode_data": False},
        )
    controller.start()

    async def go() -> bool:
        session = SmtpSession(relay(port, tls=mode, verify=False))
        for i in range(3):
            await session.send(SENDER, f"user{i}@example.com", DOTTED)
        pipelined = session.pipelining
        await session.close()
        return pipelined

    try:
        assert (uvloop.run if loop == "uvloop" else asyncio.run)(go())
    finally:
        controller.stop()
    assert [m.data for m in handler.messages] == [DOTTED] * 3


# --- the scripted server (tests/scripted_smtp.py; the ``fake`` fixture is conftest's) ---


async def test_mail_rcpt_data_go_in_one_write(fake):
    """The fake holds its replies until DATA arrives: a client waiting for the MAIL reply
    would time out."""
    fake.batch = True
    session = SmtpSession(relay(fake.port, timeout=2))
    for i in range(3):
        await session.send(SENDER, f"u{i}@example.com", b"Subject: x\r\n\r\nhi\r\n")
    await session.close()
    assert fake.verbs() == ["EHLO", *["MAIL", "RCPT", "DATA"] * 3, "QUIT"]
    assert fake.commands[1:4] == [
        b"MAIL FROM:<news@example.com>\r\n",
        b"RCPT TO:<u0@example.com>\r\n",
        b"DATA\r\n",
    ]
    assert fake.connections == 1


@pytest.mark.parametrize(
    ("data", "wire"),
    [
        (
            DOTTED,
            b"..starts with a dot\r\nSubject: dots\r\n\r\n..\r\n...\r\n..hidden\r\nplain"
            b"\r\nend.\r\n..\r\n.\r\n",
        ),
        (b"a\nb\r.c\r\n\n.d", b"a\r\nb\r\n..c\r\n\r\n..d\r\n.\r\n"),  # bare LF/CR, no final CRLF
        (b"", b".\r\n"),
        (b"\r\n", b"\r\n.\r\n"),
    ],
)
async def test_data_stream_on_the_wire(fake, data, wire):
    session = SmtpSession(relay(fake.port))
    await session.send(SENDER, "user@example.com", data)
    await session.close()
    assert fake.bodies == [wire]
    assert data_payload(data) == wire


@pytest.mark.parametrize(
    ("answers", "final", "error", "code", "rset"),
    [
        ({"MAIL": "553 5.1.8 bad sender"}, "", PermanentSendError, 553, False),
        ({"MAIL": "452 4.3.1 no space"}, "", TransientSendError, 452, False),
        ({"RCPT": "550 5.1.1 unknown"}, "", PermanentSendError, 550, True),
        ({"RCPT": "450 4.2.0 later"}, "", TransientSendError, 450, True),
        ({"DATA": "554 5.3.0 no data now"}, "", PermanentSendError, 554, True),
        ({"DATA": "451 4.3.0 no data now"}, "", TransientSendError, 451, True),
        ({}, "552 5.3.4 too big", PermanentSendError, 552, False),
        ({}, "452 4.3.1 disk full", TransientSendError, 452, False),
    ],
)
async def test_refusal_classes_and_reset(fake, answers, final, error, code, rset):
    fake.answers = answers
    fake.final = final or fake.final
    session = SmtpSession(relay(fake.port))
    with pytest.raises(error) as info:
        await session.send(SENDER, "user@example.com", b"x\r\n")
    assert info.value.code == code
    assert session.connected
    fake.answers, fake.final = {}, "250 ok"
    await session.send(SENDER, "user@example.com", b"y\r\n")
    verbs = fake.verbs()
    assert verbs[:4] == ["EHLO", "MAIL", "RCPT", "DATA"]
    assert ("RSET" in verbs) is rset
    assert fake.bodies[-1] == b"y\r\n.\r\n" and fake.connections == 1


@pytest.mark.parametrize(
    ("answers", "final", "code"),
    [
        ({"MAIL": "421 4.3.2 shutting down"}, "", 421),  # the others go unanswered
        ({"RCPT": "421 4.7.0 too many errors"}, "", 421),
        ({"DATA": "421 4.3.2 bye"}, "", 421),
        ({}, "421 4.4.2 timeout in DATA", 421),  # mid-DATA: reply then disconnect
        ({}, "close", 0),  # disconnect mid-DATA, no reply
        ({"RCPT": "close"}, "", 0),
    ],
)
async def test_421_and_disconnects_drop_the_connection(fake, answers, final, code):
    fake.answers = answers
    fake.final = final or fake.final
    session = SmtpSession(relay(fake.port))
    with pytest.raises(TransientSendError) as info:
        await session.send(SENDER, "user@example.com", b"x\r\n")
    assert info.value.code == code
    assert not session.connected
    fake.answers, fake.final = {}, "250 ok"
    await session.send(SENDER, "user@example.com", b"y\r\n")  # reconnects
    await session.close()
    assert fake.connections == 2 and fake.bodies[-1] == b"y\r\n.\r\n"


async def test_multiline_replies(fake):
    fake.extensions = ("SIZE 1000000", "PIPELINING", "ENHANCEDSTATUSCODES")
    fake.answers = {"MAIL": "250-2.1.0 first\r\n250-2.1.0 second\r\n250 2.1.0 Ok"}
    fake.final = "250-2.0.0 queued\r\n250 2.0.0 as 1234"
    session = SmtpSession(relay(fake.port))
    await session.send(SENDER, "user@example.com", b"x\r\n")
    assert session.pipelining
    assert fake.commands[1] == b"MAIL FROM:<news@example.com> SIZE=6\r\n"
    fake.answers = {"RCPT": "550-5.1.1 The account does not exist.\r\n550 5.1.1 See the docs."}
    with pytest.raises(PermanentSendError) as info:
        await session.send(SENDER, "gone@example.com", b"x\r\n")
    assert info.value.code == 550
    assert info.value.message == "5.1.1 The account does not exist.\n5.1.1 See the docs."
    fake.answers = {}
    await session.send(SENDER, "user@example.com", b"z\r\n")  # still in step
    assert fake.connections == 1 and len(fake.bodies) == 2


async def test_no_reply_times_out_and_drops(fake):
    fake.final = "silence"
    session = SmtpSession(relay(fake.port, timeout=0.3))
    loop = asyncio.get_running_loop()
    start = loop.time()
    with pytest.raises(TransientSendError, match="no reply within") as info:
        await session.send(SENDER, "user@example.com", b"x\r\n")
    assert info.value.code == 0 and 0.25 < loop.time() - start < 2
    assert not session.connected


async def test_malformed_reply_drops(fake):
    fake.answers = {"RCPT": "hello there"}
    session = SmtpSession(relay(fake.port))
    with pytest.raises(TransientSendError, match="malformed") as info:
        await session.send(SENDER, "user@example.com", b"x\r\n")
    assert info.value.code == 0 and not session.connected


async def test_unexpected_reply_class_drops(fake):
    fake.answers = {"DATA": "250 what body?"}
    session = SmtpSession(relay(fake.port))
    with pytest.raises(TransientSendError, match="unexpected reply 250") as info:
        await session.send(SENDER, "user@example.com", b"x\r\n")
    assert info.value.code == 0 and not session.connected


async def test_connection_closed_between_messages_reconnects(fake):
    session = SmtpSession(relay(fake.port))
    fake.final = "421 4.4.2 idle too long"  # answers, then closes
    with pytest.raises(TransientSendError):
        await session.send(SENDER, "user@example.com", b"x\r\n")
    fake.final = "250 ok"
    await session.send(SENDER, "user@example.com", b"y\r\n")
    assert fake.connections == 2


async def test_max_messages_per_connection(fake):
    session = SmtpSession(relay(fake.port, max_msgs_per_conn=2))
    for _ in range(5):
        await session.send(SENDER, "user@example.com", b"x\r\n")
    await session.close()
    assert fake.connections == 3 and fake.verbs().count("QUIT") == 3


async def test_connect_failure_is_relay_unavailable():
    session = SmtpSession(relay(free_port()))
    with pytest.raises(RelayUnavailable):
        await session.send(SENDER, "user@example.com", b"x\r\n")


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_idna_domain(fake, pipelining):
    session = SmtpSession(relay(fake.port), pipelining=pipelining)
    await session.send("news@bücher.example", "jane@bücher.example", b"x\r\n")
    await session.close()
    assert b"MAIL FROM:<news@xn--bcher-kva.example>" in fake.commands[1]
    assert fake.commands[2] == b"RCPT TO:<jane@xn--bcher-kva.example>\r\n"


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_non_ascii_local_part_needs_smtputf8(fake, pipelining):
    session = SmtpSession(relay(fake.port), pipelining=pipelining)
    with pytest.raises(PermanentSendError, match="needs SMTPUTF8") as info:
        await session.send(SENDER, "jörg@example.com", b"x\r\n")
    assert info.value.code == 0
    assert session.connected and fake.verbs() == ["EHLO"]  # nothing was sent
    await session.send(SENDER, "joerg@example.com", b"x\r\n")


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_smtputf8_when_offered(fake, pipelining):
    fake.extensions = ("PIPELINING", "SMTPUTF8")
    session = SmtpSession(relay(fake.port), pipelining=pipelining)
    await session.send(SENDER, "jörg@bücher.example", b"x\r\n")
    await session.send(SENDER, "jane@example.com", b"x\r\n")
    mails = [c for c in fake.commands if c.startswith(b"MAIL")]
    rcpts = [c for c in fake.commands if c.startswith(b"RCPT")]
    assert mails[0].upper() == b"MAIL FROM:<NEWS@EXAMPLE.COM> SMTPUTF8\r\n"
    assert rcpts[0] == "RCPT TO:<jörg@bücher.example>\r\n".encode()
    assert mails[1] == b"MAIL FROM:<news@example.com>\r\n"


@pytest.mark.parametrize(
    "address",
    ["a@b.example>\r\nRCPT TO:<evil@x.example", "a\n@b.example", "<a@b.example>", "a@b\x00"],
)
async def test_unsafe_addresses_are_refused_before_sending(fake, address):
    session = SmtpSession(relay(fake.port))
    with pytest.raises(PermanentSendError, match="invalid address"):
        await session.send(SENDER, address, b"x\r\n")
    with pytest.raises(PermanentSendError, match="invalid address"):
        await session.send(address, "user@example.com", b"x\r\n")
    assert fake.verbs() == ["EHLO"] and session.connected


def test_encode_address():
    assert encode_address("a@example.com", False) == (b"a@example.com", False)
    assert encode_address("", False) == (b"", False)  # the null sender
    assert encode_address("a@bücher.example", False) == (b"a@xn--bcher-kva.example", False)
    assert encode_address("ä@b.example", True) == ("ä@b.example".encode(), True)
    with pytest.raises(PermanentSendError, match="needs SMTPUTF8"):
        encode_address("ä@b.example", False)


# --- 8BITMIME -------------------------------------------------------------------------------


def eight_bit_message() -> EightBit:
    builder = MessageBuilder(from_addr="News <news@example.com>", campaign_uuid="", eightbit=True)
    data = builder.build(
        to_addr=address("Jörg", "jane@example.com"),
        subject="Grüße",
        html="<p>Grüße, Jörg</p>\n.dot",
        text="Grüße, Jörg",
        subscriber_uuid="",
        unsubscribe_url="https://x.test/u",
    )
    assert isinstance(data, EightBit)
    return data


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_8bit_message_to_an_8bitmime_relay(aiosmtpd_server, pipelining):
    """aiosmtpd offers 8BITMIME: the message goes as it is, with BODY=8BITMIME."""
    handler, port = aiosmtpd_server
    data = eight_bit_message()
    session = SmtpSession(relay(port), pipelining=pipelining)
    await session.send(SENDER, "jane@example.com", data)
    await session.send(SENDER, "jane@example.com", DOTTED)  # plain bytes: no BODY=
    await session.close()
    assert [m.data for m in handler.messages] == [bytes(data), DOTTED]
    body = [[o for o in opts if not o.startswith("SIZE=")] for opts in handler.mail_options]
    assert body == [["BODY=8BITMIME"], []]
    html = parse_message(handler.messages[0].data).get_body(("html",))
    assert html is not None and html["Content-Transfer-Encoding"] == "8bit"
    assert html.get_content().replace("\r\n", "\n") == "<p>Grüße, Jörg</p>\n.dot\n"


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "sendmail"])
async def test_8bit_message_to_a_relay_without_8bitmime(fake, pipelining):
    """No 8BITMIME: the quoted-printable form goes, 7-bit clean, without BODY=."""
    fake.extensions = ("PIPELINING", "SIZE 1000000")
    data = eight_bit_message()
    session = SmtpSession(relay(fake.port), pipelining=pipelining)
    await session.send(SENDER, "jane@example.com", data)
    await session.close()
    (mail,) = [c for c in fake.commands if c.startswith(b"MAIL")]
    assert b"BODY" not in mail.upper()
    assert fake.bodies == [data_payload(data.seven_bit())]
    assert fake.bodies[0].isascii()
    html = parse_message(fake.bodies[0][:-3].replace(b"\r\n..", b"\r\n.")).get_body(("html",))
    assert html is not None and html["Content-Transfer-Encoding"] == "quoted-printable"
    assert html.get_content().replace("\r\n", "\n") == "<p>Grüße, Jörg</p>\n.dot\n"


async def test_8bit_with_size_and_smtputf8(fake):
    fake.extensions = ("PIPELINING", "8BITMIME", "SMTPUTF8", "SIZE 1000000")
    data = eight_bit_message()
    session = SmtpSession(relay(fake.port))
    await session.send(SENDER, "jörg@example.com", data)
    await session.close()
    size = len(data_payload(data))
    assert (
        fake.commands[1]
        == b"MAIL FROM:<news@example.com> SMTPUTF8 BODY=8BITMIME SIZE=%d\r\n" % size
    )
    assert fake.bodies == [data_payload(data)]


@pytest.mark.parametrize(
    "data", [DOTTED, b".\r\n", b"a\r\n.\r\n..\r\n", b"\r\n", b"x\r\n\r\n.y\r\n"]
)
def test_canonical_payload_is_only_dot_stuffed(data):
    assert data_payload(Canonical(data)) == data_payload(data)


# --- pipelining across transactions (start / finish) ----------------------------------------


async def chained(
    session: SmtpSession, recipients: list[str], data: Callable[[str], bytes] | None = None
) -> list[SendError | None]:
    """Send to ``recipients`` as the worker does: each next transaction begun behind the
    open one's data while the connection can take it; every recipient's outcome."""
    body = data or (lambda rcpt: f"Subject: {rcpt}\r\n\r\nhi\r\n".encode())
    outcomes: dict[str, SendError | None] = {}
    open_rcpt = ""
    for rcpt in recipients:
        if open_rcpt and not session.chainable:
            outcomes[open_rcpt], _ = await session.finish()
            open_rcpt = ""
        if not open_rcpt:
            try:
                if await session.start(SENDER, rcpt, body(rcpt)):
                    open_rcpt = rcpt
                else:
                    outcomes[rcpt] = None
            except SendError as exc:
                outcomes[rcpt] = exc
            continue
        first, second = await session.finish((SENDER, rcpt, body(rcpt)))
        outcomes[open_rcpt] = first
        open_rcpt = rcpt if second is None else ""
        if second is not None:
            outcomes[rcpt] = second
    if open_rcpt:
        outcomes[open_rcpt], _ = await session.finish()
    return [outcomes[r] for r in recipients]


def nth(verb: str, n: int, reply: str) -> Callable[[str, bytes], str | None]:
    """A :class:`Fake` hook answering the ``n``-th ``verb`` (1-based) with ``reply``."""
    seen = {"n": 0}

    def hook(v: str, line: bytes) -> str | None:
        if v != verb:
            return None
        seen["n"] += 1
        return reply if seen["n"] == n else None

    return hook


def codes(outcomes: list[SendError | None]) -> list[tuple[str, int] | None]:
    return [None if o is None else (type(o).__name__, o.code) for o in outcomes]


async def test_chained_transactions_take_one_write_each(fake):
    """The fake holds MAIL/RCPT replies until DATA: the chained group must arrive whole."""
    fake.batch = True
    session = SmtpSession(relay(fake.port, timeout=2))
    await session.connect()
    assert session._reader is not None
    writes: list[bytes] = []
    write = session._reader.write
    session._reader.write = lambda data: (writes.append(data), write(data))[1]  # type: ignore[method-assign]
    rcpts = [f"u{i}@example.com" for i in range(5)]
    assert await chained(session, rcpts) == [None] * 5
    assert len(writes) == 6  # MAIL/RCPT/DATA, then data + next MAIL/RCPT/DATA, ..., data
    assert writes[1].startswith(b"Subject: u0@example.com\r\n\r\nhi\r\n.\r\nMAIL FROM:<")
    assert writes[1].endswith(b"RCPT TO:<u1@example.com>\r\nDATA\r\n")
    await session.close()
    assert fake.verbs() == ["EHLO", *["MAIL", "RCPT", "DATA"] * 5, "QUIT"]
    assert [b.split(b"\r\n")[0] for b in fake.bodies] == [f"Subject: {r}".encode() for r in rcpts]
    assert fake.connections == 1 and session.sent_on_connection == 5


async def test_chained_delivery_byte_for_byte_to_aiosmtpd(aiosmtpd_server):
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port))
    messages = [DOTTED, b"Subject: two\r\n\r\nbody\r\n", b"Subject: three\r\n\r\n.\r\n", b""]
    rcpts = [f"user{i}@example.com" for i in range(len(messages))]
    outcomes = await chained(session, rcpts, lambda r: messages[rcpts.index(r)])
    await session.close()
    assert outcomes == [None] * 4
    assert [m.data for m in handler.messages] == messages
    assert [m.recipients for m in handler.messages] == [(r,) for r in rcpts]
    assert handler.ehlos == 1


@pytest.mark.parametrize(
    ("verb", "reply", "expected", "rset"),
    [
        ("MAIL", "452 4.3.1 no space", ("TransientSendError", 452), False),
        ("MAIL", "553 5.1.8 bad sender", ("PermanentSendError", 553), False),
        ("RCPT", "450 4.2.0 later", ("TransientSendError", 450), True),
        ("RCPT", "550 5.1.1 unknown", ("PermanentSendError", 550), True),
        ("DATA", "451 4.3.0 not now", ("TransientSendError", 451), True),
    ],
)
async def test_second_transaction_refused_while_the_first_data_reply_is_pending(
    fake, verb, reply, expected, rset
):
    """The refusal belongs to the second message; the first is delivered; the connection
    stays (RSET where a transaction was left open) and the third goes through."""
    fake.hook = nth(verb, 2, reply)
    session = SmtpSession(relay(fake.port))
    outcomes = await chained(session, ["a@example.com", "b@example.com", "c@example.com"])
    assert codes(outcomes) == [None, expected, None]
    assert session.connected and fake.connections == 1 and len(fake.bodies) == 2
    assert ("RSET" in fake.verbs()) is rset
    await session.close()


@pytest.mark.parametrize(
    ("aiosmtpd_server", "expected"),
    [
        ({"rcpt": "550 5.1.1 no such user"}, ("PermanentSendError", 550)),
        ({"rcpt": "450 4.2.0 mailbox busy"}, ("TransientSendError", 450)),
    ],
    indirect=["aiosmtpd_server"],
)
async def test_second_transaction_refused_by_aiosmtpd(aiosmtpd_server, expected):
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port))
    outcomes = await chained(session, ["ok@example.com", "bad@example.com", "ok@example.com"])
    assert codes(outcomes) == [None, expected, None]
    assert len(handler.messages) == 2 and handler.ehlos == 1
    await session.close()


@pytest.mark.parametrize(
    ("finals", "hook", "expected"),
    [
        # 421 to the first's end of data: the second's commands go unanswered, and the
        # second's data never left (Unanswered: requeued without an attempt counted)
        (["421 4.3.2 shutting down"], None, [("TransientSendError", 421), ("Unanswered", 0)]),
        # the first accepted, then 421 to the second's MAIL or RCPT
        ([], nth("MAIL", 2, "421 4.3.2 bye"), [None, ("TransientSendError", 421)]),
        ([], nth("RCPT", 2, "421 4.7.0 too many errors"), [None, ("TransientSendError", 421)]),
        # dropped between the two: after the first's reply, before the second's
        ([], nth("MAIL", 2, "close"), [None, ("TransientSendError", 0)]),
        # dropped before the first's reply: neither is delivered
        (["close"], None, [("TransientSendError", 0), ("Unanswered", 0)]),
        # a refusal of the first's data does not touch the second
        (["552 5.3.4 too big"], None, [("PermanentSendError", 552), None]),
        (["452 4.3.1 disk full"], None, [("TransientSendError", 452), None]),
    ],
)
async def test_421_and_drops_mid_pipeline(fake, finals, hook, expected):
    fake.finals, fake.hook = list(finals), hook
    session = SmtpSession(relay(fake.port))
    outcomes = await chained(session, ["a@example.com", "b@example.com"])
    assert codes(outcomes) == expected
    lost = any(e is not None and e[1] in (0, 421) for e in expected)
    assert session.connected is not lost
    assert len(fake.bodies) == 1 + (expected[1] is None)  # the second's data only once open
    fake.hook = None
    await session.send(SENDER, "c@example.com", b"y\r\n")  # reconnects when it was lost
    await session.close()
    assert fake.connections == 1 + lost and fake.bodies[-1] == b"y\r\n.\r\n"


async def test_no_reply_to_a_chained_group_times_out(fake):
    fake.finals = ["silence"]
    session = SmtpSession(relay(fake.port, timeout=0.3))
    outcomes = await chained(session, ["a@example.com", "b@example.com"])
    assert codes(outcomes) == [("TransientSendError", 0), ("Unanswered", 0)]
    assert outcomes[0] is not None and "no reply within" in outcomes[0].message
    assert not session.connected and len(fake.bodies) == 1


async def test_replies_to_the_second_after_a_421_do_not_open_it(fake):
    """The server says 421 to the first's data and still answers the commands behind it
    (they were in its buffer): the second is not open on a connection that is going, its
    data is never sent, and it is Unanswered (it goes again uncharged)."""
    fake.finals, fake.linger = ["421 4.3.2 shutting down"], True
    session = SmtpSession(relay(fake.port))
    outcomes = await chained(session, ["a@example.com", "b@example.com"])
    assert codes(outcomes) == [("TransientSendError", 421), ("Unanswered", 0)]
    assert not session.connected and not session.chainable
    assert fake.verbs().count("MAIL") == 2 and len(fake.bodies) == 1


async def test_size_offered_chained(fake):
    """SIZE= goes with every chained MAIL; a message over the relay's limit is refused at
    MAIL (552) without its data, between two that go through."""
    fake.extensions = ("SIZE 100", "PIPELINING")

    def size_check(verb: str, line: bytes) -> str | None:
        size = int(line.rsplit(b"SIZE=", 1)[1]) if b"SIZE=" in line else 0
        return "552 5.3.4 message size exceeds 100" if size > 100 else None

    fake.hook = size_check
    messages = {"a@example.com": b"x\r\n", "b@example.com": b"y" * 200 + b"\r\n"}
    messages["c@example.com"] = b"z\r\n"
    session = SmtpSession(relay(fake.port))
    outcomes = await chained(session, list(messages), messages.__getitem__)
    assert codes(outcomes) == [None, ("PermanentSendError", 552), None]
    mails = [c for c in fake.commands if c.startswith(b"MAIL")]
    assert mails == [
        b"MAIL FROM:<news@example.com> SIZE=6\r\n",
        b"MAIL FROM:<news@example.com> SIZE=205\r\n",
        b"MAIL FROM:<news@example.com> SIZE=6\r\n",
    ]
    assert fake.bodies == [b"x\r\n.\r\n", b"z\r\n.\r\n"] and session.connected
    await session.close()


async def test_chaining_keeps_max_messages_per_connection(fake):
    session = SmtpSession(relay(fake.port, max_msgs_per_conn=3))
    assert await chained(session, [f"u{i}@example.com" for i in range(7)]) == [None] * 7
    await session.close()
    assert fake.connections == 3 and fake.verbs().count("QUIT") == 3


async def test_unsafe_address_in_the_chained_transaction(fake):
    """An address that cannot go on a command line fails alone; the open one finishes."""
    session = SmtpSession(relay(fake.port))
    assert await session.start(SENDER, "a@example.com", b"x\r\n")
    first, second = await session.finish((SENDER, "b\r\nRSET@example.com", b"y\r\n"))
    assert first is None and isinstance(second, PermanentSendError)
    assert not session.chainable and session.connected
    await session.close()
    assert fake.verbs() == ["EHLO", "MAIL", "RCPT", "DATA", "QUIT"]


async def test_closing_with_a_transaction_open_drops_it(fake):
    session = SmtpSession(relay(fake.port))
    assert await session.start(SENDER, "a@example.com", b"x\r\n")
    with pytest.raises(RuntimeError):
        await session.send(SENDER, "b@example.com", b"y\r\n")
    await session.close()  # QUIT now would be taken for the message's data
    assert not session.connected and fake.bodies == [] and "QUIT" not in fake.verbs()


@pytest.mark.parametrize("aiosmtpd_server", [{"pipelining": False}], indirect=True)
async def test_start_without_pipelining_sends_whole(aiosmtpd_server):
    handler, port = aiosmtpd_server
    session = SmtpSession(relay(port))
    assert not await session.start(SENDER, "a@example.com", DOTTED)
    assert not session.chainable and [m.data for m in handler.messages] == [DOTTED]
    await session.close()


async def test_connection_lost_while_a_transaction_is_open(fake):
    """The connection goes between DATA's 354 and the data: the open message fails (code 0,
    charged as any dropped connection), the one that would have been chained behind it is
    Unanswered, nothing is written, and the session reconnects for the next."""
    session = SmtpSession(relay(fake.port))
    assert await session.start(SENDER, "a@example.com", b"x\r\n")
    assert session._reader is not None
    session._reader.transport.abort()
    await asyncio.sleep(0)  # connection_lost
    assert not session.connected and not session.chainable
    first, second = await session.finish((SENDER, "b@example.com", b"y\r\n"))
    assert codes([first, second]) == [("TransientSendError", 0), ("Unanswered", 0)]
    assert fake.bodies == [] and fake.verbs().count("MAIL") == 1
    await session.send(SENDER, "c@example.com", b"z\r\n")
    await session.close()
    assert fake.connections == 2 and fake.bodies == [b"z\r\n.\r\n"]


@pytest.mark.parametrize("where", ["start", "finish", "finish+rset"])
async def test_cancelled_mid_transaction_leaves_nothing_open(fake, where):
    """A sender cancelled (a stop past its timeout) while a transaction is on the wire: the
    connection is dropped, never reused with replies out of step."""
    fake.answers["DATA" if where == "start" else "RSET"] = "silence"
    if where == "finish+rset":
        fake.hook = nth("RCPT", 2, "450 4.2.0 later")  # the second refused: RSET, no reply
    elif where == "finish":
        fake.finals = ["silence"]
    session = SmtpSession(relay(fake.port, timeout=30))
    if where == "start":
        task = asyncio.ensure_future(session.start(SENDER, "a@example.com", b"x\r\n"))
    else:
        assert await session.start(SENDER, "a@example.com", b"x\r\n")
        task = asyncio.ensure_future(session.finish((SENDER, "b@example.com", b"y\r\n")))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not session.connected and not session.chainable and session._pending is None
    fake.answers.clear()
    fake.hook, fake.muted = None, False
    await session.send(SENDER, "c@example.com", b"z\r\n")
    await session.close()
    assert fake.connections == 2 and fake.bodies[-1] == b"z\r\n.\r\n"


async def test_finish_without_an_open_transaction_is_a_bug(fake):
    session = SmtpSession(relay(fake.port))
    with pytest.raises(RuntimeError):
        await session.finish()
    await session.send(SENDER, "a@example.com", b"x\r\n")
    with pytest.raises(RuntimeError):
        await session.finish((SENDER, "b@example.com", b"y\r\n"))
    await session.close()


async def test_an_8bit_message_chained(fake):
    """BODY=8BITMIME with a chained MAIL to a relay offering 8BITMIME, the 7-bit form to
    one without."""
    data = eight_bit_message()
    session = SmtpSession(relay(fake.port))
    assert await chained(session, ["a@example.com", "b@example.com"], lambda r: data) == [None] * 2
    await session.close()
    fake.extensions = ("PIPELINING",)
    assert await chained(session, ["c@example.com", "d@example.com"], lambda r: data) == [None] * 2
    await session.close()
    mails = [c for c in fake.commands if c.startswith(b"MAIL")]
    assert [b"BODY=8BITMIME" in m for m in mails] == [True, True, False, False]
    assert fake.bodies == [data_payload(data)] * 2 + [data_payload(data.seven_bit())] * 2


async def test_a_connect_cut_short_closes_its_socket():
    """A sender cancelled while its session says EHLO (a pool stopped while a relay that
    just dropped the connection is being reconnected): the half-open connection is closed
    at once, not left open until the event loop goes."""
    closed = asyncio.Event()

    async def mute(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 mute ESMTP\r\n")  # and no reply to EHLO
        while await reader.read(1024):
            pass
        closed.set()
        writer.close()

    server = await asyncio.start_server(mute, "127.0.0.1", 0)
    async with server:
        session = SmtpSession(relay(server.sockets[0].getsockname()[1], timeout=30))
        task = asyncio.ensure_future(session.connect())
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(closed.wait(), 2)
        assert not session.connected
