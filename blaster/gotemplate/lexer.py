"""The lexer of Go's ``text/template`` grammar, and the values of its literal tokens.

This module owns turning template source into :class:`Token`\\ s exactly as Go's
``text/template/parse`` lexer does (delimiters ``{{ }}``, trim markers, comments, the tokens
inside actions, and the lexer's error messages), and decoding literal tokens as Go does:
string and character constants (``strconv.Unquote``) and numbers (``strconv.ParseInt``,
``ParseUint``, ``ParseFloat`` and ``fmt.Sscan`` for complex constants). It also formats
values as Go's ``%q`` and ``%#U`` verbs do, for error messages in Go's words.

Offsets are counted in characters of the Python string; the parser turns them into
line/column positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum, auto
from typing import Protocol

LEFT_DELIM = "{{"
RIGHT_DELIM = "}}"
LEFT_COMMENT = "/*"
RIGHT_COMMENT = "*/"
#: the characters Go's lexer takes for spaces (and trims at trim markers)
SPACE_CHARS = " \t\r\n"
_TRIM_MARKER = "-"
_TERMINATORS = frozenset(".,|:)(")
_DECIMAL = "0123456789_"
_HEX = "0123456789abcdefABCDEF_"
_OCTAL = "01234567_"
_BINARY = "01_"
_ASCII_DIGITS = "0123456789"


class Kind(Enum):
    """What a token is (Go's ``itemType``)."""

    ERROR = auto()
    BOOL = auto()
    CHAR = auto()
    CHAR_CONSTANT = auto()
    COMPLEX = auto()
    ASSIGN = auto()
    DECLARE = auto()
    EOF = auto()
    FIELD = auto()
    IDENTIFIER = auto()
    LEFT_DELIM = auto()
    LEFT_PAREN = auto()
    NUMBER = auto()
    PIPE = auto()
    RAW_STRING = auto()
    RIGHT_DELIM = auto()
    RIGHT_PAREN = auto()
    SPACE = auto()
    STRING = auto()
    TEXT = auto()
    VARIABLE = auto()
    # keywords
    BLOCK = auto()
    BREAK = auto()
    CONTINUE = auto()
    DOT = auto()
    DEFINE = auto()
    ELSE = auto()
    END = auto()
    IF = auto()
    NIL = auto()
    RANGE = auto()
    TEMPLATE = auto()
    WITH = auto()


KEYWORDS: dict[str, Kind] = {
    ".": Kind.DOT,
    "block": Kind.BLOCK,
    "break": Kind.BREAK,
    "continue": Kind.CONTINUE,
    "define": Kind.DEFINE,
    "else": Kind.ELSE,
    "end": Kind.END,
    "if": Kind.IF,
    "nil": Kind.NIL,
    "range": Kind.RANGE,
    "template": Kind.TEMPLATE,
    "with": Kind.WITH,
}
_KEYWORD_KINDS = frozenset(KEYWORDS.values())


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    value: str  #: the source text of the token (the message for an error token)
    offset: int  #: where it starts in the source, in characters

    def describe(self) -> str:
        """The token as Go's parser names it in ``unexpected ...`` errors."""
        if self.kind is Kind.EOF:
            return "EOF"
        if self.kind is Kind.ERROR:
            return self.value
        if self.kind in _KEYWORD_KINDS:
            return f"<{self.value}>"
        if len(self.value.encode("utf-8", "surrogatepass")) > 10:
            return go_quote(self.value[:10]) + "..."
        return go_quote(self.value)


# --- Go's formatting of strings and runes ----------------------------------------------------

_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def _quote_rune(ch: str) -> str:
    code = ord(ch)
    if ch in ('"', "\\"):
        return "\\" + ch
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if ch.isprintable():
        return ch
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch]
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:
        code = 0xFFFD
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def go_quote(text: str) -> str:
    """``text`` as Go's ``%q`` (``strconv.Quote``) prints it."""
    return '"' + "".join(_quote_rune(ch) for ch in text) + '"'


def go_rune(ch: str) -> str:
    """``ch`` as Go's ``%#U`` prints it: ``U+0041 'A'``."""
    code = f"U+{ord(ch):04X}"
    return f"{code} '{ch}'" if ch.isprintable() else code


# --- the lexer ---------------------------------------------------------------------------------


def is_space(ch: str) -> bool:
    return ch != "" and ch in SPACE_CHARS


