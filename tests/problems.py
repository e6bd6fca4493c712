"""What every problem a reader reports must be, shared by the fuzz tests."""

from __future__ import annotations

from collections.abc import Sequence

import gpworkshop as gw
from gpworkshop.codes import CATALOGUE


def assert_well_formed(problems: Sequence[gw.Problem], source: str, *, positioned: bool) -> None:
    """*problems* are some, each with a catalogued code, a message, and a place in *source* (or in a file in it).

    With *positioned*, each has a line and a column too, as every problem in a text does.
    """
    assert problems
    for problem in problems:
        assert problem.code in CATALOGUE, problem
        assert problem.source is not None, problem
        assert problem.source.startswith(source), problem
        assert problem.message, problem
        if positioned:
            assert problem.line is not None, problem
            assert problem.column is not None, problem
