"""Hostile input at every door: each case is refused early with its exact problem, or read correctly.

Each case of the corpus builds, in a fresh folder, what an attacker or a
careless user would hand over (a link out of a data package, a named pipe,
a zip bomb, a table a million columns wide) and states every problem that
loading it must report, as the command line lists them. Nothing of a file
that is not a record is ever quoted.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import gpworkshop as gw
from gpworkshop import _files, limits, tables
from gpworkshop._listing import capped
from gpworkshop.codes import CATALOGUE
from tests.commands import run
from tests.records import EXAMPLES

RECORD = EXAMPLES / "busan-gp-workshop-2014.yaml"
#: A line of /etc/passwd, which no message may ever quote.
SECRET = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"

Expected = list[tuple[str, str, int | None, int | None]]
CORPUS: dict[str, tuple[Callable[[Path], Path], Expected]] = {}


def case(expected: Expected) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    """Add the builder it decorates to the corpus, with every problem (code, file, line, column) expected."""

    def add(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        CORPUS[build.__name__.replace("_", "-")] = (build, expected)
        return build

    return add


def package(folder: Path, format_: str = "csv") -> Path:
    path = folder / "package"
    gw.dump(gw.load(RECORD), path, format=format_)
    return path


def workbook(folder: Path) -> Path:
    path = folder / "book.xlsx"
    gw.dump(gw.load(RECORD), path)
    return path


def secret(folder: Path) -> Path:
    outside = folder / "elsewhere"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET, "utf-8")
    return outside / "passwd"


def rezipped(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """The workbook *path* written again with each part changed by *change*."""
    with zipfile.ZipFile(path) as old:
        parts = [(info, change(info.filename, old.read(info))) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def declared_size(path: Path, member: str, size: int) -> Path:
    """The workbook *path* with the inflated size of *member* stated as *size* in both of the zip's headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(member)
    name = member.encode()
    # The local header: the sizes at bytes 18 (compressed) and 22 (inflated) after its signature.
    struct.pack_into("<I", data, info.header_offset + 22, size)
    # The central directory, after every part, names each part last: its entry starts 46 bytes before the name.
    central = data.rfind(name) - 46
    assert data[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))
    return path


# The stakeholders' sheet of a workbook: the first after the About sheet.
STAKEHOLDERS_SHEET = "xl/worksheets/sheet2.xml"


@case([("GPW100", "package/stakeholders.csv", None, None)])
def link_out_of_a_package(folder: Path) -> Path:
    path = package(folder)
    (path / "stakeholders.csv").unlink()
    (path / "stakeholders.csv").symlink_to(secret(folder))
    return path


@case([("GPW100", "package/linked/events.csv", None, None)])
def linked_folder_in_a_package(folder: Path) -> Path:
    path = package(folder)
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    (path / "events.csv").rename(elsewhere / "events.csv")
    (path / "linked").symlink_to(elsewhere)
    descriptor = (path / "datapackage.json").read_text("utf-8")
    (path / "datapackage.json").write_text(descriptor.replace('"events.csv"', '"linked/events.csv"'), "utf-8")
    return path


@case([("GPW100", "records/passwd.yaml", None, None)])
def link_out_of_a_folder_of_records(folder: Path) -> Path:
    path = folder / "records"
    path.mkdir()
    shutil.copy(RECORD, path)
    (path / "passwd.yaml").symlink_to(secret(folder))
    return path


@case([("GPW202", "package/stakeholders.csv", None, None)])
def passwd_as_a_table(folder: Path) -> Path:
    path = package(folder)
    shutil.copy(secret(folder), path / "stakeholders.csv")
    return path


