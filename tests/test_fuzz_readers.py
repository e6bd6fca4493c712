"""Every reader, fed mutated bytes of real exports, gives a record (or its table) or a LoadError, nothing else.

The mutations are those of damaged and of hostile files: bits flipped, the
end cut off, nesting, huge numbers and control characters inserted, bytes
dropped or repeated; a file of a data package mutated, dropped or emptied;
a part of a workbook mutated, replaced by a zip bomb or given a document
type. Each reading must end within a time budget and without taking
memory out of proportion to its input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import re
import resource
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import collect, formats, limits, reports
from gpworkshop.collect import answers, survey
from tests.problems import assert_well_formed
from tests.records import EXAMPLES

SEED = EXAMPLES / "busan-gp-workshop-2014.yaml"
READERS = [name for name, format_ in formats.registry().items() if format_.readable]
#: Far more than any of these small inputs needs: a reader over it has hung or is quadratic.
SECONDS = 30
#: Far more than any of these small inputs needs: a reader over it has taken memory out of proportion.
MEGABYTES = 512

# Tables and workbooks cost more to write and read than text: fewer examples keep the suite quick.
TABLE_EXAMPLES = settings(max_examples=max(settings().max_examples // 4, 10))


@functools.cache
def exported(format_: str) -> dict[str, bytes]:
    """The files of the seed record written in *format_*, by name within its folder ('' for a single file)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "record"
        kb = gw.load(SEED)
        format_entry = formats.get(format_)
        if format_entry.save is not None and format_entry.marker is not None:
            format_entry.save(kb, target)
            return {path.name: path.read_bytes() for path in sorted(target.iterdir())}
        if format_entry.save is not None:
            format_entry.save(kb, target)
        else:
            assert format_entry.write is not None
            target.write_text(format_entry.write(kb), "utf-8")
        return {"": target.read_bytes()}


