"""The semantic diff: what changed between two versions of a record, by object and id, in words."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import changes, references
from gpworkshop import strategies as gws
from tests.commands import shown
from tests.records import EXAMPLES

BUSAN = EXAMPLES / "busan-gp-workshop-2014.yaml"

#: What ``gpworkshop diff`` says of the second version of the Busan record built by :func:`second_busan`.
BUSAN_CHANGES = """\
Stakeholders
  + added 'gpedc-joint-support-team' (Joint Support Team)
Events
  ~ 'busan-gp-workshop-2014' changed
      location.venue: added Lotte Hotel
      participants[gpedc-joint-support-team]: added {"stakeholder": "gpedc-joint-support-team", "roles": ["organiser"]}
Objectives
  > 'building-blocks' renamed to 'busan-building-blocks'
Commitments
  + added 'gpedc-monitoring-round' (Run the next monitoring round with country-level evidence)
"""

#: And when the commitment of that version has moved on.
PROGRESS_CHANGES = """\
Commitments
  ~ 'gpedc-monitoring-round' moved from announced to in-progress, 40 % (reported 2015-06-01)
      status: announced → in-progress
      progress[0]: added {"on": "2015-06-01", "status": "in-progress", "percent": 40}
"""


def second_busan(folder: Path) -> tuple[Path, Path]:
    """The Busan record and a second version of it, edited as a secretariat would: the second from the first."""
    old, new = folder / "old" / "busan.yaml", folder / "new" / "busan.yaml"
    for path in (old, new):
        path.parent.mkdir(parents=True)
        shutil.copyfile(BUSAN, path)
    assert 0 == shown(
        "rename", "building-blocks", "busan-building-blocks", str(new), "--kind", "objectives",
        "--event", "busan-gp-workshop-2014",
    )[0]  # fmt: skip
    text = new.read_text("utf-8")
    text = text.replace(
        "    part_of: gpedc\n",
        "    part_of: gpedc\n  - id: gpedc-joint-support-team\n    name: Joint Support Team\n    kind: network\n"
        "    part_of: gpedc\n",
    )
    text = text.replace("      city: Seoul\n", "      city: Seoul\n      venue: Lotte Hotel\n")
    text = text.replace(
        "    participants:\n",
        "    participants:\n      - stakeholder: gpedc-joint-support-team\n        roles: [organiser]\n",
    )
    text = text.replace(
        "    takeaways:\n",
        "    commitments:\n      - id: gpedc-monitoring-round\n"
        "        text: Run the next monitoring round with country-level evidence\n"
        "        by: [gpedc]\n        kind: action-point\n        due: 2015-12-31\n"
        "    takeaways:\n",
    )
    new.write_text(text, "utf-8")
    return old, new


def test_diff_of_two_versions_of_the_busan_record_says_what_changed_in_words(tmp_path: Path) -> None:
    old, new = second_busan(tmp_path)

    status, out = shown("diff", str(old), str(new))

    assert (0, BUSAN_CHANGES) == (status, out)


def test_a_commitment_moving_on_is_told_in_words_with_its_progress(tmp_path: Path) -> None:
    _, before = second_busan(tmp_path)
    after = tmp_path / "after.yaml"
    text = before.read_text("utf-8").replace(
        "        due: 2015-12-31\n",
        "        due: 2015-12-31\n        status: in-progress\n"
        "        progress:\n          - {on: 2015-06-01, status: in-progress, percent: 40}\n",
    )
    after.write_text(text, "utf-8")

    assert (0, PROGRESS_CHANGES) == shown("diff", str(before), str(after))


def test_markdown_and_json_say_the_same_for_a_pull_request_and_for_programs(tmp_path: Path) -> None:
    old, new = second_busan(tmp_path)

    _, markdown = shown("diff", str(old), str(new), "--format", "markdown")
    _, written = shown("diff", str(old), str(new), "--format", "json")

    assert markdown.startswith("### Stakeholders\n\n- **added** `gpedc-joint-support-team` (Joint Support Team)\n")
    assert "- **renamed** `building-blocks` → `busan-building-blocks` (event `busan-gp-workshop-2014`)" in markdown
    assert "  - `location.venue` added: `Lotte Hotel`" in markdown
    found = json.loads(written)["changes"]
    assert [(c["action"], c["kind"], c["id"]) for c in found] == [
        ("added", "stakeholder", "gpedc-joint-support-team"),
        ("changed", "event", "busan-gp-workshop-2014"),
        ("renamed", "objective", "building-blocks"),
        ("added", "commitment", "gpedc-monitoring-round"),
    ]
    assert {"path": "location.venue", "old": None, "new": "Lotte Hotel"} in found[1]["fields"]


def test_a_folder_compares_with_a_folder_and_a_rename_is_no_delete_and_add(tmp_path: Path) -> None:
    renamed = shutil.copytree(EXAMPLES / "regional-symposium-2023", tmp_path / "record")
    assert 0 == shown("rename", "krila", "krila-korea", str(renamed))[0]

    status, out = shown("diff", str(EXAMPLES / "regional-symposium-2023"), str(renamed))

    assert (0, "Stakeholders\n  > 'krila' renamed to 'krila-korea'\n") == (status, out)
    assert (0, "No changes.\n") == shown("diff", str(renamed), str(renamed))


def test_git_uses_it_as_its_diff_driver(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    old, new = second_busan(tmp_path)
    repository = tmp_path / "repository"
    repository.mkdir()
    environment = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path), "PATH": str(Path(git).parent)}

    def git_run(*arguments: str) -> str:
        return subprocess.run(
            [git, *arguments], cwd=repository, env=environment, check=True, capture_output=True, text=True
        ).stdout

    git_run("init", "-q")
    shutil.copyfile(old, repository / "busan.yaml")
    (repository / ".gitattributes").write_text("*.yaml diff=gpworkshop\n", "utf-8")
    git_run("add", ".")
    git_run("-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "first")
    shutil.copyfile(new, repository / "busan.yaml")
    import sys

    command = f"{sys.executable} -m gpworkshop diff --git"
    shown = git_run("-c", f"diff.gpworkshop.command={command}", "diff")

    assert f"busan.yaml\n{BUSAN_CHANGES}" == shown


def test_the_git_driver_takes_seven_arguments_and_an_added_file(tmp_path: Path) -> None:
    _, new = second_busan(tmp_path)

    status, out = shown("diff", "--git", "busan.yaml", "/dev/null", ".", ".", str(new), "abc", "100644")

    assert 0 == status
    assert out.startswith("busan.yaml\nStakeholders\n  + added 'gpedc'")
    assert 2 == shown("diff", "--git", "busan.yaml", str(new))[0]
    assert 2 == shown("diff", str(new))[0]


# Properties, with the public strategies.


@given(gws.knowledge_bases())
def test_a_record_has_no_changes_from_itself(kb: gw.KnowledgeBase) -> None:
    found = changes.diff(kb, kb)

    assert not found
    assert "No changes.\n" == found.text() == found.markdown()
    assert {"changes": []} == json.loads(found.as_json())


@attrs.frozen
class Mutation:
    """A change made to a record, and what the diff must say of it: (action, kind, id)."""

    record: gw.KnowledgeBase
    said: frozenset[tuple[str, str, str]]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[gw.KnowledgeBase, Mutation]:
    """A record, and a copy with some of its stakeholders and commitments changed, added, removed or renamed."""
    kb = draw(gws.knowledge_bases(min_stakeholders=2, min_events=1))
    record, said = kb, set()
    ids = {s.id for s in kb.stakeholders}
    referred = {path[-1] for path in _referred(kb)}
    for stakeholder in draw(st.lists(st.sampled_from(kb.stakeholders), unique_by=lambda s: s.id, max_size=3)):
        action = draw(st.sampled_from(["country", "renamed", "removed", "renamed and moved"]))
        if action == "removed" and stakeholder.id in referred:
            action = "country"
        if action == "renamed and moved" and _namesake(kb, stakeholder):
            action = "renamed"
        if action == "country":
            country = "NO" if stakeholder.country != "NO" else "KR"
            index = [s.id for s in record.stakeholders].index(stakeholder.id)
            changed = attrs.evolve(record.stakeholders[index], country=country)
            record = attrs.evolve(record, stakeholders=_replaced(record.stakeholders, index, changed))
            said.add(("changed", "stakeholder", stakeholder.id))
        elif action == "renamed" and not _twin(record, stakeholder):
            new_id = f"renamed-{stakeholder.id}"
            record = references.renamed(record, "stakeholders", stakeholder.id, new_id)
            said.add(("renamed", "stakeholder", stakeholder.id))
        elif action == "renamed and moved":
            new_id = f"moved-{stakeholder.id}"
            record = references.renamed(record, "stakeholders", stakeholder.id, new_id)
            index = [s.id for s in record.stakeholders].index(new_id)
            changed = attrs.evolve(record.stakeholders[index], website=f"https://example.org/{new_id}")
            record = attrs.evolve(record, stakeholders=_replaced(record.stakeholders, index, changed))
            said.add(("renamed", "stakeholder", stakeholder.id))
        elif action == "removed":
            record = attrs.evolve(record, stakeholders=tuple(s for s in record.stakeholders if s.id != stakeholder.id))
            said.add(("removed", "stakeholder", stakeholder.id))
    if draw(st.booleans()):
        added = draw(gws.stakeholders())
        # A name like no other, so that the stakeholder added is not a stakeholder removed, renamed and changed.
        added = attrs.evolve(
            added, id=_fresh(ids, "added"), name="\u2603 Newcomer \u2603", identifiers=gw.Identifiers()
        )
        record = attrs.evolve(record, stakeholders=(*record.stakeholders, added))
        said.add(("added", "stakeholder", added.id))
    event = record.events[0]
    if draw(st.booleans()) and event.commitments:
        commitment = event.commitments[0]
        others = [status for status in gw.CommitmentStatus if status is not commitment.status]
        moved = attrs.evolve(commitment, status=draw(st.sampled_from(others)), progress=())
        events = (attrs.evolve(event, commitments=(moved, *event.commitments[1:])), *record.events[1:])
        record = attrs.evolve(record, events=events)
        said.add(("changed", "commitment", commitment.id))
    return kb, Mutation(record, frozenset(said))


def _referred(kb: gw.KnowledgeBase) -> list[tuple[Any, ...]]:
    found = []
    for stakeholder in kb.stakeholders:
        paths = references.occurrences(kb, "stakeholders", stakeholder.id)
        if len(paths) > 1:
            found.append((stakeholder.id,))
    return found


def _twin(kb: gw.KnowledgeBase, stakeholder: gw.Stakeholder) -> bool:
    """Whether another stakeholder is like *stakeholder* but for its id, so that a rename could pair with it."""
    return any(
        attrs.evolve(other, id=stakeholder.id) == stakeholder for other in kb.stakeholders if other != stakeholder
    )


def _namesake(kb: gw.KnowledgeBase, stakeholder: gw.Stakeholder) -> bool:
    """Whether another stakeholder has a name like *stakeholder*'s: a rename that changes it could pair with either."""
    name = str(stakeholder.name)
    return any(
        difflib.SequenceMatcher(a=name, b=str(other.name)).ratio() >= 0.5
        for other in kb.stakeholders
        if other != stakeholder
    )


