"""Which sessions may send a campaign: its messenger by name, as listmonk names them.

``campaigns.messenger`` is ``email`` (every configured SMTP server, by weight) or
``email-<name>`` (the one server whose ``name`` normalises to it: lower case, anything but
``a-z0-9-`` replaced by ``-``, as listmonk's settings page stores server names). A route is
the set of relay labels whose sessions may take the campaign's messages; an unknown
messenger has none, and the campaign is refused at pickup with the names this node knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from blaster.config import SmtpServer

EMAIL = "email"  #: the messenger of every SMTP server
_NOT_NAME = re.compile(r"[^a-z0-9\-]")


def messenger_name(server_name: str) -> str:
    """The messenger a named server answers to (listmonk's normalisation), or ""."""
    name = _NOT_NAME.sub("-", server_name.strip().lower())
    if not name:
        return ""
    return name if name.startswith(f"{EMAIL}-") else f"{EMAIL}-{name}"


def names(servers: Iterable[SmtpServer]) -> list[str]:
    """Every messenger name these servers answer to, ``email`` first."""
    named = sorted({messenger_name(s.name) for s in servers} - {""})
    return [EMAIL, *named]


def route(messenger: str, servers: Iterable[SmtpServer]) -> frozenset[str] | None:
    """The relay labels that may send ``messenger``'s messages; ``None`` = all of them.

    :raises LookupError: no server answers to ``messenger`` (the message names the known
        ones).
    """
    servers = list(servers)
    if messenger == EMAIL:
        return None
    labels = frozenset(s.label for s in servers if messenger_name(s.name) == messenger)
    if not labels:
        known = ", ".join(names(servers))
        raise LookupError(f"unknown messenger {messenger!r} (this node has: {known})")
    return labels
