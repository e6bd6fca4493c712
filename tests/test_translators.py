"""Translators in the loop: a record's texts out as XLIFF 2.0 and PO, and the translations collected back in place.

The files are read and filled in by libraries of their own (translate-toolkit, polib, ElementTree), never by
gpworkshop's readers, so that what is written is what other tools read, and what they write comes back.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import po as toolkit_po
from translate.storage import xliff2

import gpworkshop as gw
from gpworkshop import formats, rewrite
from gpworkshop import strategies as gws
from gpworkshop.collect.translated import collect_translations
from gpworkshop.formats.xliff import NAMESPACE, existing, translation_units, unit_paths
from gpworkshop.translations import coverage, texts
from tests.commands import run
from tests.records import EXAMPLES

BUSAN = EXAMPLES / "busan-gp-workshop-2014.yaml"
SYMPOSIUM = EXAMPLES / "regional-symposium-2023"
X = f"{{{NAMESPACE}}}"


def busan(tmp_path: Path) -> Path:
    """A copy of the Busan workshop's record, to collect translations into."""
    return Path(shutil.copy(BUSAN, tmp_path / "busan.yaml"))


def french(source: str) -> str:
    """The translation the tests' translator gives: recognisable, and different from the source."""
    return f"FR {source}"


def filled_by_translate_toolkit(path: Path) -> None:
    """Open the XLIFF 2 or PO file at *path* with translate-toolkit, translate every unit, and save it."""
    kind: Any = xliff2.Xliff2File if path.suffix == ".xlf" else toolkit_po.pofile
    with path.open("rb") as stream:
        store = kind.parsefile(stream)
    for unit in store.units:
        if not unit.isheader():
            unit.target = french(str(unit.source))
    store.savefile(str(path))


# Out and back in, by the command line.


@pytest.mark.parametrize("suffix", [".xlf", ".po"])
def test_the_busan_workshop_goes_to_french_and_comes_back_with_every_text_in_french(
    tmp_path: Path, suffix: str
) -> None:
    record = busan(tmp_path)
    out = tmp_path / f"fr{suffix}"
    to = "xliff" if suffix == ".xlf" else "po"

    exported = run("export", str(record), "--to", to, "--lang", "fr", "-o", str(out))
    filled_by_translate_toolkit(out)
    collected = run("collect", str(out), "--into", str(record))
    again = run("collect", str(out), "--into", str(record))
    stats = run("stats", "--languages", str(record))

    assert (0, f"wrote {out}\n", "") == exported
    assert (0, "") == (collected[0], collected[2])
    assert "  ~ 'busan-gp-workshop-2014' changed\n" in collected[1]
    assert collected[1].endswith(f"wrote 24 translations in 1 file: {record}\n")
    assert (0, "No changes.\n24 translations already in the record, not written again\n", "") == again
    assert "fr  24 of 24 texts  100%\n" in stats[1]
    kb = gw.load(record)
    assert "FR Annual Busan Global Partnership Workshop" == existing(kb.event("busan-gp-workshop-2014").title, "fr")
    assert [] == [path for path, text in texts(kb) if existing(text, "fr") != french(str(text))]


def test_collecting_changes_only_the_texts_and_the_format_version(tmp_path: Path) -> None:
    record = busan(tmp_path)
    before = record.read_text("utf-8")
    out = tmp_path / "fr.xlf"
    run("export", str(record), "--to", "xliff", "--lang", "fr", "-o", str(out))
    filled_by_translate_toolkit(out)

    run("collect", str(out), "--into", str(record))

    after = record.read_text("utf-8")
    assert before.startswith("# The first Annual Busan Global Partnership Workshop")
    assert after.startswith(before.split("gpworkshop: 1")[0] + "gpworkshop: 2\n")
    assert "    title:\n      en: Annual Busan Global Partnership Workshop\n" in after
    assert "      fr: FR Annual Busan Global Partnership Workshop\n    format: workshop\n" in after
    # Lines that hold no text are kept as written, comments and flow lists included.
    assert "    categories: [Global Partnership, Regional Workshop]\n" in after
    old = gw.load(BUSAN)
    assert attrs.evolve(gw.load(record), stakeholders=old.stakeholders, events=old.events) == old


