"""The renderer: a campaign's templates compiled once, rendered per subscriber.

A :class:`CampaignRenderer` gives a campaign's templates what they may call (listmonk's URL
functions, ``Date``, ``L``, tracked links), has :mod:`.compile` compile its subject, body
(inside its base template), plain-text alternative and templated header values once, in a
sandboxed environment (:mod:`.sandbox`), as listmonk's Go templates or as jinja, and refuses
what does not compile. Rendering one subscriber returns a :class:`Rendered`; any failure (a missing
attribute, a refused operation, a limit) raises :class:`RenderError` for that subscriber only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from jinja2.exceptions import SecurityError
from jinja2.runtime import new_context
from markupsafe import Markup

from blaster import i18n, wiretext
from blaster.errors import BlasterError, ConfigError, RenderError
from blaster.gotemplate import gotime, listmonk, listmonk_data, values
from blaster.models import CampaignSpec, Subscriber, UnreadableAttribs
from blaster.render.compile import Part, Tools, compile_campaign
from blaster.render.data import CampaignData, Functions, SubscriberData, listmonk_pixel
from blaster.render.listmonk import subscriber_data
from blaster.render.sandbox import MAX_OUTPUT, MAX_SECONDS, MAX_STEPS, Budget

if TYPE_CHECKING:
    from blaster.config import Settings

logger = logging.getLogger(__name__)


class Rendered(NamedTuple):
    """One subscriber's rendered parts; ``html`` or ``text`` may be absent. ``headers``
    holds the values of :attr:`CampaignRenderer.templated_headers`, in order."""

    subject: str
    html: str | None
    text: str | None
    headers: tuple[str, ...] = ()
    #: ``html`` and ``text`` as the templates yielded them (literal text and values), for
    #: :func:`blaster.wiretext.assemble`; ``None`` when not known
    html_pieces: Sequence[str] | None = None
    text_pieces: Sequence[str] | None = None


class LinkResolver(Protocol):
    """URL → the UUID of its row in listmonk's ``links`` table, registering it if new.

    :meth:`many` is called once at compile time with every literal ``TrackLink`` URL;
    ``__call__`` for URLs only known at render time. Both may raise :class:`BlasterError`
    (the link is then sent untracked, as listmonk does).
    """

    def __call__(self, url: str) -> str: ...

    def many(self, urls: Collection[str]) -> Mapping[str, str]: ...


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
        self._now = now
        self._translations: Mapping[str, str] = translations or {}
        tools = Tools(self._budget, self.globals, self._go_functions, self.is_html)
        self._compiled = compiled = compile_campaign(spec, tools)
        #: the syntax the campaign was compiled as: ``"go"`` or ``"jinja"``
        self.syntax = compiled.syntax
        #: campaign headers with literal values
        self.static_headers = compiled.static_headers
        #: names of the campaign headers whose values are templates (see Rendered.headers)
        self.templated_headers = compiled.templated_headers
        #: the bodies' literal text, analysed once for the wire (:mod:`blaster.wiretext`)
        self.literals = wiretext.literal_table(
            [f for p in (compiled.body, compiled.alt) if p is not None for f in _functions(p)],
            [compiled.alt_static] if compiled.alt_static else [],
        )
        if tracking and link_resolver is not None and compiled.literal_links:
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

    # --- compilation ---------------------------------------------------------------------

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

    # --- tracked links ----------------------------------------------------------------------

    def _preload(self, resolver: LinkResolver) -> None:
        """Register every literal ``TrackLink`` URL at once (one round trip per campaign)."""
        try:
            self._links.update(resolver.many(sorted(self._compiled.literal_links)))
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
        return self._compiled.literal_links

    # --- rendering --------------------------------------------------------------------------

    def _run(self, part: Part, data: dict[str, Any]) -> str:
        """Render, stopping as soon as the output passes the size limit."""
        return "".join(self._pieces(part, data))

    def _pieces(self, part: Part, data: dict[str, Any]) -> list[str]:
        """The output as the template yields it (literal text and values, in order)."""
        limit = self._budget.max_output
        if part.flat is not None:  # no control flow: one call (see :mod:`.flat`)
            out = part.flat(data)
            if sum(map(len, out)) > limit:
                raise _too_long(limit)
            return out
        template = part.template
        size = 0
        out = []
        # shared=True: ``data`` already holds the globals; no globals_keys (only imports
        # use them, and templates cannot import)
        ctx = new_context(template.environment, template.name, template.blocks, data, shared=True)
        for chunk in template.root_render_func(ctx):
            size += len(chunk)
            if size > limit:
                raise _too_long(limit)
            out.append(chunk)
        return out

    def render(self, sub: Subscriber) -> Rendered:
        """Render one subscriber's subject, body, alternative text and header values."""
        if isinstance(sub.attribs, UnreadableAttribs):
            raise RenderError(sub.attribs.reason)
        c = self._compiled
        data = dict(c.data)
        message = None
        if c.go_campaign is not None:
            sub_data = subscriber_data(sub)
            message = data["_dot"] = listmonk_data.MessageData(c.go_campaign, sub_data)
            gotime.set_clock(self._now)  # Sprig's now, date, ago: this renderer's clock
        else:
            data["Subscriber"] = SubscriberData(sub)
        self._functions.bind(sub.uuid)
        self._budget.reset()
        try:
            subject = c.subject_static
            if subject is None:
                subject = self._run(c.subject, data)
            if message is not None:
                message.subject = subject  # what .Subject gives the body, as in listmonk
            body_pieces = self._pieces(c.body, data)
            alt_pieces: Sequence[str] | None = None
            if c.alt is not None:
                alt_pieces = self._pieces(c.alt, data)
            headers = tuple(self._run(t, data) for t in c.header_templates)
        except Exception as exc:  # any template error is this subscriber's failure
            raise RenderError(f"{type(exc).__name__}: {exc}") from None
        body = "".join(body_pieces)
        if not self.is_html:
            return Rendered(subject, None, body, headers, None, body_pieces)
        if alt_pieces is None:
            alt = c.alt_static
            alt_pieces = None if alt is None else (alt,)
        else:
            alt = "".join(alt_pieces)
        return Rendered(subject, body, alt, headers, body_pieces, alt_pieces)

    def unsubscribe_url(self, sub: Subscriber) -> str:
        """The listmonk-format unsubscribe URL of ``sub`` for this campaign."""
        return f"{self.root}/subscription/{self.spec.uuid}/{sub.uuid}"


def _functions(part: Part) -> list[Any]:
    """The compiled functions of a template: its body, its blocks, its flat form."""
    template = part.template
    flat = [part.flat] if part.flat is not None else []
    return [template.root_render_func, *template.blocks.values(), *flat]


def _too_long(limit: int) -> SecurityError:
    return SecurityError(f"render limit: output of more than {limit} characters")
