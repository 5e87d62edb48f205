"""The renderer: a campaign's templates compiled once, rendered per subscriber.

A :class:`CampaignRenderer` compiles a campaign's subject, body (inside its base template),
plain-text alternative and templated header values once, in a sandboxed environment
(:mod:`.sandbox`), as listmonk's Go templates (:mod:`blaster.gotemplate`) or as jinja (after
:func:`.listmonk.listmonk_compat`'s rewrites), and refuses templates that do not compile, that
name functions blaster does not provide, or whose base template does not include the content
exactly once. Rendering one subscriber returns a :class:`Rendered`; any failure (a missing
attribute, a refused operation, a limit) raises :class:`RenderError` for that subscriber only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import jinja2
import jinja2.meta
import jinja2.nodes as jn
from jinja2.exceptions import SecurityError
from jinja2.runtime import new_context
from markupsafe import Markup

from blaster import i18n
from blaster.errors import BlasterError, ConfigError, RenderError
from blaster.gotemplate import gotime, listmonk, listmonk_data, values
from blaster.gotemplate.markdown import goldmark_html
from blaster.gotemplate.nodes import GoTemplateError
from blaster.models import CampaignSpec, Subscriber, UnreadableAttribs
from blaster.render.data import (
    OWN_FIELDS,
    CampaignData,
    Functions,
    SubscriberData,
    listmonk_pixel,
)
from blaster.render.listmonk import campaign_data, listmonk_compat, markdown_html, subscriber_data
from blaster.render.sandbox import MAX_OUTPUT, MAX_SECONDS, MAX_STEPS, Budget, GoSandbox, Sandbox

if TYPE_CHECKING:
    from blaster.config import Settings

logger = logging.getLogger(__name__)

_CONTENT_NAME = "content"
#: listmonk's base templates include the campaign body with this Go template call
_LISTMONK_CONTENT = re.compile(r"\{\{-?\s*template\s+\"content\"\s*\.?\s*-?\}\}")


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


_JINJA_LOOK = re.compile(r"\{%|\{#|\{\{-?\s*(?:Subscriber|Campaign)\b|\b[A-Z]\w*\(")


def _neither(spec: CampaignSpec, go: RenderError, jinja: RenderError) -> RenderError:
    """The error of a campaign that compiles in neither syntax: the one it looks written
    in first, the other after it."""
    parts = (spec.subject, spec.body, spec.altbody or "", spec.template_body or "")
    if any(_JINJA_LOOK.search(p) for p in parts):
        return RenderError(f"{jinja} (as a Go template: {go})")
    return RenderError(f"{go} (as a jinja template: {jinja})")


def _has_syntax(text: str) -> bool:
    return "{{" in text or "{%" in text


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
    _go_campaign: listmonk_data.CampaignData | None

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
        self._budget = Budget(max_steps, max_seconds, max_output)
        self._functions = Functions(
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

    def _environment(self, *, autoescape: bool, content: str) -> Sandbox:
        env = Sandbox(
            self._budget,
            own_fields=OWN_FIELDS,
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
        translations = listmonk_data.TranslationsData(self._translations)
        own: dict[str, Any] = {
            "TrackLink": lambda url, msg: f.track_link(url),
            "TrackView": lambda msg: values.HTML(listmonk_pixel(f)),
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
        self._go_campaign = campaign_data(spec)
        self._subject_static = spec.subject if subject_source is None else None
        self._subject = self._go_template(env, subject_source or "", "subject")
        self._body = self._go_template(env, body_source, "body")
        self._alt_static = alt if alt_source is None else None
        self._alt = self._go_template(env, alt_source, "altbody") if alt_source else None
        self._header_templates = [self._go_template(env, src, n) for n, src in header_sources]
        self.static_headers = tuple(static)
        self.templated_headers = tuple(name for name, _ in header_sources)

    def _go_environment(self) -> Sandbox:
        return GoSandbox(
            self._budget,
            own_fields=OWN_FIELDS,
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.loopcontrols"],
        )

    @staticmethod
    def _go_template(env: Sandbox, source: str, what: str) -> jinja2.Template:
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
            sub_data = subscriber_data(sub)
            message = data["_dot"] = listmonk_data.MessageData(self._go_campaign, sub_data)
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