def test_a_po_file_filled_by_polib_comes_back(tmp_path: Path) -> None:
    record = busan(tmp_path)
    out = tmp_path / "es.po"
    run("export", str(record), "--to", "po", "--lang", "es", "-o", str(out))
    catalogue = polib.pofile(str(out))
    for entry in catalogue:
        entry.msgstr = "ES " + entry.msgid
    catalogue.save()

    status, printed, _ = run("collect", str(out), "--into", str(record))

    assert 0 == status
    assert printed.endswith(f"wrote 24 translations in 1 file: {record}\n")
    assert "ES Seoul" == gw.load(record).event("busan-gp-workshop-2014").location.city.texts["es"]  # type: ignore[union-attr]


@pytest.mark.parametrize("style", ["'oui'", "oui", '"oui"'])
@pytest.mark.parametrize(
    "translation", ["» \n\n1\n\n", "deux\nlignes", "fin\u2028de ligne", "contr\x85le", "[crochet", "yes"]
)
def test_a_translation_that_replaces_one_keeps_every_character_whatever_the_quotes_were(
    tmp_path: Path, style: str, translation: str
) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "gpworkshop: 2\nevents:\n  - id: e\n    title:\n      en: Opening\n"
        f"      fr: {style}\n    format: meeting\n    start: 2024-05-06\n",
        "utf-8",
    )
    out = tmp_path / "fr.po"
    assert 0 == run("export", str(record), "--to", "po", "--lang", "fr", "-o", str(out))[0]
    catalogue = polib.pofile(str(out))
    [entry] = catalogue
    entry.msgstr = translation
    catalogue.save()

    status, _, err = run("collect", str(out), "--into", str(record))

    assert (0, "") == (status, err)
    title = gw.load(record).event("e").title
    assert isinstance(title, gw.Translatable)
    assert translation == title.texts["fr"]


# What is written.


def test_the_xliff_is_xliff_2_with_a_unit_per_text_and_notes_for_the_translator() -> None:
    kb = gw.load(BUSAN)
    root = ET.fromstring(formats.write("xliff", kb, lang="fr"))
    units = root.findall(f"{X}file/{X}unit")
    title = next(unit for unit in units if unit.get("id") == "events.busan-gp-workshop-2014.title")
    notes = [note.text for note in title.iterfind(f"{X}notes/{X}note")]

    assert (X + "xliff", "2.0", "en", "fr") == (root.tag, root.get("version"), root.get("srcLang"), root.get("trgLang"))
    assert len(list(texts(kb))) == len(units)
    assert ["the title of an event (id 'busan-gp-workshop-2014')", "the field: Full title."] == notes
    assert "Annual Busan Global Partnership Workshop" == title.findtext(f"{X}segment/{X}source")
    assert title.find(f"{X}segment/{X}target") is None
    assert all(re.fullmatch(r"[A-Za-z0-9._:-]+", unit.get("id", "")) for unit in units)


def test_po_entries_have_the_unit_id_as_context_and_a_header_naming_the_language() -> None:
    text = formats.write("po", gw.load(BUSAN), lang="fr")
    catalogue = polib.pofile(text)
    entry = catalogue.find("Seoul", msgctxt="events.busan-gp-workshop-2014.location.city")

    assert "fr" == catalogue.metadata["Language"]
    assert "text/plain; charset=UTF-8" == catalogue.metadata["Content-Type"]
    assert entry is not None
    assert ("", "the city of the place of the event 'Annual Busan Global Partnership Workshop'") == (
        entry.msgstr,
        entry.comment.splitlines()[0],
    )