def _replaced(items: tuple[Any, ...], index: int, item: Any) -> tuple[Any, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _fresh(taken: set[str], stem: str) -> str:
    number = 0
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@given(mutated())
def test_a_diff_names_exactly_the_changes_made(case: tuple[gw.KnowledgeBase, Mutation]) -> None:
    kb, mutation = case

    found = changes.diff(kb, mutation.record)

    assert mutation.said == {(change.action, change.kind, change.id) for change in found}
    for change in found:
        if change.action == "changed" and change.kind == "stakeholder":
            assert ["country"] == [field.path for field in change.fields]
        if change.action == "renamed" and (change.new_id or "").startswith("moved-"):
            assert ["website"] == [field.path for field in change.fields]
        if change.action == "changed" and change.kind == "commitment":
            assert "status" in [field.path for field in change.fields]
            assert change.summary.startswith("moved from ")
    json.loads(found.as_json())


def test_a_date_and_a_translated_text_are_shown_as_a_file_writes_them() -> None:
    kb = gw.load(BUSAN)
    event = kb.events[0]
    title = gw.Translatable({"en": str(event.title), "ko": "부산 글로벌 파트너십 연례 워크숍"})
    new = attrs.evolve(kb, events=(attrs.evolve(event, start=dt.date(2014, 11, 5), title=title),))

    [change] = changes.diff(kb, new)

    title_change, start_change = change.fields
    assert "start: 2014-11-06 → 2014-11-05" == start_change.words
    assert title_change.words.startswith('title: Annual Busan Global Partnership Workshop → {"en": "Annual Busan')
    assert {
        "en": "Annual Busan Global Partnership Workshop",
        "ko": "부산 글로벌 파트너십 연례 워크숍",
    } == title_change.new


def test_a_stakeholder_renamed_with_the_one_it_is_part_of_is_a_rename_too() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    new = references.renamed(kb, "stakeholders", "un-desa", "desa")
    new = references.renamed(new, "stakeholders", "dpidg", "desa-dpidg")

    found = changes.diff(kb, new)

    assert {("renamed", "un-desa", "desa"), ("renamed", "dpidg", "desa-dpidg")} == {
        (change.action, change.id, change.new_id) for change in found
    }


def many(count: int) -> gw.KnowledgeBase:
    """A record of *count* stakeholders, each part of the one before, and *count* events, each with a commitment."""
    stakeholders = tuple(
        gw.Stakeholder(
            id=f"s{number}",
            name=f"Stakeholder {number}",
            kind=gw.StakeholderKind.NETWORK,
            part_of=f"s{number - 1}" if number else None,
        )
        for number in range(count)
    )
    events = tuple(
        gw.Event(
            id=f"e{number}",
            title=f"Event {number}",
            format=gw.EventFormat.WORKSHOP,
            start=dt.date(2024, 1, 1),
            participants=(gw.Participation(stakeholder=f"s{number}", roles=(gw.Role.ORGANISER,)),),
            commitments=(
                gw.Commitment(
                    id=f"c{number}", text=f"Commitment {number}", by=(f"s{number}",), kind=gw.CommitmentKind.PLEDGE
                ),
            ),
        )
        for number in range(count)
    )
    return gw.KnowledgeBase(stakeholders=stakeholders, events=events)


def test_renamed_ids_are_found_among_thousands_of_objects() -> None:
    """A third of 3,000 stakeholders and events renamed, chained by part_of and named by events and commitments."""
    old = many(3000)
    renames: references.Renames = {
        ("stakeholders", None): {f"s{n}": f"t{n}" for n in range(0, 3000, 3)},
        ("events", None): {f"e{n}": f"f{n}" for n in range(1, 3000, 3)},
    }
    new = references.renamed_all(old, renames)

    found = changes.diff(old, new)

    expected = {
        (kind.removesuffix("s"), old_id, new_id) for (kind, _), ids in renames.items() for old_id, new_id in ids.items()
    }
    assert expected == {(change.kind, change.id, change.new_id) for change in found}
    assert {"renamed"} == {change.action for change in found}


@given(kb=gws.knowledge_bases(min_events=1, max_events=3), data=st.data())
def test_ids_renamed_at_random_are_exactly_the_renames_found(kb: gw.KnowledgeBase, data: st.DataObject) -> None:
    contents = [changes._content(stakeholder) for stakeholder in kb.stakeholders]
    # A stakeholder alike to another but for its id could pair with either; those are left as they are.
    unique = [s.id for s, content in zip(kb.stakeholders, contents, strict=True) if contents.count(content) == 1]
    chosen = data.draw(st.lists(st.sampled_from(unique), unique=True) if unique else st.just([]))
    new = references.renamed_all(kb, {("stakeholders", None): {old: f"renamed-{old}" for old in chosen}})

    found = changes.diff(kb, new)

    assert {(old, f"renamed-{old}") for old in chosen} == {(change.id, change.new_id) for change in found}


def test_text_and_markdown_of_a_diff_show_control_characters_escaped() -> None:
    old = gw.loads("gpworkshop: 1\nstakeholders:\n  - {id: a, name: Plain, kind: network}\n")
    new = gw.loads('gpworkshop: 1\nstakeholders:\n  - {id: a, name: "\\e]0;x\\a\\r\\nz\\x9b", kind: network}\n')

    found = changes.diff(old, new)

    assert 'name: Plain → "\\u001b]0;x\\u0007\\r\\nz\ufffd"' in found.text()
    assert '`name`: `Plain` → `"\\u001b]0;x\\u0007\\r\\nz\ufffd"`' in found.markdown()
    assert "\x1b]0;x\x07\r\nz\x9b" == json.loads(found.as_json())["changes"][0]["fields"][0]["new"]


def test_a_rename_with_a_field_changed_too_is_a_rename_that_lists_the_field(tmp_path: Path) -> None:
    renamed = shutil.copytree(EXAMPLES / "regional-symposium-2023", tmp_path / "record")
    assert 0 == shown("rename", "krila", "krila-korea", str(renamed))[0]
    stakeholders = renamed / "stakeholders.yaml"
    text = stakeholders.read_text("utf-8")
    stakeholders.write_text(
        text.replace("    acronym: KRILA\n", "    acronym: KRILA\n    website: https://www.krila.re.kr\n")
    )

    status, out = shown("diff", str(EXAMPLES / "regional-symposium-2023"), str(renamed))

    assert 0 == status
    assert "Stakeholders\n  > 'krila' renamed to 'krila-korea'\n      website: added https://www.krila.re.kr\n" == out


def test_a_title_put_right_under_a_new_id_is_a_rename() -> None:
    kb = gw.load(BUSAN)
    objective = kb.events[0].objectives[0]
    new = references.renamed(kb, "objectives", objective.id, "put-right", event=kb.events[0].id)
    event = new.events[0]
    moved = attrs.evolve(event.objectives[0], title=str(objective.title).replace("qualitative", "qualitive"))
    new = attrs.evolve(new, events=(attrs.evolve(event, objectives=(moved, *event.objectives[1:])),))

    [change] = changes.diff(kb, new)

    assert ("renamed", objective.id, "put-right", event.id) == (change.action, change.id, change.new_id, change.event)
    assert ["title"] == [field.path for field in change.fields]


def test_a_commitment_renamed_as_it_moves_on_says_both() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    new = references.renamed(kb, "commitments", "krila-local-governance-partnerships", "krila-partnerships")
    event = next(event for event in new.events if event.commitments)
    moved = attrs.evolve(event.commitments[0], status=gw.CommitmentStatus.ACHIEVED)
    events = tuple(attrs.evolve(e, commitments=(moved, *e.commitments[1:])) if e is event else e for e in new.events)
    new = attrs.evolve(new, events=events)

    [change] = changes.diff(kb, new)

    assert (
        "'krila-local-governance-partnerships' renamed to 'krila-partnerships', moved from announced to achieved"
        == (change.words)
    )
    assert ["status"] == [field.path for field in change.fields]


def test_a_stakeholder_removed_and_another_added_are_no_rename() -> None:
    head = "gpworkshop: 2\nstakeholders:\n"
    old = gw.loads(head + "  - {id: a, name: Korea Development Institute, kind: research-institute}\n")
    new = gw.loads(head + "  - {id: b, name: Asian Development Bank, kind: multilateral}\n")

    found = changes.diff(old, new)

    assert [("removed", "a"), ("added", "b")] == [(change.action, change.id) for change in found]


def test_an_object_named_without_a_word_renamed_and_changed_is_renamed() -> None:
    head = "gpworkshop: 2\nstakeholders:\n"
    old = gw.loads(head + "  - {id: a, name: '@', kind: public-body}\n  - {id: z, name: '@@', kind: government}\n")
    new = gw.loads(
        head + "  - {id: b, name: '@', kind: public-body, website: 'https://example.org'}\n"
        "  - {id: z, name: '@@', kind: government}\n"
    )

    found = changes.diff(old, new)

    assert [("renamed", "a", "b")] == [(change.action, change.id, change.new_id) for change in found]
    assert [["website"]] == [[field.path for field in change.fields] for change in found]


def test_an_object_that_refers_to_one_renamed_and_changed_is_renamed_alike() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    new = references.renamed(kb, "stakeholders", "un-desa", "desa")
    new = references.renamed(new, "stakeholders", "dpidg", "desa-dpidg")
    new = attrs.evolve(
        new, stakeholders=tuple(attrs.evolve(s, acronym="DESA") if s.id == "desa" else s for s in new.stakeholders)
    )

    found = changes.diff(kb, new)

    # The division is the same but for its id once the department it is part of is renamed: no field changed.
    assert [("un-desa", "desa", ("acronym",)), ("dpidg", "desa-dpidg", ())] == [
        (change.id, change.new_id, tuple(field.path for field in change.fields)) for change in found
    ]
