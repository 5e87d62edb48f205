"""Sprig's ``semver`` and ``semverCompare``: Masterminds/semver v3 (3.2.0, what Sprig 3.2.3
uses) on Python values.

``semver`` is semver's ``NewVersion``: loose parsing (``v1.2`` is 1.2.0, ``1`` is 1.0.0)
into a :class:`Version`, a ``*semver.Version`` whose exported methods a template may call;
``IncMajor``, ``SetPrerelease``... return a :class:`VersionValue`, a ``semver.Version``
(not a pointer), on which Go's templates reach only the methods with a value receiver.
``semverCompare`` is ``NewConstraint`` and ``Check``: semver's constraint language
(``=``, ``!=``, ``>``, ``<``, ``>=``/``=>``, ``<=``/``=<``, ``~``/``~>``, ``^``, wildcards,
hyphen ranges, ``,`` or spaces for AND, ``||`` for OR) with its prerelease rules; the
errors are semver's messages.

The regular expressions are semver's, with Go's ``\\s`` (``[\\t\\n\\f\\r ]``) and possessive
runs (never giving characters back, which here cannot change a match); the one validating a
list of constraints is rewritten so that Python's backtracking cannot take exponential time
(it accepts the same strings), and searches skip the starts that cannot match where the
previous position did not (:func:`_find_all`), keeping them linear where Go's are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, ClassVar, Final, NamedTuple

from blaster.gotemplate import sprig_json, values
from blaster.gotemplate.funcs import GoExecError, GoFunc
from blaster.gotemplate.sprig_text import from_bytes, go_func

ERR_INVALID: Final = "Invalid Semantic Version"
ERR_STARTS_ZERO: Final = "Version segment starts with 0"
ERR_METADATA: Final = "Invalid Metadata string"
ERR_PRERELEASE: Final = "Invalid Prerelease string"
ERR_PARSER: Final = "constraint Parser Error"
#: Go's panic on a nil ``*Version`` argument, as text/template reports it
ERR_NIL: Final = "runtime error: invalid memory address or nil pointer dereference"

_UINT64: Final = 1 << 64
_NUM: Final = frozenset("0123456789")
_ALLOWED: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789")

_S: Final = r"[\t\n\f\r ]"  #: Go's \s
_IDS: Final = r"[0-9A-Za-z\-]++(\.[0-9A-Za-z\-]++)*+"
_SEMVER: Final = rf"v?([0-9]++)(\.[0-9]++)?(\.[0-9]++)?(-({_IDS}))?(\+({_IDS}))?"
_XCHARS: Final = r"[0-9|x|X|\*]"  # sic: the class holds "|" too, as semver's does
_CV: Final = (
    rf"v?({_XCHARS}++)(\.{_XCHARS}++)?(\.{_XCHARS}++)?(-({_IDS}))?(\+({_IDS}))?"
)
_OPS: Final = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"

_VERSION_RE: Final = re.compile(_SEMVER)  # fullmatch: Go's ^…$
_CONSTRAINT_RE: Final = re.compile(rf"{_S}*({_OPS}){_S}*({_CV}){_S}*")  # fullmatch
_RANGE: Final = rf"{_S}*+({_CV}){_S}+-{_S}+({_CV}){_S}*"
_FIND: Final = rf"({_OPS}){_S}*+({_CV})"
#: not inside a run of spaces or of version digits: a match starting there would be the
#: same as one starting a character earlier
_NEW_RUN: Final = rf"(?!(?<={_S}){_S})(?!(?<={_XCHARS}){_XCHARS})"
_RANGE_RE: Final = (re.compile(_RANGE), re.compile(_NEW_RUN + _RANGE))
_FIND_RE: Final = (re.compile(_FIND), re.compile(_NEW_RUN + _FIND))
#: semver's ``^(\s*(OPS)\s*(CV)\s*)((?:\s+|,\s*)(OPS)\s*(CV)\s*)*$`` as an equivalent
#: pattern whose parts cannot be re-split: an operator is its longest spelling, a version
#: runs to the next space or comma, the separators are atomic
_ITEM: Final = rf"(?>(?:!=|>=|=>|<=|=<|~>|[=><~^])?{_S}*+{_CV}(?![^\t\n\f\r ,]))"
_VALID_RE: Final = re.compile(rf"{_S}*+{_ITEM}(?:(?>{_S}*,{_S}*|{_S}+){_ITEM})*{_S}*")


def _find_all(
    patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str
) -> list[re.Match[str]]:
    """Go's ``FindAllString``: the leftmost-first, non-overlapping matches. ``patterns``:
    the pattern, and the pattern refusing to start inside a run (:data:`_NEW_RUN`), for
    every position but where the previous match ended."""
    here, anywhere = patterns
    found: list[re.Match[str]] = []
    pos = 0
    while True:
        m = here.match(text, pos) or anywhere.search(text, pos + 1)
        if m is None:
            return found
        found.append(m)
        pos = m.end()  # never empty


# --- versions -----------------------------------------------------------------------------------


class VersionValue(values.GoStruct):
    """``semver.Version``: what ``IncPatch``, ``SetMetadata``... return. Its fields are
    unexported, so templates reach only its methods."""

    go_type: ClassVar[str] = "semver.Version"
    go_comparable: ClassVar[bool] = True
    go_methods: ClassVar[dict[str, GoFunc]] = {}  # filled below
    __slots__ = ("major", "metadata", "minor", "original", "patch", "pre")

    def __init__(
        self, major: int, minor: int, patch: int, pre: str = "", metadata: str = "",
        original: str = "",
    ) -> None:
        self.major, self.minor, self.patch = major, minor, patch
        self.pre, self.metadata, self.original = pre, metadata, original

    def string(self) -> str:
        """``String``: ``MAJOR.MINOR.PATCH[-PRE][+META]`` (no ``v``)."""
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            s += "-" + self.pre
        if self.metadata:
            s += "+" + self.metadata
        return s

    def go_json(self) -> str:
        """``MarshalJSON``: the JSON string of :meth:`string`."""
        return self.string()

    def derive(self, **changes: Any) -> VersionValue:
        """A copy (a ``semver.Version``) with ``changes``; its ``original`` is the new
        version's string, keeping a leading ``v``."""
        fields = {name: getattr(self, name) for name in _FIELDS}
        fields.update(changes)
        new = VersionValue(**fields)
        new.original = ("v" if self.original.startswith("v") else "") + new.string()
        return new

    def assign(self, other: VersionValue) -> None:
        """``*v = *other``."""
        for name in _FIELDS:
            setattr(self, name, getattr(other, name))


