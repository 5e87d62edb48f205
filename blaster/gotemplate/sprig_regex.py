r"""Sprig's regex functions (``regex.go``), matched by RE2 itself (``google-re2``).

Go's ``regexp`` is RE2: same syntax, leftmost-first semantics and linear-time matching, so a
hostile pattern such as ``(a*)*b`` cannot make a worker backtrack. Texts are matched as UTF-8
bytes, as Go does. What remains of Go here: the few constructs RE2 accepts and Go 1.19 refuses
(``\C``, ``(?<name>``, non-ASCII group names, Unicode classes newer than Go's Unicode 13) fail
with Go's message, RE2's error texts are reworded as Go's, the ``All`` iterations follow Go
(an empty match right after a match is skipped; a match never starts inside a character) and
``$1``/``${name}`` expand as Go's ``Regexp.Expand`` does.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Final, Protocol

import re2  # type: ignore[import-untyped]

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError
from blaster.gotemplate.sprig_text import go_func

_S = "string"
_GO_SPECIAL: Final = frozenset("\\.+*?()|[]{}^$")
_NAME_CHARS: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
#: Go 1.19's ``\p{...}`` names: ``unicode.Scripts``, ``unicode.Categories`` (Unicode 13) and Any.
_GO_UNICODE_NAMES: Final = """
    Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak
    Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid C Canadian_Aboriginal Carian
    Caucasian_Albanian Cc Cf Chakma Cham Cherokee Chorasmian Co Common Coptic Cs Cuneiform
    Cypriot Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan
    Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi
    Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited
    Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kayah_Li
    Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi L Lao Latin Lepcha Limbu Linear_A
    Linear_B Lisu Ll Lm Lo Lt Lu Lycian Lydian M Mahajani Makasar Malayalam Mandaic Manichaean
    Marchen Masaram_Gondi Mc Me Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive
    Meroitic_Hieroglyphs Miao Mn Modi Mongolian Mro Multani Myanmar N Nabataean Nandinagari Nd
    New_Tai_Lue Newa Nko Nl No Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian
    Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic
    Oriya Osage Osmanya P Pahawh_Hmong Palmyrene Pau_Cin_Hau Pc Pd Pe Pf Phags_Pa Phoenician Pi
    Po Ps Psalter_Pahlavi Rejang Runic S Samaritan Saurashtra Sc Sharada Shavian Siddham
    SignWriting Sinhala Sk Sm So Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac
    Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangut Telugu Thaana Thai Tibetan
    Tifinagh Tirhuta Ugaritic Vai Wancho Warang_Citi Yezidi Yi Z Zanabazar_Square Zl Zp Zs
    Any
"""
_GO_UNICODE_CLASSES: Final = frozenset(_GO_UNICODE_NAMES.split())
#: RE2's error texts (``RegexpStatus::CodeText``) in Go's words (``syntax.ErrorCode``).
_GO_CODES: Final = {
    "unexpected error": "regexp/syntax: internal error",
    "invalid escape sequence": "invalid escape sequence",
    "invalid character class": "invalid character class",
    "invalid character class range": "invalid character class range",
    "missing ]": "missing closing ]",
    "missing )": "missing closing )",
    "unexpected )": "unexpected )",
    "trailing \\": "trailing backslash at end of expression",
    "no argument for repetition operator": "missing argument to repetition operator",
    "invalid repetition size": "invalid repeat count",
    "bad repetition operator": "invalid nested repetition operator",
    "invalid perl operator": "invalid or unsupported Perl syntax",
    "invalid UTF-8": "invalid UTF-8",
    "invalid named capture group": "invalid named capture",
}
_TOO_LARGE: Final = "pattern too large - compile failed"
_UNCLOSED: Final = frozenset({"missing closing )", "missing closing ]"})


class RegexError(GoExecError):
    """A pattern Go's ``regexp.Compile`` refuses: ``message`` is its ``err.Error()``."""


def _syntax_error(code: str, expr: str) -> RegexError:
    return RegexError(f"error parsing regexp: {code}: `{expr}`")


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogatepass")


class _Re2Match(Protocol):
    def span(self, group: int = 0) -> tuple[int, int]: ...


class _Re2Regexp(Protocol):
    @property
    def groups(self) -> int: ...

    def search(self, text: bytes, pos: int | None = None) -> _Re2Match | None: ...


def _options() -> object:
    options = re2.Options()
    options.log_errors = False  # RE2 would log every refused pattern to stderr
    return options


_OPTIONS: Final = _options()


