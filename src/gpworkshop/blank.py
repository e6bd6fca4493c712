"""A new record of one event, valid as it is, with comments that show how to fill it in.

>>> import datetime as dt
>>> from gpworkshop import blank, loads
>>> text = blank.record("busan-gp-workshop-2015", "Annual Busan Global Partnership Workshop", dt.date(2015, 11, 26))
>>> loads(text).events[0].title
'Annual Busan Global Partnership Workshop'

Each part of the record is there, empty (``participants: []``), with a
commented example under it to copy; the lists of the controlled vocabularies
are written out in the comments from the vocabularies themselves.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import yaml

from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._validators import day_of
from gpworkshop.model import Event
from gpworkshop.vocab import (
    CommitmentKind,
    CommitmentStatus,
    EventFormat,
    Role,
    StakeholderKind,
    TakeawayKind,
    Vocabulary,
)

__all__ = ["record"]

_TEMPLATE = """\
# The record of {title_comment}: who took part, and what came out of it.
# Fill it in from the top, replacing each [] by a list like the example under it.
# `gpworkshop validate FILE` checks it, `gpworkshop explain CODE` explains a problem
# it finds, and `gpworkshop report FILE` writes the outcome report.
gpworkshop: {version}

# The organisations that took part, each once; the event refers to them by id.
stakeholders: []
#   - id: gpedc                   # lowercase letters, digits and hyphens
#     name: Global Partnership for Effective Development Co-operation
#     acronym: GPEDC
#     kind: network               # see below
#     country: KR                 # ISO 3166 code, for a national body
#
{stakeholder_kinds}

events:
  - id: {event_id}
    title: {title}
    format: {format}
    start: {start}{start_comment}
    # end: {start}
    # location: {{city: Seoul, country: KR}}
    # summary: >-
    #   What the event was for and what it did, in a few sentences.
    # languages: [en, ko]
    #
{formats}

    # Who took part, and in what role.
    participants: []
    #   - stakeholder: gpedc
    #     roles: [organiser]
    #
{roles}

    # What the event set out to do.
    objectives: []
    #   - id: evidence
    #     title: Build evidence on putting commitments into practice

    # The key messages, recommendations and lessons, each linked to the objectives it answers.
    takeaways: []
    #   - id: country-cases
    #     kind: recommendation
    #     text: Collect country cases of good practice alongside the monitoring data.
    #     objectives: [evidence]
    #
{takeaway_kinds}

    # Who committed to what, by when, and how it is going.
    commitments: []
    #   - id: outcome-report
    #     kind: action-point
    #     text: Publish the outcome report of the workshop.
    #     by: [gpedc]
    #     due: {due}
    #     deliverable: The outcome report
    #     status: in-progress
    #     progress:
    #       - on: {update}
    #         status: in-progress
    #         note: A first draft is with the co-organisers.
    #
{commitment_kinds}
{statuses}
"""


def record(
    event_id: str,
    title: str,
    start: dt.date | dt.datetime,
    *,
    format: EventFormat = EventFormat.WORKSHOP,
) -> str:
    """The YAML text of a new record of one event, *event_id*, titled *title*, starting on *start*.

    :raises FieldValueError: when the id or the title breaks the rule of its field.
    """
    event = Event(id=event_id, title=title, format=format, start=start)
    day = day_of(event.start)
    return _TEMPLATE.format(
        version=FORMAT_VERSION,
        title_comment=" ".join(str(event.title).split()),
        event_id=event.id,
        title=_scalar(str(event.title)),
        format=event.format.value,
        formats=_listed("format", EventFormat, "    "),
        start=event.start.isoformat(),
        start_comment="" if isinstance(event.start, dt.datetime) else "  # or a time: 2015-11-26T09:30:00+09:00",
        due=(day + dt.timedelta(days=180)).isoformat(),
        update=(day + dt.timedelta(days=60)).isoformat(),
        stakeholder_kinds=_listed("kind", StakeholderKind, ""),
        roles=_listed("roles", Role, "    "),
        takeaway_kinds=_listed("kind", TakeawayKind, "    "),
        commitment_kinds=_listed("kind", CommitmentKind, "    "),
        statuses=_listed("status", CommitmentStatus, "    "),
    )


def _scalar(text: str) -> str:
    """*text* as a YAML value on one line: plain where it can be, quoted where it must be."""
    written: str = yaml.safe_dump(text, allow_unicode=True, width=2**31)
    written = written.removesuffix("\n...\n").rstrip("\n")
    # A text PyYAML writes over several lines (one that keeps line breaks) is written as JSON, which YAML reads.
    return written if "\n" not in written else json.dumps(text, ensure_ascii=False)


def _listed(field: str, vocabulary: type[Vocabulary], indent: str) -> str:
    """Comment lines that list the values *field* takes, wrapped."""
    values = ", ".join(value.value for value in vocabulary)
    lines = textwrap.wrap(f"{field}: {values}", width=100 - len(indent), break_on_hyphens=False)
    return "\n".join(f"{indent}# {line}" for line in lines)
