"""The campaign ledger: which shards exist, who owns each, and what to write next (pure).

The coordinator's bookkeeping without processes or a database: the campaigns being sent and
their shards, each shard's freshest known position, its owner (recorded once, on the shard,
as an :class:`Owner` that names a node and a worker so that shards leased by other nodes fit
the same field), turn-taking between campaigns when shards are handed out, what a progress
report changes (positions, counters, failures, finished shards) and what a dead worker
changes (its shards go back to pending from their last known position). Every decision
returns the I/O to do (:class:`Assignment` values, owners to tell, campaigns to settle);
the caller does it. Nothing here reads a clock.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from blaster.autopause import ErrorBudget
from blaster.models import CampaignSpec, Checkpoint, Failure, Shard, ShardReport

#: a worker holds at most this many times ``shards_per_worker`` shards, finishing ones included
MAX_SHARDS_FACTOR = 4
LOCAL = ""  #: the node id of this node's own workers


@dataclass(frozen=True, slots=True, order=True)
class Owner:
    """Who holds a shard: one worker process of one node (:data:`LOCAL` = this node)."""

    worker: int
    node: str = LOCAL

    def __str__(self) -> str:
        return f"worker {self.worker}" + (f" of node {self.node}" if self.node else "")


@dataclass(slots=True)
class ShardDelta:
    """What one checkpoint writes for a shard."""

    shard_id: int
    campaign_id: int
    checkpoint: Checkpoint
    epoch: int = 0  #: the lease the write is fenced on
    sent: int = 0
    failures: list[Failure] = field(default_factory=list)
    done: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass(slots=True)
class ShardState:
    """The live view of one shard: its freshest known position and its owner."""

    shard: Shard
    checkpoint: Checkpoint
    owner: Owner | None = None
    #: the lease this node holds the shard under (its checkpoints are fenced on it)
    epoch: int = 0
    #: the ``time.monotonic()`` deadline of the lease (caller's clock; inf = not leased)
    trusted_until: float = float("inf")
    #: read to its end, its last messages waiting for retries: it does not count against
    #: the owner's reading capacity, so a throttled tail does not idle the worker
    finishing: bool = False
    done: bool = False

    @property
    def pending(self) -> bool:
        """Neither owned nor done: free to hand out."""
        return self.owner is None and not self.done

    def descriptor(self) -> Shard:
        """The shard to hand out, starting after its freshest known checkpoint."""
        s = self.shard
        return Shard(s.id, s.campaign_id, s.lo, s.hi, self.checkpoint, s.kind)

    def release(self) -> None:
        self.owner = None
        self.finishing = False


@dataclass(slots=True)
class CampaignState:
    """A campaign being sent."""

    spec: CampaignSpec
    shards: dict[int, ShardState]
    #: failures since this pickup against the auto-pause limits (a resume starts afresh)
    errors: ErrorBudget = field(default_factory=ErrorBudget)
    stopping: str = ""  #: the status that stopped it, while its shards come back

    def owned(self) -> bool:
        return any(s.owner is not None for s in self.shards.values())

    def complete(self) -> bool:
        """Every shard this node holds is done (vacuously, when it holds none): other
        nodes may still hold some of the campaign's shards."""
        return all(s.done for s in self.shards.values())

    def next_pending(self) -> ShardState | None:
        """Its free shard with the lowest IDs."""
        free = [s for s in self.shards.values() if s.pending]
        return min(free, key=lambda s: s.shard.lo) if free else None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Hand ``shard`` of ``spec`` to ``owner`` (the ledger already records it as theirs)."""

    owner: Owner
    spec: CampaignSpec
    shard: Shard
    trusted_until: float = float("inf")


@dataclass(slots=True)
class _Load:
    held: int = 0
    finishing: int = 0

    def has_room(self, capacity: int) -> bool:
        """Reading shards up to ``capacity``, at most :data:`MAX_SHARDS_FACTOR` times that."""
        reading = self.held - self.finishing
        return reading < capacity and self.held < MAX_SHARDS_FACTOR * capacity


class Ledger:
    """Campaigns, the shards this node leases and their owners, and the checkpoint not
    written yet.

    :param capacity: shards a worker reads at once (``shards_per_worker``).
    :param node: this node's id, stamped on the owners of the shards it hands out.
    """

    def __init__(self, *, capacity: int, node: str = LOCAL) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.capacity = capacity
        self.node = node
        self.campaigns: dict[int, CampaignState] = {}
        self._turn: deque[int] = deque()
        self._deltas: dict[int, ShardDelta] = {}

    # --- campaigns ---------------------------------------------------------------------------

    def add(
        self,
        spec: CampaignSpec,
        shards: Iterable[Shard] = (),
        errors: ErrorBudget | None = None,
    ) -> CampaignState:
        """Start tracking a picked-up campaign (with the shards this node already leases,
        pending). It takes its turn after the campaigns already here."""
        if spec.id in self.campaigns:
            raise ValueError(f"campaign {spec.id} is already in the ledger")
        camp = CampaignState(
            spec,
            {s.id: ShardState(s, s.checkpoint) for s in shards},
            errors if errors is not None else ErrorBudget(),
        )
        self.campaigns[spec.id] = camp
        self._turn.append(spec.id)
        return camp

    def claimed(self, shard: Shard, epoch: int) -> None:
        """This node now leases ``shard`` (under ``epoch``): pending, to hand out."""
        camp = self.campaigns[shard.campaign_id]
        if shard.id in camp.shards:
            raise ValueError(f"shard {shard.id} is already in the ledger")
        camp.shards[shard.id] = ShardState(shard, shard.checkpoint, epoch=epoch)

    def trust(self, shard_id: int, until: float) -> None:
        """The lease on a shard holds until ``until`` (the caller's clock)."""
        for camp in self.campaigns.values():
            state = camp.shards.get(shard_id)
            if state is not None:
                state.trusted_until = until

    def leases(self) -> list[tuple[int, int]]:
        """``(shard_id, epoch)`` of every shard this node leases and has not finished:
        what a checkpoint renews."""
        return [
            (sid, s.epoch)
            for c in self.campaigns.values()
            for sid, s in c.shards.items()
            if not s.done
        ]

    def lost(self, shard_ids: Iterable[int]) -> list[tuple[Owner, int]]:
        """Another node took these shards over: forget them (and what their reports said)
        at once; return ``(owner, shard_id)`` for those a worker holds, to stop them."""
        out: list[tuple[Owner, int]] = []
        for sid in shard_ids:
            for camp in self.campaigns.values():
                state = camp.shards.pop(sid, None)
                if state is None:
                    continue
                self._deltas.pop(sid, None)
                if state.owner is not None:
                    out.append((state.owner, sid))
        return out

    def unleased(self, campaign_id: int) -> list[int]:
        """The shards of a campaign this node leases and has not finished (to release)."""
        camp = self.campaigns[campaign_id]
        return [sid for sid, s in camp.shards.items() if not s.done]

    def claim_room(self, worker_ids: Sequence[int]) -> int:
        """How many more shards this node should lease: free reading slots of its
        workers, less the leased shards not handed out yet."""
        loads = self._loads()
        free = 0
        for wid in worker_ids:
            load = loads.get(self.owner(wid), _Load())
            if load.has_room(self.capacity):
                free += min(
                    self.capacity - (load.held - load.finishing),
                    MAX_SHARDS_FACTOR * self.capacity - load.held,
                )
        waiting = sum(
            1
            for c in self.campaigns.values()
            if not c.stopping
            for s in c.shards.values()
            if s.pending
        )
        return max(0, free - waiting)

    def claim_order(self) -> list[int]:
        """Sending campaigns in turn order: whose shards to lease next."""
        return [cid for cid in self._turn if not self.campaigns[cid].stopping]

    def stop(self, campaign_id: int, status: str) -> list[Owner]:
        """Mark a campaign stopping (no more of its shards go out); return the owners of
        its shards, who must be told to give them back."""
        camp = self.campaigns[campaign_id]
        camp.stopping = status
        return sorted({s.owner for s in camp.shards.values() if s.owner is not None})

    def settled(self) -> list[tuple[int, str]]:
        """Campaigns with no owned shard that are either stopping or complete, as
        ``(campaign_id, stopping status or "")``: write, finish or notify, then
        :meth:`forget` them."""
        return [
            (cid, camp.stopping)
            for cid, camp in self.campaigns.items()
            if not camp.owned() and (camp.stopping or camp.complete())
        ]

    def forget(self, campaign_id: int) -> None:
        camp = self.campaigns.pop(campaign_id)
        if camp.owned():
            raise ValueError(f"campaign {campaign_id} still has owned shards")
        self._turn.remove(campaign_id)

    def over_budget(self) -> list[tuple[int, str]]:
        """Sending campaigns whose failures reached an auto-pause limit, with the reason."""
        verdicts = [
            (cid, camp.errors.verdict())
            for cid, camp in self.campaigns.items()
            if not camp.stopping
        ]
        return [(cid, v) for cid, v in verdicts if v]

    def shards_pending(self) -> int:
        """Shards not done, owned or not."""
        return sum(1 for c in self.campaigns.values() for s in c.shards.values() if not s.done)

    def held(self, owner: Owner) -> list[ShardState]:
        return [s for c in self.campaigns.values() for s in c.shards.values() if s.owner == owner]

    # --- dispatch ----------------------------------------------------------------------------

    def owner(self, worker_id: int) -> Owner:
        """This node's owner value for one of its workers."""
        return Owner(worker_id, self.node)

    def dispatch(self, worker_ids: Sequence[int]) -> list[Assignment]:
        """Give pending shards to the workers (in their order) while each has room,
        campaigns taking turns, lowest IDs first within a campaign."""
        loads = self._loads()
        out: list[Assignment] = []
        for wid in worker_ids:
            owner = self.owner(wid)
            load = loads.setdefault(owner, _Load())
            while load.has_room(self.capacity):
                state = self._next_shard()
                if state is None:
                    return out
                state.owner = owner
                load.held += 1
                spec = self.campaigns[state.shard.campaign_id].spec
                out.append(Assignment(owner, spec, state.descriptor(), state.trusted_until))
        return out

    def _loads(self) -> dict[Owner, _Load]:
        loads: dict[Owner, _Load] = {}
        for camp in self.campaigns.values():
            for s in camp.shards.values():
                if s.owner is not None:
                    load = loads.setdefault(s.owner, _Load())
                    load.held += 1
                    load.finishing += s.finishing
        return loads

    def _next_shard(self) -> ShardState | None:
        for _ in range(len(self._turn)):
            camp = self.campaigns[self._turn[0]]
            self._turn.rotate(-1)
            if not camp.stopping:
                state = camp.next_pending()
                if state is not None:
                    return state
        return None

    # --- reports and deaths ------------------------------------------------------------------

    def apply(self, rep: ShardReport) -> bool:
        """Take in a progress report; False (and nothing changes) when it is stale: its
        shard is gone or no longer owned by the reporting worker."""
        camp = self.campaigns.get(rep.campaign_id)
        state = camp.shards.get(rep.shard_id) if camp else None
        if camp is None or state is None or state.owner != self.owner(rep.worker_id):
            return False
        state.checkpoint = rep.checkpoint
        delta = self._deltas.setdefault(
            rep.shard_id, ShardDelta(rep.shard_id, rep.campaign_id, rep.checkpoint, state.epoch)
        )
        delta.checkpoint = rep.checkpoint
        delta.sent += rep.sent
        delta.failures.extend(rep.failures)
        camp.errors.record(rep.sent, len(rep.failures))
        if rep.state != "running":
            state.release()
        elif rep.read_all:
            state.finishing = True
        if rep.state == "done":
            state.done = delta.done = True
        return True

    def worker_lost(self, worker_id: int) -> list[ShardState]:
        """A worker died: its shards go back to pending, to resume after their last known
        position. Returns them."""
        lost = self.held(self.owner(worker_id))
        for state in lost:
            state.release()
        return lost

    # --- checkpoints -------------------------------------------------------------------------

    def unwritten(self) -> list[ShardDelta]:
        """What the reports said since the last :meth:`written`, per shard (its failures
        included)."""
        return list(self._deltas.values())

    def written(self) -> None:
        """The checkpoint returned by :meth:`unwritten` is durable (or was fenced out)."""
        self._deltas = {}
