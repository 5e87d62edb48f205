"""A scripted SMTP server for the session and chaining tests: replies chosen per verb (or by
a hook), connections closed or left silent on cue, replies held back until DATA (only a
pipelining client gets past that), every command and DATA stream recorded.

The ``fake`` fixture (``conftest.py``) serves one on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

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
    #: the final replies of the next messages, in order (then ``final``)
    finals: list[str] = field(default_factory=list)
    #: ``hook(verb, line)``: a reply for that one command, or None for the table's
    hook: Callable[[str, bytes], str | None] | None = None
    batch: bool = False
    commands: list[bytes] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)  #: DATA streams as sent, with the "."
    connections: int = 0
    port: int = 0
    muted: bool = False
    #: after a 421 to a message's data, still answer the commands pipelined behind it (as a
    #: server may with them in its buffer) instead of closing at once
    linger: bool = False

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        writer.write(b"220 fake ESMTP\r\n")
        state = {"mail": False, "rcpt": False}
        pending: list[str] = []
        try:
            while line := await reader.readline():
                self.commands.append(line)
                if self.muted:  # silent since a final reply it never gave: in order or not at all
                    continue
                verb = line[:4].decode().upper()
                answer = self._answer(verb, state)
                if self.hook is not None and verb in ("MAIL", "RCPT", "DATA"):
                    hooked = self.hook(verb, line)
                    if hooked is not None:
                        answer = hooked
                        if verb == "MAIL":
                            state["mail"] = hooked.startswith("2")
                        elif verb == "RCPT":
                            state["rcpt"] = hooked.startswith("2")
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
        final = self.finals.pop(0) if self.finals else self.final
        if final == "close":
            return False
        if final == "silence":
            self.muted = True
        else:
            writer.write(final.encode() + b"\r\n")
        return self.linger or not final.startswith("421")

    def verbs(self) -> list[str]:
        return [c[:4].decode().upper() for c in self.commands]