def test_unit_ids_are_made_of_ids_and_name_the_same_text_after_an_objective_is_added_before_it() -> None:
    kb = gw.load(BUSAN)
    [event] = kb.events
    added = gw.Objective(id="new-first", title="A new first objective")
    moved = attrs.evolve(kb, events=(attrs.evolve(event, objectives=(added, *event.objectives)),))

    before, after = unit_paths(kb), unit_paths(moved)

    key = "events.busan-gp-workshop-2014.objectives.inclusive-forum.title"
    assert ("events", 0, "objectives", 1, "title") == before[key]
    assert ("events", 0, "objectives", 2, "title") == after[key]
    assert set(before) < set(after)


def test_a_progress_note_is_named_by_its_position_within_its_commitment() -> None:
    kb = gw.load(SYMPOSIUM)
    [event] = [event for event in kb.events if event.commitments]
    [commitment] = event.commitments
    progress = tuple(
        gw.ProgressUpdate(on=dt.date(2024, 1, day), status=gw.CommitmentStatus.IN_PROGRESS, note=f"Step {day}")
        for day in (1, 2)
    )
    changed = attrs.evolve(commitment, progress=progress)
    events = tuple(attrs.evolve(e, commitments=(changed,)) if e is event else e for e in kb.events)

    ids = [unit_id for unit_id in unit_paths(attrs.evolve(kb, events=events)) if ".progress." in unit_id]

    within = f"events.nri-inaugural-meeting-2023.commitments.{commitment.id}.progress"
    assert [f"{within}.0.note", f"{within}.1.note"] == ids


def test_an_existing_translation_is_the_target_and_untranslated_leaves_it_out() -> None:
    kb = gw.load(SYMPOSIUM)
    every = translation_units(kb, "ko")
    left = translation_units(kb, "ko", untranslated=True)
    root = ET.fromstring(formats.write("xliff", kb, lang="ko"))
    segments = {u.get("id"): u.find(f"{X}segment") for u in root.iter(f"{X}unit")}
    translated = next(unit for unit in every if unit.target is not None)

    assert translated.target == existing(_text_at(kb, translated.path), "ko")
    assert "translated" == segments[translated.id].get("state")  # type: ignore[union-attr]
    assert translated.target == segments[translated.id].findtext(f"{X}target")  # type: ignore[union-attr]
    assert [unit for unit in every if unit.target is None] == left
    assert 0 < len(left) < len(every)


def _text_at(kb: gw.KnowledgeBase, path: tuple[str | int, ...]) -> str:
    value: Any = kb
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return str(value) if not isinstance(value, gw.Translatable) else value


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--to", "xliff"], "--to xliff needs --lang: the language to translate into, such as fr"),
        (["--to", "po", "--lang", "english"], "'english' is not a language tag such as fr, es or zh-Hans"),
        (["--to", "xliff", "--lang", "en"], "the record is written in 'en' already"),
        (["--to", "yaml", "--lang", "fr"], "--lang is for the formats that take it (xliff, po), not yaml"),
        (["--to", "ics", "--untranslated"], "--untranslated is for the formats that take it (xliff, po), not ics"),
    ],
)
def test_a_missing_or_misplaced_language_is_a_usage_error(arguments: list[str], said: str) -> None:
    status, out, err = run("export", str(BUSAN), *arguments, "-o", "-")

    assert (2, "") == (status, out)
    assert f"gpworkshop export: error: {said}" in err


def test_the_registry_passes_options_on_and_refuses_those_a_format_does_not_take() -> None:
    kb = gw.load(BUSAN)

    assert formats.get("xliff").options[0].required
    assert formats.write("po", kb, lang="fr", untranslated=True).count("msgctxt") == 24
    with pytest.raises(gw.FormatError, match="the format 'xliff' needs the option 'lang'"):
        formats.write("xliff", kb)
    with pytest.raises(gw.FormatError, match="the format 'json' takes no option 'untranslated'"):
        formats.write("json", kb, untranslated=True)


def test_po_without_polib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polib", None)

    status, _, err = run("export", str(BUSAN), "--to", "po", "--lang", "fr", "-o", "-")

    assert 1 == status
    assert 'pip install "gpworkshop[translate]"' in err


# What comes back.


