"""Go parse trees → jinja2 source with Go's semantics.

The compiler walks a :data:`~.nodes.TreeSet` (already escaped by :mod:`.escape` for
html/template parts) and writes jinja2 source in which every Go construct is a call of a
trusted helper: field chains (:func:`.runtime.chain`), function calls through callers that
convert arguments as Go does (:func:`.values.make_caller`), truth (:func:`.values.truth`),
printing (:func:`.values.print_value` or the html escapers), ``range`` items. jinja2 supplies
what the sandbox limits need: loops through the step budget, output size, time.

Literal text is emitted in ``{% raw %}`` blocks (split where it holds ``{% endraw`` or a
carriage return, which jinja would otherwise interpret or normalise), so any text stays
literal. Constants become named globals, resolved once per render. Go variables are jinja
locals, except those assigned (``=``) inside a ``range`` body, which live in a namespace
because a jinja loop body cannot assign outside itself. Each ``define``d template is a macro
with its own variables, as a Go template call has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from blaster.gotemplate import nodes as n
from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError, GoFunc

#: the Go type of the message listmonk's campaign functions take
MESSAGE_TYPE = "*manager.CampaignMessage"
#: listmonk's campaign functions: they never raise and build bounded values, so a call
#: whose arguments already have their Go types calls the implementation directly
DIRECT = frozenset(
    {
        "TrackLink", "TrackView", "UnsubscribeURL", "ManageURL", "OptinURL", "MessageURL",
        "ArchiveURL", "RootURL", "L", "Safe",
    }
)
#: functions whose results are bounded by their inputs' sizes: no size guard needed
BOUNDED = DIRECT | frozenset(
    {
        "eq", "ne", "lt", "le", "gt", "ge", "not", "and", "or", "len", "index", "html", "js",
        "urlquery", "upper", "lower", "title", "untitle", "trim", "trimAll", "trimPrefix",
        "trimSuffix", "default", "empty", "coalesce", "ternary", "toString", "contains",
        "hasPrefix", "hasSuffix", "Date", "quote", "squote", "b64enc", "sha256sum", "sha1sum",
    }
)
#: functions whose result depends only on their arguments: a call with constant arguments is
#: computed once, at compile time (as jinja folds its constant expressions)
PURE = frozenset(
    """
    printf print println upper lower title untitle trim trimAll trimall trimPrefix trimSuffix
    repeat replace quote squote cat indent nindent nospace abbrev abbrevboth trunc substr
    initials wrap wrapWith contains hasPrefix hasSuffix plural snakecase camelcase kebabcase
    swapcase toString b64enc b64dec b32enc b32dec sha1sum sha256sum adler32sum add add1 sub mul
    div mod max min addf add1f subf mulf divf maxf minf ceil floor round atoi int int64 float64
    toDecimal len eq ne lt le gt ge not html js urlquery default empty coalesce ternary
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_MESSAGE = "_dot"  #: the main template's dot: the message (a called template's is ``_tdot``)
_RAW_BREAK = re.compile(r"\{%(?=[-+]?\s*endraw)|\r")
#: builtins the compiler evaluates itself (short-circuit, or never valid here)
_SPECIAL = frozenset({"and", "or", "call"})


class CompiledGo(NamedTuple):
    """jinja2 source and the globals it refers to."""

    source: str
    names: dict[str, Any]
    #: URLs of ``TrackLink "literal"`` calls, to register once per campaign
    links: frozenset[str]


@dataclass
class _Scope:
    """Where an expression is compiled: the jinja expression of dot and of ``$``, and the
    Go variables visible here (innermost last)."""

    dot: str
    root: str
    frames: list[dict[str, str]] = field(default_factory=list)

    def lookup(self, name: str) -> str:
        if name == "$":
            return self.root
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        raise GoExecError(f"undefined variable {name!r}")  # the parser refuses these first

    def inner(self, dot: str | None = None) -> _Scope:
        return _Scope(dot or self.dot, self.root, [*self.frames, {}])


def _assigned_in_loops(root: n.ListNode) -> set[str]:
    """Go variable names assigned with ``=`` somewhere inside a ``range`` body."""
    found: set[str] = set()

    def walk(items: list[n.ListItem], depth: int) -> None:
        for item in items:
            pipe = getattr(item, "pipe", None)
            if isinstance(pipe, n.PipeNode) and pipe.is_assign and depth:
                found.update(v.ident[0] for v in pipe.decl)
            if isinstance(item, n.IfNode | n.WithNode | n.RangeNode):
                inner = depth + isinstance(item, n.RangeNode)
                walk(item.list.nodes, inner)
                if item.else_list is not None:
                    walk(item.else_list.nodes, depth)

    walk(root.nodes, 0)
    return found