def is_alphanumeric(ch: str) -> bool:
    return ch == "_" or ch.isalpha() or ch.isdecimal()


class _State(Protocol):
    """A state of the lexer (Go's ``stateFn``): it reads and emits through the lexer and
    returns the next state, or None where lexing stops."""

    def __call__(self, lx: _Lexer, /) -> _State | None: ...


class _Lexer:
    """The state of one lexing (Go's ``lexer``): the source, the position of the next
    character, the start of the pending token, the depth of parentheses in the action, and
    the tokens so far; with the primitives that read the source and emit tokens. The states
    are the ``_lex_*`` functions below, as Go's are functions of the lexer."""

    def __init__(self, source: str, *, break_ok: bool, continue_ok: bool) -> None:
        self.src = source
        self.pos = 0
        self.start = 0
        self.paren_depth = 0
        self.break_ok = break_ok
        self.continue_ok = continue_ok
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        state: _State | None = _lex_text
        while state is not None:
            state = state(self)
        return self.tokens

    # helpers

    def char(self, offset: int = 0) -> str:
        """The character ``offset`` past the current position, or "" past the end."""
        index = self.pos + offset
        return self.src[index] if 0 <= index < len(self.src) else ""

    def accept(self, valid: str) -> bool:
        ch = self.char()
        if ch and ch in valid:
            self.pos += 1
            return True
        return False

    def accept_run(self, valid: str) -> None:
        while self.accept(valid):
            pass

    def emit(self, kind: Kind) -> None:
        self.tokens.append(Token(kind, self.src[self.start : self.pos], self.start))
        self.start = self.pos

    def skip(self) -> None:
        """Drop the pending input."""
        self.start = self.pos

    def error(self, message: str) -> None:
        self.tokens.append(Token(Kind.ERROR, message, self.start))

    def has_left_trim_marker(self, at: int) -> bool:
        return self.src[at : at + 1] == _TRIM_MARKER and is_space(self.src[at + 1 : at + 2])

    def has_right_trim_marker(self, at: int) -> bool:
        return is_space(self.src[at : at + 1]) and self.src[at + 1 : at + 2] == _TRIM_MARKER

    def at_right_delim(self) -> tuple[bool, bool]:
        """Whether a right delimiter is here, and whether it has a trim marker."""
        if self.has_right_trim_marker(self.pos) and self.src.startswith(RIGHT_DELIM, self.pos + 2):
            return True, True
        return self.src.startswith(RIGHT_DELIM, self.pos), False

    def skip_leading_space(self) -> None:
        while is_space(self.char()):
            self.pos += 1
        self.skip()

    def at_terminator(self) -> bool:
        ch = self.char()
        if ch == "" or is_space(ch) or ch in _TERMINATORS:
            return True
        return self.src.startswith(RIGHT_DELIM, self.pos)


# --- states outside actions: text, comments and delimiters ----------------------------------


def _lex_text(lx: _Lexer) -> _State | None:
    delim = lx.src.find(LEFT_DELIM, lx.pos)
    if delim < 0:
        lx.pos = len(lx.src)
        if lx.pos > lx.start:
            lx.emit(Kind.TEXT)
        lx.emit(Kind.EOF)
        return None
    text_end = delim
    if lx.has_left_trim_marker(delim + len(LEFT_DELIM)):
        text_end = lx.start + len(lx.src[lx.start : delim].rstrip(SPACE_CHARS))
    if text_end > lx.start:
        lx.pos = text_end
        lx.emit(Kind.TEXT)
    lx.pos = delim
    lx.skip()
    return _lex_left_delim


def _lex_left_delim(lx: _Lexer) -> _State | None:
    lx.pos += len(LEFT_DELIM)
    after_marker = 2 if lx.has_left_trim_marker(lx.pos) else 0
    if lx.src.startswith(LEFT_COMMENT, lx.pos + after_marker):
        lx.pos += after_marker
        lx.skip()
        return _lex_comment
    lx.emit(Kind.LEFT_DELIM)
    lx.pos += after_marker
    lx.skip()
    lx.paren_depth = 0
    return _lex_inside_action


