"""Sprig's regex functions (``regex.go``) with Go's RE2 syntax and semantics.

A Go pattern is translated to an equivalent Python ``re`` pattern: ``\\d``/``\\w``/``\\s``/``\\b``
are ASCII as in Go, ``$`` without ``(?m)`` is the end of the text, ``(?i)`` applies to the
rest of its group, ``(?U)`` swaps greediness, POSIX classes and ``\\pN`` categories are
expanded. What RE2 refuses (backreferences, lookaround, possessive repeats...) fails with
Go's error message. The ``All`` iterations follow Go (an empty match right after a match is
skipped) and ``$1``/``${name}`` expand as Go's ``Regexp.Expand`` does.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError
from blaster.gotemplate.sprig_text import go_func

_S = "string"
_WORD: Final = "0-9A-Za-z_"
_PERL_CLASSES: Final = {
    "d": "0-9", "s": "\\t\\n\\f\\r ", "w": _WORD,
}
_POSIX_CLASSES: Final = {
    "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ",
    "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9", "graph": "!-~", "lower": "a-z",
    "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ",
    "upper": "A-Z", "word": _WORD, "xdigit": "0-9A-Fa-f",
}
_WORD_BOUNDARY: Final = f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"
_NOT_WORD_BOUNDARY: Final = f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))"
_SIMPLE_ESCAPES: Final = {"a": "\a", "f": "\f", "t": "\t", "n": "\n", "r": "\r", "v": "\v"}
_GO_SPECIAL: Final = frozenset("\\.+*?()|[]{}^$")
_CATEGORIES: Final = frozenset(
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N",
        "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
        "So", "Z", "Zl", "Zp", "Zs",
    }
)
_REPEAT: Final = re.compile(r"\{(\d+)(,(\d*))?\}")


class RegexError(GoExecError):
    """A pattern Go's ``regexp.Compile`` refuses: ``message`` is its ``err.Error()``."""


def _syntax_error(code: str, expr: str) -> RegexError:
    return RegexError(f"error parsing regexp: {code}: `{expr}`")


@functools.lru_cache(maxsize=64)
def _category_ranges(name: str) -> str:
    """A Python class body for a Unicode general category (one or two letters)."""
    out: list[str] = []
    start = -1
    for o in range(sys.maxunicode + 2):
        inside = o <= sys.maxunicode and unicodedata.category(chr(o)).startswith(name)
        if name == "C" and inside:
            inside = unicodedata.category(chr(o)) != "Cn"
        if inside and start < 0:
            start = o
        elif not inside and start >= 0:
            out.append(f"\\U{start:08x}-\\U{o - 1:08x}")
            start = -1
    return "".join(out)


@dataclass
class _Flags:
    fold: bool = False
    multiline: bool = False
    dotall: bool = False
    ungreedy: bool = False


@dataclass
class _Group:
    flags: _Flags  #: the flags outside the group, restored at its end
    parent: list[str]  #: the pieces before the group


@dataclass
class _Translation:
    pattern: str
    names: list[str] = field(default_factory=list)  #: group names by index ("" unnamed)