_FIELDS: Final = VersionValue.__slots__


class Version(VersionValue):
    """``*semver.Version``, what ``semver`` returns."""

    go_type: ClassVar[str] = "*semver.Version"
    go_methods: ClassVar[dict[str, GoFunc]] = {}  # filled below
    __slots__ = ()


def _uint64(digits: str) -> int | None:
    """``strconv.ParseUint(digits, 10, 64)`` of ASCII digits; None when out of range."""
    significant = digits.lstrip("0")
    if len(significant) > 20:  # (and no int() of thousands of digits)
        return None
    n = int(significant or "0")
    return n if n < _UINT64 else None


def _segment(digits: str) -> int:
    """A number of a version, or semver's error."""
    n = _uint64(digits)
    if n is None:
        raise GoExecError(
            f'Error parsing version segment: strconv.ParseUint: parsing "{digits}": '
            "value out of range"
        )
    return n


def _contains_only(s: str, allowed: frozenset[str]) -> bool:
    return all(c in allowed for c in s)


def _validate_prerelease(pre: str) -> None:
    for part in pre.split("."):
        if _contains_only(part, _NUM):
            if len(part) > 1 and part[0] == "0":
                raise GoExecError(ERR_STARTS_ZERO)
        elif not _contains_only(part, _ALLOWED):
            raise GoExecError(ERR_PRERELEASE)


def _validate_metadata(metadata: str) -> None:
    if not all(_contains_only(part, _ALLOWED) for part in metadata.split(".")):
        raise GoExecError(ERR_METADATA)


