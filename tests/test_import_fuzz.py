"""Fuzzing the CSV import without a database: whatever the Unicode content (random addresses,
names, attribs JSON, extra columns, quotes, embedded line breaks, a BOM), `import_file` either
raises a BlasterError or accounts for every row: accepted, or rejected with the line where
the row starts and a reason; accepted + rejected = rows read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from blaster import importer
from blaster.errors import BlasterError

FUZZ = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])


class MemoryLoader:
    """The loader's contract without a database: an address already seen (any case) in an
    earlier row, in this batch or an earlier one, is a duplicate of its first line."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.accepted: dict[int, importer.StagedRow] = {}

    def load(self, rows: Sequence[importer.StagedRow]) -> importer.BatchResult:
        duplicates = []
        for row in rows:
            key = row[1].lower()
            if key in self.first:
                duplicates.append((row[0], self.first[key]))
            else:
                self.first[key] = row[0]
                self.accepted[row[0]] = row
        return importer.BatchResult(len(rows) - len(duplicates), 0, tuple(duplicates))


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def run_import(path: Path, batch_size: int) -> tuple[importer.Summary, MemoryLoader, list]:
    loader = MemoryLoader()
    rejects = path.with_suffix(".rejects.csv")
    rejects.unlink(missing_ok=True)
    summary = importer.import_file(path, loader, reject_path=rejects, batch_size=batch_size)
    rows: list[list[str]] = []
    if rejects.exists():
        with rejects.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
    return summary, loader, rows


def lines_of(text: str) -> int:
    """How many lines the csv reader counts in ``text`` (a file opened with newline='')."""
    return len(io.StringIO(text, newline="").readlines())


# --- strategies ------------------------------------------------------------------------------

GOOD = r"[a-z0-9._+-]{1,20}@[a-z0-9-]{1,20}(\.[a-z]{2,6}){1,2}"  #: addresses that must pass
_ATOM = "abcdefghijklmnopqrstuvwxyz0123456789"
GOOD_EMAIL = st.builds(
    "{}@{}.{}".format,
    st.text(_ATOM + "._+-", min_size=1, max_size=20),
    st.text(_ATOM + "-", min_size=1, max_size=20),
    st.sampled_from(["io", "de", "com", "co.uk"]),
)
TRICKY = st.sampled_from(
    ["", " ", "@", "a@b", "a @b.c", "a@b@c.d", '"q"@x.io', "x" * 70 + "@x.io", "ü@bücher.de"]
)
EMAIL = st.one_of(
    GOOD_EMAIL,
    GOOD_EMAIL.map(str.upper),
    GOOD_EMAIL.map(lambda e: f" {e}\t"),
    TRICKY,
    st.text(max_size=40),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
ATTRIBS = st.one_of(
    st.just(""),
    st.dictionaries(st.text(max_size=10), JSON_VALUE, max_size=4).map(json.dumps),
    JSON_VALUE.map(json.dumps),
    st.text(max_size=30),
    st.sampled_from([2, 900, 3000]).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(['{"n": NaN}', '{"n": "\\u0000"}', '{"s": "\\ud800"}', "{", '{"a":1}x']),
)
CELL = st.text(max_size=25)
EXTRA_NAME = st.text(min_size=1, max_size=10).filter(
    lambda n: n.strip().lower() not in {"", "email", "name", "attribs"} and "\x00" not in n
)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, list[int], int]:
    """CSV text, the line each data row starts on, and the header's width."""
    extras = draw(st.lists(EXTRA_NAME, max_size=3, unique_by=lambda n: n.strip().lower()))
    columns = [draw(st.sampled_from(["email", "Email", " EMAIL "]))]
    if draw(st.booleans()):
        columns.append(draw(st.sampled_from(["name", "Name"])))
    if draw(st.booleans()):
        columns.append("attribs")
    columns += extras
    columns = draw(st.permutations(columns))
    # with "\n" line ends a minimal writer leaves a lone "\r" unquoted: quote everything
    terminator, quoting = draw(
        st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\n", csv.QUOTE_ALL)])
    )

    def record(cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=terminator, quoting=quoting).writerow(cells)
        return out.getvalue()

    text = record(columns)
    line = lines_of(text) + 1
    starts = []
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 9)) == 0:  # a blank line: skipped, not a row
            text += terminator
            line += 1
        cells = []
        for col in columns:
            key = col.strip().lower()
            cells.append(draw(EMAIL if key == "email" else ATTRIBS if key == "attribs" else CELL))
        if draw(st.integers(0, 9)) == 0:  # the wrong number of fields
            cells = cells[:-1] if len(cells) > 1 and draw(st.booleans()) else [*cells, "extra"]
        rec = record(cells)
        starts.append(line)
        text += rec
        line += lines_of(rec)
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + text, starts, len(columns)


# --- properties ------------------------------------------------------------------------------


#: a row whose attribs nest 5,000 levels (the JSON decoder's recursion limit is lower)
DEEP_ROW = 'email,attribs\r\na@x.io,"' + '{""a"":' * 5000 + "1" + "}" * 5000 + '"\r\n'


