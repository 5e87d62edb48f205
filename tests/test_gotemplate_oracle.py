"""blaster renders listmonk's Go templates byte for byte as listmonk does.

The oracle is a small Go program (``tests/gotpl_oracle/main.go``) that renders campaigns
with Go's ``html/template``/``text/template``, Sprig and listmonk's functions and data types,
as listmonk does. It is built once per session from Debian's ``golang-go``,
``golang-github-masterminds-sprig-dev`` and ``golang-github-yuin-goldmark-dev`` (GOPATH mode,
offline) and run once for the whole corpus of ``tests/gotpl_corpus.py``; blaster renders the
same campaigns with :class:`blaster.render.CampaignRenderer`, and every subscriber's subject,
HTML body, alternative text and header values must be identical, or both sides must fail for
that subscriber (a Go compile or execution error against a :class:`RenderError`).

Without ``go`` (or Sprig's sources) the tests skip, except under CI (``CI`` set), where they
fail: ``.ci/run`` installs both.

Markdown campaigns are not oracle-checked: listmonk converts Markdown with goldmark, which
Debian does not package.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import gotpl_corpus as corpus
from tests.gotpl_harness import (
    Failed,
    Outcome,
    blaster_outcomes,
    build_oracle,
    case_source,
    compare,
    go_outcomes,
    run_oracle,
)


@pytest.fixture(scope="session")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_oracle(tmp_path_factory)


# --- the corpus -----------------------------------------------------------------------------------


def corpus_request(case: corpus.Case) -> dict[str, Any]:
    subs = corpus.SUBSCRIBERS
    chosen = [subs[i] for i in case.subscribers] if case.subscribers is not None else subs
    return {
        "id": case.name,
        "subject": case.subject,
        "body": case.body,
        "template": case.template,
        "altbody": case.altbody,
        "headers": [{k: v} for k, v in case.headers],
        "content_type": case.content_type,
        "campaign": {**corpus.CAMPAIGN, **case.campaign},
        "subscribers": chosen,
        "root_url": corpus.ROOT_URL,
        "individual_tracking": case.individual_tracking,
        "tracking": case.tracking,
        "links": corpus.LINKS,
        "now": corpus.NOW,
        "lang": corpus.LANG,
    }


@dataclass
class CaseResult:
    case: corpus.Case
    request: dict[str, Any]
    reply: dict[str, Any]
    go: list[Outcome]
    skipped: str | None = None
    passed: int = 0
    mismatches: list[str] = dataclasses.field(default_factory=list)
    crash: str | None = None  #: blaster raised something other than RenderError


@pytest.fixture(scope="session")
def go_corpus(oracle: Path) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Every corpus case rendered by Go, in one run: name -> (request, reply)."""
    requests = [corpus_request(c) for c in corpus.CASES]
    replies = run_oracle(oracle, requests)
    return {r["id"]: (r, rep) for r, rep in zip(requests, replies, strict=True)}


@pytest.fixture(scope="session")
def corpus_results(
    go_corpus: dict[str, tuple[dict[str, Any], dict[str, Any]]],
) -> dict[str, CaseResult]:
    """Every corpus case compared: name -> result."""
    results = {}
    for case in corpus.CASES:
        req, reply = go_corpus[case.name]
        res = CaseResult(case, req, reply, [])
        results[case.name] = res
        if reply["skipped"]:
            res.skipped = reply["skipped"]
            continue
        res.go = go_outcomes(req, reply)
        try:
            bl = blaster_outcomes(req)
        except Exception as exc:  # a crash is a failure of the case, reported as such
            res.crash = f"{type(exc).__name__}: {exc}"
            continue
        if case.refused is not None:
            res.passed, res.mismatches = refusal(case.refused, bl)
            continue
        res.passed, res.mismatches = compare(req, res.go, bl)
    return results


def refusal(reason: str, outcomes: list[Outcome]) -> tuple[int, list[str]]:
    """A documented refusal holds when blaster refused the campaign with that reason."""
    ok = [o for o in outcomes if isinstance(o, Failed) and o.reason.startswith("compile:")]
    if len(ok) == len(outcomes) and all(reason in o.reason for o in ok):
        return len(outcomes), []
    return 0, [f"  expected a refusal containing {reason!r}, got {outcomes[0]!r:.300}"]


def test_corpus_is_large_enough() -> None:
    assert len(corpus.CASES) >= 180
    assert len(corpus.SUBSCRIBERS) >= 8
    names = [c.name for c in corpus.CASES]
    assert len(names) == len(set(names)), "case names must be unique"


