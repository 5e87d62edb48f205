"""listmonk's data and functions as its campaign templates see them.

Templates see ``*CampaignMessage`` (:class:`MessageData`): ``.Campaign`` (listmonk's
``models.Campaign``) and ``.Subscriber`` (``models.Subscriber``, whose ``FirstName``/``LastName``
methods pick the first/last space-separated part longer than 2 bytes, else the whole name);
``L`` is listmonk's ``*i18n.I18n`` (:class:`TranslationsData`). Its functions and compiling a
part are :mod:`.listmonk`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoFunc


def go_attribs(value: dict[str, Any]) -> JSONMap:
    """``Attribs`` as listmonk's templates see it."""
    return JSONMap(go_json(value))


def go_json(value: Any) -> Any:
    """A decoded JSON value as Go's ``json.Unmarshal`` into ``interface{}`` holds it: every
    number a float64 (``1000000`` prints as ``1e+06``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str | float):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {k: go_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [go_json(v) for v in value]
    return value


def first_name(name: str) -> str:
    for part in name.split(" "):
        if len(part.encode()) > 2:
            return part
    return name


def last_name(name: str) -> str:
    for part in reversed(name.split(" ")):
        if len(part.encode()) > 2:
            return part
    return name


class JSONMap(dict[str, Any]):
    """listmonk's ``models.JSON`` (``map[string]interface{}`` under its own name: Sprig's
    ``dig`` refuses it, ``%T`` names it)."""

    go_type = "models.JSON"


def _json_value(attribs: JSONMap) -> list[int]:
    """``models.JSON.Value()``: its JSON bytes (``driver.Value``), which Go prints as a list
    of numbers."""
    from blaster.gotemplate.sprig_json import Encoder

    return list(Encoder().encode(dict(attribs)).encode())


values.TYPE_METHODS[JSONMap] = {"Value": GoFunc("Value", _json_value)}


class StringArray(tuple[str, ...]):
    """``pq.StringArray`` (the campaign's tags)."""

    go_type = "pq.StringArray"


class NullTime(values.GoStruct):
    """``null.Time``: a time that may be absent."""

    go_type: ClassVar[str] = "null.Time"
    go_fields: ClassVar[tuple[str, ...]] = ("Time", "Valid")
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = ("Time", "Valid")

    def __init__(self, when: dt.datetime | None) -> None:
        self.Valid = when is not None
        self.Time = when if when is not None else dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class NullString(values.GoStruct):
    """``null.String``."""

    go_type: ClassVar[str] = "null.String"
    go_fields: ClassVar[tuple[str, ...]] = ("String", "Valid")
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = ("String", "Valid")

    def __init__(self, value: str | None) -> None:
        self.String, self.Valid = value or "", value is not None


class SubscriberData(values.GoStruct):
    """``models.Subscriber`` (with its embedded ``Base``)."""

    go_type: ClassVar[str] = "models.Subscriber"
    go_fields: ClassVar[tuple[str, ...]] = (
        "ID", "CreatedAt", "UpdatedAt", "UUID", "Email", "Name", "Attribs", "Status",
    )
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "FirstName": GoFunc("FirstName", lambda self: first_name(self.Name)),
        "LastName": GoFunc("LastName", lambda self: last_name(self.Name)),
    }
    __slots__ = (
        "CreatedAt", "Email", "ID", "Name", "Status", "UUID", "UpdatedAt", "_attribs", "_json",
    )

    def __init__(
        self, *, id: int, uuid: str, email: str, name: str, attribs: dict[str, Any],
        status: str, created_at: dt.datetime | None,
    ) -> None:
        self.ID, self.UUID, self.Email, self.Name = id, uuid, email, name
        self._json, self.Status = attribs, status
        self._attribs: JSONMap | None = None
        self.CreatedAt = self.UpdatedAt = NullTime(created_at)

    @property
    def Attribs(self) -> JSONMap:
        """The attributes as Go holds them (converted on first use: most templates read
        one or two, many none)."""
        attribs: JSONMap | None = self._attribs
        if attribs is None:
            attribs = self._attribs = go_attribs(self._json)
        return attribs


