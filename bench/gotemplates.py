"""Render cost of listmonk's Go-template syntax against the same campaign written in jinja.

Each shape is one campaign written twice, once in blaster's jinja syntax and once in Go's
(listmonk's), rendered by the engine's own ``CampaignRenderer`` for the same subscribers in one
process; the figure is CPU µs per message (subject + HTML body + text alternative). The
target: a Go-syntax campaign renders within 1.3x the jinja one. Shapes:

- ``fields``: the 5 KB HTML letter of ``common.py`` with its text alternative (fields only);
- ``control``: the letter plus an ``if``/``else``, a ``range`` over a list attribute, a Sprig
  call and a ``printf``;
- ``tracking``: the letter with ten ``TrackLink`` calls, the ``@TrackLink`` shorthand and
  ``TrackView``.

Usage: ``.venv/bin/python bench/gotemplates.py [--messages 3000] [--rounds 5]``; exits 1 when
a shape's ratio is over the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid

import common
from shapes import MemoryLinks, campaign, per_message_us, tracking_body

from blaster.models import Subscriber
from blaster.render import CampaignRenderer

TARGET = 1.3  #: Go-syntax render cost at most this times the jinja one

_JINJA_CONTROL = (
    "<p>{% if Subscriber.Attribs.vip %}Dear VIP{% else %}Hello{% endif %},"
    " your topics: {% for t in Subscriber.Attribs.tags %}{% if not loop.first %}, {% endif %}"
    "{{ t }}{% endfor %}. {{ Subscriber.Email | upper }} {{ '%05.1f' | format(3.14159) }}</p>"
)
_GO_CONTROL = (
    "<p>{{ if .Subscriber.Attribs.vip }}Dear VIP{{ else }}Hello{{ end }},"
    " your topics: {{ range $i, $t := .Subscriber.Attribs.tags }}{{ if $i }}, {{ end }}"
    '{{ $t }}{{ end }}. {{ upper .Subscriber.Email }} {{ printf "%05.1f" 3.14159 }}</p>'
)


def to_go(source: str) -> str:
    """blaster's jinja spelling of the letter's fields and functions → listmonk's."""
    return (
        source.replace("{{ Subscriber.", "{{ .Subscriber.")
        .replace("UnsubscribeURL()", "UnsubscribeURL")
        .replace("TrackView()", "TrackView")
        .replace('TrackLink("', 'TrackLink "')
        .replace('") }}', '" . }}')
    )


def shapes() -> dict[str, dict[str, str]]:
    letter = common.html_body()
    control = letter.replace("</body>", _JINJA_CONTROL + "</body>")
    return {
        "fields": {"body": letter},
        "control": {"body": control},
        "tracking": {"body": tracking_body()},
    }


def subscribers(n: int) -> list[Subscriber]:
    now = dt.datetime.now(dt.UTC)
    return [
        Subscriber(
            i,
            str(uuid.uuid4()),
            f"user{i}@example.com",
            f"Person {i}",
            {"n": i, "vip": i % 3 == 0, "tags": ["jazz", "film", "books"][: 1 + i % 3]},
            "enabled",
            now,
        )
        for i in range(1, n + 1)
    ]


def renderer(body: str, syntax: str) -> CampaignRenderer:
    alt = common.text_body()
    subject = common.SUBJECT
    if syntax == "go":
        body = to_go(body.replace(_JINJA_CONTROL, _GO_CONTROL))
        alt, subject = to_go(alt), to_go(subject)
    spec = campaign(body=body, altbody=alt, subject=subject, syntax=syntax)
    r = CampaignRenderer(spec, root_url="https://news.example.com", link_resolver=MemoryLinks())
    assert r.syntax == syntax
    return r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    subs = subscribers(args.messages)
    print(f"CPU µs per message (render), best of {args.rounds} rounds of {args.messages}")
    print(f"{'shape':<10}{'jinja':>9}{'Go':>9}{'Go/jinja':>10}")
    failed = False
    for name, changes in shapes().items():
        pair = renderer(changes["body"], "jinja").render, renderer(changes["body"], "go").render
        jinja = go = float("inf")
        for _ in range(args.rounds):  # interleaved, so that load on the machine hits both
            jinja = min(jinja, per_message_us(pair[0], subs, 1))
            go = min(go, per_message_us(pair[1], subs, 1))
        failed |= go / jinja > TARGET
        print(f"{name:<10}{jinja:>9.1f}{go:>9.1f}{go / jinja:>9.2f}x")
    print(f"target: Go/jinja <= {TARGET}x: {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
