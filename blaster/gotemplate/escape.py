"""Go ``html/template``'s contextual auto-escaping (Go 1.19) on our parse trees.

:func:`escape_tree_set` walks a template set from its main template as Go's escaper does:
it follows the HTML/CSS/JS context through the text (:mod:`.escape_context`), decides for
each action the escapers Go appends to its pipeline (stored in ``ActionNode.escapers``;
their implementations are :data:`ESCAPERS`), rewrites text as Go does (HTML, JS and CSS
comments removed, a stray ``<`` in text written ``&lt;``), joins the contexts of ``if``,
``range`` and ``with`` branches, and escapes each called template in the context of its
call, adding a copy named for that context (``name$htmltemplate_stateAttr_...``) when the
context is not text. A template Go refuses to escape raises :class:`GoTemplateError` with
Go's description and the position Go reports (none, for errors Go reports without one,
except that errors found in template text point at that text).

As in Go, a pipeline ending in the predefined escaper ``html`` or ``urlquery`` is merged
with the escapers: the predefined one moves from the pipeline to ``escapers`` when it is
equivalent, and ``{{html .A .B}}`` becomes ``{{_eval_args_ .A .B}}`` with ``html`` among the
escapers. ``_eval_args_`` (like ``html`` and ``urlquery``) is then a name in
:data:`ESCAPERS`, and is registered as a template function (``...any``) for the pipeline
that calls it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

from blaster.gotemplate import nodes as n
from blaster.gotemplate.escape_context import (
    ATTR_START_STATES,
    TEXT_CONTEXT,
    Attr,
    Context,
    Delim,
    JsCtx,
    State,
    UrlPart,
    context_after_text,
    error_context,
    go_quote,
    is_comment,
)
from blaster.gotemplate.escapers import ESCAPERS
from blaster.gotemplate.nodes import GoTemplateError

__all__ = ["ESCAPERS", "escape_tree_set", "go_string"]


def escape_tree_set(trees: n.TreeSet, main: str) -> None:
    """Escape ``trees`` for executing ``main`` as Go's ``html/template`` does: set the
    escapers of every reachable action, rewrite text nodes and template calls, and add
    the context-specific copies of called templates to ``trees``. Raises
    :class:`GoTemplateError` (and changes nothing) for a template Go refuses."""
    e = _Escaper(trees)
    c, _ = e.escape_tree(TEXT_CONTEXT, None, main)
    if c.err is not None:
        line, col = c.err.position()
        raise GoTemplateError(c.err.description, line, col)
    if c.state != State.TEXT:
        raise GoTemplateError(f"ends in a non-text context: {c}")
    e.commit()


# --- the escaper --------------------------------------------------------------------------------


@dataclass
class _RangeContext:
    outer: _RangeContext | None
    breaks: list[Context] = field(default_factory=list)
    continues: list[Context] = field(default_factory=list)


_URL_STATES = frozenset(
    {
        State.URL,
        State.CSS_DQ_STR,
        State.CSS_SQ_STR,
        State.CSS_DQ_URL,
        State.CSS_SQ_URL,
        State.CSS_URL,
    }
)
_SIMPLE_ESCAPERS: Final = {
    State.JS_DQ_STR: "_html_template_jsstrescaper",
    State.JS_SQ_STR: "_html_template_jsstrescaper",
    State.JS_REGEXP: "_html_template_jsregexpescaper",
    State.CSS: "_html_template_cssvaluefilter",
    State.TEXT: "_html_template_htmlescaper",
    State.RCDATA: "_html_template_rcdataescaper",
    State.SRCSET: "_html_template_srcsetescaper",
}
_PREDEFINED: Final = frozenset({"html", "urlquery"})


class _Escaper:
    """Go's ``escaper``: inferred output contexts and the edits to commit."""

    def __init__(self, trees: n.TreeSet) -> None:
        self.trees = trees
        self.output: dict[str, Context] = {}
        self.derived: dict[str, n.Tree] = {}
        self.called: set[str] = set()
        self.action_edits: dict[int, tuple[n.ActionNode, list[str]]] = {}
        self.template_edits: dict[int, tuple[n.TemplateNode, str]] = {}
        self.text_edits: dict[int, tuple[n.TextNode, str]] = {}
        self.range_ctx: _RangeContext | None = None
        self._dispatch: dict[type, Callable[[Context, n.Node], Context]] = {
            n.ActionNode: self._action,
            n.TextNode: self._text,
            n.IfNode: lambda c, node: self._branch(c, node, "if"),
            n.WithNode: lambda c, node: self._branch(c, node, "with"),
            n.RangeNode: lambda c, node: self._branch(c, node, "range"),
            n.TemplateNode: self._template,
            n.BreakNode: self._break,
            n.ContinueNode: self._continue,
            n.ListNode: self._list_node,
        }

    # -- nodes --

    def escape(self, c: Context, node: n.Node) -> Context:
        return self._dispatch[type(node)](c, node)

    def escape_list(self, c: Context, lst: n.ListNode | None) -> Context:
        if lst is None:
            return c
        for item in lst.nodes:
            c = self.escape(c, item)
            if c.state == State.DEAD:
                break
        return c

    def _list_node(self, c: Context, node: n.Node) -> Context:
        assert isinstance(node, n.ListNode)
        return self.escape_list(c, node)

    def _break(self, c: Context, node: n.Node) -> Context:
        rc = self._range_context(node, "break")
        rc.breaks.append(replace(c, node=node))
        return Context(state=State.DEAD)

    def _continue(self, c: Context, node: n.Node) -> Context:
        rc = self._range_context(node, "continue")
        # Go 1.19 keeps the breaks and this continue here (dropping earlier continues)
        rc.continues = [*rc.breaks, replace(c, node=node)]
        return Context(state=State.DEAD)

    def _range_context(self, node: n.Node, what: str) -> _RangeContext:
        if self.range_ctx is None:
            raise GoTemplateError(f"{{{{{what}}}}} outside {{{{range}}}}", node.line, node.col)
        return self.range_ctx

    def _action(self, c: Context, node: n.Node) -> Context:
        assert isinstance(node, n.ActionNode)
        if node.pipe.decl:
            return c
        c = nudge(c)
        bad = _misplaced_predefined(c, node)
        if bad is not None:
            return bad
        c, s = _contextual_escapers(c, node)
        if c.state == State.ERROR:
            return c
        self.action_edits[id(node)] = (node, s)
        return c

    def _branch(self, c: Context, node: n.Node, name: str) -> Context:
        assert isinstance(node, n.IfNode | n.WithNode | n.RangeNode)
        if name == "range":
            self.range_ctx = _RangeContext(self.range_ctx)
        c0 = self.escape_list(c, node.list)
        if isinstance(node, n.RangeNode):
            c0 = self._range_body(c0, node)
            if c0.state == State.ERROR:
                return c0
        c1 = self.escape_list(c, node.else_list)
        # Go reports a branch node at its pipeline
        return join(c0, c1, node.pipe, name)

    def _range_body(self, c0: Context, node: n.RangeNode) -> Context:
        """The context after a range body, checked for the body run a second time."""
        rc = self.range_ctx
        assert rc is not None
        if c0.state != State.ERROR:
            c0 = join_range(c0, rc)
        self.range_ctx = rc.outer
        if c0.state == State.ERROR:
            return c0
        self.range_ctx = _RangeContext(self.range_ctx)
        c1, _ = self.escape_list_conditionally(c0, node.list, None)
        c0 = join(c0, c1, node.pipe, "range")
        rc = self.range_ctx
        if c0.state == State.ERROR:
            self.range_ctx = rc.outer
            assert c0.err is not None
            c0.err.line_node = node.pipe
            c0.err.description = "on range loop re-entry: " + c0.err.description
            return c0
        c0 = join_range(c0, rc)
        self.range_ctx = rc.outer
        return c0

    def _template(self, c: Context, node: n.Node) -> Context:
        assert isinstance(node, n.TemplateNode)
        c, name = self.escape_tree(c, node, node.name)
        if name != node.name:
            self.template_edits[id(node)] = (node, name)
        return c

    def _text(self, c: Context, node: n.Node) -> Context:
        assert isinstance(node, n.TextNode)
        c, text = escape_text(c, node.text)
        if c.err is not None and c.err.text_node is None:
            c.err.text_node = node
        if text is not None:
            self.text_edits[id(node)] = (node, text)
        return c

    # -- templates --

    def lookup(self, name: str) -> n.Tree | None:
        return self.trees.get(name) or self.derived.get(name)

    def escape_tree(self, c: Context, node: n.Node | None, name: str) -> tuple[Context, str]:
        """Escape template ``name`` from context ``c``; return its output context and the
        name of the (possibly derived) template to call."""
        # (a call already renamed by an earlier escaping keeps its name)
        dname = c.mangle(name.partition("$htmltemplate_")[0])
        self.called.add(dname)
        if dname in self.output:
            return self.output[dname], dname
        t = self.lookup(name)
        if t is None:
            return error_context(f"no such template {go_quote(name)}", node), dname
        if dname != name:
            dt = self.lookup(dname)
            if dt is None:
                dt = n.Tree(dname, copy.deepcopy(t.root), t.source)
                self.derived[dname] = dt
            t = dt
        return self._compute_out_ctx(c, t), dname

    def _compute_out_ctx(self, c: Context, t: n.Tree) -> Context:
        c1, ok = self._escape_template_body(c, t)
        if not ok:
            c2, ok2 = self._escape_template_body(c1, t)
            if ok2:
                c1, ok = c2, True
        if not ok and c1.state != State.ERROR:
            msg = f"cannot compute output context for template {t.name}"
            return error_context(msg, t.root)
        return c1

    def _escape_template_body(self, c: Context, t: n.Tree) -> tuple[Context, bool]:
        def accept(e1: _Escaper, c1: Context) -> bool:
            if c1.state == State.ERROR:
                return False
            if t.name not in e1.called:
                return True
            return c == c1

        self.output[t.name] = c
        return self.escape_list_conditionally(c, t.root, accept)

    def escape_list_conditionally(
        self,
        c: Context,
        lst: n.ListNode,
        accept: Callable[[_Escaper, Context], bool] | None,
    ) -> tuple[Context, bool]:
        """Escape ``lst`` in a scratch escaper; keep its inferences only if ``accept``."""
        e1 = _Escaper(self.trees)
        e1.range_ctx = self.range_ctx
        e1.output.update(self.output)
        c = e1.escape_list(c, lst)
        ok = accept is not None and accept(e1, c)
        if ok:
            self.output.update(e1.output)
            self.derived.update(e1.derived)
            self.called |= e1.called
            self.action_edits.update(e1.action_edits)
            self.template_edits.update(e1.template_edits)
            self.text_edits.update(e1.text_edits)
        return c, ok

    def commit(self) -> None:
        """Apply the edits and add the derived templates to the set."""
        for name, tree in self.derived.items():
            self.trees[name] = tree
        for action, s in self.action_edits.values():
            ensure_pipeline_contains(action, s)
        for tnode, name in self.template_edits.values():
            tnode.name = name
        for text_node, text in self.text_edits.values():
            text_node.text = text


