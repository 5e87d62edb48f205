"""The escaping functions of Go's ``html/template`` (Go 1.19), by the names the escaper
appends to pipelines (``_html_template_htmlescaper``, …), plus the predefined escapers
``html`` and ``urlquery`` and ``_eval_args_`` that a rewritten pipeline may name.

Every function takes the pipeline's value(s) as Go's do and returns a string. Values are
stringified as Go's ``stringify`` does: a lone string as itself, a lone content-typed string
(:class:`~.gofmt.HTML`, :class:`~.gofmt.URL`, …) by its type, anything else through
``fmt.Sprint`` with nil and missing values left out. The common case — nothing to escape —
costs one regular-expression scan.
"""

from __future__ import annotations

import base64
import datetime as _dt
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from blaster.gotemplate import gofmt
from blaster.gotemplate.escape_context import (
    TEXT_CONTEXT,
    TRANSITIONS,
    ContentType,
    Context,
    Delim,
    Element,
    State,
    attr_type,
    decode_css,
    is_css_nmchar,
    is_in_tag,
    is_js_ident_part,
)
from blaster.gotemplate.funcs import register

FILTER_FAILSAFE: Final = "ZgotmplZ"

_CT = ContentType
_CONTENT_TYPE_OF: Final[dict[type, ContentType]] = {
    gofmt.HTML: _CT.HTML,
    gofmt.HTMLAttr: _CT.HTML_ATTR,
    gofmt.JS: _CT.JS,
    gofmt.JSStr: _CT.JS_STR,
    gofmt.CSS: _CT.CSS,
    gofmt.URL: _CT.URL,
    gofmt.Srcset: _CT.SRCSET,
}


def stringify(args: tuple[Any, ...]) -> tuple[str, ContentType]:
    """Go's ``stringify``: the text of the arguments and its content type."""
    if len(args) == 1:
        a = args[0]
        t = type(a)
        if t is str:
            return a, _CT.PLAIN
        if t is int or t is gofmt.Int64:
            return str(a), _CT.PLAIN
        ct = _CONTENT_TYPE_OF.get(t)
        if ct is not None:
            return str.__str__(a), ct
    present = [a for a in args if a is not None and a is not gofmt.MISSING]
    return gofmt.sprint(*present), _CT.PLAIN


# --- HTML ---------------------------------------------------------------------------------------


def _table(pairs: dict[str, str]) -> dict[int, str]:
    return {ord(k): v for k, v in pairs.items()}


