"""Templates: the only jinja2 import.

A :class:`CampaignRenderer` compiles a campaign's subject, body (inside its base template),
plain-text alternative and templated header values once, in a sandboxed environment, and
refuses templates that do not compile, that name functions blaster does not provide, or whose
base template does not include the content exactly once. Rendering one subscriber returns a
:class:`Rendered`; any failure (a missing attribute, a refused operation, a limit) raises
:class:`RenderError` for that subscriber only.

listmonk's templates carry over: before compiling, ``{{ template "content" . }}``, the Go call
forms of listmonk's functions (``{{ TrackLink "url" . }}``, ``{{ UnsubscribeURL }}``,
``{{ Date "2006" }}``, ``{{ L.T "key" }}``), ``{{ .Subscriber.X }}`` field access and the
``https://url@TrackLink`` shorthand are rewritten to their jinja forms.

Limits: one subscriber's render may take at most :data:`MAX_STEPS` steps (loop iterations,
calls, ``range`` items) and :data:`MAX_SECONDS` seconds (checked every 256 steps), and no
string or sequence a template builds (concatenation, repetition, ``%``, widths, namespace
assignments, call arguments, the output itself) may exceed :data:`MAX_OUTPUT` items.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import jinja2
import jinja2.compiler
import jinja2.meta
import jinja2.nodes as jn
import jinja2.sandbox
import jinja2.utils
from jinja2.exceptions import SecurityError
from jinja2.runtime import new_context
from markdown_it import MarkdownIt
from markupsafe import Markup

from blaster import i18n
from blaster.errors import BlasterError, ConfigError, RenderError
from blaster.gotemplate import gotime, listmonk, values
from blaster.gotemplate.markdown import goldmark_html
from blaster.gotemplate.nodes import GoTemplateError
from blaster.models import CampaignSpec, CampaignStatus, Subscriber, UnreadableAttribs

if TYPE_CHECKING:
    from blaster.config import Settings

logger = logging.getLogger(__name__)

ZERO_UUID = "00000000-0000-0000-0000-000000000000"
MAX_OUTPUT = 2_000_000  #: characters (or items) of any one string or sequence a render builds
MAX_STEPS = 1_000_000  #: loop iterations + calls + ``range`` items per subscriber
MAX_SECONDS = 0.5  #: wall-clock time per subscriber's render
MAX_RANGE = jinja2.sandbox.MAX_RANGE  #: items of one ``range()`` (jinja's own sandbox cap)
_CHECK_MASK = 0xFF  #: the clock is read every 256 steps

_CONTENT_NAME = "content"
#: listmonk's base templates include the campaign body with this Go template call
_LISTMONK_CONTENT = re.compile(r"\{\{-?\s*template\s+\"content\"\s*\.?\s*-?\}\}")
#: ``https://…@TrackLink`` (RFC 3986 characters), listmonk's shorthand for quote-mangling editors
_SHORTHAND = re.compile(r"(https?://[\w\-.~!#$&'()*+,/:;=?@\[\]%]+?)@TrackLink")
#: listmonk functions that templates call Go-style (``{{ Name arg arg . }}``)
_GO_FUNCS = (
    "TrackLink",
    "TrackView",
    "UnsubscribeURL",
    "ManageURL",
    "OptinURL",
    "MessageURL",
    "ArchiveURL",
    "RootURL",
    "Date",
    "Safe",
    "L.Tc",
    "L.Ts",
    "L.T",
)
_GO_ARG = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?|-?\d+'
_GO_CALL = re.compile(
    r"\{\{(-?)\s*("
    + "|".join(re.escape(f) for f in _GO_FUNCS)
    + r")((?:\s+(?:"
    + _GO_ARG
    + r"))*)\s*(-?)\}\}"
)
_GO_ARGS = re.compile(_GO_ARG)
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_GO_FIELD = re.compile(r"(?<![\w\])])\.(?=(?:Subscriber|Campaign)\b)")
_BIG_WIDTH = re.compile(r"\d{7,}")  #: a format width/precision of a million or more


class Rendered(NamedTuple):
    """One subscriber's rendered parts; ``html`` or ``text`` may be absent. ``headers``
    holds the values of :attr:`CampaignRenderer.templated_headers`, in order."""

    subject: str
    html: str | None
    text: str | None
    headers: tuple[str, ...] = ()


class LinkResolver(Protocol):
    """URL → the UUID of its row in listmonk's ``links`` table, registering it if new.

    :meth:`many` is called once at compile time with every literal ``TrackLink`` URL;
    ``__call__`` for URLs only known at render time. Both may raise :class:`BlasterError`
    (the link is then sent untracked, as listmonk does).
    """

    def __call__(self, url: str) -> str: ...

    def many(self, urls: Collection[str]) -> Mapping[str, str]: ...


# --- listmonk compatibility rewrites ----------------------------------------------------------


def _go_call(m: re.Match[str]) -> str:
    args = []
    for tok in _GO_ARGS.findall(m.group(3)):
        if tok == ".":
            continue  # listmonk's message object: implicit here
        if tok.startswith("`"):
            args.append(json.dumps(tok[1:-1], ensure_ascii=False))
        elif tok.startswith("."):
            args.append(tok[1:])
        else:
            args.append(tok)
    return "{{%s %s(%s) %s}}" % (m.group(1), m.group(2), ", ".join(args), m.group(4))  # noqa: UP031


def _shorthand(m: re.Match[str]) -> str:
    return "{{ TrackLink(%s) }}" % json.dumps(m.group(1), ensure_ascii=False)  # noqa: UP031


def listmonk_compat(source: str, *, shorthand: bool = True) -> str:
    """Rewrite listmonk's Go-template forms (and the ``@TrackLink`` shorthand) to jinja."""
    if shorthand and "@TrackLink" in source:
        source = _SHORTHAND.sub(_shorthand, source)
    if "{{" not in source:
        return source
    source = _GO_CALL.sub(_go_call, source)
    if ".Subscriber" in source or ".Campaign" in source:
        source = re.sub(
            r"\{\{.*?\}\}", lambda m: _GO_FIELD.sub("", m.group()), source, flags=re.DOTALL
        )
    return source