def _contextual_escapers(c: Context, node: n.ActionNode) -> tuple[Context, list[str]]:
    """The escapers for an action in context ``c`` and the context after it (an error
    context for an action Go refuses there)."""
    s: list[str] = []
    st = c.state
    if st == State.ERROR:
        return c, s
    if st in _URL_STATES:
        err = _url_escapers(c, node, s)
        if err is not None:
            return err, s
    elif st in _SIMPLE_ESCAPERS:
        s.append(_SIMPLE_ESCAPERS[st])
    elif st == State.JS:
        s.append("_html_template_jsvalescaper")
        c = replace(c, js_ctx=JsCtx.DIV_OP)
    elif st == State.JS_BQ_STR:
        return error_context(f"{go_string(node)} appears in a JS template literal", node), s
    elif st in (State.ATTR_NAME, State.TAG):
        c = replace(c, state=State.ATTR_NAME)
        s.append("_html_template_htmlnamefilter")
    elif is_comment(st):
        s.append("_html_template_commentescaper")
    elif st != State.ATTR:
        raise AssertionError(f"unexpected state {st}")
    if c.delim == Delim.SPACE_OR_TAG_END:
        s.append("_html_template_nospaceescaper")
    elif c.delim != Delim.NONE:
        s.append("_html_template_attrescaper")
    return c, s


