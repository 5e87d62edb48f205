"""E-mail address syntax: the one place blaster reads, checks and re-encodes addresses.

Cheap syntax only (the relay has the last word): :func:`problem` says why a bare address
cannot be sent to, :func:`subscriber_problem` why it cannot be a subscriber's (the importer's
stricter rule); :func:`parse` reads exactly one ``Name <addr>`` or bare address, :func:`read`
whatever a header value holds, unchecked. :func:`domain` and :func:`local_part` split an
address (:func:`domain_key` is the send path's lower-cased domain); :func:`idna` and
:func:`to_ascii` give the ASCII forms SMTP and headers carry.
"""

from __future__ import annotations

import email.utils
import re

MAX_LOCAL = 64  #: RFC 5321 limit of the part before the @
MAX_ADDRESS = 254  #: RFC 5321 path limit, less the brackets
_SPECIALS = frozenset(',;<>()[]\\"')
#: a character a subscriber's address cannot hold (space, RFC 5322 specials, controls)
_BAD_CHAR = re.compile(r'[\s<>(),;:"\[\]\\\x00-\x1f\x7f]')
#: one local part, one @ and a domain of at least two non-empty labels, none of _BAD_CHAR
_PLAIN = re.compile(
    r'[^\s@<>(),;:"\[\]\\\x00-\x1f\x7f]+@[^\s@<>(),;:"\[\]\\\x00-\x1f\x7f.]+'
    r'(\.[^\s@<>(),;:"\[\]\\\x00-\x1f\x7f.]+)+'
)


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


def read(text: str) -> tuple[str, str]:
    """``(display name, addr-spec)`` of a header value as ``email.utils.parseaddr`` reads it
    (``("", "")`` when it holds none), without any check."""
    return email.utils.parseaddr(text)


def local_part(addr: str) -> str:
    """The part of ``addr`` before its last ``@`` (``""`` without one)."""
    return addr.rpartition("@")[0]


def domain(addr: str) -> str:
    """The part of ``addr`` after its last ``@`` (``""`` without one)."""
    _, at, rest = addr.rpartition("@")
    return rest if at else ""


def domain_key(addr: str) -> str:
    """The domain of a checked address (one with an ``@``) as tables keyed by domain hold
    it: lower-cased, in its ASCII (IDNA) form, as the settings store ``domain_rates``
    (``bücher.de`` is ``xn--bcher-kva.de``). The send path's fast :func:`domain`: one call
    per message, an ASCII domain costs one ``isascii``. Unlike :func:`domain`, a string
    without an ``@`` is all domain; a name IDNA cannot encode is returned as it is."""
    key = addr.rpartition("@")[2].lower()
    if key.isascii():
        return key
    try:
        return idna(key)
    except UnicodeError:
        return key


def idna(name: str) -> str:
    """A domain name in its ASCII form (Python's IDNA codec), itself when ASCII.

    :raises UnicodeError: not a valid IDNA name.
    """
    return name if name.isascii() else name.encode("idna").decode("ascii")


def to_ascii(addr: str) -> str:
    """``addr`` with its domain in IDNA form, for a relay without SMTPUTF8.

    :raises ValueError: a non-ASCII local part, or a domain that is not a valid IDNA name.
    """
    if addr.isascii():
        return addr
    local, at, name = addr.rpartition("@")
    if not at:
        raise ValueError("no @ in the address")
    if not local.isascii():
        raise ValueError("a non-ASCII local part is not supported")
    try:
        return f"{local}@{idna(name)}"
    except UnicodeError:
        raise ValueError(f"bad domain {name!r}") from None


def subscriber_problem(addr: str) -> str:
    """Why ``addr`` cannot be a subscriber's address, or ``""``: stricter than
    :func:`problem` (one ``@``, no spaces or RFC 5322 specials, a domain with a dot)."""
    if len(addr) <= MAX_ADDRESS and _PLAIN.fullmatch(addr) and len(local_part(addr)) <= MAX_LOCAL:
        return ""
    if not addr:
        return "empty e-mail address"
    if len(addr) > MAX_ADDRESS:
        return f"e-mail address longer than {MAX_ADDRESS} characters"
    bad = _BAD_CHAR.search(addr)
    if bad:
        what = "a space" if bad.group().isspace() else repr(bad.group())
        return f"e-mail address contains {what}"
    local, _, rest = addr.rpartition("@")
    if not local:
        return "e-mail address has no @" if "@" not in addr else "e-mail address has no local part"
    if "@" in local:
        return "e-mail address has more than one @"
    if len(local) > MAX_LOCAL:
        return f"e-mail local part longer than {MAX_LOCAL} characters"
    return f"e-mail domain {rest!r} is not a domain name with a dot"