def _re2_compile(expr: str) -> _Re2Regexp:
    """RE2's compilation of ``expr`` (Go's Perl flags are RE2's defaults), or Go's error."""
    try:
        compiled: _Re2Regexp = re2.compile(_encode(expr), _OPTIONS)
    except re2.error as e:
        raise _go_error(e, expr) from None
    return compiled


def _go_error(e: Exception, expr: str) -> RegexError:
    """RE2's ``error()`` text (``code: arg``) reworded as Go's ``syntax.Error``."""
    raw = e.args[0] if e.args else ""
    text = _decode(raw) if isinstance(raw, bytes) else str(raw)
    if text == _TOO_LARGE:  # Go 1.19 calls its size limit an internal error
        return _syntax_error(_GO_CODES["unexpected error"], expr)
    code, _, arg = text.partition(": ")
    if code == "bad repetition operator" and _out_of_range(_last_repeat(arg)):
        code, arg = "invalid repetition size", _last_repeat(arg)  # Go checks the count first
    elif code == "invalid repetition size" and _out_of_range(arg.removesuffix("?")):
        arg = arg.removesuffix("?")  # Go checks the count before it reads a lazy "?"
    return _syntax_error(_GO_CODES.get(code, code), arg)


def _last_repeat(ops: str) -> str:
    """The last ``{...}`` of a run of repetition operators, without a lazy ``?``."""
    ops = ops.removesuffix("?")
    return ops[ops.rfind("{") :] if ops.endswith("}") else ""


def _out_of_range(op: str) -> bool:
    """Whether a ``{n}``/``{n,}``/``{n,m}`` has a count Go refuses by itself (a nested
    repetition too large is refused later, ``?`` included)."""
    low_digits, comma, high_digits = op[1:-1].partition(",")
    low = _count(low_digits)
    if not op.startswith("{") or low < 0:
        return False
    high = low if not comma else (_count(high_digits) if high_digits else -1)
    return low > 1000 or high > 1000 or 0 <= high < low


def _count(digits: str) -> int:
    """A repeat count as Go reads it, capped (Python's ``int`` refuses 4,300 digits)."""
    if not digits.isascii() or not digits.isdigit():
        return -1
    return int(digits) if len(digits) < 9 else 10**9


# --- what RE2 accepts and Go refuses ------------------------------------------------------------


@dataclass
class _Scan:
    """One pass over a Go pattern's structure (groups, classes, escapes, ``\\Q..\\E``): the
    capture-group names by index ("" unnamed) and the first construct RE2 accepts but Go 1.19
    refuses, as (position, Go's error)."""

    expr: str
    i: int = 0
    names: list[str] = field(default_factory=lambda: [""])
    refusal: tuple[int, RegexError] | None = None

    def run(self) -> _Scan:
        while self.i < len(self.expr) and self.refusal is None:
            c = self.expr[self.i]
            if c == "\\":
                self.escape(in_class=False)
            elif c == "[":
                self.char_class()
            elif c == "(":
                self.group()
            elif c == "{":
                self.repeat()
            else:
                self.i += 1
        return self

    def refuse(self, code: str, text: str) -> None:
        self.refusal = (self.i, _syntax_error(code, text))
        self.i = len(self.expr)

    def group(self) -> None:
        rest = self.expr[self.i :]
        if rest.startswith("(?P<") and len(rest) > 4:
            end = rest.find(">")
            name = rest[4:end]
            if end >= 0 and not (name and _NAME_CHARS.issuperset(name)):
                self.refuse("invalid named capture", rest[: end + 1])
                return
            self.names.append(name)  # without ">", RE2 refuses it as Go does
            self.i += max(end, 0) + 1
            return
        if rest.startswith("(?<"):  # Go 1.19 knows neither (?<name> nor lookbehind
            self.refuse("invalid or unsupported Perl syntax", "(?<")
            return
        if not rest.startswith("(?"):
            self.names.append("")
        self.i += 1

    def repeat(self) -> None:
        """Go reads a count of 10 digits or more as an invalid one; RE2 as literal text."""
        rest = self.expr[self.i :]
        end = rest.find("}")
        low, _, high = rest[1:end].partition(",")
        counts = (low, high) if high else (low,)
        if end > 0 and all(map(_go_int, counts)) and max(map(len, counts)) > 9:
            self.refuse("invalid repeat count", rest[: end + 1])
        self.i += 1

    def escape(self, in_class: bool) -> None:
        nxt = self.expr[self.i + 1 : self.i + 2]
        if nxt == "Q" and not in_class:
            end = self.expr.find("\\E", self.i + 2)
            self.i = len(self.expr) if end < 0 else end + 2
        elif nxt == "C" and not in_class:  # RE2's "any byte"; in a class RE2 refuses it too
            self.refuse("invalid escape sequence", "\\C")
        elif nxt in ("p", "P"):
            self.unicode_class()
        elif nxt == "x" and self.expr.startswith("{", self.i + 2):
            end = self.expr.find("}", self.i)
            if self.i + 3 == len(self.expr):  # RE2 calls it invalid UTF-8
                self.refuse("invalid escape sequence", "\\x{")
            self.i = len(self.expr) if end < 0 else end + 1
        else:
            self.i += 2

    def unicode_class(self) -> None:
        start = self.i
        if self.expr.startswith("{", self.i + 2):
            end = self.expr.find("}", self.i)
            if end < 0:  # RE2 refuses it as Go does
                self.i = len(self.expr)
                return
            name, self.i = self.expr[start + 3 : end], end + 1
        else:
            name, self.i = self.expr[start + 2 : start + 3], start + 3
        if name and name.removeprefix("^") not in _GO_UNICODE_CLASSES:
            seq, self.i = self.expr[start : self.i], start
            self.refuse("invalid character class range", seq)

    def char_class(self) -> None:
        self.i += 1
        if self.expr.startswith("^", self.i):
            self.i += 1
        first = True
        while self.i < len(self.expr) and (first or self.expr[self.i] != "]"):
            first = False
            if self.class_item():
                self.class_range_end()
        self.i += 1

    def class_item(self) -> bool:
        """Skip one class item; whether it was a single character (so may start a range)."""
        rest = self.expr[self.i :]
        end = rest.find(":]", 2) if rest.startswith("[:") else -1
        if end >= 0:  # [:alpha:]
            self.i += end + 2
            return False
        if rest in ("\\p", "\\P"):  # Go: a class name missing; RE2: a bad escape
            self.refuse("invalid character class range", rest)
            return False
        if rest.startswith("\\"):
            self.escape(in_class=True)
            return rest[1:2] not in ("d", "s", "w", "D", "S", "W", "p", "P")
        self.i += 1
        return True

    def class_range_end(self) -> None:
        rest = self.expr[self.i :]
        if not rest.startswith("-") or rest.startswith("-]") or len(rest) < 2:
            return
        self.i += 1
        if rest[1] != "\\":
            self.i += 1
        elif rest[2:3] in ("p", "P"):  # "\p" as a range's end: both refuse the escape
            self.i += 2
        else:
            self.escape(in_class=True)