def test_a_stale_unit_is_said_where_it_is_and_the_others_are_written(tmp_path: Path) -> None:
    record = busan(tmp_path)
    out = tmp_path / "fr.xlf"
    run("export", str(record), "--to", "xliff", "--lang", "fr", "-o", str(out))
    filled_by_translate_toolkit(out)
    edited = record.read_text("utf-8").replace("city: Seoul", "city: Séoul")
    record.write_text(edited, "utf-8")
    line = next(n for n, text in enumerate(out.read_text("utf-8").splitlines(), 1) if ".location.city" in text)

    status, printed, _ = run("collect", str(out), "--into", str(record))

    assert 0 == status
    assert printed.startswith(
        f"{out}:{line}:5: stale: events.busan-gp-workshop-2014.location.city: the record's text is now 'Séoul', not "
        "'Seoul'; not applied: translate it again\n"
    )
    assert printed.endswith(f"wrote 23 translations in 1 file: {record}\n")
    assert "Séoul" == gw.load(record).event("busan-gp-workshop-2014").location.city  # type: ignore[union-attr]


def test_a_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    record = busan(tmp_path)
    before = record.read_text("utf-8")
    out = tmp_path / "fr.po"
    run("export", str(record), "--to", "po", "--lang", "fr", "-o", str(out))
    filled_by_translate_toolkit(out)

    status, printed, _ = run("collect", str(out), "--into", str(record), "--dry-run")

    assert 0 == status
    assert "-gpworkshop: 1\n+gpworkshop: 2\n" in printed
    assert before == record.read_text("utf-8")


def test_translations_go_into_flow_mappings_and_json_files(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(SYMPOSIUM, tmp_path / "record"))
    (folder / "stakeholders.json").write_text(gw.dumps(gw.load(folder / "stakeholders.yaml"), "json"), "utf-8")
    (folder / "stakeholders.yaml").unlink()
    kb = gw.load(folder)
    wanted = {path: f"[fr] {text}" for path, text in texts(kb)}

    change = rewrite.add_translations([folder], {"fr": wanted})
    change.save()

    again = gw.load(folder)
    assert [] == [path for path, text in texts(again) if existing(text, "fr") != wanted[path]]
    written = (folder / "inaugural-meeting.yaml").read_text("utf-8")
    assert '{name: {en: Il-jae Kim, ko: 김일재, fr: "[fr] Il-jae Kim"}' in written
    assert [share.share for share in coverage(again) if share.language == "fr"] == [1.0]


def test_a_mix_of_workbooks_and_translation_files_or_an_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    mixed = run("collect", str(tmp_path / "a.xlsx"), str(tmp_path / "fr.po"), "--into", str(BUSAN))
    unknown = run("collect", str(tmp_path / "fr.txt"), "--into", str(BUSAN))

    assert (2, "") == mixed[:2]
    assert "collect survey workbooks and translation files separately" in mixed[2]
    assert (2, "") == unknown[:2]
    assert "cannot tell what" in unknown[2]


