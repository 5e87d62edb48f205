"""listmonk's template language on the renderer's side.

For jinja campaigns, :func:`listmonk_compat` rewrites listmonk's Go forms to their jinja
equivalents before compiling: the Go call forms of listmonk's functions
(``{{ TrackLink "url" . }}``, ``{{ UnsubscribeURL }}``, ``{{ Date "2006" }}``, ``{{ L.T "key" }}``),
``{{ .Subscriber.X }}`` field access and the ``https://url@TrackLink`` shorthand;
:func:`markdown_html` converts markdown bodies with every jinja tag kept. For Go campaigns,
:func:`campaign_data` and :func:`subscriber_data` build the values ``.Campaign`` and
``.Subscriber`` are (listmonk's functions are :mod:`.data`'s).
"""

from __future__ import annotations

import json
import re
import secrets

from markdown_it import MarkdownIt

from blaster.gotemplate import listmonk_data
from blaster.models import CampaignSpec, CampaignStatus, Subscriber

#: ``https://…@TrackLink`` (RFC 3986 characters), listmonk's shorthand for quote-mangling editors
_SHORTHAND = re.compile(r"(https?://[\w\-.~!#$&'()*+,/:;=?@\[\]%]+?)@TrackLink")
#: listmonk functions that templates call Go-style (``{{ Name arg arg . }}``)
_GO_FUNCS = (
    "TrackLink",
    "TrackView",
    "UnsubscribeURL",
    "ManageURL",
    "OptinURL",
    "MessageURL",
    "ArchiveURL",
    "RootURL",
    "Date",
    "Safe",
    "L.Tc",
    "L.Ts",
    "L.T",
)
_GO_ARG = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?|-?\d+'
_GO_CALL = re.compile(
    r"\{\{(-?)\s*("
    + "|".join(re.escape(f) for f in _GO_FUNCS)
    + r")((?:\s+(?:"
    + _GO_ARG
    + r"))*)\s*(-?)\}\}"
)
_GO_ARGS = re.compile(_GO_ARG)
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_GO_FIELD = re.compile(r"(?<![\w\])])\.(?=(?:Subscriber|Campaign)\b)")


def _go_call(m: re.Match[str]) -> str:
    args = []
    for tok in _GO_ARGS.findall(m.group(3)):
        if tok == ".":
            continue  # listmonk's message object: implicit here
        if tok.startswith("`"):
            args.append(json.dumps(tok[1:-1], ensure_ascii=False))
        elif tok.startswith("."):
            args.append(tok[1:])
        else:
            args.append(tok)
    return "{{%s %s(%s) %s}}" % (m.group(1), m.group(2), ", ".join(args), m.group(4))  # noqa: UP031


def _shorthand(m: re.Match[str]) -> str:
    return "{{ TrackLink(%s) }}" % json.dumps(m.group(1), ensure_ascii=False)  # noqa: UP031


def listmonk_compat(source: str, *, shorthand: bool = True) -> str:
    """Rewrite listmonk's Go-template forms (and the ``@TrackLink`` shorthand) to jinja."""
    if shorthand and "@TrackLink" in source:
        source = _SHORTHAND.sub(_shorthand, source)
    if "{{" not in source:
        return source
    source = _GO_CALL.sub(_go_call, source)
    if ".Subscriber" in source or ".Campaign" in source:
        source = re.sub(
            r"\{\{.*?\}\}", lambda m: _GO_FIELD.sub("", m.group()), source, flags=re.DOTALL
        )
    return source


def markdown_html(source: str) -> str:
    """Markdown to HTML (CommonMark + GFM tables and strikethrough, raw HTML kept), with every
    jinja tag carried through untouched (even inside link targets and with quotes)."""
    token = "BLTPL" + secrets.token_hex(6).upper()
    while token in source:
        token = "BLTPL" + secrets.token_hex(6).upper()
    tags: list[str] = []

    def protect(m: re.Match[str]) -> str:
        tags.append(m.group())
        return f"{token}N{len(tags) - 1}E"

    protected = _JINJA_TAG.sub(protect, source)
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    out = html.render(protected)
    return re.sub(token + r"N(\d+)E", lambda m: tags[int(m.group(1))], out)

def campaign_data(spec: CampaignSpec) -> listmonk_data.CampaignData:
    return listmonk_data.CampaignData(
        ID=spec.id, UUID=spec.uuid, Type=spec.type, Name=spec.name, Subject=spec.subject,
        FromEmail=spec.from_email, Body=spec.body, AltBody=listmonk_data.NullString(spec.altbody),
        Status=CampaignStatus.RUNNING.value, ContentType=spec.content_type,
        Tags=listmonk_data.StringArray(spec.tags),
        Headers=[{k: v} for k, v in spec.headers], Attribs=listmonk_data.go_attribs(spec.attribs),
        Messenger="email",
    )


def subscriber_data(sub: Subscriber) -> listmonk_data.SubscriberData:
    return listmonk_data.SubscriberData(
        id=sub.id, uuid=sub.uuid, email=sub.email, name=sub.name, attribs=sub.attribs,
        status=sub.status, created_at=sub.created_at,
    )
