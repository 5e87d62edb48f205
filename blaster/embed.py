"""Inline images as listmonk embeds them: ``<img data-embed src=…>`` becomes a CID part.

listmonk (v6.2 and later) scans a campaign's body and base template, before compiling them,
for ``<img>`` tags that carry a ``data-embed`` attribute. The basename of each tag's ``src``
(the path of the URL, percent-decoded) names a media item by its ``media.filename``; the
tag's ``src`` is rewritten to ``cid:<content id>`` and the file goes into the message as an
inline part of a ``multipart/related`` HTML branch. The Content-ID is the hex of the first 8
bytes of the SHA-1 of the file name, ``@email``. Plain-text campaigns are left alone.

This module is the pure half: finding the file names (:func:`embedded_filenames`, which the
store looks up) and rewriting the text (:func:`rewrite`), once per campaign per process.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import urllib.parse
from collections.abc import Mapping

#: the attribute that marks an ``<img>`` for embedding (listmonk's ``attribInlineEmbed``)
EMBED_ATTR = "data-embed"
#: Go's ``(?is)``; ASCII, as Go's ``\b`` and ``\s`` are
_FLAGS = re.IGNORECASE | re.DOTALL | re.ASCII
#: an ``<img>`` tag with the attribute, as listmonk matches it
_IMG = re.compile(r"<img\b[^>]*\b" + EMBED_ATTR + r"\b[^>]*>", _FLAGS)
#: a tag's ``src`` attribute, double- or single-quoted (group 1: the space before it)
_SRC = re.compile(r"""(\s)src\s*=\s*(?:"([^"]*)"|'([^']*)')""", _FLAGS)


def content_id(filename: str) -> str:
    """The Content-ID of a media file, without angle brackets: ``<16 hex digits>@email``."""
    return hashlib.sha1(filename.encode("utf-8")).digest()[:8].hex() + "@email"


def filename_from_src(src: str) -> str:
    """The media file name an ``<img src>`` names: the last element of its URL path.

    Like Go's ``path.Base``: trailing slashes are ignored, ``"/"`` and ``"."`` come back for
    a path of only slashes or an empty one (no media has such a name).
    """
    path = src
    try:
        parsed = urllib.parse.urlsplit(src).path
    except ValueError:
        parsed = ""
    if parsed:
        path = urllib.parse.unquote(parsed)
    if not path:
        return "."
    stripped = path.rstrip("/")
    if not stripped:
        return "/"
    return posixpath.basename(stripped) or "."


def _src(tag: str) -> str:
    match = _SRC.search(tag)
    if match is None:
        return ""
    return match.group(2) or match.group(3) or ""


def _embeddable(tag: str) -> str:
    """The tag's file name, or "" when it is left as it is (no src, or already ``cid:``)."""
    src = _src(tag)
    if not src or src.lower().startswith("cid:"):
        return ""
    return filename_from_src(src)


def embedded_filenames(*texts: str | None) -> tuple[str, ...]:
    """The file names of the embedded images of ``texts`` (body, template), each once, in
    order of first appearance."""
    names: dict[str, None] = {}
    for text in texts:
        if not text or EMBED_ATTR not in text:
            continue
        for tag in _IMG.findall(text):
            name = _embeddable(tag)
            if name:
                names.setdefault(name, None)
    return tuple(names)


def rewrite(text: str, cids: Mapping[str, str]) -> str:
    """``text`` with the ``src`` of each embedded image whose file name is in ``cids``
    (file name → Content-ID) replaced by ``"cid:<id>"``; other tags are left as they are."""
    if EMBED_ATTR not in text:
        return text

    def tag_sub(match: re.Match[str]) -> str:
        tag = match.group(0)
        cid = cids.get(_embeddable(tag), "")
        if not cid:
            return tag
        return _SRC.sub(lambda m: f'{m.group(1)}src="cid:{cid}"', tag)

    return _IMG.sub(tag_sub, text)