XLIFF_HEAD = f'<?xml version="1.0"?>\n<xliff xmlns="{NAMESPACE}" version="2.0" srcLang="en" trgLang="fr">\n'


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("not-xml.xlf", "this is not XML", "fr.xlf:1:1: GPW101: not well-formed XML: syntax error"),
        (
            "laughs.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
            "<xliff>&lol2;</xliff>",
            "fr.xlf:2:1: GPW101: the file declares a document type (<!DOCTYPE>)",
        ),
        (
            "xliff-1.xlf",
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
            "fr.xlf:1:1: GPW206: not an XLIFF 2",
        ),
        (
            "no-target.xlf",
            f'<xliff xmlns="{NAMESPACE}" version="2.0" srcLang="en"><file id="f"/></xliff>',
            "fr.xlf:1:1: GPW201: the file does not say which language it translates into (trgLang)",
        ),
        (
            "into-english.xlf",
            f'<xliff xmlns="{NAMESPACE}" version="2.0" srcLang="en" trgLang="en"><file id="f"/></xliff>',
            "fr.xlf:1:1: GPW206: the file translates into 'en', the record's own language",
        ),
        (
            "from-korean.xlf",
            f'<xliff xmlns="{NAMESPACE}" version="2.0" srcLang="ko" trgLang="fr"><file id="f"/></xliff>',
            "fr.xlf:1:1: GPW206: the file translates from 'ko', but the record is written in 'en'",
        ),
        (
            "unknown-unit.xlf",
            XLIFF_HEAD + '<file id="f">\n  <unit id="events.busan-gp-workshop-2014.titel"><segment><source>x</source>'
            "<target>y</target></segment></unit></file></xliff>",
            "fr.xlf:4:3: GPW302: the record has no text 'events.busan-gp-workshop-2014.titel' (did you mean "
            "'events.busan-gp-workshop-2014.title'?)",
        ),
        (
            "no-language.po",
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
            "fr.po:1:1: GPW201: the header does not say the language",
        ),
        (
            "broken.po",
            'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nmsgstr "b"\nbogus line\n',
            "fr.po:7: GPW101: not a PO file that can be read: 'Syntax error in po file (line 7)'",
        ),
        ("one-line.po", "/etc/passwd", "fr.po:1:1: GPW101: not a PO file: it has no entries"),
    ],
)
def test_a_bad_translation_file_is_a_located_error_and_changes_nothing(
    tmp_path: Path, name: str, text: str, said: str
) -> None:
    record = busan(tmp_path)
    before = record.read_text("utf-8")
    path = tmp_path / ("fr" + Path(name).suffix)
    path.write_text(text, "utf-8")

    status, out, err = run("collect", str(path), "--into", str(record))

    assert (1, "") == (status, out)
    assert err.startswith(str(tmp_path) + "/" + said), err
    assert before == record.read_text("utf-8")


def test_a_text_translated_twice_differently_is_an_error(tmp_path: Path) -> None:
    record = busan(tmp_path)
    first, second = tmp_path / "a.po", tmp_path / "b.po"
    for path, word in ((first, "Séoul"), (second, "Seúl")):
        run("export", str(record), "--to", "po", "--lang", "fr", "-o", str(path))
        catalogue = polib.pofile(str(path))
        catalogue.find("Seoul", msgctxt="events.busan-gp-workshop-2014.location.city").msgstr = word
        catalogue.save()

    status, _, err = run("collect", str(first), str(second), "--into", str(record))

    assert 1 == status
    assert "GPW206: events.busan-gp-workshop-2014.location.city is translated into fr twice, differently" in err


# Properties.


def _fill(xliff: str, prefix: str) -> str:
    """*xliff* with a target after every source: the source's own content after *prefix*, as written."""
    xliff = re.sub(r"<target[^>]*>.*?</target>", "", xliff, flags=re.DOTALL)
    return re.sub(
        r"(<source([^>]*)>(.*?)</source>)",
        lambda found: f"{found[1]}<target{found[2]}>{prefix}{found[3]}</target>",
        xliff,
        flags=re.DOTALL,
    )