def _misplaced_predefined(c: Context, node: n.ActionNode) -> Context | None:
    """Go's error for ``html``/``urlquery`` anywhere but last, or ``html`` in an unquoted
    attribute value."""
    cmds = node.pipe.cmds
    for pos, cmd in enumerate(cmds):
        first = cmd.args[0] if cmd.args else None
        if not isinstance(first, n.IdentifierNode) or first.name not in _PREDEFINED:
            continue
        unquoted = c.state == State.ATTR and c.delim == Delim.SPACE_OR_TAG_END
        if pos < len(cmds) - 1 or (unquoted and first.name == "html"):
            msg = f"predefined escaper {go_quote(first.name)} disallowed in template"
            return error_context(msg, node)
    return None


def _url_escapers(c: Context, node: n.ActionNode, s: list[str]) -> Context | None:
    if c.url_part == UrlPart.UNKNOWN:
        msg = f"{go_string(node)} appears in an ambiguous context within a URL"
        return error_context(msg, node)
    if c.url_part == UrlPart.QUERY_OR_FRAG:
        s.append("_html_template_urlescaper")
        return None
    if c.url_part == UrlPart.NONE:
        s.append("_html_template_urlfilter")
    if c.state in (State.CSS_DQ_STR, State.CSS_SQ_STR):
        s.append("_html_template_cssescaper")
    else:
        s.append("_html_template_urlnormalizer")
    return None


