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
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvloop
from aiosmtpd.controller import Controller

from blaster.config import SmtpServer
from blaster.errors import PermanentSendError, RelayUnavailable, TransientSendError
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


# --- the scripted server --------------------------------------------------------------------

OK = {"MAIL": "250 2.1.0 Ok", "RCPT": "250 2.1.5 Ok", "DATA": "354 go ahead", "RSET": "250 Ok"}


@dataclass
class Fake:
    """A scripted SMTP server. ``answers`` maps a verb to its reply (``\\r\\n`` inside makes
    a multi-line reply); ``"close"`` closes the connection instead, ``"silence"`` answers
    nothing. After a refused MAIL, RCPT and DATA get 503; after a refused RCPT, DATA gets
    554. With ``batch``, replies to MAIL/RCPT/DATA are held back until DATA has arrived
    (which only a pipelining client sends without waiting)."""

    extensions: tuple[str, ...] = ("PIPELINING", "8BITMIME")
    answers: dict[str, str] = field(default_factory=dict)
    final: str = "250 2.0.0 queued"
    batch: bool = False
    commands: list[bytes] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)  #: DATA streams as sent, with the "."
    connections: int = 0
    port: int = 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        writer.write(b"220 fake ESMTP\r\n")
        state = {"mail": False, "rcpt": False}
        pending: list[str] = []
        try:
            while line := await reader.readline():
                self.commands.append(line)
                verb = line[:4].decode().upper()
                answer = self._answer(verb, state)
                if answer == "silence":
                    continue
                if answer == "close":
                    return
                pending.append(answer)
                if self.batch and verb in ("MAIL", "RCPT"):
                    continue
                writer.write("".join(a + "\r\n" for a in pending).encode())
                pending.clear()
                if answer.startswith("421") or verb == "QUIT":
                    return
                data_ok = verb == "DATA" and answer.startswith("354")
                if data_ok and not await self._data(reader, writer):
                    return
        finally:
            writer.close()

    def _answer(self, verb: str, state: dict[str, bool]) -> str:
        if verb == "EHLO":
            lines = ["fake", *self.extensions]
            return "\r\n".join(
                f"250{'-' if i < len(lines) - 1 else ' '}{x}" for i, x in enumerate(lines)
            )
        if verb == "QUIT":
            return "221 bye"
        answer = self.answers.get(verb, OK.get(verb, "250 Ok"))
        if verb == "MAIL":
            state["mail"], state["rcpt"] = answer.startswith("2"), False
        elif verb == "RCPT":
            if not state["mail"]:
                return "503 5.5.1 need MAIL"
            state["rcpt"] = answer.startswith("2")
        elif verb == "DATA" and not state["rcpt"]:
            return "503 5.5.1 need RCPT" if not state["mail"] else "554 5.5.1 no valid recipients"
        elif verb == "RSET":
            state["mail"] = state["rcpt"] = False
        return answer

    async def _data(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        body = b""
        while (line := await reader.readline()) != b".\r\n":
            if not line:
                return False
            body += line
        self.bodies.append(body + line)
        if self.final == "close":
            return False
        if self.final != "silence":
            writer.write(self.final.encode() + b"\r\n")
        return not self.final.startswith("421")

    def verbs(self) -> list[str]:
        return [c[:4].decode().upper() for c in self.commands]


@pytest.fixture
async def fake() -> AsyncIterator[Fake]:
    script = Fake()
    server = await asyncio.start_server(script.serve, "127.0.0.1", 0)
    script.port = server.sockets[0].getsockname()[1]
    async with server:
        yield script


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
