"""The HTML/CSS/JS context state machine of Go's ``html/template`` (Go 1.19).

A :class:`Context` says where an HTML parser is when it reaches a point of the template's
output: in text, inside a tag, in a quoted attribute value that holds a URL, in a JS string
inside ``<script>``, and so on. The transition functions move a context over template text;
:func:`context_after_text` is the step the escaper repeats over a text node.

Transition functions take ``(context, text, start, stop)`` and consume a prefix of
``text[start:stop]``; they return the new context and the position after what they consumed.
Positions are counted in characters where Go counts bytes; every decision here is made on
ASCII characters, so the two agree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blaster.gotemplate.nodes import Node


class State(IntEnum):
    """Go's ``state``: the high-level parser state."""

    TEXT = 0
    TAG = 1
    ATTR_NAME = 2
    AFTER_NAME = 3
    BEFORE_VALUE = 4
    HTML_CMT = 5
    RCDATA = 6
    ATTR = 7
    URL = 8
    SRCSET = 9
    JS = 10
    JS_DQ_STR = 11
    JS_SQ_STR = 12
    JS_BQ_STR = 13
    JS_REGEXP = 14
    JS_BLOCK_CMT = 15
    JS_LINE_CMT = 16
    CSS = 17
    CSS_DQ_STR = 18
    CSS_SQ_STR = 19
    CSS_DQ_URL = 20
    CSS_SQ_URL = 21
    CSS_URL = 22
    CSS_BLOCK_CMT = 23
    CSS_LINE_CMT = 24
    ERROR = 25
    DEAD = 26

    def __str__(self) -> str:
        return _STATE_NAMES[self]


_STATE_NAMES = [
    "stateText",
    "stateTag",
    "stateAttrName",
    "stateAfterName",
    "stateBeforeValue",
    "stateHTMLCmt",
    "stateRCDATA",
    "stateAttr",
    "stateURL",
    "stateSrcset",
    "stateJS",
    "stateJSDqStr",
    "stateJSSqStr",
    "stateJSBqStr",
    "stateJSRegexp",
    "stateJSBlockCmt",
    "stateJSLineCmt",
    "stateCSS",
    "stateCSSDqStr",
    "stateCSSSqStr",
    "stateCSSDqURL",
    "stateCSSSqURL",
    "stateCSSURL",
    "stateCSSBlockCmt",
    "stateCSSLineCmt",
    "stateError",
    "stateDead",
]


class Delim(IntEnum):
    """What ends the current attribute value."""

    NONE = 0
    DOUBLE_QUOTE = 1
    SINGLE_QUOTE = 2
    SPACE_OR_TAG_END = 3

    def __str__(self) -> str:
        return ("delimNone", "delimDoubleQuote", "delimSingleQuote", "delimSpaceOrTagEnd")[self]


class UrlPart(IntEnum):
    """Where in a URL: before the query, in the query or fragment, or unknown."""

    NONE = 0
    PRE_QUERY = 1
    QUERY_OR_FRAG = 2
    UNKNOWN = 3

    def __str__(self) -> str:
        return ("urlPartNone", "urlPartPreQuery", "urlPartQueryOrFrag", "urlPartUnknown")[self]


class JsCtx(IntEnum):
    """Whether a ``/`` in JS would start a regexp or a division."""

    REGEXP = 0
    DIV_OP = 1
    UNKNOWN = 2

    def __str__(self) -> str:
        return ("jsCtxRegexp", "jsCtxDivOp", "jsCtxUnknown")[self]


class Attr(IntEnum):
    """The kind of the attribute being parsed."""

    NONE = 0
    SCRIPT = 1
    SCRIPT_TYPE = 2
    STYLE = 3
    URL = 4
    SRCSET = 5

    def __str__(self) -> str:
        return (
            "attrNone",
            "attrScript",
            "attrScriptType",
            "attrStyle",
            "attrURL",
            "attrSrcset",
        )[self]


class Element(IntEnum):
    """The special element whose start tag or body we are in."""

    NONE = 0
    SCRIPT = 1
    STYLE = 2
    TEXTAREA = 3
    TITLE = 4

    def __str__(self) -> str:
        return (
            "elementNone",
            "elementScript",
            "elementStyle",
            "elementTextarea",
            "elementTitle",
        )[self]