class CampaignData(values.GoStruct):
    """``models.Campaign``: the fields a campaign template can use."""

    go_type: ClassVar[str] = "*models.Campaign"
    go_fields: ClassVar[tuple[str, ...]] = (
        "ID", "UUID", "Type", "Name", "Subject", "FromEmail", "Body", "AltBody", "Status",
        "ContentType", "Tags", "Headers", "Attribs", "Messenger",
    )
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = go_fields
    Subject: str  #: (every field of go_fields is set by __init__)

    def __init__(self, **fields: Any) -> None:
        for name in self.go_fields:
            setattr(self, name, fields[name])


class MessageData(values.GoStruct):
    """``*manager.CampaignMessage``: what ``.`` is in a campaign template. Its ``Subject``
    method is the campaign's subject, rendered once the subject has been."""

    go_type: ClassVar[str] = "*manager.CampaignMessage"
    go_fields: ClassVar[tuple[str, ...]] = ("Campaign", "Subscriber")
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "Subject": GoFunc("Subject", lambda self: self.subject),
    }
    __slots__ = ("Campaign", "Subscriber", "subject")

    def __init__(self, campaign: CampaignData, subscriber: SubscriberData) -> None:
        self.Campaign, self.Subscriber = campaign, subscriber
        self.subject: str = campaign.Subject


_PARAM = re.compile(r"\{([a-z0-9-.]+)\}", re.IGNORECASE)
_MAX_NESTING = 16  #: listmonk resolves ``{params}`` in parameter values without a bound


class TranslationsData(values.GoStruct):
    """``*i18n.I18n`` (what ``L`` returns), with listmonk's rules: ``T`` (the singular form,
    or the key), ``Ts`` (``{name}`` placeholders, ``{key}``s inside values translated),
    ``Tc`` (the plural form when n > 1; a value of three or more ``|`` parts gives its first),
    ``Code`` and ``Name`` (the language file's ``_.code`` and ``_.name``)."""

    go_type: ClassVar[str] = "*i18n.I18n"
    go_fields: ClassVar[tuple[str, ...]] = ("Code", "Name")
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "T": GoFunc("T", lambda self, key: self.t(key), ("string",)),
        "Ts": GoFunc("Ts", lambda self, key, *p: self.ts(key, p), ("string",), variadic="string"),
        "Tc": GoFunc("Tc", lambda self, key, n: self.tc(key, n), ("string", "int")),
    }
    __slots__ = ("Code", "Name", "strings")

    def __init__(self, strings: Mapping[str, str]) -> None:
        self.strings = strings
        self.Code, self.Name = strings.get("_.code", ""), strings.get("_.name", "")

    def t(self, key: str) -> str:
        value = self.strings.get(key)
        return key if value is None else _singular(value)

    def ts(self, key: str, params: tuple[str, ...]) -> str:
        if len(params) % 2:
            return key + ": Invalid arguments"
        value = self.strings.get(key)
        if value is None:
            return key
        text = _singular(value)
        for name, param in zip(params[::2], params[1::2], strict=True):
            text = text.replace("{" + name + "}", self._resolve(param, _MAX_NESTING))
        return text

    def tc(self, key: str, n: int) -> str:
        value = self.strings.get(key)
        if value is None:
            return key
        return _plural(value) if n > 1 else _singular(value)

    def _resolve(self, text: str, depth: int) -> str:
        """listmonk's ``subAllParams``: every ``{key}`` replaced by its translation."""
        if "{" not in text or depth == 0:
            return text
        found = _PARAM.findall(text)
        if not found:
            return text
        for key in found:
            text = text.replace("{" + key + "}", self.t(key))
        return self._resolve(text, depth - 1)


def _singular(value: str) -> str:
    return value.split("|")[0].strip() if "|" in value else value


def _plural(value: str) -> str:
    if "|" not in value:
        return value
    chunks = value.split("|")
    return (chunks[1] if len(chunks) == 2 else chunks[0]).strip()
