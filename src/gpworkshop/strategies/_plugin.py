"""Registers gpworkshop's strategies with Hypothesis, through the ``hypothesis`` entry point.

Hypothesis calls the hook when it is imported, so that ``st.from_type`` and
``st.builds`` work on gpworkshop's classes; gpworkshop itself never imports
Hypothesis.
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415  (the hook runs as Hypothesis loads)

    from gpworkshop import model  # noqa: PLC0415

    def resolve(name: str) -> Any:
        def strategy(_type: type) -> Any:
            from gpworkshop import strategies  # noqa: PLC0415  (built only when first asked for)

            return getattr(strategies, name)()

        return strategy

    for cls, name in (
        (model.KnowledgeBase, "knowledge_bases"),
        (model.Stakeholder, "stakeholders"),
        (model.Identifiers, "identifiers"),
        (model.Person, "people"),
        (model.Event, "events"),
        (model.Location, "locations"),
        (model.Participation, "participations"),
        (model.Relation, "relations"),
        (model.Objective, "objectives"),
        (model.Takeaway, "takeaways"),
        (model.Source, "sources"),
        (model.Commitment, "commitments"),
        (model.Endorsement, "endorsements"),
        (model.ProgressUpdate, "progress_updates"),
        (model.Resource, "resources"),
    ):
        st.register_type_strategy(cls, resolve(name))