def _lex_comment(lx: _Lexer) -> _State | None:
    lx.pos += len(LEFT_COMMENT)
    close = lx.src.find(RIGHT_COMMENT, lx.pos)
    if close < 0:
        lx.error("unclosed comment")
        return None
    lx.pos = close + len(RIGHT_COMMENT)
    delim, trim = lx.at_right_delim()
    if not delim:
        lx.error("comment ends before closing delimiter")
        return None
    lx.pos += (2 if trim else 0) + len(RIGHT_DELIM)
    if trim:
        lx.skip_leading_space()
    lx.skip()
    return _lex_text


def _lex_right_delim(lx: _Lexer) -> _State | None:
    trim = lx.has_right_trim_marker(lx.pos)
    if trim:
        lx.pos += 2
        lx.skip()
    lx.pos += len(RIGHT_DELIM)
    lx.emit(Kind.RIGHT_DELIM)
    if trim:
        lx.skip_leading_space()
    return _lex_text


# --- states inside actions ---------------------------------------------------------------------


def _lex_inside_action(lx: _Lexer) -> _State | None:
    delim, _ = lx.at_right_delim()
    if delim:
        if lx.paren_depth == 0:
            return _lex_right_delim
        lx.error("unclosed left paren")
        return None
    ch = lx.char()
    if ch == "":
        lx.error("unclosed action")
        return None
    if is_space(ch):
        return _lex_space
    lx.pos += 1
    handler = _SINGLE.get(ch)
    if handler is not None:
        return handler(lx)
    return _lex_other(lx, ch)


def _lex_other(lx: _Lexer, ch: str) -> _State | None:
    if ch == "." and lx.char() != "" and lx.char() not in _ASCII_DIGITS:
        return _lex_field
    if ch in "+-." or ch in _ASCII_DIGITS:
        lx.pos -= 1
        return _lex_number
    if is_alphanumeric(ch):
        lx.pos -= 1
        return _lex_identifier
    if ch.isascii() and ch.isprintable():
        lx.emit(Kind.CHAR)
        return _lex_inside_action
    lx.error(f"unrecognized character in action: {go_rune(ch)}")
    return None


def _lex_assign(lx: _Lexer) -> _State | None:
    lx.emit(Kind.ASSIGN)
    return _lex_inside_action


def _lex_declare(lx: _Lexer) -> _State | None:
    if lx.char() != "=":
        lx.error("expected :=")
        return None
    lx.pos += 1
    lx.emit(Kind.DECLARE)
    return _lex_inside_action


def _lex_pipe(lx: _Lexer) -> _State | None:
    lx.emit(Kind.PIPE)
    return _lex_inside_action


def _lex_left_paren(lx: _Lexer) -> _State | None:
    lx.emit(Kind.LEFT_PAREN)
    lx.paren_depth += 1
    return _lex_inside_action


def _lex_right_paren(lx: _Lexer) -> _State | None:
    lx.emit(Kind.RIGHT_PAREN)
    lx.paren_depth -= 1
    if lx.paren_depth < 0:
        lx.error(f"unexpected right paren {go_rune(')')}")
        return None
    return _lex_inside_action


def _lex_space(lx: _Lexer) -> _State | None:
    end = lx.pos
    while is_space(lx.src[end : end + 1]):
        end += 1
    if lx.has_right_trim_marker(end - 1) and lx.src.startswith(RIGHT_DELIM, end + 1):
        end -= 1  # the last space belongs to the trim-marked delimiter (never the first:
        # _lex_inside_action takes " -}}" before it gets here)
    lx.pos = end
    lx.emit(Kind.SPACE)
    return _lex_inside_action


def _scan_alphanumeric(lx: _Lexer) -> None:
    while is_alphanumeric(lx.char()):
        lx.pos += 1


def _lex_identifier(lx: _Lexer) -> _State | None:
    _scan_alphanumeric(lx)
    if not lx.at_terminator():
        lx.error(f"bad character {go_rune(lx.char())}")
        return None
    word = lx.src[lx.start : lx.pos]
    lx.emit(_identifier_kind(lx, word))
    return _lex_inside_action


def _identifier_kind(lx: _Lexer, word: str) -> Kind:
    kind = KEYWORDS.get(word)
    if kind is Kind.BREAK and not lx.break_ok:
        return Kind.IDENTIFIER
    if kind is Kind.CONTINUE and not lx.continue_ok:
        return Kind.IDENTIFIER
    if kind is not None and kind is not Kind.DOT:
        return kind
    if word in ("true", "false"):
        return Kind.BOOL
    return Kind.IDENTIFIER


