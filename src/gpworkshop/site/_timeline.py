"""A commitment's status history as a chart: each update on a line of time, the share done as a step.

The chart is an SVG drawn here, with no script: a dot for each progress
update, coloured by its status, at the height of the share done as last
reported; a dashed line on the day the commitment is due. Each dot names its
day, status and share when pointed at; the whole chart has the same as its
accessible name, and the table below it holds the same facts.
"""

from __future__ import annotations

import datetime as dt

from gpworkshop.model import Commitment
from gpworkshop.site._speech import Markup, Speech, day_of

__all__ = ["timeline"]

_WIDTH, _HEIGHT = 640, 160
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 24, 24, 120


def timeline(commitment: Commitment, speech: Speech, *, title: str, due: str) -> Markup | None:
    """The chart of *commitment*'s progress updates, named *title*, with its due day marked *due*; none without any.

    >>> from gpworkshop.model import Commitment, ProgressUpdate
    >>> from gpworkshop.reports.language import speaking
    >>> from gpworkshop.vocab import CommitmentKind, CommitmentStatus
    >>> update = ProgressUpdate(on=dt.date(2024, 5, 1), status=CommitmentStatus.IN_PROGRESS, percent=40)
    >>> promise = Commitment(id="c", text="Open data", by=("a",), kind=CommitmentKind.PLEDGE, progress=(update,))
    >>> with speaking("en") as wording:
    ...     chart = timeline(promise, Speech(wording), title="Status history", due="Due")
    >>> print(chart.splitlines()[1])
    <title id="timeline-title">Status history: 2024-05-01, In progress, 40%</title>
    """
    updates = commitment.progress
    if not updates:
        return None
    days = [day_of(update.on) for update in updates]
    due_day = day_of(commitment.due) if commitment.due is not None else None
    first = min(days if commitment.made_on is None else [*days, day_of(commitment.made_on)])
    last = max(days if due_day is None else [*days, due_day])
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(_LEFT + (day - first).days / span * (_WIDTH - _LEFT - _RIGHT), 1)

    def y(percent: int) -> float:
        return round(_BOTTOM - percent / 100 * (_BOTTOM - _TOP), 1)

    said: list[str] = []
    dots: list[str] = []
    points: list[str] = []
    shown: int | None = None
    for day, update in zip(days, updates, strict=True):
        words = f"{speech.day(day)}, {speech.label(update.status)}"
        words += f", {update.percent}%" if update.percent is not None else ""
        said.append(words)
        if update.percent is not None:
            if shown is not None:
                # A step: the share last reported holds until the day of the next report.
                points.append(f"{x(day)},{y(shown)}")
            shown = update.percent
            points.append(f"{x(day)},{y(shown)}")
        height = y(shown if shown is not None else 0)
        dots.append(
            f'<circle class="dot status-{update.status.value}" cx="{x(day)}" cy="{height}" r="6">'
            f"<title>{_escaped(words)}</title></circle>"
        )
    name = _escaped(f"{title}: {'; '.join(said)}")
    lines = [
        f'<svg class="timeline" role="img" aria-labelledby="timeline-title" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="{_WIDTH}" height="{_HEIGHT}">',
        f'<title id="timeline-title">{name}</title>',
        f'<line class="grid" x1="{_LEFT}" y1="{_TOP}" x2="{_WIDTH - _RIGHT}" y2="{_TOP}"/>',
        f'<line class="axis" x1="{_LEFT}" y1="{_BOTTOM}" x2="{_WIDTH - _RIGHT}" y2="{_BOTTOM}"/>',
        f'<text x="{_LEFT - 8}" y="{_TOP + 4}" text-anchor="end">100%</text>',
        f'<text x="{_LEFT - 8}" y="{_BOTTOM + 4}" text-anchor="end">0%</text>',
        f'<text x="{_LEFT}" y="{_BOTTOM + 24}" text-anchor="start">{speech.day(first)}</text>',
    ]
    if last != first:
        lines.append(f'<text x="{_WIDTH - _RIGHT}" y="{_BOTTOM + 24}" text-anchor="end">{speech.day(last)}</text>')
    if due_day is not None:
        at = x(due_day)
        anchor = "end" if at > _WIDTH - _RIGHT - 40 else "middle"
        lines.append(f'<line class="due" x1="{at}" y1="{_TOP - 8}" x2="{at}" y2="{_BOTTOM}"/>')
        lines.append(f'<text x="{at}" y="{_TOP - 12}" text-anchor="{anchor}">{_escaped(due)}</text>')
    if len(points) > 1:
        lines.append(f'<polyline class="step" points="{" ".join(points)}"/>')
    lines.extend(dots)
    lines.append("</svg>")
    return Markup("\n".join(lines))


def _escaped(text: str) -> str:
    return str(Markup.escape(text))
