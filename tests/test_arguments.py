"""The command-line value checks of :mod:`blaster.arguments`: each bad value is one error
naming the option, and good values come back as the commands store them. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from blaster import arguments
from blaster.errors import BlasterError


def test_headers_are_name_value_pairs():
    assert arguments.parse_header("X-Campaign: spring") == ("X-Campaign", "spring")
    assert arguments.parse_header("X-Team:ops") == ("X-Team", "ops")
    with pytest.raises(BlasterError, match=r"^--header 'no colon': expected NAME:VALUE"):
        arguments.parse_header("no colon")
    with pytest.raises(BlasterError, match=r"expected NAME:VALUE"):
        arguments.parse_header("Bad Name: x")
    with pytest.raises(BlasterError, match=r"^--header X-A: the value must not contain a line"):
        arguments.parse_header("X-A: one\r\nBcc: x@example.com")


def test_send_at_is_an_aware_time():
    when = arguments.parse_send_at("2099-01-31T09:00:00+01:00")
    assert when == dt.datetime(2099, 1, 31, 8, tzinfo=dt.UTC)
    local = arguments.parse_send_at(" 2099-01-31T09:00 ")
    assert local.tzinfo is not None and local.replace(tzinfo=None) == dt.datetime(2099, 1, 31, 9)
    with pytest.raises(BlasterError, match=r"^--send-at 'tomorrow': expected an ISO date"):
        arguments.parse_send_at("tomorrow")


@pytest.mark.parametrize(
    "raw", ["News <news@example.com>", " a@b.example ", "ops@localhost", "Zoë <zoe@example.com>"]
)
def test_from_takes_one_address_with_or_without_a_name(raw):
    assert arguments.check_from(raw) == raw.strip()


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "news",
        "News <news>",
        "a@b.example, c@d.example",
        "a@b.example\nBcc: x@y.example",
        "a@b.example\r",
        "no dot <x@nodot>",
    ],
)
def test_from_refuses_what_is_not_one_address(raw):
    with pytest.raises(BlasterError) as err:
        arguments.check_from(raw)
    assert str(err.value) == f"--from {raw!r}: expected an address like 'News <news@example.com>'"


def test_read_text_reads_utf8_or_says_why_not(tmp_path):
    good = tmp_path / "body.html"
    good.write_text("<p>Grüße</p>", encoding="utf-8")
    assert arguments.read_text(str(good), "body") == "<p>Grüße</p>"
    missing = tmp_path / "missing"
    with pytest.raises(BlasterError) as err:
        arguments.read_text(str(missing), "body")
    assert str(err.value) == f"cannot read body file {missing}: No such file or directory"
    latin = tmp_path / "latin1.html"
    latin.write_bytes("Grüße".encode("latin-1"))
    with pytest.raises(BlasterError, match=r"^altbody file .* is not UTF-8 text$"):
        arguments.read_text(str(latin), "altbody")
