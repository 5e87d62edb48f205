"""Templates: the only jinja2 import.

A :class:`CampaignRenderer` compiles a campaign's subject, body (inside its base template)
and plain-text alternative once, in a sandboxed environment, and refuses templates that do
not compile or that name functions blaster does not provide. Rendering one subscriber
returns a :class:`Rendered`; a failure raises :class:`RenderError` for that subscriber only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

import jinja2
import jinja2.meta
import jinja2.sandbox
from markdown_it import MarkdownIt
from markupsafe import Markup

from blaster.errors import RenderError
from blaster.models import CampaignSpec, Subscriber

ZERO_UUID = "00000000-0000-0000-0000-000000000000"

#: listmonk's base templates include the campaign body with this Go template call
_LISTMONK_CONTENT = re.compile(r"\{\{\s*template\s+\"content\"\s*\.\s*\}\}")
_CONTENT_NAME = "content"


class Rendered(NamedTuple):
    """One subscriber's rendered parts; ``html`` or ``text`` may be absent."""

    subject: str
    html: str | None
    text: str | None


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
        return self.Name.split(" ", 1)[0]

    @property
    def LastName(self) -> str:
        parts = self.Name.split(" ", 1)
        return parts[1] if len(parts) > 1 else ""


class CampaignData:
    """``Campaign`` as templates see it (listmonk's field names)."""

    __slots__ = ("Attribs", "FromEmail", "ID", "Name", "Subject", "Tags", "UUID")

    def __init__(self, spec: CampaignSpec) -> None:
        self.ID = spec.id
        self.UUID = spec.uuid
        self.Name = spec.name
        self.Subject = spec.subject
        self.FromEmail = spec.from_email
        self.Tags = list(spec.tags)
        self.Attribs = spec.attribs


def _url_functions(root: str, individual_tracking: bool) -> dict[str, Any]:
    """Template functions with listmonk's names that build blaster's public URLs."""

    def sub_uuid(ctx: Any) -> str:
        return str(ctx["Subscriber"].UUID)

    def camp_uuid(ctx: Any) -> str:
        return str(ctx["Campaign"].UUID)

    @jinja2.pass_context
    def unsubscribe_url(ctx: Any) -> str:
        return f"{root}/subscription/{camp_uuid(ctx)}/{sub_uuid(ctx)}"

    @jinja2.pass_context
    def manage_url(ctx: Any) -> str:
        return f"{unsubscribe_url(ctx)}?manage=true"

    @jinja2.pass_context
    def optin_url(ctx: Any) -> str:
        return f"{root}/subscription/optin/{sub_uuid(ctx)}?"

    @jinja2.pass_context
    def message_url(ctx: Any) -> str:
        return f"{root}/campaign/{camp_uuid(ctx)}/{sub_uuid(ctx)}"

    @jinja2.pass_context
    def track_view(ctx: Any) -> Markup:
        who = sub_uuid(ctx) if individual_tracking else ZERO_UUID
        src = f"{root}/campaign/{camp_uuid(ctx)}/{who}/px.png"
        return Markup(
            '<img src="{}" alt="" width="1" height="1" style="display:none;max-width:0;'
            'max-height:0;opacity:0" />'
        ).format(src)

    return {
        "UnsubscribeURL": unsubscribe_url,
        "ManageURL": manage_url,
        "OptinURL": optin_url,
        "MessageURL": message_url,
        "TrackView": track_view,
        "ArchiveURL": lambda: f"{root}/archive",
        "RootURL": lambda: root,
        "Date": lambda fmt="%Y-%m-%d": dt.datetime.now(dt.UTC).strftime(fmt),
        "Safe": Markup,
        "L": {},
    }


class CampaignRenderer:
    """The compiled templates of one campaign, built once per campaign per process.

    :param spec: the campaign.
    :param root_url: public root URL, without the trailing slash.
    :param individual_tracking: put subscriber UUIDs into tracking URLs.
    :raises RenderError: when a template does not compile or uses an unknown name.
    """

    def __init__(
        self, spec: CampaignSpec, *, root_url: str, individual_tracking: bool = False
    ) -> None:
        self.spec = spec
        self.functions = _url_functions(root_url.rstrip("/"), individual_tracking)
        self.campaign = CampaignData(spec)
        body = spec.body
        if spec.content_type == "markdown":
            body = MarkdownIt("commonmark", {"html": True}).render(body)
        self.is_html = spec.content_type != "plain"
        self._html_env = self._environment(autoescape=True, content=body)
        self._text_env = self._environment(autoescape=False, content=body)
        self._subject = self._compile(self._text_env, spec.subject, "subject")
        self._body = self._compile_body(spec)
        self._alt = self._compile(self._text_env, spec.altbody, "altbody") if spec.altbody else None

    def _environment(self, *, autoescape: bool, content: str) -> jinja2.Environment:
        env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            autoescape=autoescape,
            undefined=jinja2.StrictUndefined,
            loader=jinja2.DictLoader({_CONTENT_NAME: content}),
            auto_reload=False,
            keep_trailing_newline=True,
        )
        env.globals.update(self.functions)
        env.globals["Campaign"] = self.campaign
        return env

    def _compile_body(self, spec: CampaignSpec) -> jinja2.Template:
        env = self._html_env if self.is_html else self._text_env
        content = env.loader.get_source(env, _CONTENT_NAME)[0]  # type: ignore[union-attr]
        self._check_names(env, content, "body")
        if spec.template_body and self.is_html:
            base = _LISTMONK_CONTENT.sub('{% include "content" %}', spec.template_body)
            return self._compile(env, base, "template")
        return self._compile(env, content, "body")

    def _compile(self, env: jinja2.Environment, source: str, what: str) -> jinja2.Template:
        self._check_names(env, source, what)
        try:
            return env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None

    def _check_names(self, env: jinja2.Environment, source: str, what: str) -> None:
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None
        unknown = jinja2.meta.find_undeclared_variables(ast) - set(env.globals) - {"Subscriber"}
        if unknown:
            raise RenderError(f"{what}: unknown name(s): {', '.join(sorted(unknown))}")

    def render(self, sub: Subscriber) -> Rendered:
        """Render one subscriber's subject, body and alternative text."""
        data = {"Subscriber": SubscriberData(sub)}
        try:
            subject = self._subject.render(data)
            body = self._body.render(data)
            alt = self._alt.render(data) if self._alt is not None else None
        except Exception as exc:  # any template error is this subscriber's failure
            raise RenderError(f"{type(exc).__name__}: {exc}") from None
        if self.is_html:
            return Rendered(subject, body, alt)
        return Rendered(subject, None, body)

    def unsubscribe_url(self, sub: Subscriber) -> str:
        """The listmonk-format unsubscribe URL of ``sub`` for this campaign."""
        root = self.functions["RootURL"]()
        return f"{root}/subscription/{self.spec.uuid}/{sub.uuid}"
