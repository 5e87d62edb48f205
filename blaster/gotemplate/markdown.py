"""Markdown to HTML exactly as listmonk converts ``markdown`` campaign bodies.

listmonk runs goldmark (Go) with auto heading IDs, XHTML output, raw HTML kept, and the
Table, Strikethrough, TaskList and Typographer extensions (double quotes mapped back to a
plain ``"`` so that Go template tags survive).  :func:`goldmark_html` reproduces that
output on top of markdown-it-py's CommonMark parser:

- goldmark's typographer (``&ndash;`` ``&mdash;`` ``&hellip;`` ``&lsquo;`` ``&rsquo;``
  ``&laquo;`` ``&raquo;``) with its own rules for quotes and apostrophes;
- goldmark's tables, parsed from paragraph lines as goldmark's paragraph transformer does,
  with ``align`` attributes;
- task-list check boxes in the first block of a list item, auto heading IDs, ``<del>``;
- goldmark's URL escaping, autolinks, and its raw-text image ``alt`` attributes.

The source is converted as is: Go template tags are plain text here.

Known differences (goldmark quirks, see ``KNOWN_DIFFERENCES`` in the tests): a list stays
tight in goldmark when the only blank line in an item precedes a table; goldmark makes an
empty item followed by an indented list two sibling items; and a link reference definition
followed directly by a list that cannot interrupt a paragraph (``2) item``) leaves that
line as paragraph text in goldmark.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, escape, html_inline, image
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

__all__ = ["goldmark_html"]

_TASK_KEY = "_goldmark_task_item"
_COUNTER_KEY = "_goldmark_quotes"
_CELL_KEY = "goldmark_cell"
_IMAGE_KEY = "_goldmark_images"
_ORIGIN_ATTR = "_goldmark_origin"
_BACKSLASH = "goldmark_backslash"

# --- character classes, as goldmark's util and Go's unicode packages define them ---------

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BYTE_SPACE = frozenset("\t\n\r ")
_GO_SPACE_LATIN1 = frozenset("\t\n\v\f\r \x85\xa0")


def _go_is_punct(ch: str) -> bool:
    """Go's ``unicode.IsPunct``: Unicode category P."""
    return unicodedata.category(ch).startswith("P")


def _go_is_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace``."""
    if ord(ch) < 0x100:
        return ch in _GO_SPACE_LATIN1
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def _go_is_letter(ch: str) -> bool:
    return ch.isalpha()


def _go_is_digit(ch: str) -> bool:
    return ch.isdecimal()


def _punct_rune(ch: str) -> bool:
    """goldmark's ``util.IsPunctRune``."""
    return ch in _ASCII_PUNCT or _go_is_punct(ch)


def _space_rune(ch: str) -> bool:
    """goldmark's ``util.IsSpaceRune``."""
    return ch in _BYTE_SPACE or _go_is_space(ch)


def _byte_punct_or_space(line: str, i: int) -> bool:
    """goldmark's ``util.IsPunct(line[i]) || util.IsSpace(line[i])`` on a byte."""
    return line[i] in _ASCII_PUNCT or line[i] in _BYTE_SPACE


# --- URL escaping (goldmark's util.URLEscape) ----------------------------------------------

_URL_SAFE = frozenset(
    "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"
)
_HEX = frozenset("0123456789abcdefABCDEF")


def _url_escape(url: str) -> str:
    """goldmark's ``util.URLEscape`` (references already resolved by the parser)."""
    out: list[str] = []
    i, limit = 0, len(url)
    while i < limit:
        ch = url[i]
        # goldmark checks the first hex digit twice: '%' + hex + anything is kept.
        if ch in _URL_SAFE or (ch == "%" and i + 2 < limit and url[i + 1] in _HEX):
            keep = 3 if ch == "%" else 1
            out.append(url[i : i + keep])
            i += keep
            continue
        out.append("%20" if ch == " " else _percent(ch))
        i += 1
    return "".join(out)


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


# --- typographer (goldmark's extension/typographer.go) ----------------------------------

_LSQUO, _RSQUO, _DQUO = "&lsquo;", "&rsquo;", '"'
_DASHES = (("---", "&mdash;"), ("...", "&hellip;"), ("<<", "&laquo;"), (">>", "&raquo;"))


@dataclass
class _Quotes:
    """goldmark's count of unclosed single and double quotes."""

    single: int = 0
    double: int = 0


