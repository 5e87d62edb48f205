"""Sprig's ``camelcase``, ``snakecase``, ``kebabcase`` and ``shuffle``: ports of
huandu/xstrings' ``ToCamelCase``, ``ToSnakeCase``, ``ToKebabCase`` and ``Shuffle``.

xstrings splits a string into words (runs of upper case, letters, numbers, punctuation,
connectors ``-``/``_``/spaces...) and joins them again; the port keeps its exact, sometimes
surprising, choices (``"HTTPServer"`` → ``http_server``, ``"_"`` → ``__`` in camel case).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from enum import IntEnum
from typing import Final

from blaster.gotemplate.sprig_text import (
    go_func,
    is_number,
    is_punct,
    is_space,
    is_upper,
    to_lower,
    to_upper,
)
from blaster.gotemplate.sprig_text import is_letter as _is_letter

_RUNE_ERROR: Final = "\ufffd"


class _Word(IntEnum):
    INVALID = 0
    NUMBER = 1
    UPPER = 2
    ALPHABET = 3
    CONNECTOR = 4
    PUNCT = 5
    OTHER = 6


def _is_connector(c: str) -> bool:
    return c in "-_" or is_space(c)


def _is_alphabet(c: str) -> bool:
    """A letter that is not a CJK ideograph."""
    if not _is_letter(c):
        return False
    o = ord(c)
    return not (0x4E00 <= o <= 0x9FCC or 0x3400 <= o <= 0x4D85 or 0x20000 <= o <= 0x2B81D)


def _next_valid(s: str, i: int, prev: str) -> tuple[str, int]:
    """xstrings ``nextValidRune``: the next rune from ``i`` that is not U+FFFD (``prev`` if
    none) and how many runes were consumed to reach past it."""
    j = i
    while j < len(s):
        c = s[j]
        j += 1
        if c != _RUNE_ERROR:
            return c, j - i
    return prev, j - i


def _scan_while(s: str, i: int, r: str, keep: Callable[[str], bool]) -> int:
    """Extend a word from ``i`` while the next valid rune satisfies ``keep``."""
    while i < len(s):
        r, size = _next_valid(s, i, r)
        if not keep(r):
            break
        i += size
    return i


def _alphabet_not_upper(c: str) -> bool:
    return _is_alphabet(c) and not is_upper(c)


def _other_continues(c: str) -> bool:
    return not (_is_connector(c) or _is_alphabet(c) or is_number(c) or is_punct(c))


def _upper_word_end(s: str, i: int, r: str) -> int:
    """The end of a word starting with the upper-case rune before ``i``: a run of upper
    case (leaving the last one to the next word when a letter follows: "HTTPServer"), or
    one upper-case letter and its lower-case followers."""
    if i >= len(s):
        return i
    r, size = _next_valid(s, i, r)
    if is_upper(r):
        prev_size = size
        i += size
        while i < len(s):
            r, size = _next_valid(s, i, r)
            if not is_upper(r):
                break
            prev_size = size
            i += size
        if i < len(s) and _is_alphabet(r):
            i -= prev_size
        return i
    if _is_alphabet(r):
        return _scan_while(s, i + size, r, _alphabet_not_upper)
    return i


def _next_word(s: str, start: int) -> tuple[_Word, int]:
    """xstrings ``nextWord``: the type of the word starting at ``start`` and its end."""
    if start >= len(s):
        return _Word.INVALID, start
    r, size = _next_valid(s, start, _RUNE_ERROR)
    i = start + size
    if r == _RUNE_ERROR:
        return _Word.INVALID, i
    if _is_connector(r):
        return _Word.CONNECTOR, _scan_while(s, i, r, _is_connector)
    if is_punct(r):
        return _Word.PUNCT, _scan_while(s, i, r, is_punct)
    if is_upper(r):
        return _Word.UPPER, _upper_word_end(s, i, r)
    if _is_alphabet(r):
        return _Word.ALPHABET, _scan_while(s, i, r, _alphabet_not_upper)
    if is_number(r):
        return _Word.NUMBER, _scan_while(s, i, r, is_number)
    return _Word.OTHER, _scan_while(s, i, r, _other_continues)


def _lowered(wt: _Word, word: str, connector: str) -> str:
    """xstrings ``toLower``: upper-case and connector words lowered, connectors replaced."""
    if wt not in (_Word.UPPER, _Word.CONNECTOR):
        return word
    return "".join(
        connector if _is_connector(c) else to_lower(c) if is_upper(c) else c for c in word
    )


class _Splitter:
    """The word cursor of ``camelCaseToLowerCase``."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.pos = 0
        self.wt = _Word.INVALID
        self.word = ""

    def advance(self) -> _Word:
        self.wt, end = _next_word(self.s, self.pos)
        self.word = self.s[self.pos : end]
        self.pos = end
        return self.wt

    @property
    def more(self) -> bool:
        return self.pos < len(self.s)


