"""Measure Word and PDF reports: the time to write the commitment tracker of a synthetic record as each.

Run from the project folder, after ``pip install -e ".[docx,pdf,i18n]"`` (and Pango: ``apt-get install
libpango-1.0-0 libpangoft2-1.0-0``)::

    python benchmarks/pdf.py                                   # 30 and 100 commitments, in English
    python benchmarks/pdf.py --sizes 100 --languages en ko ar --record docs/explanation/pdf-benchmark-results.txt

The record is that of ``benchmarks/synthetic.py``, which gives each event three commitments with two updates
each; the tracker shows every commitment in an overview table and in a section of its own, with its history.
The target: the PDF of the tracker of 100 commitments within 5 seconds, WeasyPrint loaded as in a long-running
process (the median of ``--repeat`` runs). Word is timed beside it, without a target.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measuring import AS_OF, Verdicts, arguments, machine, median_seconds, report
from synthetic import knowledge_base

from gpworkshop import reports

#: Seconds within which the PDF of the tracker of 100 commitments is to be written.
TARGET = 5.0
FORMATS = ("pdf", "docx")


def measure(commitments: int, language: str, repeat: int) -> dict[str, tuple[float, int]]:
    """The median time to write the tracker of *commitments* commitments in each format, and the file's size."""
    # Three commitments an event, as the synthetic record has them.
    kb = knowledge_base(max(round(commitments / 3), 1))
    document = reports.commitment_tracker(kb, as_of=AS_OF, lang=language)
    measured = {}
    for format_ in FORMATS:
        # Once before timing: WeasyPrint and python-docx load, and fonts are found, the first time only.
        size = len(reports.render_bytes(document, format_))
        measured[format_] = (median_seconds(functools.partial(reports.render_bytes, document, format_), repeat), size)
    return measured


def main() -> int:
    args = arguments(__doc__, [30, 100], "runs of each report")
    header = f"{'report':<8} {'language':<9} {'commitments':>11} {'median':>9} {'size':>9}"
    lines = [machine("pdf.py", args), "", header]
    verdicts = Verdicts(40)
    for size in args.sizes:
        for language in ("en", "ko", "ar") if size == 100 else ("en",):
            print(f"measuring {size} commitments in {language}…", file=sys.stderr)
            for format_, (seconds, length) in measure(size, language, args.repeat).items():
                lines.append(f"{format_:<8} {language:<9} {size:>11} {seconds:>8.2f}s {length / 1e6:>7.2f}MB")
                if format_ == "pdf" and size == 100:
                    verdicts.check(f"PDF of 100 commitments, {language}", seconds, TARGET, " s")
    report([*lines, "", "targets:", *verdicts.lines, "", verdicts.summary()], args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