@dataclass(frozen=True)
class _Delim:
    can_open: bool
    can_close: bool


def _scan_delim(line: str, before: str) -> _Delim:
    """goldmark's ``parser.ScanDelimiter`` for a run of quote characters."""
    j = 0
    while j < len(line) and line[j] == line[0]:
        j += 1
    after = line[j] if j < len(line) else " "
    before_p, before_s = _punct_rune(before), _space_rune(before)
    after_p, after_s = _punct_rune(after), _space_rune(after)
    left = not after_s and (not after_p or before_s or before_p)
    right = not before_s and (not before_p or after_s or after_p)
    return _Delim(left, right)


def _is_apostrophe(line: str, before: str, d: _Delim) -> bool:
    """Decade abbreviations ('90s), 'twas/'em/'net, and letters on both sides."""
    n = len(line)
    decade = n > 3 and line[1:3].isascii() and line[1:3].isdigit() and line[3] == "s"
    if decade and d.can_open and not d.can_close:
        after = line[4] if n > 4 else " "
        if _space_rune(after) or _punct_rune(after):
            return True
    if n > 1 and (_go_is_punct(before) or _go_is_space(before)) and line[1] in "tenl":
        return True
    return n > 1 and (_go_is_digit(before) or _go_is_letter(before)) and _go_is_letter(line[1])


def _opening_single(line: str, q: _Quotes) -> str:
    """An opening-only single quote: left quote, or right for Alice's, I'm, I've..."""
    n = len(line)
    if n > 1 and line[1] in "smtd" and (n < 3 or _byte_punct_or_space(line, 2)):
        return _RSQUO
    if n > 2 and line[1:3] in ("ve", "ll", "re") and (n < 4 or _byte_punct_or_space(line, 3)):
        return _RSQUO
    q.single += 1
    return _LSQUO


def _closes(line: str, d: _Delim) -> bool:
    if d.can_close and not d.can_open:
        return True
    n = len(line)
    return (
        d.can_close
        and d.can_open
        and n > 1
        and _go_is_punct(line[1])
        and (n == 2 or _byte_punct_or_space(line, 2))
    )


def _single_quote(line: str, before: str, q: _Quotes) -> str | None:
    d = _scan_delim(line, before)
    if _is_apostrophe(line, before, d):
        return _RSQUO
    if d.can_open and not d.can_close:
        return _opening_single(line, q)
    # goldmark's "plural possessives" test reduces to this (operator precedence).
    if len(line.encode("utf-8", "surrogatepass")) > 2 and not _go_is_digit(line[1]):
        return _RSQUO
    if q.single > 0 and _closes(line, d):
        q.single -= 1
        return _RSQUO
    return None


def _double_quote(line: str, before: str, q: _Quotes) -> str | None:
    d = _scan_delim(line, before)
    if d.can_open and not d.can_close:
        q.double += 1
        return _DQUO
    if q.double > 0 and _closes(line, d):
        if len(line) > 1 and line[1] == '"' and _go_is_digit(before):
            return None
        q.double -= 1
        return _DQUO
    return None


def _quotes(state: StateInline) -> _Quotes:
    """The document's counter: goldmark never resets it between blocks."""
    q = state.env.get(_COUNTER_KEY)
    if not isinstance(q, _Quotes):
        q = state.env[_COUNTER_KEY] = _Quotes()
    return q


def _origin(state: StateInline) -> tuple[str, int]:
    """The paragraph source and offset of ``state.src``: image labels get a state of their own."""
    origin: tuple[str, int] | None = getattr(state, _ORIGIN_ATTR, None)
    if origin is None:
        stack = state.env.get(_IMAGE_KEY)
        origin = (state.src, 0)
        if stack:
            full, base = stack[-1]
            if full.startswith(state.src, base):
                origin = stack[-1]
        setattr(state, _ORIGIN_ATTR, origin)
    return origin


