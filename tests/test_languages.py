"""Multilingual records and reports: translatable texts, catalogues, reports in seven languages, right to left."""

from __future__ import annotations

import copy
import io
import json
import os
import pickle
import re
import sys
from pathlib import Path

import attrs
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import gpworkshop as gw
from gpworkshop import reports, strategies, vocab
from gpworkshop.cli import main
from gpworkshop.multilingual import best_match, compared, tag_problem
from gpworkshop.reports import language
from gpworkshop.reports._wording import label, role_heading
from gpworkshop.schema import json_schema
from gpworkshop.translations import coverage, format_version
from tests.records import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
SYMPOSIUM = EXAMPLES / "regional-symposium-2023"
GOLDEN = Path(__file__).resolve().parent / "golden-languages"
TRANSLATED = [tag for tag in language.LANGUAGES if tag != "en"]
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

KRILA = gw.Translatable({"en": "Korea Research Institute for Local Administration", "ko": "한국지방행정연구원"})


# --- Translatable texts ----------------------------------------------------------------------------------------


def test_a_translatable_text_is_its_default_text_and_knows_the_others() -> None:
    assert "Korea Research Institute for Local Administration" == str(KRILA)
    assert isinstance(KRILA, str)
    assert "한국지방행정연구원" == KRILA.get("ko-KR")
    assert KRILA.get("fr") is None
    assert ("Korea Research Institute for Local Administration", "en") == gw.in_language(KRILA, "fr")
    assert ("서울", "ko") == gw.in_language(gw.Translatable({"en": "Seoul", "ko": "서울"}), "ko")


def test_a_translatable_text_compares_as_its_string_and_a_model_object_by_all_its_texts() -> None:
    assert str(KRILA) == KRILA
    assert hash(str(KRILA)) == hash(KRILA)
    person = gw.Person(name=KRILA)
    assert person != gw.Person(name=str(KRILA))
    assert person != gw.Person(name=gw.Translatable({"en": str(KRILA)}))
    assert person == gw.Person(name=gw.Translatable(dict(KRILA.texts), language="ko"))
    assert hash(person) == hash(gw.Person(name=gw.Translatable(dict(KRILA.texts), language="ko")))
    for copied in (copy.copy(KRILA), copy.deepcopy(KRILA), pickle.loads(pickle.dumps(KRILA))):
        assert (dict(copied.texts), copied.language) == (dict(KRILA.texts), KRILA.language)


def test_every_text_field_of_the_model_compares_all_its_texts() -> None:
    for name in gw.model.__all__:
        cls = getattr(gw.model, name)
        for field in attrs.fields(cls) if attrs.has(cls) else ():
            if field.metadata.get(gw.model.TRANSLATABLE):
                assert field.eq_key is compared, f"{name}.{field.name}"


@pytest.mark.parametrize("texts", [{}, {"en": 1}, ["en", "x"], {1: "x"}])
def test_a_translatable_text_needs_a_mapping_of_tags_to_text(texts: object) -> None:
    with pytest.raises(gw.TranslationError):
        gw.Translatable(texts)  # type: ignore[arg-type]


def test_a_wrong_tag_suggests_the_right_one() -> None:
    assert "did you mean 'zh'?" in (tag_problem("cn") or "")
    assert "did you mean 'ko'?" in (tag_problem("Korean") or "")
    assert "did you mean 'ja'?" in (tag_problem("jp") or "")
    assert tag_problem("zh-Hant-TW") is None
    assert ("zh-Hans", "fr", None) == (
        best_match("zh-CN", ["en", "zh-Hans"]),
        best_match("FR-ca", ["fr"]),
        best_match("ko", ["en"]),
    )


def test_a_model_object_refuses_a_translation_with_a_bad_tag_or_blank_text() -> None:
    with pytest.raises(gw.FieldValueError, match="did you mean 'zh'"):
        gw.Person(name=gw.Translatable({"en": "Kim", "cn": "金"}))
    with pytest.raises(gw.FieldValueError, match="non-empty text in 'ko'"):
        gw.Person(name=gw.Translatable({"en": "Kim", "ko": " "}))


def test_a_plain_record_keeps_its_plain_strings_and_version_1() -> None:
    text = (EXAMPLES / "busan-gp-workshop-2014.yaml").read_text(encoding="utf-8")
    kb = gw.loads(text)

    assert 1 == format_version(kb)
    assert not any(isinstance(stakeholder.name, gw.Translatable) for stakeholder in kb.stakeholders)
    assert gw.dumps(kb).startswith("gpworkshop: 1\n")


