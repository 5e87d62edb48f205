"""Sprig's regex functions on RE2: linear-time matching, and what RE2 and Go 1.19 still do
differently. Each expectation in :data:`CASES` was recorded from real Go 1.19 + Sprig 3.2.3
(the function called with the same arguments); ``Err(msg)`` is its error, or its panic for the
functions that panic. The timing tests hold hostile patterns that make a backtracking engine
run for minutes to well under a second.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

import blaster.gotemplate.sprig  # noqa: F401  (registers the functions)
from blaster.gotemplate.funcs import REGISTRY, GoExecError
from blaster.gotemplate.sprig_regex import compile_go


class Err:
    """An expected Go error message."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"Err({self.message!r})"


CASES: list[tuple[str, tuple[Any, ...], Any]] = [
    # --- RE2 syntax that Go shares (the old translation lacked or emulated it)
    ('mustRegexFind', ('\\p{Greek}+', 'abc αβγ d'), 'αβγ'),
    ('mustRegexFind', ('[\\p{Greek}\\d]+', 'xα1y'), 'α1'),
    ('mustRegexFind', ('\\p{Han}+', 'x漢字y'), '漢字'),
    ('mustRegexFind', ('\\p{^Latin}+', 'abαβc'), 'αβ'),
    ('mustRegexFind', ('(?i)σ+', 'Σςσ'), 'Σςσ'),
    ('mustRegexFind', ('[[:^word:][:digit:]]+', 'a1-b'), '1-'),
    ('mustRegexFind', ('(?i)[^k]+', '\u212a'), ''),
    ('mustRegexFind', ('\\x{D800}|b', 'ab'), 'b'),
    # --- constructs RE2 accepts and Go 1.19 refuses, and which error Go reports first
    ('mustRegexFind', ('\\C', 'a'), Err('error parsing regexp: invalid escape sequence: `\\C`')),
    (
        'mustRegexFind',
        ('(?s)\\C', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\C`'),
    ),
    ('mustRegexFind', ('\\C**', 'a'), Err('error parsing regexp: invalid escape sequence: `\\C`')),
    (
        'mustRegexFind',
        ('a**\\C', 'a'),
        Err('error parsing regexp: invalid nested repetition operator: `**`'),
    ),
    ('mustRegexFind', ('[\\C]', 'a'), Err('error parsing regexp: invalid escape sequence: `\\C`')),
    (
        'mustRegexFind',
        ('\\Qa\\E\\C', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\C`'),
    ),
    ('mustRegexFind', ('\\Q\\C(?<n>\\E', '\\C(?<n>'), '\\C(?<n>'),
    ('mustRegexFind', ('[(?<n>a)]+', 'a(?'), 'a(?'),
    (
        'mustRegexFind',
        ('(?<n>a)', 'a'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?<`'),
    ),
    (
        'mustRegexFind',
        ('(?<n>a)**', 'a'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?<`'),
    ),
    (
        'mustRegexFind',
        ('(?P<n>a)(?<m>b', 'a'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?<`'),
    ),
    (
        'mustRegexFind',
        ('(?<!a)b', 'a'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?<`'),
    ),
    (
        'mustRegexFind',
        ('(?(?<n>a)', 'a'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?(`'),
    ),
    ('mustRegexFind', (')\\C', 'a'), Err('error parsing regexp: unexpected ): `)\\C`')),
    (
        'mustRegexFind',
        ('(?P<é>a)', 'a'),
        Err('error parsing regexp: invalid named capture: `(?P<é>`'),
    ),
    (
        'mustRegexFind',
        ('(?P<é>a)\\C', 'a'),
        Err('error parsing regexp: invalid named capture: `(?P<é>`'),
    ),
    (
        'mustRegexFind',
        ('\\C(?P<é>a)', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\C`'),
    ),
    (
        'mustRegexFind',
        ('(?P<\u0663>x)', 'x'),
        Err('error parsing regexp: invalid named capture: `(?P<\u0663>`'),
    ),
    ('mustRegexFind', ('(?P<é', 'a'), Err('error parsing regexp: invalid named capture: `(?P<é`')),
    (
        'mustRegexFind',
        ('\\p{Kawi}', 'a'),
        Err('error parsing regexp: invalid character class range: `\\p{Kawi}`'),
    ),
    (
        'mustRegexFind',
        ('[\\p{^Vithkuqi}]', 'a'),
        Err('error parsing regexp: invalid character class range: `\\p{^Vithkuqi}`'),
    ),
    (
        'mustRegexFind',
        ('[z-\\p{Kawi}]', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\p`'),
    ),
    (
        'mustRegexFind',
        ('\\p{L&}', 'a'),
        Err('error parsing regexp: invalid character class range: `\\p{L&}`'),
    ),
    ('mustRegexFind', ('(?P<n>a)(?P<n>b)', 'ab'), 'ab'),
    # --- RE2's errors in Go's words, with Go's arguments
    (
        'mustRegexFind',
        ('a{1001}?', 'a'),
        Err('error parsing regexp: invalid repeat count: `{1001}`'),
    ),
    (
        'mustRegexFind',
        ('a{2,1}??', 'a'),
        Err('error parsing regexp: invalid repeat count: `{2,1}`'),
    ),
    (
        'mustRegexFind',
        ('(a{500}){3}?', 'a'),
        Err('error parsing regexp: invalid repeat count: `{3}?`'),
    ),
    (
        'mustRegexFind',
        ('a**?', 'a'),
        Err('error parsing regexp: invalid nested repetition operator: `**?`'),
    ),
    (
        'mustRegexFind',
        ('(?<=a)b', 'ab'),
        Err('error parsing regexp: invalid or unsupported Perl syntax: `(?<`'),
    ),
    ('mustRegexFind', ('\\x{', 'a'), Err('error parsing regexp: invalid escape sequence: `\\x{`')),
    (
        'mustRegexFind',
        ('a[\\x{', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\x{`'),
    ),
    (
        'mustRegexFind',
        ('[\\p', 'a'),
        Err('error parsing regexp: invalid character class range: `\\p`'),
    ),
    ('mustRegexFind', ('[a-\\p', 'a'), Err('error parsing regexp: invalid escape sequence: `\\p`')),
    (
        'mustRegexFind',
        ('[a-\\pL]', 'a'),
        Err('error parsing regexp: invalid escape sequence: `\\p`'),
    ),
    (
        'mustRegexFind',
        ('x{1000}{2}', 'a'),
        Err('error parsing regexp: invalid nested repetition operator: `{1000}{2}`'),
    ),
    (
        'mustRegexFind',
        ('(?P<n>a)(?P<n>', 'a'),
        Err('error parsing regexp: missing closing ): `(?P<n>a)(?P<n>`'),
    ),
    (
        'regexFind',
        ('(?P<é>a)', 'a'),
        Err('regexp: Compile(`(?P<é>a)`): error parsing regexp: invalid named capture: `(?P<é>`'),
    ),
    # --- repeat counts: Go checks a count's range first, and reads 10 digits as a count
    (
        'mustRegexFind',
        ('a{9999999999}', 'a'),
        Err('error parsing regexp: invalid repeat count: `{9999999999}`'),
    ),
    (
        'mustRegexFind',
        ('a{1,9999999999}?', 'a'),
        Err('error parsing regexp: invalid repeat count: `{1,9999999999}`'),
    ),
    (
        'mustRegexFind',
        ('a*{9999999999}', 'a'),
        Err('error parsing regexp: invalid repeat count: `{9999999999}`'),
    ),
    (
        'mustRegexFind',
        ('a**{9999999999}', 'a'),
        Err('error parsing regexp: invalid nested repetition operator: `**`'),
    ),
    (
        'mustRegexFind',
        ('a{9999999999}\\C', 'a'),
        Err('error parsing regexp: invalid repeat count: `{9999999999}`'),
    ),
    ('mustRegexFind', ('a{09999999999}', 'a{09999999999}'), 'a{09999999999}'),
    ('mustRegexFind', ('[{9999999999}]+', '{9}'), '{9}'),
    (
        'mustRegexFind',
        ('b+? ?{1001}{2}', 'b'),
        Err('error parsing regexp: invalid repeat count: `{1001}`'),
    ),
    (
        'mustRegexFind',
        ('x{0,2}{1001}', 'x'),
        Err('error parsing regexp: invalid repeat count: `{1001}`'),
    ),
    (
        'mustRegexFind',
        ('x*{2,1}?', 'x'),
        Err('error parsing regexp: invalid repeat count: `{2,1}`'),
    ),
    ('mustRegexFind', ('{1001}', 'a'), Err('error parsing regexp: invalid repeat count: `{1001}`')),
    # --- Go steps by characters: no match, empty or not, starts inside one
    ('regexFindAll', ('\\B', 'aé', -1), ['']),
    ('regexFindAll', ('\\B', 'aéb', -1), []),
    ('regexReplaceAll', ('\\B', 'aéé', '-'), 'aé-é-'),
    ('regexSplit', ('\\B', 'xéé', -1), ['xé', 'é']),
    ('regexFindAll', ('', 'h€llo😀', -1), ['', '', '', '', '', '', '']),
    ('regexReplaceAll', ('', 'h€😀', '-'), '-h-€-😀-'),
    ('regexReplaceAll', ('x*', 'héxxl😀', '-'), '-h-é-l-😀-'),
    ('regexSplit', ('', 'héllo', -1), ['h', 'é', 'l', 'l', 'o']),
    ('regexReplaceAll', ('é*', 'éxé', '-'), '-x-'),
    ('regexFindAll', ('(?m)^', 'a\né\n', -1), ['', '', '']),
    ('regexFindAll', ('\\b', 'ab é', -1), ['', '']),
    # --- Regexp.Expand
    ('regexReplaceAll', ('(?P<n>a)|(?P<n>b)', 'ab', '[$n]'), '[a][b]'),
    ('regexReplaceAll', ('(a)', 'a', '[$100000000]'), '[]'),
    ('regexReplaceAll', ('(?P<100000000>a)', 'a', '[$100000000]'), '[]'),
    ('regexReplaceAll', ('(?P<1000000000>a)', 'a', '[$1000000000]'), '[a]'),
    ('regexReplaceAll', ('(?P<01>a)', 'a', '[$01]'), '[a]'),
    ('regexReplaceAll', ('(é)(x)?', 'éé', '[$1$2${1}é$1é]'), '[ééé][ééé]'),
    ('regexReplaceAll', ('(a)', 'a', '[${1][$][${}]'), '[${1][$][${}]'),
]


def outcome(name: str, args: tuple[Any, ...]) -> Any:
    try:
        got = REGISTRY[name].impl(*args)
    except GoExecError as e:
        return Err(str(e))
    return list(got) if isinstance(got, tuple) else got


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_matches_go(name: str, args: tuple[Any, ...], expected: Any) -> None:
    got = outcome(name, args)
    if isinstance(expected, Err):
        assert isinstance(got, Err), f"{name}{args!r}: expected error {expected}, got {got!r}"
        assert got.message == expected.message
    else:
        assert not isinstance(got, Err), f"{name}{args!r} failed: {got}"
        assert got == expected, f"{name}{args!r}: {got!r} != Go's {expected!r}"


_LONG = "a" * 100_000
_HOSTILE: list[tuple[str, tuple[Any, ...]]] = [
    ("regexMatch", ("(a*)*b", _LONG)),
    ("mustRegexMatch", ("(a|a)*b", _LONG)),
    ("regexFind", ("(a+a+)+b", _LONG)),
    ("regexFindAll", ("(a|aa)+c", _LONG, -1)),
    ("regexReplaceAll", ("(a*)*b", _LONG, "x")),
    ("regexReplaceAllLiteral", ("^(a+)+$", _LONG + "!", "x")),
    ("regexSplit", ("(x+x+)+y", "x" * 100_000, -1)),
    ("regexFindAll", ("(\\w+\\s?)*$", "word " * 20_000 + "!", -1)),
    ("regexFind", ("(?:a?){40}a{40}", "a" * 40)),
]


@pytest.mark.parametrize(("name", "args"), _HOSTILE, ids=[c[1][0] for c in _HOSTILE])
def test_catastrophic_backtracking_is_linear(name: str, args: tuple[Any, ...]) -> None:
    start = time.perf_counter()
    REGISTRY[name].impl(*args)
    assert time.perf_counter() - start < 0.5, f"{name}{args[:1]!r} took too long"


def test_many_matches_over_a_long_text_stay_linear() -> None:
    text = "é" * 20_000
    start = time.perf_counter()
    assert len(REGISTRY["regexFindAll"].impl("", text, -1)) == 20_001
    assert REGISTRY["regexReplaceAll"].impl("x*", text, "-") == "-" + "é-" * 20_000
    assert time.perf_counter() - start < 2.0


def test_go_accepts_more_than_the_re2_memory_budget() -> None:
    """A known deviation: RE2's program for a big Unicode class repeated hundreds of times
    outgrows its 8 MiB budget, and compiling it would cost seconds and hundreds of MB; Go
    accepts it (``""`` here), blaster refuses it with Go's own too-large message."""
    assert outcome("mustRegexFind", ("\\pL{100}", "a")) == ""
    got = outcome("mustRegexFind", ("\\p{L}{1000}", "a"))
    assert isinstance(got, Err)
    assert got.message == "error parsing regexp: regexp/syntax: internal error: `\\p{L}{1000}`"


def test_group_names_follow_go() -> None:
    r = compile_go("(a)(?P<x>b)(?:c)\\((?P<x>d)[(]\\Q(\\E")
    assert r.names == ("", "", "x", "x")