@FUZZ
@given(csv_files(), st.integers(1, 7))
@example((DEEP_ROW, [2], 2), 1)
def test_every_row_is_accepted_or_rejected_with_its_line(fuzz_dir, case, batch_size):
    text, starts, _width = case
    path = fuzz_dir / "in.csv"
    path.write_text(text, encoding="utf-8", newline="")
    summary, loader, rejects = run_import(path, batch_size)

    rejected = {int(r[0]): r[1] for r in rejects}
    assert len(rejected) == len(rejects), "a line rejected twice"
    assert summary.read == len(starts)
    assert summary.imported + summary.rejected == summary.read
    assert summary.rejected == len(rejects) and summary.existing == 0
    assert rejected.keys() | loader.accepted.keys() == set(starts)
    assert not rejected.keys() & loader.accepted.keys()
    assert all(reason.strip() for reason in rejected.values())
    for _line, email, name, attribs in loader.accepted.values():
        assert importer.email_problem(email) == "" and email == email.strip()
        assert name and isinstance(json.loads(attribs), dict)
        assert "\x00" not in attribs + name + email
    for row in rejects:
        assert len(row) >= 2 and row[0].isdigit()


@FUZZ
@given(csv_files())
def test_good_rows_are_only_rejected_as_duplicates(fuzz_dir, case):
    """Rows with a plain address, the right width and a clean JSON object are accepted,
    except repeats of an address accepted earlier, which name the line of the first."""
    text, starts, width = case
    path = fuzz_dir / "good.csv"
    path.write_text(text, encoding="utf-8", newline="")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip().lower() for h in next(reader)]
    rows = [cells for cells in reader if cells]
    _summary, loader, rejects = run_import(path, 3)
    reasons = {int(r[0]): r[1] for r in rejects}
    first: dict[str, int] = {}  # address (any case) -> line it was accepted on
    for line, cells in zip(starts, rows, strict=True):
        if len(cells) != width or any("\x00" in c for c in cells):
            assert line in reasons
            continue
        email = cells[header.index("email")].strip()
        attribs = cells[header.index("attribs")] if "attribs" in header else ""
        key = email.lower()
        if re.fullmatch(GOOD, email, re.IGNORECASE) and (attribs == "" or clean_object(attribs)):
            if key in first:
                assert reasons[line] == f"duplicate e-mail address (first on line {first[key]})"
            else:
                assert line in loader.accepted, reasons.get(line)
        if line in loader.accepted:
            first.setdefault(key, line)


def not_json(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def clean_object(text: str) -> bool:
    """A JSON object PostgreSQL takes as it is (no NUL, no surrogate escapes)."""
    try:
        value = json.loads(text, parse_constant=not_json)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and "\\u0000" not in text and "\\ud8" not in text.lower()


@FUZZ
@given(
    st.one_of(
        st.text(max_size=200),
        st.text(alphabet=st.sampled_from('ab@.,"\r\n \ufeff{}:\x00é'), max_size=200),
    ),
    st.sampled_from(["", "email,name,attribs\n", "\ufeffEmail,x,x\n", "email\n"]),
)
def test_arbitrary_text_never_escapes_as_anything_but_a_blaster_error(fuzz_dir, body, header):
    path = fuzz_dir / "raw.csv"
    path.write_text(header + body, encoding="utf-8", errors="surrogatepass", newline="")
    try:
        summary, loader, rejects = run_import(path, 2)
    except BlasterError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    assert summary.imported + summary.rejected == summary.read
    assert len(loader.accepted) + len(rejects) == summary.read


def test_deep_attribs_are_a_reject_not_a_crash():
    parser = importer.RowParser(["email", "attribs"])
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    assert parser.parse(2, ["a@x.io", deep]) == "attribs nested too deeply"
    assert parser.parse(3, ["a@x.io", "[" * 100_000]) == "attribs nested too deeply"


@pytest.mark.parametrize("text", ['"', 'email,"na\nme'])
def test_an_unterminated_quote_in_the_header_is_one_error(fuzz_dir, text):
    path = fuzz_dir / "quote.csv"
    path.write_text(text)
    with pytest.raises(BlasterError, match="bad CSV in the header row"):
        run_import(path, 1)


def test_a_nul_in_the_header_is_one_error(fuzz_dir):
    path = fuzz_dir / "nul.csv"
    path.write_text("email,ci\x00ty\na@x.io,Oslo\n")
    with pytest.raises(BlasterError, match="header contains a NUL character"):
        run_import(path, 1)


def test_only_a_real_nul_is_refused_in_attribs():
    parser = importer.RowParser(["email", "note", "attribs"])
    literal = parser.parse(2, ["a@x.io", "C:\\u0000", '{"k": "\\\\u0000"}'])
    assert literal == (2, "a@x.io", "a", '{"note":"C:\\\\u0000","k":"\\\\u0000"}')
    assert parser.parse(3, ["a@x.io", "", '{"k": "\\\\\\u0000"}']) == (
        "attribs contain a NUL character"
    )


def test_bytes_that_are_not_utf8_are_one_error(fuzz_dir):
    path = fuzz_dir / "latin1.csv"
    path.write_bytes(b"email,name\na@x.io,J\xfcrgen\n")
    with pytest.raises(BlasterError, match="not UTF-8 text"):
        run_import(path, 1)