def _go_int(digits: str) -> bool:
    """Whether Go's ``parseInt`` reads ``digits`` (no sign, no leading zero)."""
    return digits.isascii() and digits.isdigit() and (digits == "0" or digits[0] != "0")


# --- compiled patterns --------------------------------------------------------------------------

_Spans = tuple[tuple[int, int], ...]


def _rune_width(b: bytes, pos: int) -> int:
    """The width of the UTF-8 sequence at ``pos`` (0 at the end), as Go's decoder steps."""
    if pos >= len(b):
        return 0
    end = pos + 1
    while end < len(b) and end - pos < 4 and b[end] & 0xC0 == 0x80:
        end += 1
    return end - pos


@dataclass(frozen=True)
class GoRegexp:
    """A compiled Go regexp: RE2's program and Go's capture-group names by index."""

    expr: str
    program: _Re2Regexp
    names: tuple[str, ...]

    def search(self, b: bytes, pos: int = 0) -> _Spans | None:
        """The leftmost match at or after byte ``pos``: its group spans (-1 if unset).
        RE2 may find an empty match inside a character (``\\B`` between two of its bytes);
        Go steps by characters, so that one is skipped."""
        while True:
            m = self.program.search(b, pos)
            if m is None:
                return None
            start = m.span()[0]
            if start >= len(b) or b[start] & 0xC0 != 0x80:
                return tuple(m.span(k) for k in range(len(self.names)))
            pos = start + 1

    def matches(self, b: bytes, n: int = -1) -> list[_Spans]:
        """Go's ``allMatches``: successive non-overlapping matches, an empty match right
        after a previous match skipped, at most ``n`` (all if ``n < 0``)."""
        out: list[_Spans] = []
        pos, prev_end = 0, -1
        limit = len(b) + 1 if n < 0 else n
        while len(out) < limit and pos <= len(b):
            m = self.search(b, pos)
            if m is None:
                break
            (start, end) = m[0]
            accept = True
            if end == pos:
                accept = start != prev_end
                pos += _rune_width(b, pos) or 1
            else:
                pos = end
            prev_end = end
            if accept:
                out.append(m)
        return out

    def find(self, s: str) -> str:
        b = _encode(s)
        m = self.search(b)
        return "" if m is None else _decode(b[m[0][0] : m[0][1]])

    def find_all(self, s: str, n: int) -> tuple[str, ...]:
        b = _encode(s)
        return tuple(_decode(b[m[0][0] : m[0][1]]) for m in self.matches(b, n))

    def replace_all(self, s: str, repl: str, literal: bool) -> str:
        """Go's ``replaceAll`` with ``Expand`` (``$1``, ``${name}``) unless ``literal``."""
        b = _encode(s)
        out: list[str] = []
        last_end = search = 0
        while search <= len(b):
            m = self.search(b, search)
            if m is None:
                break
            start, end = m[0]
            out.append(_decode(b[last_end:start]))
            if end > last_end or start == 0:
                out.append(repl if literal else self.expand(repl, b, m))
            last_end = end
            width = _rune_width(b, search)
            search = search + (width or 1) if search + (width or 1) > end else end
        out.append(_decode(b[last_end:]))
        return "".join(out)

    def expand(self, template: str, b: bytes, m: _Spans) -> str:
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
            out.append(self.group_text(b, m, name, num))
        return "".join(out)

    def group_text(self, b: bytes, m: _Spans, name: str, num: int) -> str:
        """Group ``num``, or the first group named ``name`` that took part in the match."""
        if num < 0:
            taken = (m[k] for k, n in enumerate(self.names) if n == name and m[k][0] >= 0)
            start, end = next(taken, (0, 0))
        elif num < len(m) and m[num][0] >= 0:
            start, end = m[num]
        else:
            return ""
        return _decode(b[start:end])

    def split(self, s: str, n: int) -> list[str]:
        if n == 0:
            return []
        if self.expr and not s:
            return [""]
        b = _encode(s)
        out: list[str] = []
        beg = end = 0
        for m in self.matches(b, n):
            if n > 0 and len(out) == n - 1:
                break
            end = m[0][0]
            if m[0][1] != 0:
                out.append(_decode(b[beg:end]))
            beg = m[0][1]
        if end != len(b):
            out.append(_decode(b[beg:]))
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
    # Go stops at 1e8 before each digit: nine digits still make a number, ten do not
    num = int(name) if name.isascii() and name.isdigit() and len(name) <= 9 else -1
    if name[0] == "0" and len(name) > 1:
        num = -1
    return name, num, body[i:]