def new_version(text: str) -> Version:
    """semver's ``NewVersion``."""
    m = _VERSION_RE.fullmatch(text)
    if m is None:
        raise GoExecError(ERR_INVALID)
    major = _segment(m[1])
    minor = _segment(m[2][1:]) if m[2] else 0
    patch = _segment(m[3][1:]) if m[3] else 0
    pre, metadata = m[5] or "", m[8] or ""
    if pre:
        _validate_prerelease(pre)
    if metadata:
        _validate_metadata(metadata)
    return Version(major, minor, patch, pre, metadata, text)


def _pre_number(part: str) -> int | None:
    """A numeric prerelease identifier's value (None: compared as text)."""
    return _uint64(part) if part and _contains_only(part, _NUM) else None


def _compare_pre_part(s: str, o: str) -> int:
    if s == o:
        return 0
    if s == "":
        return -1
    if o == "":
        return 1
    s_num, o_num = _pre_number(s), _pre_number(o)
    if s_num is not None and o_num is not None:
        return 1 if s_num > o_num else -1
    if s_num is not None or o_num is not None:
        return -1 if s_num is not None else 1  # numbers sort before identifiers
    return 1 if s > o else -1


def _compare_prerelease(v: str, o: str) -> int:
    vs, os_ = v.split("."), o.split(".")
    for i in range(max(len(vs), len(os_))):
        d = _compare_pre_part(vs[i] if i < len(vs) else "", os_[i] if i < len(os_) else "")
        if d:
            return d
    return 0


def compare(v: VersionValue, o: VersionValue) -> int:
    """``Compare``: -1, 0 or 1; metadata ignored, a prerelease before its release."""
    for a, b in ((v.major, o.major), (v.minor, o.minor), (v.patch, o.patch)):
        if a != b:
            return -1 if a < b else 1
    if v.pre == o.pre == "":
        return 0
    if v.pre == "":
        return 1
    if o.pre == "":
        return -1
    return _compare_prerelease(v.pre, o.pre)


# --- the methods templates can call -------------------------------------------------------------


def _other(o: Version | None) -> Version:
    if o is None:
        raise GoExecError(ERR_NIL)
    return o


def _inc_patch(v: VersionValue) -> VersionValue:
    if v.pre:
        return v.derive(pre="", metadata="")
    return v.derive(pre="", metadata="", patch=(v.patch + 1) % _UINT64)


def _inc_minor(v: VersionValue) -> VersionValue:
    return v.derive(pre="", metadata="", patch=0, minor=(v.minor + 1) % _UINT64)


def _inc_major(v: VersionValue) -> VersionValue:
    return v.derive(pre="", metadata="", patch=0, minor=0, major=(v.major + 1) % _UINT64)


def _set_prerelease(v: VersionValue, pre: str) -> VersionValue:
    if pre:
        _validate_prerelease(pre)
    return v.derive(pre=pre)


def _set_metadata(v: VersionValue, metadata: str) -> VersionValue:
    if metadata:
        _validate_metadata(metadata)
    return v.derive(metadata=metadata)


def _marshal_json(v: VersionValue) -> bytes:
    return sprig_json.encode_string(v.string()).encode()


def _unmarshal_text(v: Version, text: bytes | None) -> str | None:
    """``UnmarshalText``: its ``error`` result, nil (None) or the message."""
    try:
        v.assign(new_version(from_bytes(text or b"")))
    except GoExecError as exc:
        return str(exc)
    return None


def _unmarshal_json(v: Version, data: bytes | None) -> str | None:
    """``UnmarshalJSON``: ``json.Unmarshal`` into a string (null leaves it empty), then
    ``NewVersion``."""
    try:
        s = sprig_json.decode(from_bytes(data or b""))
        if not isinstance(s, str | None):
            kind = {bool: "bool", float: "number", list: "array", dict: "object"}[type(s)]
            return f"json: cannot unmarshal {kind} into Go value of type string"
        v.assign(new_version(s or ""))
    except GoExecError as exc:
        return str(exc)
    return None


def _scan(v: Version, value: Any) -> str | None:
    """``Scan``: a value that is not a string scans as ``""``."""
    try:
        v.assign(new_version(value if type(value) is str else ""))
    except GoExecError as exc:
        return str(exc)
    return None