INSERTIONS = st.one_of(
    st.integers(1, 200_000).map(lambda depth: b"[" * depth),
    st.integers(1, 200_000).map(lambda depth: b'{"a":' * depth),
    st.integers(1, 50_000).map(lambda depth: b"- " * depth),
    st.sampled_from([b"9" * 5000, b"1e999", b"-1e999", b"NaN", b"Infinity", b"99999999:00", b"\x00", b"\xff\xfe"]),
    st.integers(0, 0x9F).map(lambda code: chr(code).encode()),
    st.binary(max_size=64),
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """*data*, with one to three mutations."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "drop", "repeat", "number"]))
        numbers = [found.span() for found in re.finditer(rb"[0-9]+", data)] if action == "number" else []
        if numbers:
            start, end = draw(st.sampled_from(numbers))
            data = data[:start] + draw(st.sampled_from([b"9" * 5000, b"-" + b"9" * 101, b"1e999"])) + data[end:]
        elif action == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
        elif action == "cut":
            data = data[:at]
        elif action == "insert":
            data = data[:at] + draw(INSERTIONS) + data[at:]
        else:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data = data[:at] + (data[at:end] * 2 if action == "repeat" else b"") + data[end:]
    return data


@st.composite
def mutated_files(draw: st.DrawFn, format_: str) -> dict[str, bytes | None]:
    """The files of the seed in *format_*, one or two of them mutated, emptied or dropped (``None``)."""
    files: dict[str, bytes | None] = dict(exported(format_))
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(sorted(files)))
        original = files[name] or b""
        if format_ == "xlsx":
            files[name] = draw(mutated_workbooks(original))
            continue
        choice = draw(st.sampled_from(["mutate", "mutate", "mutate", "empty", "drop"]))
        files[name] = draw(mutated(original)) if choice == "mutate" else (b"" if choice == "empty" else None)
    return files


#: Parts that could stand in a workbook: a zip bomb, a document type that brings an entity, noise.
HOSTILE_PARTS = st.sampled_from(
    [
        b"<worksheet>" + b" " * (2 * limits.INFLATION_RATIO_FROM) + b"</worksheet>",
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet>&e;</worksheet>',
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet>&b;</worksheet>',
        b"",
        b"not xml",
    ]
)


@st.composite
def mutated_workbooks(draw: st.DrawFn, book: bytes) -> bytes:
    """The workbook *book*, with its bytes mutated, or one of its parts mutated or replaced."""
    try:
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # noqa: BLE001  (a workbook already mutated may fail to open any way zipfile knows)
        parts = {}
    if not parts or draw(st.booleans()):
        return draw(mutated(book))
    name = draw(st.sampled_from(sorted(parts)))
    parts[name] = draw(mutated(parts[name]) | HOSTILE_PARTS)
    buffer = io.BytesIO(b"")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


def assert_reads_cleanly(files: dict[str, bytes | None], format_: str) -> None:
    """Writing *files* to a fresh folder and loading them gives a record or a LoadError, within the budget."""
    with tempfile.TemporaryDirectory() as folder:
        single = set(files) == {""}
        path = Path(folder) / ("record" + (formats.get(format_).suffixes or ("",))[0] if single else "record")
        if not single:
            path.mkdir()
        for name, data in files.items():
            if data is not None:
                (path / name if name else path).write_bytes(data)
        with budget():
            try:
                gw.load(path, format=format_)
            except gw.LoadError as error:
                assert_well_formed(error.problems, str(path), positioned=False)


class OverBudgetError(Exception):
    """A reading took longer than the budget allows."""


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """Fail what runs inside if it takes over :data:`SECONDS`, or raises the peak memory by over :data:`MEGABYTES`."""

    def stop(_signal: int, _frame: Any) -> None:
        raise OverBudgetError(f"reading took more than {SECONDS} s")

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown < MEGABYTES, f"reading raised the peak memory by {grown:.0f} MB"


def test_every_reader_of_the_registry_is_fuzzed() -> None:
    assert sorted(["yaml", "json", "csv", "xlsx", "parquet", "jsonl", "schedule"]) == sorted(READERS)


@pytest.mark.parametrize("format_", ["yaml", "json", "schedule"])
@given(data=st.data())
def test_mutated_bytes_of_a_text_give_a_record_or_a_load_error(format_: str, data: st.DataObject) -> None:
    assert_reads_cleanly(data.draw(mutated_files(format_)), format_)


@pytest.mark.parametrize("format_", ["csv", "jsonl", "parquet", "xlsx"])
@TABLE_EXAMPLES
@given(data=st.data())
def test_mutated_tables_give_a_record_or_a_load_error(format_: str, data: st.DataObject) -> None:
    assert_reads_cleanly(data.draw(mutated_files(format_)), format_)


# --- Tables of anyone's making, and survey workbooks, read by gpworkshop.collect --------------------------------

THEIR_TABLE = Path(__file__).parent / "spreadsheets" / "camp2019-programme.csv"


@functools.cache
def their_workbook() -> bytes:
    """The programme of the real CSV file, as a workbook of anyone's making."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in collect.read_table(THEIR_TABLE).rows:
        sheet.append([str(cell) if cell is not None else None for cell in row[1]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def assert_collect_reads_cleanly(data: bytes, suffix: str, read: Any) -> None:
    """*read* of *data*, written to a file with *suffix*, gives its result or a LoadError, within the budget."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"theirs{suffix}"
        path.write_bytes(data)
        with budget():
            try:
                read(path)
            except gw.LoadError as error:
                assert_well_formed(error.problems, str(path), positioned=False)


@TABLE_EXAMPLES
@given(data=st.data())
def test_a_mutated_table_of_anyones_making_gives_a_table_or_a_load_error(data: st.DataObject) -> None:
    if data.draw(st.booleans()):
        assert_collect_reads_cleanly(data.draw(mutated(THEIR_TABLE.read_bytes())), ".csv", collect.read_table)
    else:
        assert_collect_reads_cleanly(data.draw(mutated_workbooks(their_workbook())), ".xlsx", collect.read_table)


@TABLE_EXAMPLES
@given(data=st.data())
def test_a_mutated_survey_workbook_gives_its_answers_or_a_load_error(data: st.DataObject) -> None:
    [made] = survey.surveys(gw.load(EXAMPLES / "regional-symposium-2023"), as_of=dt.date(2024, 1, 31))
    assert_collect_reads_cleanly(data.draw(mutated_workbooks(made.workbook)), ".xlsx", answers.read_answers)


# --- A secretariat's Word file, whose styles a Word report takes ------------------------------------------------


@functools.cache
def reference_document() -> bytes:
    """A Word file with a style of its own and text, as a secretariat's reference would be."""
    import docx

    made = docx.Document()
    made.styles["Heading 1"].font.bold = True
    made.add_paragraph("Secretariat of the network", style="Title")
    buffer = io.BytesIO()
    made.save(buffer)
    return buffer.getvalue()


@TABLE_EXAMPLES
@given(data=st.data())
def test_a_mutated_reference_document_gives_a_word_file_or_a_report_error(data: st.DataObject) -> None:
    document = reports.Document(title="Outcome", blocks=(reports.Section("Takeaways"),))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reference.docx"
        path.write_bytes(data.draw(mutated_workbooks(reference_document())))
        with budget():
            try:
                made = reports.render_bytes(document, "docx", reference_docx=path)
            except reports.ReportError as error:
                made, refusal = b"", str(error)
    if made:
        assert zipfile.ZipFile(io.BytesIO(made)).testzip() is None
    else:
        assert "'reference.docx'" in refusal