# --- contexts -----------------------------------------------------------------------------------


def nudge(c: Context) -> Context:
    """The context after the empty-string transitions from ``c`` (``<a href=`` → in an
    unquoted URL value)."""
    if c.state == State.TAG:
        return replace(c, state=State.ATTR_NAME)
    if c.state == State.BEFORE_VALUE:
        return replace(
            c, state=ATTR_START_STATES[c.attr], delim=Delim.SPACE_OR_TAG_END, attr=Attr.NONE
        )
    if c.state == State.AFTER_NAME:
        return replace(c, state=State.ATTR_NAME, attr=Attr.NONE)
    return c


def join(a: Context, b: Context, node: n.Node | None, name: str) -> Context:
    """The context after a branch whose arms end in ``a`` and ``b``."""
    if a.state == State.ERROR:
        return a
    if b.state == State.ERROR or a.state == State.DEAD:
        return b
    if b.state == State.DEAD or a == b:
        return a
    if replace(a, url_part=b.url_part) == b:
        return replace(a, url_part=UrlPart.UNKNOWN)
    if replace(a, js_ctx=b.js_ctx) == b:
        return replace(a, js_ctx=JsCtx.UNKNOWN)
    na, nb = nudge(a), nudge(b)
    if not (na == a and nb == b):
        e = join(na, nb, node, name)
        if e.state != State.ERROR:
            return e
    msg = f"{{{{{name}}}}} branches end in different contexts: {a}, {b}"
    return error_context(msg, node)


def join_range(c0: Context, rc: _RangeContext) -> Context:
    """Join the contexts at the ``break``s and ``continue``s of a range body into ``c0``."""
    for what, contexts in (("break", rc.breaks), ("continue", rc.continues)):
        for c in contexts:
            c0 = join(c0, c, c.node, "range")
            if c0.state == State.ERROR:
                assert c0.err is not None
                c0.err.line_node = c.node
                c0.err.description = f"at range loop {what}: {c0.err.description}"
                return c0
    return c0