class Compiler:
    """Compiles one template set; :meth:`compile` returns the jinja2 source.

    The compiler writes the statements: text, actions, ``if``/``with``/``range`` with the
    scopes of their variables, and ``template`` calls (inlined, or macros of the defined
    templates). The pipelines in them are :class:`_Expressions`'; the names of constants,
    functions and temporaries are :class:`_Globals`'.

    :param trees: the parse (and, for html, the escape) result.
    :param funcs: every function a template may call, by Go name.
    :param escapers: html/template's escaper functions by name (html parts only).
    :param html: True for html/template parts (actions print through their escapers).
    :param limit: the size limit for values functions build.
    :param helpers: what the compiled source calls besides the functions (``_chain``,
        ``_chain_call``, ``_range``, ``_fail``), by name.
    :param sized: wraps a function that can build large values in its size guard.
        :mod:`.runtime` provides both (``HELPERS``, ``sized_caller``); the compiler only
        names them.
    :param prefix: starts the names of this template's constants, so that the globals of
        several compiled parts can share one namespace.
    """

    def __init__(
        self,
        trees: n.TreeSet,
        *,
        funcs: Mapping[str, GoFunc],
        escapers: Mapping[str, Any] | None = None,
        helpers: Mapping[str, Callable[..., Any]],
        sized: Callable[[str, Callable[..., Any], int], Callable[..., Any]],
        html: bool,
        limit: int,
        prefix: str = "",
    ) -> None:
        self.trees, self.escapers, self.html = trees, escapers or {}, html
        self.globals = _Globals(
            helpers, escapers=self.escapers, sized=sized, limit=limit, prefix=prefix
        )
        self.exprs = _Expressions(self.globals, funcs)
        #: macros go through the sandbox's counted calls (names without "_", see render)
        self._macros = {name: f"gotpl{i}" for i, name in enumerate(trees)}
        self._ns_vars: set[str] = set()
        self._ns = "_ns"  #: the namespace of the template being compiled (see _body)
        self._sites = _call_sites(trees)
        self._inlining: list[str] = []

    # --- entry ----------------------------------------------------------------------------

    def compile(self, main: str) -> CompiledGo:
        out: list[str] = []
        for name, tree in self.trees.items():
            if name != main and self._sites.get(name, 0) > 1:  # others are inlined, or unused
                out.extend(self._macro(name, tree))
        out.extend(self._body(self.trees[main], _MESSAGE))
        return CompiledGo("".join(out), self.globals.names, frozenset(self.exprs.links))

    def _macro(self, name: str, tree: n.Tree) -> Iterator[str]:
        yield "{%% macro %s(_tdot=none) %%}" % self._macros[name]  # noqa: UP031
        yield from self._body(tree, "_tdot")
        yield "{% endmacro %}"

    def _body(self, tree: n.Tree, dot: str, ns: str = "_ns") -> Iterator[str]:
        """A template's body with its own variables (and namespace ``ns`` for those assigned
        inside loops), dot and ``$`` being ``dot``."""
        saved = self._ns_vars, self._ns
        self._ns_vars, self._ns = _assigned_in_loops(tree.root), ns
        if self._ns_vars:
            yield "{%% set %s = namespace() %%}" % ns  # noqa: UP031
        yield from self._list(tree.root, _Scope(dot, dot, [{}]))
        self._ns_vars, self._ns = saved

    # --- lists ----------------------------------------------------------------------------

    def _list(self, node: n.ListNode, scope: _Scope) -> Iterator[str]:
        for item in node.nodes:
            yield from self._item(item, scope)

    def _item(self, item: n.ListItem, scope: _Scope) -> Iterator[str]:
        if isinstance(item, n.TextNode):
            yield from self._text(item.text)
        elif isinstance(item, n.ActionNode):
            yield from self._action(item, scope)
        elif isinstance(item, n.IfNode):
            yield from self._if(item, scope)
        elif isinstance(item, n.WithNode):
            yield from self._with(item, scope)
        elif isinstance(item, n.RangeNode):
            yield from self._range(item, scope)
        elif isinstance(item, n.TemplateNode):
            yield from self._template(item, scope)
        elif isinstance(item, n.BreakNode):
            yield "{% break %}"
        elif isinstance(item, n.ContinueNode):
            yield "{% continue %}"
        else:  # pragma: no cover - the parser makes no other kinds
            raise TypeError(f"unexpected node {item!r}")

    def _text(self, text: str) -> Iterator[str]:
        start = 0
        for m in _RAW_BREAK.finditer(text):
            if m.group() == "\r":
                yield from self._raw(text[start : m.start()])
                yield "{{ %s }}" % self.globals.const("\r")  # noqa: UP031
                start = m.end()
            else:  # cut after "{%": the rest starts a new raw block
                yield from self._raw(text[start : m.end()])
                start = m.end()
        yield from self._raw(text[start:])

    @staticmethod
    def _raw(text: str) -> Iterator[str]:
        if text:
            yield "{% raw %}" + text + "{% endraw %}"

    def _action(self, item: n.ActionNode, scope: _Scope) -> Iterator[str]:
        pre, value = self.exprs.pipe(item.pipe, scope)
        yield from pre
        if item.pipe.decl:
            yield from self._declare(item.pipe, value, scope)
            return
        if self.html:
            if self.globals.is_const(value):  # a constant: escaped now, printed as text
                text = self._escaped_constant(self.globals.names[value], item.escapers)
                yield from self._text(text)
                return
            for name in item.escapers:
                value = f"{self.globals.escaper(name)}({value})"
            yield "{{ %s }}" % value  # noqa: UP031
        else:
            yield "{{ _print(%s) }}" % value  # noqa: UP031

    def _escaped_constant(self, value: Any, escapers: tuple[str, ...]) -> str:
        for name in escapers:
            value = self.escapers[name](value)
        return str(value)

    def _declare(self, pipe: n.PipeNode, value: str, scope: _Scope) -> Iterator[str]:
        """``$x := value`` or ``$x = value`` (one variable outside ``range``)."""
        var = pipe.decl[0].ident[0]
        target = scope.lookup(var) if pipe.is_assign else self._new_var(var, scope)
        yield "{%% set %s = %s %%}" % (target, value)  # noqa: UP031

    def _new_var(self, var: str, scope: _Scope) -> str:
        name = self.globals.temp("v")
        if var in self._ns_vars:
            name = f"{self._ns}.{name}"
        scope.frames[-1][var] = name
        return name

    def _if(self, item: n.IfNode, scope: _Scope) -> Iterator[str]:
        inner = scope.inner()
        value = yield from self._condition(item.pipe, inner)
        yield "{%% if _truth(%s) %%}" % value  # noqa: UP031
        yield from self._list(item.list, inner.inner())
        if item.else_list is not None:
            yield "{% else %}"
            yield from self._list(item.else_list, inner.inner())
        yield "{% endif %}"

    def _condition(self, pipe: n.PipeNode, inner: _Scope) -> Generator[str, None, str]:
        """The pipeline of an ``if``/``with`` (declaring its variable in ``inner``, the scope
        of both branches); returns the expression of its value."""
        pre, value = self.exprs.pipe(pipe, inner)
        yield from pre
        if pipe.decl:
            yield from self._declare(pipe, value, inner)
            value = inner.lookup(pipe.decl[0].ident[0])
        return value

    def _with(self, item: n.WithNode, scope: _Scope) -> Iterator[str]:
        inner = scope.inner()
        value = yield from self._condition(item.pipe, inner)
        dot = self.globals.temp()
        yield "{%% set %s = %s %%}" % (dot, value)  # noqa: UP031
        yield "{%% if _truth(%s) %%}" % dot  # noqa: UP031
        yield from self._list(item.list, inner.inner(dot))
        if item.else_list is not None:
            yield "{% else %}"
            yield from self._list(item.else_list, inner.inner())
        yield "{% endif %}"

    def _range(self, item: n.RangeNode, scope: _Scope) -> Iterator[str]:
        inner = scope.inner()
        pre, value = self.exprs.pipe(item.pipe, inner)
        yield from pre
        key, elem = self.globals.temp(), self.globals.temp()
        yield "{%% for %s, %s in _range(%s) %%}" % (key, elem, value)  # noqa: UP031
        body = inner.inner(elem)
        decl = [v.ident[0] for v in item.pipe.decl]
        for var, src in zip(decl, [elem] if len(decl) == 1 else [key, elem], strict=False):
            yield "{%% set %s = %s %%}" % (self._new_var(var, body), src)  # noqa: UP031
        yield from self._list(item.list, body)
        if item.else_list is not None:
            yield "{% else %}"
            yield from self._list(item.else_list, inner.inner())
        yield "{% endfor %}"

    def _template(self, item: n.TemplateNode, scope: _Scope) -> Iterator[str]:
        value = "_missing"  # Go: a template called without a pipeline gets no value as dot
        if item.pipe is not None:
            pre, value = self.exprs.pipe(item.pipe, scope)
            yield from pre
        tree = self.trees.get(item.name)
        if tree is None:
            message = f'template: no template "{item.name}" associated with this template'
            yield "{{ _fail(%s) }}" % self.globals.const(message)  # noqa: UP031
        elif self._sites.get(item.name, 0) == 1 and item.name not in self._inlining:
            yield from self._inline(item.name, tree, value)
        else:
            yield "{{ %s(%s) }}" % (self._macros[item.name], value)  # noqa: UP031

    def _inline(self, name: str, tree: n.Tree, value: str) -> Iterator[str]:
        """A template called from one place only, compiled in place: the same output as a
        call (its own variables; dot and ``$`` the argument) without a macro per render."""
        dot = value
        if not value.isidentifier():  # a name (the message, a variable) is dot as it is
            dot = self.globals.temp()
            yield "{%% set %s = %s %%}" % (dot, value)  # noqa: UP031
        self._inlining.append(name)
        yield from self._body(tree, dot, ns=f"_ns{self.globals.temp()}")
        self._inlining.pop()


