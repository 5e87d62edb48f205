"""The parser of Go's ``text/template`` grammar: template source to the trees of
:mod:`.nodes`, with Go 1.19's rules and error messages (plus ``{{else with}}`` of newer Go).

This module owns the grammar above the tokens of :mod:`.lexer`: actions, pipelines and
commands, the control structures (``if``/``else if``, ``range`` with ``break``/``continue``,
``with``/``else with``, ``define``, ``block``, ``template``), the scoping of ``$`` variables,
the check that functions exist, and which templates a parse defines. A template that Go
refuses raises :class:`.GoTemplateError` with Go's message and the line Go reports (the line
of the last token Go's parser read); the column is that of the offending token when it is on
that line, else of that last token (Go itself reports no column).

Node positions are where the construct starts in the user's source: control nodes at their
keyword, actions and commands at their first token, ``.A.B``, ``$x.A`` and ``(p).A`` at
their first character (Go puts a few of these elsewhere: at the pipeline of an ``if``, at
the last field of a chain, at the name of a ``template``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import ClassVar, NoReturn

from .lexer import Kind, LiteralError, Token, char_value, go_quote, lex, parse_complex
from .lexer import parse_float as _parse_float
from .lexer import parse_int as _parse_int
from .lexer import parse_uint as _parse_uint
from .lexer import unquote_string as _unquote_string
from .nodes import (
    ActionNode,
    Arg,
    BoolNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
    FieldNode,
    GoTemplateError,
    IdentifierNode,
    IfNode,
    ListItem,
    ListNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    RangeNode,
    StringNode,
    TemplateNode,
    TextNode,
    Tree,
    TreeSet,
    VariableNode,
    WithNode,
)

__all__ = ["complex_value", "is_empty_tree", "parse"]

#: the space Go's ``bytes.TrimSpace`` removes (``unicode.IsSpace``)
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" + (
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_OPERAND_START = frozenset(
    {
        Kind.BOOL,
        Kind.CHAR_CONSTANT,
        Kind.COMPLEX,
        Kind.DOT,
        Kind.FIELD,
        Kind.IDENTIFIER,
        Kind.NUMBER,
        Kind.NIL,
        Kind.RAW_STRING,
        Kind.STRING,
        Kind.VARIABLE,
        Kind.LEFT_PAREN,
    }
)
_STRINGS = (Kind.STRING, Kind.RAW_STRING)
_INT64 = range(-(1 << 63), 1 << 63)
_UINT64 = range(1 << 64)
#: arguments that cannot start a pipeline stage after the first, nor take ``.Field``
_CONSTANTS = (BoolNode, DotNode, NilNode, NumberNode, StringNode)


def parse(source: str, name: str, *, funcs: Collection[str] | None = None) -> TreeSet:
    """Parse ``source`` as Go's ``template.New(name).Parse(source)`` does: the tree named
    ``name`` plus one per ``define`` and ``block``. ``funcs`` names the functions that
    exist (all of them, Go's builtins included); an identifier not among them is an error,
    as in Go. ``None`` skips that check. Raises :class:`GoTemplateError`."""
    # Go means break/continue to be identifiers where functions of those names exist, but
    # looks the functions up before it has them: they are always keywords.
    context = _Context(source, name, funcs, lex(source))
    try:
        _TreeParser(context, name).parse_main()
    except RecursionError:
        # Go has no limit; Python's stack allows some 150 levels of nesting
        raise context.error("template nested too deeply") from None
    return context.trees


def is_empty_tree(root: ListNode) -> bool:
    """Whether a template body holds nothing but space (Go's ``parse.IsEmptyTree``)."""
    return all(isinstance(n, TextNode) and not n.text.strip(_GO_SPACE) for n in root.nodes)


def complex_value(node: NumberNode) -> complex:
    """The complex value of a complex constant (``1i``, ``1+2i``), which NumberNode does not
    keep; for any other number, its float value."""
    if not node.is_complex:
        return complex(node.float_value)
    imaginary = _imaginary(node.text)
    return imaginary if imaginary is not None else parse_complex(node.text)


# --- numbers -----------------------------------------------------------------------------------


def _exact_ints(node: NumberNode, value: float) -> None:
    """Set the integer readings of a float value, as Go's conversions decide them."""
    if not value.is_integer():
        return
    if int(value) in _INT64:
        node.is_int, node.int_value = True, int(value)
    if int(value) in _UINT64:
        node.is_uint = True
        node.int_value = int(value)


def _complex_number(node: NumberNode, value: complex) -> NumberNode:
    node.is_complex = True
    if value.imag == 0:
        node.is_float, node.float_value = True, value.real
        _exact_ints(node, value.real)
    return node


def _imaginary(text: str) -> complex | None:
    if not text.endswith("i"):
        return None
    try:
        return complex(0, _parse_float(text[:-1]))
    except LiteralError:
        return None


def _float_number(node: NumberNode) -> None:
    try:
        value = _parse_float(node.text)
    except LiteralError:
        return
    if not any(ch in ".eEpP" for ch in node.text):
        raise LiteralError(f"integer overflow: {go_quote(node.text)}")
    node.is_float, node.float_value = True, value
    _exact_ints(node, value)


def _number(text: str, kind: Kind, line: int, col: int) -> NumberNode:
    """A NumberNode with Go's readings of ``text``; raises :class:`LiteralError`."""
    node = NumberNode(line, col, text)
    if kind is Kind.CHAR_CONSTANT:
        rune = char_value(text)
        node.is_int = node.is_uint = node.is_float = True
        node.int_value, node.float_value = rune, float(rune)
        return node
    if kind is Kind.COMPLEX:
        return _complex_number(node, parse_complex(text))
    imaginary = _imaginary(text)
    if imaginary is not None:
        return _complex_number(node, imaginary)
    unsigned, signed = _parse_uint(text), _parse_int(text)
    if signed is not None:
        node.is_int, node.int_value = True, signed
        node.is_uint = node.is_uint or signed == 0 or unsigned is not None
    elif unsigned is not None:
        node.is_uint, node.int_value = True, unsigned
    if node.is_int or node.is_uint:
        node.is_float, node.float_value = True, float(node.int_value)
    else:
        _float_number(node)
    if not (node.is_int or node.is_uint or node.is_float):
        raise LiteralError(f"illegal number syntax: {go_quote(text)}")
    return node


# --- parsing -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _End:
    """``{{end}}``: ends a list, never in a tree."""

    line: int
    col: int

    def __str__(self) -> str:
        return "{{end}}"


@dataclass(slots=True)
class _Else:
    """``{{else}}``: ends a list, never in a tree."""

    line: int
    col: int

    def __str__(self) -> str:
        return "{{else}}"


_Item = ListItem | _End | _Else
#: what an error can point at
_Located = Token | Node | _End | _Else


class _Context:
    """What the trees of one parse share: the tokens and the cursor on them, positions,
    the functions and the templates defined so far."""

    def __init__(
        self, source: str, name: str, funcs: Collection[str] | None, tokens: list[Token]
    ) -> None:
        self.name = name
        self.funcs = funcs
        self.tokens = tokens
        self.last = len(tokens) - 1  #: the EOF or ERROR token, where reading stops
        self.index = 0
        self.furthest = 0  #: the last token read: Go reports errors on its line
        self.trees: TreeSet = {}
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def position(self, token: Token) -> tuple[int, int]:
        line = bisect_right(self.line_starts, token.offset)
        return line, token.offset - self.line_starts[line - 1] + 1

    def next(self) -> Token:
        index = self.index if self.index < self.last else self.last
        self.index += 1
        if index > self.furthest:
            self.furthest = index
        return self.tokens[index]

    def backup(self) -> None:
        self.index -= 1

    def peek(self) -> Token:
        token = self.next()
        self.backup()
        return token

    def next_non_space(self) -> Token:
        token = self.next()
        while token.kind is Kind.SPACE:
            token = self.next()
        return token

    def peek_non_space(self) -> Token:
        token = self.next_non_space()
        self.backup()
        return token

    def error(self, message: str, at: _Located | None = None) -> GoTemplateError:
        line, col = self.position(self.tokens[self.furthest])
        if at is not None:
            at_line, at_col = self.position(at) if isinstance(at, Token) else (at.line, at.col)
            col = at_col if at_line == line else col
        return GoTemplateError(message, line, col)


class _ParserBase:
    """What the two levels of the parser share: the cursor on the tokens (the parse's
    :class:`_Context`), the ``$`` variables in scope, the line of the action being parsed,
    and the errors in Go's words."""

    def __init__(self, context: _Context) -> None:
        self.ctx = context
        self.vars = ["$"]
        self.action_line = 0  #: line of the ``{{`` of the action being parsed

    def fail(self, message: str, at: _Located | None = None) -> NoReturn:
        raise self.ctx.error(message, at)

    def unexpected(self, token: Token, context: str) -> NoReturn:
        if token.kind is not Kind.ERROR:
            self.fail(f"unexpected {token.describe()} in {context}", token)
        extra = ""
        line = self.ctx.position(token)[0]
        if self.action_line and self.action_line != line:
            extra = f" in action started at {self.ctx.name}:{self.action_line}"
            if token.value.endswith(" action"):
                extra = extra[len(" in action") :]
        self.fail(token.value + extra, token)

    def expect(self, kind: Kind, context: str) -> Token:
        token = self.ctx.next_non_space()
        if token.kind is not kind:
            self.unexpected(token, context)
        return token

    def pos(self, token: Token) -> tuple[int, int]:
        return self.ctx.position(token)

    def unquote(self, token: Token) -> str:
        try:
            return _unquote_string(token.value)
        except LiteralError as err:
            self.fail(str(err), token)


class _PipelineParser(_ParserBase):
    """The inside of an action: pipelines with their variable declarations, commands and
    operands (fields, variables, constants, function names, parenthesized pipelines).
    Declared variables join those in scope; an undefined variable or function is an
    error, as in Go."""

    def pipeline(self, context: str, end: Kind) -> PipeNode:
        pipe = PipeNode(*self.pos(self.ctx.peek_non_space()))
        self.declarations(pipe, context)
        while True:
            token = self.ctx.next_non_space()
            if token.kind is end:
                self.check_pipeline(pipe, context, token)
                return pipe
            if token.kind not in _OPERAND_START:
                self.unexpected(token, context)
            self.ctx.backup()
            pipe.cmds.append(self.command())

    def declarations(self, pipe: PipeNode, context: str) -> None:
        """``$x :=``, ``$x =`` or (in range) ``$i, $v :=`` at the start of a pipeline."""
        ctx = self.ctx
        while (variable := ctx.peek_non_space()).kind is Kind.VARIABLE:
            mark = ctx.index
            ctx.next()
            following = ctx.peek_non_space()
            if following.kind in (Kind.ASSIGN, Kind.DECLARE):
                ctx.next_non_space()
                pipe.is_assign = following.kind is Kind.ASSIGN
                self.declare(pipe, variable)
                return
            if following.kind is not Kind.CHAR or following.value != ",":
                ctx.index = mark  # an operand, not a declaration
                return
            ctx.next_non_space()
            self.declare(pipe, variable)
            if context != "range" or len(pipe.decl) >= 2:
                self.fail(f"too many declarations in {context}", following)
            if ctx.peek_non_space().kind not in (
                Kind.VARIABLE,
                Kind.RIGHT_DELIM,
                Kind.RIGHT_PAREN,
            ):
                self.fail("range can only initialize variables", following)

    def declare(self, pipe: PipeNode, variable: Token) -> None:
        pipe.decl.append(VariableNode(*self.pos(variable), [variable.value]))
        self.vars.append(variable.value)

    def check_pipeline(self, pipe: PipeNode, context: str, end: Token) -> None:
        if not pipe.cmds:
            self.fail(f"missing value for {context}", end)
        for stage, command in enumerate(pipe.cmds[1:], start=2):
            if isinstance(command.args[0], _CONSTANTS):
                self.fail(f"non executable command in pipeline stage {stage}", command)

    def command(self) -> CommandNode:
        ctx = self.ctx
        command = CommandNode(*self.pos(ctx.peek_non_space()), [])
        while True:
            ctx.peek_non_space()
            operand = self.operand()
            if operand is not None:
                command.args.append(operand)
            token = ctx.next()
            if token.kind is Kind.SPACE:
                continue
            if token.kind in (Kind.RIGHT_DELIM, Kind.RIGHT_PAREN):
                ctx.backup()
            elif token.kind is not Kind.PIPE:
                self.unexpected(token, "operand")
            break
        if not command.args:
            self.fail("empty command")
        return command

    def operand(self) -> Arg | None:
        start = self.ctx.peek_non_space()
        node = self.term()
        if node is None or self.ctx.peek().kind is not Kind.FIELD:
            return node
        fields = []
        while self.ctx.peek().kind is Kind.FIELD:
            fields.append(self.ctx.next().value[1:])
        return self.chain(node, fields, start)

    def chain(self, node: Arg, fields: list[str], start: Token) -> Arg:
        if isinstance(node, FieldNode):
            return FieldNode(node.line, node.col, node.ident + fields)
        if isinstance(node, VariableNode):
            return VariableNode(node.line, node.col, node.ident + fields)
        if isinstance(node, _CONSTANTS):
            self.fail(f"unexpected . after term {go_quote(_node_text(node))}", start)
        return ChainNode(*self.pos(start), node, fields)

    # terms

    def term(self) -> Arg | None:
        token = self.ctx.next_non_space()
        make = self._TERMS.get(token.kind)
        if make is None:
            self.ctx.backup()
            return None
        return make(self, token)

    def identifier_term(self, token: Token) -> Arg:
        funcs = self.ctx.funcs
        if funcs is not None and token.value not in funcs:
            self.fail(f"function {go_quote(token.value)} not defined", token)
        return IdentifierNode(*self.pos(token), token.value)

    def variable_term(self, token: Token) -> Arg:
        if token.value not in self.vars:
            self.fail(f"undefined variable {go_quote(token.value)}", token)
        return VariableNode(*self.pos(token), [token.value])

    def number_term(self, token: Token) -> Arg:
        try:
            return _number(token.value, token.kind, *self.pos(token))
        except LiteralError as err:
            self.fail(str(err), token)

    def string_term(self, token: Token) -> Arg:
        return StringNode(*self.pos(token), token.value, self.unquote(token))

    def paren_term(self, token: Token) -> Arg:
        return self.pipeline("parenthesized pipeline", Kind.RIGHT_PAREN)

    def dot_term(self, token: Token) -> Arg:
        return DotNode(*self.pos(token))

    def nil_term(self, token: Token) -> Arg:
        return NilNode(*self.pos(token))

    def field_term(self, token: Token) -> Arg:
        return FieldNode(*self.pos(token), [token.value[1:]])

    def bool_term(self, token: Token) -> Arg:
        return BoolNode(*self.pos(token), token.value == "true")

    _TERMS: ClassVar[dict[Kind, Callable[[_PipelineParser, Token], Arg]]] = {
        Kind.IDENTIFIER: identifier_term,
        Kind.DOT: dot_term,
        Kind.NIL: nil_term,
        Kind.VARIABLE: variable_term,
        Kind.FIELD: field_term,
        Kind.BOOL: bool_term,
        Kind.CHAR_CONSTANT: number_term,
        Kind.COMPLEX: number_term,
        Kind.NUMBER: number_term,
        Kind.LEFT_PAREN: paren_term,
        Kind.STRING: string_term,
        Kind.RAW_STRING: string_term,
    }


class _TreeParser(_PipelineParser):
    """The parser of one template's body (the main one, a ``define`` or a ``block``): its
    lists of text and actions, and the control structures (``if``, ``range``, ``with``,
    ``define``, ``block``, ``template``, ``break``/``continue``). Each body has its own
    variables and ``range`` depth, as in Go; the pipelines are :class:`_PipelineParser`'s."""

    def __init__(self, context: _Context, name: str) -> None:
        super().__init__(context)
        self.name = name
        self.range_depth = 0

    def add(self, root: ListNode) -> None:
        """Record this tree in the parse's templates, with Go's rules for empty ones."""
        existing = self.ctx.trees.get(self.name)
        if existing is None or is_empty_tree(existing.root):
            self.ctx.trees[self.name] = Tree(self.name, root)
        elif not is_empty_tree(root):
            self.fail(f"template: multiple definition of template {go_quote(self.name)}")

    # lists

    def parse_main(self) -> None:
        ctx = self.ctx
        root = ListNode(*self.pos(ctx.peek()))
        while ctx.peek().kind is not Kind.EOF:
            if ctx.peek().kind is Kind.LEFT_DELIM:
                mark = ctx.index
                ctx.next()
                if ctx.next_non_space().kind is Kind.DEFINE:
                    _TreeParser(ctx, "definition").parse_definition()
                    continue
                ctx.index = mark
            item = self.text_or_action()
            if isinstance(item, _End | _Else):
                self.fail(f"unexpected {item}", item)
            root.nodes.append(item)
        self.add(root)

    def parse_definition(self) -> None:
        context = "define clause"
        token = self.ctx.next_non_space()
        if token.kind not in _STRINGS:
            self.unexpected(token, context)
        self.name = self.unquote(token)
        self.expect(Kind.RIGHT_DELIM, context)
        root, end = self.item_list()
        if not isinstance(end, _End):
            self.fail(f"unexpected {end} in {context}", end)
        self.add(root)

    def item_list(self) -> tuple[ListNode, _End | _Else]:
        """Items up to an ``{{end}}`` or ``{{else}}``, returned with it."""
        items = ListNode(*self.pos(self.ctx.peek_non_space()))
        while self.ctx.peek_non_space().kind is not Kind.EOF:
            item = self.text_or_action()
            if isinstance(item, _End | _Else):
                return items, item
            items.nodes.append(item)
        self.fail("unexpected EOF")

    def text_or_action(self) -> _Item:
        token = self.ctx.next_non_space()
        if token.kind is Kind.TEXT:
            return TextNode(*self.pos(token), token.value)
        if token.kind is not Kind.LEFT_DELIM:
            self.unexpected(token, "input")
        self.action_line = self.pos(token)[0]
        try:
            return self.action()
        finally:
            self.action_line = 0

    # actions

    def action(self) -> _Item:
        token = self.ctx.next_non_space()
        control = self._CONTROLS.get(token.kind)
        if control is not None:
            return control(self, token)
        self.ctx.backup()
        return ActionNode(*self.pos(token), self.pipeline("command", Kind.RIGHT_DELIM))

    def break_control(self, keyword: Token) -> BreakNode:
        self.loop_control(keyword)
        return BreakNode(*self.pos(keyword))

    def continue_control(self, keyword: Token) -> ContinueNode:
        self.loop_control(keyword)
        return ContinueNode(*self.pos(keyword))

    def loop_control(self, keyword: Token) -> None:
        token = self.ctx.next_non_space()
        if token.kind is not Kind.RIGHT_DELIM:
            self.unexpected(token, f"{{{{{keyword.value}}}}}")
        if self.range_depth == 0:
            self.fail(f"{{{{{keyword.value}}}}} outside {{{{range}}}}", keyword)

    def if_control(self, keyword: Token) -> IfNode:
        pipe, body, else_body = self.parse_control("if")
        return IfNode(*self.pos(keyword), pipe, body, else_body)

    def with_control(self, keyword: Token) -> WithNode:
        pipe, body, else_body = self.parse_control("with")
        return WithNode(*self.pos(keyword), pipe, body, else_body)

    def range_control(self, keyword: Token) -> RangeNode:
        pipe, body, else_body = self.parse_control("range")
        return RangeNode(*self.pos(keyword), pipe, body, else_body)

    def parse_control(self, context: str) -> tuple[PipeNode, ListNode, ListNode | None]:
        """The pipeline, body and else-body of ``if``, ``with`` or ``range``; variables
        declared in them are visible up to its ``{{end}}``."""
        depth = len(self.vars)
        try:
            pipe = self.pipeline(context, Kind.RIGHT_DELIM)
            loop = 1 if context == "range" else 0
            self.range_depth += loop
            body, end = self.item_list()
            self.range_depth -= loop
            else_body = self.else_branch(context, end) if isinstance(end, _Else) else None
            return pipe, body, else_body
        finally:
            del self.vars[depth:]

    def else_branch(self, context: str, marker: _Else) -> ListNode:
        token = self.ctx.peek()
        nested: dict[str, tuple[Kind, Callable[[_TreeParser, Token], ListItem]]] = {
            "if": (Kind.IF, _TreeParser.if_control),
            "with": (Kind.WITH, _TreeParser.with_control),
        }
        if context in nested and token.kind is nested[context][0]:
            self.ctx.next()  # {{else if ...}}: an if inside the else, closed by one end
            return ListNode(marker.line, marker.col, [nested[context][1](self, token)])
        body, end = self.item_list()
        if not isinstance(end, _End):
            self.fail(f"expected end; found {end}", end)
        return body

    def else_control(self, keyword: Token) -> _Else:
        if self.ctx.peek_non_space().kind not in (Kind.IF, Kind.WITH):
            self.expect(Kind.RIGHT_DELIM, "else")
        return _Else(*self.pos(keyword))

    def end_control(self, keyword: Token) -> _End:
        self.expect(Kind.RIGHT_DELIM, "end")
        return _End(*self.pos(keyword))

    def block_control(self, keyword: Token) -> TemplateNode:
        context = "block clause"
        name = self.template_name(self.ctx.next_non_space(), context)
        pipe = self.pipeline(context, Kind.RIGHT_DELIM)
        block = _TreeParser(self.ctx, name)
        header_end = self.ctx.furthest
        root, end = block.item_list()
        if not isinstance(end, _End):
            self.ctx.furthest = header_end  # Go reports this on the line of the header
            self.fail(f"unexpected {end} in {context}", end)
        block.add(root)
        return TemplateNode(*self.pos(keyword), name, pipe)

    def template_control(self, keyword: Token) -> TemplateNode:
        context = "template clause"
        name = self.template_name(self.ctx.next_non_space(), context)
        pipe = None
        if self.ctx.next_non_space().kind is not Kind.RIGHT_DELIM:
            self.ctx.backup()
            pipe = self.pipeline(context, Kind.RIGHT_DELIM)
        return TemplateNode(*self.pos(keyword), name, pipe)

    def template_name(self, token: Token, context: str) -> str:
        if token.kind not in _STRINGS:
            self.unexpected(token, context)
        return self.unquote(token)

    _CONTROLS: ClassVar[dict[Kind, Callable[[_TreeParser, Token], _Item]]] = {
        Kind.BLOCK: block_control,
        Kind.BREAK: break_control,
        Kind.CONTINUE: continue_control,
        Kind.ELSE: else_control,
        Kind.END: end_control,
        Kind.IF: if_control,
        Kind.RANGE: range_control,
        Kind.TEMPLATE: template_control,
        Kind.WITH: with_control,
    }


def _node_text(node: Node) -> str:
    """A constant as Go's ``String()`` prints it."""
    if isinstance(node, BoolNode):
        return "true" if node.value else "false"
    if isinstance(node, StringNode):
        return node.quoted
    if isinstance(node, NumberNode):
        return node.text
    return "nil" if isinstance(node, NilNode) else "."