def _refusal(expr: str, at: int, error: RegexError) -> RegexError:
    """Go reports the first error: if RE2 refuses the text before ``at`` (not merely for a
    group or class the cut leaves open), its error on the whole pattern comes first; else
    the Go-only refusal."""
    try:
        _re2_compile(expr[:at])
    except RegexError as earlier:
        code = str(earlier).removeprefix("error parsing regexp: ").partition(": ")[0]
        if code not in _UNCLOSED:
            try:
                _re2_compile(expr)
            except RegexError as first:  # the same error, with its whole argument
                return first
            return earlier
    return error


@functools.lru_cache(maxsize=128)
def compile_go(expr: str) -> GoRegexp:
    """Go's ``regexp.Compile``; :class:`RegexError` with Go's message if it refuses."""
    scan = _Scan(expr).run()
    if scan.refusal is not None:
        raise _refusal(expr, *scan.refusal)
    program = _re2_compile(expr)
    names = tuple(scan.names)
    if len(names) != program.groups + 1:  # not expected: fall back on RE2's own names
        index = {i: _decode(n) for n, i in getattr(program, "groupindex", {}).items()}
        names = tuple(index.get(k, "") for k in range(program.groups + 1))
    return GoRegexp(expr, program, names)


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
        return compile_go(regex).search(_encode(s)) is not None
    except RegexError:
        return False


@go_func("mustRegexMatch", (_S, _S), error_result=True)
def must_regex_match(regex: str, s: str) -> bool:
    return compile_go(regex).search(_encode(s)) is not None


@go_func("regexFindAll", (_S, _S, "int"))
def regex_find_all(regex: str, s: str, n: int) -> tuple[str, ...]:
    return must_compile(regex).find_all(s, n)


@go_func("mustRegexFindAll", (_S, _S, "int"), error_result=True)
def must_regex_find_all(regex: str, s: str, n: int) -> tuple[str, ...]:
    return compile_go(regex).find_all(s, n)


@go_func("regexFind", (_S, _S))
def regex_find(regex: str, s: str) -> str:
    return must_compile(regex).find(s)


@go_func("mustRegexFind", (_S, _S), error_result=True)
def must_regex_find(regex: str, s: str) -> str:
    return compile_go(regex).find(s)


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