def _methods(*specs: tuple[str, Any, tuple[str, ...], bool]) -> dict[str, GoFunc]:
    return {name: GoFunc(name, impl, params, None, err) for name, impl, params, err in specs}


_PTR: Final = ("*semver.Version",)
_BYTES: Final = ("[]uint8",)

VersionValue.go_methods = _methods(
    ("String", VersionValue.string, (), False),
    ("Major", lambda v: v.major, (), False),
    ("Minor", lambda v: v.minor, (), False),
    ("Patch", lambda v: v.patch, (), False),
    ("Prerelease", lambda v: v.pre, (), False),
    ("Metadata", lambda v: v.metadata, (), False),
    ("IncPatch", _inc_patch, (), False),
    ("IncMinor", _inc_minor, (), False),
    ("IncMajor", _inc_major, (), False),
    ("SetPrerelease", _set_prerelease, ("string",), True),
    ("SetMetadata", _set_metadata, ("string",), True),
    ("MarshalJSON", _marshal_json, (), True),
    ("MarshalText", lambda v: v.string().encode(), (), True),
    ("Value", VersionValue.string, (), True),
)
Version.go_methods = {
    **VersionValue.go_methods,
    **_methods(
        ("Original", lambda v: v.original, (), False),
        ("LessThan", lambda v, o: compare(v, _other(o)) < 0, _PTR, False),
        ("GreaterThan", lambda v, o: compare(v, _other(o)) > 0, _PTR, False),
        ("Equal", lambda v, o: compare(v, _other(o)) == 0, _PTR, False),
        ("Compare", lambda v, o: compare(v, _other(o)), _PTR, False),
        ("UnmarshalJSON", _unmarshal_json, _BYTES, False),
        ("UnmarshalText", _unmarshal_text, _BYTES, False),
        ("Scan", _scan, ("any",), False),
    ),
}


# --- constraints --------------------------------------------------------------------------------


class _Constraint(NamedTuple):
    op: str
    con: Version
    minor_dirty: bool
    patch_dirty: bool
    dirty: bool


def _is_x(s: str) -> bool:
    return s in ("x", "X", "*")


def _parse_constraint(text: str) -> _Constraint:
    """semver's ``parseConstraint`` of one ``OP VERSION``; wildcards and missing parts make
    it "dirty" (a range) and become zeros."""
    m = _CONSTRAINT_RE.fullmatch(text)
    if m is None:
        raise GoExecError(f"improper constraint: {text}")
    major, minor, patch, pre = m[3], m[4] or "", m[5] or "", m[6] or ""
    minor_dirty = patch_dirty = False
    dirty = True
    if _is_x(major):
        ver = "0.0.0" + pre
    elif minor == "" or _is_x(minor[1:]):
        minor_dirty, ver = True, f"{major}.0.0{pre}"
    elif patch == "" or _is_x(patch[1:]):
        patch_dirty, ver = True, f"{major}{minor}.0{pre}"
    else:
        ver, dirty = m[2], False
    try:
        con = new_version(ver)
    except GoExecError:
        raise GoExecError(ERR_PARSER) from None
    return _Constraint(m[1], con, minor_dirty, patch_dirty, dirty)


def _rewrite_range(text: str) -> str:
    """``A - B`` becomes ``>= A, <= B``."""
    out = text
    for m in _find_all(_RANGE_RE, text):
        out = out.replace(m[0], f">= {m[1]}, <= {m[11]}", 1)
    return out


@lru_cache(maxsize=256)
def new_constraint(text: str) -> tuple[tuple[_Constraint, ...], ...]:
    """semver's ``NewConstraint``: alternatives (``||``) of constraints that must all hold."""
    alternatives = []
    for segment in _rewrite_range(text).split("||"):
        if not _VALID_RE.fullmatch(segment):
            raise GoExecError(f"improper constraint: {segment}")
        found = [m[0] for m in _find_all(_FIND_RE, segment)]  # not empty once valid
        alternatives.append(tuple(map(_parse_constraint, found)))
    return tuple(alternatives)


def _release_only(v: VersionValue, c: _Constraint) -> bool:
    """semver's rule: a prerelease satisfies only constraints naming a prerelease."""
    return v.pre != "" and c.con.pre == ""


