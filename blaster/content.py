"""A campaign's messages: compiled templates, MIME skeleton and attachments, built once.

:class:`CampaignContent` is what a worker (and ``blaster campaigns preview``/``test``) holds per
campaign: the :class:`~blaster.render.CampaignRenderer` (of the body and template with their
embedded images' ``src`` rewritten to ``cid:``, :func:`embedded`), the attachment and inline
image parts read from the media directory and base64-encoded once, and the
:class:`~blaster.mime.MessageBuilder` that joins them with each subscriber's rendered parts.
:func:`check` is the coordinator's validation at pickup: templates, header names, attachment
and embedded image files, so a campaign that cannot be sent is refused before a single
message leaves.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import mimetypes
import os
from pathlib import Path

from blaster import addresses
from blaster.config import Settings
from blaster.embed import content_id, embedded_filenames, rewrite
from blaster.errors import CampaignError
from blaster.mime import MessageBuilder, address, attachment_part, header_name_error, inline_part
from blaster.models import CampaignSpec, MediaRef, Subscriber
from blaster.render.renderer import CampaignRenderer, LinkResolver

FILESYSTEM = ("filesystem", "")  #: media providers whose files live under the media directory


def media_path(ref: MediaRef, media_dir: str, *, kind: str = "attachment") -> Path:
    """The file of an attachment (or of an embedded image: ``kind``), inside ``media_dir``.

    :raises CampaignError: when the media item was deleted, lives elsewhere (S3), escapes the
        directory, or its file is missing or unreadable.
    """
    label = f"{kind} {ref.name!r}"
    if not ref.path:
        raise CampaignError(f"{label} was deleted from the media library")
    if ref.provider not in FILESYSTEM:
        raise CampaignError(
            f"{label} is stored by the {ref.provider!r} media provider; blaster reads only"
            " the filesystem provider's files"
        )
    root = Path(media_dir).resolve()
    path = (root / ref.path).resolve()
    if not path.is_relative_to(root):
        raise CampaignError(f"{label}: {ref.path!r} is outside the media directory")
    if not path.is_file():
        raise CampaignError(f"{label}: file {path} does not exist (media.dir = {media_dir!r})")
    if not os.access(path, os.R_OK):
        raise CampaignError(f"{label}: file {path} is not readable")
    return path


def attachment_parts(refs: tuple[MediaRef, ...], media_dir: str) -> tuple[bytes, ...]:
    """Each attachment read and encoded as a MIME part (once per campaign per process)."""
    parts = []
    for ref in refs:
        data = _read(ref, media_dir, kind="attachment")
        parts.append(attachment_part(ref.name, _content_type(ref), data))
    return tuple(parts)


def embedded(spec: CampaignSpec) -> tuple[CampaignSpec, tuple[MediaRef, ...]]:
    """The campaign with its embedded images' ``src`` rewritten to ``cid:<Content-ID>`` (in
    the body and the base template), and their media in order of first appearance.

    As listmonk's ``LoadInlineImages``: plain-text campaigns are left alone, a tag whose
    ``src`` is empty or already ``cid:`` too.

    :raises CampaignError: an embedded image names a file that is not in the media library
        (listmonk would log it and send the tag unchanged, a broken image to every
        subscriber).
    """
    if spec.content_type == "plain":
        return spec, ()
    names = embedded_filenames(spec.body, spec.template_body)
    if not names:
        return spec, ()
    refs = {ref.name: ref for ref in spec.inline}
    for name in names:
        if name not in refs:
            raise CampaignError(
                f"inline image {name!r} (<img data-embed>): no file of that name in the media"
                " library"
            )
    cids = {name: content_id(name) for name in names}
    template = spec.template_body
    spec = dataclasses.replace(
        spec,
        body=rewrite(spec.body, cids),
        template_body=rewrite(template, cids) if template is not None else None,
    )
    return spec, tuple(refs[name] for name in names)


def inline_parts(refs: tuple[MediaRef, ...], media_dir: str) -> tuple[bytes, ...]:
    """Each embedded image read and encoded as an inline part (once per campaign per
    process), with its Content-ID."""
    parts = []
    for ref in refs:
        data = _read(ref, media_dir, kind="inline image")
        parts.append(inline_part(ref.name, _content_type(ref), data, content_id(ref.name)))
    return tuple(parts)


def _content_type(ref: MediaRef, default: str = "") -> str:
    """A media file's type: as the library recorded it, else guessed from its name."""
    return ref.content_type or mimetypes.guess_type(ref.name)[0] or default


