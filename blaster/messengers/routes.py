"""Which sessions may send a campaign: its messenger by name, as listmonk names them.

``campaigns.messenger`` is ``email`` (every configured SMTP server, by weight),
``email-<name>`` (the one server whose ``name`` normalises to it: lower case, anything but
``a-z0-9-`` replaced by ``-``, as listmonk's settings page stores server names), or the name
of a postback messenger (an HTTP endpoint). A route is the set of session labels that may
take the campaign's messages; an unknown messenger has none, and the campaign is refused at
pickup with the names this node knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from blaster.config import PostbackServer, SmtpServer

EMAIL = "email"  #: the messenger of every SMTP server
_NOT_NAME = re.compile(r"[^a-z0-9\-]")


def messenger_name(server_name: str) -> str:
    """The messenger a named server answers to (listmonk's normalisation), or ""."""
    name = _NOT_NAME.sub("-", server_name.strip().lower())
    if not name:
        return ""
    return name if name.startswith(f"{EMAIL}-") else f"{EMAIL}-{name}"


def names(servers: Iterable[SmtpServer], postback: Iterable[PostbackServer] = ()) -> list[str]:
    """Every messenger name these servers answer to, ``email`` first."""
    named = sorted({messenger_name(s.name) for s in servers} - {""})
    return [EMAIL, *named, *sorted(p.messenger for p in postback)]


def route(
    messenger: str, servers: Iterable[SmtpServer], postback: Iterable[PostbackServer] = ()
) -> frozenset[str] | None:
    """The session labels that may send ``messenger``'s messages; ``None`` = any session
    (``email`` when there is no postback messenger).

    :raises LookupError: nothing answers to ``messenger`` (the message names the known
        ones).
    """
    servers, postback = list(servers), list(postback)
    if messenger == EMAIL:
        return frozenset(s.label for s in servers) if postback else None
    labels = frozenset(s.label for s in servers if messenger_name(s.name) == messenger)
    labels |= {p.label for p in postback if p.messenger == messenger}
    if not labels:
        known = ", ".join(names(servers, postback))
        raise LookupError(f"unknown messenger {messenger!r} (this node has: {known})")
    return labels


def is_postback(labels: frozenset[str] | None) -> bool:
    """Whether a route goes to a postback messenger (its messages are JSON, not MIME)."""
    return labels is not None and any(label.startswith("postback:") for label in labels)