class _Translator:
    """One pass over a Go pattern, emitting Python pattern pieces."""

    def __init__(self, expr: str) -> None:
        self.expr = expr
        self.i = 0
        self.out: list[str] = []
        self.flags = _Flags()
        self.stack: list[_Group] = []
        self.names: list[str] = [""]
        self.last = "none"  #: "none" (nothing to repeat), "atom", or "repeat"
        self.repeat_start = 0

    # --- driver -------------------------------------------------------------------------------

    def translate(self) -> _Translation:
        while self.i < len(self.expr):
            self.step()
        if self.stack:
            raise _syntax_error("missing closing )", self.expr)
        return _Translation("".join(self.out), self.names)

    def step(self) -> None:
        c = self.expr[self.i]
        if c in "*+?{" and self.try_repeat(c):
            return
        if c == "(":
            self.open_group()
        elif c == ")":
            self.close_group()
        elif c == "|":
            self.i += 1
            self.out.append("|")
            self.last = "none"
        elif c == "[":
            self.atom(self.char_class())
        elif c == "\\":
            self.escape()
        else:
            self.i += 1
            self.atom(self.single(c))

    def atom(self, piece: str) -> None:
        self.out.append(piece)
        self.last = "atom"

    def single(self, c: str) -> str:
        if c == ".":
            return "(?s:.)" if self.flags.dotall else "[^\\n]"
        if c == "^":
            return "(?m:^)" if self.flags.multiline else "(?:\\A)"
        if c == "$":
            return "(?m:$)" if self.flags.multiline else "(?:\\Z)"
        return self.literal(c)

    def literal(self, c: str) -> str:
        esc = re.escape(c)
        return f"(?i:{esc})" if self.flags.fold and c.lower() != c.upper() else esc

    # --- repetition ---------------------------------------------------------------------------

    def try_repeat(self, c: str) -> bool:
        start = self.i
        if c == "{":
            m = _REPEAT.match(self.expr, self.i)
            if m is None:
                return False
            self.check_repeat_count(m)
            op, self.i = m.group(0), m.end()
        else:
            op, self.i = c, self.i + 1
        lazy = self.expr.startswith("?", self.i)
        if lazy:
            self.i += 1
        if self.last == "none":
            raise _syntax_error("missing argument to repetition operator", self.expr[start:self.i])
        if self.last == "repeat":
            raise _syntax_error(
                "invalid nested repetition operator", self.expr[self.repeat_start : self.i]
            )
        if lazy != self.flags.ungreedy:
            op += "?"
        self.out[-1] = f"(?:{self.out[-1]}){op}"
        self.last, self.repeat_start = "repeat", start
        return True

    def check_repeat_count(self, m: re.Match[str]) -> None:
        low = int(m.group(1))
        high = low if m.group(2) is None else (int(m.group(3)) if m.group(3) else -1)
        if low > 1000 or high > 1000 or 0 <= high < low:
            raise _syntax_error("invalid repeat count", m.group(0))

    # --- groups -------------------------------------------------------------------------------

    def open_group(self) -> None:
        rest = self.expr[self.i :]
        if not rest.startswith("(?"):
            self.i += 1
            self.push("(")
            self.names.append("")
            return
        if rest.startswith("(?P<"):
            self.named_group(rest)
            return
        self.perl_flags(rest)

    def push(self, opener: str) -> None:
        self.stack.append(_Group(_Flags(**vars(self.flags)), self.out))
        self.out = [opener]
        self.last = "none"

    def named_group(self, rest: str) -> None:
        end = rest.find(">")
        if end < 0:
            raise _syntax_error("invalid named capture", rest)
        name = rest[4:end]
        if not name or not all(ch == "_" or (ch.isascii() and ch.isalnum()) for ch in name):
            raise _syntax_error("invalid named capture", rest[: end + 1])
        self.i += end + 1
        self.names.append(name)
        self.push("(")

    def perl_flags(self, rest: str) -> None:
        flags = _Flags(**vars(self.flags))
        negate = saw_flag = False
        for j, ch in enumerate(rest[2:], start=2):
            if ch in "imsU":
                setattr(flags, {"i": "fold", "m": "multiline", "s": "dotall", "U": "ungreedy"}[ch],
                        not negate)
                saw_flag = True
            elif ch == "-" and not negate:
                negate, saw_flag = True, False
            elif ch in ":)" and not (negate and not saw_flag):
                self.i += j + 1
                self.apply_flags(flags, ch == ":")
                return
            else:
                raise _syntax_error("invalid or unsupported Perl syntax", rest[: j + 1])
        raise _syntax_error("missing closing )", self.expr)

    def apply_flags(self, flags: _Flags, opens_group: bool) -> None:
        if opens_group:
            self.push("(?:")
        self.flags = flags

    def close_group(self) -> None:
        if not self.stack:
            raise _syntax_error("unexpected )", self.expr)
        self.i += 1
        group = self.stack.pop()
        body = "".join(self.out) + ")"
        self.flags, self.out = group.flags, group.parent
        self.atom(body)

    # --- escapes ------------------------------------------------------------------------------

    def escape(self) -> None:
        if self.i + 1 >= len(self.expr):
            raise _syntax_error("trailing backslash at end of expression", "")
        c = self.expr[self.i + 1]
        if c == "Q":
            self.quoted()
            return
        assertion = {"A": "(?:\\A)", "z": "(?:\\Z)", "b": _WORD_BOUNDARY, "B": _NOT_WORD_BOUNDARY}
        if c in assertion:
            self.i += 2
            self.atom(assertion[c])
            return
        if c in "dswDSW":
            self.i += 2
            neg = "^" if c.isupper() else ""
            self.atom(f"[{neg}{_PERL_CLASSES[c.lower()]}]")
            return
        if c in "pP":
            body, negated = self.unicode_class()
            self.atom(f"[{'^' if negated else ''}{body}]")
            return
        self.atom(self.literal(self.escaped_char()))

    def quoted(self) -> None:
        end = self.expr.find("\\E", self.i + 2)
        text = self.expr[self.i + 2 : end if end >= 0 else len(self.expr)]
        self.i = end + 2 if end >= 0 else len(self.expr)
        for ch in text:
            self.atom(self.literal(ch))

    def escaped_char(self) -> str:
        """The character a ``\\`` escape stands for (at ``self.i``), or Go's error."""
        start = self.i
        c = self.expr[self.i + 1]
        self.i += 2
        if c in "01234567":
            return self.octal(start, c)
        if c == "x":
            return self.hex_escape(start)
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        if c.isascii() and not c.isalnum():
            return c
        raise _syntax_error("invalid escape sequence", self.expr[start : self.i])

    def octal(self, start: int, c: str) -> str:
        nxt = self.expr[self.i : self.i + 1]
        if c != "0" and not (nxt and nxt in "01234567"):
            raise _syntax_error("invalid escape sequence", self.expr[start : self.i])
        value = int(c)
        for _ in range(2):
            nxt = self.expr[self.i : self.i + 1]
            if not (nxt and nxt in "01234567"):
                break
            value = value * 8 + int(nxt)
            self.i += 1
        return chr(value)

    def hex_escape(self, start: int) -> str:
        m = re.compile(r"\{([0-9A-Fa-f]+)\}|[0-9A-Fa-f]{2}").match(self.expr, self.i)
        if m is None or int(m.group(1) or m.group(0), 16) > sys.maxunicode:
            end = self.expr.find("}", self.i) + 1 if self.expr.startswith("{", self.i) else 0
            raise _syntax_error("invalid escape sequence", self.expr[start : max(end, self.i + 1)])
        self.i = m.end()
        return chr(int(m.group(1) or m.group(0), 16))

    def unicode_class(self) -> tuple[str, bool]:
        start = self.i
        negated = self.expr[self.i + 1] == "P"
        if self.expr.startswith("{", self.i + 2):
            end = self.expr.find("}", self.i)
            if end < 0:
                raise _syntax_error("invalid character class range", self.expr[start:])
            name, self.i = self.expr[self.i + 3 : end], end + 1
        else:
            name, self.i = self.expr[self.i + 2 : self.i + 3], self.i + 3
        if name.startswith("^"):
            name, negated = name[1:], not negated
        if name == "Any":
            return "\\x00-\\U0010ffff", negated
        if name not in _CATEGORIES:
            raise _syntax_error("invalid character class range", self.expr[start : self.i])
        return _category_ranges(name), negated

    # --- character classes --------------------------------------------------------------------

    def char_class(self) -> str:
        start = self.i
        self.i += 1
        negated = self.expr.startswith("^", self.i)
        self.i += negated
        items: list[str] = []
        first = True
        while self.i < len(self.expr) and (first or self.expr[self.i] != "]"):
            items.append(self.class_item(start))
            first = False
        if self.i >= len(self.expr):
            raise _syntax_error("missing closing ]", self.expr[start:])
        self.i += 1
        body = f"[{'^' if negated else ''}{''.join(items)}]"
        return f"(?i:{body})" if self.flags.fold else body

    def class_item(self, class_start: int) -> str:
        rest = self.expr[self.i :]
        posix = re.match(r"\[:(\^?)([a-z]+):\]", rest)
        if posix:
            if posix.group(2) not in _POSIX_CLASSES:
                raise _syntax_error("invalid character class range", posix.group(0))
            self.i += posix.end()
            return self.class_set(_POSIX_CLASSES[posix.group(2)], bool(posix.group(1)))
        if rest[:2] in ("\\d", "\\s", "\\w", "\\D", "\\S", "\\W"):
            self.i += 2
            return self.class_set(_PERL_CLASSES[rest[1].lower()], rest[1].isupper())
        if rest[:2] in ("\\p", "\\P"):
            body, negated = self.unicode_class()
            return self.class_set(body, negated)
        item_start = self.i
        lo = self.class_char()
        if self.expr.startswith("-", self.i) and not self.expr.startswith("-]", self.i) \
                and self.i + 1 < len(self.expr):
            self.i += 1
            hi = self.class_char()
            if hi < lo:
                raise _syntax_error("invalid character class range", self.expr[item_start:self.i])
            return f"{re.escape(lo)}-{re.escape(hi)}"
        return re.escape(lo)

    def class_set(self, body: str, negated: bool) -> str:
        """A class inside a class (Python has none): its body, or its complement as ranges."""
        if not negated:
            return body
        return _complement(body)

    def class_char(self) -> str:
        c = self.expr[self.i]
        if c != "\\":
            self.i += 1
            return c
        if self.i + 1 >= len(self.expr):
            raise _syntax_error("missing closing ]", self.expr[self.i :])
        return self.escaped_char()


