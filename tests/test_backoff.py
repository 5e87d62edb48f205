"""The one backoff of blaster (:mod:`blaster.backoff`): exponential growth up to a cap, jitter
within its bounds, never sooner than a server asked, and the random source injectable."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blaster.backoff import Backoff


def test_doubles_up_to_the_cap():
    b = Backoff(base=0.25, cap=5.0)
    assert [b.delay(n) for n in range(1, 8)] == [0.25, 0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_jitter_uses_the_injected_source():
    low = Backoff(base=1.0, jitter=(0.5, 1.5), rand=lambda: 0.0)
    high = Backoff(base=1.0, jitter=(0.5, 1.5), rand=lambda: 0.999)
    assert low.delay(3) == 2.0
    assert high.delay(3) == pytest.approx(5.996)


def test_jitter_applies_after_the_cap():
    b = Backoff(base=0.5, cap=30.0, jitter=(0.5, 1.5), rand=lambda: 0.5)
    assert b.delay(100) == 30.0


def test_never_sooner_than_asked():
    shrink = Backoff(base=1.0, jitter=(0.8, 1.2), rand=lambda: 0.0)
    assert shrink.delay(1, at_least=30.0) == 30.0  # jitter only lengthens a hint
    assert shrink.delay(4) == pytest.approx(6.4)
    grow = Backoff(base=1.0, jitter=(1.0, 1.25), rand=lambda: 0.5)
    assert grow.delay(1, at_least=30.0) == pytest.approx(33.75)


def test_due_is_on_the_callers_clock():
    assert Backoff(base=2.0).due(2, 100.0) == 104.0


def test_huge_attempts_do_not_overflow():
    assert Backoff(base=1.0).delay(10_000) == math.inf
    assert Backoff(base=1.0, cap=60.0, jitter=(0.0, 1.0), rand=lambda: 0.0).delay(10_000) == 0.0
    assert Backoff(base=0.0).delay(10_000) == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base": -1.0},
        {"base": math.nan},
        {"base": 2.0, "cap": 1.0},
        {"base": 1.0, "factor": 0.5},
        {"base": 1.0, "jitter": (1.2, 0.8)},
        {"base": 1.0, "jitter": (-0.1, 1.0)},
    ],
)
def test_bad_parameters_are_refused(kwargs):
    with pytest.raises(ValueError, match="backoff"):
        Backoff(**kwargs)


def test_attempts_count_from_one():
    with pytest.raises(ValueError, match="from 1"):
        Backoff(base=1.0).delay(0)


positive = st.floats(min_value=0.0, max_value=1e6, allow_nan=False)


@st.composite
def backoffs(draw):
    base = draw(positive)
    cap = base + draw(positive)
    factor = draw(st.floats(min_value=1.0, max_value=10.0))
    low = draw(st.floats(min_value=0.0, max_value=2.0))
    high = low + draw(st.floats(min_value=0.0, max_value=2.0))
    r = draw(st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
    return Backoff(base=base, cap=cap, factor=factor, jitter=(low, high), rand=lambda: r)


@given(backoffs(), st.integers(min_value=1, max_value=5000), positive)
def test_delay_bounds(b, attempt, hint):
    low, high = b.jitter
    raw = b.raw(attempt)
    assert b.base <= raw <= b.cap
    d = b.delay(attempt, at_least=hint)
    assert d >= hint
    floor = max(raw, hint)
    assert floor * low * (1 - 1e-12) <= d <= max(floor * high * (1 + 1e-12), hint)


@given(backoffs(), st.integers(min_value=1, max_value=5000))
def test_raw_grows_monotonically(b, attempt):
    assert b.raw(attempt) <= b.raw(attempt + 1)
