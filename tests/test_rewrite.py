"""Renaming ids and merging stakeholders in the files of a record, keeping everything else byte for byte."""

from __future__ import annotations

import codecs
import difflib
import os
import re
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import references, rewrite
from gpworkshop import strategies as gws
from tests.commands import shown
from tests.records import EXAMPLES

SYMPOSIUM = EXAMPLES / "regional-symposium-2023"


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """The lines that differ, old and new, in pairs; lines added or removed alone are paired with ''."""
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old, new = before.splitlines()[i1:i2], after.splitlines()[j1:j2]
            pairs.extend(zip(old + [""] * (len(new) - len(old)), new + [""] * (len(old) - len(new)), strict=True))
    return pairs


def test_renaming_krila_in_the_split_example_changes_only_its_ids(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    before = {path.name: path.read_text("utf-8") for path in folder.iterdir()}

    status, out = shown("rename", "krila", "krila-korea", str(folder))

    assert 0 == status
    assert out.startswith("renamed 'krila' to 'krila-korea' in 3 files: ")
    pairs = [pair for path in folder.iterdir() for pair in changed_lines(before[path.name], path.read_text("utf-8"))]
    assert 7 == len(pairs)
    for old, new in pairs:
        assert re.sub(r"\bkrila\b(?!-)", "krila-korea", old) == new
    renamed = gw.load(folder)
    assert references.renamed(gw.load(SYMPOSIUM), "stakeholders", "krila", "krila-korea") == renamed


def test_a_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    before = {path: path.read_bytes() for path in folder.iterdir()}

    status, out = shown("rename", "krila", "krila-korea", str(folder), "--dry-run")

    assert 0 == status
    assert before == {path: path.read_bytes() for path in folder.iterdir()}
    assert "-      - stakeholder: krila\n+      - stakeholder: krila-korea\n" in out
    assert 7 == sum(1 for line in out.splitlines() if line.startswith("+") and not line.startswith("+++"))


def test_events_and_commitments_are_renamed_with_the_references_to_them(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    kb = gw.load(folder)

    assert 0 == shown("rename", "regional-symposium-2023", "symposium-2023", str(folder))[0]
    assert 0 == shown("rename", "krila-local-governance-partnerships", "krila-partnerships", str(folder))[0]

    expected = references.renamed(kb, "events", "regional-symposium-2023", "symposium-2023")
    expected = references.renamed(expected, "commitments", "krila-local-governance-partnerships", "krila-partnerships")
    assert expected == gw.load(folder)


def test_an_objective_is_renamed_within_its_event(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    kb = gw.load(folder)
    event = "nri-inaugural-meeting-2023"

    status, _ = shown(
        "rename", "integrated-relationship", "integrated-network", str(folder), "--kind", "objectives",
        "--event", event,
    )  # fmt: skip

    assert 0 == status
    assert references.renamed(kb, "objectives", "integrated-relationship", "integrated-network", event=event) == (
        gw.load(folder)
    )
    assert 2 == shown("rename", "a", "b", str(folder), "--kind", "objectives")[0]
    assert 2 == shown("rename", "a", "b", str(folder), "--event", event)[0]


def test_a_taken_or_malformed_id_or_an_unknown_one_changes_nothing(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    before = {path: path.read_bytes() for path in folder.iterdir()}

    taken = shown("rename", "krila", "kipa", str(folder))
    malformed = shown("rename", "krila", "KRILA", str(folder))
    unknown = shown("rename", "nobody", "somebody", str(folder))

    assert 2 == taken[0]
    assert "taken; to make the two one, merge them instead" in taken[1]
    assert 2 == malformed[0]
    assert 1 == unknown[0]
    assert before == {path: path.read_bytes() for path in folder.iterdir()}


def duplicated(folder: Path) -> Path:
    """The symposium record with KRILA written a second time, as another hand would, and used in places."""
    record = shutil.copytree(SYMPOSIUM, folder / "record")
    stakeholders = record / "stakeholders.yaml"
    stakeholders.write_text(
        stakeholders.read_text("utf-8") + "  # The institute again, from the 2024 registration list.\n"
        "  - id: krila-2\n"
        "    name: Korea Research Institute for Local Administration (KRILA)\n"
        "    kind: research-institute\n"
        "    country: KR\n"
        "    identifiers: {wikidata: Q12345}\n"
        "    website: https://www.krila.re.kr/\n"
        "    people:\n"
        "      - name: Jane Doe\n"
        "        title: Researcher\n",
        "utf-8",
    )
    meeting = record / "inaugural-meeting.yaml"
    meeting.write_text(meeting.read_text("utf-8").replace("by: [krila]", "by: [krila, krila-2]"), "utf-8")
    return record


def test_merging_moves_references_people_and_identifiers_and_removes_the_duplicate(tmp_path: Path) -> None:
    record = duplicated(tmp_path)
    kb = gw.load(record, check=False)
    before = {path.name: path.read_text("utf-8") for path in record.iterdir()}

    status, out = shown("merge", "krila-2", "--into", "krila", str(record))

    assert 0 == status, out
    after = gw.load(record)
    assert references.merged(kb, "krila-2", "krila") == after
    krila = after.stakeholder("krila")
    assert ["Il-jae Kim", "Jane Doe"] == [str(person.name) for person in krila.people]
    assert gw.Identifiers(wikidata="Q12345") == krila.identifiers
    assert "https://www.krila.re.kr/" == krila.website
    assert "krila-2" not in {s.id for s in after.stakeholders}
    assert [("        by: [krila, krila-2]", "        by: [krila]")] == changed_lines(
        before["inaugural-meeting.yaml"], (record / "inaugural-meeting.yaml").read_text("utf-8")
    )
    assert before["regional-symposium.yaml"] == (record / "regional-symposium.yaml").read_text("utf-8")


def test_a_merge_with_conflicts_lists_them_where_they_are_and_changes_nothing(tmp_path: Path) -> None:
    record = duplicated(tmp_path)
    stakeholders = record / "stakeholders.yaml"
    stakeholders.write_text(
        stakeholders.read_text("utf-8").replace("    country: KR\n    identifiers", "    country: JP\n    identifiers"),
        "utf-8",
    )
    symposium = record / "regional-symposium.yaml"
    symposium.write_text(
        symposium.read_text("utf-8").replace(
            "- {stakeholder: kfcc, roles: [participant]}", "- {stakeholder: krila-2, roles: [participant]}", 1
        ),
        "utf-8",
    )
    before = {path: path.read_bytes() for path in record.iterdir()}

    status, out = shown("merge", "krila-2", "--into", "krila", str(record))

    assert 1 == status
    lines = out.splitlines()
    assert re.fullmatch(
        r".*stakeholders\.yaml:\d+:\d+: stakeholders\[11\]\.country: 'krila-2' and 'krila' differ in their country: "
        r"'JP' and 'KR'",
        lines[0],
    )
    assert re.fullmatch(
        r".*regional-symposium\.yaml:\d+:\d+: events\[0\]\.participants\[2\]\.stakeholder: 'krila-2' and 'krila' both "
        r"take part in the event 'regional-symposium-2023': make their participations one first",
        lines[1],
    )
    assert "2 conflicts; nothing was merged" == lines[-1]
    assert before == {path: path.read_bytes() for path in record.iterdir()}


def test_a_merge_into_itself_or_of_an_unknown_stakeholder_is_refused(tmp_path: Path) -> None:
    record = duplicated(tmp_path)

    assert 1 == shown("merge", "krila", "--into", "krila", str(record))[0]
    assert 1 == shown("merge", "nobody", "--into", "krila", str(record))[0]


def test_json_files_flow_lists_a_byte_order_mark_and_crlf_line_ends_are_kept(tmp_path: Path) -> None:
    kb = gw.load(SYMPOSIUM)
    json_file = tmp_path / "record.json"
    json_file.write_text(gw.dumps(kb, "json"), "utf-8")
    yaml_file = tmp_path / "crlf.yaml"
    text = (
        "\ufeffgpworkshop: 1\r\n# Leading comment\r\nstakeholders:\r\n  - {id: a, name: A, kind: network}\r\n"
        "  - {id: b, name: B, kind: network, people: [{name: Bo}]}\r\n"
    )
    yaml_file.write_bytes(text.encode("utf-8"))

    assert 0 == shown("rename", "krila", "krila-korea", str(json_file))[0]
    assert 0 == shown("merge", "b", "--into", "a", str(yaml_file))[0]

    assert references.renamed(kb, "stakeholders", "krila", "krila-korea") == gw.load(json_file)
    written = yaml_file.read_bytes()
    assert written.startswith(codecs.BOM_UTF8)
    assert (
        "gpworkshop: 1\r\n# Leading comment\r\nstakeholders:\r\n"
        '  - {id: a, name: A, kind: network, people: [{"name": "Bo"}]}\r\n'
    ) == written[3:].decode("utf-8")
    assert ["Bo"] == [str(p.name) for p in gw.load(yaml_file).stakeholder("a").people]


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    before = {path: path.read_bytes() for path in folder.iterdir()}
    change = rewrite.rename([folder], "krila", "krila-korea")
    replace = os.replace
    calls = []

    def failing(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(gw.WriteError, match="no file was changed"):
        change.save()
    monkeypatch.setattr(os, "replace", replace)

    assert before == {path: path.read_bytes() for path in folder.iterdir()}


def test_tables_are_not_edited_in_place(tmp_path: Path) -> None:
    package = tmp_path / "package"
    gw.dump(gw.load(SYMPOSIUM), package, format="csv")

    status, out = shown("rename", "krila", "krila-korea", str(package))

    assert 1 == status
    assert "only YAML and JSON files are edited in place" in out


# Properties, with the public strategies.

_COMMENTED = re.compile(r"^(  - id: )", re.MULTILINE)


def _written(kb: gw.KnowledgeBase, folder: Path, format_: str) -> list[Path]:
    """*kb* as a record of two files, its stakeholders in one and its events in the other, with comments."""
    parts = [attrs.evolve(kb, events=()), attrs.evolve(kb, stakeholders=())]
    files = []
    for number, part in enumerate(parts):
        path = folder / f"part-{number}.{format_}"
        text = gw.dumps(part, format_)
        if format_ == "yaml":
            text = "# A record kept by hand.\n\n" + _COMMENTED.sub(r"  # next\n\n\1", text)
        path.write_text(text, "utf-8")
        files.append(path)
    return files


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(kb=gws.knowledge_bases(min_stakeholders=1), data=st.data(), format_=st.sampled_from(["yaml", "json"]))
def test_renaming_changes_only_the_references(
    tmp_path_factory: pytest.TempPathFactory, kb: gw.KnowledgeBase, data: st.DataObject, format_: str
) -> None:
    folder = tmp_path_factory.mktemp("record")
    files = _written(kb, folder, format_)
    old = data.draw(st.sampled_from([s.id for s in kb.stakeholders]))
    new = "renamed-" + old
    before = [path.read_text("utf-8") for path in files]

    change = rewrite.rename(files, old, new)
    change.save()

    assert references.renamed(kb, "stakeholders", old, new) == gw.load(files, check=False)
    count = 0
    for text, path in zip(before, files, strict=True):
        for old_line, new_line in changed_lines(text, path.read_text("utf-8")):
            # Each changed line names the new id where the old one stood, and nothing else changed.
            assert old_line == new_line.replace(new, old)
            count += new_line.count(new)
    assert len(references.occurrences(kb, "stakeholders", old)) == count


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(kb=gws.knowledge_bases(min_stakeholders=2), data=st.data(), format_=st.sampled_from(["yaml", "json"]))
def test_merging_gives_the_merged_record_or_lists_conflicts(
    tmp_path_factory: pytest.TempPathFactory, kb: gw.KnowledgeBase, data: st.DataObject, format_: str
) -> None:
    folder = tmp_path_factory.mktemp("record")
    duplicate, keep = data.draw(
        st.lists(st.sampled_from([s.id for s in kb.stakeholders]), min_size=2, max_size=2, unique=True)
    )
    if data.draw(st.booleans(), label="alike"):
        # Most drawn pairs differ in kind; make this one a duplicate that agrees with the one kept.
        kept = kb.stakeholder(keep)
        index = [s.id for s in kb.stakeholders].index(duplicate)
        alike = attrs.evolve(
            kb.stakeholders[index],
            kind=kept.kind,
            country=kept.country,
            acronym=None,
            website=None,
            part_of=None,
            identifiers=gw.Identifiers(),
        )
        stakeholders = (*kb.stakeholders[:index], alike, *kb.stakeholders[index + 1 :])
        kb = attrs.evolve(kb, stakeholders=stakeholders)
    files = _written(kb, folder, format_)
    before = [path.read_bytes() for path in files]

    try:
        expected = references.merged(kb, duplicate, keep)
    except references.MergeError as error:
        conflicts = error.conflicts
    else:
        conflicts = ()
    if conflicts:
        with pytest.raises(references.MergeError) as raised:
            rewrite.merge(files, duplicate, keep)
        assert conflicts == raised.value.conflicts
        assert before == [path.read_bytes() for path in files]
        return
    event("merged")
    rewrite.merge(files, duplicate, keep).save()

    assert expected == gw.load(files, check=False)


def test_anchors_and_aliases_keep_their_places(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "gpworkshop: 1\n"
        "stakeholders:\n"
        "  - {id: a, name: &name Alpha, kind: network}\n"
        "  - {id: b, name: *name, kind: network}\n"
        "events:\n"
        "  - id: e\n    title: E\n    format: meeting\n    start: 2024-01-01\n"
        "    participants: [{stakeholder: a, roles: [organiser]}, {stakeholder: b, roles: [participant]}]\n",
        "utf-8",
    )
    kb = gw.load(record)

    assert 0 == shown("rename", "b", "beta", str(record))[0]

    assert references.renamed(kb, "stakeholders", "b", "beta") == gw.load(record)
    assert "  - {id: beta, name: *name, kind: network}\n" in record.read_text("utf-8")


def test_renaming_an_id_to_itself_writes_nothing(tmp_path: Path) -> None:
    folder = shutil.copytree(SYMPOSIUM, tmp_path / "record")
    before = {path: path.stat().st_mtime_ns for path in folder.iterdir()}

    assert (0, "renamed 'krila' to 'krila': no file changes\n") == shown("rename", "krila", "krila", str(folder))
    assert before == {path: path.stat().st_mtime_ns for path in folder.iterdir()}


@pytest.mark.parametrize("format_", ["yaml", "json"])
def test_a_merge_fills_empty_flow_collections_and_adds_fields(tmp_path: Path, format_: str) -> None:
    kb = gw.loads(
        """gpworkshop: 1
stakeholders:
  - {id: a, name: A, kind: network, identifiers: {}, people: []}
  - {id: b, name: B, kind: network, acronym: BB, identifiers: {ror: 03yrm5c26}, people: [{name: Bo}],
     website: "https://b.org/"}
""",
        check=False,
    )
    record = tmp_path / f"record.{format_}"
    text = (
        gw.dumps(kb, format_)
        if format_ == "json"
        else "gpworkshop: 1\nstakeholders:\n"
        + "\n".join(
            [
                "  - {id: a, name: A, kind: network, identifiers: {}, people: []}",
                "  - {id: b, name: B, kind: network, acronym: BB, identifiers: {ror: 03yrm5c26}, people: [{name: Bo}],",
                '     website: "https://b.org/"}',
                "",
            ]
        )
    )
    record.write_text(text, "utf-8")

    assert 0 == shown("merge", "b", "--into", "a", str(record))[0]

    merged = gw.load(record).stakeholder("a")
    assert (merged.acronym, merged.website, merged.identifiers.ror) == ("BB", "https://b.org/", "03yrm5c26")
    assert ["Bo"] == [str(person.name) for person in merged.people]