class EscapeError:
    """An escaping error (Go's ``*Error``): compared by identity, as Go compares pointers.

    ``node`` is where Go reports it; ``line_node`` stands in for Go's bare line number (set
    for range-loop errors); ``text_node`` is the text node an HTML error arose in, used as
    the position when Go gives none."""

    __slots__ = ("description", "line_node", "node", "text_node")

    def __init__(self, description: str, node: Node | None = None) -> None:
        self.description = description
        self.node = node
        self.line_node: Node | None = None
        self.text_node: Node | None = None

    def position(self) -> tuple[int, int]:
        for n in (self.node, self.line_node, self.text_node):
            if n is not None:
                return n.line, n.col
        return 0, 0

    def __str__(self) -> str:
        return f"html/template: {self.description}"


@dataclass(frozen=True, slots=True)
class Context:
    """Go's ``context``; equality is Go's ``eq`` (``node`` is not compared)."""

    state: State = State.TEXT
    delim: Delim = Delim.NONE
    url_part: UrlPart = UrlPart.NONE
    js_ctx: JsCtx = JsCtx.REGEXP
    attr: Attr = Attr.NONE
    element: Element = Element.NONE
    node: Node | None = field(default=None, compare=False)
    err: EscapeError | None = None

    def __str__(self) -> str:
        err = "<nil>" if self.err is None else str(self.err)
        return (
            f"{{{self.state} {self.delim} {self.url_part} {self.js_ctx} {self.attr} "
            f"{self.element} {err}}}"
        )

    def mangle(self, name: str) -> str:
        """The name of the copy of template ``name`` escaped for this start context."""
        if self.state == State.TEXT:
            return name
        s = f"{name}$htmltemplate_{self.state}"
        if self.delim != Delim.NONE:
            s += f"_{self.delim}"
        if self.url_part != UrlPart.NONE:
            s += f"_{self.url_part}"
        if self.js_ctx != JsCtx.REGEXP:
            s += f"_{self.js_ctx}"
        if self.attr != Attr.NONE:
            s += f"_{self.attr}"
        if self.element != Element.NONE:
            s += f"_{self.element}"
        return s


TEXT_CONTEXT = Context()


def error_context(description: str, node: Node | None = None) -> Context:
    """An error context carrying a fresh :class:`EscapeError`."""
    return Context(state=State.ERROR, err=EscapeError(description, node))


_COMMENT_STATES = frozenset(
    {
        State.HTML_CMT,
        State.JS_BLOCK_CMT,
        State.JS_LINE_CMT,
        State.CSS_BLOCK_CMT,
        State.CSS_LINE_CMT,
    }
)
_IN_TAG_STATES = frozenset(
    {State.TAG, State.ATTR_NAME, State.AFTER_NAME, State.BEFORE_VALUE, State.ATTR}
)


def is_comment(state: State) -> bool:
    return state in _COMMENT_STATES


def is_in_tag(state: State) -> bool:
    return state in _IN_TAG_STATES


# --- Go's %q ------------------------------------------------------------------------------------

_GO_ESCAPES = {
    "\a": r"\a",
    "\b": r"\b",
    "\f": r"\f",
    "\n": r"\n",
    "\r": r"\r",
    "\t": r"\t",
    "\v": r"\v",
    '"': r"\"",
    "\\": r"\\",
}


def go_quote(s: str, precision: int | None = None) -> str:
    """``fmt.Sprintf("%q", s)`` (``%.Nq`` with ``precision``)."""
    if precision is not None:
        s = s[:precision]
    out = ['"']
    for ch in s:
        esc = _GO_ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


# --- attribute kinds (attr.go) ------------------------------------------------------------------


class ContentType(IntEnum):
    """Go's ``contentType``."""

    PLAIN = 0
    CSS = 1
    HTML = 2
    HTML_ATTR = 3
    JS = 4
    JS_STR = 5
    URL = 6
    SRCSET = 7
    UNSAFE = 8


