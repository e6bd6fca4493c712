"""YAML the parser refuses, said in the words of someone writing a record, at the place to fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop.formats import yaml as yaml_format
from tests.commands import shown
from tests.records import EXAMPLES

QUOTES = "a quote within text in single quotes is written twice ('it''s'), within double quotes as \\\""

#: A text written wrongly, and what is said of it: (line, column, message after ``invalid YAML: ``).
MISTAKES: dict[str, tuple[str, tuple[int, int, str]]] = {
    "a key indented by one space": (
        "a:\n  b: 1\n c: 2\n",
        (
            3,
            2,
            "this key is indented by 1 space, which matches no mapping around it (the keys of the one from line 1 "
            "are indented by 0 spaces): indent it like the other keys of its mapping",
        ),
    ),
    "a key indented between a list item's keys and its '- '": (
        "events:\n  - id: e\n    title: T\n   participants: []\n",
        (
            4,
            4,
            "this key is indented by 3 spaces, which matches neither the keys of the list item above (line 2, "
            "indented by 4 spaces) nor the list's '- ' (by 2 spaces): indent it like the keys of the item, by 4 "
            "spaces",
        ),
    ),
    "a list item indented between its list and the keys around it": (
        "events:\n  - id: e\n    participants:\n      - stakeholder: a\n     - stakeholder: b\n",
        (
            5,
            6,
            "this list item ('- ') is indented by 5 spaces, which matches no list around it (the keys of the "
            "mapping from line 2 are indented by 4 spaces): indent it like the other items of its list",
        ),
    ),
    "a bracket never closed": (
        "a: [b,\n",
        (1, 4, "the list in brackets that opens here with '[' is never closed: close it with ']'"),
    ),
    "a colon within brackets": (
        "a:\n  - [: b\n",
        (
            2,
            5,
            "'[' opens a list in brackets here, and ':' cannot come in it where it does: close it, or put "
            "a value that starts with '[' in quotes",
        ),
    ),
    "an anchor after a mapping in brackets": (
        "a: {b: 1} &x\n",
        (1, 11, "more text follows a value on its line: put the whole value in quotes"),
    ),
    "a key after a list item at its indentation": (
        "- # the first item\ngpworkshop: 1\n",
        (
            2,
            1,
            "this key is at the indentation of a list item ('- ') above it, and a block is a list or keys, not both: "
            "indent the key under its item, or remove the '- '",
        ),
    ),
    "a double quote never closed": (
        'a: 1\nb: "hello\nc: 2\nd: 3\n',
        (2, 4, f'the text in double quotes that starts here is never closed: end it with "; {QUOTES}'),
    ),
    "a single quote never closed": (
        "a: 1\nb: 'hello\nc: 2\n",
        (2, 4, f"the text in single quotes that starts here is never closed: end it with '; {QUOTES}"),
    ),
    "an apostrophe in single quotes": (
        "a: 'it's'\n",
        (1, 8, f"the text in quotes ends before here, and more follows it on the line: {QUOTES}"),
    ),
    "a colon in a value": (
        "a: 1\ntitle: Busan: the workshop\n",
        (2, 8, "the value holds ': ', which YAML reads as the start of a key: put the value in quotes"),
    ),
    "a key among the items of a list": (
        "stakeholders:\n  - id: a\n    name: b\n  kind: c\n",
        (
            4,
            3,
            "this key stands at the indentation of the list's items ('- ' at line 2), as though it were an item: "
            "indent it like the keys of the item above, or start it with '- ' to make a new item",
        ),
    ),
    "a key indented more than the one above": (
        "a:\n  b: 1\n   c: 2\n",
        (
            3,
            4,
            "this key is indented more than the key above it (line 2), as though it were part of that key's value: "
            "indent it by 2 spaces, like the keys of its mapping",
        ),
    ),
    "a key between two indentations": (
        "a:\n    b: 1\n  c: 2\n",
        (
            3,
            3,
            "this key is indented by 2 spaces, which matches no mapping around it (the keys of the one from line 1 "
            "are indented by 0 spaces): indent it like the other keys of its mapping",
        ),
    ),
    "a tab": (
        "a:\n\tb: 1\n",
        (2, 1, "a tab stands here, and YAML indents with spaces only: replace the tabs with spaces"),
    ),
    "a value starting with @": (
        "a: @foo\n",
        (1, 4, "a value cannot start with '@', which YAML keeps for itself: put the value in quotes"),
    ),
    "a backslash in double quotes": (
        'a: "C:\\path"\n',
        (
            1,
            7,
            "'\\p' is not an escape of text in double quotes: write \\\\ for a backslash, or put the text in single "
            "quotes, where a backslash is only a backslash",
        ),
    ),
    "a list in brackets never closed": (
        "a: [1, 2\nb: 3\n",
        (
            1,
            4,
            "the list in brackets that opens here with '[' is not closed with ']', or two of its items have no ',' "
            "between them: close it, or put a value holding '[' in quotes",
        ),
    ),
    "an ampersand alone": (
        "a: & foo\n",
        (
            1,
            4,
            "'&' starts an anchor, a name for the value after it, and no name follows it: put the value in quotes to "
            "start it with '&'",
        ),
    ),
    "a line without a colon": (
        "a: 1\nb\nc: 2\n",
        (
            2,
            1,
            "this line is neither 'key: value' nor a list item ('- '): add the ':' after its key, or indent it to "
            "continue the value above",
        ),
    ),
    "a list item after a key": (
        "a: - b\n",
        (
            1,
            4,
            "a list item ('- ') cannot follow a key on its line: put each item on a line of its own, indented under "
            "the key, or put the value in quotes",
        ),
    ),
    "a list item among keys": (
        "a: 1\n- b\n",
        (
            2,
            1,
            "a list item ('- ') stands among the keys of a mapping: indent the list under the key it is the value of",
        ),
    ),
    "a closing bracket alone": (
        "a: 1\n]\n",
        (2, 1, "']' stands here with nothing it belongs to: remove it, or put the value in quotes"),
    ),
    "text after the end of the document": (
        "a: 1\n...\nb\n",
        (3, 1, "a record is one YAML document, and this text follows its end (a line '...'): remove that line"),
    ),
    "a directive": (
        "%foo\na: 1\n",
        (
            2,
            1,
            "a line that starts with '%' is a YAML directive, which a line '---' must follow: remove it, or put the "
            "value in quotes",
        ),
    ),
    "text after a block indicator": (
        "a: |x\n  b\n",
        (
            1,
            5,
            "after '|' or '>', which start a text over several lines, only '-', '+' or a digit may follow on the "
            "line: write the text on the lines below, indented",
        ),
    ),
    "an escape of too few digits": (
        'a: "\\x4"\n',
        (1, 7, "in text in double quotes: expected escape sequence of 2 hexadecimal numbers, but found '\"'"),
    ),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_is_said_in_words_at_the_place_to_fix(name: str) -> None:
    text, expected = MISTAKES[name]

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text)

    [problem] = caught.value.problems
    line, column, message = expected
    assert ("GPW101", line, column, f"invalid YAML: {message}") == (
        problem.code, problem.line, problem.column, problem.message
    )  # fmt: skip


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_the_words_are_the_same_without_libyaml(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = MISTAKES[name]
    monkeypatch.setattr(yaml_format, "_Loader", yaml.SafeLoader)

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text)

    line, column, message = expected
    assert [(line, column, f"invalid YAML: {message}")] == [
        (p.line, p.column, p.message) for p in caught.value.problems
    ]


def test_the_command_line_places_an_unclosed_quote_where_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    text = (EXAMPLES / "busan-gp-workshop-2014.yaml").read_text("utf-8")
    name = "name: Steering Committee of the Global Partnership"
    path.write_text(text.replace(name, 'name: "Steering Committee'), "utf-8")
    line = text[: text.index(name)].count("\n") + 1
    # The next double quote of the file, lines below, closes the text, and the parser stops after it.
    closing = text[: text.index('"')].count("\n") + 1

    status, out = shown("validate", str(path))

    assert 1 == status
    message = (
        f"the text in double quotes that starts here runs on to line {closing}, where a quote ends it and the text "
        f'goes wrong: close it on its line with "; {QUOTES}'
    )
    assert f"{path}:{line}:{len('    name: ') + 1}: GPW101: invalid YAML: {message}\n1 error, 0 warnings\n" == out


def test_a_quote_left_open_at_the_end_is_placed_where_it_opens() -> None:
    text = (EXAMPLES / "busan-gp-workshop-2014.yaml").read_text("utf-8")
    line = text.count("\n") + 1
    broken = text + "    note: 'unfinished\n"

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(broken, check=False)

    [problem] = caught.value.problems
    assert (line, 11) == (problem.line, problem.column)
    assert problem.message.startswith("invalid YAML: the text in single quotes that starts here is never closed")


#: What the parser's words name that no one writing a record should have to read.
GRAMMAR = re.compile(r"<[a-z ]+>|while (parsing|scanning)|scalar|\bnode\b|\btoken\b")
EXAMPLE = (EXAMPLES / "busan-gp-workshop-2014.yaml").read_text("utf-8")[:3000]


MISTYPED = ["'", '"', ":", ": ", "[", "]", "{", "}", "- ", " ", "  ", "\t", "#", "&", "*", "\\", "|x", "%", ""]


@st.composite
def mistyped(draw: st.DrawFn) -> str:
    """An example record with a few characters people mistype inserted, removed or put in place of others."""
    text = EXAMPLE
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text) - 1))
        typed = draw(
            st.sampled_from(["'", '"', ":", ": ", "[", "]", "{", "}", "- ", " ", "  ", "\t", "#", "&", "*", "\\", ""])
        )
        text = text[:at] + typed + text[at + draw(st.integers(0, 2)) :]
    return text


@given(mistyped())
def test_no_mistake_is_said_in_the_words_of_the_grammar(text: str) -> None:
    lines = text.count("\n") + 1
    try:
        gw.loads(text, check=False)
    except gw.LoadError as error:
        for problem in error.problems:
            if problem.code == "GPW101":
                assert GRAMMAR.search(problem.message) is None, problem.message
                assert problem.line is not None
                assert 1 <= problem.line <= lines
