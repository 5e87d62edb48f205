"""The Go-template oracle and the blaster side of a comparison with it, shared by the corpus
test (``test_gotemplate_oracle.py``) and the generated one (``test_gotemplate_hypothesis.py``).

The oracle is a small Go program (``tests/gotpl_oracle/main.go``) that renders campaigns as
listmonk does; :func:`build_oracle` builds it once per session (GOPATH mode, offline) and
:func:`run_oracle` or :class:`OracleProcess` send it requests. :func:`blaster_outcomes`
renders the same request with :class:`blaster.render.CampaignRenderer`, :func:`go_outcomes`
reads the oracle's reply, and :func:`compare` names every subscriber whose outputs differ.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
import shutil
import subprocess
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from blaster.errors import RenderError, StoreError
from blaster.models import CampaignSpec, Subscriber
from blaster.render import CampaignRenderer

#: the oracle's sources: package main and the packages it imports as gotpl_oracle/...
ORACLE_DIR = Path(__file__).resolve().parent / "gotpl_oracle"
ORACLE_PACKAGE = "gotpl_oracle"
#: Debian's location of packaged Go sources (golang-*-dev packages)
DEBIAN_GOCODE = "/usr/share/gocode"
SPRIG_DIR = Path("src", "github.com", "Masterminds", "sprig")
GOLDMARK_DIR = Path("src", "github.com", "yuin", "goldmark")

# --- building and running the oracle --------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (.ci/run installs Go, Sprig and goldmark from Debian's packages)")
    pytest.skip(reason)


def _go_env(go: str, name: str) -> str:
    out = subprocess.run([go, "env", name], capture_output=True, text=True, check=False)
    return out.stdout.strip() if out.returncode == 0 else ""


def gopath_with_sprig(go: str) -> str | None:
    """A GOPATH (list) under which Sprig's and goldmark's sources are found: Debian's gocode
    directory and the go tool's own GOPATH; None when they do not hold both."""
    candidates = [DEBIAN_GOCODE, *_go_env(go, "GOPATH").split(os.pathsep)]
    dirs = [d for d in dict.fromkeys(candidates) if d and Path(d).is_dir()]
    for needed in (SPRIG_DIR, GOLDMARK_DIR):
        if not any((Path(d) / needed).is_dir() for d in dirs):
            return None
    return os.pathsep.join(dirs)


_BUILT: dict[str, Path] = {}


