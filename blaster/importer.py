"""Subscriber CSV import: parse and validate rows as a stream, hand them over in batches.

The file has a header row. ``email`` is required; ``name`` is optional (default: the part
of the address before ``@``); ``attribs`` may hold a JSON object, and every other column
is added to the attributes as a string (empty cells are left out; a key in the JSON column
wins). A row with a bad address, bad attributes, the wrong number of fields or an address
seen earlier in the file (case-insensitive) is rejected with its line number and reason,
and the import goes on. No SQL here: a :class:`Loader` (``store.admin.SubscriberImport``)
merges each batch and reports which rows were duplicates, so memory stays flat whatever
the file's size.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

from blaster import addresses
from blaster.errors import BlasterError

MAX_EMAIL = addresses.MAX_ADDRESS  #: RFC 5321's limit on a forward path
MAX_LOCAL = addresses.MAX_LOCAL  #: RFC 5321's limit on the local part
BATCH_SIZE = 50_000  #: rows per COPY batch

#: ``(line, email, name, attribs as JSON text)``: one valid row, ready for COPY
StagedRow = tuple[int, str, str, str]



#: ``\u0000`` in JSON text, escaping a NUL (after an even number of backslashes, if any)
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What the loader did with one batch.

    :param duplicates: ``(line, first line with the same address)`` of rows left out.
    """

    imported: int
    existing: int
    duplicates: tuple[tuple[int, int], ...]


class Loader(Protocol):
    """Merges batches of valid rows into the database."""

    def load(self, rows: Sequence[StagedRow]) -> BatchResult: ...


@dataclass(slots=True)
class Summary:
    """Counters of one import."""

    read: int = 0
    imported: int = 0
    existing: int = 0
    rejected: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Rows read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


# --- validation ------------------------------------------------------------------------------