class _Expressions:
    """Pipelines, commands and arguments as jinja expressions. Each method returns the
    statements to run first (temporaries, the branches of ``and``/``or``) and the expression
    of the value. Calls convert their arguments as Go does, unless they are typed statically;
    pure calls with constant arguments are computed now; the URLs of ``TrackLink`` calls
    with a literal URL are collected in :attr:`links`.

    :param globals_: the names of constants, functions and temporaries.
    :param funcs: every function a template may call, by Go name.
    """

    def __init__(self, globals_: _Globals, funcs: Mapping[str, GoFunc]) -> None:
        self.globals, self.funcs = globals_, funcs
        self.links: set[str] = set()

    def pipe(self, pipe: n.PipeNode, scope: _Scope) -> tuple[list[str], str]:
        pre: list[str] = []
        value: str | None = None
        for cmd in pipe.cmds:
            more, value = self._command(cmd, scope, value)
            pre.extend(more)
        if value is None:  # pragma: no cover - the parser refuses empty pipelines
            raise GoExecError("missing value for command")
        return pre, value

    def _command(
        self, cmd: n.CommandNode, scope: _Scope, final: str | None
    ) -> tuple[list[str], str]:
        first, rest = cmd.args[0], cmd.args[1:]
        if isinstance(first, n.IdentifierNode):
            return self._call(first, rest, scope, final)
        if isinstance(first, n.FieldNode | n.VariableNode | n.ChainNode) and (rest or final):
            return self._method_call(first, rest, scope, final)
        if isinstance(first, n.NilNode):
            return [], self.globals.fail_expr("nil is not a command")
        if rest or final is not None:
            shown = values.show_node(first)
            return [], self.globals.fail_expr(f"can't give argument to non-function {shown}")
        return self._arg(first, scope, "any")

    def _method_call(
        self, first: n.FieldNode | n.VariableNode | n.ChainNode, rest: list[n.Arg],
        scope: _Scope, final: str | None,
    ) -> tuple[list[str], str]:
        receiver, names = self._receiver(first, scope)
        pre, args = self._args(rest, scope, None)
        for i, arg in enumerate(rest):  # typed by the method's parameter, once it is known
            if isinstance(arg, n.NumberNode):
                args[i] = self.globals.const(values.MethodConst(arg))
        if final is not None:
            args.append(final)
        argtuple = "(" + "".join(a + ", " for a in args) + ")"
        return pre, f"_chain_call({receiver}, {self.globals.const(tuple(names))}, {argtuple})"

    def _receiver(
        self, node: n.FieldNode | n.VariableNode | n.ChainNode, scope: _Scope
    ) -> tuple[str, list[str]]:
        if isinstance(node, n.FieldNode):
            return scope.dot, node.ident
        if isinstance(node, n.VariableNode):
            return scope.lookup(node.ident[0]), node.ident[1:]
        _, base = self._arg(node.node, scope, "any")
        return base, node.field

    def _call(
        self, ident: n.IdentifierNode, rest: list[n.Arg], scope: _Scope, final: str | None
    ) -> tuple[list[str], str]:
        name = ident.name
        if name in ("and", "or"):
            return self._and_or(name, rest, scope, final)
        fn = self.funcs.get(name)
        if fn is None or name == "call":
            return [], self.globals.fail_expr(f"error calling {name}: not available in blaster")
        pre, args = self._args(rest, scope, fn)
        if final is not None:
            args.append(final)
        if name == "TrackLink" and rest and isinstance(rest[0], n.StringNode):
            self.links.add(rest[0].text.replace("&amp;", "&"))
        if name in PURE and final is None and all(map(_is_constant, rest)):
            return pre, self._folded(fn, args)
        direct = _typed_statically(fn, rest, final is not None, scope.dot == _MESSAGE)
        return pre, f"{self.globals.function(fn, direct=direct)}({', '.join(args)})"

    def _folded(self, fn: GoFunc, args: list[str]) -> str:
        """A pure call with constant arguments (``args``: their names), computed now: its
        value, or its error raised where Go would raise it."""
        names = self.globals.names
        call = f"{self.globals.function(fn)}({', '.join(args)})"
        if not all(a in names for a in args):  # an argument Go refuses: fails there
            return call
        try:
            value = names[self.globals.function(fn)](*(names[a] for a in args))
        except GoExecError as exc:
            return self.globals.fail_expr(str(exc))
        try:
            hash(value)
        except TypeError:  # a list or map: left to run time
            return call
        return self.globals.const(value)

    def _and_or(
        self, name: str, rest: list[n.Arg], scope: _Scope, final: str | None
    ) -> tuple[list[str], str]:
        """Go's ``and``/``or``: the deciding operand, later operands not evaluated."""
        if not rest and final is None:
            message = f"wrong number of args for {name}: want at least 1 got 0"
            return [], self.globals.fail_expr(message)
        result = self.globals.temp()
        operands: list[tuple[list[str], str]] = [self._arg(a, scope, "any") for a in rest]
        pre: list[str] = []
        if final is not None:  # the piped value: already computed when and/or runs
            piped = self.globals.temp()
            pre.append("{%% set %s = %s %%}" % (piped, final))  # noqa: UP031
            operands.append(([], piped))
        test = "not _truth(%s)" if name == "and" else "_truth(%s)"
        closing = 0
        for i, (more, value) in enumerate(operands):
            pre.extend(more)
            pre.append("{%% set %s = %s %%}" % (result, value))  # noqa: UP031
            if i < len(operands) - 1:
                pre.append("{%% if not (%s) %%}" % (test % result))
                closing += 1
        pre.extend(["{% endif %}"] * closing)
        return pre, result

    def _args(
        self, args: list[n.Arg], scope: _Scope, fn: GoFunc | None
    ) -> tuple[list[str], list[str]]:
        pre: list[str] = []
        out: list[str] = []
        for i, arg in enumerate(args):
            more, value = self._arg(arg, scope, _param_type(fn, i))
            pre.extend(more)
            out.append(value)
        return pre, out

    def _arg(self, arg: n.Arg, scope: _Scope, typ: str) -> tuple[list[str], str]:
        if isinstance(arg, n.DotNode):
            return [], scope.dot
        if isinstance(arg, n.NumberNode | n.StringNode | n.BoolNode | n.NilNode):
            return [], self.globals.constant(arg, typ)
        if isinstance(arg, n.FieldNode):
            return [], self._chain(scope.dot, arg.ident)
        if isinstance(arg, n.VariableNode):
            return [], self._chain(scope.lookup(arg.ident[0]), arg.ident[1:])
        if isinstance(arg, n.ChainNode):
            pre, base = self._arg(arg.node, scope, "any")
            return pre, self._chain(base, arg.field)
        if isinstance(arg, n.PipeNode):
            return self.pipe(arg, scope)
        if isinstance(arg, n.IdentifierNode):
            return self._call(arg, [], scope, None)
        raise TypeError(f"unexpected argument {arg!r}")  # pragma: no cover

    def _chain(self, base: str, names: list[str]) -> str:
        if not names:
            return base
        return f"_chain({base}, {self.globals.const(tuple(names))})"


