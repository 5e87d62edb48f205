"""Per-message cost of each campaign shape, with the engine's own content code, in one process.

Each shape is a campaign in memory built by ``blaster.content.CampaignContent`` (the real
``CampaignRenderer`` and ``MessageBuilder``, attachments read and encoded once) and timed per
message in three stages: ``render`` (templates), ``MIME`` (``MessageBuilder.build`` from
rendered parts) and ``build`` (both, what a worker does per subscriber). Every shape is
compared with the ``html+text`` shape: none may cost more than 2x its MIME assembly, nor 2x
its whole build. The shapes:

- ``plain``: a 5 KB text body, no HTML;
- ``html+text``: the 5 KB HTML letter of ``common.py`` with its 1 KB text alternative;
- ``markdown``: the same letter written in Markdown (converted once, at compile);
- ``2 attachments``: ``html+text`` plus a 48 KB PDF-like file and a 4 KB UTF-8 text file;
- ``tracking``: ``html+text`` with ten ``TrackLink`` calls (links registered at compile, as
  a worker does; in memory here), the ``@TrackLink`` shorthand and ``TrackView``.

Usage: ``.venv/bin/python bench/shapes.py [--messages 3000] [--rounds 5]``; exits 1 when a
shape breaks the 2x bound.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import common

from blaster.config import Media, Settings, Urls
from blaster.content import CampaignContent
from blaster.models import CampaignSpec, MediaRef, Subscriber

BASELINE = "html+text"
LIMIT = 2.0  #: no shape may cost more than this times the baseline


class MemoryLinks:
    """A link registry without a database (the engine's is a cache in front of ``links``)."""

    def __init__(self) -> None:
        self.uuids: dict[str, str] = {}

    def __call__(self, url: str) -> str:
        return self.uuids.setdefault(url, str(uuid.uuid4()))

    def many(self, urls: Collection[str]) -> Mapping[str, str]:
        return {url: self(url) for url in urls}


def markdown_body() -> str:
    """The HTML letter's text as Markdown, about the same size."""
    parts = ["# Hello {{ Subscriber.Name }}\n", "You are reader **{{ Subscriber.Attribs.n }}**.\n"]
    k = 1
    while sum(map(len, parts)) < 4700:
        parts.append(common._PARAGRAPH.format(k=k) + f" [Story {k}](https://example.com/{k})\n")
        k += 1
    parts.append("[Unsubscribe]({{ UnsubscribeURL() }})\n")
    return "\n".join(parts)


def tracking_body() -> str:
    """The HTML letter with ten tracked links, the shorthand and the view pixel."""
    links = "".join(
        f'<p><a href="{{{{ TrackLink("https://shop.example.com/item/{k}?ref=mail&amp;n={k}") }}}}">'
        f"Item {k}</a></p>\n"
        for k in range(9)
    )
    extra = '<p><a href="https://shop.example.com/sale@TrackLink">Sale</a></p>{{ TrackView() }}\n'
    html = common.html_body(5000 - len(links) - len(extra))
    return html.replace("</body>", links + extra + "</body>")


def shapes(media_dir: Path) -> dict[str, dict[str, Any]]:
    (media_dir / "report.pdf").write_bytes(bytes(range(256)) * 192)
    (media_dir / "notes.txt").write_text("Grüße aus Köln ☀\n" * 230, encoding="utf-8")
    attachments = (
        MediaRef("report.pdf", "report.pdf", "application/pdf", "filesystem"),
        MediaRef("notes.txt", "notes.txt", "text/plain", "filesystem"),
    )
    html = {"body": common.html_body(), "altbody": common.text_body()}
    return {
        "plain": {"body": common.text_body(5000), "altbody": None, "content_type": "plain"},
        BASELINE: html,
        "markdown": {**html, "body": markdown_body(), "content_type": "markdown"},
        "2 attachments": {**html, "attachments": attachments},
        "tracking": {**html, "body": tracking_body()},
    }


def campaign(**changes: Any) -> CampaignSpec:
    values: dict[str, Any] = {
        "id": 1,
        "uuid": str(uuid.uuid4()),
        "name": "bench",
        "subject": common.SUBJECT,
        "from_email": common.FROM_EMAIL,
        "content_type": "html",
        "template_body": None,
        "headers": (),
        "tags": (),
        "attribs": {},
        "type": "regular",
        "double_list_ids": (),
        "single_list_ids": (1,),
        "max_subscriber_id": 0,
    }
    values.update(changes)
    return CampaignSpec(**values)


subscribers = common.synthetic_subscribers


def per_message_us(fn: Callable[[Any], object], items: list[Any], rounds: int) -> float:
    """Best of ``rounds`` mean CPU microseconds of ``fn`` over ``items`` (CPU time, so that
    other work on a shared machine inflates it less)."""
    fn(items[0])
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, (time.process_time() - start) / len(items) * 1e6)
    return best


def measure(content: CampaignContent, subs: list[Subscriber], rounds: int) -> dict[str, float]:
    renderer, builder = content.renderer, content.builder
    rendered = [(s, renderer.render(s)) for s in subs]

    def mime(item: tuple[Subscriber, Any]) -> bytes:
        sub, r = item
        return builder.build(
            to_addr=sub.email,
            subject=r.subject,
            html=r.html,
            text=r.text,
            subscriber_uuid=sub.uuid,
            unsubscribe_url=renderer.unsubscribe_url(sub),
            header_values=r.headers,
        )

    return {
        "render": per_message_us(renderer.render, subs, rounds),
        "mime": per_message_us(mime, rendered, rounds),
        "build": per_message_us(content.build, subs, rounds),
        "bytes": float(len(content.build(subs[0]))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    subs = subscribers(args.messages)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="blaster-shapes-") as tmp:
        settings = Settings(urls=Urls(root_url="https://news.example.com"), media=Media(dir=tmp))
        for name, changes in shapes(Path(tmp)).items():
            content = CampaignContent(campaign(**changes), settings, links=MemoryLinks())
            results[name] = measure(content, subs, args.rounds)
    base = results[BASELINE]
    print(f"CPU µs per message, best of {args.rounds} rounds of {args.messages}, one process")
    print(
        f"{'shape':<15}{'bytes':>8}{'render':>9}{'MIME':>8}{'build':>8}"
        f"{'MIME/base':>11}{'build/base':>12}"
    )
    failed = False
    for name, r in results.items():
        mime_ratio, build_ratio = r["mime"] / base["mime"], r["build"] / base["build"]
        failed |= mime_ratio > LIMIT or build_ratio > LIMIT
        print(
            f"{name:<15}{r['bytes']:>8.0f}{r['render']:>9.1f}{r['mime']:>8.1f}{r['build']:>8.1f}"
            f"{mime_ratio:>10.2f}x{build_ratio:>11.2f}x"
        )
    print(f"bound: every ratio <= {LIMIT}x: {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
