"""Checks of what a person typed on the command line that click's types do not cover:
files to read, ``--header NAME:VALUE``, ``--send-at`` dates and ``--from`` addresses. Each
bad value is a one-line :class:`~blaster.errors.BlasterError` naming the option."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from blaster import addresses
from blaster.errors import BlasterError

#: campaign content types ``campaigns create`` accepts (listmonk's, less ``visual``)
CONTENT_TYPES = ("html", "richtext", "markdown", "plain")
_HEADER_NAME = re.compile(r"[!-9;-~]+")  # printable ASCII without ":" (RFC 5322 field name)


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of a file the user named, or a one-line error."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BlasterError(f"cannot read {what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise BlasterError(f"{what} file {path} is not UTF-8 text") from None


def parse_header(raw: str) -> tuple[str, str]:
    """``Name: value`` from ``--header``; CR/LF and bad names are refused."""
    name, sep, value = raw.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not _HEADER_NAME.fullmatch(name):
        raise BlasterError(f"--header {raw!r}: expected NAME:VALUE, e.g. 'X-Campaign: spring'")
    if "\r" in value or "\n" in value:
        raise BlasterError(f"--header {name}: the value must not contain a line break")
    return name, value


def parse_send_at(raw: str) -> dt.datetime:
    """An ISO 8601 date and time; without an offset it is this machine's local time."""
    try:
        when = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BlasterError(
            f"--send-at {raw!r}: expected an ISO date and time like 2030-01-31T09:00+01:00"
        ) from None
    return when if when.tzinfo else when.astimezone()


def check_from(raw: str) -> str:
    """A From address like ``News <news@example.com>`` (see :func:`blaster.addresses.parse`)."""
    try:
        addresses.parse(raw, allow_localhost=True)
    except ValueError:
        raise BlasterError(
            f"--from {raw!r}: expected an address like 'News <news@example.com>'"
        ) from None
    return raw.strip()