def _lex_field(lx: _Lexer) -> _State | None:
    return _lex_field_or_variable(lx, Kind.FIELD)


def _lex_variable(lx: _Lexer) -> _State | None:
    if lx.at_terminator():
        lx.emit(Kind.VARIABLE)
        return _lex_inside_action
    return _lex_field_or_variable(lx, Kind.VARIABLE)


def _lex_field_or_variable(lx: _Lexer, kind: Kind) -> _State | None:
    if lx.at_terminator():
        lx.emit(Kind.VARIABLE if kind is Kind.VARIABLE else Kind.DOT)
        return _lex_inside_action
    _scan_alphanumeric(lx)
    if not lx.at_terminator():
        lx.error(f"bad character {go_rune(lx.char())}")
        return None
    lx.emit(kind)
    return _lex_inside_action


def _scan_quoted(lx: _Lexer, quote: str) -> bool:
    """Scan up to the closing ``quote``; False if the line or input ends first."""
    while True:
        ch = lx.char()
        lx.pos += 1
        if ch == "\\":
            ch = lx.char()
            lx.pos += 1
            if ch not in ("", "\n"):
                continue
        if ch in ("", "\n"):
            return False
        if ch == quote:
            return True


def _lex_char(lx: _Lexer) -> _State | None:
    if not _scan_quoted(lx, "'"):
        lx.error("unterminated character constant")
        return None
    lx.emit(Kind.CHAR_CONSTANT)
    return _lex_inside_action


def _lex_quote(lx: _Lexer) -> _State | None:
    if not _scan_quoted(lx, '"'):
        lx.error("unterminated quoted string")
        return None
    lx.emit(Kind.STRING)
    return _lex_inside_action


def _lex_raw_quote(lx: _Lexer) -> _State | None:
    close = lx.src.find("`", lx.pos)
    if close < 0:
        lx.error("unterminated raw quoted string")
        return None
    lx.pos = close + 1
    lx.emit(Kind.RAW_STRING)
    return _lex_inside_action


def _lex_number(lx: _Lexer) -> _State | None:
    if not _scan_number(lx):
        lx.error(f"bad number syntax: {go_quote(lx.src[lx.start : lx.pos])}")
        return None
    if lx.char() in ("+", "-"):
        if not _scan_number(lx) or lx.src[lx.pos - 1] != "i":
            lx.error(f"bad number syntax: {go_quote(lx.src[lx.start : lx.pos])}")
            return None
        lx.emit(Kind.COMPLEX)
    else:
        lx.emit(Kind.NUMBER)
    return _lex_inside_action


def _scan_number(lx: _Lexer) -> bool:
    lx.accept("+-")
    digits = _DECIMAL
    if lx.accept("0"):
        if lx.accept("xX"):
            digits = _HEX
        elif lx.accept("oO"):
            digits = _OCTAL
        elif lx.accept("bB"):
            digits = _BINARY
    lx.accept_run(digits)
    if lx.accept("."):
        lx.accept_run(digits)
    if (digits is _DECIMAL and lx.accept("eE")) or (digits is _HEX and lx.accept("pP")):
        lx.accept("+-")
        lx.accept_run(_DECIMAL)
    lx.accept("i")
    if is_alphanumeric(lx.char()):
        lx.pos += 1
        return False
    return True


#: the states of the characters that are a token or start one by themselves
_SINGLE: dict[str, _State] = {
    "=": _lex_assign,
    ":": _lex_declare,
    "|": _lex_pipe,
    '"': _lex_quote,
    "`": _lex_raw_quote,
    "$": _lex_variable,
    "'": _lex_char,
    "(": _lex_left_paren,
    ")": _lex_right_paren,
}


def lex(source: str, *, break_ok: bool = True, continue_ok: bool = True) -> list[Token]:
    """The tokens of ``source``, ending with an EOF token or with an ERROR token (whose
    value is Go's message) where Go's lexer stops. ``break_ok``/``continue_ok``: whether
    ``break``/``continue`` are keywords (they are identifiers when functions of those
    names exist)."""
    return _Lexer(source, break_ok=break_ok, continue_ok=continue_ok).run()


# --- literal values ----------------------------------------------------------------------------


class LiteralError(Exception):
    """A literal token Go refuses (the message is Go's)."""


_SYNTAX = "invalid syntax"
_CHAR_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_HEX_ESCAPE_LENGTHS = {"x": 2, "u": 4, "U": 8}


