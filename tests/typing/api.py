"""Checked by mypy, never run: the public API reads as users write it."""

from __future__ import annotations

import datetime as dt

import gpworkshop as gw
from gpworkshop import reports

kb: gw.KnowledgeBase = gw.load("examples/busan-gp-workshop-2014.yaml")
kb = gw.load(["examples/regional-symposium-2023/stakeholders.yaml"])
kb = gw.loads("gpworkshop: 1\n", "yaml", source="inline.yaml")
text: str = gw.dumps(kb, "json")
gw.dump(kb, "out.yaml")
event: gw.Event = kb.event("busan-gp-workshop-2014")
start: dt.date = event.start
data = gw.unstructure(event)
again: gw.Event = gw.structure(data, gw.Event)
sessions: tuple[gw.Event, ...] = kb.sessions_of(event)
document: reports.Document = reports.outcome_report(kb, event.id)
markdown: str = reports.render(document, "markdown")
try:
    gw.loads("")
except gw.LoadError as error:
    problems: tuple[gw.Problem, ...] = error.problems
    line: int | None = problems[0].line
role: gw.Role = gw.Role("host")
spelled: str = role.value.upper()
tracker: reports.Document = reports.commitment_tracker(
    kb, as_of=dt.date(2025, 1, 1), status=gw.CommitmentStatus.ANNOUNCED
)
html: str = reports.render(reports.stakeholder_matrix(kb), "html")
problems_found: list[gw.Problem] = gw.validate(kb, as_of=dt.date(2025, 1, 1))
