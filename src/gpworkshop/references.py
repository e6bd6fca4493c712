"""Ids and the references to them: find every place an id is named, rename it, merge one stakeholder into another.

Objects refer to each other by id (a commitment's ``by``, a participation's
``stakeholder``, an event's ``part_of``), so an id cannot be changed in one
place. :func:`renamed` changes an id and every reference to it;
:func:`merged` folds a duplicate stakeholder into the one kept: references
move to it, and so do the duplicate's people and identifiers. What cannot be
merged without a guess, such as two different countries, is a
:class:`Conflict`, raised in a :class:`MergeError` rather than decided.

These work on the model; :mod:`gpworkshop.rewrite` makes the same changes in
the files of a record, keeping their layout.

>>> import gpworkshop as gw
>>> from gpworkshop import references
>>> kb = gw.load("examples/regional-symposium-2023")
>>> after = references.renamed(kb, "stakeholders", "krila", "krila-korea")
>>> after.stakeholder("krila-korea").acronym
'KRILA'
>>> len(references.occurrences(kb, "stakeholders", "krila"))
7
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from gpworkshop._validators import SLUG
from gpworkshop._wording import excerpt
from gpworkshop.errors import GPWorkshopError, UnknownIdError
from gpworkshop.identifiers import NAMES, canonical, listed
from gpworkshop.model import REFERS, Commitment, Event, KnowledgeBase, Objective, Stakeholder, Takeaway

__all__ = [
    "RENAMED",
    "SCOPED",
    "Conflict",
    "MergeError",
    "RecordPath",
    "Removals",
    "RenameError",
    "Renames",
    "additions",
    "merged",
    "occurrences",
    "removals",
    "renamed",
    "renamed_all",
]

#: A path into a knowledge base: field names and list indices.
RecordPath = tuple[str | int, ...]

#: The kinds of object whose ids are unique across a record.
RENAMED = ("stakeholders", "events", "commitments")
#: The kinds of object whose ids are unique within their event, which is named to rename one.
SCOPED = ("objectives", "takeaways")
_SINGULAR = {
    "stakeholders": "stakeholder",
    "events": "event",
    "commitments": "commitment",
    "objectives": "objective",
    "takeaways": "takeaway",
}


class RenameError(GPWorkshopError, ValueError):
    """An id cannot be renamed: the new id is malformed or already taken."""


@attrs.frozen
class Conflict:
    """Something two stakeholders disagree on, which a merge will not decide."""

    #: Where, in the knowledge base, the duplicate's side of the disagreement is.
    path: RecordPath
    #: What the two disagree on, in words.
    message: str


class MergeError(GPWorkshopError, ValueError):
    """Two stakeholders cannot be merged without a guess; :attr:`conflicts` says where they disagree."""

    def __init__(self, conflicts: tuple[Conflict, ...]) -> None:
        super().__init__("; ".join(conflict.message for conflict in conflicts))
        #: Each disagreement, with where it is.
        self.conflicts = conflicts


def occurrences(kb: KnowledgeBase, kind: str, wanted: str, *, event: str | None = None) -> list[RecordPath]:
    """The path of the id *wanted* of a *kind* of object (``"stakeholders"``, …) and of every reference to it.

    The id itself comes first; a reference in a list names the item
    (``("events", 0, "commitments", 2, "by", 1)``).

    :param event: for objectives and takeaways, the id of their event.
    :raises UnknownIdError: if no object of *kind* has that id.
    """
    found = [path for path, value in _ids(kb, kind, event) if value == wanted]
    if not found:
        raise UnknownIdError(_SINGULAR.get(kind, kind), wanted)
    within: Any = kb
    at: RecordPath = ()
    if kind in SCOPED:
        at = found[0][:2]
        within = _get(kb, at)
    return [*found[:1], *(path for path, value in _references(within, kind, at) if value == wanted)]


def renamed(kb: KnowledgeBase, kind: str, old: str, new: str, *, event: str | None = None) -> KnowledgeBase:
    """*kb* with the id *old* of an object of *kind* changed to *new*, and every reference to it.

    :param event: for objectives and takeaways, the id of their event.
    :raises UnknownIdError: if no object of *kind* has the id *old*.
    :raises RenameError: if *new* is not an id, or is the id of another object of *kind*.
    """
    if kind not in RENAMED and (kind not in SCOPED or event is None):
        raise RenameError(
            f"ids of {kind} cannot be renamed; only those of {', '.join(RENAMED)}, and of "
            f"{' and '.join(SCOPED)} within a named event"
        )
    paths = occurrences(kb, kind, old, event=event)
    if not SLUG.fullmatch(new):
        raise RenameError(f"{excerpt(new)} is not an id: use lowercase letters, digits and hyphens")
    if new != old and any(value == new for _, value in _ids(kb, kind, event)):
        raise RenameError(f"the {_SINGULAR[kind]} id {excerpt(new)} is taken; to make the two one, merge them instead")
    for path in paths:
        kb = _set(kb, path, new)
    return kb


#: Renames of many ids at once: for each kind (and, for objectives and takeaways, the id of their event), each old id
#: with its new one: ``{("stakeholders", None): {"krila": "krila-korea"}, ("objectives", "e"): {"o1": "o2"}}``.
Renames = Mapping[tuple[str, str | None], Mapping[str, str]]

_KINDS_OF = {
    Stakeholder: "stakeholders",
    Event: "events",
    Commitment: "commitments",
    Objective: "objectives",
    Takeaway: "takeaways",
}


def renamed_all(kb: KnowledgeBase, renames: Renames) -> KnowledgeBase:
    """*kb* with many ids changed at once, and every reference to them, in one pass over the record.

    The ids of objectives and takeaways are keyed by the id their event has once the events' own renames are
    made. The new ids are not checked: :func:`renamed` checks one rename, for ids a person typed.

    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/regional-symposium-2023")
    >>> after = renamed_all(kb, {("stakeholders", None): {"krila": "krila-korea", "unpog": "un-pog"}})
    >>> after.stakeholder("krila-korea").acronym, after.stakeholder("un-pog").acronym
    ('KRILA', 'UNPOG')
    >>> after == renamed(renamed(kb, "stakeholders", "krila", "krila-korea"), "stakeholders", "unpog", "un-pog")
    True
    """
    if not any(renames.values()):
        return kb
    renamed_kb: KnowledgeBase = _Renaming(renames).value(kb, None)
    return renamed_kb


class _Renaming:
    """One pass of :func:`renamed_all` through a record, rebuilding only the objects that change."""

    def __init__(self, renames: Renames) -> None:
        self.renames = renames
        self.empty: Mapping[str, str] = {}

    def ids(self, kind: str, event: str | None) -> Mapping[str, str]:
        return self.renames.get((kind, event if kind in SCOPED else None), self.empty)

    def value(self, value: Any, event: str | None) -> Any:
        if isinstance(value, tuple):
            items = tuple(self.value(item, event) for item in value)
            return value if all(new is old for new, old in zip(items, value, strict=True)) else items
        if not attrs.has(type(value)):
            return value
        changes: dict[str, Any] = {}
        own = _KINDS_OF.get(type(value))
        if isinstance(value, Event):
            event = self.ids("events", None).get(value.id, value.id)
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            inner = getattr(value, field.name)
            kind = field.metadata.get(REFERS) or (own if field.name == "id" else None)
            if kind is not None:
                ids = self.ids(kind, event)
                new = (
                    tuple(ids.get(item, item) for item in inner) if isinstance(inner, tuple) else ids.get(inner, inner)
                )
            elif isinstance(inner, tuple) or attrs.has(type(inner)):
                new = self.value(inner, event)
            else:
                continue
            if new != inner:
                changes[field.name] = new
        return attrs.evolve(value, **changes) if changes else value


def merged(kb: KnowledgeBase, duplicate: str, keep: str) -> KnowledgeBase:
    """*kb* with the stakeholder *duplicate* folded into *keep*.

    Every reference to *duplicate* names *keep* instead; a list that already
    names *keep* loses the duplicate's item. The kept stakeholder takes the
    duplicate's people it lacks (by name), and the acronym, country, part,
    identifiers and website it has none of. The duplicate is removed.

    :raises UnknownIdError: if either stakeholder is not in *kb*.
    :raises MergeError: listing every conflict, if the two disagree on something neither side can lose.
    """
    kept, gone = kb.stakeholder(keep), kb.stakeholder(duplicate)
    if keep == duplicate:
        raise MergeError((Conflict(_where(kb, keep), f"{excerpt(keep)} cannot be merged into itself"),))
    conflicts = tuple(_conflicts(kb, gone, kept))
    if conflicts:
        raise MergeError(conflicts)
    plan = removals(kb, duplicate, keep)
    for path in plan.replaced:
        kb = _set(kb, path, keep)
    for path in sorted(plan.removed, reverse=True):
        kb = _removed(kb, path)
    index = next(i for i, stakeholder in enumerate(kb.stakeholders) if stakeholder.id == keep)
    result: KnowledgeBase = _set(kb, ("stakeholders", index), _combined(kept, gone))
    return result


@attrs.frozen
class Removals:
    """How the references to a merged stakeholder change: which name the kept one, and which go."""

    #: References that name the kept stakeholder instead.
    replaced: tuple[RecordPath, ...]
    #: References, and the duplicate itself, removed: an item of a list that already names the kept one.
    removed: tuple[RecordPath, ...]


def removals(kb: KnowledgeBase, duplicate: str, keep: str) -> Removals:
    """Which paths of *kb* a merge of *duplicate* into *keep* changes, and which it removes."""
    definition, *references = occurrences(kb, "stakeholders", duplicate)
    replaced: list[RecordPath] = []
    removed: list[RecordPath] = [definition[:-1]]
    for path in references:
        if isinstance(path[-1], int) and keep in _get(kb, path[:-1]):
            removed.append(path)
        else:
            replaced.append(path)
    return Removals(tuple(replaced), tuple(removed))


def additions(kept: Stakeholder, gone: Stakeholder) -> dict[str, Any]:
    """The fields *kept* takes from *gone* in a merge, with their new values: what it lacks and *gone* has."""
    taken: dict[str, Any] = {}
    for name in ("acronym", "country", "part_of", "website"):
        if getattr(kept, name) is None and getattr(gone, name) not in (None, kept.id):
            taken[name] = getattr(gone, name)
    names = {person.name for person in kept.people}
    people = tuple(person for person in gone.people if person.name not in names)
    if people:
        taken["people"] = kept.people + people
    missing = {name: value for name, value in listed(gone.identifiers) if getattr(kept.identifiers, name) is None}
    if missing:
        taken["identifiers"] = attrs.evolve(kept.identifiers, **missing)
    return taken


def _combined(kept: Stakeholder, gone: Stakeholder) -> Stakeholder:
    return attrs.evolve(kept, **additions(kept, gone))


def _conflicts(kb: KnowledgeBase, gone: Stakeholder, kept: Stakeholder) -> Iterator[Conflict]:
    at = _where(kb, gone.id)
    both = f"{excerpt(gone.id)} and {excerpt(kept.id)}"
    if gone.kind != kept.kind:
        yield Conflict((*at, "kind"), f"{both} are of different kinds: {gone.kind.value} and {kept.kind.value}")
    for name in ("acronym", "country", "website"):
        mine, theirs = getattr(gone, name), getattr(kept, name)
        if mine is not None and theirs is not None and mine != theirs:
            yield Conflict((*at, name), f"{both} differ in their {name}: {excerpt(mine)} and {excerpt(theirs)}")
    parents = sorted({part for part in (gone.part_of, kept.part_of) if part not in (None, gone.id, kept.id)})
    if len(parents) > 1:
        yield Conflict((*at, "part_of"), f"{both} are parts of different stakeholders: {', '.join(parents)}")
    if kept.part_of == gone.id or gone.part_of == kept.id:
        yield Conflict((*at, "part_of"), f"one of {both} is part of the other, so the merged one would be its own part")
    for name, value in listed(gone.identifiers):
        theirs = getattr(kept.identifiers, name)
        if theirs is not None and canonical(name, value) != canonical(name, theirs):
            yield Conflict(
                (*at, "identifiers", name),
                f"{both} have different {NAMES[name]} identifiers: {excerpt(value)} and {excerpt(theirs)}",
            )
    yield from _shared_places(kb, gone.id, kept.id, both)


def _shared_places(kb: KnowledgeBase, gone: str, kept: str, both: str) -> Iterator[Conflict]:
    """Where both take part in one event or endorse one commitment, which would name the merged one twice."""
    for i, event in enumerate(kb.events):
        taking_part = [j for j, participation in enumerate(event.participants) if participation.stakeholder == gone]
        if taking_part and any(participation.stakeholder == kept for participation in event.participants):
            yield Conflict(
                ("events", i, "participants", taking_part[0], "stakeholder"),
                f"{both} both take part in the event {excerpt(event.id)}: make their participations one first",
            )
        for j, commitment in enumerate(event.commitments):
            endorsers = [e.stakeholder for e in commitment.endorsements]
            if gone in endorsers and kept in endorsers:
                yield Conflict(
                    ("events", i, "commitments", j, "endorsements", endorsers.index(gone), "stakeholder"),
                    f"{both} both endorse the commitment {excerpt(commitment.id)}: keep one endorsement first",
                )


def _where(kb: KnowledgeBase, stakeholder: str) -> RecordPath:
    return next(path for path, value in _ids(kb, "stakeholders") if value == stakeholder)[:-1]


def _ids(kb: KnowledgeBase, kind: str, event: str | None = None) -> Iterator[tuple[RecordPath, str]]:
    if kind == "stakeholders":
        yield from ((("stakeholders", i, "id"), s.id) for i, s in enumerate(kb.stakeholders))
    elif kind == "events":
        yield from ((("events", i, "id"), e.id) for i, e in enumerate(kb.events))
    elif kind == "commitments":
        for i, owner in enumerate(kb.events):
            yield from ((("events", i, "commitments", j, "id"), c.id) for j, c in enumerate(owner.commitments))
    elif kind in SCOPED:
        for i, owner in enumerate(kb.events):
            if owner.id == event:
                items = getattr(owner, kind)
                yield from ((("events", i, kind, j, "id"), item.id) for j, item in enumerate(items))
                return


def _references(value: Any, kind: str, at: RecordPath = ()) -> Iterator[tuple[RecordPath, str]]:
    """Every reference to an object of *kind* under *value*, with its path."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _references(item, kind, (*at, index))
        return
    if not attrs.has(type(value)):
        return
    for field in attrs.fields(type(value)):
        if not field.init:
            continue
        inner = getattr(value, field.name)
        if field.metadata.get(REFERS) == kind:
            if isinstance(inner, tuple):
                yield from (((*at, field.name, index), item) for index, item in enumerate(inner))
            elif inner is not None:
                yield (*at, field.name), inner
        elif isinstance(inner, tuple) or attrs.has(type(inner)):
            yield from _references(inner, kind, (*at, field.name))


def _get(value: Any, path: RecordPath) -> Any:
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def _set(value: Any, path: RecordPath, new: Any) -> Any:
    """*value* with the value at *path* replaced by *new*."""
    if not path:
        return new
    step, *rest = path
    if isinstance(step, int):
        items = list(value)
        items[step] = _set(items[step], tuple(rest), new)
        return tuple(items)
    return attrs.evolve(value, **{step: _set(getattr(value, step), tuple(rest), new)})


def _removed(value: Any, path: RecordPath) -> Any:
    """*value* without the list item at *path*."""
    owner, index = path[:-1], path[-1]
    assert isinstance(index, int)
    items = _get(value, owner)
    return _set(value, owner, items[:index] + items[index + 1 :])
