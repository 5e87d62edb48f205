"""The address module's splitting and encoding helpers (the checks themselves are tested
where they are used: the worker's in test_bad_input, the importer's in test_import)."""

from __future__ import annotations

import pytest

from blaster import addresses, importer


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Ada <ada@example.com>", ("Ada", "ada@example.com")),
        ("ada@example.com", ("", "ada@example.com")),
        ('"Lovelace, Ada" <ada@example.com>', ("Lovelace, Ada", "ada@example.com")),
        ("", ("", "")),
    ],
)
def test_read_takes_a_header_value_apart_without_checks(text, pair):
    assert addresses.read(text) == pair


@pytest.mark.parametrize(
    ("addr", "local", "domain"),
    [
        ("ada@example.com", "ada", "example.com"),
        ('"a@b"@example.com', '"a@b"', "example.com"),
        ("no-at-sign", "", ""),
        ("ada@", "ada", ""),
    ],
)
def test_local_part_and_domain_split_at_the_last_at(addr, local, domain):
    assert addresses.local_part(addr) == local
    assert addresses.domain(addr) == domain


@pytest.mark.parametrize(
    ("addr", "key"),
    [
        ("Ada@Example.COM", "example.com"),
        ('"a@b"@Example.com', "example.com"),
        ("ada@", ""),
    ],
)
def test_domain_key_is_the_lower_cased_domain(addr, key):
    assert addresses.domain_key(addr) == key == addresses.domain(addr).lower()


def test_domain_key_of_a_unicode_domain_is_its_idna_form():
    """As ``rates.domains`` keys it: a limit set for ``bücher.example`` applies to it."""
    assert addresses.domain_key("ada@Bücher.Example") == "xn--bcher-kva.example"
    assert addresses.domain_key("ada@" + "ä" * 70 + ".example") == "ä" * 70 + ".example"


def test_idna_encodes_only_non_ascii_names():
    assert addresses.idna("bücher.example") == "xn--bcher-kva.example"
    assert addresses.idna("Example.COM") == "Example.COM"
    with pytest.raises(UnicodeError):
        addresses.idna("ä" * 70 + ".example")  # a label over 63 characters


def test_to_ascii_encodes_the_domain():
    assert addresses.to_ascii("ada@example.com") == "ada@example.com"
    assert addresses.to_ascii("ada@bücher.example") == "ada@xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("addr", "why"),
    [
        ("jürgen@example.com", "a non-ASCII local part is not supported"),
        ("ada@" + "ä" * 70 + ".example", "bad domain"),
        ("jürgen", "no @ in the address"),
    ],
)
def test_to_ascii_says_why_it_cannot(addr, why):
    with pytest.raises(ValueError, match=why):
        addresses.to_ascii(addr)


def test_the_importer_checks_addresses_with_the_address_module():
    assert importer.email_problem is addresses.subscriber_problem
    assert (importer.MAX_EMAIL, importer.MAX_LOCAL) == (addresses.MAX_ADDRESS, addresses.MAX_LOCAL)


@pytest.mark.parametrize(
    "addr", ["a@example.com", "first.last+tag@sub.example.co.uk", "x" * 64 + "@example.com"]
)
def test_a_subscriber_address_can_be_sent_to(addr):
    assert addresses.subscriber_problem(addr) == "" and addresses.problem(addr) == ""