def markdown_html(source: str) -> str:
    """Markdown to HTML (CommonMark + GFM tables and strikethrough, raw HTML kept), with every
    jinja tag carried through untouched (even inside link targets and with quotes)."""
    token = "BLTPL" + secrets.token_hex(6).upper()
    while token in source:
        token = "BLTPL" + secrets.token_hex(6).upper()
    tags: list[str] = []

    def protect(m: re.Match[str]) -> str:
        tags.append(m.group())
        return f"{token}N{len(tags) - 1}E"

    protected = _JINJA_TAG.sub(protect, source)
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    out = html.render(protected)
    return re.sub(token + r"N(\d+)E", lambda m: tags[int(m.group(1))], out)


# --- limits -------------------------------------------------------------------------------------


class _Budget:
    """The work one subscriber's render may still do; reset before each subscriber."""

    __slots__ = ("deadline", "left", "max_output", "max_seconds", "max_steps")

    def __init__(self, max_steps: int, max_seconds: float, max_output: int) -> None:
        self.max_steps, self.max_seconds, self.max_output = max_steps, max_seconds, max_output
        self.left = max_steps
        self.deadline = 0.0

    def reset(self) -> None:
        self.left = self.max_steps
        self.deadline = time.perf_counter() + self.max_seconds

    def charge(self, steps: int) -> None:
        self.left -= steps
        if steps > 1 or not self.left & _CHECK_MASK:
            self.check()

    def check(self) -> None:
        if self.left < 0:
            raise SecurityError(
                f"render limit: more than {self.max_steps} steps (loop iterations and calls)"
            )
        if time.perf_counter() > self.deadline:
            raise SecurityError(f"render limit: longer than {self.max_seconds}s for one subscriber")

    def sized(self, value: Any, what: str = "value") -> Any:
        """``value``, unless it is longer than the output limit."""
        if isinstance(value, str | list | tuple | dict) and len(value) > self.max_output:
            raise SecurityError(f"render limit: a {what} of more than {self.max_output} characters")
        return value

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a ``{% for %}`` loop, one step each."""
        for item in iterable:
            self.left -= 1
            if not self.left & _CHECK_MASK:
                self.check()
            yield item

    def range(self, *args: int) -> range:
        """``range()`` capped at :data:`MAX_RANGE` items, charged one step per item."""
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise OverflowError(f"range() of more than {MAX_RANGE} items")
        self.charge(len(rng))
        return rng

    def refuse_big_ints(self, values: Iterable[Any], limit: int, what: str) -> None:
        for v in values:
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) > limit:
                raise SecurityError(f"render limit: {what} {v} is too large")


def _growth(budget: _Budget, name: str, subject: Any, args: tuple[Any, ...]) -> None:
    """Refuse a string operation whose result would exceed the output limit, before it runs."""
    limit = budget.max_output
    if name in ("ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"):
        budget.refuse_big_ints(args, limit, "width")
        if name == "expandtabs" and args and isinstance(args[0], int):
            budget.refuse_big_ints([args[0] * subject.count("\t") + len(subject)], limit, "size")
        if name.startswith("format") and _BIG_WIDTH.search(subject):
            raise SecurityError("render limit: format width too large")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], str(args[1])
        grow = (len(subject) + 1) * len(new) if not old else subject.count(old) * len(new)
        budget.refuse_big_ints([len(subject) + grow], limit, "result size")
    elif name == "join" and args and isinstance(args[0], Collection):
        budget.refuse_big_ints([len(subject) * len(args[0])], limit, "result size")


def _guard_filter(budget: _Budget, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses arguments that would build something over the limits."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    int_limit = {"slice": MAX_RANGE, "batch": MAX_RANGE, "tojson": 64}.get(name, budget.max_output)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[skip], args[skip + 1 :]
        budget.refuse_big_ints([*rest, *kwargs.values()], int_limit, f"{name} argument")
        if name == "format" and isinstance(value, str) and _BIG_WIDTH.search(value):
            raise SecurityError("render limit: format width too large")
        if name == "indent" and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4)
            width = len(width) if isinstance(width, str) else width
            budget.refuse_big_ints([width * (value.count("\n") + 1)], int_limit, "indented size")
        elif name == "replace" and isinstance(value, str):
            _growth(budget, "replace", value, rest)
        elif name == "tojson":
            indent = rest[0] if rest else kwargs.get("indent")
            budget.refuse_big_ints(
                [len(indent) if isinstance(indent, str) else indent], 64, "indent"
            )
        if name == "join" and isinstance(value, Collection) and rest and isinstance(rest[0], str):
            budget.refuse_big_ints([len(rest[0]) * len(value)], int_limit, "result size")
        return budget.sized(func(*args, **kwargs), f"{name} result")

    return guarded


_GUARDED_FILTERS = ("batch", "center", "format", "indent", "join", "replace", "slice", "tojson")


class _GuardedCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles every ``{% for %}`` to iterate through the step budget and every ``~`` to
    check the size of what it joins."""

    def visit_For(self, node: jn.For, frame: jinja2.compiler.Frame) -> None:
        node.iter = jn.Call(
            jn.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno
        )
        super().visit_For(node, frame)

    def visit_Concat(self, node: jn.Concat, frame: jinja2.compiler.Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _GoCodeGenerator(_GuardedCodeGenerator):
    """For Go templates: calls of the compiler's own helpers (names starting with ``_``) are
    plain Python calls. Users cannot write such names: Go templates reach jinja only through
    :mod:`blaster.gotemplate.compiler`, which emits every user text as raw data. Template
    calls (macros) keep the sandbox's counted call, so recursion spends the step budget."""

    def visit_Call(
        self, node: jn.Call, frame: jinja2.compiler.Frame, forward_caller: bool = False
    ) -> None:
        callee = node.node
        if (
            isinstance(callee, jn.Name)
            and callee.name.startswith("_")
            and not (node.kwargs or node.dyn_args or node.dyn_kwargs or forward_caller)
        ):
            self.visit(callee, frame)
            self.write("(")
            for i, arg in enumerate(node.args):
                if i:
                    self.write(", ")
                self.visit(arg, frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """jinja's immutable sandbox with :class:`_Budget` limits on work and sizes."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, budget: _Budget, **options: Any) -> None:
        super().__init__(**options)
        self.budget = budget
        #: ids of the functions blaster provides (kept alive by ``globals``, see :meth:`trust`)
        self.trusted: frozenset[int] = frozenset()
        self.counted = budget.counted
        self.sized = budget.sized
        del self.globals["lipsum"]
        self.globals["range"] = budget.range
        self.globals["namespace"] = _namespace_class(budget)
        for name in _GUARDED_FILTERS:
            self.filters[name] = _guard_filter(budget, name, self.filters[name])

    def trust(self, functions: Mapping[str, Any]) -> None:
        """Make ``functions`` globals, called without the sandbox's per-call checks."""
        self.globals.update(functions)
        trusted = [f for f in functions.values() if callable(f)]
        self.trusted = self.trusted | frozenset(id(f) for f in [*trusted, self.counted])

    def call(
        __self,
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = __self.budget
        budget.left -= 1
        if not budget.left & _CHECK_MASK:
            budget.check()
        if id(__obj) in __self.trusted:  # blaster's own functions: nothing to guard against
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        for arg in args:
            if isinstance(arg, str) and len(arg) > budget.max_output:
                budget.sized(arg, "call argument")
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):  # str and Markup methods that can grow a string
            _growth(budget, target.__name__, owner, (*args, *kwargs.values()))
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` as jinja's sandbox answers it, without its checks for what needs
        none: the fields of blaster's own template data (:data:`_OWN_FIELDS`: plain values,
        no methods, no underscore names) and the keys of a plain ``dict`` that are not
        ``dict`` attributes (the sandbox would look the attribute up, fail, and return the
        item: the same answer). Everything else goes through the sandbox."""
        kind = type(obj)
        if kind is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except (KeyError, TypeError):
                    pass
        elif attribute in _OWN_FIELDS.get(kind, ()):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        budget = self.budget
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    budget.refuse_big_ints([len(seq) * n], budget.max_output, "repetition")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            budget.refuse_big_ints([left.bit_length() * right], 1_000_000, "power of")
        elif operator == "%" and isinstance(left, str):
            if _BIG_WIDTH.search(left):
                raise SecurityError("render limit: format width too large")
            values = right if isinstance(right, tuple) else (right,)
            budget.refuse_big_ints(values, budget.max_output, "width")
        result = super().call_binop(context, operator, left, right)
        return budget.sized(result, "result") if operator in ("+", "*") else result


class _GoSandbox(_Sandbox):
    """The sandbox for compiled Go templates (see :class:`_GoCodeGenerator`)."""

    code_generator_class = _GoCodeGenerator


def _namespace_class(budget: _Budget) -> type[jinja2.utils.Namespace]:
    class Namespace(jinja2.utils.Namespace):
        """``namespace()`` whose assignments respect the size limit."""

        def __setitem__(self, name: str, value: Any) -> None:
            budget.sized(value, "namespace value")
            super().__setitem__(name, value)

    return Namespace


# --- template data and functions ------------------------------------------------------------


class SubscriberData:
    """``Subscriber`` as templates see it (listmonk's field names)."""

    __slots__ = ("Attribs", "CreatedAt", "Email", "ID", "Name", "Status", "UUID")

    def __init__(self, sub: Subscriber) -> None:
        self.ID = sub.id
        self.UUID = sub.uuid
        self.Email = sub.email
        self.Name = sub.name
        self.Attribs = sub.attribs
        self.Status = sub.status
        self.CreatedAt = sub.created_at

    @property
    def FirstName(self) -> str:
        """listmonk's rule: the first space-separated part longer than 2 bytes, else the
        whole name."""
        return listmonk.first_name(self.Name)

    @property
    def LastName(self) -> str:
        """listmonk's rule: the last space-separated part longer than 2 bytes, else the
        whole name."""
        return listmonk.last_name(self.Name)


class CampaignData:
    """``Campaign`` as templates see it (listmonk's field names)."""

    __slots__ = (
        "Attribs",
        "ContentType",
        "FromEmail",
        "Headers",
        "ID",
        "Name",
        "Subject",
        "Tags",
        "Type",
        "UUID",
    )

    def __init__(self, spec: CampaignSpec) -> None:
        self.ID = spec.id
        self.UUID = spec.uuid
        self.Name = spec.name
        self.Subject = spec.subject
        self.FromEmail = spec.from_email
        self.Tags = list(spec.tags)
        self.Attribs = spec.attribs
        self.Type = spec.type
        self.ContentType = spec.content_type
        self.Headers = [{k: v} for k, v in spec.headers]


#: the attributes of blaster's own template data that :meth:`_Sandbox.getattr` reads
#: directly: data fields and the name properties, whose values are plain data
_OWN_FIELDS: dict[type, frozenset[str]] = {
    SubscriberData: frozenset(SubscriberData.__slots__) | {"FirstName", "LastName"},
    CampaignData: frozenset(CampaignData.__slots__),
}
#: names that ``getattr`` finds on any dict (methods and dunders): never read as keys first
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Functions:
    """listmonk's campaign functions for one campaign. They read the subscriber being
    rendered from :meth:`bind` rather than from the jinja context (cheaper per call).

    :param register: url → link UUID or None (the URL then goes untracked).
    """

    __slots__ = ("camp", "individual", "links", "register", "root", "sub", "tracked", "tracking")

    def __init__(
        self,
        root: str,
        camp: str,
        *,
        individual: bool,
        tracking: bool,
        links: dict[str, str],
        register: Callable[[str], str | None],
    ) -> None:
        self.root, self.camp, self.individual, self.tracking = root, camp, individual, tracking
        self.links, self.register = links, register
        self.sub = self.tracked = ZERO_UUID

    def bind(self, sub_uuid: str) -> None:
        """Render for this subscriber next."""
        self.sub = sub_uuid
        self.tracked = sub_uuid if self.individual else ZERO_UUID

    def unsubscribe_url(self) -> str:
        return f"{self.root}/subscription/{self.camp}/{self.sub}"

    def manage_url(self) -> str:
        return f"{self.root}/subscription/{self.camp}/{self.sub}?manage=true"

    def optin_url(self) -> str:
        return f"{self.root}/subscription/optin/{self.sub}?"

    def message_url(self) -> str:
        return f"{self.root}/campaign/{self.camp}/{self.sub}"

    def archive_url(self) -> str:
        return f"{self.root}/archive"

    def root_url(self) -> str:
        return self.root

    def track_link(self, url: str) -> str:
        url = str(url).replace("&amp;", "&")
        if not self.tracking:
            return url
        link = self.links.get(url) or self.register(url)
        if link is None:
            return url
        return f"{self.root}/link/{link}/{self.camp}/{self.tracked}"

    def track_view(self) -> Markup:
        if not self.tracking:
            return Markup("")
        return Markup(
            '<img src="{}" alt="" width="1" height="1" style="display:none;max-width:0;'
            'max-height:0;opacity:0" />'
        ).format(f"{self.root}/campaign/{self.camp}/{self.tracked}/px.png")

    def mapping(self) -> dict[str, Callable[..., Any]]:
        """The functions by their listmonk names."""
        return {
            "UnsubscribeURL": self.unsubscribe_url,
            "ManageURL": self.manage_url,
            "OptinURL": self.optin_url,
            "MessageURL": self.message_url,
            "ArchiveURL": self.archive_url,
            "RootURL": self.root_url,
            "TrackLink": self.track_link,
            "TrackView": self.track_view,
        }


_JINJA_LOOK = re.compile(r"\{%|\{#|\{\{-?\s*(?:Subscriber|Campaign)\b|\b[A-Z]\w*\(")


def _neither(spec: CampaignSpec, go: RenderError, jinja: RenderError) -> RenderError:
    """The error of a campaign that compiles in neither syntax: the one it looks written
    in first, the other after it."""
    parts = (spec.subject, spec.body, spec.altbody or "", spec.template_body or "")
    if any(_JINJA_LOOK.search(p) for p in parts):
        return RenderError(f"{jinja} (as a Go template: {go})")
    return RenderError(f"{go} (as a jinja template: {jinja})")


def _listmonk_pixel(f: _Functions) -> str:
    """listmonk's ``TrackView`` image, byte for byte."""
    if not f.tracking:
        return ""
    url = f"{f.root}/campaign/{f.camp}/{f.tracked}/px.png"
    return (
        f'<img src="{url}" width="1" height="1" '
        'style="display:none;max-height:0;max-width:0;opacity:0" alt="">'
    )


def _campaign_data(spec: CampaignSpec) -> listmonk.CampaignData:
    return listmonk.CampaignData(
        ID=spec.id, UUID=spec.uuid, Type=spec.type, Name=spec.name, Subject=spec.subject,
        FromEmail=spec.from_email, Body=spec.body, AltBody=listmonk.NullString(spec.altbody),
        Status=CampaignStatus.RUNNING.value, ContentType=spec.content_type,
        Tags=listmonk.StringArray(spec.tags),
        Headers=[{k: v} for k, v in spec.headers], Attribs=listmonk.go_attribs(spec.attribs),
        Messenger="email",
    )


def _subscriber_data(sub: Subscriber) -> listmonk.SubscriberData:
    return listmonk.SubscriberData(
        id=sub.id, uuid=sub.uuid, email=sub.email, name=sub.name, attribs=sub.attribs,
        status=sub.status, created_at=sub.created_at,
    )


def _has_syntax(text: str) -> bool:
    return "{{" in text or "{%" in text


# --- the renderer -----------------------------------------------------------------------------


class CampaignRenderer:
    """The compiled templates of one campaign, built once per campaign per process.

    :param spec: the campaign.
    :param root_url: public root URL (a trailing slash is dropped).
    :param individual_tracking: subscriber UUIDs in ``TrackLink``/``TrackView`` URLs
        (otherwise the all-zero UUID).
    :param tracking: ``False`` makes ``TrackLink`` return the URL itself and ``TrackView``
        nothing.
    :param link_resolver: registers ``TrackLink`` URLs; without one links go untracked.
    :param translations: the strings of ``L``.
    :param clock: the current time, for ``Date``.
    :raises RenderError: when a template does not compile or uses an unknown name.
    """

    #: campaign headers with literal values
    static_headers: tuple[tuple[str, str], ...]
    #: names of the campaign headers whose values are templates (see Rendered.headers)
    templated_headers: tuple[str, ...]
    _header_templates: list[jinja2.Template]
    _go_campaign: listmonk.CampaignData | None

    def __init__(
        self,
        spec: CampaignSpec,
        *,
        root_url: str,
        individual_tracking: bool = False,
        tracking: bool = True,
        link_resolver: LinkResolver | None = None,
        translations: Mapping[str, str] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        max_steps: int = MAX_STEPS,
        max_seconds: float = MAX_SECONDS,
        max_output: int = MAX_OUTPUT,
    ) -> None:
        self.spec = spec
        self.root = root_url.rstrip("/")
        self.individual_tracking = individual_tracking
        self.tracking = tracking
        self.link_resolver = link_resolver
        self._links: dict[str, str] = {}
        now = clock or (lambda: dt.datetime.now().astimezone())
        self._budget = _Budget(max_steps, max_seconds, max_output)
        self._functions = _Functions(
            self.root,
            spec.uuid,
            individual=individual_tracking,
            tracking=tracking,
            links=self._links,
            register=self._link_uuid,
        )
        self.globals: dict[str, Any] = {
            **self._functions.mapping(),
            "Date": lambda layout="": i18n.format_date(str(layout), now()),
            "Safe": Markup,
            "L": i18n.Translations(translations),
            "Campaign": CampaignData(spec),
        }
        self.is_html = spec.content_type != "plain"
        self._literal_links: set[str] = set()
        self._now = now
        self._translations: Mapping[str, str] = translations or {}
        #: the syntax the campaign was compiled as: ``"go"`` or ``"jinja"``
        self.syntax = self._compile_any(spec)
        if tracking and link_resolver is not None and self._literal_links:
            self._preload(link_resolver)

    @classmethod
    def from_settings(
        cls, spec: CampaignSpec, settings: Settings, *, link_resolver: LinkResolver | None = None
    ) -> CampaignRenderer:
        """A renderer with the node's URLs, tracking settings and translations."""
        try:
            translations = i18n.load(settings.templates.lang_file)
        except ConfigError as exc:  # the file went away since the configuration was read
            raise RenderError(f"translations: {exc}") from None
        return cls(
            spec,
            root_url=settings.urls.root_url,
            individual_tracking=settings.privacy.individual_tracking,
            tracking=settings.privacy.tracking,
            link_resolver=link_resolver,
            translations=translations,
        )

    # --- compilation ------------------------------------------------------------------------

    def _environment(self, *, autoescape: bool, content: str) -> _Sandbox:
        env = _Sandbox(
            self._budget,
            autoescape=autoescape,
            undefined=jinja2.StrictUndefined,
            loader=jinja2.DictLoader({_CONTENT_NAME: content}),
            auto_reload=False,
            keep_trailing_newline=True,
        )
        env.trust(self.globals)
        return env

    def _compile_any(self, spec: CampaignSpec) -> str:
        """Compile in the campaign's syntax; ``auto``: Go, unless the campaign only compiles
        as jinja (or its base template includes the body only in jinja's way)."""
        if spec.syntax not in ("auto", "go", "jinja"):
            raise RenderError(
                f"campaign attribs blaster_syntax={spec.syntax!r}: must be go, jinja or auto"
            )
        if spec.syntax == "jinja":
            self._compile(spec)
            return "jinja"
        if spec.syntax == "go":
            self._compile_go(spec)
            return "go"
        go_error: RenderError | None = None
        try:
            self._compile_go(spec)
        except RenderError as exc:
            go_error = exc
        if go_error is None and self._base_calls_content(spec):
            return "go"
        try:
            self._literal_links.clear()
            self._compile(spec)
            return "jinja"
        except RenderError as jinja_error:
            if go_error is not None:
                raise _neither(spec, go_error, jinja_error) from None
        self._literal_links.clear()
        self._compile_go(spec)  # a Go base template without the body: listmonk sends it so
        return "go"

    def _base_calls_content(self, spec: CampaignSpec) -> bool:
        if not spec.template_body or spec.content_type == "visual":
            return True
        return listmonk.calls_content(spec.template_body)

    # --- Go templates (listmonk's language) ---------------------------------------------------

    def _go_functions(self) -> dict[str, Any]:
        f = self._functions
        root = self.root
        translations = listmonk.TranslationsData(self._translations)
        own: dict[str, Any] = {
            "TrackLink": lambda url, msg: f.track_link(url),
            "TrackView": lambda msg: values.HTML(_listmonk_pixel(f)),
            "UnsubscribeURL": lambda msg: f.unsubscribe_url(),
            "ManageURL": lambda msg: f.manage_url(),
            "OptinURL": lambda msg: f.optin_url(),
            "MessageURL": lambda msg: f.message_url(),
            "ArchiveURL": lambda: f"{root}/archive",
            "RootURL": lambda: root,
            "Date": lambda layout: gotime.format(self._now(), layout or i18n.ANSIC),
            "L": lambda: translations,
            "Safe": values.HTML,
        }
        return listmonk.campaign_functions(own)

    def _compile_go(self, spec: CampaignSpec) -> None:
        """listmonk's ``CompileTemplate``: the body (as template ``content``) inside the base
        template (every content type but ``visual``; listmonk's queries give plain campaigns
        one too), the subject, alternative text and header values when they hold an
        action."""
        functions = self._go_functions()
        names: dict[str, Any] = {}

        def part(
            source: str, what: str, html: bool, content: str | None = None, rewrites: bool = True
        ) -> str:
            try:
                compiled = listmonk.compile_part(
                    source, what, html=html, functions=functions, limit=self._budget.max_output,
                    content=content, prefix=f"{len(names)}_", rewrites=rewrites,
                )
            except GoTemplateError as exc:
                raise RenderError(str(exc)) from None
            names.update(compiled.names)
            self._literal_links.update(compiled.links)
            return compiled.source

        body = spec.body
        if spec.content_type == "markdown":  # listmonk: goldmark first, template tags as text
            body = goldmark_html(body)
        base = spec.template_body if spec.content_type != "visual" else None
        if base:
            body_source = part(base, "template", True, content=body)
        else:
            body_source = part('{{ template "content" . }}', "body", True, content=body)
        has_expr = listmonk.has_template_expr
        subject_source = part(spec.subject, "subject", False) if has_expr(spec.subject) else None
        alt = spec.altbody if self.is_html and spec.altbody is not None else None
        alt_source = part(alt, "altbody", True) if alt and has_expr(alt) else None
        static: list[tuple[str, str]] = []
        header_sources: list[tuple[str, str]] = []
        for name, value in spec.headers:
            if has_expr(value):
                header_sources.append((name, part(value, f"header {name}", False, rewrites=False)))
            else:
                static.append((name, value))
        env = self._go_environment()
        env.trust(names)
        self._html_env = self._text_env = env
        self._data = dict(env.globals)
        self._go_campaign = _campaign_data(spec)
        self._subject_static = spec.subject if subject_source is None else None
        self._subject = self._go_template(env, subject_source or "", "subject")
        self._body = self._go_template(env, body_source, "body")
        self._alt_static = alt if alt_source is None else None
        self._alt = self._go_template(env, alt_source, "altbody") if alt_source else None
        self._header_templates = [self._go_template(env, src, n) for n, src in header_sources]
        self.static_headers = tuple(static)
        self.templated_headers = tuple(name for name, _ in header_sources)

    def _go_environment(self) -> _Sandbox:
        return _GoSandbox(
            self._budget,
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.loopcontrols"],
        )

    @staticmethod
    def _go_template(env: _Sandbox, source: str, what: str) -> jinja2.Template:
        try:
            return env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:  # a compiler defect, never the user's
            raise RenderError(f"{what}: internal template error: {exc}") from None

    # --- jinja templates ------------------------------------------------------------------

    def _compile(self, spec: CampaignSpec) -> None:
        self._alt_static = None
        self._go_campaign = None
        if spec.content_type == "markdown":  # the shorthand after conversion, as listmonk
            body = listmonk_compat(markdown_html(listmonk_compat(spec.body, shorthand=False)))
        else:
            body = listmonk_compat(spec.body)
        self._html_env = self._environment(autoescape=True, content=body)
        self._text_env = self._environment(autoescape=False, content=body)
        self._data = dict(self._html_env.globals)
        subject = listmonk_compat(spec.subject)
        self._subject = self._template(self._text_env, subject, "subject")
        self._subject_static = None if _has_syntax(subject) else subject
        self._body = self._compile_body(spec)
        self._alt = None
        if self.is_html and spec.altbody:
            self._alt = self._template(self._text_env, listmonk_compat(spec.altbody), "altbody")
        static: list[tuple[str, str]] = []
        names: list[str] = []
        self._header_templates = []
        for name, value in spec.headers:
            if not _has_syntax(value):
                static.append((name, value))
                continue
            source = listmonk_compat(value, shorthand=False)
            self._header_templates.append(self._template(self._text_env, source, f"header {name}"))
            names.append(name)
        self.static_headers = tuple(static)
        self.templated_headers = tuple(names)

    def _compile_body(self, spec: CampaignSpec) -> jinja2.Template:
        env = self._html_env if self.is_html else self._text_env
        content = env.loader.get_source(env, _CONTENT_NAME)[0]  # type: ignore[union-attr]
        if not (spec.template_body and self.is_html) or spec.content_type == "visual":
            return self._template(env, content, "body")  # a visual body is its own document
        self._parse(env, content, "body")
        base = _LISTMONK_CONTENT.sub('{% include "content" %}', spec.template_body)
        base = listmonk_compat(base)
        ast = self._parse(env, base, "template")
        refs = list(jinja2.meta.find_referenced_templates(ast))
        others = sorted({str(r) for r in refs if r != _CONTENT_NAME})
        if others:
            raise RenderError(
                f'template: only "content" can be included (it refers to {", ".join(others)})'
            )
        if len(refs) != 1:
            raise RenderError(
                "template: the base template must include the content exactly once with"
                f' {{% include "content" %}} (it does {len(refs)} times)'
            )
        try:
            env.get_template(_CONTENT_NAME)  # compile the content now, not at first render
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"body: line {exc.lineno}: {exc.message}") from None
        return self._template(env, base, "template")

    def _template(self, env: jinja2.Environment, source: str, what: str) -> jinja2.Template:
        self._parse(env, source, what)
        try:
            return env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None

    def _parse(self, env: jinja2.Environment, source: str, what: str) -> jn.Template:
        """Parse ``source``, refuse unknown names, note literal ``TrackLink`` URLs."""
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None
        # jinja counts a name set inside an {% if %} as undeclared; names assigned anywhere
        # in the template are the template's own
        assigned = {n.name for n in ast.find_all(jn.Name) if n.ctx in ("store", "param")}
        assigned |= {m.name for m in ast.find_all(jn.Macro)}
        unknown = jinja2.meta.find_undeclared_variables(ast) - set(env.globals) - assigned
        unknown.discard("Subscriber")
        if unknown:
            raise RenderError(f"{what}: unknown name(s): {', '.join(sorted(unknown))}")
        for call in ast.find_all(jn.Call):
            if (
                isinstance(call.node, jn.Name)
                and call.node.name == "TrackLink"
                and len(call.args) == 1
                and isinstance(call.args[0], jn.Const)
                and isinstance(call.args[0].value, str)
            ):
                self._literal_links.add(call.args[0].value.replace("&amp;", "&"))
        return ast

    # --- tracked links ----------------------------------------------------------------------

    def _preload(self, resolver: LinkResolver) -> None:
        """Register every literal ``TrackLink`` URL at once (one round trip per campaign)."""
        try:
            self._links.update(resolver.many(sorted(self._literal_links)))
        except BlasterError as exc:
            logger.warning("campaign %d: cannot register its links now: %s", self.spec.id, exc)

    def _link_uuid(self, url: str) -> str | None:
        if self.link_resolver is None:
            return None
        try:
            uuid = self._links[url] = self.link_resolver(url)
        except BlasterError as exc:
            logger.warning("campaign %d: link %s left untracked: %s", self.spec.id, url, exc)
            return None
        return uuid

    @property
    def literal_links(self) -> frozenset[str]:
        """The URLs of ``TrackLink("…")`` calls with a literal argument, after rewrites."""
        return frozenset(self._literal_links)

    # --- rendering --------------------------------------------------------------------------

    def _run(self, template: jinja2.Template, data: dict[str, Any]) -> str:
        """Render, stopping as soon as the output passes the size limit."""
        limit = self._budget.max_output
        size = 0
        out = []
        # shared=True: ``data`` already holds the globals; no globals_keys (only imports
        # use them, and templates cannot import)
        ctx = new_context(template.environment, template.name, template.blocks, data, shared=True)
        for chunk in template.root_render_func(ctx):
            size += len(chunk)
            if size > limit:
                raise SecurityError(f"render limit: output of more than {limit} characters")
            out.append(chunk)
        return "".join(out)

    def render(self, sub: Subscriber) -> Rendered:
        """Render one subscriber's subject, body, alternative text and header values."""
        if isinstance(sub.attribs, UnreadableAttribs):
            raise RenderError(sub.attribs.reason)
        data = dict(self._data)
        message = None
        if self._go_campaign is not None:
            message = data["_dot"] = listmonk.MessageData(self._go_campaign, _subscriber_data(sub))
            gotime.set_clock(self._now)  # Sprig's now, date, ago: this renderer's clock
        else:
            data["Subscriber"] = SubscriberData(sub)
        self._functions.bind(sub.uuid)
        self._budget.reset()
        try:
            subject = self._subject_static
            if subject is None:
                subject = self._run(self._subject, data)
            if message is not None:
                message.subject = subject  # what .Subject gives the body, as in listmonk
            body = self._run(self._body, data)
            alt = self._run(self._alt, data) if self._alt is not None else self._alt_static
            headers = tuple(self._run(t, data) for t in self._header_templates)
        except Exception as exc:  # any template error is this subscriber's failure
            raise RenderError(f"{type(exc).__name__}: {exc}") from None
        if self.is_html:
            return Rendered(subject, body, alt, headers)
        return Rendered(subject, None, body, headers)

    def unsubscribe_url(self, sub: Subscriber) -> str:
        """The listmonk-format unsubscribe URL of ``sub`` for this campaign."""
        return f"{self.root}/subscription/{self.spec.uuid}/{sub.uuid}"
