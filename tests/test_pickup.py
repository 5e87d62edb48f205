"""Why a campaign is refused at pickup, without a database: a messenger nobody answers to,
no lists, a template that does not compile, a header it may not set. The pickup itself (the
freeze, the refusal recorded and notified) is tested end to end in test_engine, test_notify
and test_bad_input."""

from __future__ import annotations

import pytest

from blaster.config import Settings, SmtpServer
from blaster.pickup import refusal
from blaster.store.campaigns import CampaignRow
from tests.helpers import content_spec

SETTINGS = Settings(smtp=(SmtpServer(),))


def row(messenger: str = "email", **changes: object) -> CampaignRow:
    return CampaignRow(content_spec(**changes), messenger, "running", 0)


def test_a_sendable_campaign_is_not_refused():
    assert refusal(row(), SETTINGS) == ""


@pytest.mark.parametrize(
    ("campaign", "reason"),
    [
        (row("email-nowhere"), "unknown messenger 'email-nowhere'"),
        (row(single_list_ids=()), "the campaign has no lists"),
        (row(body="{{ .Subscriber.Name "), "template error: "),
        (row(headers=(("Bcc", "x@example.com"),)), "Bcc"),
    ],
)
def test_refusals_say_why(campaign, reason):
    assert reason in refusal(campaign, SETTINGS)