def build_oracle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The oracle binary, built once per session (GOPATH mode: no network, no module proxy)."""
    if "oracle" in _BUILT:
        return _BUILT["oracle"]
    go = shutil.which("go")
    if go is None:
        _unavailable("go is not installed")
        raise AssertionError("unreachable")
    gopath = gopath_with_sprig(go)
    if gopath is None:
        _unavailable(f"Sprig's Go sources are not installed (looked in {DEBIAN_GOCODE})")
        raise AssertionError("unreachable")
    out_dir = tmp_path_factory.mktemp("gotpl_oracle")
    # GOPATH mode: the oracle's packages under <tmp>/src/gotpl_oracle, Sprig from Debian's
    own = out_dir / "gopath"
    shutil.copytree(ORACLE_DIR, own / "src" / ORACLE_PACKAGE)
    env = {
        **os.environ,
        "GO111MODULE": "off",
        "GOPATH": os.pathsep.join([str(own), gopath]),
        "GOFLAGS": "",
        "GOPROXY": "off",
        "CGO_ENABLED": "0",
    }
    if not _go_env(go, "GOCACHE") or _go_env(go, "GOCACHE") == "off":
        env["GOCACHE"] = str(out_dir / "cache")
    binary = out_dir / "gotpl_oracle"
    build = subprocess.run(
        [go, "build", "-o", str(binary), ORACLE_PACKAGE],
        cwd=out_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"building the Go oracle failed:\n{build.stdout}{build.stderr}")
    _BUILT["oracle"] = binary
    return binary


def run_oracle(binary: Path, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Render every request with Go in one run of the oracle; replies in request order."""
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    proc = subprocess.run(
        [str(binary)],
        input=stdin.encode(),
        capture_output=True,
        timeout=300,
        check=False,
        env={**os.environ, "TZ": "UTC"},
    )
    if proc.returncode != 0:
        pytest.fail(f"the Go oracle failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    replies = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    assert len(replies) == len(requests), "the oracle did not answer every request"
    for req, rep in zip(requests, replies, strict=True):
        assert rep["id"] == req["id"], (rep["id"], req["id"])
        assert not rep.get("error"), f"oracle refused request {req['id']}: {rep['error']}"
    return replies


class OracleProcess:
    """One oracle process answering requests one at a time (for generated cases, so that
    hypothesis can shrink a failing one without starting Go per example)."""

    def __init__(self, binary: Path) -> None:
        self.proc = subprocess.Popen(
            [str(binary)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "TZ": "UTC"},
        )

    def render(self, req: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(req, ensure_ascii=False).encode() + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            pytest.fail(f"the Go oracle exited ({self.proc.wait()})")
        reply: dict[str, Any] = json.loads(line)
        assert not reply.get("error"), f"oracle refused the request: {reply['error']}"
        return reply

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


# --- the blaster side -----------------------------------------------------------------------------


class MapResolver:
    """The links table of a request: known URLs resolve, others fail (as a failed
    registration in listmonk: the link then goes untracked)."""

    def __init__(self, links: Mapping[str, str]) -> None:
        self.links = dict(links)

    def __call__(self, url: str) -> str:
        try:
            return self.links[url]
        except KeyError:
            raise StoreError(f"link {url!r} is not registered") from None

    def many(self, urls: Collection[str]) -> Mapping[str, str]:
        return {u: self.links[u] for u in urls if u in self.links}


@dataclass(frozen=True)
class Failed:
    """A render that failed (on either side), with the reason."""

    reason: str

    def __eq__(self, other: object) -> bool:  # any failure equals any failure
        return isinstance(other, Failed)

    def __hash__(self) -> int:
        return 0


Output = tuple[str, str, str | None, tuple[tuple[str, str], ...]]  # subject, body, alt, headers
Outcome = Output | Failed

_SPEC_FIELDS = {f.name for f in dataclasses.fields(CampaignSpec)}


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def request_headers(req: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for h in req.get("headers") or () for k, v in sorted(h.items()))


def campaign_spec(req: dict[str, Any]) -> CampaignSpec:
    """The request's campaign as blaster's worker receives it."""
    camp = req["campaign"]
    kwargs: dict[str, Any] = {
        "id": camp["id"],
        "uuid": camp["uuid"],
        "name": camp["name"],
        "subject": req["subject"],
        "from_email": camp["from_email"],
        "body": req["body"],
        "altbody": req.get("altbody"),
        "content_type": req["content_type"],
        "template_body": req.get("template"),
        "headers": request_headers(req),
        "tags": tuple(camp["tags"]),
        "attribs": json.loads(json.dumps(camp["attribs"])),
        "type": camp["type"],
        "double_list_ids": (),
        "single_list_ids": (1,),
        "max_subscriber_id": max((s["id"] for s in req["subscribers"]), default=0),
    }
    if "syntax" in _SPEC_FIELDS:
        kwargs["syntax"] = "go"
    return CampaignSpec(**kwargs)


def subscriber(sub: dict[str, Any]) -> Subscriber:
    """A subscriber as the worker reads it: attribs decoded from JSON text (as psycopg
    decodes JSONB), so integers are ints and every render gets a fresh copy."""
    return Subscriber(
        id=sub["id"],
        uuid=sub["uuid"],
        email=sub["email"],
        name=sub["name"],
        attribs=json.loads(json.dumps(sub.get("attribs") or {})),
        status=sub.get("status", "enabled"),
        created_at=_time(sub["created_at"]),
    )


def _blaster_headers(
    renderer: CampaignRenderer, spec: CampaignSpec, values: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """Every campaign header in campaign order: the static ones and the rendered ones."""
    static = list(renderer.static_headers)
    rendered = list(zip(renderer.templated_headers, values, strict=True))
    out = []
    for name, value in spec.headers:
        if static and static[0] == (name, value):
            out.append(static.pop(0))
        elif rendered and rendered[0][0] == name:
            out.append(rendered.pop(0))
        else:
            raise AssertionError(f"header {name} is neither static nor rendered")
    return tuple(out)


def blaster_outcomes(req: dict[str, Any]) -> list[Outcome]:
    """blaster's output for every subscriber of the request."""
    spec = campaign_spec(req)
    now = _time(req["now"])
    try:
        renderer = CampaignRenderer(
            spec,
            root_url=req["root_url"],
            individual_tracking=req["individual_tracking"],
            tracking=req["tracking"],
            link_resolver=MapResolver(req["links"]),
            translations=dict(req["lang"]),
            clock=lambda: now,
        )
    except RenderError as exc:
        return [Failed(f"compile: {exc}") for _ in req["subscribers"]]
    out: list[Outcome] = []
    for sub in req["subscribers"]:
        try:
            r = renderer.render(subscriber(sub))
        except RenderError as exc:
            out.append(Failed(str(exc)))
            continue
        body = r.text if spec.content_type == "plain" else r.html
        alt = None if spec.content_type == "plain" else r.text
        out.append(
            (r.subject, body or "", alt or None, _blaster_headers(renderer, spec, r.headers))
        )
    return out


def go_outcomes(req: dict[str, Any], reply: dict[str, Any]) -> list[Outcome]:
    """The oracle's output for every subscriber (an empty alternative text is none: listmonk
    sends no text part then)."""
    if reply["compile_error"]:
        return [Failed(f"compile: {reply['compile_error']}") for _ in req["subscribers"]]
    out: list[Outcome] = []
    for res in reply["results"]:
        if res["error"]:
            out.append(Failed(res["error"]))
        else:
            headers = tuple((k, v) for k, v in res["headers"])
            out.append((res["subject"], res["body"], res["altbody"] or None, headers))
    return out


# --- comparison and reports -----------------------------------------------------------------------

_PARTS = ("subject", "body", "altbody", "headers")


def _show(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def describe(sub: dict[str, Any], go: Outcome, bl: Outcome) -> str:
    """A readable account of one subscriber's mismatch, with both outputs."""
    who = f"subscriber {sub['id']} ({sub['name']!r})"
    if isinstance(go, Failed) or isinstance(bl, Failed):
        g = f"FAILS: {go.reason}" if isinstance(go, Failed) else _show(go)
        b = f"FAILS: {bl.reason}" if isinstance(bl, Failed) else _show(bl)
        return f"  {who}:\n    go:      {g}\n    blaster: {b}"
    lines = [f"  {who}:"]
    for part, g, b in zip(_PARTS, go, bl, strict=True):
        if g == b:
            continue
        long = isinstance(g, str) and isinstance(b, str) and ("\n" in g or len(g) > 120)
        limit = 600 if long else 100_000
        lines.append(
            f"    {part}:\n      go:      {_show(g)[:limit]}\n      blaster: {_show(b)[:limit]}"
        )
        if long:
            diff = difflib.unified_diff(
                str(g).splitlines(), str(b).splitlines(), "go", "blaster", lineterm="", n=1
            )
            lines.extend("      " + d for d in diff)
    return "\n".join(lines)


def compare(req: dict[str, Any], go: list[Outcome], bl: list[Outcome]) -> tuple[int, list[str]]:
    """(subscribers that match, descriptions of those that do not)."""
    assert len(go) == len(bl) == len(req["subscribers"])
    mismatches = [
        describe(sub, g, b) for sub, g, b in zip(req["subscribers"], go, bl, strict=True) if g != b
    ]
    return len(go) - len(mismatches), mismatches


def case_source(req: dict[str, Any]) -> str:
    parts = [f"subject: {_show(req['subject'])}", f"body: {_show(req['body'])}"]
    for key in ("template", "altbody"):
        if req.get(key) is not None:
            parts.append(f"{key}: {_show(req[key])}")
    if req.get("headers"):
        parts.append(f"headers: {req['headers']}")
    parts.append(
        f"content_type={req['content_type']} tracking={req['tracking']}"
        f" individual_tracking={req['individual_tracking']}"
    )
    return "\n".join("  " + p for p in parts)