def _tilde(v: VersionValue, c: _Constraint) -> bool:
    """``~1.2.3`` is ``>=1.2.3 <1.3.0``; ``~1`` is ``>=1.0.0 <2.0.0``."""
    con = c.con
    if _release_only(v, c) or compare(v, con) < 0:
        return False
    if con.major == con.minor == con.patch == 0 and not c.minor_dirty and not c.patch_dirty:
        return True
    return v.major == con.major and (v.minor == con.minor or c.minor_dirty)


def _tilde_or_equal(v: VersionValue, c: _Constraint) -> bool:
    if _release_only(v, c):
        return False
    return _tilde(v, c) if c.dirty else compare(v, c.con) == 0


def _not_equal_dirty(v: VersionValue, c: _Constraint) -> bool | None:
    """``!=`` with a wildcard; None when semver falls back to plain inequality."""
    con = c.con
    if _release_only(v, c):
        return False
    if con.major != v.major:
        return True
    if c.minor_dirty:
        return False
    if con.minor != v.minor:
        return True
    if c.patch_dirty:
        if v.pre or con.pre:
            return _compare_prerelease(v.pre, con.pre) != 0
        return False
    if con.patch != v.patch:
        return True
    return None


def _not_equal(v: VersionValue, c: _Constraint) -> bool:
    if c.dirty:
        dirty = _not_equal_dirty(v, c)
        if dirty is not None:
            return dirty
    return compare(v, c.con) != 0


def _greater_than(v: VersionValue, c: _Constraint) -> bool:
    con = c.con
    if _release_only(v, c):
        return False
    if not c.dirty or (v.major == con.major and not c.minor_dirty and not c.patch_dirty):
        return compare(v, con) > 0
    if v.major != con.major:
        return v.major > con.major
    return c.patch_dirty and v.minor > con.minor


def _less_than(v: VersionValue, c: _Constraint) -> bool:
    return not _release_only(v, c) and compare(v, c.con) < 0


def _greater_equal(v: VersionValue, c: _Constraint) -> bool:
    return not _release_only(v, c) and compare(v, c.con) >= 0


def _less_equal(v: VersionValue, c: _Constraint) -> bool:
    con = c.con
    if _release_only(v, c):
        return False
    if not c.dirty:
        return compare(v, con) <= 0
    if v.major > con.major:
        return False
    return not (v.major == con.major and v.minor > con.minor and not c.minor_dirty)


def _caret(v: VersionValue, c: _Constraint) -> bool:
    """``^1.2.3`` is ``>=1.2.3 <2.0.0``; ``^0.2.3`` is ``>=0.2.3 <0.3.0``; ``^0.0.3`` is
    ``=0.0.3``."""
    con = c.con
    if _release_only(v, c) or compare(v, con) < 0:
        return False
    if con.major > 0 or c.minor_dirty:
        return v.major == con.major
    if v.major > 0:
        return False
    if con.minor > 0 or c.patch_dirty:
        return v.minor == con.minor
    return v.minor == 0 and v.patch == con.patch


_CHECKS: Final = {
    "": _tilde_or_equal, "=": _tilde_or_equal, "!=": _not_equal, ">": _greater_than,
    "<": _less_than, ">=": _greater_equal, "=>": _greater_equal, "<=": _less_equal,
    "=<": _less_equal, "~": _tilde, "~>": _tilde, "^": _caret,
}


def check(constraints: tuple[tuple[_Constraint, ...], ...], v: VersionValue) -> bool:
    """``Constraints.Check``: whether some alternative's constraints all hold for ``v``."""
    return any(all(_CHECKS[c.op](v, c) for c in ands) for ands in constraints)


# --- Sprig's functions --------------------------------------------------------------------------


@go_func("semver", ("string",), error_result=True)
def semver(version: str) -> Version:
    """Sprig's ``semver``: ``NewVersion(version)``."""
    return new_version(version)


@go_func("semverCompare", ("string", "string"), error_result=True)
def semver_compare(constraint: str, version: str) -> bool:
    """Sprig's ``semverCompare``: whether ``version`` satisfies ``constraint`` (the
    constraint is parsed first, so its error wins)."""
    constraints = new_constraint(constraint)
    return check(constraints, new_version(version))
