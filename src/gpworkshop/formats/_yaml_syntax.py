"""What the YAML parser refused, in the words of someone writing a record, placed where it is to be fixed.

PyYAML words its errors by the grammar (``while parsing a block collection
expected <block end>, but found '?'``) and places them where it stopped,
which for a quote never closed is the end of the file. :func:`said` turns
each error people make by hand into what is wrong and what to write
instead, at the place to fix: where the quote or bracket opens, at the key
indented wrongly, at the value that needs quotes. An error it does not know
keeps the parser's words, with the names of its tokens said plainly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from gpworkshop._parsed import Position
from gpworkshop._wording import plural

__all__ = ["said"]

#: The parser's names of tokens, in words.
_TOKENS = {
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a key",
    "<block sequence start>": "a list item",
    "<block entry>": "a list item",
    "<scalar>": "a value",
    "<stream end>": "the end of the file",
    "<document start>": "the start of a document",
    "<document end>": "the end of the document",
    "<anchor>": "an anchor ('&')",
    "<alias>": "an alias ('*')",
    "<tag>": "a tag ('!')",
    "<directive>": "a directive ('%')",
    "<flow sequence start>": "'['",
    "<flow sequence end>": "']'",
    "<flow mapping start>": "'{'",
    "<flow mapping end>": "'}'",
    "<flow entry>": "','",
    "'?'": "a key",
    "'-'": "a list item",
}
# A token's name is written in quotes in some of the parser's words, and without in others.
_TOKENS.update({f"'{name}'": words for name, words in list(_TOKENS.items()) if name.startswith("<")})
_TOKEN = re.compile("|".join(re.escape(name) for name in sorted(_TOKENS, key=len, reverse=True)))
#: What the parser was reading, in words.
_READING = {
    "double-quoted scalar": "text in double quotes",
    "single-quoted scalar": "text in single quotes",
    "quoted scalar": "text in quotes",
    "plain scalar": "a value",
    "block scalar": "a text over several lines",
    "block mapping": "a mapping",
    "flow mapping": "a mapping in braces",
    "block collection": "a list",
    "flow sequence": "a list in brackets",
    "simple key": "a key",
    "tag": "a tag",
    "directive": "a directive",
    "anchor": "an anchor",
    "alias": "an alias",
}
_WHILE = re.compile(r"while (?:parsing|scanning) (?:an? |the )?(.*)")
_QUOTES = "'\""
_IN_QUOTES = "a quote within text in single quotes is written twice ('it''s'), within double quotes as \\\""


def said(error: Any, text: str) -> tuple[str, Position | None]:
    """The words for the YAML *error* the parser raised reading *text*, and the place to fix it."""
    context, problem = error.context or "", error.problem or ""
    opened = _quote_run_on(error, text)
    if opened is not None:
        return opened
    for matches, wording in _WORDINGS:
        if matches(context, problem):
            words, mark = wording(error, text)
            if words:
                return words, _position(mark)
    mark = error.problem_mark or error.context_mark
    reading = _WHILE.fullmatch(context)
    within = _READING.get(reading[1], "") if reading else context
    general = _TOKEN.sub(lambda found: _TOKENS[found[0]], problem)
    return (f"in {within}: {general}" if within else general), _position(mark)


def _quote_run_on(error: Any, text: str) -> tuple[str, Position | None] | None:
    """The words for a quote left open, closed only by the next quote lines below, where the text then goes wrong.

    The parser stops where the text after that next quote makes no sense, far from the quote to fix: the scalar in
    quotes that ends on the line it stopped at, and began on an earlier one, is found again by scanning the text.
    """
    mark = error.problem_mark
    if mark is None:
        return None
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.style not in ("'", '"') or last.end_mark.line != mark.line:
        return None
    start = last.start_mark
    if start.line == mark.line:
        return None
    kind = "double" if last.style == '"' else "single"
    return (
        f"the text in {kind} quotes that starts here runs on to line {mark.line + 1}, where a quote ends it and the "
        f"text goes wrong: close it on its line with {last.style}; {_IN_QUOTES}",
        _position(start),
    )


def _position(mark: Any) -> Position | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


class _Mark:
    """A place in the text, as the parser's marks give it."""

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _line_of(text: str, mark: Any) -> str:
    lines = text.split("\n")
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unclosed_quote(error: Any, text: str) -> tuple[str, Any]:
    mark = error.context_mark
    quote = _line_of(text, mark)[mark.column : mark.column + 1] if mark is not None else ""
    if quote not in _QUOTES:
        return "", None
    kind = "double" if quote == '"' else "single"
    return (
        f"the text in {kind} quotes that starts here is never closed: end it with {quote}; {_IN_QUOTES}",
        mark,
    )


