"""The Grafana dashboard (grafana/blaster.json) is dashboard JSON whose queries use only the
series and labels that blaster.metrics exports, through the ``${datasource}`` variable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from tests.helpers import DASHBOARD, ROOT, all_panels, query_panels

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}

# Prints {exported series name: label names} for every metric defined in blaster.metrics. It
# runs in a child process: importing prometheus_client here would make a later in-process
# ``blaster.metricsdir.prepare`` refuse to run.
_EXPORTED = """
import json
from prometheus_client import Counter, Gauge, Histogram
from blaster import metrics
ends = {Counter: ["_total"], Histogram: ["_bucket", "_sum", "_count"], Gauge: [""]}
out = {}
for metric in vars(metrics).values():
    for kind, suffixes in ends.items():
        if isinstance(metric, kind):
            for end in suffixes:
                extra = ["le"] if end == "_bucket" else []
                out[metric._name + end] = [*metric._labelnames, *extra]
print(json.dumps(out))
"""

# labels Prometheus adds to every scraped series
TARGET_LABELS = {"job", "instance"}
GRAFANA_VARIABLES = {"__rate_interval", "__interval", "__range", "__all"}

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_METRIC = re.compile(r"(?<![\w:])blaster_[\w:]*")
_SELECTOR = re.compile(r"(?<![\w:])(blaster_[\w:]*)\s*\{([^}]*)\}")
_MATCHER = re.compile(r"([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
_LEGEND = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
_VARIABLE = re.compile(r"\$\{?(\w+)")


@pytest.fixture(scope="module")
def exported() -> dict[str, set[str]]:
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    out = subprocess.run(
        [sys.executable, "-c", _EXPORTED],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    series = {name: set(labels) for name, labels in json.loads(out).items()}
    assert "blaster_messages_sent_total" in series  # the mapping itself works
    return series


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return data


def expressions(dashboard: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(where, expr, legend) for every panel query and every query variable."""
    found = [
        (f"panel {p['title']!r} {t['refId']}", t["expr"], t.get("legendFormat", ""))
        for p in query_panels(dashboard)
        for t in p["targets"]
    ]
    for var in dashboard["templating"]["list"]:
        if var["type"] == "query":
            query = var["query"]
            text = query["query"] if isinstance(query, dict) else query
            found.append((f"variable {var['name']!r}", text, ""))
    return found


def problems(expr: str, legend: str, exported: dict[str, set[str]]) -> list[str]:
    """What in one PromQL expression does not exist in ``exported``."""
    bare = _STRING.sub('""', expr)  # label values and regexes are not names
    errors = []
    names = _METRIC.findall(bare)
    if not names:
        errors.append("uses no blaster_ metric")
    errors += [f"unknown metric {n}" for n in names if n not in exported]
    known = [exported[n] for n in names if n in exported]
    for name, matchers in _SELECTOR.findall(bare):
        for label in _MATCHER.findall(matchers):
            if name in exported and label not in exported[name] | TARGET_LABELS:
                errors.append(f"{name} has no label {label!r}")
    usable = set().union(TARGET_LABELS, *known)
    for group in _GROUPING.findall(bare):
        for label in filter(None, (s.strip() for s in group.split(","))):
            if label not in usable:
                errors.append(f"no metric in the expression has a label {label!r}")
    for label in _LEGEND.findall(legend):
        if label not in usable:
            errors.append(f"legend uses {{{{{label}}}}}, a label none of the metrics has")
    if bare.count("(") != bare.count(")") or bare.count("{") != bare.count("}"):
        errors.append("unbalanced brackets")
    return errors


def test_is_a_dashboard(dashboard: dict[str, Any]) -> None:
    assert dashboard["title"]
    assert dashboard["uid"] and len(dashboard["uid"]) <= 40
    assert dashboard["schemaVersion"] >= 36  # datasource references are objects
    panels = list(all_panels(dashboard["panels"]))
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for panel in panels:
        pos = panel["gridPos"]
        assert pos["w"] > 0 and pos["h"] > 0 and pos["x"] >= 0 and pos["x"] + pos["w"] <= 24
    assert len(query_panels(dashboard)) >= 10