def _other_languages(kb: gw.KnowledgeBase, language: str) -> Any:
    """*kb* as plain data, each text a mapping of its languages but *language*, a plain text one of the record's."""
    data = gw.unstructure(kb)
    for path, text in texts(kb):
        *way, last = path
        place: Any = data
        for step in way:
            place = place[step]
        written = text.texts if isinstance(text, gw.Translatable) else {kb.language: str(text)}
        place[last] = {tag: value for tag, value in written.items() if tag.lower() != language}
    return data


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(
    kb=gws.knowledge_bases(max_events=2),
    format_=st.sampled_from(["yaml", "json"]),
    suffix=st.sampled_from([".xlf", ".po"]),
)
def test_every_target_filled_comes_back_and_nothing_else_changes(
    tmp_path_factory: pytest.TempPathFactory, kb: gw.KnowledgeBase, format_: str, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("record")
    language = "de" if kb.language.lower().startswith("fr") else "fr"
    files = []
    for number, part in enumerate([attrs.evolve(kb, events=()), attrs.evolve(kb, stakeholders=())]):
        files.append(folder / f"part-{number}.{format_}")
        files[-1].write_text(gw.dumps(part, format_), "utf-8")
    loaded = gw.load(files, check=False)
    translations = folder / f"out{suffix}"
    if suffix == ".xlf":
        translations.write_text(_fill(formats.write("xliff", loaded, lang=language), "» "), "utf-8")
    else:
        catalogue = polib.pofile(formats.write("po", loaded, lang=language))
        for entry in catalogue:
            entry.msgstr = "» " + entry.msgid
        catalogue.save(str(translations))
    wanted = {unit.path: "» " + unit.source for unit in translation_units(loaded, language)}

    collected = collect_translations([translations], files)
    collected.rewrite.save()

    after = gw.load(files, check=False)
    assert () == collected.stale
    assert wanted == {path: existing(text, language) for path, text in texts(after)}
    assert _other_languages(loaded, language) == _other_languages(after, language)


def _mutated(data: bytes, changes: list[tuple[int, int, bytes]]) -> bytes:
    for offset, length, replacement in changes:
        at = offset % (len(data) + 1)
        data = data[:at] + replacement + data[at + length :]
    return data


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(
    suffix=st.sampled_from([".xlf", ".po"]),
    changes=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20_000),
            st.integers(min_value=0, max_value=8),
            st.binary(max_size=8)
            | st.sampled_from([b"<", b">", b"&", b'"', b"<!DOCTYPE x>", b"<cp hex='0'/>", b"\n", b"\\", b'msgid "'])
            | st.integers(1, 5000).map(lambda depth: b"<mrk>" * depth),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_a_mutated_translation_file_gives_a_result_or_a_load_error(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, changes: list[tuple[int, int, bytes]]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    record = busan(folder)
    kb = gw.load(record)
    text = formats.write("xliff" if suffix == ".xlf" else "po", kb, lang="fr")
    path = folder / f"fr{suffix}"
    path.write_bytes(_mutated(_fill(text, "« ").encode() if suffix == ".xlf" else text.encode(), changes))

    problems: tuple[gw.Problem, ...] | None = None
    try:
        collected = collect_translations([path], [record])
    except gw.LoadError as error:
        problems = error.problems
    else:
        assert collected.added + collected.known + len(collected.stale) <= len(list(texts(kb)))
    assert problems is None or (problems and all(problem.source == str(path) for problem in problems))


# The script of a text against its language.

KANURI = """\
gpworkshop: 2
stakeholders:
  - id: krila
    name:
      en: Korea Research Institute for Local Administration
      kr: 한국지방행정연구원
    kind: research-institute
"""


def test_hangul_tagged_kanuri_is_a_warning_at_the_text_suggesting_korean() -> None:
    problems = gw.validate(gw.loads(KANURI, "yaml"))

    assert [
        (
            "GPW409",
            gw.Severity.WARNING,
            6,
            11,
            "stakeholders[0].name.kr",
            "the text in 'kr' is written in Hangul script, but 'kr' (Kanuri) is written in Latin script: is it 'ko'?",
        )
    ] == [(p.code, p.severity, p.line, p.column, p.path, p.message) for p in problems]


def test_texts_in_their_languages_script_or_in_latin_letters_are_not_warned() -> None:
    korean = KANURI.replace("kr: 한국", "ko: 한국")
    acronyms = korean.replace("    kind:", "    acronym: {en: KRILA, ko: KRILA 연구원}\n    kind:")
    latin = korean.replace("    kind:", "    acronym: {en: KRILA, ko: KRILA}\n    kind:")

    assert [] == gw.validate(gw.loads(korean, "yaml"))
    assert [] == gw.validate(gw.loads(acronyms, "yaml"))
    assert [] == gw.validate(gw.loads(latin, "yaml"))
    assert [] == [p for p in gw.validate(gw.load(SYMPOSIUM)) if p.code == "GPW409"]


def test_without_babel_the_script_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    from gpworkshop import _scripts

    _scripts._likely_subtags.cache_clear()
    monkeypatch.setitem(sys.modules, "babel.core", None)
    try:
        problems = gw.validate(gw.loads(KANURI, "yaml"))
    finally:
        _scripts._likely_subtags.cache_clear()

    assert [] == problems


def test_control_characters_and_carriage_returns_go_out_as_xliff_code_points_and_come_back(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        'gpworkshop: 1\nstakeholders:\n  - id: a\n    name: "Tab\\there \\x01 and\\r\\nCR"\n    kind: network\n',
        "utf-8",
    )
    text = formats.write("xliff", gw.load(record), lang="fr")
    out = tmp_path / "fr.xlf"
    out.write_text(_fill(text, "FR "), "utf-8")

    collect_translations([out], [record]).rewrite.save()

    assert '<source xml:space="preserve">Tab\there <cp hex="0001"/> and&#13;\nCR</source>' in text
    assert "FR Tab\there \x01 and\r\nCR" == existing(gw.load(record).stakeholders[0].name, "fr")


def test_untranslated_keeps_only_what_the_language_lacks(tmp_path: Path) -> None:
    out = tmp_path / "ko.po"
    kb = gw.load(SYMPOSIUM)

    status, _, _ = run("export", str(SYMPOSIUM), "--to", "po", "--lang", "ko", "--untranslated", "-o", str(out))

    assert 0 == status
    left = [unit.id for unit in translation_units(kb, "ko") if unit.target is None]
    assert left == [entry.msgctxt for entry in polib.pofile(str(out))]


def test_two_targets_in_one_segment_are_an_error(tmp_path: Path) -> None:
    record = busan(tmp_path)
    out = tmp_path / "fr.xlf"
    text = formats.write("xliff", gw.load(record), lang="fr")
    out.write_text(text.replace("</source>", "</source><target>A</target><target>B</target>", 1), "utf-8")

    status, _, err = run("collect", str(out), "--into", str(record))

    assert 1 == status
    assert "GPW206: the unit 'stakeholders.gpedc.name' has two targets in one segment; keep one" in err


def test_two_languages_collected_at_once_go_into_each_text_together(tmp_path: Path) -> None:
    record = busan(tmp_path)
    french_file, spanish_file = tmp_path / "fr.xlf", tmp_path / "es.po"
    run("export", str(record), "--to", "xliff", "--lang", "fr", "-o", str(french_file))
    run("export", str(record), "--to", "po", "--lang", "es", "-o", str(spanish_file))
    filled_by_translate_toolkit(french_file)
    filled_by_translate_toolkit(spanish_file)

    status, printed, _ = run("collect", str(french_file), str(spanish_file), "--into", str(record))

    assert 0 == status
    assert printed.endswith(f"wrote 48 translations in 1 file: {record}\n")
    assert "    title:\n      en: Annual Busan Global Partnership Workshop\n      fr: FR Annual" in record.read_text(
        "utf-8"
    )
    shares = {row.language: row.share for row in coverage(gw.load(record))}
    assert {"en": 1.0, "fr": 1.0, "es": 1.0} == shares


def test_a_stale_po_entry_is_said_at_its_first_line(tmp_path: Path) -> None:
    record = busan(tmp_path)
    out = tmp_path / "fr.po"
    run("export", str(record), "--to", "po", "--lang", "fr", "-o", str(out))
    filled_by_translate_toolkit(out)
    record.write_text(record.read_text("utf-8").replace("city: Seoul", "city: Séoul"), "utf-8")
    lines = out.read_text("utf-8").splitlines()
    context = lines.index('msgctxt "events.busan-gp-workshop-2014.location.city"')
    first = next(n for n in range(context, 0, -1) if not lines[n - 1]) + 1

    status, printed, _ = run("collect", str(out), "--into", str(record))

    assert 0 == status
    assert printed.startswith(f"{out}:{first}:1: stale: events.busan-gp-workshop-2014.location.city: ")