class _Globals:
    """The names the compiled source refers to: its globals (the helpers, one constant per
    distinct value, the callers of functions, the escapers), in :attr:`names`, and fresh
    local names for temporaries and variables.

    :param helpers: the runtime helpers, by name (see :class:`Compiler`).
    :param escapers: html/template's escaper functions by name.
    :param sized: wraps a function that can build large values in its size guard.
    :param limit: the size limit for values functions build.
    :param prefix: starts the names of constants.
    """

    def __init__(
        self,
        helpers: Mapping[str, Callable[..., Any]],
        *,
        escapers: Mapping[str, Any],
        sized: Callable[[str, Callable[..., Any], int], Callable[..., Any]],
        limit: int,
        prefix: str,
    ) -> None:
        self.escapers, self.limit, self.prefix = escapers, limit, prefix
        self._sized = sized
        self.names: dict[str, Any] = {
            **helpers,
            "_truth": values.truth,
            "_print": values.print_value,
            "_missing": values.MISSING,
        }
        self._consts: dict[tuple[type, Any], str] = {}
        self._const_names: set[str] = set()
        self._counter = 0

    def is_const(self, name: str) -> bool:
        """Whether ``name`` is the name of a constant."""
        return name in self._const_names

    def constant(self, node: n.Arg, typ: str) -> str:
        try:
            return self.const(values.const_arg(node, typ))
        except GoExecError as exc:
            return self.fail_expr(str(exc))

    def const(self, value: Any) -> str:
        key = (type(value), value)
        name = self._consts.get(key)
        if name is None:
            name = self._consts[key] = f"_c{self.prefix}{len(self._consts)}"
            self.names[name] = value
            self._const_names.add(name)
        return name

    def function(self, fn: GoFunc, *, direct: bool = False) -> str:
        if direct:
            name = f"_d_{fn.name}"
            self.names.setdefault(name, fn.impl)
            return name
        name = f"_f_{fn.name}"
        if name not in self.names:
            caller = values.make_caller(fn)
            if fn.name not in BOUNDED:
                caller = self._sized(fn.name, caller, self.limit)
            self.names[name] = caller
        return name

    def escaper(self, escaper: str) -> str:
        name = f"_e{escaper}"
        if name not in self.names:
            self.names[name] = self.escapers[escaper]
        return name

    def fail_expr(self, message: str) -> str:
        return f"_fail({self.const(message)})"

    def temp(self, letter: str = "t") -> str:
        self._counter += 1
        return f"{letter}{self._counter}"