def test_the_symposium_has_its_korean_names() -> None:
    kb = gw.load(SYMPOSIUM)

    assert "한국지방행정연구원" == kb.stakeholder("krila").name.get("ko")  # type: ignore[attr-defined]
    assert kb.event("regional-symposium-2023").title.get("ko").startswith("2030 의제")  # type: ignore[attr-defined]
    assert kb.event("nri-inaugural-meeting-2023").title.get("ko")  # type: ignore[attr-defined]
    assert 2 == format_version(kb)
    assert gw.loads(gw.dumps(kb)) == kb
    assert gw.loads(gw.dumps(kb, "json"), "json") == kb


@settings(max_examples=40)
@given(kb=strategies.knowledge_bases(max_events=2))
def test_records_with_translations_round_trip_in_yaml_and_json(kb: gw.KnowledgeBase) -> None:
    for format_ in ("yaml", "json"):
        again = gw.loads(gw.dumps(kb, format_), format_)
        assert again == kb
        assert again.language == kb.language
        assert format_version(again) == format_version(kb)


def test_the_record_language_gives_translations_their_value() -> None:
    record = (
        "gpworkshop: 2\nlanguage: ko\nstakeholders:\n  - {id: k, name: {en: KRILA, ko: 한국어 이름}, kind: other}\n"
    )
    kb = gw.loads(record)

    assert "ko" == kb.language
    assert "한국어 이름" == str(kb.stakeholder("k").name)
    assert gw.dumps(kb).startswith("gpworkshop: 2\nlanguage: ko\n")


def test_files_of_one_record_in_different_languages_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("gpworkshop: 1\nlanguage: ko\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("gpworkshop: 1\nlanguage: fr\n", encoding="utf-8")

    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path)

    [problem] = caught.value.problems
    assert (problem.source, problem.line, problem.path) == (str(tmp_path / "b.yaml"), 2, "language")
    assert "in 'ko', this one in 'fr'" in problem.message


def test_translation_coverage_counts_the_texts_in_each_language() -> None:
    rows = {row.language: row for row in coverage(gw.load(SYMPOSIUM))}

    assert ["en", "ko"] == list(rows)
    assert rows["en"].translated == rows["en"].texts
    assert 0 < rows["ko"].translated < rows["ko"].texts


def test_the_schema_describes_both_forms_of_text() -> None:
    validator = Draft202012Validator(json_schema())
    record = json.loads(gw.dumps(gw.load(SYMPOSIUM), "json"))

    assert 2 == record["gpworkshop"]
    assert validator.is_valid(record)
    bad = {"gpworkshop": 2, "stakeholders": [{"id": "k", "name": {"english": "x"}, "kind": "other"}]}
    assert not validator.is_valid(bad)


# --- Catalogues -------------------------------------------------------------------------------------------------


def _extracted() -> set[str | tuple[str, str]]:
    keywords = {"_": None, "n_": None, "ngettext": (1, 2)}
    found: set[str | tuple[str, str]] = set()
    for folder in ("reports", "collect", "site"):
        for _, _, message, _, _ in extract_from_dir(ROOT / "src" / "gpworkshop" / folder, keywords=keywords):
            found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def _catalogue(path: Path, locale: str | None = None) -> dict[str | tuple[str, ...], object]:
    with path.open("rb") as file:
        catalog = read_po(file, locale=locale)
    return {
        message.id if isinstance(message.id, str) else tuple(message.id): message for message in catalog if message.id
    }


def test_the_template_holds_every_phrase_of_the_reports_and_no_other() -> None:
    template = _catalogue(ROOT / "src" / "gpworkshop" / "locale" / "gpworkshop.pot")

    assert _extracted() == set(template)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_every_catalogue_is_complete_with_no_fuzzy_entry_and_the_same_placeholders(tag: str) -> None:
    path = ROOT / "src" / "gpworkshop" / "locale" / tag / "LC_MESSAGES" / "gpworkshop.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=tag)
    messages = _catalogue(path, tag)

    assert set(messages) == _extracted()
    assert not catalog.obsolete
    for key, message in messages.items():
        assert not message.fuzzy, key  # type: ignore[attr-defined]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        if isinstance(key, tuple):
            assert catalog.num_plurals == len(strings), key
        wanted = set(_PLACEHOLDER.findall(key if isinstance(key, str) else key[1]))
        for string in strings:
            assert string, key
            assert wanted == set(_PLACEHOLDER.findall(string)), (key, string)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_the_compiled_catalogue_says_what_its_source_says(tag: str) -> None:
    messages = _catalogue(ROOT / "src" / "gpworkshop" / "locale" / tag / "LC_MESSAGES" / "gpworkshop.po", tag)

    with language.speaking(tag) as wording:
        for key, message in messages.items():
            if isinstance(key, str):
                assert message.string == wording.gettext(key)  # type: ignore[attr-defined]