def test_corpus_expectations(go_corpus: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """The corpus tests what it says: "ok" cases render in Go, "error" cases fail in Go."""
    wrong = []
    for case in corpus.CASES:
        req, reply = go_corpus[case.name]
        if reply["skipped"] or case.expect is None:
            continue
        outcomes = go_outcomes(req, reply)
        failed = [o for o in outcomes if isinstance(o, Failed)]
        if case.expect == "ok" and failed:
            wrong.append(f"{case.name}: expected to render, Go fails: {failed[0].reason}")
        if case.expect == "error" and len(failed) != len(outcomes):
            wrong.append(f"{case.name}: expected to fail, Go renders: {outcomes!r:.300}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", [c.name for c in corpus.CASES])
def test_case_matches_go(name: str, corpus_results: dict[str, CaseResult]) -> None:
    res = corpus_results[name]
    if res.skipped:
        pytest.skip(f"not oracle-checked: {res.skipped}")
    if res.crash:
        pytest.fail(f"case {name}: blaster crashed: {res.crash}\n{case_source(res.request)}")
    if res.mismatches:
        pytest.fail(
            f"case {name}: blaster differs from Go for {len(res.mismatches)} of "
            f"{len(res.go)} subscriber(s)\n{case_source(res.request)}\n"
            + "\n".join(res.mismatches),
            pytrace=False,
        )


def test_corpus_summary(
    corpus_results: dict[str, CaseResult], capsys: pytest.CaptureFixture[str]
) -> None:
    checked = [r for r in corpus_results.values() if not r.skipped]
    subscribers = sum(len(r.go) for r in checked)
    passed = [r for r in checked if not r.mismatches and not r.crash]
    line = (
        f"gotemplate corpus: {len(checked)} cases, {subscribers} subscribers, "
        f"{len(passed)} passed"
        f" ({sum(r.passed for r in checked)} subscriber renders match;"
        f" {len(corpus_results) - len(checked)} not oracle-checked)"
    )
    with capsys.disabled():
        print("\n" + line)
    failing = sorted(r.case.name for r in checked if r.mismatches or r.crash)
    assert not failing, f"{line}\nfailing cases: {', '.join(failing)}"


# --- listmonk's own files -----------------------------------------------------------------------
#
# listmonk's bundled templates and sample campaign cannot be copied into this repository. When a
# listmonk checkout is at hand (BLASTER_LISTMONK_SOURCE, or a copy at ../shared/listmonk beside
# the repository), its default, archive and visual templates and its sample campaign are
# rendered by both sides too.

_SAMPLE_BODY = re.compile(r'"Welcome to listmonk",\s*"[^"]*",\s*`([^`]*)`')


def listmonk_source() -> Path | None:
    for candidate in (
        os.environ.get("BLASTER_LISTMONK_SOURCE", ""),
        str(Path(__file__).resolve().parent.parent.parent / "shared" / "listmonk"),
    ):
        if candidate and (Path(candidate) / "static" / "email-templates").is_dir():
            return Path(candidate)
    return None


def listmonk_cases(root: Path) -> list[corpus.Case]:
    tpl = root / "static" / "email-templates"
    sample = _SAMPLE_BODY.search((root / "cmd" / "install.go").read_text())
    assert sample, "listmonk's sample campaign body not found in cmd/install.go"
    body = sample.group(1)
    default, archive = (tpl / "default.tpl").read_text(), (tpl / "default-archive.tpl").read_text()
    visual = (tpl / "default-visual.tpl").read_text()
    return [
        corpus.Case("listmonk-sample-default", body, subject="Welcome to listmonk",
                    template=default, content_type="richtext"),
        corpus.Case("listmonk-sample-archive", body, template=archive, content_type="richtext"),
        corpus.Case("listmonk-sample-individual", body, template=default,
                    individual_tracking=True),
        corpus.Case("listmonk-visual", visual, template=default, content_type="visual"),
    ]


def test_listmonk_own_templates_match_go(oracle: Path) -> None:
    root = listmonk_source()
    if root is None:
        pytest.skip("no listmonk checkout (BLASTER_LISTMONK_SOURCE or ../shared/listmonk)")
    requests = [corpus_request(c) for c in listmonk_cases(root)]
    wrong = []
    for req, reply in zip(requests, run_oracle(oracle, requests), strict=True):
        go = go_outcomes(req, reply)
        assert not any(isinstance(o, Failed) for o in go), f"{req['id']}: Go fails: {go[0]}"
        _, mismatches = compare(req, go, blaster_outcomes(req))
        wrong += [f"{req['id']}:\n" + "\n".join(mismatches)] if mismatches else []
    assert not wrong, "\n".join(wrong)