def _typed_statically(fn: GoFunc, args: list[n.Arg], piped: bool, dot_is_message: bool) -> bool:
    """Whether a call of one of listmonk's own functions needs no argument conversion: the
    right number of arguments, each a constant (converted at compile time), or passed to an
    ``interface{}`` parameter, or dot passed as the message where dot is the message."""
    if fn.name not in DIRECT or fn.variadic is not None:
        return False
    if len(args) + piped != len(fn.params):
        return False
    constants = n.NumberNode | n.StringNode | n.BoolNode | n.NilNode

    def fits(param: str, arg: n.Arg | None) -> bool:
        if param == "any" or isinstance(arg, constants):
            return True
        return param == MESSAGE_TYPE and isinstance(arg, n.DotNode) and dot_is_message

    given: list[n.Arg | None] = [*args, *([None] * piped)]
    return all(fits(p, a) for p, a in zip(fn.params, given, strict=True))


def _is_constant(arg: n.Arg) -> bool:
    return isinstance(arg, n.NumberNode | n.StringNode | n.BoolNode | n.NilNode)


def _call_sites(trees: n.TreeSet) -> dict[str, int]:
    """How many ``{{ template }}`` actions name each template, over the whole set."""
    sites: dict[str, int] = {}

    def walk(items: list[n.ListItem]) -> None:
        for item in items:
            if isinstance(item, n.TemplateNode):
                sites[item.name] = sites.get(item.name, 0) + 1
            elif isinstance(item, n.IfNode | n.WithNode | n.RangeNode):
                walk(item.list.nodes)
                if item.else_list is not None:
                    walk(item.else_list.nodes)

    for tree in trees.values():
        walk(tree.root.nodes)
    return sites


def _param_type(fn: GoFunc | None, index: int) -> str:
    if fn is None:
        return "any"
    if index < len(fn.params):
        return fn.params[index]
    return fn.variadic or "any"


