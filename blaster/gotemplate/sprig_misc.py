"""Sprig's reflection (``reflect.go``), paths (Go's ``path`` and, on Unix, identical
``path/filepath``), URLs (``url.go`` over Go's ``net/url``), random values and ``hello``."""

from __future__ import annotations

import base64
import secrets
import string
import uuid
from typing import Any, Final
from urllib.parse import unquote_to_bytes

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError, register
from blaster.gotemplate.sprig_text import (
    deep_equal,
    from_bytes,
    go_func,
    go_kind,
    nil_if_missing,
    to_bytes,
)

_A = "any"
_S = "string"


@go_func("hello")
def hello() -> str:
    return "Hello!"


# --- reflection ---------------------------------------------------------------------------------


@go_func("typeOf", (_A,))
def type_of(src: Any) -> str:
    return values.go_type_name(nil_if_missing(src))


@go_func("typeIs", (_S, _A))
def type_is(target: str, src: Any) -> bool:
    return target == type_of(src)


@go_func("typeIsLike", (_S, _A))
def type_is_like(target: str, src: Any) -> bool:
    t = type_of(src)
    return target == t or "*" + target == t


@go_func("kindOf", (_A,))
def kind_of(src: Any) -> str:
    return go_kind(src)


@go_func("kindIs", (_S, _A))
def kind_is(target: str, src: Any) -> bool:
    return target == go_kind(src)


register("deepEqual", (_A, _A))(deep_equal)


# --- paths --------------------------------------------------------------------------------------


def clean(path: str) -> str:
    """``path.Clean``: the shortest equivalent path, lexically."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for elem in path.split("/"):
        if elem in ("", "."):
            continue
        if elem != "..":
            parts.append(elem)
        elif parts and parts[-1] != "..":
            parts.pop()
        elif not rooted:
            parts.append("..")
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def base(path: str) -> str:
    """``path.Base``: the last element, trailing slashes removed."""
    if not path:
        return "."
    path = path.rstrip("/")
    if not path:
        return "/"
    return path[path.rfind("/") + 1 :]


def dir_(path: str) -> str:
    """``path.Dir``: all but the last element, cleaned."""
    return clean(path[: path.rfind("/") + 1])


def ext(path: str) -> str:
    """``path.Ext``: from the last dot of the last element, or ``""``."""
    for i in range(len(path) - 1, -1, -1):
        if path[i] == "/":
            break
        if path[i] == ".":
            return path[i:]
    return ""


def is_abs(path: str) -> bool:
    return path.startswith("/")


for _prefix in ("", "os"):
    register(_prefix + ("Base" if _prefix else "base"), (_S,))(base)
    register(_prefix + ("Dir" if _prefix else "dir"), (_S,))(dir_)
    register(_prefix + ("Clean" if _prefix else "clean"), (_S,))(clean)
    register(_prefix + ("Ext" if _prefix else "ext"), (_S,))(ext)
    register(_prefix + ("IsAbs" if _prefix else "isAbs"), (_S,))(is_abs)


# --- URLs ---------------------------------------------------------------------------------------

_UNRESERVED: Final = frozenset(string.ascii_letters + string.digits + "-_.~")
_HOST_OK: Final = frozenset("!$&'()*+,;=:[]<>\"")
_SUB_DELIMS: Final = frozenset("$&+,/:;=?@")


def _should_escape(c: str, mode: str) -> bool:
    """``net/url`` ``shouldEscape`` for the modes used here."""
    if c.isascii() and c.isalnum():
        return False
    if mode == "host" and c in _HOST_OK:
        return False
    if c in "-_.~":
        return False
    if c in _SUB_DELIMS:
        return {
            "user": c in "@/?:", "path": c == "?", "fragment": False,
        }.get(mode, True)
    return not (mode == "fragment" and c in "!()*")


def go_escape(s: str, mode: str) -> str:
    out: list[str] = []
    for byte in to_bytes(s):
        c = chr(byte)
        out.append(f"%{byte:02X}" if byte >= 0x80 or _should_escape(c, mode) else c)
    return "".join(out)


def _unescape(s: str) -> str:
    """Percent-decoding with ``net/url``'s error for a bad escape."""
    i = s.find("%")
    while i >= 0:
        code = s[i + 1 : i + 3]
        if len(code) < 2 or not all(ch in string.hexdigits for ch in code):
            bad = s[i : i + 3]
            raise ValueError(f"invalid URL escape {values.go_quote(bad)}")
        i = s.find("%", i + 3)
    return from_bytes(unquote_to_bytes(s))


def _scheme(raw: str) -> tuple[str, str]:
    """``getScheme``."""
    for i, c in enumerate(raw):
        if c.isascii() and c.isalpha():
            continue
        if c.isascii() and (c.isdigit() or c in "+-."):
            if i == 0:
                return "", raw
            continue
        if c == ":":
            if i == 0:
                raise ValueError("missing protocol scheme")
            return raw[:i].lower(), raw[i + 1 :]
        return "", raw
    return "", raw


_USERINFO_OK: Final = frozenset(string.ascii_letters + string.digits + "-._:~!$&'()*+,;=%@")


def _split_authority(authority: str) -> tuple[str | None, str]:
    at = authority.rfind("@")
    if at >= 0 and not set(authority[:at]) <= _USERINFO_OK:
        raise ValueError("net/url: invalid userinfo")
    host = authority[at + 1 :]
    colon = host.rfind(":")
    if colon >= 0 and not host.startswith("["):
        port = host[colon + 1 :]
        if port and not port.isdigit():
            raise ValueError(f"invalid port {values.go_quote(host[colon:])} after host")
    return (authority[:at] if at >= 0 else None), host


