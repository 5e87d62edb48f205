"""A batched histogram exports what direct ``observe`` calls would, once flushed."""

from __future__ import annotations

import random

import pytest
from prometheus_client import CollectorRegistry, Histogram

from blaster import metrics

BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


def samples(registry: CollectorRegistry) -> dict[tuple[str, str], float]:
    """Every sample but the creation time, by name and bucket bound."""
    return {
        (s.name, s.labels.get("le", "")): s.value
        for family in registry.collect()
        for s in family.samples
        if not s.name.endswith("_created")
    }


def test_flushed_batches_equal_direct_observations() -> None:
    direct_registry, batched_registry = CollectorRegistry(), CollectorRegistry()
    direct = Histogram("lat", "d", ["server"], buckets=BUCKETS, registry=direct_registry)
    batched = Histogram("lat", "b", ["server"], buckets=BUCKETS, registry=batched_registry)
    local = metrics.batched(batched.labels("relay"))
    assert metrics.batched(batched.labels("relay")) is local  # one per child
    rng = random.Random(7)
    # bounds exactly (a value equal to a bound belongs to that bucket), and beyond the last
    amounts = [*BUCKETS, 0.0, 11.0, *(rng.expovariate(200) for _ in range(500))]
    for i, amount in enumerate(amounts):
        direct.labels("relay").observe(amount)
        local.observe(amount)
        if i == 100:
            metrics.flush_batched()
    assert samples(batched_registry) != samples(direct_registry)  # not flushed yet
    metrics.flush_batched()
    # the counts exactly; the sum as floats added in another order
    assert samples(batched_registry) == pytest.approx(samples(direct_registry), rel=1e-12)
    metrics.flush_batched()  # nothing new: nothing added twice
    assert samples(batched_registry) == pytest.approx(samples(direct_registry), rel=1e-12)