def _bad_escape(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    line = _line_of(text, mark)
    start = line.rfind("\\", 0, mark.column + 1)
    escape = line[start : mark.column + 1] if start >= 0 else line[mark.column : mark.column + 1]
    place = _Mark(mark.line, start) if start >= 0 else mark
    return (
        f"'{escape}' is not an escape of text in double quotes: write \\\\ for a backslash, or put the text in single "
        "quotes, where a backslash is only a backslash",
        place,
    )


def _colon_in_value(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    line = _line_of(text, mark)
    first = line.find(": ") if ": " in line else line.find(":")
    if 0 <= first < mark.column and line.lstrip(" ").startswith(line[_indent(line) : first]):
        value = first + 2 if line[first + 1 : first + 2] == " " else first + 1
        while value < len(line) and line[value] == " ":
            value += 1
        return (
            "the value holds ': ', which YAML reads as the start of a key: put the value in quotes",
            _Mark(mark.line, value),
        )
    above = _key_above(text, mark.line)
    if above is not None and _indent(line) > above[1]:
        return (
            f"this key is indented more than the key above it (line {above[0] + 1}), as though it were part of that "
            f"key's value: indent it by {plural(above[1], 'space')}, like the keys of its mapping",
            _Mark(mark.line, _indent(line)),
        )
    return "a ':' here would start a key where there can be none: put the value in quotes", mark


def _key_above(text: str, number: int) -> tuple[int, int] | None:
    """The line and indentation of the nearest line above line *number* that is not blank or a comment."""
    lines = text.split("\n")
    for above in range(number - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above, _indent(lines[above])
    return None


def _item_after_key(error: Any, text: str) -> tuple[str, Any]:
    return (
        "a list item ('- ') cannot follow a key on its line: put each item on a line of its own, indented under the "
        "key, or put the value in quotes",
        error.problem_mark,
    )


def _key_among_items(error: Any, text: str) -> tuple[str, Any]:
    start = error.context_mark
    return (
        f"this key stands at the indentation of the list's items ('- ' at line {start.line + 1}), as though it "
        "were an item: indent it like the keys of the item above, or start it with '- ' to make a new item",
        error.problem_mark,
    )


def _between_indents(error: Any, text: str) -> tuple[str, Any]:
    start = error.context_mark
    return (
        f"this key is indented by {plural(error.problem_mark.column, 'space')}, which matches no mapping around it "
        f"(the keys of the one from line {start.line + 1} are indented by {plural(start.column, 'space')}): indent "
        "it like the other keys of its mapping",
        error.problem_mark,
    )


def _key_between_item_and_keys(error: Any, text: str) -> tuple[str, Any]:
    """A key indented less than the keys of the list item above it, and more than the list's '- '."""
    start, mark = error.context_mark, error.problem_mark
    item = _item_above(text, mark.line, start.column)
    if item is None:
        return "", None
    line, keys = item
    return (
        f"this key is indented by {plural(mark.column, 'space')}, which matches neither the keys of the list item "
        f"above (line {line + 1}, indented by {plural(keys, 'space')}) nor the list's '- ' (by "
        f"{plural(start.column, 'space')}): indent it like the keys of the item, by {plural(keys, 'space')}",
        mark,
    )


def _item_above(text: str, number: int, column: int) -> tuple[int, int] | None:
    """The nearest list item above line *number* whose '- ' is at *column*: its line and its keys' indentation."""
    lines = text.split("\n")
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if _indent(line) == column and line[column : column + 2] == "- ":
            rest = line[column + 1 :]
            return above, column + 1 + _indent(rest)
    return None


def _item_between_indents(error: Any, text: str) -> tuple[str, Any]:
    start, mark = error.context_mark, error.problem_mark
    return (
        f"this list item ('- ') is indented by {plural(mark.column, 'space')}, which matches no list around it (the "
        f"keys of the mapping from line {start.line + 1} are indented by {plural(start.column, 'space')}): indent "
        "it like the other items of its list",
        mark,
    )


def _item_among_keys(error: Any, text: str) -> tuple[str, Any]:
    return (
        "a list item ('- ') stands among the keys of a mapping: indent the list under the key it is the value of",
        error.problem_mark,
    )


def _more_after_value(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    before = _line_of(text, mark)[: mark.column].rstrip(" ")
    if before[-1:] in _QUOTES:
        return (
            f"the text in quotes ends before here, and more follows it on the line: {_IN_QUOTES}",
            mark,
        )
    return "more text follows a value on its line: put the whole value in quotes", mark


def _stray_closing(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    found = _line_of(text, mark)[mark.column : mark.column + 1]
    if found not in "]},":
        return "", None
    return f"{found!r} stands here with nothing it belongs to: remove it, or put the value in quotes", mark


def _unclosed_bracket(error: Any, text: str) -> tuple[str, Any]:
    mark = error.context_mark
    opening = _line_of(text, mark)[mark.column : mark.column + 1]
    closing = {"[": "]", "{": "}"}.get(opening)
    if closing is None:
        return "", None
    what = "list" if opening == "[" else "mapping"
    return (
        f"the {what} in brackets that opens here with {opening!r} is not closed with {closing!r}, or two of its "
        f"items have no ',' between them: close it, or put a value holding {opening!r} in quotes",
        mark,
    )


def _reserved_start(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    found = _line_of(text, mark)[mark.column : mark.column + 1]
    if found == "\t":
        return (
            "a tab stands here, and YAML indents with spaces only: replace the tabs with spaces",
            mark,
        )
    return f"a value cannot start with {found!r}, which YAML keeps for itself: put the value in quotes", mark


def _anchor_without_name(error: Any, text: str) -> tuple[str, Any]:
    sign = "&" if "anchor" in error.context else "*"
    what = "an anchor, a name for the value after it" if sign == "&" else "an alias, a value repeated by its name"
    return (
        f"{sign!r} starts {what}, and no name follows it: put the value in quotes to start it with {sign!r}",
        error.context_mark,
    )


def _key_without_colon(error: Any, text: str) -> tuple[str, Any]:
    return (
        "this line is neither 'key: value' nor a list item ('- '): add the ':' after its key, or indent it to "
        "continue the value above",
        error.context_mark,
    )


def _after_document(error: Any, text: str) -> tuple[str, Any]:
    if any(line.startswith("%") for line in text.split("\n")):
        return (
            "a line that starts with '%' is a YAML directive, which a line '---' must follow: remove it, or put the "
            "value in quotes",
            error.problem_mark,
        )
    return (
        "a record is one YAML document, and this text follows its end (a line '...'): remove that line",
        error.problem_mark,
    )


def _odd_in_brackets(error: Any, text: str) -> tuple[str, Any]:
    mark = error.problem_mark
    before = text[: mark.index]
    opened = max(before.rfind("["), before.rfind("{"))
    if opened < 0:
        return "", None
    opening, found = before[opened], text[mark.index : mark.index + 1]
    line_start = before.rfind("\n", 0, opened) + 1
    place = _Mark(before.count("\n", 0, opened), opened - line_start)
    what = "list" if opening == "[" else "mapping"
    if not found:
        closing = "]" if opening == "[" else "}"
        message = f"the {what} in brackets that opens here with {opening!r} is never closed: close it with {closing!r}"
        return message, place
    return (
        f"{opening!r} opens a {what} in brackets here, and {found!r} cannot come in it where it does: close it, or "
        f"put a value that starts with {opening!r} in quotes",
        place,
    )


def _key_after_item(error: Any, text: str) -> tuple[str, Any]:
    if not error.problem.endswith("found '?'"):
        return "", None
    return (
        "this key is at the indentation of a list item ('- ') above it, and a block is a list or keys, not both: "
        "indent the key under its item, or remove the '- '",
        error.problem_mark,
    )


def _block_scalar_header(error: Any, text: str) -> tuple[str, Any]:
    return (
        "after '|' or '>', which start a text over several lines, only '-', '+' or a digit may follow on the line: "
        "write the text on the lines below, indented",
        error.problem_mark,
    )


#: What the parser finds where a value should have ended its line: more of a value.
_AFTER_VALUE = (*(f"found '<{token}>'" for token in ("scalar", "anchor", "alias", "tag")), "found '['", "found '{'")

_WORDINGS: list[tuple[Callable[[str, str], bool], Callable[[Any, str], tuple[str, Any]]]] = [
    (lambda context, problem: "quoted scalar" in context and "unexpected" in problem, _unclosed_quote),
    (lambda context, problem: problem.startswith("found unknown escape character"), _bad_escape),
    (lambda context, problem: problem == "mapping values are not allowed here", _colon_in_value),
    (lambda context, problem: problem == "sequence entries are not allowed here", _item_after_key),
    (lambda context, problem: "block collection" in context and problem.endswith("found '?'"), _key_among_items),
    (
        lambda context, problem: "block mapping" in context and problem.endswith("found '<block mapping start>'"),
        _between_indents,
    ),
    (lambda context, problem: "block mapping" in context and problem.endswith("found '-'"), _item_among_keys),
    (
        lambda context, problem: "block collection" in context and problem.endswith("found '<block mapping start>'"),
        _key_between_item_and_keys,
    ),
    (
        lambda context, problem: "block mapping" in context and problem.endswith("found '<block sequence start>'"),
        _item_between_indents,
    ),
    (lambda context, problem: "block mapping" in context and problem.endswith(_AFTER_VALUE), _more_after_value),
    (lambda context, problem: "flow sequence" in context or "flow mapping" in context, _unclosed_bracket),
    (lambda context, problem: "cannot start any token" in problem, _reserved_start),
    (lambda context, problem: context in ("while scanning an anchor", "while scanning an alias"), _anchor_without_name),
    (lambda context, problem: "simple key" in context and "':'" in problem, _key_without_colon),
    (lambda context, problem: problem.startswith("expected '<document start>'"), _after_document),
    (lambda context, problem: "block scalar" in context and "indicators" in problem, _block_scalar_header),
    (lambda context, problem: context == "while parsing a block node", _key_after_item),
    (lambda context, problem: context == "while parsing a flow node", _odd_in_brackets),
    (lambda context, problem: True, _stray_closing),
]
