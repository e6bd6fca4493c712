"""Hypothesis strategies for gpworkshop's model, to property-test code built on it.

Needs the ``hypothesis`` extra (``pip install "gpworkshop[hypothesis]"``).
Every value drawn is valid, and :func:`knowledge_bases` are referentially
consistent: ids are unique, references resolve, sessions point at real parent
events, takeaways cite objectives of their own event, dates are in order. Text
comes from every script (Korean, Arabic, combining marks, emoji) and includes
YAML traps such as ``NO``, ``017`` and ``2014-11-06``.

>>> from hypothesis import given, settings
>>> import gpworkshop as gw
>>> from gpworkshop import strategies
>>> @settings(max_examples=10)
... @given(strategies.knowledge_bases(max_events=2))
... def test_round_trip(kb):
...     assert gw.loads(gw.dumps(kb)) == kb
>>> test_round_trip()

Any field can be drawn from a strategy of your own:

>>> from hypothesis import strategies as st
>>> @settings(max_examples=5)
... @given(strategies.events(title=st.just("Annual Busan Global Partnership Workshop")))
... def test_title(event):
...     assert event.title.startswith("Annual")
>>> test_title()

Once installed, gpworkshop registers these strategies with Hypothesis, so
``st.from_type(gpworkshop.Event)`` and ``st.builds`` on gpworkshop's classes
use them.
"""

from gpworkshop.strategies._basics import (
    YAML_TRAPS,
    countries,
    dates,
    ids,
    language_tags,
    moments,
    sdg_codes,
    texts,
    time_zones,
    translatable_texts,
    vocabulary_values,
)
from gpworkshop.strategies._parts import (
    endorsements,
    identifiers,
    locations,
    objectives,
    participations,
    people,
    progress_updates,
    relations,
    resources,
    sources,
    stakeholders,
    takeaways,
    web_addresses,
)
from gpworkshop.strategies._records import commitments, events, knowledge_bases

__all__ = [
    "YAML_TRAPS",
    "commitments",
    "countries",
    "dates",
    "endorsements",
    "events",
    "identifiers",
    "ids",
    "knowledge_bases",
    "language_tags",
    "locations",
    "moments",
    "objectives",
    "participations",
    "people",
    "progress_updates",
    "relations",
    "resources",
    "sdg_codes",
    "sources",
    "stakeholders",
    "takeaways",
    "texts",
    "time_zones",
    "translatable_texts",
    "vocabulary_values",
    "web_addresses",
]
