"""E-mail address checks shared by the worker, the configuration and the transactional API.

Cheap syntax only (the relay has the last word): :func:`problem` says why a bare address
cannot be sent to; :func:`parse` reads exactly one ``Name <addr>`` or bare address.
"""

from __future__ import annotations

import email.utils

MAX_LOCAL = 64  #: RFC 5321 limit of the part before the @
MAX_ADDRESS = 254  #: RFC 5321 path limit, less the brackets
_SPECIALS = frozenset(',;<>()[]\\"')


def problem(addr: str, *, allow_localhost: bool = False) -> str:
    """Why ``addr`` (a bare addr-spec) cannot be sent to, or ``""``."""
    local, at, domain = addr.rpartition("@")
    if not addr:
        return "empty address"
    if " " in addr:
        return "the address contains a space"
    if not addr.isprintable():
        return "the address contains a non-printable character"
    if not at:
        return "no @ in the address"
    if not local:
        return "no local part before the @"
    if len(local) > MAX_LOCAL:
        return f"local part of {len(local)} characters (at most {MAX_LOCAL})"
    if len(addr) > MAX_ADDRESS:
        return f"address of {len(addr)} characters (at most {MAX_ADDRESS})"
    if allow_localhost and domain == "localhost":
        return ""
    if not domain or "." not in domain or not all(domain.split(".")):
        return f"domain {domain!r} is not a domain name with a dot"
    return ""


def parse(text: str, *, allow_localhost: bool = False) -> tuple[str, str]:
    """``(display name, addr-spec)`` of exactly one address.

    :raises ValueError: saying why it is not one usable address.
    """
    if not text.isprintable():
        raise ValueError("an address cannot hold line breaks or control characters")
    pairs = email.utils.getaddresses([text.strip()])
    if len(pairs) != 1 or not pairs[0][1]:
        raise ValueError("expected one e-mail address like user@example.com")
    name, addr = pairs[0]
    if any(c in _SPECIALS or c.isspace() for c in addr):
        raise ValueError(f"{addr!r} holds characters an address cannot have")
    why = problem(addr, allow_localhost=allow_localhost)
    if why:
        raise ValueError(why)
    return name, addr
