"""One message of a campaign as the engine would build it, for ``campaigns preview`` and
``campaigns test``: for a named subscriber, else the campaign's first eligible subscriber,
else listmonk's sample subscriber; and the same message as a person reads it.

Building it registers the campaign's TrackLink URLs, as sending would.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from typing import TYPE_CHECKING, NamedTuple

from blaster.database import connection
from blaster.errors import BlasterError

if TYPE_CHECKING:
    from blaster import store
    from blaster.config import Settings
    from blaster.models import CampaignSpec, Subscriber

#: the address of the sample subscriber when nobody is named
SAMPLE_EMAIL = "subscriber@example.com"


class Message(NamedTuple):
    """A built message: its bytes, its envelope sender, and who it was rendered for."""

    data: bytes
    sender: str
    who: str


def build(
    settings: Settings, campaign_id: int, subscriber: str | None, to: str | None = None
) -> Message:
    """Campaign ``campaign_id``'s message for the subscriber with the address
    ``subscriber`` (who must exist), else for ``to``'s subscriber or the first eligible one.
    ``to`` replaces the recipient (test sends)."""
    from blaster.content import CampaignContent
    from blaster.errors import RenderError
    from blaster.mime import address
    from blaster.store import campaigns as campaign_store
    from blaster.store import content as content_store

    with connection(settings) as conn:
        row = campaign_store.load(conn, campaign_id)
        if row is None:
            raise BlasterError(f"campaign {campaign_id} does not exist")
        sub, who = pick_subscriber(conn, row.spec, subscriber or to, exact=bool(subscriber))
        try:
            content = CampaignContent(
                row.spec, settings, links=content_store.LinkRegistry(conn=conn)
            )
            data = content.build(sub, to_addr=address(sub.name, to) if to else None)
        except RenderError as exc:
            raise BlasterError(f"template error: {exc}") from None
    return Message(data, content.envelope_from, who)


def pick_subscriber(
    conn: store.Conn, spec: CampaignSpec, email_addr: str | None, *, exact: bool
) -> tuple[Subscriber, str]:
    """The subscriber with ``email_addr`` (required when ``exact``), else the campaign's first
    eligible subscriber, else listmonk's sample subscriber (with ``email_addr`` if given);
    and who that is, in words."""
    from blaster.store.content import subscriber_by_email
    from blaster.store.subscribers import fetch_page_sync

    if email_addr:
        found = subscriber_by_email(conn, email_addr)
        if found is not None:
            return found, f"subscriber {found.id} <{found.email}>"
        if exact:
            raise BlasterError(f"no subscriber with the address {email_addr!r}")
    else:
        first = fetch_page_sync(conn, spec, 0, spec.max_subscriber_id or 2**31 - 1, 1)
        if first:
            return first[0], f"subscriber {first[0].id} <{first[0].email}> (first eligible)"
    sample = sample_subscriber(email_addr)
    return sample, "a sample subscriber (no such subscriber in the database)"


def sample_subscriber(email_addr: str | None = None) -> Subscriber:
    """listmonk's sample subscriber, with ``email_addr`` when given."""
    from blaster.models import Subscriber
    from blaster.render import ZERO_UUID

    return Subscriber(
        0,
        ZERO_UUID,
        email_addr or SAMPLE_EMAIL,
        "Demo Subscriber",
        {"city": "Bengaluru"},
        "enabled",
        dt.datetime.now(dt.UTC),
    )


def readable(data: bytes) -> str:
    """A message as a person reads it: decoded headers, each text part, attachments listed."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    lines = [f"{name}: {value}" for name, value in msg.items()]
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if part.get_content_disposition() == "attachment":
            size = len(part.get_payload(decode=True) or b"")
            lines += ["", f"--- attachment {part.get_filename()!r} ({ctype}, {size} bytes) ---"]
        else:
            lines += ["", f"--- {ctype} ---", str(part.get_content()).rstrip("\n")]
    return "\n".join(lines)


def syntax(conn: store.Conn, settings: Settings, campaign_id: int) -> str:
    """Which template language the campaign compiles as (or why it does not compile)."""
    from blaster.render import CampaignRenderer
    from blaster.store import campaigns

    row = campaigns.load(conn, campaign_id)
    if row is None:
        return "-"
    try:
        return CampaignRenderer.from_settings(row.spec, settings).syntax
    except BlasterError as exc:
        return f"- (does not compile: {exc})"
