"""The data jinja campaign templates see, and listmonk's campaign functions.

``Subscriber`` and ``Campaign`` are :class:`SubscriberData` and :class:`CampaignData`
(listmonk's field names); :class:`Functions` are ``TrackLink``, ``UnsubscribeURL`` and the
other URL functions of one campaign, bound to the subscriber being rendered (by their names
in jinja campaigns: :meth:`Functions.mapping`; :func:`listmonk_pixel` is ``TrackView`` in Go
ones).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from blaster.gotemplate.listmonk_data import first_name, last_name
from blaster.models import CampaignSpec, Subscriber

ZERO_UUID = "00000000-0000-0000-0000-000000000000"


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
        return first_name(self.Name)

    @property
    def LastName(self) -> str:
        """listmonk's rule: the last space-separated part longer than 2 bytes, else the
        whole name."""
        return last_name(self.Name)


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


#: the attributes of blaster's own template data that :meth:`.sandbox.Sandbox.getattr` reads
#: directly: data fields and the name properties, whose values are plain data
OWN_FIELDS: dict[type, frozenset[str]] = {
    SubscriberData: frozenset(SubscriberData.__slots__) | {"FirstName", "LastName"},
    CampaignData: frozenset(CampaignData.__slots__),
}


class Functions:
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


def listmonk_pixel(f: Functions) -> str:
    """listmonk's ``TrackView`` image, byte for byte."""
    if not f.tracking:
        return ""
    url = f"{f.root}/campaign/{f.camp}/{f.tracked}/px.png"
    return (
        f'<img src="{url}" width="1" height="1" '
        'style="display:none;max-height:0;max-width:0;opacity:0" alt="">'
    )