@case([("GPW100", "pipe.yaml", None, None)])
def named_pipe_as_a_record(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.yaml")
    return folder / "pipe.yaml"


@case([("GPW100", "package/events.csv", None, None)])
def named_pipe_as_a_table(folder: Path) -> Path:
    path = package(folder)
    (path / "events.csv").unlink()
    os.mkfifo(path / "events.csv")
    return path


@case([("GPW100", "records/pipe.yaml", None, None)])
def named_pipe_in_a_folder_of_records(folder: Path) -> Path:
    path = folder / "records"
    path.mkdir()
    shutil.copy(RECORD, path)
    os.mkfifo(path / "pipe.yaml")
    return path


@case([("GPW100", "zero.yaml", None, None)])
def device_as_a_record(folder: Path) -> Path:
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder / "zero.yaml"


@case([("GPW101", "book.xlsx", None, None)])
def entity_in_a_worksheet(folder: Path) -> Path:
    def entity(name: str, data: bytes) -> bytes:
        if name != STAKEHOLDERS_SHEET:
            return data
        declared = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet'
        return data.replace(b"<worksheet", declared, 1).replace(b"<sheetData>", b"<sheetData>&xxe;", 1)

    return rezipped(workbook(folder), entity)


@case([("GPW101", "book.xlsx", None, None)])
def entities_in_the_shared_strings(folder: Path) -> Path:
    def laughs(name: str, data: bytes) -> bytes:
        if name != "xl/sharedStrings.xml":
            return data
        declared = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><sst'
        return data.replace(b"<sst", declared, 1).replace(b"<si><t>", b"<si><t>&b;", 1)

    return rezipped(workbook(folder), laughs)


@case([("GPW104", "book.xlsx", None, None)])
def zip_bomb(folder: Path) -> Path:
    def bomb(name: str, data: bytes) -> bytes:
        return (
            data.replace(b"<sheetData>", b"<sheetData>" + b" " * 8 * 2**20, 1) if name == STAKEHOLDERS_SHEET else data
        )

    return rezipped(workbook(folder), bomb)


@case([("GPW104", "book.xlsx", None, None)])
def parts_declared_larger_than_allowed(folder: Path) -> Path:
    return declared_size(workbook(folder), STAKEHOLDERS_SHEET, limits.INFLATED_BYTES + 1)


@case([("GPW101", "book.xlsx", None, None)])
def part_larger_than_declared(folder: Path) -> Path:
    return declared_size(workbook(folder), STAKEHOLDERS_SHEET, 100)


@case([("GPW104", "package/events.jsonl", 2, 71)])
def json_lines_nested_a_hundred_thousand_deep(folder: Path) -> Path:
    path = package(folder, "jsonl")
    with (path / "events.jsonl").open("a", encoding="utf-8") as file:
        file.write('{"id": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    return path


@case([("GPW101", "package/stakeholders.jsonl", 1, 22)])
def not_a_number_in_json_lines(folder: Path) -> Path:
    path = package(folder, "jsonl")
    table = path / "stakeholders.jsonl"
    first, *rest = table.read_text("utf-8").splitlines(keepends=True)
    table.write_text(first.split('"name":')[0] + '"name":NaN}\n' + "".join(rest), "utf-8")
    return path


@case([("GPW206", "package/datapackage.json", 11, 15)])
def nul_in_a_resource_path(folder: Path) -> Path:
    path = package(folder)
    descriptor = (path / "datapackage.json").read_text("utf-8")
    (path / "datapackage.json").write_text(
        descriptor.replace('"stakeholders.csv"', '"stake\\u0000holders.csv"'), "utf-8"
    )
    return path


@case([("GPW205", "package/datapackage.json", 12, 17)])
def resource_problem_at_its_own_line(folder: Path) -> Path:
    path = package(folder)
    descriptor = (path / "datapackage.json").read_text("utf-8")
    (path / "datapackage.json").write_text(descriptor.replace('"format": "csv"', '"format": "dbf"', 1), "utf-8")
    return path


@case([("GPW104", "package/stakeholders.csv", 1, None)])
def a_million_columns(folder: Path) -> Path:
    path = package(folder)
    (path / "stakeholders.csv").write_text(",".join(f"c{n}" for n in range(1_000_000)) + "\r\n", "utf-8")
    return path


@case([("GPW104", "book.xlsx:Stakeholders!A1000002", None, None)])
def a_sheet_of_a_million_rows(folder: Path) -> Path:
    def full(name: str, data: bytes) -> bytes:
        if name != STAKEHOLDERS_SHEET:
            return data
        start = data.index(b'<dimension ref="') + len(b'<dimension ref="')
        end = data.index(b'"', start)
        return data[:start] + b"A1:J1048576" + data[end:]

    return rezipped(workbook(folder), full)


@case([("GPW104", "package/datapackage.json", 7, 16)])
def a_hundred_thousand_resources(folder: Path) -> Path:
    path = package(folder)
    resource = '{"name": "x", "path": "x.csv"}'
    descriptor = (path / "datapackage.json").read_text("utf-8")
    start = descriptor.index('"resources": [') + len('"resources": [')
    (path / "datapackage.json").write_text(
        descriptor[:start] + ",".join([resource] * 100_000) + "," + descriptor[start:], "utf-8"
    )
    return path


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_input_gets_exactly_the_expected_problems(name: str, tmp_path: Path) -> None:
    build, expected = CORPUS[name]
    path = build(tmp_path)

    with pytest.raises(gw.LoadError) as caught:
        gw.load(path)

    found = [
        (p.code, os.path.relpath(p.source or "", tmp_path), p.line, p.column) for p in capped(caught.value.problems)
    ]
    assert expected == found


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_nothing_of_a_file_that_is_not_a_record_is_ever_quoted(name: str, tmp_path: Path) -> None:
    build, _ = CORPUS[name]
    path = build(tmp_path)

    with pytest.raises(gw.LoadError) as caught:
        gw.load(path)

    for problem in caught.value.problems:
        assert problem.code in CATALOGUE
        assert "root:" not in problem.message
        assert "daemon" not in problem.message


# Each limit, at the limit and one past it.

TABLE_FORMATS = ["csv", "jsonl", "parquet", "xlsx"]


def written(folder: Path, format_: str) -> Path:
    """The example record written as *format_*."""
    return workbook(folder) if format_ == "xlsx" else package(folder, format_)


def limit_problems(path: Path) -> list[str]:
    """The codes of the problems of loading *path* that are about a limit."""
    try:
        gw.load(path)
    except gw.LoadError as error:
        return [problem.code for problem in error.problems if problem.code == "GPW104"]
    return []


def assert_limit_holds(monkeypatch: pytest.MonkeyPatch, path: Path, name: str, at: int) -> None:
    """*path* is read with the limit *name* set to *at*, and refused with ``GPW104`` when it is one less."""
    monkeypatch.setattr(limits, name, at)
    assert [] == limit_problems(path), name
    monkeypatch.setattr(limits, name, at - 1)
    assert ["GPW104"] == limit_problems(path), name
    monkeypatch.setattr(limits, name, at)


LONGEST = max(len(rows) for rows in tables.rows(gw.load(RECORD)).values())
WIDEST = max(len(table.columns) for table in tables.TABLES)


@pytest.mark.parametrize("format_", TABLE_FORMATS)
@pytest.mark.parametrize(("limit", "largest"), [("TABLE_ROWS", LONGEST), ("TABLE_COLUMNS", WIDEST)])
def test_tables_at_the_limits_of_their_shape_are_read_and_one_row_or_column_more_is_refused(
    format_: str, limit: str, largest: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_limit_holds(monkeypatch, written(tmp_path, format_), limit, largest)


@pytest.mark.parametrize("format_", ["yaml", "json", "csv", "xlsx"])
def test_files_as_large_as_the_limit_are_read_and_one_byte_more_is_refused(
    format_: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if format_ in ("yaml", "json"):
        path = tmp_path / f"record.{format_}"
        gw.dump(gw.load(RECORD), path)
        largest = path.stat().st_size
    else:
        path = written(tmp_path, format_)
        # The descriptor of a data package has a limit of its own.
        files = [path, *path.glob("*")]
        largest = max(file.stat().st_size for file in files if file.is_file() and file.name != "datapackage.json")

    assert_limit_holds(monkeypatch, path, "FILE_BYTES", largest)


def test_a_descriptor_as_large_as_its_limit_is_read_and_one_byte_more_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = package(tmp_path, "csv")

    assert_limit_holds(monkeypatch, path, "DESCRIPTOR_BYTES", (path / "datapackage.json").stat().st_size)


def test_as_many_tables_as_the_limit_are_read_and_one_more_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path)
    with zipfile.ZipFile(book) as archive:
        sheets = archive.read("xl/workbook.xml").count(b"<sheet ")

    assert_limit_holds(monkeypatch, package(tmp_path), "TABLES", len(tables.TABLES))
    assert_limit_holds(monkeypatch, book, "TABLES", sheets)


def test_workbook_parts_at_each_limit_are_read_and_past_it_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path)
    with zipfile.ZipFile(book) as archive:
        parts = archive.infolist()
    largest = max(parts, key=lambda part: part.file_size)
    steepest = max(parts, key=lambda part: part.file_size / part.compress_size)
    ratio = -(-steepest.file_size // steepest.compress_size)

    assert_limit_holds(monkeypatch, book, "ZIP_MEMBERS", len(parts))
    assert_limit_holds(monkeypatch, book, "INFLATED_BYTES", sum(part.file_size for part in parts))
    monkeypatch.setattr(limits, "INFLATION_RATIO_FROM", 0)
    assert_limit_holds(monkeypatch, book, "INFLATION_RATIO", ratio)
    monkeypatch.setattr(limits, "INFLATION_RATIO", 1)
    assert_limit_holds(monkeypatch, book, "INFLATION_RATIO_FROM", largest.file_size)


def test_an_xml_part_whose_first_element_starts_past_the_prolog_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comment = b"<!--" + b"x" * 1000 + b"-->"
    book = rezipped(
        workbook(tmp_path),
        lambda name, data: (
            data.replace(b"<worksheet", comment + b"<worksheet", 1) if name == STAKEHOLDERS_SHEET else data
        ),
    )
    with zipfile.ZipFile(book) as archive:
        first_element = archive.read(STAKEHOLDERS_SHEET).index(b"<worksheet")

    monkeypatch.setattr(limits, "XML_PROLOG_BYTES", first_element + 1)
    assert [] == limit_problems(book)
    monkeypatch.setattr(limits, "XML_PROLOG_BYTES", first_element)
    with pytest.raises(gw.LoadError) as caught:
        gw.load(book)
    assert ["GPW101"] == [problem.code for problem in caught.value.problems]


@pytest.mark.parametrize("format_", ["yaml", "json", "jsonl"])
def test_nesting_as_deep_as_the_limit_is_no_limit_problem_and_one_deeper_is(format_: str, tmp_path: Path) -> None:
    def nested(depth: int) -> Path:
        # The record's mapping, or the object of a row of a table, is the first level.
        inner = depth - 1
        value = "[" * inner + "]" * inner
        if format_ == "jsonl":
            path = package(tmp_path / str(depth), "jsonl")
            (path / "event_themes.jsonl").write_text(f'{{"event": "busan-gp-workshop-2014", "theme": {value}}}\n')
            return path
        path = tmp_path / f"{depth}.{format_}"
        text = f'{{"gpworkshop": 1, "events": {value}}}' if format_ == "json" else f"gpworkshop: 1\nevents: {value}\n"
        path.write_text(text, "utf-8")
        return path

    (tmp_path / str(limits.DEPTH)).mkdir()
    (tmp_path / str(limits.DEPTH + 1)).mkdir()
    assert [] == limit_problems(nested(limits.DEPTH))
    assert ["GPW104"] == limit_problems(nested(limits.DEPTH + 1))


def test_aliases_that_expand_as_far_as_the_limit_are_read_and_one_value_more_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "gpworkshop: 1\nstakeholders:\n  - {id: a, name: &name A, kind: other, acronym: *name}\n"
    monkeypatch.setattr(limits, "ALIAS_GROWTH", 0)

    monkeypatch.setattr(limits, "ALIAS_ALLOWANCE", 1)
    assert "a" == gw.loads(text).stakeholders[0].id
    monkeypatch.setattr(limits, "ALIAS_ALLOWANCE", 0)
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text)
    assert [("GPW104", 3, 50)] == [(p.code, p.line, p.column) for p in caught.value.problems]


@pytest.mark.parametrize("format_", ["yaml", "json", "jsonl"])
def test_numbers_as_long_as_the_limit_are_read_and_one_digit_more_is_refused(format_: str, tmp_path: Path) -> None:
    def record(digits: int) -> Path:
        number = "9" * digits
        if format_ == "yaml":
            path = tmp_path / f"{digits}.yaml"
            path.write_text(f"gpworkshop: 1\nevents: [{{id: e, edition: {number}}}]\n", "utf-8")
            return path
        if format_ == "jsonl":
            path = package(tmp_path / str(digits), "jsonl")
            table = path / "event_themes.jsonl"
            table.write_text(f'{{"event": "busan-gp-workshop-2014", "theme": {number}}}\n', "utf-8")
            return path
        path = tmp_path / f"{digits}.json"
        path.write_text(f'{{"gpworkshop": 1, "events": [{{"id": "e", "edition": {number}}}]}}', "utf-8")
        return path

    (tmp_path / str(limits.NUMBER_DIGITS)).mkdir()
    (tmp_path / str(limits.NUMBER_DIGITS + 1)).mkdir()
    assert [] == limit_problems(record(limits.NUMBER_DIGITS))
    assert ["GPW104"] == limit_problems(record(limits.NUMBER_DIGITS + 1))


def test_as_many_problems_as_the_limit_are_listed_and_the_rest_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.load(Path(__file__).parent / "bad" / "many-problems.yaml")
    problems = caught.value.problems

    monkeypatch.setattr(limits, "PROBLEMS_PER_FILE", len(problems))
    assert list(problems) == capped(problems)
    monkeypatch.setattr(limits, "PROBLEMS_PER_FILE", len(problems) - 1)
    *listed, more = capped(problems)
    assert list(problems[:-1]) == listed
    assert ("GPW110", problems[0].source, None) == (more.code, more.source, more.line)
    assert more.message.startswith("1 more problem (1 of them errors) are not listed: at most 119 are listed")


# The command line, when its surroundings fail.


def command(*args: str, stdout: int | io.TextIOWrapper = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gpworkshop", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, check=False
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("verb", ["report", "validate"])
def test_a_full_disk_on_standard_output_is_an_error_not_a_traceback(verb: str) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        finished = command(verb, str(RECORD), stdout=full)

    assert (1, f"gpworkshop {verb}: error: cannot write the output: No space left on device\n") == (
        finished.returncode,
        finished.stderr,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("option", [["--version"], ["--help"], ["validate", "--help"]])
def test_a_full_disk_is_an_error_for_the_version_and_the_help_too(option: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        finished = command(*option, stdout=full)

    assert (1, "gpworkshop: error: cannot write the output: No space left on device\n") == (
        finished.returncode,
        finished.stderr,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="signals as POSIX has them")
def test_an_interrupt_once_the_work_is_done_ends_the_process_without_a_traceback(tmp_path: Path) -> None:
    """Python's own shutdown would print a traceback for an interrupt that arrives as the command exits."""
    script = (
        "import os, signal, sys\n"
        "from gpworkshop.cli import main\n"
        f"sys.argv = ['gpworkshop', 'export', {str(RECORD)!r}, '-o', {str(tmp_path / 'out.jsonld')!r}]\n"
        "status = main()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.exit(status)\n"
    )

    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)

    assert (-2, "") == (finished.returncode, finished.stderr)
    assert (tmp_path / "out.jsonld").is_file()


def test_diff_as_git_driver_reads_a_workbook_from_a_file_without_a_suffix(tmp_path: Path) -> None:
    book = workbook(tmp_path)
    old, new = tmp_path / "old-version", tmp_path / "new-version"
    shutil.copy(book, old)
    shutil.copy(book, new)
    new.write_bytes(new.read_bytes()[:1000])

    same = command("diff", "--git", "book.xlsx", str(old), "1" * 40, "100644", str(old), "2" * 40, "100644")
    cut = command("diff", "--git", "book.xlsx", str(old), "1" * 40, "100644", str(new), "2" * 40, "100644")

    assert (0, "book.xlsx\nNo changes.\n", "") == (same.returncode, same.stdout, same.stderr)
    assert (1, "") == (cut.returncode, cut.stdout)
    assert cut.stderr.startswith(
        f"{new}: GPW101: not an Excel workbook (.xlsx) that can be read: it is not a ZIP archive, as every workbook is"
    )


def test_a_file_name_holding_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    name = tmp_path / "clear\x1b[2J.yaml"
    name.write_text("gpworkshop: 1\nstakeholders: [\n", "utf-8")

    status, out, _ = run("validate", str(name))

    assert 1 == status
    assert out.startswith(f"{tmp_path}/clear\\x1b[2J.yaml:2:15: GPW101")
    assert "\x1b" not in out


def test_a_name_holding_a_nul_byte_is_a_problem_not_an_error(tmp_path: Path) -> None:
    problem = _files.read_file(tmp_path / "a\0b.yaml", "a\\0b.yaml")

    assert isinstance(problem, gw.Problem)
    assert ("GPW100", "cannot read the file: its name holds a NUL byte") == (problem.code, problem.message)


def test_a_named_pipe_has_no_head_to_tell_its_format_by(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")

    assert _files.file_head(tmp_path / "pipe.json", 100) is None


@pytest.mark.parametrize("character", ["\x7f", "\x9b", "\ufffe"])
def test_a_json_record_holding_a_character_yaml_refuses_is_renamed_in_place(tmp_path: Path, character: str) -> None:
    path = tmp_path / "record.json"
    text = (
        '{"gpworkshop": 1, "stakeholders": [{"id": "a", "name": "x' + character + 'y", "kind": "network"}], '
        '"events": []}\n'
    )
    path.write_text(text, "utf-8")

    status, out, err = run("rename", "a", "b", str(path))

    assert (0, f"renamed 'a' to 'b' in 1 file: {path}\n", "") == (status, out, err)
    assert text.replace('"id": "a"', '"id": "b"') == path.read_text("utf-8")


def test_a_file_renamed_in_is_named_without_its_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "clear\x1b[2J.yaml"
    path.write_text("gpworkshop: 1\nstakeholders:\n  - {id: a, name: A, kind: network}\n", "utf-8")

    status, out, err = run("rename", "a", "b", str(path))

    assert (0, f"renamed 'a' to 'b' in 1 file: {tmp_path}/clear\\x1b[2J.yaml\n", "") == (status, out, err)


def test_the_problems_of_a_sheet_are_capped_as_those_of_a_file(tmp_path: Path) -> None:
    from gpworkshop.formats import xlsx

    rows = tables.rows(gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml"))
    many = limits.PROBLEMS_PER_FILE + 20
    # Stakeholders no event names, each of a kind there is not: an error in a cell of every row.
    extra = [(f"s{number}", f"Stakeholder {number}", None, "ngo", *(None,) * 6) for number in range(many)]
    rows["stakeholders"] = [*rows["stakeholders"], *extra]
    book = tmp_path / "many.xlsx"
    book.write_bytes(xlsx.workbook(rows))

    status, out, _ = run("validate", str(book))

    lines = out.splitlines()
    kinds = [line for line in lines if "GPW205" in line and ".kind:" in line]
    assert 1 == status
    assert limits.PROBLEMS_PER_FILE >= len(kinds)
    [more] = [line for line in lines if "GPW110" in line]
    assert f"{book}:Stakeholders: GPW110: 20 more problems (20 of them errors) are not listed" in more


@pytest.mark.parametrize(("text", "code"), [('{"stakeholders": []}', "GPW107"), ("[1, 2, 3]", "GPW106")])
def test_a_document_wrong_as_a_whole_is_placed_without_scanning_it_again(
    monkeypatch: pytest.MonkeyPatch, text: str, code: str
) -> None:
    from gpworkshop.formats import json as json_format

    def scanned(*_: object) -> None:
        raise AssertionError("a document that is not a record was scanned for the places of its values")

    monkeypatch.setattr(json_format, "_json_positions", scanned)

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text, "json", source="big.json")

    [problem] = caught.value.problems
    assert (code, "big.json", 1, 1) == (problem.code, problem.source, problem.line, problem.column)
