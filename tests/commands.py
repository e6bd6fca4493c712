"""Running the command line in the tests' own process, with what it prints."""

from __future__ import annotations

import io

from gpworkshop.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """The exit status of ``gpworkshop ARGS…``, and what it printed to standard output and to standard error."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def shown(*args: str) -> tuple[int, str]:
    """The exit status of ``gpworkshop ARGS…`` and all it printed, standard output then standard error."""
    status, out, err = run(*args)
    return status, out + err