def _read(ref: MediaRef, media_dir: str, *, kind: str) -> bytes:
    path = media_path(ref, media_dir, kind=kind)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CampaignError(f"{kind} {ref.name!r}: {exc.strerror}: {path}") from None


#: campaign headers listmonk turns into extra envelope recipients of every message
ENVELOPE_RECIPIENTS = ("cc", "bcc")


def check_headers(spec: CampaignSpec) -> None:
    """Refuse campaign headers that cannot be sent as listmonk would send them.

    A name that is not a valid header name is an error. So are a ``Cc`` or ``Bcc`` with an
    address: listmonk makes them extra envelope recipients of every message (each subscriber's
    message is also delivered to them; ``Cc`` stays visible), and blaster sends each message
    to its subscriber only. An empty one is dropped, as listmonk ignores it. ``Return-Path``
    becomes the envelope sender, as in listmonk, so it must be a literal address (blaster's
    envelope sender is one per campaign). Headers blaster sets itself are dropped, not
    refused (listmonk's behaviour: a campaign cannot override them).
    """
    for name, value in spec.headers:
        error = header_name_error(name)
        if error:
            raise CampaignError(f"campaign header: {error}")
        lower = name.lower()
        if lower in ENVELOPE_RECIPIENTS and value.strip():
            raise CampaignError(
                f"campaign header {name}: not supported (listmonk copies every subscriber's"
                " message to it; blaster sends one message per subscriber, to the subscriber"
                " only)"
            )
        if lower == "return-path" and value.strip():
            if "{{" in value or "{%" in value:
                raise CampaignError("campaign header Return-Path: must be a literal address")
            if "@" not in addresses.read(value)[1]:
                raise CampaignError(
                    f"campaign header Return-Path: {value!r} is not an e-mail address"
                )


def check(spec: CampaignSpec, settings: Settings) -> None:
    """Everything that would make every message of the campaign fail, found before sending.

    :raises RenderError: a template does not compile or names an unknown function.
    :raises CampaignError: a bad header name, a missing attachment file, or an embedded
        image that is not in the media library or whose file is missing.
    """
    rewritten, inline = embedded(spec)
    CampaignRenderer.from_settings(rewritten, settings)
    check_headers(spec)
    check_media(spec.attachments, settings.media.dir)
    for ref in inline:
        media_path(ref, settings.media.dir, kind="inline image")


def check_media(refs: tuple[MediaRef, ...], media_dir: str) -> None:
    """Every attachment's file exists and is readable (:func:`media_path`)."""
    for ref in refs:
        media_path(ref, media_dir)


class CampaignContent:
    """Builds the messages of one campaign; everything but the per-subscriber parts is
    prepared here, once.

    :param spec: the campaign.
    :param settings: URLs, tracking, translations, media directory, unsubscribe header.
    :param links: registers ``TrackLink`` URLs (None: links go untracked).
    :raises RenderError: a template does not compile.
    :raises CampaignError: an attachment or an embedded image cannot be read.
    """

    def __init__(
        self, spec: CampaignSpec, settings: Settings, *, links: LinkResolver | None = None
    ) -> None:
        self.spec = spec
        rewritten, inline = embedded(spec)
        self.renderer = CampaignRenderer.from_settings(rewritten, settings, link_resolver=links)
        return_path = next(
            (v.strip() for k, v in self.renderer.static_headers if k.lower() == "return-path"),
            "",
        )
        self.builder = MessageBuilder(
            from_addr=spec.from_email,
            campaign_uuid=spec.uuid,
            headers=tuple(
                (k, v)  # an empty Cc (check() refuses any other): listmonk ignores it
                for k, v in self.renderer.static_headers
                if k.lower() not in ENVELOPE_RECIPIENTS or v.strip()
            ),
            templated_headers=self.renderer.templated_headers,
            attachments=attachment_parts(spec.attachments, settings.media.dir),
            inline=inline_parts(inline, settings.media.dir),
            unsubscribe_header=settings.privacy.unsubscribe_header,
            eightbit=True,  # the SMTP session sends 8bit parts only to 8BITMIME relays
            literals=self.renderer.literals,
        )
        #: the SMTP envelope sender: a campaign ``Return-Path`` header, else the From address
        self.envelope_from = addresses.read(return_path or spec.from_email)[1] or spec.from_email

    def build(self, sub: Subscriber, *, to_addr: str | None = None) -> bytes:
        """Render and assemble one subscriber's message (raises RenderError).

        :param to_addr: the ``To`` header, when not the subscriber (test sends).
        """
        r = self.renderer.render(sub)
        return self.builder.build(
            to_addr=address(sub.name, sub.email) if to_addr is None else to_addr,
            subject=r.subject,
            html=r.html,
            text=r.text,
            subscriber_uuid=sub.uuid,
            unsubscribe_url=self.renderer.unsubscribe_url(sub),
            header_values=r.headers,
            html_pieces=r.html_pieces,
            text_pieces=r.text_pieces,
        )