_P, _U, _URL = ContentType.PLAIN, ContentType.UNSAFE, ContentType.URL
_ATTR_TYPES: dict[str, ContentType] = {
    **dict.fromkeys(
        [
            "accept",
            "alt",
            "autocomplete",
            "autofocus",
            "autoplay",
            "border",
            "checked",
            "class",
            "cols",
            "colspan",
            "contenteditable",
            "contextmenu",
            "controls",
            "coords",
            "datetime",
            "default",
            "dir",
            "dirname",
            "disabled",
            "draggable",
            "dropzone",
            "for",
            "formtarget",
            "headers",
            "height",
            "hidden",
            "high",
            "hreflang",
            "id",
            "ismap",
            "kind",
            "label",
            "lang",
            "list",
            "loop",
            "low",
            "max",
            "maxlength",
            "media",
            "mediagroup",
            "min",
            "multiple",
            "name",
            "open",
            "optimum",
            "placeholder",
            "preload",
            "pubdate",
            "radiogroup",
            "readonly",
            "required",
            "reversed",
            "rows",
            "rowspan",
            "spellcheck",
            "scope",
            "scoped",
            "seamless",
            "selected",
            "shape",
            "size",
            "sizes",
            "span",
            "srclang",
            "start",
            "step",
            "tabindex",
            "target",
            "title",
            "width",
            "wrap",
        ],
        _P,
    ),
    **dict.fromkeys(
        [
            "accept-charset",
            "async",
            "challenge",
            "charset",
            "content",
            "crossorigin",
            "defer",
            "enctype",
            "form",
            "formenctype",
            "formmethod",
            "formnovalidate",
            "http-equiv",
            "keytype",
            "language",
            "method",
            "novalidate",
            "pattern",
            "rel",
            "sandbox",
            "type",
            "value",
        ],
        _U,
    ),
    **dict.fromkeys(
        [
            "action",
            "archive",
            "background",
            "cite",
            "classid",
            "codebase",
            "data",
            "formaction",
            "href",
            "icon",
            "longdesc",
            "manifest",
            "poster",
            "profile",
            "src",
            "usemap",
            "xmlns",
        ],
        _URL,
    ),
    "srcdoc": ContentType.HTML,
    "srcset": ContentType.SRCSET,
    "style": ContentType.CSS,
}


def attr_type(name: str) -> ContentType:
    """A conservative guess at the content type of the lower-case attribute ``name``."""
    if name.startswith("data-"):
        name = name[5:]
    elif ":" in name:
        prefix, _, short = name.partition(":")
        if prefix == "xmlns":
            return ContentType.URL
        name = short
    known = _ATTR_TYPES.get(name)
    if known is not None:
        return known
    if name.startswith("on"):
        return ContentType.JS
    if "src" in name or "uri" in name or "url" in name:
        return ContentType.URL
    return ContentType.PLAIN


_ATTR_OF_TYPE = {
    ContentType.URL: Attr.URL,
    ContentType.CSS: Attr.STYLE,
    ContentType.JS: Attr.SCRIPT,
    ContentType.SRCSET: Attr.SRCSET,
}


# --- small scanners -----------------------------------------------------------------------------

_SPACE = " \t\n\f\r"
_ALPHA = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ALNUM = _ALPHA | frozenset("0123456789")
_HEX = frozenset("0123456789abcdefABCDEF")
_ELEMENTS = {
    "script": Element.SCRIPT,
    "style": Element.STYLE,
    "textarea": Element.TEXTAREA,
    "title": Element.TITLE,
}


def eat_white_space(s: str, i: int, n: int) -> int:
    while i < n and s[i] in _SPACE:
        i += 1
    return i


def eat_tag_name(s: str, i: int, n: int) -> tuple[int, Element]:
    """The end of the tag name starting at ``i`` (``i`` itself if there is none)."""
    if i == n or s[i] not in _ALPHA:
        return i, Element.NONE
    j = i + 1
    while j < n:
        x = s[j]
        if x in _ALNUM:
            j += 1
        elif x in ":-" and j + 1 < n and s[j + 1] in _ALNUM:
            j += 2
        else:
            break
    return j, _ELEMENTS.get(s[i:j].lower(), Element.NONE)


_ATTR_NAME_END = re.compile(r"[ \t\n\f\r=>'\"<]")


def eat_attr_name(s: str, i: int, n: int, start: int) -> tuple[int, EscapeError | None]:
    """The end of the attribute name starting at ``i``, or an error for a quote or ``<``
    in it (``start`` is where the transition's input began, for the message)."""
    m = _ATTR_NAME_END.search(s, i, n)
    if m is None:
        return n, None
    j = m.start()
    if s[j] in "'\"<":
        msg = f"{go_quote(s[j])} in attribute name: {go_quote(s[start:n], 32)}"
        return -1, EscapeError(msg)
    return j, None