def _complement(body: str) -> str:
    """The complement, as ranges, of a class body made of ``\\xNN``-style ranges and
    characters (the ASCII bodies above and the category ranges)."""
    points = sorted(_ranges_of(body))
    out: list[str] = []
    nxt = 0
    for lo, hi in points:
        if lo > nxt:
            out.append(f"\\U{nxt:08x}-\\U{lo - 1:08x}")
        nxt = max(nxt, hi + 1)
    if nxt <= sys.maxunicode:
        out.append(f"\\U{nxt:08x}-\\U{sys.maxunicode:08x}")
    return "".join(out)


def _ranges_of(body: str) -> list[tuple[int, int]]:
    chars = re.findall(r"\\U[0-9a-f]{8}|\\x[0-9a-f]{2}|\\[tnvfr\[\]\\^-]|.", body)
    decoded = [_decode_class_char(tok) for tok in chars]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(decoded):
        if k + 2 < len(decoded) and chars[k + 1] == "-":
            out.append((decoded[k], decoded[k + 2]))
            k += 3
        else:
            out.append((decoded[k], decoded[k]))
            k += 1
    return out


def _decode_class_char(tok: str) -> int:
    if tok.startswith(("\\U", "\\x")):
        return int(tok[2:], 16)
    if len(tok) == 2:
        return ord({"t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}.get(tok[1], tok[1]))
    return ord(tok)


@dataclass(frozen=True)
class GoRegexp:
    """A compiled Go regexp: the Python pattern and Go's capture-group names."""

    expr: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]

    def matches(self, s: str, n: int = -1) -> list[re.Match[str]]:
        """Go's ``allMatches``: successive non-overlapping matches, an empty match right
        after a previous match skipped, at most ``n`` (all if ``n < 0``)."""
        out: list[re.Match[str]] = []
        pos, prev_end = 0, -1
        limit = len(s) + 1 if n < 0 else n
        while len(out) < limit and pos <= len(s):
            m = self.pattern.search(s, pos)
            if m is None:
                break
            accept = True
            if m.end() == pos:
                accept = m.start() != prev_end
                pos += 1
            else:
                pos = m.end()
            prev_end = m.end()
            if accept:
                out.append(m)
        return out

    def replace_all(self, s: str, repl: str, literal: bool) -> str:
        """Go's ``replaceAll`` with ``Expand`` (``$1``, ``${name}``) unless ``literal``."""
        out: list[str] = []
        last_end = search = 0
        while search <= len(s):
            m = self.pattern.search(s, search)
            if m is None:
                break
            out.append(s[last_end : m.start()])
            if m.end() > last_end or m.start() == 0:
                out.append(repl if literal else self.expand(repl, m))
            last_end = m.end()
            search = search + 1 if search + 1 > m.end() else m.end()
        out.append(s[last_end:])
        return "".join(out)

    def expand(self, template: str, m: re.Match[str]) -> str:
        out: list[str] = []
        while template:
            before, dollar, after = template.partition("$")
            out.append(before)
            if not dollar:
                break
            if after.startswith("$"):
                out.append("$")
                template = after[1:]
                continue
            parsed = _extract(after)
            if parsed is None:
                out.append("$")
                template = after
                continue
            name, num, template = parsed
            out.append(self.group_text(m, name, num))
        return "".join(out)

    def group_text(self, m: re.Match[str], name: str, num: int) -> str:
        """Group ``num``, or the first group named ``name`` that took part in the match."""
        if num < 0:
            taken = (m.group(k) for k, n in enumerate(self.names) if n == name)
            return next((text for text in taken if text is not None), "")
        if num >= len(self.names):
            return ""
        return m.group(num) or ""

    def split(self, s: str, n: int) -> list[str]:
        if n == 0:
            return []
        if self.expr and not s:
            return [""]
        out: list[str] = []
        beg = end = 0
        for m in self.matches(s, n):
            if n > 0 and len(out) == n - 1:
                break
            end = m.start()
            if m.end() != 0:
                out.append(s[beg:end])
            beg = m.end()
        if end != len(s):
            out.append(s[beg:])
        return out


def _extract(s: str) -> tuple[str, int, str] | None:
    """Go's ``extract``: the name after a ``$`` (``name``, ``{name}``), its number (-1 if
    not a number), and the rest; None when malformed."""
    brace = s.startswith("{")
    body = s[1:] if brace else s
    i = 0
    while i < len(body) and (body[i] == "_" or unicodedata.category(body[i])[0] == "L"
                             or unicodedata.category(body[i]) == "Nd"):
        i += 1
    if i == 0:
        return None
    name = body[:i]
    if brace:
        if not body.startswith("}", i):
            return None
        i += 1
    num = int(name) if name.isascii() and name.isdigit() and len(name) < 9 else -1
    if name[0] == "0" and len(name) > 1:
        num = -1
    return name, num, body[i:]


@functools.lru_cache(maxsize=256)
def compile_go(expr: str) -> GoRegexp:
    """Go's ``regexp.Compile``; :class:`RegexError` with Go's message if it refuses."""
    t = _Translator(expr).translate()
    try:
        pattern = re.compile(t.pattern)
    except re.error as e:
        raise _syntax_error("invalid or unsupported Perl syntax", expr) from e
    return GoRegexp(expr, pattern, tuple(t.names))


def must_compile(expr: str) -> GoRegexp:
    """Go's ``regexp.MustCompile``: its panic message on a bad pattern."""
    try:
        return compile_go(expr)
    except RegexError as e:
        quoted = f"`{expr}`" if _can_backquote(expr) else values.go_quote(expr)
        raise GoExecError(f"regexp: Compile({quoted}): {e}") from e


def _can_backquote(s: str) -> bool:
    return not any((c < " " and c != "\t") or c in "`\x7f\ufeff" for c in s)


# --- the functions ------------------------------------------------------------------------------


@go_func("regexMatch", (_S, _S))
def regex_match(regex: str, s: str) -> bool:
    try:
        return compile_go(regex).pattern.search(s) is not None
    except RegexError:
        return False


@go_func("mustRegexMatch", (_S, _S), error_result=True)
def must_regex_match(regex: str, s: str) -> bool:
    return compile_go(regex).pattern.search(s) is not None


def _find_all(r: GoRegexp, s: str, n: int) -> tuple[str, ...]:
    return tuple(m.group(0) for m in r.matches(s, n))


@go_func("regexFindAll", (_S, _S, "int"))
def regex_find_all(regex: str, s: str, n: int) -> tuple[str, ...]:
    return _find_all(must_compile(regex), s, n)


@go_func("mustRegexFindAll", (_S, _S, "int"), error_result=True)
def must_regex_find_all(regex: str, s: str, n: int) -> tuple[str, ...]:
    return _find_all(compile_go(regex), s, n)


def _find(r: GoRegexp, s: str) -> str:
    m = r.pattern.search(s)
    return m.group(0) if m else ""


@go_func("regexFind", (_S, _S))
def regex_find(regex: str, s: str) -> str:
    return _find(must_compile(regex), s)


@go_func("mustRegexFind", (_S, _S), error_result=True)
def must_regex_find(regex: str, s: str) -> str:
    return _find(compile_go(regex), s)


@go_func("regexReplaceAll", (_S, _S, _S))
def regex_replace_all(regex: str, s: str, repl: str) -> str:
    return must_compile(regex).replace_all(s, repl, literal=False)


@go_func("mustRegexReplaceAll", (_S, _S, _S), error_result=True)
def must_regex_replace_all(regex: str, s: str, repl: str) -> str:
    return compile_go(regex).replace_all(s, repl, literal=False)


@go_func("regexReplaceAllLiteral", (_S, _S, _S))
def regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return must_compile(regex).replace_all(s, repl, literal=True)


@go_func("mustRegexReplaceAllLiteral", (_S, _S, _S), error_result=True)
def must_regex_replace_all_literal(regex: str, s: str, repl: str) -> str:
    return compile_go(regex).replace_all(s, repl, literal=True)


@go_func("regexSplit", (_S, _S, "int"))
def regex_split(regex: str, s: str, n: int) -> tuple[str, ...]:
    return tuple(must_compile(regex).split(s, n))


@go_func("mustRegexSplit", (_S, _S, "int"), error_result=True)
def must_regex_split(regex: str, s: str, n: int) -> tuple[str, ...]:
    return tuple(compile_go(regex).split(s, n))


@go_func("regexQuoteMeta", (_S,))
def regex_quote_meta(s: str) -> str:
    return "".join("\\" + c if c in _GO_SPECIAL else c for c in s)