def _unquote_escape(text: str, at: int, quote: str) -> tuple[int, bool, int]:
    """Decode the escape whose backslash is at ``text[at]``: (value, is_rune, next index);
    ``is_rune`` false means ``value`` is a byte (``\\x`` and octal escapes)."""
    if at + 1 >= len(text):
        raise LiteralError(_SYNTAX)
    ch = text[at + 1]
    if ch in _CHAR_ESCAPES:
        return _CHAR_ESCAPES[ch], True, at + 2
    if ch in ("'", '"'):
        if ch != quote:
            raise LiteralError(_SYNTAX)
        return ord(ch), True, at + 2
    if ch in _HEX_ESCAPE_LENGTHS:
        return _hex_escape(text, at + 2, ch)
    if "0" <= ch <= "7":
        digits = text[at + 1 : at + 4]
        if len(digits) < 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
            raise LiteralError(_SYNTAX)
        return int(digits, 8), False, at + 4
    raise LiteralError(_SYNTAX)


def _hex_escape(text: str, at: int, letter: str) -> tuple[int, bool, int]:
    length = _HEX_ESCAPE_LENGTHS[letter]
    digits = text[at : at + length]
    if len(digits) < length or any(d not in "0123456789abcdefABCDEF" for d in digits):
        raise LiteralError(_SYNTAX)
    value = int(digits, 16)
    if letter == "x":
        return value, False, at + length
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise LiteralError(_SYNTAX)
    return value, True, at + length


def _unquote_char(text: str, at: int, quote: str) -> tuple[int, bool, int]:
    """One character of a quoted literal (Go's ``strconv.UnquoteChar``)."""
    ch = text[at]
    if ch == quote:
        raise LiteralError(_SYNTAX)
    if ch != "\\":
        return ord(ch), True, at + 1
    return _unquote_escape(text, at, quote)


def _char_bytes(ch: str) -> bytes:
    try:
        return ch.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return ch.encode("utf-8", "surrogatepass")


def unquote_string(quoted: str) -> str:
    """The value of a string token, ``"..."`` or raw ``\\`...\\```, as Go's
    ``strconv.Unquote`` computes it. Bytes that are not UTF-8 (from ``\\x`` or octal
    escapes) are kept as surrogate escapes."""
    if quoted.startswith("`"):
        return quoted[1:-1].replace("\r", "")
    out = bytearray()
    at = 1
    while at < len(quoted) - 1:
        value, is_rune, at = _unquote_char(quoted, at, '"')
        if is_rune:
            out += _char_bytes(chr(value))
        else:
            out.append(value)
    return out.decode("utf-8", "surrogateescape")


def char_value(text: str) -> int:
    """The rune value of a character constant token such as ``'a'`` or ``'\\n'``."""
    if len(text) < 2:
        raise LiteralError(_SYNTAX)
    value, _, end = _unquote_char(text, 1, "'")
    if text[end:] != "'":
        raise LiteralError(f"malformed character constant: {text}")
    return value


def _underscores_ok(text: str) -> bool:
    """Go's rule: underscores only between digits, or between a base prefix and a digit."""
    body = text[1:] if text[:1] in ("+", "-") else text
    hexadecimal = False
    last = "^"  # ^ start, 0 digit or prefix, _ underscore, ! anything else
    if len(body) >= 2 and body[0] == "0" and body[1] in "bBoOxX":
        body, last, hexadecimal = body[2:], "0", body[1] in "xX"
    for ch in body:
        if ch in _ASCII_DIGITS or (hexadecimal and ch in "abcdefABCDEF"):
            last = "0"
        elif ch == "_":
            if last != "0":
                return False
            last = "_"
        elif last == "_":
            return False
        else:
            last = "!"
    return last != "_"


def _digit_value(ch: str) -> int:
    if ch in _ASCII_DIGITS:
        return ord(ch) - 48
    if ch.isascii() and "a" <= ch.lower() <= "z":
        return ord(ch.lower()) - 87
    return 99


def parse_uint(text: str) -> int | None:
    """Go's ``strconv.ParseUint(text, 0, 64)``: None when it fails."""
    if not text:
        return None
    base, digits = 10, text
    if text[0] == "0":
        prefix = text[1:2].lower()
        if len(text) >= 3 and prefix in ("b", "o", "x"):
            base, digits = {"b": 2, "o": 8, "x": 16}[prefix], text[2:]
        else:
            base, digits = 8, text[1:]
    value = 0
    for ch in digits:
        if ch == "_":
            continue
        digit = _digit_value(ch)
        if digit >= base:
            return None
        value = value * base + digit
    if "_" in text and not _underscores_ok(text):
        return None
    return value if value < 1 << 64 else None


