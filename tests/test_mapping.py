"""Tables of other people's making, read through a mapping: ``map`` guesses it, ``import --map`` applies it."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import codes, collect
from gpworkshop.collect._moments import spelling_of
from tests.commands import run
from tests.records import EXAMPLES

SPREADSHEETS = Path(__file__).parent / "spreadsheets"
CAMP = SPREADSHEETS / "camp2019-programme.csv"
SIDE_EVENTS = SPREADSHEETS / "side-events-programme.csv"

#: The mapping of the contract, as written in the design.
CONTRACT = r"""gpworkshop-map: 1
rows: events              # also: stakeholders
sheet: Programme
columns:
  title: Title
  start: Start            # a date-time cell, or text parsed with `format:` or as detected
  end: End
  location.venue: Location
  summary: {column: Description, html: text}
  participants:
    - {column: Organisers, role: organiser, split: ";", strip: "^\\s*\\d+\\.\\s*"}
defaults:
  format: session
  location.timezone: Europe/Warsaw
"""

#: The codes of problems that only reading a table through a mapping finds, each shown by a test here.
CODES_SHOWN = frozenset({"GPW112", "GPW113"})


#: The forms a table is read in: the CSV file itself, and a workbook made of it with text or with date cells.
FORMS = ["csv", "xlsx with text", "xlsx with date cells"]


def table_in(form: str, path: Path, folder: Path, *, sheet: str) -> Path:
    """The CSV file *path* in *form*, one of :data:`FORMS`."""
    return path if form == "csv" else workbook_of(path, folder, sheet=sheet, typed=form.endswith("cells"))


def workbook_of(path: Path, folder: Path, *, sheet: str, typed: bool) -> Path:
    """The CSV file *path* as a workbook with one sheet, *sheet*; with real date and time cells if *typed*."""
    book = openpyxl.Workbook()
    target = book.active
    assert target is not None
    target.title = sheet
    with path.open(encoding="utf-8", newline="") as file:
        for number, row in enumerate(csv.reader(file)):
            target.append([_typed(cell) for cell in row] if typed and number else row)
    made = folder / (path.stem + ".xlsx")
    book.save(made)
    return made


def _typed(cell: str) -> object:
    try:
        return dt.datetime.strptime(cell, "%d/%m/%Y %H:%M")
    except ValueError:
        return cell


def imported(source: Path, mapping: str, tmp_path: Path, *extra: str) -> tuple[gw.KnowledgeBase, str, str]:
    """The record ``gpworkshop import SOURCE --map MAP`` writes, with the text of the file and what it printed."""
    map_file = tmp_path / "map.yaml"
    map_file.write_text(mapping, encoding="utf-8")
    out_file = tmp_path / "out.yaml"
    status, out, err = run("import", str(source), "--map", str(map_file), *extra, "-o", str(out_file))
    assert (0, "") == (status, err)
    return gw.load(out_file), out_file.read_text(encoding="utf-8"), out


def guessed(source: Path, tmp_path: Path, *extra: str) -> str:
    map_file = tmp_path / "guessed.yaml"
    assert (0, f"wrote {map_file}\n", "") == run("map", str(source), *extra, "-o", str(map_file))
    return map_file.read_text(encoding="utf-8")


def published_times() -> list[tuple[str, dt.datetime, dt.datetime]]:
    """Each talk of the Camp 2019 programme with the wall-clock times it was published with."""
    with CAMP.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [
        (
            row["Title"],
            dt.datetime.strptime(row["Date & time"], "%d/%m/%Y %H:%M"),
            dt.datetime.strptime(row["Ends"], "%d/%m/%Y %H:%M"),
        )
        for row in rows
    ]


@pytest.mark.parametrize("form", FORMS)
def test_the_guessed_mapping_of_a_day_first_table_imports_every_row_at_its_wall_clock_time(
    tmp_path: Path, form: str
) -> None:
    source = table_in(form, CAMP, tmp_path, sheet="Fahrplan")
    mapping = guessed(source, tmp_path).replace(
        '  format: "session"', '  format: "session"\n  location.timezone: Europe/Berlin'
    )

    kb, _, _ = imported(source, mapping, tmp_path)

    assert published_times() == [(event.title, event.start, event.end) for event in kb.events]
    assert {"Europe/Berlin"} == {event.location.timezone for event in kb.events if event.location}


def test_a_day_over_twelve_shows_the_columns_are_day_first(tmp_path: Path) -> None:
    mapping = collect.parse_mapping(guessed(CAMP, tmp_path), "guessed.yaml")

    assert "%d/%m/%Y %H:%M" == mapping.columns["start"].format
    assert "Date & time" == mapping.columns["start"].column
    assert "Ends" == mapping.columns["end"].column


def test_a_column_of_dates_that_read_both_ways_is_said_to_be_ambiguous(tmp_path: Path) -> None:
    table = tmp_path / "ambiguous.csv"
    table.write_text("Titre,Début\nOuverture,03/04/2024 09:00\nClôture,05/04/2024 17:00\n", encoding="utf-8")

    text = guessed(table, tmp_path)

    assert 'start: {column: "Début", format: "%d/%m/%Y %H:%M"}  # ambiguous' in text
    assert spelling_of(["03/04/2024 09:00"]).ambiguous
    assert not spelling_of(["13/04/2024 09:00"]).ambiguous


@pytest.mark.parametrize(
    ("title", "start", "end"),
    [
        ("Event name", "Begins", "Finishes"),
        ("Titre", "Date et heure", "Heure de fin"),
        ("Título", "Fecha", "Fecha de fin"),
        ("العنوان", "التاريخ", "النهاية"),
        ("标题", "开始时间", "结束时间"),
        ("Название", "Начало", "Окончание"),
        ("제목", "일시", "종료"),
    ],
)
def test_headers_are_recognised_in_the_seven_report_languages(tmp_path: Path, title: str, start: str, end: str) -> None:
    table = tmp_path / "theirs.csv"
    table.write_text(f"{title},{start},{end}\nOpening,2024-05-06 09:30,2024-05-06 10:30\n", encoding="utf-8")

    mapping = collect.parse_mapping(guessed(table, tmp_path), "guessed.yaml")

    assert (title, start, end) == tuple(mapping.columns[field].column for field in ("title", "start", "end"))


def test_underscores_in_headers_count_as_spaces_and_columns_left_out_are_named(tmp_path: Path) -> None:
    table = tmp_path / "theirs.csv"
    table.write_text("Event_Name,Start_Date,Room_No,Budget\nOpening,2024-05-06 09:30,A1,100\n", encoding="utf-8")

    text = guessed(table, tmp_path)

    assert (
        "columns:\n  title: \"Event_Name\"\n  start: \"Start_Date\"\n  # columns not mapped: 'Room_No', 'Budget'\n"
        "defaults:\n"
    ) in text


def test_date_cells_of_a_workbook_are_days_and_date_time_cells_keep_their_time(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Title", "Start", "End"])
    sheet.append(["Opening", dt.date(2024, 5, 6), dt.datetime(2024, 5, 6, 0, 0)])
    sheet["C2"].number_format = "yyyy-mm-dd hh:mm"
    path = tmp_path / "theirs.xlsx"
    book.save(path)
    mapping = (
        "gpworkshop-map: 1\nrows: events\ncolumns: {title: Title, start: Start, end: End}\n"
        "defaults: {format: session}\n"
    )

    kb, _, _ = imported(path, mapping, tmp_path)

    [event] = kb.events
    assert (dt.date(2024, 5, 6), dt.datetime(2024, 5, 6, 0, 0)) == (event.start, event.end)


@pytest.mark.parametrize("form", FORMS)
def test_the_contract_mapping_makes_one_stakeholder_of_an_organisation_written_three_ways(
    tmp_path: Path, form: str
) -> None:
    source = table_in(form, SIDE_EVENTS, tmp_path, sheet="Programme")

    kb, text, out = imported(source, CONTRACT, tmp_path)

    institute = "institute-for-public-administration-ministry-of-the-interior"
    assert [
        "network-of-local-authorities",
        institute,
        "united-nations-project-office-on-governance",
        "network-of-local-authority",
    ] == [stakeholder.id for stakeholder in kb.stakeholders]
    assert [
        ["network-of-local-authorities", institute],
        [institute, "united-nations-project-office-on-governance"],
    ] == [[participation.stakeholder for participation in event.participants] for event in kb.events[:2]]
    assert dt.datetime(2023, 10, 19, 9, 30) == kb.events[0].start
    assert "Europe/Warsaw" == kb.events[0].location.timezone if kb.events[0].location else None
    assert "successful cases of local governance for the SDGs.\nModerated discussion & questions." in str(
        kb.events[0].summary
    )
    assert "gpworkshop merge network-of-local-authority --into network-of-local-authorities" in text
    assert "GPW113" in out


def test_a_likely_match_is_a_warning_at_the_cell_of_the_name(tmp_path: Path) -> None:
    _, _, out = imported(SIDE_EVENTS, CONTRACT, tmp_path)

    assert out.startswith(f"{SIDE_EVENTS}:4:6: GPW113: 'Network of Local Authority' (network-of-local-authority)")


def test_names_are_matched_to_the_stakeholders_of_the_record_imported_into(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "gpworkshop: 1\nstakeholders:\n  - {id: unpog, name: United Nations Project Office on Governance, "
        "acronym: UNPOG, kind: un-entity}\n",
        encoding="utf-8",
    )

    kb, _, _ = imported(SIDE_EVENTS, CONTRACT, tmp_path, "--into", str(record))

    assert "unpog" == kb.stakeholders[0].id
    assert ["unpog"] == [participation.stakeholder for participation in kb.events[3].participants]
    assert "united-nations-project-office-on-governance" not in {stakeholder.id for stakeholder in kb.stakeholders}


def test_names_in_other_scripts_get_ids_in_latin_letters() -> None:
    assert "hangugjibanghaengjeongyeonguwon" == collect.name_id("한국지방행정연구원")
    assert "institut" == collect.name_id("Институт")


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "anyascii", None)

    status, _, err = run("import", str(SIDE_EVENTS), "--map", _written(tmp_path, CONTRACT), "-o", "-")

    assert (
        1,
        'gpworkshop import: error: making ids from names needs anyascii: pip install "gpworkshop[mapping]"\n',
    ) == (
        status,
        err,
    )


def test_the_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    book = workbook_of(SIDE_EVENTS, tmp_path, sheet="Programme", typed=True)
    opened = openpyxl.load_workbook(book)
    opened.create_sheet("Notes", 0)
    opened.save(book)

    assert 'sheet: "Programme"' in guessed(book, tmp_path, "--sheet", "Programme")
    assert run("map", str(book), "--sheet", "Agenda", "-o", "-")[2].startswith(
        f"{book}: GPW202: the workbook has no sheet 'Agenda'; its sheets are: 'Notes', 'Programme'"
    )


def test_every_problem_of_the_rows_comes_back_at_its_cell(tmp_path: Path) -> None:
    table = tmp_path / "theirs.csv"
    table.write_text(
        "Title,Start,End\nOpening,17/10/2023 09:00,17/10/2023 08:00\n,18/10/2023 09:00,\nClosing,soon,\n",
        encoding="utf-8",
    )
    map_file = tmp_path / "map.yaml"
    map_file.write_text(
        "gpworkshop-map: 1\ncolumns: {id: Title, title: Title, start: Start, end: End}\ndefaults: {format: session}\n",
        encoding="utf-8",
    )

    status, out, err = run("import", str(table), "--map", str(map_file), "-o", str(tmp_path / "out.yaml"))

    assert (1, "") == (status, out)
    located = [" ".join(line.split(": ")[:2]) for line in err.splitlines()[:-1]]
    assert [
        f"{table}:2:1 GPW206 events[0].id",
        f"{table}:2:3 GPW206 events[0].end",
        f"{table}:3:1 GPW201 events[1].id",
        f"{table}:3:1 GPW201 events[1].title",
        f"{table}:4:1 GPW206 events[2].id",
        f"{table}:4:2 GPW204 events[2].start",
    ] == located


def test_a_column_the_table_lacks_is_placed_at_its_header_with_a_hint(tmp_path: Path) -> None:
    mapping = CONTRACT.replace("end: End", "end: Ends")

    status, _, err = run("import", str(SIDE_EVENTS), "--map", _written(tmp_path, mapping), "-o", "-")

    assert 1 == status
    assert err.startswith(f"{SIDE_EVENTS}:1:1: GPW112: the mapping names a column 'Ends' that the table does not have")
    assert "(did you mean 'End'?)" in err


def test_a_column_the_sheet_lacks_is_placed_at_its_sheet(tmp_path: Path) -> None:
    book = workbook_of(SIDE_EVENTS, tmp_path, sheet="Programme", typed=True)

    status, _, err = run(
        "import", str(book), "--map", _written(tmp_path, CONTRACT.replace("Title", "Titre")), "-o", "-"
    )

    assert 1 == status
    assert err.startswith(f"{book}:Programme!A1: GPW112")


def test_a_cell_of_a_workbook_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    book = workbook_of(SIDE_EVENTS, tmp_path, sheet="Programme", typed=False)
    opened = openpyxl.load_workbook(book)
    opened["Programme"]["C3"] = "whenever"
    opened.save(book)

    status, _, err = run("import", str(book), "--map", _written(tmp_path, CONTRACT), "-o", "-")

    assert 1 == status
    assert err.startswith(f"{book}:Programme!C3: GPW204 events[1].end: expected a date")


def test_a_mistake_in_the_mapping_is_placed_at_its_line(tmp_path: Path) -> None:
    status, _, err = run(
        "import", str(SIDE_EVENTS), "--map", _written(tmp_path, CONTRACT.replace("defaults:", "default:")), "-o", "-"
    )

    assert 1 == status
    assert f"{tmp_path / 'map.yaml'}:12:1: GPW202 default: unknown key 'default' (did you mean 'defaults'?)" in err


def test_import_without_map_keeps_its_options_for_formats(tmp_path: Path) -> None:
    status, _, err = run("import", str(SIDE_EVENTS), "--into", str(tmp_path / "r.yaml"), "-o", "-")

    assert 2 == status
    assert "--into, --sheet and --event go with --map" in err


def test_a_workbook_that_inflates_too_far_is_refused_unopened(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 2**20))

    status, _, err = run("map", str(bomb), "-o", "-")

    assert 1 == status
    assert err.startswith(f"{bomb}: GPW104")


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "theirs.csv"
    os.mkfifo(fifo)

    status, _, err = run("map", str(fifo), "-o", "-")

    assert 1 == status
    assert "GPW100" in err
    assert "named pipe" in err


def test_the_codes_only_a_mapping_finds_are_those_shown_here() -> None:
    assert {codes.MISSING_COLUMN, codes.TO_REVIEW} == CODES_SHOWN


def _written(folder: Path, mapping: str) -> str:
    path = folder / "map.yaml"
    path.write_text(mapping, encoding="utf-8")
    return str(path)


_CELLS = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@given(
    header=st.lists(
        st.sampled_from(["Title", "Titre", "Start", "Date", "Ends", "Room", "Organisers", "X"]),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    rows=st.lists(st.lists(_CELLS, min_size=0, max_size=6), max_size=5),
)
def test_a_mapping_written_by_map_loads_back_the_same_and_applies(header: list[str], rows: list[list[str]]) -> None:
    table = collect.TheirTable(
        source="theirs.csv",
        header=tuple(header),
        rows=tuple((n, tuple((row + [""] * len(header))[: len(header)])) for n, row in enumerate(rows, 2)),
    )
    mapping, notes = collect.guess_mapping(table)

    assert mapping == collect.parse_mapping(collect.mapping_text(mapping, notes), "map.yaml")
    outcome = _applied_or_problems(mapping, table)
    assert isinstance(outcome, collect.Imported) or outcome


def _applied_or_problems(
    mapping: collect.TableMapping, table: collect.TheirTable
) -> collect.Imported | tuple[gw.Problem, ...]:
    try:
        return collect.apply_mapping(mapping, table)
    except gw.LoadError as error:
        return error.problems


@given(st.text(max_size=300))
def test_any_csv_text_gives_a_record_or_a_load_error(text: str) -> None:
    mapping = collect.TableMapping(
        columns={"title": collect.Column(column="Title"), "start": collect.Column(column="Start")},
        participants=(collect.Participants(column="Organisers", split=";"),),
        defaults={"format": "session"},
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "theirs.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        outcome = _imported_or_problems(path, mapping)

    assert isinstance(outcome, gw.KnowledgeBase) or (
        outcome and all(problem.code in codes.CATALOGUE for problem in outcome)
    )


def _imported_or_problems(path: Path, mapping: collect.TableMapping) -> gw.KnowledgeBase | tuple[gw.Problem, ...]:
    try:
        return collect.apply_mapping(mapping, collect.read_table(path)).kb
    except gw.LoadError as error:
        return error.problems


def test_rows_may_be_stakeholders_with_ids_made_from_their_names(tmp_path: Path) -> None:
    table = tmp_path / "members.csv"
    table.write_text(
        "Organisation,Acronym,Pays\n한국지방행정연구원,KRILA,KR\nSaemaul Foundation,,KR\n", encoding="utf-8"
    )
    mapping = (
        "gpworkshop-map: 1\nrows: stakeholders\ncolumns: {name: Organisation, acronym: Acronym, country: Pays}\n"
        "defaults: {kind: research-institute}\n"
    )

    kb, _, _ = imported(table, mapping, tmp_path)

    assert [("hangugjibanghaengjeongyeonguwon", "KRILA", "KR"), ("saemaul-foundation", None, "KR")] == [
        (stakeholder.id, stakeholder.acronym, stakeholder.country) for stakeholder in kb.stakeholders
    ]


SYMPOSIUM = EXAMPLES / "regional-symposium-2023"
REGISTRATIONS = SPREADSHEETS / "registration-list.csv"
COMMITMENTS = SPREADSHEETS / "commitments-list.csv"

#: A mapping of the registration list: one person a row, the rows of one organisation one participation.
REGISTRATION_MAP = """gpworkshop-map: 1
rows: participants
columns:
  stakeholder: Organisation
  roles: {column: Role, split: ";"}
  people.name: Name
  people.title: Position