@pytest.mark.parametrize("tag", language.LANGUAGES)
def test_every_vocabulary_value_and_role_has_a_label_in_every_language(tag: str) -> None:
    with language.speaking(tag):
        for name in vocab.__all__:
            kind = getattr(vocab, name)
            if isinstance(kind, type) and issubclass(kind, vocab.Vocabulary) and kind is not vocab.Vocabulary:
                for member in kind:
                    assert label(member).strip()
        assert len({role_heading(role) for role in gw.Role}) >= 8


def test_a_language_reports_are_not_written_in_is_refused() -> None:
    with pytest.raises(reports.LanguageError, match="not written in 'de'"):
        reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="de")


def test_without_babel_another_language_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "babel", None)

    with pytest.raises(reports.LanguageError, match=r"pip install \"gpworkshop\[i18n\]\""):
        reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="fr")


# --- Reports in every language ----------------------------------------------------------------------------------

KINDS = ("outcome", "tracker", "matrix", "coverage")


@settings(max_examples=15, deadline=None)
@given(
    kb=strategies.knowledge_bases(min_events=1, max_events=2, max_stakeholders=3),
    tag=st.sampled_from(language.LANGUAGES),
    kind=st.sampled_from(KINDS),
)
def test_every_report_renders_in_every_language_and_format(kb: gw.KnowledgeBase, tag: str, kind: str) -> None:
    event = kb.top_level_events()[0].id if kind in ("outcome", "coverage") else None
    document = reports.build(kb, kind, event=event, lang=tag)

    assert tag == document.language
    for format_ in reports.FORMATS:
        text = reports.render(document, format_)
        assert text.endswith("\n")
    page = reports.render(document, "html")
    assert f'<html lang="{tag}" dir="{"rtl" if tag == "ar" else "ltr"}">' in page


def test_a_french_report_falls_back_to_the_record_language_and_says_so() -> None:
    document = reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="fr")
    page = reports.render(document, "html")

    assert "<h2>Objectifs</h2>" in page
    assert '<strong lang="en" dir="ltr">Raise awareness of critical public governance issues</strong>' in page
    assert "ne sont pas traduits dans cette langue" in page


def test_a_korean_report_uses_the_korean_names() -> None:
    text = reports.render(reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="ko"), "text")

    assert text.startswith("2030 의제 이행 가속화를 위한")
    assert "한국지방행정연구원 (KRILA)" in text
    assert "2023년 10월 17일~19일" in text
    assert "대한민국" in text


def test_an_arabic_text_report_isolates_left_to_right_runs() -> None:
    document = reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="ar")
    text = reports.render(document, "text")

    assert document.right_to_left
    assert "\u2066UN DESA's yearly flagship event on public governance for the 2030 Agenda.\u2069" in text
    assert text.count("\u2066") == text.count("\u2069") or "\n" in text  # an isolate may be cut by wrapping
    markdown = reports.render(document, "markdown")
    assert "\u2066" in markdown
    assert "\u2066" not in reports.render(
        reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang="fr"), "markdown"
    )


@pytest.mark.parametrize(
    ("tag", "format_"), [(tag, format_) for tag in ("ar", "fr", "ko") for format_ in ("md", "html")]
)
def test_reports_in_other_languages_match_their_golden_files(tag: str, format_: str) -> None:
    document = reports.outcome_report(gw.load(SYMPOSIUM), "regional-symposium-2023", lang=tag)
    text = reports.render(document, "markdown" if format_ == "md" else "html")
    path = GOLDEN / f"outcome.{tag}.{format_}"
    if os.environ.get("GPWORKSHOP_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.read_text(encoding="utf-8") == text


# --- Command line -----------------------------------------------------------------------------------------------


def test_report_in_korean_and_arabic_from_the_command_line(tmp_path: Path) -> None:
    out = io.StringIO()
    status = main(
        ["report", str(SYMPOSIUM), "--event", "regional-symposium-2023", "--lang", "ko", "--format", "html"], out=out
    )

    assert 0 == status
    assert '<html lang="ko" dir="ltr">' in out.getvalue()
    target = tmp_path / "ar.html"
    assert 0 == main(
        ["report", str(SYMPOSIUM), "--event", "regional-symposium-2023", "--lang", "ar", "-o", str(target)]
    )
    assert '<html lang="ar" dir="rtl">' in target.read_text(encoding="utf-8")


def test_an_unknown_report_language_is_a_usage_error() -> None:
    err = io.StringIO()

    assert 2 == main(["report", str(SYMPOSIUM), "--event", "regional-symposium-2023", "--lang", "xx"], err=err)
    assert "reports are not written in 'xx'" in err.getvalue()


def test_stats_show_translation_coverage() -> None:
    out = io.StringIO()

    assert 0 == main(["stats", "--languages", str(SYMPOSIUM)], out=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("en  ")
    assert lines[0].endswith("100% (the record's language)")
    assert lines[1].startswith("ko  ")