def parse_url(raw: str) -> dict[str, Any]:
    """The parts of ``url.Parse(raw)`` that Sprig's ``urlParse`` returns."""
    u, _, fragment = raw.partition("#")
    parts = dict.fromkeys(("scheme", "host", "hostname", "path", "query", "opaque"), "")
    parts["fragment"], parts["userinfo"] = _unescape(fragment), ""
    if any(ord(c) < 0x20 or c == "\x7f" for c in u):
        raise ValueError("net/url: invalid control character in URL")
    scheme, rest = _scheme(u)
    parts["scheme"] = scheme
    if rest.endswith("?") and rest.count("?") == 1:
        rest = rest[:-1]
    else:
        rest, _, parts["query"] = rest.partition("?")
    if not rest.startswith("/"):
        if scheme:
            parts["opaque"] = rest
            return parts
        if ":" in rest.partition("/")[0]:
            raise ValueError("first path segment in URL cannot contain colon")
    if (scheme or not rest.startswith("///")) and rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        user, host = _split_authority(authority)
        parts["userinfo"] = "" if user is None else _escaped_userinfo(user)
        parts["host"] = host
        parts["hostname"] = _hostname(host)
        rest = slash + path
    parts["path"] = _unescape(rest)
    return parts


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    return host.rpartition(":")[0] if ":" in host else host


@go_func("urlParse", (_S,))
def url_parse(v: str) -> dict[str, Any]:
    try:
        return parse_url(v)
    except ValueError as e:
        raise GoExecError(f"unable to parse url: parse {values.go_quote(v)}: {e}") from e


def _dict_string(d: dict[str, Any], key: str) -> str:
    if key not in d:
        return ""
    value = d[key]
    if not isinstance(value, str):
        kind = go_kind(value)
        raise GoExecError(
            f"unable to parse {key} key, must be of type string, but {kind} found"
        )
    return value


def _userinfo_string(userinfo: str) -> str:
    """``User.String()`` of the userinfo parsed from ``proto://<userinfo>@host``."""
    try:
        parse_url(f"proto://{userinfo}@host")
    except ValueError as e:
        raise GoExecError(
            f"unable to parse userinfo in dict: parse "
            f"{values.go_quote(f'proto://{userinfo}@host')}: {e}"
        ) from e
    return _escaped_userinfo(userinfo)


def _escaped_userinfo(userinfo: str) -> str:
    """``Userinfo.String()``: user and password unescaped, then escaped again."""
    name, colon, password = userinfo.partition(":")
    out = go_escape(_unescape(name), "user")
    return out + (":" + go_escape(_unescape(password), "user") if colon else "")


@go_func("urlJoin", ("map[string]any",))
def url_join(d: dict[str, Any]) -> str:
    """``url.URL{...}.String()`` of the dict's parts."""
    scheme, host, path, query, opaque, fragment, userinfo = (
        _dict_string(d, k)
        for k in ("scheme", "host", "path", "query", "opaque", "fragment", "userinfo")
    )
    out = scheme + ":" if scheme else ""
    if opaque:
        out += opaque
    else:
        out += _authority(scheme, host, path, userinfo)
        escaped = go_escape(path, "path")
        if escaped and not escaped.startswith("/") and host:
            out += "/"
        if not out and ":" in escaped.partition("/")[0]:
            out += "./"
        out += escaped
    if query:
        out += "?" + query
    if fragment:
        out += "#" + go_escape(fragment, "fragment")
    return out


def _authority(scheme: str, host: str, path: str, userinfo: str) -> str:
    if not (scheme or host or userinfo):
        return ""
    out = "//" if host or path or userinfo else ""
    if userinfo:
        out += _userinfo_string(userinfo) + "@"
    return out + go_escape(host, "host")


# --- random -------------------------------------------------------------------------------------

_ALPHA: Final = string.ascii_uppercase + string.ascii_lowercase
_DIGITS: Final = string.digits
_ASCII: Final = "".join(chr(c) for c in range(32, 127))


def _random_string(count: int, alphabet: str) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(max(count, 0)))


@go_func("randAlphaNum", ("int",))
def rand_alpha_num(count: int) -> str:
    return _random_string(count, _ALPHA + _DIGITS)


@go_func("randAlpha", ("int",))
def rand_alpha(count: int) -> str:
    return _random_string(count, _ALPHA)


@go_func("randNumeric", ("int",))
def rand_numeric(count: int) -> str:
    return _random_string(count, _DIGITS)


@go_func("randAscii", ("int",))
def rand_ascii(count: int) -> str:
    return _random_string(count, _ASCII)


@go_func("randInt", ("int", "int"))
def rand_int(low: int, high: int) -> int:
    if high - low <= 0:
        raise GoExecError("invalid argument to Intn")
    return low + secrets.randbelow(high - low)


@go_func("randBytes", ("int",), error_result=True)
def rand_bytes(count: int) -> str:
    if count < 0:
        raise GoExecError("runtime error: makeslice: len out of range")
    return base64.b64encode(secrets.token_bytes(count)).decode("ascii")


@go_func("uuidv4")
def uuidv4() -> str:
    return str(uuid.uuid4())