"""

#: A mapping of the list of commitments: each row names its event and its owners.
COMMITMENTS_MAP = """gpworkshop-map: 1
rows: commitments
columns:
  event: Event
  text: Commitment
  by: {column: Made by, split: ";"}
  kind: Kind
  due: Due
  deliverable: Deliverable
  status: Status
"""


def participants_of(kb: gw.KnowledgeBase, event: str) -> dict[str, tuple[list[str], list[str]]]:
    """The roles and the names of the people of each participant of *event*, by stakeholder."""
    return {
        participation.stakeholder: (
            [str(role) for role in participation.roles],
            [str(person.name) for person in participation.people],
        )
        for participation in kb.event(event).participants
    }


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_registration_list_adds_its_organisations_to_the_participants_of_the_event(tmp_path: Path, form: str) -> None:
    """The rows of one organisation are one participation, with the roles and people of all of them."""
    source = REGISTRATIONS if form == "csv" else workbook_of(REGISTRATIONS, tmp_path, sheet="Inscriptions", typed=False)

    kb, _, _ = imported(
        source, REGISTRATION_MAP, tmp_path, "--into", str(SYMPOSIUM), "--event", "regional-symposium-2023"
    )

    participants = participants_of(kb, "regional-symposium-2023")
    assert (["participant", "speaker", "organiser"], ["Il-jae Kim", "Minji Park"]) == participants["krila"]
    assert (["moderator"], ["Samuel Okoro"]) == participants["unpog"]
    assert (["speaker", "participant"], ["Ana Pérez", "Lena Novak"]) == participants["municipality-of-quito"]
    assert (["organiser"], []) == participants["un-desa"]
    assert "Director of Planning" == kb.event("regional-symposium-2023").participants[-2].people[0].title


def test_an_existing_participation_gains_the_new_roles_rather_than_a_second_entry(tmp_path: Path) -> None:
    before = gw.load(SYMPOSIUM)

    kb, _, _ = imported(
        REGISTRATIONS, REGISTRATION_MAP, tmp_path, "--into", str(SYMPOSIUM), "--event", "regional-symposium-2023"
    )

    stakeholders = [participation.stakeholder for participation in kb.event("regional-symposium-2023").participants]
    assert 1 == stakeholders.count("krila")
    assert [p.stakeholder for p in before.event("regional-symposium-2023").participants] == stakeholders[:-2]
    assert ["municipality-of-quito", "unpog"] == stakeholders[-2:]
    assert before.events[0] == kb.events[0]


def test_importing_a_registration_list_again_changes_nothing(tmp_path: Path) -> None:
    _, once, _ = imported(
        REGISTRATIONS, REGISTRATION_MAP, tmp_path, "--into", str(SYMPOSIUM), "--event", "regional-symposium-2023"
    )
    record = tmp_path / "once.yaml"
    record.write_text(once, encoding="utf-8")

    _, twice, _ = imported(
        REGISTRATIONS, REGISTRATION_MAP, tmp_path, "--into", str(record), "--event", "regional-symposium-2023"
    )

    assert once == twice


def test_the_event_may_be_named_by_its_title_in_any_of_its_languages(tmp_path: Path) -> None:
    title = "제7차 지역 심포지엄 대비 국책연구기관·행정안전부·유엔거버넌스센터 첫 회의"

    kb, _, _ = imported(REGISTRATIONS, REGISTRATION_MAP, tmp_path, "--into", str(SYMPOSIUM), "--event", title)

    assert "municipality-of-quito" in participants_of(kb, "nri-inaugural-meeting-2023")
    assert "municipality-of-quito" not in participants_of(kb, "regional-symposium-2023")


def test_an_organisation_likely_but_not_certainly_of_the_record_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    table = tmp_path / "registrations.csv"
    table.write_text("Name,Position,Organisation,Role\nBo Lee,Adviser,KIPA,speaker\n", encoding="utf-8")

    kb, text, out = imported(
        table, REGISTRATION_MAP, tmp_path, "--into", str(SYMPOSIUM), "--event", "regional-symposium-2023"
    )

    assert out.startswith(f"{table}:2:3: GPW113: 'KIPA' (kipa-2) is likely 'Korea Institute of Public Administration'")
    assert "gpworkshop merge kipa-2 --into kipa" in text
    assert (["speaker"], ["Bo Lee"]) == participants_of(kb, "regional-symposium-2023")["kipa-2"]


def test_an_event_the_record_lacks_is_a_usage_error_naming_its_events(tmp_path: Path) -> None:
    status, _, err = run(
        "import", str(REGISTRATIONS), "--map", _written(tmp_path, REGISTRATION_MAP),
        "--into", str(SYMPOSIUM), "--event", "regional-symposium", "-o", "-",
    )  # fmt: skip

    assert 2 == status
    assert err.startswith(
        "gpworkshop import: error: --event: no event of --into has the id or title 'regional-symposium' "
        "(did you mean 'regional-symposium-2023'?); its events are: nri-inaugural-meeting-2023, "
    )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--into", str(SYMPOSIUM)], "rows of participants belong to an event of --into: name it with --event ID"),
        (["--event", "regional-symposium-2023"], "rows of participants are added to an event of a record: give it"),
    ],
)
def test_rows_of_participants_need_a_record_and_its_event(tmp_path: Path, options: list[str], expected: str) -> None:
    status, out, err = run(
        "import", str(REGISTRATIONS), "--map", _written(tmp_path, REGISTRATION_MAP), *options, "-o", "-"
    )

    assert (2, "") == (status, out)
    assert err.startswith(f"gpworkshop import: error: {expected}")


def test_event_goes_only_with_rows_that_belong_to_events(tmp_path: Path) -> None:
    status, _, err = run("import", str(SIDE_EVENTS), "--map", _written(tmp_path, CONTRACT), "--event", "x", "-o", "-")

    assert 2 == status
    assert "--event goes with rows: participants or commitments; the mapping's rows are events" in err


def test_apply_mapping_refuses_an_event_the_record_lacks_and_rows_with_no_event() -> None:
    mapping = collect.parse_mapping(REGISTRATION_MAP, "map.yaml")
    table = collect.read_table(REGISTRATIONS)
    kb = gw.load(SYMPOSIUM)

    with pytest.raises(gw.UnknownIdError) as unknown:
        collect.apply_mapping(mapping, table, into=kb, event="nowhere")
    with pytest.raises(gw.LoadError) as missing:
        collect.apply_mapping(mapping, table, into=kb)

    assert ("event", "nowhere") == (unknown.value.kind, unknown.value.id)
    [problem] = missing.value.problems
    assert (codes.MISSING_FIELD, f"{REGISTRATIONS}:1:1") == (problem.code, problem.location)


def test_every_problem_of_participant_rows_is_at_its_cell_of_the_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Registrations"
    sheet.append(["Event", "Organisation", "Role", "Name"])
    sheet.append(["regional-symposium-2023", "Municipality of Quito", "keynote", "Ana Pérez"])
    sheet.append(["regional-symposium-2024", "UNPOG", "speaker", "Samuel Okoro"])
    sheet.append([None, "krila", "host", "Il-jae Kim"])
    sheet.append(["regional-symposium-2023", None, "speaker", "Lena Novak"])
    path = tmp_path / "registrations.xlsx"
    book.save(path)
    mapping = "gpworkshop-map: 1\nrows: participants\ncolumns: {event: Event, stakeholder: Organisation, "
    mapping += "roles: Role, people.name: Name}\n"

    status, out, err = run(
        "import", str(path), "--map", _written(tmp_path, mapping), "--into", str(SYMPOSIUM), "-o", "-"
    )

    assert (1, "") == (status, out)
    assert {
        f"{path}:Registrations!C2 GPW205 roles[0]",
        f"{path}:Registrations!A3 GPW302",
        f"{path}:Registrations!A4 GPW201",
        f"{path}:Registrations!A5 GPW201 stakeholder",
    } == set(_located(err))
    assert "'regional-symposium-2024' (did you mean 'regional-symposium-2023'?)" in err
    assert err.endswith("4 errors\n")


def test_a_commitments_list_goes_into_the_events_its_rows_name(tmp_path: Path) -> None:
    kb, _, out = imported(COMMITMENTS, COMMITMENTS_MAP, tmp_path, "--into", str(SYMPOSIUM))

    [compendium] = kb.event("regional-symposium-2023").commitments
    [webinar] = kb.event("local-governance-partnerships-forum-2023").commitments
    assert (
        "publish-a-compendium-of-local-governance-cases-from-the",
        ("krila", "unpog"),
        gw.CommitmentKind.PLEDGE,
        dt.date(2024, 12, 31),
        "Compendium of cases",
        gw.CommitmentStatus.IN_PROGRESS,
    ) == (
        compendium.id,
        compendium.by,
        compendium.kind,
        compendium.due,
        compendium.deliverable,
        compendium.status,
    )
    assert ("hold-a-follow-up-webinar-for-city-officials", ("unpog",), gw.CommitmentKind.ACTION_POINT) == (
        webinar.id,
        webinar.by,
        webinar.kind,
    )
    assert gw.CommitmentStatus.ANNOUNCED == webinar.status
    assert "" == out.replace(f"wrote {tmp_path / 'out.yaml'}\n", "")


def test_days_of_a_workbook_are_the_days_of_commitments_and_a_default_names_the_event(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Commitment", "Owner", "Made on", "Due"])
    sheet.append(["Share the outcome report", "UNPOG", dt.datetime(2023, 10, 19), dt.datetime(2024, 1, 31)])
    path = tmp_path / "commitments.xlsx"
    book.save(path)
    mapping = "gpworkshop-map: 1\nrows: commitments\ncolumns: {text: Commitment, by: Owner, made_on: Made on, "
    mapping += "due: Due}\ndefaults: {kind: statement, event: local-governance-partnerships-forum-2023}\n"

    kb, _, _ = imported(path, mapping, tmp_path, "--into", str(SYMPOSIUM))

    [commitment] = kb.event("local-governance-partnerships-forum-2023").commitments
    assert (dt.date(2023, 10, 19), dt.date(2024, 1, 31)) == (commitment.made_on, commitment.due)


def test_every_problem_of_commitment_rows_is_at_its_cell(tmp_path: Path) -> None:
    table = tmp_path / "commitments.csv"
    table.write_text(
        "Event,Commitment,Made by,Kind,Due\n"
        "nowhere,Train officials,unpog,pledge,soon\n"
        "regional-symposium-2023,,krila,pledges,2024-01-01\n"
        "regional-symposium-2023,Write a guide,,pledge,\n",
        encoding="utf-8",
    )
    mapping = COMMITMENTS_MAP.replace("  deliverable: Deliverable\n  status: Status\n", "")

    status, _, err = run(
        "import", str(table), "--map", _written(tmp_path, mapping), "--into", str(SYMPOSIUM), "-o", "-"
    )

    assert 1 == status
    assert [
        f"{table}:2:1 GPW302",
        f"{table}:2:5 GPW204 due",
        f"{table}:3:1 GPW201 id",
        f"{table}:3:1 GPW201 text",
        f"{table}:3:4 GPW205 kind",
        f"{table}:4:1 GPW201 by",
    ] == _located(err)


def _located(err: str) -> list[str]:
    """The place, code and field of each problem printed in *err*."""
    located = []
    for line in err.splitlines()[:-1]:
        place, code, *_ = line.split(": ")
        code, _, path = code.partition(" ")
        located.append(" ".join([place, code, *path.rsplit(".", 1)[1:]]))
    return located


def test_a_mapping_of_rows_in_events_reads_back_as_it_is_written() -> None:
    mapping = collect.parse_mapping(COMMITMENTS_MAP, "map.yaml")

    assert collect.Column(column="Made by", split=";") == mapping.columns["by"]
    assert mapping == collect.parse_mapping(collect.mapping_text(mapping), "map.yaml")


def test_columns_of_participants_go_only_with_rows_of_events() -> None:
    text = REGISTRATION_MAP + "  participants:\n    - {column: Organisation, role: speaker}\n"

    with pytest.raises(gw.LoadError) as error:
        collect.parse_mapping(text, "map.yaml")

    [problem] = error.value.problems
    assert ("map.yaml:8:3", codes.UNKNOWN_KEY) == (problem.location, problem.code)


_ORGANISATIONS = st.sampled_from(
    [
        "Korea Research Institute for Local Administration",
        "korea research institute for local administration",
        "krila",
        "UNPOG",
        "Municipality of Quito",
        "Network of Local Authorities",
        "Network of Local Authority",
        "Saemaul Foundation",
    ]
)
_ROLES = st.sampled_from([*(role.value for role in gw.Role), "Speaker", "Co Organizer", ""])


@given(
    rows=st.lists(
        st.tuples(_ORGANISATIONS | st.text(st.characters(categories=["L"]), min_size=1, max_size=8), _ROLES),
        min_size=1,
        max_size=6,
    )
)
def test_participant_rows_import_to_participations_of_known_stakeholders_and_again_to_the_same(
    rows: list[tuple[str, str]],
) -> None:
    table = collect.TheirTable(
        source="registrations.csv",
        header=("Organisation", "Role"),
        rows=tuple((number, row) for number, row in enumerate(rows, 2)),
    )
    mapping = collect.parse_mapping(
        REGISTRATION_MAP.replace("  people.name: Name\n  people.title: Position\n", ""), "m"
    )
    into = _SYMPOSIUM_RECORD

    once = collect.apply_mapping(mapping, table, into=into, event="regional-symposium-2023").kb
    twice = collect.apply_mapping(mapping, table, into=once, event="regional-symposium-2023").kb

    ids = {stakeholder.id for stakeholder in once.stakeholders}
    participants = [participation.stakeholder for participation in once.event("regional-symposium-2023").participants]
    assert set(participants) <= ids
    assert len(participants) == len(set(participants))
    assert once == twice


_SYMPOSIUM_RECORD = gw.load(SYMPOSIUM)
