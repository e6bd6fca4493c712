"""Whether PDF reports can be made here: WeasyPrint needs Pango, a library of the system, not of pip.

Outside CI a machine without Pango skips the tests that make PDFs; in CI (``CI`` set) it fails them.
"""

from __future__ import annotations

import os

import pytest


def _missing() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return f"WeasyPrint cannot load Pango ({error}): apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    return None


#: Why PDFs cannot be made here, or ``None`` when they can.
MISSING = _missing()

#: Marks a test that makes PDF reports.
needs_pango = pytest.mark.skipif(MISSING is not None and not os.environ.get("CI"), reason=MISSING or "")