_HTML_TABLE = _table(
    {
        "\0": "\ufffd",
        '"': "&#34;",
        "&": "&amp;",
        "'": "&#39;",
        "+": "&#43;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_HTML_NORM_TABLE = {k: v for k, v in _HTML_TABLE.items() if k != ord("&")}
_NOSPACE_EXTRA = _table(
    {
        "\0": "&#xfffd;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\v": "&#11;",
        "\f": "&#12;",
        "\r": "&#13;",
        " ": "&#32;",
        "=": "&#61;",
        "`": "&#96;",
    }
)
_NONCHARS = [*range(0xFDD0, 0xFDF0), *range(0xFFF0, 0x10000)]
_NOSPACE_TABLE = {**_HTML_TABLE, **_NOSPACE_EXTRA, **{r: f"&#x{r:x};" for r in _NONCHARS}}
_NOSPACE_NORM_TABLE = {k: v for k, v in _NOSPACE_TABLE.items() if k != ord("&")}


def _pattern(table: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(table)) + "]")


def _chain_order(table: dict[int, str]) -> list[int] | None:
    """An order in which ``str.replace`` calls apply ``table`` correctly (no replacement
    writes a character replaced after it), or None."""
    order: list[int] = []
    pending = dict(table)
    while pending:
        ready = [k for k in pending if not any(chr(k) in v for j, v in pending.items() if j != k)]
        if not ready:
            return None
        order.extend(sorted(ready))
        for k in ready:
            del pending[k]
    return order[::-1]


def _replacer(table: dict[int, str]) -> Callable[[str], str]:
    """Apply ``table`` to a string, after a scan that finds nothing in the common case:
    ``str.replace`` calls for a small table, ``str.translate`` for a large one."""
    search = _pattern(table).search
    order = _chain_order(table) if len(table) <= 8 else None
    if order is None:

        def translate(s: str) -> str:
            if search(s) is None:
                return s
            return s.translate(table)

        return translate
    pairs = [(chr(k), table[k]) for k in order]

    def chain(s: str) -> str:
        if search(s) is None:
            return s
        for old, new in pairs:
            if old in s:
                s = s.replace(old, new)
        return s

    return chain


_html_replace = _replacer(_HTML_TABLE)
_html_norm_replace = _replacer(_HTML_NORM_TABLE)
_nospace_replace = _replacer(_NOSPACE_TABLE)
_nospace_norm_replace = _replacer(_NOSPACE_NORM_TABLE)


def html_escaper(*args: Any) -> str:
    """Text content: escapes ``" ' & + < >`` and NUL; HTML content passes as is."""
    if len(args) == 1 and type(args[0]) is str:
        return _html_replace(args[0])
    s, t = stringify(args)
    if t == _CT.HTML:
        return s
    return _html_replace(s)


def attr_escaper(*args: Any) -> str:
    """A quoted attribute value; HTML content loses its tags and keeps its entities."""
    if len(args) == 1 and type(args[0]) is str:
        return _html_replace(args[0])
    s, t = stringify(args)
    if t == _CT.HTML:
        return _html_norm_replace(strip_tags(s))
    return _html_replace(s)


def rcdata_escaper(*args: Any) -> str:
    """The body of ``<textarea>``/``<title>``."""
    if len(args) == 1 and type(args[0]) is str:
        return _html_replace(args[0])
    s, t = stringify(args)
    if t == _CT.HTML:
        return _html_norm_replace(s)
    return _html_replace(s)


def nospace_escaper(*args: Any) -> str:
    """An unquoted attribute value."""
    if len(args) == 1 and type(args[0]) is str:
        return _nospace_replace(args[0])
    s, t = stringify(args)
    if t == _CT.HTML:
        return _nospace_norm_replace(strip_tags(s))
    return _nospace_replace(s)


def strip_tags(html: str) -> str:
    """The text content of an HTML snippet (Go's ``stripTags``)."""
    if "<" not in html:
        return html
    b: list[str] = []
    c, i, n, all_text = TEXT_CONTEXT, 0, len(html), True
    while i != n:
        if c.delim == Delim.NONE:
            st = c.state
            if c.element != Element.NONE and not is_in_tag(st):
                st = State.RCDATA
            d, i1 = TRANSITIONS[st](c, html, i, n)
            if c.state in (State.TEXT, State.RCDATA):
                j = i1
                if d.state != c.state:
                    k = html.rfind("<", i, j)
                    if k >= 0:
                        j = k
                b.append(html[i:j])
            else:
                all_text = False
            c, i = d, i1
            continue
        i1 = _find_delim_end(html, i, c.delim)
        if i1 < 0:
            break
        if c.delim != Delim.SPACE_OR_TAG_END:
            i1 += 1
        c, i = Context(state=State.TAG, element=c.element), i1
    if all_text:
        return html
    if c.state in (State.TEXT, State.RCDATA):
        b.append(html[i:])
    return "".join(b)


_DELIM_CHARS = {
    Delim.DOUBLE_QUOTE: re.compile('"'),
    Delim.SINGLE_QUOTE: re.compile("'"),
    Delim.SPACE_OR_TAG_END: re.compile("[ \t\n\f\r>]"),
}


def _find_delim_end(s: str, i: int, delim: Delim) -> int:
    m = _DELIM_CHARS[delim].search(s, i)
    return -1 if m is None else m.start()


_NAME_CHARS = re.compile("[0-9a-z]+")


def html_name_filter(*args: Any) -> str:
    """An attribute or tag name: plain lower-case alphanumerics, else ``ZgotmplZ``."""
    s, t = stringify(args)
    if t == _CT.HTML_ATTR:
        return s
    if not s:
        return FILTER_FAILSAFE
    lower = s.lower()
    if lower != s:
        s = lower
    if attr_type(s) != _CT.PLAIN or _NAME_CHARS.fullmatch(s) is None:
        return FILTER_FAILSAFE
    return s


def comment_escaper(*args: Any) -> str:
    """Content in a comment is dropped."""
    return ""


# --- JS -----------------------------------------------------------------------------------------

_LOW_UNICODE = {
    **{c: f"\\u{c:04x}" for c in range(0x20)},
    **_table({"\t": r"\t", "\n": r"\n", "\f": r"\f", "\r": r"\r"}),
    0x2028: r"\u2028",
    0x2029: r"\u2029",
}
_JS_STR_TABLE = {
    **_LOW_UNICODE,
    **_table(
        {
            '"': r"\u0022",
            "`": r"\u0060",
            "&": r"\u0026",
            "'": r"\u0027",
            "+": r"\u002b",
            "/": r"\/",
            "<": r"\u003c",
            ">": r"\u003e",
            "\\": r"\\",
        }
    ),
}
_JS_STR_NORM_TABLE = {k: v for k, v in _JS_STR_TABLE.items() if k != ord("\\")}
_JS_REGEXP_TABLE = {
    **_JS_STR_TABLE,
    **_table(
        {
            "$": r"\$",
            "(": r"\(",
            ")": r"\)",
            "*": r"\*",
            "-": r"\-",
            ".": r"\.",
            "?": r"\?",
            "[": r"\[",
            "]": r"\]",
            "^": r"\^",
            "{": r"\{",
            "|": r"\|",
            "}": r"\}",
        }
    ),
}
del _JS_REGEXP_TABLE[ord("`")]
_js_str_replace = _replacer(_JS_STR_TABLE)
_js_str_norm_replace = _replacer(_JS_STR_NORM_TABLE)
_js_regexp_replace = _replacer(_JS_REGEXP_TABLE)


def js_str_escaper(*args: Any) -> str:
    """Inside a quoted JS string."""
    if len(args) == 1 and type(args[0]) is str:
        return _js_str_replace(args[0])
    s, t = stringify(args)
    if t == _CT.JS_STR:
        return _js_str_norm_replace(s)
    return _js_str_replace(s)


def js_regexp_escaper(*args: Any) -> str:
    """Inside a JS regexp literal; ``(?:)`` for nothing."""
    s, _ = stringify(args)
    s = _js_regexp_replace(s)
    return s or "(?:)"


def js_val_escaper(*args: Any) -> str:
    """A JS expression: the JSON of the value, padded with spaces when it starts or ends
    like an identifier or number."""
    a: Any
    if len(args) == 1:
        a = args[0]
        t = type(a)
        if t is gofmt.JS:
            return str.__str__(a)
        if t is gofmt.JSStr:
            return '"' + str.__str__(a) + '"'
        if isinstance(a, gofmt.NamedInt):  # a fmt.Stringer and no json.Marshaler
            a = str(a)
    else:
        a = gofmt.sprint(*args)
    try:
        b = go_json(a)
    except _JSONError as e:
        msg = str(e).replace("*/", "* /")
        return f" /* {msg} */null "
    if is_js_ident_part(b[0]) or is_js_ident_part(b[-1]):
        return f" {b} "
    return b


class _JSONError(Exception):
    pass


_JSON_STR_TABLE = {
    **{c: f"\\u{c:04x}" for c in range(0x20)},
    **_table(
        {
            "\n": r"\n",
            "\r": r"\r",
            "\t": r"\t",
            '"': r"\"",
            "\\": r"\\",
            "<": r"\u003c",
            ">": r"\u003e",
            "&": r"\u0026",
        }
    ),
    0x2028: r"\u2028",
    0x2029: r"\u2029",
}
_json_str_replace = _replacer(_JSON_STR_TABLE)


def _json_str(s: str) -> str:
    return '"' + _json_str_replace(s) + '"'


def _json_float(f: float) -> str:
    if math.isnan(f) or math.isinf(f):
        raise _JSONError(f"json: unsupported value: {gofmt.format_float(f)}")
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        # repr has Go's shortest digits and exponent form, but for Go's "e-7" for "e-07"
        return repr(f).replace("e-0", "e-")
    return format(Decimal(repr(f)).normalize(), "f")


def _json_time(t: _dt.datetime) -> str:
    frac = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
    off = t.utcoffset()
    if off is None or not off:
        zone = "Z"
    else:
        secs = int(off.total_seconds())
        sign = "-" if secs < 0 else "+"
        zone = f"{sign}{abs(secs) // 3600:02d}:{abs(secs) % 3600 // 60:02d}"
    return f'"{t:%Y-%m-%dT%H:%M:%S}{frac}{zone}"'


def _json_struct(v: gofmt.GoStruct) -> str:
    hook = getattr(v, "go_json", None)
    if callable(hook):
        return go_json(hook())
    parts = [f"{_json_str(name)}:{go_json(v.go_field(name))}" for name in v.go_fields]
    return "{" + ",".join(parts) + "}"


def _json_key(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, int) and not isinstance(k, bool):
        return str(k)
    raise _JSONError(f"json: unsupported type: map[{gofmt.go_type_name(k)}]interface {{}}")


def go_json(v: Any) -> str:
    """``json.Marshal`` of a Go value as Go 1.19 writes it (HTML-safe, sorted map keys)."""
    if isinstance(v, str):
        return _json_str(v)
    if v is None or v is gofmt.MISSING:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))  # the number of a named integer type, not its String()
    if isinstance(v, float):
        return _json_float(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(go_json(x) for x in v) + "]"
    if isinstance(v, dict):
        items = sorted((_json_key(k), x) for k, x in v.items())
        return "{" + ",".join(f"{_json_str(k)}:{go_json(x)}" for k, x in items) + "}"
    if isinstance(v, gofmt.GoStruct):
        return _json_struct(v)
    if isinstance(v, _dt.datetime):
        return _json_time(v)
    if isinstance(v, (bytes, bytearray)):
        return '"' + base64.b64encode(bytes(v)).decode("ascii") + '"'
    return _json_str(gofmt.sprint(v))


# --- CSS ----------------------------------------------------------------------------------------

_CSS_TABLE = _table(
    {
        "\0": r"\0",
        "\t": r"\9",
        "\n": r"\a",
        "\f": r"\c",
        "\r": r"\d",
        '"': r"\22",
        "&": r"\26",
        "'": r"\27",
        "(": r"\28",
        ")": r"\29",
        "+": r"\2b",
        "/": r"\2f",
        ":": r"\3a",
        ";": r"\3b",
        "<": r"\3c",
        ">": r"\3e",
        "\\": r"\\",
        "{": r"\7b",
        "}": r"\7d",
    }
)
_CSS_SEARCH = _pattern(_CSS_TABLE)
_CSS_NEEDS_SPACE = frozenset("0123456789abcdefABCDEF\t\n\f\r ")


def css_escaper(*args: Any) -> str:
    """Inside a CSS string or identifier: ``\\hex`` escapes, a space after one when the next
    character could extend it."""
    s, _ = stringify(args)
    if _CSS_SEARCH.search(s) is None:
        return s
    out: list[str] = []
    written = 0
    for m in _CSS_SEARCH.finditer(s):
        i = m.start()
        repl = _CSS_TABLE[ord(s[i])]
        out.append(s[written:i])
        out.append(repl)
        written = i + 1
        if repl != "\\\\" and (written == len(s) or s[written] in _CSS_NEEDS_SPACE):
            out.append(" ")
    out.append(s[written:])
    return "".join(out)


_CSS_VALUE_BAD = frozenset("\0\"'()/;@[\\]`{}")


def css_value_filter(*args: Any) -> str:
    """A CSS value (``10px``, ``#fff``, ``blue``): anything else becomes ``ZgotmplZ``."""
    s, t = stringify(args)
    if t == _CT.CSS:
        return s
    b = decode_css(s)
    prev = ""
    ident: list[str] = []
    for ch in b:
        if ch in _CSS_VALUE_BAD or (ch == "-" and prev == "-"):
            return FILTER_FAILSAFE
        if ch < "\x80" and is_css_nmchar(ch):
            ident.append(ch)
        prev = ch
    word = "".join(ident).lower()
    if "expression" in word or "mozbinding" in word:
        return FILTER_FAILSAFE
    return b


# --- URLs ---------------------------------------------------------------------------------------

_URL_UNRESERVED = frozenset(b"-._~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_URL_RESERVED = frozenset(b"!#$&*+,/:;=?@[]")
_URL_PLAIN_NORM = re.compile(r"[-._~a-zA-Z0-9!#$&*+,/:;=?@\[\]]*")
_URL_PLAIN = re.compile(r"[-._~a-zA-Z0-9]*")
_HEX_BYTES = frozenset(b"0123456789abcdefABCDEF")


def is_safe_url(s: str) -> bool:
    """A relative URL, or one with scheme http, https or mailto."""
    protocol, colon, _ = s.partition(":")
    if colon and "/" not in protocol:
        return protocol.casefold() in ("http", "https", "mailto")
    return True


def url_filter(*args: Any) -> str:
    """The URL itself, or ``#ZgotmplZ`` for an unsafe scheme."""
    if len(args) == 1 and type(args[0]) is str:
        s, t = args[0], _CT.PLAIN
    else:
        s, t = stringify(args)
    if t == _CT.URL or is_safe_url(s):
        return s
    return "#" + FILTER_FAILSAFE


def process_url(s: str, norm: bool) -> str:
    """Percent-encode ``s`` (as UTF-8) for a URL; when normalising, keep reserved
    characters and valid ``%xx`` escapes."""
    if (_URL_PLAIN_NORM if norm else _URL_PLAIN).fullmatch(s) is not None:
        return s
    b = s.encode("utf-8", "surrogatepass")
    out: list[str] = []
    written = 0
    for i, c in enumerate(b):
        if c in _URL_UNRESERVED or (norm and c in _URL_RESERVED):
            continue
        if (
            c == 0x25
            and norm
            and i + 2 < len(b)
            and b[i + 1] in _HEX_BYTES
            and (b[i + 2] in _HEX_BYTES)
        ):
            continue
        out.append(b[written:i].decode("utf-8", "surrogatepass"))
        out.append(f"%{c:02x}")
        written = i + 1
    out.append(b[written:].decode("utf-8", "surrogatepass"))
    return "".join(out)


def url_escaper(*args: Any) -> str:
    """A URL query part: everything but unreserved characters percent-encoded."""
    s, t = stringify(args)
    return process_url(s, t == _CT.URL)


def url_normalizer(*args: Any) -> str:
    """A URL (or its path): characters that may not appear in a URL percent-encoded."""
    s = args[0] if len(args) == 1 and type(args[0]) is str else stringify(args)[0]
    return process_url(s, True)


_HTML_SPACE = frozenset("\t\n\f\r ")
_METADATA_OK = re.compile(r"[\t\n\f\r 0-9A-Za-z]*")


def srcset_escaper(*args: Any) -> str:
    """A ``srcset`` value: each comma-separated URL filtered and normalised."""
    s, t = stringify(args)
    if t == _CT.SRCSET:
        return s
    if t == _CT.URL:
        return process_url(s, True).replace(",", "%2c")
    return ",".join(_filter_srcset_element(part) for part in s.split(","))


def _filter_srcset_element(s: str) -> str:
    start, right = 0, len(s)
    while start < right and s[start] in _HTML_SPACE:
        start += 1
    end = start
    while end < right and s[end] not in _HTML_SPACE:
        end += 1
    url = s[start:end]
    if is_safe_url(url) and _METADATA_OK.fullmatch(s, end) is not None:
        return s[:start] + process_url(url, True) + s[end:]
    return "#" + FILTER_FAILSAFE


# --- text/template's predefined escapers --------------------------------------------------------

_NO_VALUE = "<no value>"


def eval_args(*args: Any) -> str:
    """text/template's ``evalArgs``: ``fmt.Sprint`` with nil printed as ``<no value>``."""
    if len(args) == 1 and type(args[0]) is str:
        return str(args[0])
    return gofmt.sprint(*(_NO_VALUE if a is None or a is gofmt.MISSING else a for a in args))


def html_eval_args(*args: Any) -> str:
    """html/template's ``evalArgs`` (``_eval_args_``): ``fmt.Sprint`` of the arguments."""
    if len(args) == 1 and isinstance(args[0], str):
        return str.__str__(args[0])
    return gofmt.sprint(*args)


_TEXT_HTML_TABLE = _table(
    {"\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}
)
_text_html_replace = _replacer(_TEXT_HTML_TABLE)


def html_builtin(*args: Any) -> str:
    """The ``html`` builtin (``template.HTMLEscaper``)."""
    return _text_html_replace(eval_args(*args))


_QUERY_PLAIN = re.compile(r"[-._~a-zA-Z0-9]*")


def urlquery_builtin(*args: Any) -> str:
    """The ``urlquery`` builtin (``url.QueryEscape`` of the arguments' text)."""
    s = eval_args(*args)
    if _QUERY_PLAIN.fullmatch(s) is not None:
        return s
    out = []
    for c in s.encode("utf-8", "surrogatepass"):
        if c in _URL_UNRESERVED:
            out.append(chr(c))
        elif c == 0x20:
            out.append("+")
        else:
            out.append(f"%{c:02X}")
    return "".join(out)


# A rewritten pipeline calls _eval_args_ as a function ({{_eval_args_ .A .B | html}}).
register("_eval_args_", variadic="any")(html_eval_args)

ESCAPERS: Final[dict[str, Callable[..., str]]] = {
    "_html_template_attrescaper": attr_escaper,
    "_html_template_commentescaper": comment_escaper,
    "_html_template_cssescaper": css_escaper,
    "_html_template_cssvaluefilter": css_value_filter,
    "_html_template_htmlnamefilter": html_name_filter,
    "_html_template_htmlescaper": html_escaper,
    "_html_template_jsregexpescaper": js_regexp_escaper,
    "_html_template_jsstrescaper": js_str_escaper,
    "_html_template_jsvalescaper": js_val_escaper,
    "_html_template_nospaceescaper": nospace_escaper,
    "_html_template_rcdataescaper": rcdata_escaper,
    "_html_template_srcsetescaper": srcset_escaper,
    "_html_template_urlescaper": url_escaper,
    "_html_template_urlfilter": url_filter,
    "_html_template_urlnormalizer": url_normalizer,
    "_eval_args_": html_eval_args,
    "html": html_builtin,
    "urlquery": urlquery_builtin,
}