def _after_number(w: _Splitter, out: list[str], connector: str) -> None:
    while w.wt in (_Word.ALPHABET, _Word.NUMBER):
        out.append(_lowered(w.wt, w.word, connector))
        w.advance()
    if w.wt not in (_Word.INVALID, _Word.PUNCT, _Word.CONNECTOR):
        out.append(connector)


def _after_word(w: _Splitter, out: list[str], connector: str) -> None:
    if w.wt != _Word.NUMBER:
        if w.wt not in (_Word.CONNECTOR, _Word.PUNCT):
            out.append(connector)
        return
    if not w.more:
        return
    number = w.word
    if w.advance() != _Word.ALPHABET:
        out.append(_lowered(_Word.NUMBER, number, connector))
        if w.wt not in (_Word.CONNECTOR, _Word.PUNCT):
            out.append(connector)
        return
    out += [connector, _lowered(_Word.NUMBER, number, connector)]
    _after_number(w, out, connector)


def camel_case_to_lower_case(s: str, connector: str) -> str:
    if not s:
        return ""
    out: list[str] = []
    w = _Splitter(s)
    w.advance()
    while w.more:
        if w.wt != _Word.CONNECTOR:
            out.append(_lowered(w.wt, w.word, connector))
        prev, last = w.wt, w.word
        w.advance()
        if prev == _Word.NUMBER:
            _after_number(w, out, connector)
        elif prev == _Word.CONNECTOR:
            out.append(_lowered(prev, last, connector))
        elif prev != _Word.PUNCT:
            _after_word(w, out, connector)
    out.append(_lowered(w.wt, w.word, connector))
    return "".join(out)


@go_func("snakecase", ("string",))
def snakecase(s: str) -> str:
    return camel_case_to_lower_case(s, "_")


@go_func("kebabcase", ("string",))
def kebabcase(s: str) -> str:
    return camel_case_to_lower_case(s, "-")


@go_func("camelcase", ("string",))
def camelcase(s: str) -> str:
    """xstrings ``ToCamelCase``: connectors dropped, the rune after one upper-cased, the
    others lowered; leading connectors kept."""
    if not s:
        return ""
    out: list[str] = []
    i = 0
    r0 = ""
    while i < len(s):
        r0 = s[i]
        i += 1
        if not _is_connector(r0):
            r0 = to_upper(r0)
            break
        out.append(r0)
    if i >= len(s):
        return "".join(out) + r0
    for c in s[i:]:
        r1, r0 = r0, c
        if _is_connector(r0) and _is_connector(r1):
            out.append(r1)
        elif _is_connector(r1):
            r0 = to_upper(r0)
        else:
            r0 = to_lower(r0)
            out.append(r1)
    out.append(r0)
    return "".join(out)


@go_func("shuffle", ("string",))
def shuffle(s: str) -> str:
    """xstrings ``Shuffle``: the runes in a random order."""
    runes = list(s)
    for i in range(len(runes) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        runes[i], runes[j] = runes[j], runes[i]
    return "".join(runes)