#: why an address cannot be a subscriber's, or ``""`` (:func:`blaster.addresses.subscriber_problem`)
email_problem = addresses.subscriber_problem


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_attribs(text: str) -> dict[str, Any]:
    """The JSON object in an ``attribs`` cell (empty = ``{}``); ``ValueError`` says why not."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        raise ValueError(f"attribs is not valid JSON: {exc}") from None
    except RecursionError:
        raise ValueError("attribs nested too deeply") from None
    if not isinstance(value, dict):
        raise ValueError(f"attribs must be a JSON object, not {type(value).__name__}")
    return value


def attribs_json(attribs: dict[str, Any]) -> str:
    """JSON text PostgreSQL's jsonb accepts (no NUL, no lone surrogate); else ``ValueError``."""
    try:
        text = json.dumps(attribs, ensure_ascii=False, separators=(",", ":"))
    except RecursionError:
        raise ValueError("attribs nested too deeply") from None
    if _NUL_ESCAPE.search(text):
        raise ValueError("attribs contain a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("attribs contain an invalid unicode escape") from None
    return text


# --- rows ------------------------------------------------------------------------------------


class RowParser:
    """Turns the cells of one data row into a :data:`StagedRow`, or the reason it is bad.

    :param header: the file's header row.
    :raises BlasterError: when the header has no ``email`` column, repeats a column or
        holds a NUL character.
    """

    def __init__(self, header: Sequence[str]) -> None:
        if any("\x00" in h for h in header):
            raise BlasterError("the header contains a NUL character")
        names = [h.strip().lower() for h in header]
        repeated = sorted({n for n in names if n and names.count(n) > 1})
        if repeated:
            raise BlasterError(f"the header names column {repeated[0]!r} more than once")
        if "email" not in names:
            raise BlasterError(f"the header has no 'email' column (found: {', '.join(names)})")
        self.width = len(names)
        self.email = names.index("email")
        self.name = names.index("name") if "name" in names else None
        self.attribs = names.index("attribs") if "attribs" in names else None
        special = {"email", "name", "attribs", ""}
        self.extras = [(i, n) for i, n in enumerate(header) if names[i] not in special]
        self.extras = [(i, n.strip()) for i, n in self.extras]

    def parse(self, line: int, cells: list[str]) -> StagedRow | str:
        """The staged row, or the reason the row is rejected."""
        if len(cells) != self.width:
            return f"expected {self.width} fields, found {len(cells)}"
        if any("\x00" in c for c in cells):
            return "the row contains a NUL character"
        email = cells[self.email].strip()
        problem = email_problem(email)
        if problem:
            return problem
        name = cells[self.name].strip() if self.name is not None else ""
        try:
            attribs = self._attribs(cells)
        except ValueError as exc:
            return str(exc)
        return (line, email, name or addresses.local_part(email), attribs)

    def _attribs(self, cells: list[str]) -> str:
        if self.attribs is None and not self.extras:
            return "{}"
        merged: dict[str, Any] = {n: cells[i] for i, n in self.extras if cells[i] != ""}
        if self.attribs is not None:
            merged.update(parse_attribs(cells[self.attribs]))
        return attribs_json(merged)


def read_rows(fh: TextIO) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of ``(line number, cells)``; blank lines are skipped.

    The line number is where the record starts (a quoted field may span lines).
    """
    reader = csv.reader(fh, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise BlasterError(
            "the file is empty: expected a header row with an 'email' column"
        ) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        for cells in reader:
            if cells:
                yield start, cells
            start = reader.line_num + 1

    return header, rows()


# --- rejects ---------------------------------------------------------------------------------


class RejectWriter:
    """Writes rejected rows as CSV (``line, reason, original cells...``), opened lazily.

    :param path: the reject file, or ``None`` to only count rejects.
    :param header: the import file's header, repeated after ``line`` and ``reason``.
    """

    def __init__(self, path: str | Path | None, header: Sequence[str] = ()) -> None:
        self.path = Path(path) if path else None
        self.header = list(header)
        self.count = 0
        self._fh: TextIO | None = None
        self._writer: Any = None

    def write(self, line: int, reason: str, cells: Sequence[str]) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._writer is None:
            self._fh = self.path.open("w", newline="", encoding="utf-8")
            self._writer = csv.writer(self._fh)
            self._writer.writerow(["line", "reason", *self.header])
        self._writer.writerow([line, reason, *cells])

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


# --- the import ------------------------------------------------------------------------------


class Import:
    """Streams one CSV file into a :class:`Loader`.

    Parsing the next batch overlaps loading the previous one (one loader thread, at most one
    batch in flight), so the database and the parser work at the same time.

    :param loader: merges batches of valid rows (called from one other thread, in order).
    :param rejects: where rejected rows go.
    :param batch_size: rows per batch.
    :param on_batch: called with the running :class:`Summary` after each batch.
    """

    def __init__(
        self,
        loader: Loader,
        rejects: RejectWriter,
        *,
        batch_size: int = BATCH_SIZE,
        on_batch: Callable[[Summary], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.loader = loader
        self.rejects = rejects
        self.batch_size = batch_size
        self.on_batch = on_batch
        self.clock = clock
        self.summary = Summary()
        self._batch: list[StagedRow] = []
        self._cells: dict[int, list[str]] = {}
        self._pending: tuple[Future[BatchResult], dict[int, list[str]]] | None = None
        self._started = 0.0

    def run(self, parser: RowParser, rows: Iterator[tuple[int, list[str]]]) -> Summary:
        """Parse, validate and load every row; return the counters."""
        self._started = self.clock()
        with ThreadPoolExecutor(1, thread_name_prefix="import-loader") as pool:
            try:
                self._parse_all(parser, rows, pool)
                self._submit(pool)
            finally:
                self._collect()
        self.summary.seconds = self.clock() - self._started
        return self.summary

    def _parse_all(
        self, parser: RowParser, rows: Iterator[tuple[int, list[str]]], pool: ThreadPoolExecutor
    ) -> None:
        for line, cells in rows:
            self.summary.read += 1
            parsed = parser.parse(line, cells)
            if isinstance(parsed, str):
                self._reject(line, parsed, cells)
                continue
            self._batch.append(parsed)
            self._cells[line] = cells
            if len(self._batch) >= self.batch_size:
                self._submit(pool)

    def _reject(self, line: int, reason: str, cells: Sequence[str]) -> None:
        self.rejects.write(line, reason, cells)
        self.summary.rejected += 1

    def _submit(self, pool: ThreadPoolExecutor) -> None:
        """Wait for the batch in flight, then hand over the current one."""
        self._collect()
        if self._batch:
            self._pending = (pool.submit(self.loader.load, self._batch), self._cells)
            self._batch, self._cells = [], {}

    def _collect(self) -> None:
        """Count the batch in flight (re-raising its error) and write its duplicates."""
        if self._pending is None:
            return
        future, cells = self._pending
        self._pending = None
        result = future.result()
        self.summary.imported += result.imported
        self.summary.existing += result.existing
        for line, first in result.duplicates:
            self._reject(line, f"duplicate e-mail address (first on line {first})", cells[line])
        self.summary.seconds = self.clock() - self._started
        if self.on_batch is not None:
            self.on_batch(self.summary)


def import_file(
    path: str | Path,
    loader: Loader,
    *,
    reject_path: str | Path | None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[Summary], None] | None = None,
) -> Summary:
    """Import the CSV file at ``path`` (UTF-8, an optional BOM is skipped)."""
    with _open(path) as fh:
        try:
            header, rows = read_rows(fh)
            parser = RowParser(header)
        except BlasterError as exc:
            raise BlasterError(f"{path}: {exc}") from None
        except UnicodeDecodeError:
            raise BlasterError(f"{path}: not UTF-8 text") from None
        except csv.Error as exc:
            raise BlasterError(f"{path}: bad CSV in the header row: {exc}") from None
        rejects = RejectWriter(reject_path, header)
        job = Import(loader, rejects, batch_size=batch_size, on_batch=on_batch)
        try:
            return job.run(parser, rows)
        except UnicodeDecodeError:
            raise BlasterError(f"{path}: not UTF-8 text (after {job.summary.read} rows)") from None
        except csv.Error as exc:
            raise BlasterError(f"{path}: bad CSV after {job.summary.read} rows: {exc}") from None
        finally:
            rejects.close()


def _open(path: str | Path) -> TextIO:
    try:
        return Path(path).open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise BlasterError(f"cannot read {path}: {exc.strerror}") from None
