"""What comes back from people rather than programs: their own tables, read through a mapping, and surveys.

A secretariat's programme of side events is a spreadsheet with its own
columns, in its own language, with dates written its own way. A
:class:`TableMapping` says which column fills which field of a record; it is
guessed from the table by :func:`guess_mapping`, written as YAML by
:func:`mapping_text` for people to correct, read back by
:func:`parse_mapping`, and applied by :func:`apply_mapping`. The command
line does the same with ``gpworkshop map`` and ``gpworkshop import --map``;
see the how-to "Bring your own spreadsheet".

Names of organisations in a participants column become stakeholders,
matched to those of the record and to each other by the duplicate finder;
this needs ``pip install "gpworkshop[mapping]"``.

Commitments are followed up by survey: :mod:`gpworkshop.collect.survey`
writes a workbook per owner, and :mod:`gpworkshop.collect.answers` brings
the answers back into the record's files; see the how-to "Follow up
commitments by survey".

>>> from gpworkshop.collect import Column, TableMapping, TheirTable, apply_mapping
>>> table = TheirTable(
...     source="programme.csv",
...     header=("Titre", "Début"),
...     rows=((2, ("Ouverture", "17/10/2023 09:30")),),
... )
>>> mapping = TableMapping(
...     columns={"title": Column(column="Titre"), "start": Column(column="Début")},
...     defaults={"format": "session", "location.timezone": "Asia/Seoul"},
... )
>>> [event] = apply_mapping(mapping, table).kb.events
>>> event.id, event.start
('ouverture', datetime.datetime(2023, 10, 17, 9, 30))
"""

from __future__ import annotations

from gpworkshop.collect import _names
from gpworkshop.collect._applying import Imported, apply_mapping
from gpworkshop.collect._guess import guess_mapping
from gpworkshop.collect._names import Review, name_id
from gpworkshop.collect._their_table import TheirTable, read_table
from gpworkshop.collect.mapping import Column, Participants, TableMapping, mapping_text, parse_mapping

#: The extra that installs what reading names of organisations needs: ``pip install "gpworkshop[mapping]"``.
EXTRA = _names.EXTRA

__all__ = [
    "EXTRA",
    "Column",
    "Imported",
    "Participants",
    "Review",
    "TableMapping",
    "TheirTable",
    "apply_mapping",
    "guess_mapping",
    "mapping_text",
    "name_id",
    "parse_mapping",
    "read_table",
]