class PostbackContent:
    """Builds the JSON bodies of one campaign sent through a postback messenger: listmonk's
    payload (subject, from, content type, the rendered body, the recipient, the campaign,
    the attachments base64-encoded as Go encodes ``[]byte``), rendered per subscriber.

    :param spec: the campaign.
    :param settings: as for :class:`CampaignContent`.
    :param links: as for :class:`CampaignContent`.
    """

    def __init__(
        self, spec: CampaignSpec, settings: Settings, *, links: LinkResolver | None = None
    ) -> None:
        rewritten, inline = embedded(spec)
        self.renderer = CampaignRenderer.from_settings(rewritten, settings, link_resolver=links)
        self.spec = spec
        campaign = {
            "from_email": spec.from_email,
            "uuid": spec.uuid,
            "name": spec.name,
            "headers": [{k: v} for k, v in spec.headers],
            "tags": list(spec.tags),
        }
        #: the parts every message shares, encoded once (JSON members, without braces)
        self._campaign = json.dumps(campaign, ensure_ascii=False)
        # listmonk lists the embedded images first (inline, with their Content-ID), then the
        # campaign's attachments
        self._attachments = json.dumps(
            [_inline_json(ref, settings.media.dir) for ref in inline]
            + [_attachment_json(ref, settings.media.dir) for ref in spec.attachments]
        )

    def build(self, sub: Subscriber) -> bytes:
        """One subscriber's payload (raises RenderError)."""
        r = self.renderer.render(sub)
        head = {
            "subject": r.subject,
            "from_email": self.spec.from_email,
            "content_type": self.spec.content_type,
            "body": r.html if r.html is not None else (r.text or ""),
            "recipients": [
                {
                    "uuid": sub.uuid,
                    "email": sub.email,
                    "name": sub.name,
                    "attribs": sub.attribs,
                    "status": sub.status,
                }
            ],
        }
        text = json.dumps(head, ensure_ascii=False)[:-1]
        return (
            f'{text}, "campaign": {self._campaign}, "attachments": {self._attachments}}}'.encode()
        )


def _inline_json(ref: MediaRef, media_dir: str) -> dict[str, object]:
    """An embedded image as listmonk's postback carries it (its inline attachment header)."""
    data = _read(ref, media_dir, kind="inline image")
    content_type = _content_type(ref, "application/octet-stream")
    return {
        "name": ref.name,
        "header": {
            "Content-Disposition": [f"inline; filename={ref.name}"],
            "Content-Type": [f'{content_type}; name="{ref.name}"'],
            "Content-Transfer-Encoding": ["base64"],
            "Content-Id": [f"<{content_id(ref.name)}>"],
        },
        "content": base64.b64encode(data).decode("ascii"),
    }


def _attachment_json(ref: MediaRef, media_dir: str) -> dict[str, object]:
    """An attachment as listmonk's postback carries it: name, MIME header, content."""
    data = _read(ref, media_dir, kind="attachment")
    content_type = _content_type(ref, "application/octet-stream")
    return {
        "name": ref.name,
        "header": {
            "Content-Disposition": [f'attachment; filename="{ref.name}"'],
            "Content-Type": [content_type],
            "Content-Transfer-Encoding": ["base64"],
        },
        "content": base64.b64encode(data).decode("ascii"),
    }