def parse_int(text: str) -> int | None:
    """Go's ``strconv.ParseInt(text, 0, 64)``: None when it fails."""
    negative = text[:1] == "-"
    magnitude = parse_uint(text[1:] if text[:1] in ("+", "-") else text)
    if magnitude is None:
        return None
    value = -magnitude if negative else magnitude
    return value if -(1 << 63) <= value < 1 << 63 else None


def _scan_mantissa(text: str, at: int, digits: str) -> tuple[int, bool]:
    """Skip the digits, underscores and one dot of a float: (end, saw a digit)."""
    saw_dot = saw_digit = False
    while at < len(text):
        ch = text[at]
        if ch == "." and not saw_dot:
            saw_dot = True
        elif ch in digits:
            saw_digit = saw_digit or ch != "_"
        else:
            break
        at += 1
    return at, saw_digit


def _scan_exponent(text: str, at: int) -> int | None:
    """Skip an exponent's sign and digits after its letter; None if it has no digits."""
    if text[at : at + 1] in ("+", "-"):
        at += 1
    if text[at : at + 1] == "" or text[at] not in _ASCII_DIGITS:
        return None
    while at < len(text) and text[at] in _DECIMAL:
        at += 1
    return at


def _valid_float_syntax(text: str) -> bool:
    at = 1 if text[:1] in ("+", "-") else 0
    hexadecimal = text[at : at + 2] in ("0x", "0X") and at + 2 < len(text)
    if hexadecimal:
        at += 2
    at, saw_digit = _scan_mantissa(text, at, _HEX if hexadecimal else _DECIMAL)
    if not saw_digit:
        return False
    exponent_letters = "pP" if hexadecimal else "eE"
    if text[at : at + 1] != "" and text[at] in exponent_letters:
        end = _scan_exponent(text, at + 1)
        if end is None:
            return False
        at = end
    elif hexadecimal:
        return False
    return at == len(text) and ("_" not in text or _underscores_ok(text))


def parse_float(text: str) -> float:
    """Go's ``strconv.ParseFloat(text, 64)``; raises :class:`LiteralError` with the reason
    (``invalid syntax`` or ``value out of range``)."""
    if not _valid_float_syntax(text):
        raise LiteralError(_SYNTAX)
    clean = text.replace("_", "")
    try:
        value = float.fromhex(clean) if "x" in clean.lower() else float(clean)
    except OverflowError:
        value = math.inf
    if math.isinf(value):
        raise LiteralError("value out of range")
    return value


def _float_token(text: str, at: int) -> int:
    """Where the float token that ``fmt.Sscan`` reads from ``text[at:]`` ends."""

    def accept(valid: str) -> bool:
        nonlocal at
        if text[at : at + 1] != "" and text[at] in valid:
            at += 1
            return True
        return False

    accept("+-")
    if accept("iI") and accept("nN") and accept("fF"):
        return at
    digits, exponent = "0123456789_", "eEpP"
    if accept("0") and accept("xX"):
        digits, exponent = "0123456789aAbBcCdDeEfF_", "pP"
    while accept(digits):
        pass
    if accept("."):
        while accept(digits):
            pass
    if accept(exponent):
        accept("+-")
        while accept("0123456789_"):
            pass
    return at


def _sscan_float(token: str) -> float:
    try:
        return parse_float(token)
    except LiteralError as err:
        raise LiteralError(f"strconv.ParseFloat: parsing {go_quote(token)}: {err}") from None


def parse_complex(text: str) -> complex:
    """A complex constant such as ``1+2i`` as Go's ``fmt.Sscan`` reads it."""
    real_end = _float_token(text, 0)
    if text[real_end : real_end + 1] == "" or text[real_end] not in "+-":
        raise LiteralError("syntax error scanning complex number")
    imag_end = _float_token(text, real_end + 1)
    if text[imag_end : imag_end + 1] != "i":
        raise LiteralError("syntax error scanning complex number")
    real = _sscan_float(text[:real_end])
    return complex(real, _sscan_float(text[real_end:imag_end]))