def _error(err: EscapeError, n: int) -> tuple[Context, int]:
    return Context(state=State.ERROR, err=err), n


# --- transitions: HTML --------------------------------------------------------------------------


def t_text(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    k = i
    while True:
        j = s.find("<", k, n)
        if j < 0 or j + 1 == n:
            return c, n
        if s.startswith("<!--", j, n):
            return Context(state=State.HTML_CMT), j + 4
        j += 1
        end = False
        if s[j] == "/":
            if j + 1 == n:
                return c, n
            end, j = True, j + 1
        k, element = eat_tag_name(s, j, n)
        if k != j:
            return Context(state=State.TAG, element=Element.NONE if end else element), k


_ELEMENT_CONTENT = {
    Element.NONE: State.TEXT,
    Element.SCRIPT: State.JS,
    Element.STYLE: State.CSS,
    Element.TEXTAREA: State.RCDATA,
    Element.TITLE: State.RCDATA,
}


def t_tag(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    start = i
    i = eat_white_space(s, i, n)
    if i == n:
        return c, n
    if s[i] == ">":
        return Context(state=_ELEMENT_CONTENT[c.element], element=c.element), i + 1
    j, err = eat_attr_name(s, i, n, start)
    if err is not None:
        return _error(err, n)
    if i == j:
        msg = f"expected space, attr name, or end of tag, but got {go_quote(s[i:n])}"
        return _error(EscapeError(msg), n)
    name = s[i:j].lower()
    if c.element == Element.SCRIPT and name == "type":
        attr = Attr.SCRIPT_TYPE
    else:
        attr = _ATTR_OF_TYPE.get(attr_type(name), Attr.NONE)
    state = State.ATTR_NAME if j == n else State.AFTER_NAME
    return Context(state=state, element=c.element, attr=attr), j


def t_attr_name(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    j, err = eat_attr_name(s, i, n, i)
    if err is not None:
        return _error(err, n)
    if j != n:
        c = replace(c, state=State.AFTER_NAME)
    return c, j


def t_after_name(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    i = eat_white_space(s, i, n)
    if i == n:
        return c, n
    if s[i] != "=":
        return replace(c, state=State.TAG), i
    return replace(c, state=State.BEFORE_VALUE), i + 1


ATTR_START_STATES = {
    Attr.NONE: State.ATTR,
    Attr.SCRIPT: State.JS,
    Attr.SCRIPT_TYPE: State.ATTR,
    Attr.STYLE: State.CSS,
    Attr.URL: State.URL,
    Attr.SRCSET: State.SRCSET,
}


def t_before_value(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    i = eat_white_space(s, i, n)
    if i == n:
        return c, n
    delim = Delim.SPACE_OR_TAG_END
    if s[i] == "'":
        delim, i = Delim.SINGLE_QUOTE, i + 1
    elif s[i] == '"':
        delim, i = Delim.DOUBLE_QUOTE, i + 1
    return replace(c, state=ATTR_START_STATES[c.attr], delim=delim), i


def t_html_cmt(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    j = s.find("-->", i, n)
    if j != -1:
        return TEXT_CONTEXT, j + 3
    return c, n


_END_MARKERS = {
    Element.SCRIPT: "script",
    Element.STYLE: "style",
    Element.TEXTAREA: "textarea",
    Element.TITLE: "title",
}
_TAG_END_SEPARATORS = "> \t\n\f/"


def index_tag_end(s: str, i: int, n: int, tag: str) -> int:
    """The position of the first ``</tag`` (any case, then a separator) in ``s[i:n]``."""
    size = len(tag)
    while i < n:
        j = s.find("</", i, n)
        if j == -1:
            return -1
        i = j + 2
        if i + size <= n and s[i : i + size].lower() == tag:
            i += size
            if i < n and s[i] in _TAG_END_SEPARATORS:
                return j
    return -1


def t_special_tag_end(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    if c.element != Element.NONE:
        j = index_tag_end(s, i, n, _END_MARKERS[c.element])
        if j != -1:
            return TEXT_CONTEXT, j
    return c, n


def t_attr(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    return c, n


def t_url(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    if s.find("#", i, n) != -1 or s.find("?", i, n) != -1:
        c = replace(c, url_part=UrlPart.QUERY_OR_FRAG)
    elif eat_white_space(s, i, n) != n and c.url_part == UrlPart.NONE:
        c = replace(c, url_part=UrlPart.PRE_QUERY)
    return c, n


def t_error(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    return c, n


# --- transitions: JS ----------------------------------------------------------------------------

_JS_SPECIAL = re.compile(r"[\"`'/]")
_JS_TRIM = "\t\n\f\r \u2028\u2029"
_JS_IDENT = frozenset("$_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_REGEXP_PRECEDERS = frozenset(
    [
        "break",
        "case",
        "continue",
        "delete",
        "do",
        "else",
        "finally",
        "in",
        "instanceof",
        "return",
        "throw",
        "try",
        "typeof",
        "void",
    ]
)
_REGEXP_AFTER = frozenset(",<>=*%&|^?!~([:;{}")


def is_js_ident_part(ch: str) -> bool:
    return ch in _JS_IDENT


def next_js_ctx(s: str, preceding: JsCtx) -> JsCtx:
    """Whether a ``/`` after the JS tokens ``s`` starts a regexp or a division."""
    s = s.rstrip(_JS_TRIM)
    if not s:
        return preceding
    last, n = s[-1], len(s)
    if last in "+-":
        start = n - 1
        while start > 0 and s[start - 1] == last:
            start -= 1
        return JsCtx.REGEXP if (n - start) & 1 else JsCtx.DIV_OP
    if last == ".":
        return JsCtx.DIV_OP if n != 1 and "0" <= s[-2] <= "9" else JsCtx.REGEXP
    if last in _REGEXP_AFTER:
        return JsCtx.REGEXP
    j = n
    while j > 0 and s[j - 1] in _JS_IDENT:
        j -= 1
    if s[j:] in _REGEXP_PRECEDERS:
        return JsCtx.REGEXP
    return JsCtx.DIV_OP


_JS_QUOTE_STATES = {'"': State.JS_DQ_STR, "'": State.JS_SQ_STR, "`": State.JS_BQ_STR}


def t_js(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    m = _JS_SPECIAL.search(s, i, n)
    if m is None:
        return replace(c, js_ctx=next_js_ctx(s[i:n], c.js_ctx)), n
    j = m.start()
    js_ctx = next_js_ctx(s[i:j], c.js_ctx)
    ch = s[j]
    if ch != "/":
        return replace(c, state=_JS_QUOTE_STATES[ch], js_ctx=JsCtx.REGEXP), j + 1
    nxt = s[j + 1] if j + 1 < n else ""
    if nxt == "/":
        return replace(c, state=State.JS_LINE_CMT, js_ctx=js_ctx), j + 2
    if nxt == "*":
        return replace(c, state=State.JS_BLOCK_CMT, js_ctx=js_ctx), j + 2
    if js_ctx == JsCtx.REGEXP:
        return replace(c, state=State.JS_REGEXP, js_ctx=js_ctx), j + 1
    if js_ctx == JsCtx.DIV_OP:
        return replace(c, js_ctx=JsCtx.REGEXP), j + 1
    msg = f"'/' could start a division or regexp: {go_quote(s[j:n], 32)}"
    return _error(EscapeError(msg), n)


_JS_DELIMITED_SPECIALS = {
    State.JS_DQ_STR: re.compile(r'[\\"]'),
    State.JS_SQ_STR: re.compile(r"[\\']"),
    State.JS_BQ_STR: re.compile(r"[\\`]"),
    State.JS_REGEXP: re.compile(r"[\\/\[\]]"),
}


def t_js_delimited(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    specials = _JS_DELIMITED_SPECIALS[c.state]
    k, in_charset = i, False
    while (m := specials.search(s, k, n)) is not None:
        j = m.start()
        ch = s[j]
        if ch == "\\":
            j += 1
            if j == n:
                msg = f"unfinished escape sequence in JS string: {go_quote(s[i:n])}"
                return _error(EscapeError(msg), n)
        elif ch == "[":
            in_charset = True
        elif ch == "]":
            in_charset = False
        elif not in_charset:
            return replace(c, state=State.JS, js_ctx=JsCtx.DIV_OP), j + 1
        k = j + 1
    if in_charset:
        msg = f"unfinished JS regexp charset: {go_quote(s[i:n])}"
        return _error(EscapeError(msg), n)
    return c, n


_CMT_END_STATES = {State.JS_BLOCK_CMT: State.JS, State.CSS_BLOCK_CMT: State.CSS}


def t_block_cmt(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    j = s.find("*/", i, n)
    if j == -1:
        return c, n
    return replace(c, state=_CMT_END_STATES[c.state]), j + 2


_LINE_TERMINATORS = {
    State.JS_LINE_CMT: (re.compile("[\n\r\u2028\u2029]"), State.JS),
    State.CSS_LINE_CMT: (re.compile("[\n\f\r]"), State.CSS),
}


def t_line_cmt(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    pattern, end_state = _LINE_TERMINATORS[c.state]
    m = pattern.search(s, i, n)
    if m is None:
        return c, n
    return replace(c, state=end_state), m.start()


# --- transitions: CSS ---------------------------------------------------------------------------

_CSS_SPECIAL = re.compile(r"[(\"'/]")
_CSS_SPACE = "\t\n\f\r "


def is_css_nmchar(ch: str) -> bool:
    """Whether ``ch`` may appear anywhere in a CSS identifier."""
    if ch in _ALNUM or ch in "-_":
        return True
    o = ord(ch)
    return 0x80 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF


def ends_with_css_keyword(b: str, kw: str) -> bool:
    i = len(b) - len(kw)
    if i < 0:
        return False
    if i != 0 and is_css_nmchar(b[i - 1]):
        return False
    return b[i:].lower() == kw


def t_css(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    k = i
    while (m := _CSS_SPECIAL.search(s, k, n)) is not None:
        j = m.start()
        ch = s[j]
        if ch == "(":
            if ends_with_css_keyword(s[i:j].rstrip(_CSS_SPACE), "url"):
                return _css_url_start(c, s, j + 1, n)
        elif ch == "/":
            nxt = s[j + 1] if j + 1 < n else ""
            if nxt == "/":
                return replace(c, state=State.CSS_LINE_CMT), j + 2
            if nxt == "*":
                return replace(c, state=State.CSS_BLOCK_CMT), j + 2
        elif ch == '"':
            return replace(c, state=State.CSS_DQ_STR), j + 1
        else:
            return replace(c, state=State.CSS_SQ_STR), j + 1
        k = j + 1
    return c, n


def _css_url_start(c: Context, s: str, j: int, n: int) -> tuple[Context, int]:
    while j < n and s[j] in _CSS_SPACE:
        j += 1
    if j != n and s[j] == '"':
        return replace(c, state=State.CSS_DQ_URL), j + 1
    if j != n and s[j] == "'":
        return replace(c, state=State.CSS_SQ_URL), j + 1
    return replace(c, state=State.CSS_URL), j


_CSS_STR_END = {
    State.CSS_DQ_STR: re.compile(r'[\\"]'),
    State.CSS_DQ_URL: re.compile(r'[\\"]'),
    State.CSS_SQ_STR: re.compile(r"[\\']"),
    State.CSS_SQ_URL: re.compile(r"[\\']"),
    State.CSS_URL: re.compile(r"[\\\t\n\f\r )]"),
}


def t_css_str(c: Context, s: str, i: int, n: int) -> tuple[Context, int]:
    end_and_esc = _CSS_STR_END[c.state]
    k = i
    while True:
        m = end_and_esc.search(s, k, n)
        if m is None:
            decoded = decode_css(s[k:n])
            c, nread = t_url(c, decoded, 0, len(decoded))
            return c, k + nread
        j = m.start()
        if s[j] != "\\":
            return replace(c, state=State.CSS), j + 1
        j += 1
        if j == n:
            msg = f"unfinished escape sequence in CSS string: {go_quote(s[i:n])}"
            return _error(EscapeError(msg), n)
        decoded = decode_css(s[i : j + 1])
        c, _ = t_url(c, decoded, 0, len(decoded))
        k = j + 1


def decode_css(s: str) -> str:
    """Decode the CSS3 escapes in a run of string characters."""
    if "\\" not in s:
        return s
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        j = s.find("\\", i)
        if j == -1:
            j = n
        out.append(s[i:j])
        i = j
        if n - i < 2:
            break
        if s[i + 1] in _HEX:
            i = _decode_css_hex(s, i, out)
        else:
            out.append(s[i + 1])
            i += 2
    return "".join(out)


def _decode_css_hex(s: str, i: int, out: list[str]) -> int:
    """Decode the hex escape at ``s[i]`` (a backslash) onto ``out``; return the position
    after it and the one optional white space that may follow it."""
    j = i + 2
    while j < len(s) and j < i + 7 and s[j] in _HEX:
        j += 1
    r = int(s[i + 1 : j], 16)
    if r > 0x10FFFF:
        r, j = r // 16, j - 1
    out.append("\ufffd" if 0xD800 <= r <= 0xDFFF else chr(r))
    if j < len(s):
        if s[j] in "\t\n\f ":
            j += 1
        elif s[j] == "\r":
            j += 2 if j + 1 < len(s) and s[j + 1] == "\n" else 1
    return j


Transition = Callable[[Context, str, int, int], tuple[Context, int]]

TRANSITIONS: dict[State, Transition] = {
    State.TEXT: t_text,
    State.TAG: t_tag,
    State.ATTR_NAME: t_attr_name,
    State.AFTER_NAME: t_after_name,
    State.BEFORE_VALUE: t_before_value,
    State.HTML_CMT: t_html_cmt,
    State.RCDATA: t_special_tag_end,
    State.ATTR: t_attr,
    State.URL: t_url,
    State.SRCSET: t_url,
    State.JS: t_js,
    State.JS_DQ_STR: t_js_delimited,
    State.JS_SQ_STR: t_js_delimited,
    State.JS_BQ_STR: t_js_delimited,
    State.JS_REGEXP: t_js_delimited,
    State.JS_BLOCK_CMT: t_block_cmt,
    State.JS_LINE_CMT: t_line_cmt,
    State.CSS: t_css,
    State.CSS_DQ_STR: t_css_str,
    State.CSS_SQ_STR: t_css_str,
    State.CSS_DQ_URL: t_css_str,
    State.CSS_SQ_URL: t_css_str,
    State.CSS_URL: t_css_str,
    State.CSS_BLOCK_CMT: t_block_cmt,
    State.CSS_LINE_CMT: t_line_cmt,
    State.ERROR: t_error,
}


# --- one step over template text ----------------------------------------------------------------

DELIM_ENDS = {
    Delim.DOUBLE_QUOTE: re.compile('"'),
    Delim.SINGLE_QUOTE: re.compile("'"),
    Delim.SPACE_OR_TAG_END: re.compile("[ \t\n\f\r>]"),
}
_UNQUOTED_BAD = re.compile("[\"'<=`]")
_JS_TYPES = frozenset(
    [
        "application/ecmascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/x-ecmascript",
        "application/x-javascript",
        "module",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    ]
)


#: the characters of Go's ``unicode.IsSpace``
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def is_js_type(mime: str) -> bool:
    """Whether a ``<script type=...>`` value means JavaScript (or JSON)."""
    return mime.partition(";")[0].lower().strip(_GO_SPACE) in _JS_TYPES


def context_after_text(c: Context, s: str, i: int) -> tuple[Context, int]:
    """Consume some of ``s[i:]`` from context ``c``; return the new context and position."""
    n = len(s)
    if c.delim == Delim.NONE:
        c1, j = t_special_tag_end(c, s, i, n)
        if j == i:
            return c1, i
        return TRANSITIONS[c.state](c, s, i, j)
    m = DELIM_ENDS[c.delim].search(s, i)
    j = n if m is None else m.start()
    if c.delim == Delim.SPACE_OR_TAG_END:
        bad = _UNQUOTED_BAD.search(s, i, j)
        if bad is not None:
            k = bad.start()
            msg = f"{go_quote(s[k])} in unquoted attr: {go_quote(s[i:j])}"
            return _error(EscapeError(msg), n)
    if j == n:
        return _through_attr_value(c, html.unescape(s[i:])), n
    element = c.element
    if (
        c.state == State.ATTR
        and c.element == Element.SCRIPT
        and c.attr == Attr.SCRIPT_TYPE
        and not is_js_type(s[i:j])
    ):
        element = Element.NONE
    if c.delim != Delim.SPACE_OR_TAG_END:
        j += 1
    return Context(state=State.TAG, element=element), j


def _through_attr_value(c: Context, u: str) -> Context:
    """Run the transitions over the (entity-decoded) rest of an attribute value."""
    i, n = 0, len(u)
    while i < n:
        c1, i1 = TRANSITIONS[c.state](c, u, i, n)
        if i1 == i and c1 == c:
            raise RuntimeError(f"no progress in {c} on {u[i:]!r}")
        c, i = c1, i1
    return c
