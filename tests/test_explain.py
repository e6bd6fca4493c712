"""``gpworkshop explain``: what each problem code means, shown by a wrong record and the record put right."""

from __future__ import annotations

import pytest

import gpworkshop as gw
from gpworkshop import codes
from gpworkshop.explain import UnknownCodeError, explain, explanation
from tests.commands import run, shown

#: What ``gpworkshop explain GPW204`` prints.
GPW204 = """\
GPW204, an error: A date or time is not written as ISO 8601.

This record has the problem:

    gpworkshop: 1
    events:
      - id: busan-gp-workshop-2014
        title: Annual Busan Global Partnership Workshop
        format: workshop
        start: 06/11/2014

gpworkshop validate says:

    example.yaml:6:12: GPW204 events[0].start: expected a date such as 2014-11-06 or a time such as \
2014-11-06T09:30:00+09:00, got the text '06/11/2014'

Written right:

    gpworkshop: 1
    events:
      - id: busan-gp-workshop-2014
        title: Annual Busan Global Partnership Workshop
        format: workshop
        start: 2014-11-06

To fix it: Write dates as '2014-11-06' and times as '2023-10-17T09:00:00+09:00'.
"""

#: What ``gpworkshop explain GPW110`` prints: a problem no short record shows is described in words.
GPW110 = """\
GPW110, a warning: A file has more problems than are listed for one file; the others are counted, not listed.

A file with more than a hundred problems lists the first hundred and counts the others. Often one mistake
near the top (a wrong indentation, a table with the wrong columns) causes the many that follow.

To fix it: Fix the problems listed (often the first causes the others) and check the file again.
"""


@pytest.mark.parametrize("code", list(codes.CATALOGUE))
def test_every_code_is_shown_by_a_wrong_and_a_right_record_or_described(code: str) -> None:
    shown_ = explanation(code)

    if shown_.about:
        assert (shown_.wrong, shown_.right, shown_.found) == ("", "", ())
    else:
        assert shown_.found, f"the wrong record of {code} has no problem"
        assert {code} == {problem.code for problem in shown_.found}
        assert shown_.wrong != shown_.right


@pytest.mark.parametrize("code", [code for code in codes.CATALOGUE if not explanation(code).about])
def test_the_right_record_of_every_code_has_no_problem_at_all(code: str) -> None:
    shown_ = explanation(code)

    kb = gw.loads(shown_.right, as_of=shown_.as_of)

    assert [] == [str(problem) for problem in gw.validate(kb, as_of=shown_.as_of)]


def test_explain_prints_the_problem_the_records_and_the_fix() -> None:
    assert (0, GPW204) == shown("explain", "GPW204")


def test_a_code_is_known_however_it_is_written() -> None:
    assert (0, GPW204) == shown("explain", "gpw204")
    assert (0, GPW204) == shown("explain", " 204 ")


def test_a_problem_no_short_record_shows_is_described() -> None:
    assert (0, GPW110) == shown("explain", "GPW110")


def test_a_problem_of_time_is_checked_as_of_the_day_its_record_names() -> None:
    status, out = shown("explain", "GPW403")

    assert 0 == status
    assert (
        "gpworkshop validate --as-of 2016-12-31 says:\n\n"
        "    example.yaml:16:14: GPW403 events[0].commitments[0].due: the commitment 'outcome-report' was due on "
        "2016-06-30 and is still open\n"
    ) in out


def test_an_unknown_code_is_a_usage_error_that_lists_the_codes() -> None:
    assert (
        2,
        "",
        "gpworkshop explain: error: there is no problem code 'GPW240'; the codes are GPW100-GPW114, "
        "GPW201-GPW208, GPW301-GPW308, GPW401-GPW409\n",
    ) == run("explain", "GPW240")
    with pytest.raises(UnknownCodeError):
        explain("E0308")


def test_explain_without_a_code_lists_every_code() -> None:
    status, out = shown("explain")

    assert 0 == status
    assert len(codes.CATALOGUE) == len(out.splitlines())
    assert out.startswith(
        "GPW100  error    The file cannot be read.\nGPW101  error    The text is not valid YAML or JSON.\n"
    )
    assert "GPW404  warning  An open commitment has had no progress reported for over a year.\n" in out
