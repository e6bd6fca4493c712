"""Published programmes of side events, read through a mapping: as their makers wrote them, not as we would."""

from __future__ import annotations

import ast
import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import gpworkshop as gw
from gpworkshop import collect
from tests.commands import run

SPREADSHEETS = Path(__file__).parent / "spreadsheets"
#: The side events on energy of COP 28 (Dubai, 30 November to 12 December 2023), as listed by the UNFCCC.
COP28 = SPREADSHEETS / "cop28-side-events-energy.csv"
#: How the COP 28 table writes its days: with the weekday, and no time of day.
COP28_DAYS = "%a, %d %b %Y"

#: The guessed mapping of the COP 28 table, corrected by hand where the table is written as no guess could know.
COP28_MAP = r"""gpworkshop-map: 1
rows: events
columns:
  id: Code
  # One header for three things, so no known name: the guess falls on the first unknown column, SE_Code.
  title: "Title/theme/speakers"
  # Days with their weekday ("Sat, 02 Dec 2023"), a spelling the guess does not know.
  start: {column: Date, format: "%a, %d %b %Y"}
  # The cell is a list as Python prints it: ['A', 'B, Inc.']. Split at the quotes; the brackets and the
  # commas between the names are left as parts of their own, which the strip empties.
  # 'Speakers', guessed as a list of speakers, is a sentence ("Speakers: ..."): left out.
  participants:
    - {column: Organizer_Affiliation, role: organiser, split: "'", strip: "^[\\[\\],\\s]*$"}
defaults:
  format: session
  # The table gives no time zone: the conference's.
  location.timezone: Asia/Dubai
"""

#: The forms a table is read in: the CSV file itself, and a workbook made of it with text or with date cells.
FORMS = ["csv", "xlsx with text", "xlsx with date cells"]


def table_in(form: str, path: Path, folder: Path) -> Path:
    """The CSV file *path* in *form*, one of :data:`FORMS`."""
    if form == "csv":
        return path
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Side events"
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        header = next(rows)
        sheet.append(header)
        day = header.index("Date")
        for row in rows:
            cells: list[object] = list(row)
            if form.endswith("cells"):
                cells[day] = dt.datetime.strptime(row[day], COP28_DAYS).date()
            sheet.append(cells)
    made = folder / (path.stem + ".xlsx")
    book.save(made)
    return made


def guessed(source: Path, folder: Path) -> str:
    """The mapping ``gpworkshop map SOURCE`` writes."""
    map_file = folder / "guessed.yaml"
    assert (0, f"wrote {map_file}\n", "") == run("map", str(source), "-o", str(map_file))
    return map_file.read_text(encoding="utf-8")


def imported(source: Path, mapping: str, folder: Path) -> gw.KnowledgeBase:
    """The record ``gpworkshop import SOURCE --map MAP`` writes."""
    map_file = folder / "map.yaml"
    map_file.write_text(mapping, encoding="utf-8")
    out_file = folder / "out.yaml"
    status, _, err = run("import", str(source), "--map", str(map_file), "-o", str(out_file))
    assert (0, "") == (status, err)
    return gw.load(out_file)


def published_rows() -> list[dict[str, str]]:
    """The rows of the COP 28 table, each a dict of its cells by header."""
    with COP28.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("form", FORMS)
def test_the_guess_for_the_cop28_side_events_finds_their_codes_and_days_and_says_what_it_cannot_read(
    tmp_path: Path, form: str
) -> None:
    source = table_in(form, COP28, tmp_path)

    text = guessed(source, tmp_path)
    mapping = collect.parse_mapping(text, "guessed.yaml")

    assert ("Code", "Date") == (mapping.columns["id"].column, mapping.columns["start"].column)
    assert "end" not in mapping.columns
    # The table has no column named as a title is: the guess says so rather than pass for knowledge.
    assert "# a guess: no column is named as a title is" in text
    if form == "xlsx with date cells":
        assert "" == mapping.columns["start"].format
    else:
        assert "give 'format'" in text


@pytest.mark.parametrize("form", FORMS)
def test_every_cop28_side_event_is_imported_on_its_published_day_with_its_published_title(
    tmp_path: Path, form: str
) -> None:
    kb = imported(table_in(form, COP28, tmp_path), COP28_MAP, tmp_path)

    assert [
        (row["Code"], row["Title/theme/speakers"], dt.datetime.strptime(row["Date"], COP28_DAYS).date())
        for row in published_rows()
    ] == [(event.id, event.title, event.start) for event in kb.events]
    assert {"Asia/Dubai"} == {event.location.timezone for event in kb.events if event.location}
    assert all(event.end is None for event in kb.events)


@pytest.mark.parametrize("form", FORMS)
def test_the_organisations_of_each_cop28_side_event_are_its_organisers(tmp_path: Path, form: str) -> None:
    kb = imported(table_in(form, COP28, tmp_path), COP28_MAP, tmp_path)

    names = {stakeholder.id: stakeholder.name for stakeholder in kb.stakeholders}
    organisers = {
        event.id: [names[taking_part.stakeholder] for taking_part in event.participants] for event in kb.events
    }
    published = {row["Code"]: ast.literal_eval(row["Organizer_Affiliation"]) for row in published_rows()}
    # Python quotes a name that holds an apostrophe with '"' ("... pour l'Environnement (EpE)"), and a
    # split is one text: those two lists are cut at the apostrophe, every other one is read whole.
    cut = {code for code, cell in published.items() if any("'" in name for name in cell)}
    assert {"36", "236"} == cut
    assert {code: cell for code, cell in published.items() if code not in cut} == {
        code: listed for code, listed in organisers.items() if code not in cut
    }
    assert published.keys() == organisers.keys()
    assert {(gw.Role.ORGANISER,)} == {taking_part.roles for event in kb.events for taking_part in event.participants}