def test_every_panel_queries_through_the_datasource_variable(dashboard: dict[str, Any]) -> None:
    for panel in query_panels(dashboard):
        title = panel["title"]
        assert title, panel["id"]
        assert panel["datasource"] == DATASOURCE, title
        assert panel["targets"], f"{title}: no query"
        ref_ids = [t["refId"] for t in panel["targets"]]
        assert len(ref_ids) == len(set(ref_ids)), f"{title}: duplicate refId"
        for t in panel["targets"]:
            assert t["expr"].strip(), f"{title} {t['refId']}: empty expr"
            assert t.get("datasource", DATASOURCE) == DATASOURCE, f"{title} {t['refId']}"


def test_template_variables(dashboard: dict[str, Any]) -> None:
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    ds = variables["datasource"]
    assert (ds["type"], ds["query"]) == ("datasource", "prometheus")
    campaign = variables["campaign"]
    assert campaign["type"] == "query"
    assert campaign["datasource"] == DATASOURCE
    assert campaign["multi"] and campaign["includeAll"]
    assert campaign["allValue"] == ".*"  # matches every campaign in =~ matchers
    query = campaign["query"]
    text = query["query"] if isinstance(query, dict) else query
    assert text == "label_values(blaster_campaign_to_send, campaign)"
    assert campaign["definition"] == text
    # every $variable used in a query is defined (or one of Grafana's own)
    used = {v for _, expr, _ in expressions(dashboard) for v in _VARIABLE.findall(expr)}
    assert "campaign" in used
    assert used <= variables.keys() | GRAFANA_VARIABLES


def test_queries_use_only_exported_metrics_and_labels(
    dashboard: dict[str, Any], exported: dict[str, set[str]]
) -> None:
    errors = [
        f"{where}: {problem}: {expr}"
        for where, expr, legend in expressions(dashboard)
        for problem in problems(expr, legend, exported)
    ]
    assert not errors, "\n".join(errors)


def test_every_metric_has_a_panel(dashboard: dict[str, Any], exported: dict[str, set[str]]) -> None:
    used = {n for _, expr, _ in expressions(dashboard) for n in _METRIC.findall(expr)}
    base = {re.sub(r"_(total|bucket|sum|count)$", "", n) for n in used}
    missing = {n for n in exported if re.sub(r"_(total|bucket|sum|count)$", "", n) not in base}
    assert not missing, f"metrics no panel shows: {sorted(missing)}"


@pytest.mark.parametrize(
    ("expr", "legend", "expected"),
    [
        ("rate(blaster_messages_sent[1m])", "", "unknown metric blaster_messages_sent"),
        ("blaster_smtp_send_seconds", "", "unknown metric blaster_smtp_send_seconds"),
        ('blaster_campaign_sent{campaign_id="1"}', "", "has no label 'campaign_id'"),
        ("sum by (kind) (blaster_messages_retried_total)", "", "no metric in the expression"),
        ("sum(blaster_workers_alive)", "{{campaign}}", "legend uses {{campaign}}"),
        ("sum(rate(blaster_rate_wait_seconds_total[1m])", "", "unbalanced brackets"),
        ("up", "", "uses no blaster_ metric"),
    ],
)
def test_checker_catches_mistakes(
    expr: str, legend: str, expected: str, exported: dict[str, set[str]]
) -> None:
    assert any(expected in p for p in problems(expr, legend, exported)), problems(
        expr, legend, exported
    )


def test_checker_ignores_names_inside_strings(exported: dict[str, set[str]]) -> None:
    expr = 'sum by (job) (blaster_workers_alive{job=~"blaster_nope|x"})'
    assert problems(expr, "{{job}}", exported) == []
