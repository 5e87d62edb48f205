"""Auto-pause rules (:mod:`blaster.autopause`): a failure count, and a failure rate over the
last N messages that waits for a full window and forgets what slid out of it."""

from __future__ import annotations

import pytest

from blaster.autopause import ErrorBudget


def test_the_count_rule():
    budget = ErrorBudget(max_errors=5)
    budget.record(100, 4)
    assert budget.verdict() == ""
    budget.record(100, 1)
    assert "5 failures reached max_send_errors=5" in budget.verdict()


def test_no_rule_no_verdict():
    budget = ErrorBudget()
    budget.record(0, 10_000)
    assert budget.verdict() == ""


def test_the_rate_waits_for_a_full_window():
    budget = ErrorBudget(max_rate=0.5, window=100)
    budget.record(10, 89)  # 90% of 99 messages: not a full window yet
    assert budget.verdict() == ""
    budget.record(1, 0)
    assert "89.0% of the last 100 messages failed (max_error_rate=0.5)" in budget.verdict()


@pytest.mark.parametrize("report", [1, 7, 250, 5000])
def test_the_rate_follows_the_last_messages(report):
    """A healthy start with 5% failures, then everything fails: paused once half of the
    last 1000 failed, whatever the report size (reports are cut where the window ends)."""
    budget = ErrorBudget(max_rate=0.5, window=1000)
    for _ in range(20_000 // report):
        budget.record(report - report // 20, report // 20)
        assert budget.verdict() == ""
    failed_since = 0
    while not budget.verdict():
        budget.record(0, report)
        failed_since += report
    assert 475 <= failed_since <= max(report, 525)


def test_old_failures_slide_out():
    budget = ErrorBudget(max_rate=0.3, window=100)
    budget.record(80, 20)
    budget.record(100, 0)
    budget.record(71, 29)
    assert budget.verdict() == ""  # 29 of the last 100
    budget.record(0, 1)  # the oldest of those 100 leaves with its share of the failures
    assert budget.verdict() == ""  # 1 + 29 x 99/100 = 29.71
    budget.record(0, 1)
    assert "30.4%" in budget.verdict()  # 2 + 29 x 98/100


def test_the_count_rule_judges_the_whole_fleets_failures():
    budget = ErrorBudget(max_errors=10)
    budget.record(100, 3)  # this node's
    assert budget.verdict() == ""
    budget.fleet_failed(9)  # the database counts every node's: 9 since pickup
    assert budget.verdict() == ""
    budget.record(10, 1)  # this node's fourth; the fleet's tenth is not known yet
    budget.fleet_failed(10)
    assert "10 failures reached max_send_errors=10" in budget.verdict()
    budget.fleet_failed(2)  # a lower count (taken before this node's own) never lowers it
    assert budget.failed == 10


def test_failures_before_the_pickup_do_not_count():
    budget = ErrorBudget(max_errors=10, base=7)  # a resumed campaign: 7 from its last run
    budget.fleet_failed(16)  # the database's total: 9 since this pickup
    assert budget.failed == 9 and budget.verdict() == ""
    budget.fleet_failed(17)
    assert "10 failures reached max_send_errors=10" in budget.verdict()