def _image(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule, recording where the label sits for the typographer."""
    if silent or not state.src.startswith("![", state.pos):
        return image(state, silent)
    full, base = _origin(state)
    stack = state.env.setdefault(_IMAGE_KEY, [])
    stack.append((full, base + state.pos + 2))
    try:
        return image(state, False)
    finally:
        stack.pop()


def _typographer(state: StateInline, silent: bool) -> bool:
    """Inline rule: goldmark's typographic substitutions at the current position."""
    if silent or state.src[state.pos] not in "'\"-.<>":
        return False
    src, base = _origin(state)
    pos = base + state.pos
    end = src.find("\n", pos)
    line = src[pos : end + 1] if end >= 0 else src[pos:]
    sub, width = _substitution(line, src[pos - 1] if pos > 0 else "\n", state)
    if sub is None or state.pos + width > state.posMax:
        return False
    token = state.push("goldmark_typo", "", 0)
    token.content = sub
    state.pos += width
    return True


def _substitution(line: str, before: str, state: StateInline) -> tuple[str | None, int]:
    for pattern, entity in _DASHES:
        if line.startswith(pattern):
            return entity, len(pattern)
    if line.startswith("--"):
        return "&ndash;", 2
    if line[0] == "'":
        return _single_quote(line, before, _quotes(state)), 1
    if line[0] == '"':
        return _double_quote(line, before, _quotes(state)), 1
    return None, 0


# --- text rule that also stops at the typographer's characters ---------------------------

_TEXT_RUN = re.compile(r"[^\n!#$%&*+\-:<=>@\[\\\]^_`{}~'\".]+")


def _text(state: StateInline, silent: bool) -> bool:
    m = _TEXT_RUN.match(state.src, state.pos, state.posMax)
    if m is None:
        return False
    if not silent:
        state.pending += m.group()
    state.pos = m.end()
    return True


# --- strikethrough (goldmark's: runs of two or more tildes, emphasis-like pairing) ---------


def _strike_tokenize(state: StateInline, silent: bool) -> bool:
    if silent or state.src[state.pos] != "~":
        return False
    scanned = state.scanDelims(state.pos, True)
    if scanned.length < 2:
        return False
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = "~"
        state.delimiters.append(
            Delimiter(
                marker=0x7E,
                length=scanned.length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    state.pos += scanned.length
    return True


def _retag(token: Token, kind: str, nesting: Literal[-1, 1]) -> None:
    token.type, token.tag, token.nesting = kind, "del", nesting
    token.markup, token.content = "~~", ""


def _strike_pairs(state: StateInline, delimiters: list[Delimiter]) -> None:
    """Like markdown-it's emphasis post-processing: two tildes or one make a ``<del>``."""
    i = len(delimiters) - 1
    while i >= 0:
        start = delimiters[i]
        if start.marker != 0x7E or start.end == -1:
            i -= 1
            continue
        end = delimiters[start.end]
        double = (
            i > 0
            and delimiters[i - 1].end == start.end + 1
            and delimiters[i - 1].marker == start.marker
            and delimiters[i - 1].token == start.token - 1
            and delimiters[start.end + 1].token == end.token + 1
        )
        _retag(state.tokens[start.token], "s_open", 1)
        _retag(state.tokens[end.token], "s_close", -1)
        if double:
            state.tokens[delimiters[i - 1].token].content = ""
            state.tokens[delimiters[start.end + 1].token].content = ""
            i -= 1
        i -= 1


def _strike_post(state: StateInline) -> None:
    _strike_pairs(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _strike_pairs(state, meta["delimiters"])


# --- inline HTML comments (goldmark follows CommonMark 0.30 here) -------------------------


def _comment_end(src: str, pos: int) -> int | None:
    """End of the comment at ``src[pos]`` as goldmark's ``parseComment`` finds it."""
    if src.startswith("<!---->", pos):
        return pos + 7
    if src.startswith(("<!-->", "<!--->"), pos):
        return None
    start, offset = pos + 4, 4
    while True:
        eol = src.find("\n", start)
        line = src[start : eol + 1] if eol >= 0 else src[start:]
        hyphens, close = line.find("--"), line.find("-->")
        if close > -1 and hyphens == close:
            return start + close + 3
        if hyphens > -1 and hyphens + offset > 0:
            return None
        if eol < 0:
            return None
        start, offset = eol + 1, 0


def _html_inline(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("<!--", state.pos):
        return html_inline(state, silent)
    end = _comment_end(state.src, state.pos)
    if end is None or end > state.posMax:
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = state.src[state.pos : end]
    state.pos = end
    return True


# --- line ends: goldmark trims tabs too, except before a backslash hard break -------------


def _escape(state: StateInline, silent: bool) -> bool:
    backslash_break = state.src.startswith("\\\n", state.pos)
    if not escape(state, silent):
        return False
    if backslash_break and not silent:
        state.tokens[-1].meta[_BACKSLASH] = True
    return True


def _trim_line_ends(children: list[Token]) -> None:
    for prev, tok in pairwise(children):
        plain = prev.type == "text" or (prev.type == "text_special" and prev.info == "escape")
        if not plain or tok.type not in ("softbreak", "hardbreak"):
            continue
        if not tok.meta.get(_BACKSLASH):
            prev.content = prev.content.rstrip(" \t")


# --- task-list check boxes ------------------------------------------------------------------

_TASK_RE = re.compile(r"\[([\t\f\r xX])\][\t\f\r ]*(\n[\t ]*)?")


def _task_checkbox(state: StateInline, silent: bool) -> bool:
    """goldmark's ``[ ]``/``[x]`` anywhere on the first block of a list item."""
    if silent or state.src[state.pos] != "[" or not state.env.get(_TASK_KEY):
        return False
    m = _TASK_RE.match(state.src, state.pos, state.posMax)
    if m is None:
        return False
    token = state.push("goldmark_checkbox", "input", 0)
    token.meta["checked"] = m.group(1) in "xX"
    state.pos = m.end()
    return True


# --- auto heading IDs (goldmark's parser.ids) ----------------------------------------------


def _heading_id(value: str, used: set[str]) -> str:
    chars: list[str] = []
    for ch in value.strip(" \t\n\r"):
        if ch.isascii() and ch.isalnum():
            chars.append(ch.lower())
        elif ch in "\t\n\r -_":
            chars.append("-")
    result = "".join(chars) or "heading"
    if result not in used:
        used.add(result)
        return result
    i = 1
    while f"{result}-{i}" in used:
        i += 1
    used.add(f"{result}-{i}")
    return f"{result}-{i}"


# --- tables (goldmark's extension/table.go paragraph transformer) -------------------------

_SP = r"[\t\n\f\r ]*"
_ALIGNS = (
    (re.compile(rf"{_SP}:-+{_SP}\Z"), "left"),
    (re.compile(rf"{_SP}-+:{_SP}\Z"), "right"),
    (re.compile(rf"{_SP}:-+:{_SP}\Z"), "center"),
    (re.compile(rf"{_SP}-+{_SP}\Z"), ""),
)


def _parse_delimiter(line: str) -> list[str] | None:
    if not line or any(ch not in "\t\n\r -|:" for ch in line):
        return None
    cols = line.split("|")
    if not cols[0].strip("\t\n\r "):
        cols = cols[1:]
    if cols and not cols[-1].strip("\t\n\r "):
        cols = cols[:-1]
    aligns: list[str] = []
    for col in cols:
        found = next((a for rx, a in _ALIGNS if rx.match(col)), None)
        if found is None:
            return None
        aligns.append(found)
    return aligns or None


def _split_cells(line: str) -> list[str]:
    pos = len(line) - len(line.lstrip("\t\n\r "))
    limit = len(line.rstrip("\t\n\r "))
    if line and line[pos] == "|":
        pos += 1
    if line and line[limit - 1] == "|":
        limit -= 1
    cells: list[str] = []
    while pos < limit:
        closure = pos
        while closure < limit and not (
            line[closure] == "|" and (closure == 0 or line[closure - 1] != "\\")
        ):
            closure += 1
        cells.append(line[pos:closure].strip("\t\n\r "))
        pos = closure + 1
    return cells


@dataclass
class _Table:
    aligns: list[str]
    header: list[str]
    rows: list[list[tuple[str, str]]]


def _find_table(lines: list[str]) -> tuple[int, _Table] | None:
    for i in range(1, len(lines)):
        aligns = _parse_delimiter(lines[i])
        if aligns is None:
            continue
        header = _split_cells(lines[i - 1])
        if len(header) > len(aligns):
            return None
        rows = [_body_row(line, aligns) for line in lines[i + 1 :]]
        return i - 1, _Table(aligns, header, rows)
    return None


def _body_row(line: str, aligns: list[str]) -> list[tuple[str, str]]:
    cells = _split_cells(line)[: len(aligns)]
    row = list(zip(cells, aligns, strict=False))
    return row + [("", "")] * (len(aligns) - len(row))


def _table_tokens(table: _Table, level: int, mapping: list[int] | None) -> list[Token]:
    tokens: list[Token] = []

    def block(kind: str, tag: str, nesting: Literal[-1, 1], lvl: int) -> Token:
        tok = Token(kind, tag, nesting, map=mapping, block=True, level=level + lvl)
        tokens.append(tok)
        return tok

    def row(cells: Sequence[tuple[str, str]], cell: str) -> None:
        block("tr_open", "tr", 1, 2)
        for content, align in cells:
            opener = block(f"{cell}_open", cell, 1, 3)
            if align:
                opener.attrs["align"] = align
            cell_inline = Token("inline", "", 0, content=content, children=[], level=level + 4)
            cell_inline.meta[_CELL_KEY] = True
            tokens.append(cell_inline)
            block(f"{cell}_close", cell, -1, 3)
        block("tr_close", "tr", -1, 2)

    block("table_open", "table", 1, 0)
    block("thead_open", "thead", 1, 1)
    header = list(zip(table.header, table.aligns, strict=False))
    row(header + [("", "")] * (len(table.aligns) - len(header)), "th")
    block("thead_close", "thead", -1, 1)
    if table.rows:
        block("tbody_open", "tbody", 1, 1)
        for cells in table.rows:
            row(cells, "td")
        block("tbody_close", "tbody", -1, 1)
    block("table_close", "table", -1, 0)
    return tokens


def _table_of(tokens: list[Token], i: int) -> tuple[int, list[Token]] | None:
    """The table goldmark finds in the lines of the block at ``tokens[i]``: how many lines
    stay before it (the block's text is cut to them) and the table's tokens; None if none."""
    inline = tokens[i + 1]
    lines = [line.lstrip(" \t") for line in inline.content.split("\n")]
    found = _find_table([line + "\n" for line in lines[:-1]] + lines[-1:])
    if found is None:
        return None
    keep, table = found
    new = _table_tokens(table, tokens[i].level, tokens[i].map)
    if keep:
        inline.content = "\n".join(inline.content.split("\n")[:keep]).rstrip(" \t")
    return keep, new


def _transform_paragraph(tokens: list[Token], i: int) -> int:
    """Turn the paragraph at ``tokens[i]`` into a table if goldmark would; return next i."""
    found = _table_of(tokens, i)
    if found is None:
        return i + 3
    keep, new = found
    if keep:
        new = tokens[i : i + 3] + new
    tokens[i : i + 3] = new
    return i + len(new)


def _transform_setext(state: StateCore, i: int) -> int:
    """goldmark turns a setext heading's lines into a table first, keeping the rest after it."""
    tokens = state.tokens
    found = _table_of(tokens, i)
    if found is None:
        return i + 3
    keep, new = found
    if keep:
        new += tokens[i : i + 3]
    else:
        new += _underline_blocks(state, tokens[i])
    tokens[i : i + 3] = new
    return i + len(new)


def _underline_blocks(state: StateCore, heading: Token) -> list[Token]:
    """The setext underline parsed again on its own, as goldmark does when no lines remain."""
    line = state.src.split("\n")[heading.map[1] - 1] if heading.map else heading.markup
    line = line.lstrip(" \t")
    while line.startswith(">"):
        line = line[1:].lstrip(" \t")
    out: list[Token] = []
    state.md.block.parse(line, state.md, state.env, out)
    for tok in out:
        tok.level += heading.level
    return out


# --- core rules -----------------------------------------------------------------------------


def _core_blocks(state: StateCore) -> None:
    """Tables from paragraphs, then heading IDs, in document order."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].type == "paragraph_open" and tokens[i + 1].type == "inline":
            i = _transform_paragraph(tokens, i)
        elif tokens[i].type == "heading_open" and tokens[i].markup in ("-", "="):
            i = _transform_setext(state, i)
        else:
            i += 1
    used: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            content = tokens[i + 1].content
            last = content.split("\n")[-1] if tok.markup in ("=", "-") else content
            tok.attrs["id"] = _heading_id(last, used)


def _core_inline(state: StateCore) -> None:
    """markdown-it's inline core rule, telling the check-box rule where it may fire."""
    for i, tok in enumerate(state.tokens):
        if tok.type != "inline":
            continue
        if tok.children is None:
            tok.children = []
        first = i >= 2 and state.tokens[i - 2].type == "list_item_open"
        state.env[_TASK_KEY] = first
        content = "\n".join(line.lstrip(" \t") for line in tok.content.split("\n"))
        state.md.inline.parse(content, state.md, state.env, tok.children)
        _trim_line_ends(tok.children)
        if tok.meta.get(_CELL_KEY):
            _unescape_cell_pipes(tok.children)
    state.env.pop(_TASK_KEY, None)


def _unescape_cell_pipes(children: list[Token]) -> None:
    """goldmark drops the backslash of ``\\|`` in a table cell's code spans."""
    for child in children:
        if child.type == "code_inline":
            child.content = child.content.replace("\\|", "|")


# --- rendering ------------------------------------------------------------------------------


def _alt_text(tokens: Sequence[Token]) -> str:
    """goldmark's ``nodeToHTMLText``: the raw source of text, substitutions as emitted."""
    out: list[str] = []
    in_autolink = False
    for tok in tokens:
        if tok.type in ("link_open", "link_close") and tok.markup == "autolink":
            in_autolink = tok.type == "link_open"
        elif in_autolink:
            continue
        elif tok.type == "goldmark_typo":
            out.append(tok.content)
        elif tok.type == "text_special":
            out.append(escapeHtml(tok.markup))
        elif tok.type in ("text", "code_inline"):
            out.append(escapeHtml(tok.content))
        elif tok.type == "image":
            out.append(_alt_text(tok.children or []))
    return "".join(out)


def _render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    tok = tokens[idx]
    src = escapeHtml(str(tok.attrs.get("src", "")))
    html = f'<img src="{src}" alt="{_alt_text(tok.children or [])}"'
    if "title" in tok.attrs:
        html += f' title="{escapeHtml(str(tok.attrs["title"]))}"'
    return html + " />"


def _render_typo(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return tokens[idx].content


def _render_checkbox(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    checked = 'checked="" ' if tokens[idx].meta.get("checked") else ""
    return f'<input {checked}disabled="" type="checkbox" /> '


def _render_fixed(tag: str) -> Any:
    def render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return tag

    return render


def _render_block_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    """goldmark ends an opening block tag with a newline even when the block is empty."""
    html: str = self.renderToken(tokens, idx, options, env)
    return html if html.endswith("\n") else html + "\n"


def _render_text_special(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return escapeHtml(tokens[idx].content)


def _after_hidden(name: str) -> Any:
    """goldmark starts a block on a new line after a tight list item's text."""
    default = getattr(RendererHTML, name)

    def render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        html: str = default(self, tokens, idx, options, env)
        return "\n" + html if idx and tokens[idx - 1].hidden else html

    return render


def _identity(link: str) -> str:
    return link


def _any_link(url: str) -> bool:
    return True


def _setup_inline(md: MarkdownIt) -> None:
    md.validateLink = _any_link  # type: ignore[method-assign]
    md.normalizeLink = _url_escape  # type: ignore[method-assign]
    md.normalizeLinkText = _identity  # type: ignore[method-assign]
    md.enable("strikethrough")
    md.disable(["table", "text_join"])
    ruler = md.inline.ruler
    ruler.at("text", _text)
    ruler.at("escape", _escape)
    ruler.at("strikethrough", _strike_tokenize)
    ruler.at("image", _image)
    ruler.at("html_inline", _html_inline)
    ruler.before("link", "goldmark_task", _task_checkbox)
    ruler.after("html_inline", "goldmark_typographer", _typographer)
    md.inline.ruler2.at("strikethrough", _strike_post)
    md.core.ruler.after("block", "goldmark_blocks", _core_blocks)
    md.core.ruler.at("inline", _core_inline)


def _setup_render(md: MarkdownIt) -> None:
    md.add_render_rule("image", _render_image)
    md.add_render_rule("goldmark_typo", _render_typo)
    md.add_render_rule("goldmark_checkbox", _render_checkbox)
    md.add_render_rule("s_open", _render_fixed("<del>"))
    md.add_render_rule("s_close", _render_fixed("</del>"))
    md.add_render_rule("blockquote_open", _render_block_open)
    md.add_render_rule("text_special", _render_text_special)
    for name in ("html_block", "fence", "code_block"):
        md.add_render_rule(name, _after_hidden(name))


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"xhtmlOut": True, "html": True})
    _setup_inline(md)
    _setup_render(md)
    return md


def goldmark_html(source: str) -> str:
    """Convert markdown to HTML byte for byte as listmonk's goldmark configuration does."""
    html: str = _parser().render(source)
    return html
