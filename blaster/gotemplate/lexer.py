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
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import ClassVar, Protocol

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
    def __call__(self) -> _State | None: ...


class _Lexer:
    def __init__(self, source: str, *, break_ok: bool, continue_ok: bool) -> None:
        self.src = source
        self.pos = 0
        self.start = 0
        self.paren_depth = 0
        self.break_ok = break_ok
        self.continue_ok = continue_ok
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        state: _State | None = self.lex_text
        while state is not None:
            state = state()
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

    # states outside actions

    def lex_text(self) -> _State | None:
        delim = self.src.find(LEFT_DELIM, self.pos)
        if delim < 0:
            self.pos = len(self.src)
            if self.pos > self.start:
                self.emit(Kind.TEXT)
            self.emit(Kind.EOF)
            return None
        text_end = delim
        if self.has_left_trim_marker(delim + len(LEFT_DELIM)):
            text_end = self.start + len(self.src[self.start : delim].rstrip(SPACE_CHARS))
        if text_end > self.start:
            self.pos = text_end
            self.emit(Kind.TEXT)
        self.pos = delim
        self.skip()
        return self.lex_left_delim

    def lex_left_delim(self) -> _State | None:
        self.pos += len(LEFT_DELIM)
        after_marker = 2 if self.has_left_trim_marker(self.pos) else 0
        if self.src.startswith(LEFT_COMMENT, self.pos + after_marker):
            self.pos += after_marker
            self.skip()
            return self.lex_comment
        self.emit(Kind.LEFT_DELIM)
        self.pos += after_marker
        self.skip()
        self.paren_depth = 0
        return self.lex_inside_action

    def lex_comment(self) -> _State | None:
        self.pos += len(LEFT_COMMENT)
        close = self.src.find(RIGHT_COMMENT, self.pos)
        if close < 0:
            self.error("unclosed comment")
            return None
        self.pos = close + len(RIGHT_COMMENT)
        delim, trim = self.at_right_delim()
        if not delim:
            self.error("comment ends before closing delimiter")
            return None
        self.pos += (2 if trim else 0) + len(RIGHT_DELIM)
        if trim:
            self.skip_leading_space()
        self.skip()
        return self.lex_text

    def lex_right_delim(self) -> _State | None:
        trim = self.has_right_trim_marker(self.pos)
        if trim:
            self.pos += 2
            self.skip()
        self.pos += len(RIGHT_DELIM)
        self.emit(Kind.RIGHT_DELIM)
        if trim:
            self.skip_leading_space()
        return self.lex_text

    # states inside actions

    def lex_inside_action(self) -> _State | None:
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim
            self.error("unclosed left paren")
            return None
        ch = self.char()
        if ch == "":
            self.error("unclosed action")
            return None
        if is_space(ch):
            return self.lex_space
        self.pos += 1
        handler = self._SINGLE.get(ch)
        if handler is not None:
            return handler(self)
        return self.lex_other(ch)

    def lex_other(self, ch: str) -> _State | None:
        if ch == "." and self.char() != "" and self.char() not in _ASCII_DIGITS:
            return self.lex_field
        if ch in "+-." or ch in _ASCII_DIGITS:
            self.pos -= 1
            return self.lex_number
        if is_alphanumeric(ch):
            self.pos -= 1
            return self.lex_identifier
        if ch.isascii() and ch.isprintable():
            self.emit(Kind.CHAR)
            return self.lex_inside_action
        self.error(f"unrecognized character in action: {go_rune(ch)}")
        return None

    def lex_assign(self) -> _State | None:
        self.emit(Kind.ASSIGN)
        return self.lex_inside_action

    def lex_declare(self) -> _State | None:
        if self.char() != "=":
            self.error("expected :=")
            return None
        self.pos += 1
        self.emit(Kind.DECLARE)
        return self.lex_inside_action

    def lex_pipe(self) -> _State | None:
        self.emit(Kind.PIPE)
        return self.lex_inside_action

    def lex_left_paren(self) -> _State | None:
        self.emit(Kind.LEFT_PAREN)
        self.paren_depth += 1
        return self.lex_inside_action

    def lex_right_paren(self) -> _State | None:
        self.emit(Kind.RIGHT_PAREN)
        self.paren_depth -= 1
        if self.paren_depth < 0:
            self.error(f"unexpected right paren {go_rune(')')}")
            return None
        return self.lex_inside_action

    def lex_space(self) -> _State | None:
        end = self.pos
        while is_space(self.src[end : end + 1]):
            end += 1
        if self.has_right_trim_marker(end - 1) and self.src.startswith(RIGHT_DELIM, end + 1):
            end -= 1  # the last space belongs to the trim-marked delimiter (never the first:
            # lex_inside_action takes " -}}" before it gets here)
        self.pos = end
        self.emit(Kind.SPACE)
        return self.lex_inside_action

    def scan_alphanumeric(self) -> None:
        while is_alphanumeric(self.char()):
            self.pos += 1

    def lex_identifier(self) -> _State | None:
        self.scan_alphanumeric()
        if not self.at_terminator():
            self.error(f"bad character {go_rune(self.char())}")
            return None
        word = self.src[self.start : self.pos]
        self.emit(self.identifier_kind(word))
        return self.lex_inside_action

    def identifier_kind(self, word: str) -> Kind:
        kind = KEYWORDS.get(word)
        if kind is Kind.BREAK and not self.break_ok:
            return Kind.IDENTIFIER
        if kind is Kind.CONTINUE and not self.continue_ok:
            return Kind.IDENTIFIER
        if kind is not None and kind is not Kind.DOT:
            return kind
        if word in ("true", "false"):
            return Kind.BOOL
        return Kind.IDENTIFIER

    def lex_field(self) -> _State | None:
        return self.lex_field_or_variable(Kind.FIELD)

    def lex_variable(self) -> _State | None:
        if self.at_terminator():
            self.emit(Kind.VARIABLE)
            return self.lex_inside_action
        return self.lex_field_or_variable(Kind.VARIABLE)

    def lex_field_or_variable(self, kind: Kind) -> _State | None:
        if self.at_terminator():
            self.emit(Kind.VARIABLE if kind is Kind.VARIABLE else Kind.DOT)
            return self.lex_inside_action
        self.scan_alphanumeric()
        if not self.at_terminator():
            self.error(f"bad character {go_rune(self.char())}")
            return None
        self.emit(kind)
        return self.lex_inside_action

    def scan_quoted(self, quote: str) -> bool:
        """Scan up to the closing ``quote``; False if the line or input ends first."""
        while True:
            ch = self.char()
            self.pos += 1
            if ch == "\\":
                ch = self.char()
                self.pos += 1
                if ch not in ("", "\n"):
                    continue
            if ch in ("", "\n"):
                return False
            if ch == quote:
                return True

    def lex_char(self) -> _State | None:
        if not self.scan_quoted("'"):
            self.error("unterminated character constant")
            return None
        self.emit(Kind.CHAR_CONSTANT)
        return self.lex_inside_action

    def lex_quote(self) -> _State | None:
        if not self.scan_quoted('"'):
            self.error("unterminated quoted string")
            return None
        self.emit(Kind.STRING)
        return self.lex_inside_action

    def lex_raw_quote(self) -> _State | None:
        close = self.src.find("`", self.pos)
        if close < 0:
            self.error("unterminated raw quoted string")
            return None
        self.pos = close + 1
        self.emit(Kind.RAW_STRING)
        return self.lex_inside_action

    def lex_number(self) -> _State | None:
        if not self.scan_number():
            self.error(f"bad number syntax: {go_quote(self.src[self.start : self.pos])}")
            return None
        if self.char() in ("+", "-"):
            if not self.scan_number() or self.src[self.pos - 1] != "i":
                self.error(f"bad number syntax: {go_quote(self.src[self.start : self.pos])}")
                return None
            self.emit(Kind.COMPLEX)
        else:
            self.emit(Kind.NUMBER)
        return self.lex_inside_action

    def scan_number(self) -> bool:
        self.accept("+-")
        digits = _DECIMAL
        if self.accept("0"):
            if self.accept("xX"):
                digits = _HEX
            elif self.accept("oO"):
                digits = _OCTAL
            elif self.accept("bB"):
                digits = _BINARY
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if (digits is _DECIMAL and self.accept("eE")) or (digits is _HEX and self.accept("pP")):
            self.accept("+-")
            self.accept_run(_DECIMAL)
        self.accept("i")
        if is_alphanumeric(self.char()):
            self.pos += 1
            return False
        return True

    _SINGLE: ClassVar[dict[str, Callable[[_Lexer], _State | None]]] = {
        "=": lex_assign,
        ":": lex_declare,
        "|": lex_pipe,
        '"': lex_quote,
        "`": lex_raw_quote,
        "$": lex_variable,
        "'": lex_char,
        "(": lex_left_paren,
        ")": lex_right_paren,
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