# --- text ---------------------------------------------------------------------------------------

_LINE_BREAKS = frozenset("\n\r\u2028\u2029")


def escape_text(c: Context, s: str) -> tuple[Context, str | None]:
    """The context after template text ``s`` from ``c``, and the text as Go rewrites it
    (None when unchanged)."""
    out: list[str] = []
    written, i, size = 0, 0, len(s)
    while i != size:
        c1, i1 = context_after_text(c, s, i)
        if c.state in (State.TEXT, State.RCDATA):
            written = _escape_lt(s, i, i1, c.state != c1.state, written, out)
        elif is_comment(c.state) and c.delim == Delim.NONE:
            if c.state == State.JS_BLOCK_CMT:
                out.append("\n" if _LINE_BREAKS.intersection(s[written:i1]) else " ")
            elif c.state == State.CSS_BLOCK_CMT:
                out.append(" ")
            written = i1
        if c.state != c1.state and is_comment(c1.state) and c1.delim == Delim.NONE:
            cs = i1 - (4 if c1.state == State.HTML_CMT else 2)
            out.append(s[written:cs])
            written = i1
        if i == i1 and c.state == c1.state:
            raise AssertionError(f"infinite loop from {c} to {c1} on {s[:i]!r}..{s[i:]!r}")
        c, i = c1, i1
    if written == 0 or c.state == State.ERROR:
        return c, None
    if not is_comment(c.state) or c.delim != Delim.NONE:
        out.append(s[written:])
    return c, "".join(out)


def _escape_lt(s: str, i: int, i1: int, leaving: bool, written: int, out: list[str]) -> int:
    """Write ``&lt;`` for each ``<`` of text ``s[i:i1]`` that starts no tag (the last one
    does when the state changes) nor ``<!DOCTYPE``; return the new written position."""
    end = i1
    if leaving:
        j = s.rfind("<", i, end)
        if j >= 0:
            end = j
    j = s.find("<", i, end)
    while j >= 0:
        if s[j : j + 9].upper() != "<!DOCTYPE":
            out.append(s[written:j])
            out.append("&lt;")
            written = j + 1
        j = s.find("<", j + 1, end)
    return written


# --- pipelines ----------------------------------------------------------------------------------

_EQUIVALENT: Final = {
    "_html_template_attrescaper": "html",
    "_html_template_htmlescaper": "html",
    "_html_template_rcdataescaper": "html",
    "_html_template_urlescaper": "urlquery",
    "_html_template_urlnormalizer": "urlquery",
}
_REDUNDANT: Final = {
    "_html_template_commentescaper": frozenset(
        {
            "_html_template_attrescaper",
            "_html_template_nospaceescaper",
            "_html_template_htmlescaper",
        }
    ),
    "_html_template_cssescaper": frozenset({"_html_template_attrescaper"}),
    "_html_template_jsregexpescaper": frozenset({"_html_template_attrescaper"}),
    "_html_template_jsstrescaper": frozenset({"_html_template_attrescaper"}),
    "_html_template_urlescaper": frozenset({"_html_template_urlnormalizer"}),
}


def _norm(name: str) -> str:
    return _EQUIVALENT.get(name, name)


def _ident(cmd: n.CommandNode) -> str | None:
    first = cmd.args[0] if cmd.args else None
    return first.name if isinstance(first, n.IdentifierNode) else None


def ensure_pipeline_contains(action: n.ActionNode, s: list[str]) -> None:
    """Go's ``ensurePipelineContains``: end the action's pipeline with the escapers ``s``
    (into ``action.escapers``), merged with a predefined escaper ending the pipeline."""
    if not s or action.escapers:
        return
    pipe = action.pipe
    keep = len(pipe.cmds)
    last = _ident(pipe.cmds[-1]) if pipe.cmds else None
    if last in _PREDEFINED:
        assert last is not None
        cmd = pipe.cmds[-1]
        if len(pipe.cmds) == 1 and len(cmd.args) > 1:
            first = cmd.args[0]
            cmd.args[0] = n.IdentifierNode(first.line, first.col, "_eval_args_")
            ident = n.IdentifierNode(pipe.line, pipe.col, last)
            pipe.cmds.append(n.CommandNode(pipe.line, pipe.col, [ident]))
            keep += 1
        s = [last if _norm(x) == _norm(last) else x for x in s]
        if last in s:
            keep -= 1
    kept = pipe.cmds[:keep]
    inserted = {_norm(i) for i in map(_ident, kept) if i is not None}
    prev = _ident(kept[-1]) if kept else None
    added: list[str] = []
    for name in s:
        if _norm(name) in inserted:
            continue
        if prev is not None and name in _REDUNDANT.get(prev, ()):
            continue
        added.append(name)
        prev = name
    pipe.cmds[:] = kept
    action.escapers = tuple(added)


# --- Go's String() of nodes ---------------------------------------------------------------------


def go_string(node: n.Node) -> str:
    """A node as Go's ``String()`` prints it; actions show their escapers as the pipeline
    commands Go adds."""
    if isinstance(node, n.ListNode):
        return "".join(go_string(x) for x in node.nodes)
    if isinstance(node, n.TextNode):
        return node.text
    if isinstance(node, n.ActionNode):
        esc = "".join(f" | {x}" for x in node.escapers)
        return "{{" + _pipe_string(node.pipe) + esc + "}}"
    if isinstance(node, n.IfNode | n.WithNode | n.RangeNode):
        return _branch_string(node)
    if isinstance(node, n.TemplateNode):
        pipe = "" if node.pipe is None else " " + _pipe_string(node.pipe)
        return "{{template " + go_quote(node.name) + pipe + "}}"
    if isinstance(node, n.BreakNode):
        return "{{break}}"
    if isinstance(node, n.ContinueNode):
        return "{{continue}}"
    return _arg_string(node)


def _branch_string(node: n.IfNode | n.WithNode | n.RangeNode) -> str:
    kind = {n.IfNode: "if", n.WithNode: "with", n.RangeNode: "range"}[type(node)]
    out = "{{" + kind + " " + _pipe_string(node.pipe) + "}}" + go_string(node.list)
    if node.else_list is not None:
        out += "{{else}}" + go_string(node.else_list)
    return out + "{{end}}"


def _pipe_string(pipe: n.PipeNode) -> str:
    decl = ""
    if pipe.decl:
        decl = ", ".join(_arg_string(v) for v in pipe.decl) + " := "
    return decl + " | ".join(_command_string(c) for c in pipe.cmds)


def _command_string(cmd: n.CommandNode) -> str:
    return " ".join(
        f"({_pipe_string(a)})" if isinstance(a, n.PipeNode) else _arg_string(a) for a in cmd.args
    )


def _arg_string(node: n.Node) -> str:
    simple = _SIMPLE_ARG_STRINGS.get(type(node))
    if simple is not None:
        return simple(node)
    if isinstance(node, n.ChainNode):
        inner = node.node
        base = f"({_pipe_string(inner)})" if isinstance(inner, n.PipeNode) else _arg_string(inner)
        return base + "".join("." + f for f in node.field)
    if isinstance(node, n.PipeNode):
        return _pipe_string(node)
    raise TypeError(f"cannot print {type(node).__name__}")


_SIMPLE_ARG_STRINGS: Final[dict[type, Callable[[n.Node], str]]] = {
    n.DotNode: lambda _: ".",
    n.NilNode: lambda _: "nil",
    n.BoolNode: lambda x: "true" if x.value else "false",  # type: ignore[attr-defined]
    n.NumberNode: lambda x: x.text,  # type: ignore[attr-defined]
    n.StringNode: lambda x: x.quoted,  # type: ignore[attr-defined]
    n.IdentifierNode: lambda x: x.name,  # type: ignore[attr-defined]
    n.FieldNode: lambda x: "." + ".".join(x.ident),  # type: ignore[attr-defined]
    n.VariableNode: lambda x: ".".join(x.ident),  # type: ignore[attr-defined]
}
