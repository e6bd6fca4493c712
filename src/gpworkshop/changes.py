"""What changed between two versions of a record, object by object and field by field.

:func:`diff` compares two knowledge bases by id, not by line: it lists the
stakeholders, events, objectives, takeaways and commitments added, removed,
renamed (the same content, or nearly, under a new id) or changed, and for a
changed or renamed one each field that changed, with its old and new value. A commitment's status
and progress are told in words. :class:`Changes` is written as text, as
Markdown for a pull-request comment, or as JSON.

>>> import attrs, datetime as dt
>>> import gpworkshop as gw
>>> from gpworkshop import changes
>>> old = gw.load("examples/regional-symposium-2023")
>>> event = old.events[0]
>>> update = gw.ProgressUpdate(on=dt.date(2024, 6, 1), status=gw.CommitmentStatus.IN_PROGRESS, percent=40)
>>> commitment = attrs.evolve(event.commitments[0], status=gw.CommitmentStatus.IN_PROGRESS, progress=(update,))
>>> new = attrs.evolve(old, events=(attrs.evolve(event, commitments=(commitment,)), *old.events[1:]))
>>> print(changes.diff(old, new).text(), end="")
Commitments
  ~ 'krila-local-governance-partnerships' moved from announced to in-progress, 40 % (reported 2024-06-01)
      status: announced → in-progress
      progress[0]: added {"on": "2024-06-01", "status": "in-progress", "percent": 40}
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from gpworkshop import references
from gpworkshop._wording import excerpt, printable
from gpworkshop.model import Commitment, Event, KnowledgeBase
from gpworkshop.multilingual import Translatable, is_language_tag
from gpworkshop.serialize import unstructure

__all__ = ["KINDS", "Change", "Changes", "FieldChange", "diff"]

#: The kinds of object compared, in the order changes are listed.
KINDS = ("stakeholder", "event", "objective", "takeaway", "commitment")
_HEADINGS = {
    "stakeholder": "Stakeholders",
    "event": "Events",
    "objective": "Objectives",
    "takeaway": "Takeaways",
    "commitment": "Commitments",
}
#: Fields of an event that hold objects compared on their own.
_OWN_OBJECTS = ("objectives", "takeaways", "commitments")
#: Fields of an object that refer to objects of its own kind: a larger stakeholder or event, related events.
_OWN_REFERENCES = ("part_of", "related")
#: Keys that identify the items of a list of mappings, so that items are matched by them rather than by place.
_ITEM_KEYS = ("id", "stakeholder", "event", "name")
#: Longest value shown in text and Markdown; JSON holds every value in full.
_SHOWN = 80
_SIGNS = {"added": "+", "removed": "-", "changed": "~", "renamed": ">"}
#: How alike the names (titles, texts) of two objects must be, from 0 to 1, for one to be the other renamed.
_ALIKE = 0.8
#: A word of names shared by more objects than this does not make them candidates for a rename: it says too little.
_COMMON_WORD = 16
#: How many candidates, those sharing the most words of its name, an object removed is compared with.
_CANDIDATES = 8
_WORD = re.compile(r"\w+")


@attrs.frozen
class FieldChange:
    """A value that changed within an object: its path there, the old value and the new one.

    Values are the data a record file holds (text, numbers, lists, mappings); ``None`` on one side is a value
    that was added or removed.
    """

    #: Where the value is within its object, such as ``"status"``, ``"location.city"`` or
    #: ``"participants[krila].roles"``.
    path: str
    old: Any
    new: Any

    @property
    def words(self) -> str:
        """The change in one line: ``status: announced → in-progress``."""
        if self.old is None:
            return f"{self.path}: added {_shown(self.new)}"
        if self.new is None:
            return f"{self.path}: removed {_shown(self.old)}"
        return f"{self.path}: {_shown(self.old)} → {_shown(self.new)}"


@attrs.frozen
class Change:
    """An object added, removed, renamed or changed."""

    #: ``"added"``, ``"removed"``, ``"renamed"`` or ``"changed"``.
    action: str
    #: One of :data:`KINDS`.
    kind: str
    #: Its id (the old one, for a renamed object).
    id: str
    #: The event an objective, takeaway or commitment belongs to.
    event: str | None = None
    #: The new id of a renamed object.
    new_id: str | None = None
    #: What is worth saying first, such as its name or what a commitment's status became.
    summary: str = ""
    #: Each value that changed, for a changed object.
    fields: tuple[FieldChange, ...] = ()

    @property
    def words(self) -> str:
        """The change in one line, without its fields."""
        name = excerpt(self.id)
        if self.action == "renamed":
            return f"{name} renamed to {excerpt(self.new_id)}" + (f", {self.summary}" if self.summary else "")
        summary = f" {self.summary}" if self.summary else ""
        if self.action == "changed":
            return f"{name}{summary}" if summary else f"{name} changed"
        return f"{self.action} {name}{summary}"


@attrs.frozen
class Changes:
    """Every change between two versions of a record, in the order of :data:`KINDS`; false when there is none."""

    changes: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def text(self) -> str:
        """The changes as plain text, one heading per kind of object, one line per field.

        Text and Markdown show a value holding line breaks or control characters escaped, as JSON writes it, so
        that nothing of a record can rewrite the terminal or the page it is shown on; JSON holds every value as is.
        """
        if not self.changes:
            return "No changes.\n"
        lines: list[str] = []
        for kind, listed in self._by_kind():
            lines.append(_HEADINGS[kind])
            for change in listed:
                lines.append(f"  {_SIGNS[change.action]} {change.words}")
                lines.extend(f"      {field.words}" for field in change.fields)
        return printable("\n".join(lines) + "\n")

    def markdown(self) -> str:
        """The changes as Markdown, for a pull-request comment."""
        if not self.changes:
            return "No changes.\n"
        lines: list[str] = []
        for kind, listed in self._by_kind():
            lines.extend([f"### {_HEADINGS[kind]}", ""])
            for change in listed:
                lines.append(f"- **{change.action}** {_code_ids(change)}")
                lines.extend(f"  - {_code_field(field)}" for field in change.fields)
            lines.append("")
        return printable("\n".join(lines))

    def as_json(self) -> str:
        """The changes as a JSON document: ``{"changes": [...]}``, with every value in full."""
        return json.dumps({"changes": [attrs.asdict(change) for change in self.changes]}, ensure_ascii=False, indent=2)

    def _by_kind(self) -> Iterator[tuple[str, list[Change]]]:
        for kind in KINDS:
            listed = [change for change in self.changes if change.kind == kind]
            if listed:
                yield kind, listed


def diff(old: KnowledgeBase, new: KnowledgeBase) -> Changes:
    """What changed from *old* to *new*: objects added, removed, renamed or changed, by id.

    An object removed under one id and added under another with the same
    content otherwise is a rename; the references to it follow, so they are
    not reported as changes of their own. So is one whose content changed a
    little: its name (an event's or objective's title, a takeaway's or
    commitment's text) alike, and at most a third of its other fields, or
    one, changed. A renamed object lists the fields that changed with it.

    >>> import attrs
    >>> import gpworkshop as gw
    >>> from gpworkshop import changes, references
    >>> old = gw.load("examples/regional-symposium-2023")
    >>> new = references.renamed(old, "stakeholders", "krila", "krila-korea")
    >>> krila = new.stakeholder("krila-korea")
    >>> new = attrs.evolve(new, stakeholders=tuple(
    ...     attrs.evolve(s, website="https://www.krila.re.kr") if s is krila else s for s in new.stakeholders))
    >>> print(changes.diff(old, new).text(), end="")
    Stakeholders
      > 'krila' renamed to 'krila-korea'
          website: added https://www.krila.re.kr
    """
    found: list[Change] = []
    old = _renaming(old, new, found)
    found.extend(_compared("stakeholder", _keyed(old.stakeholders), _keyed(new.stakeholders)))
    found.extend(_compared("event", _keyed(old.events), _keyed(new.events)))
    for kind in ("objective", "takeaway"):
        found.extend(_compared(kind, _scoped(old, kind), _scoped(new, kind)))
    found.extend(_compared("commitment", _commitments(old), _commitments(new)))
    order = {kind: number for number, kind in enumerate(KINDS)}
    return Changes(tuple(sorted(_folded(found), key=lambda change: order[change.kind])))


def _folded(found: list[Change]) -> list[Change]:
    """*found* with the changes of each renamed object, found under its new id, told with its rename."""
    renamed = {_scope(change, change.new_id) for change in found if change.action == "renamed"}
    changed = {_scope(change): change for change in found if change.action == "changed" and _scope(change) in renamed}
    folded: list[Change] = []
    for change in found:
        later = changed.get(_scope(change, change.new_id)) if change.action == "renamed" else None
        if later is not None:
            folded.append(attrs.evolve(change, summary=later.summary, fields=later.fields))
        elif change.action != "changed" or _scope(change) not in renamed:
            folded.append(change)
    return folded


def _scope(change: Change, item_id: str | None = None) -> tuple[str, str | None, str | None]:
    """What names an object of a change: its kind, its event for objectives and takeaways, and *item_id*."""
    event = change.event if change.kind in ("objective", "takeaway") else None
    return change.kind, event, change.id if item_id is None else item_id


def _renaming(old: KnowledgeBase, new: KnowledgeBase, found: list[Change]) -> KnowledgeBase:
    """*old* with every object renamed in *new* under its new id; each rename is added to *found*.

    An object of *old* whose id *new* lacks is renamed when *new* has an object of an id *old* lacks with the same
    content, the references in it following the renames found before. Renames are found in rounds, each made
    before the next round looks again: a stakeholder whose larger stakeholder was renamed too matches its new self
    only once the reference in it follows. Objectives and takeaways come before the commitments that refer to them.
    Each round looks up objects by their content, so that a record of thousands of renames is compared in time
    proportional to its size. Only when a round finds no object alike but for its id does it look for objects
    nearly alike (see :func:`diff`).
    """
    renames: dict[tuple[str, str | None], dict[str, str]] = {}
    for kind in ("stakeholder", "event", "objective", "takeaway", "commitment"):
        while True:
            matched = list(_renames_of(old, new, kind, _renames)) or list(_renames_of(old, new, kind, _near_renames))
            if not matched:
                break
            for event_id, old_id, new_id in matched:
                renames.setdefault((f"{kind}s", event_id), {})[old_id] = new_id
                found.append(Change("renamed", kind, old_id, event=event_id, new_id=new_id))
            old = references.renamed_all(old, {key: ids for key, ids in renames.items() if key[0] == f"{kind}s"})
            renames.clear()
    return old


_Matcher = Callable[[dict[str, Any], dict[str, Any]], Iterator[tuple[str, str]]]


def _renames_of(
    old: KnowledgeBase, new: KnowledgeBase, kind: str, matcher: _Matcher
) -> Iterator[tuple[str | None, str, str]]:
    """The renames of objects of *kind* from *old* to *new* that *matcher* finds.

    Each is the event, for objectives and takeaways, and both ids.
    """
    if kind not in ("objective", "takeaway"):
        for old_id, new_id in matcher(_objects(old, kind), _objects(new, kind)):
            yield None, old_id, new_id
        return
    after_events = _keyed(new.events)
    for event_id in sorted({event.id for event in old.events} & after_events.keys()):
        before = _keyed(getattr(old.event(event_id), f"{kind}s"))
        after = _keyed(getattr(after_events[event_id], f"{kind}s"))
        for old_id, new_id in matcher(before, after):
            yield event_id, old_id, new_id


def _objects(kb: KnowledgeBase, kind: str) -> dict[str, Any]:
    """The stakeholders, events or commitments of *kb* by id."""
    if kind == "stakeholder":
        return _keyed(kb.stakeholders)
    if kind == "event":
        return _keyed(kb.events)
    return {commitment.id: commitment for event in kb.events for commitment in event.commitments}


def _renames(before: dict[str, Any], after: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Pairs of an id only *before* has and one only *after* has, whose objects are alike but for the id.

    The objects are indexed by their content, so that each id finds its partner at once; an id takes the first,
    in the order of ids, of the objects alike.
    """
    gone = sorted(before.keys() - after.keys())
    if not gone:
        return
    added: dict[str, list[str]] = {}
    for new_id in sorted(after.keys() - before.keys(), reverse=True):
        added.setdefault(_content(after[new_id]), []).append(new_id)
    for old_id in gone:
        partners = added.get(_content(before[old_id]))
        if partners:
            yield old_id, partners.pop()


def _near_renames(before: dict[str, Any], after: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Pairs of an id only *before* has and one only *after* has, whose objects are nearly alike but for the id.

    Each object removed is compared only with the objects added that share the most words of its name, words that
    few names share; of the pairs nearly alike, the most alike are taken first, each object in one pair at most.
    """
    gone = sorted(before.keys() - after.keys())
    added = sorted(after.keys() - before.keys())
    if not gone or not added:
        return
    by_word: dict[str, list[str]] = {}
    for new_id in added:
        for word in _words(after[new_id]):
            by_word.setdefault(word, []).append(new_id)
    fields: dict[str, dict[str, str]] = {}
    scored: list[tuple[tuple[int, float], str, str]] = []
    for old_id in gone:
        sharing: Counter[str] = Counter()
        for word in _words(before[old_id]):
            holders = by_word.get(word, [])
            if len(holders) <= _COMMON_WORD:
                sharing.update(holders)
        for new_id, _ in sharing.most_common(_CANDIDATES):
            old_fields = fields.setdefault(f"-{old_id}", _fields(before[old_id]))
            new_fields = fields.setdefault(f"+{new_id}", _fields(after[new_id]))
            score = _nearness(old_fields, new_fields, _name(before[old_id]), _name(after[new_id]))
            if score is not None:
                scored.append((score, old_id, new_id))
    taken: set[str] = set()
    chosen: list[tuple[str, str]] = []
    for _, old_id, new_id in sorted(scored, key=lambda found: (-found[0][0], -found[0][1], found[1], found[2])):
        if f"-{old_id}" not in taken and f"+{new_id}" not in taken:
            taken.update((f"-{old_id}", f"+{new_id}"))
            chosen.append((old_id, new_id))
    # A pair that differs in a reference to an object that may be renamed too waits until that one is: it may
    # then be alike but for its id.
    waiting = set(gone)
    sure = [(old_id, new_id) for old_id, new_id in chosen if not _refers(fields[f"-{old_id}"], waiting)]
    yield from sure or chosen


def _nearness(old: dict[str, str], new: dict[str, str], old_name: str, new_name: str) -> tuple[int, float] | None:
    """How alike two objects are, by their fields and names: the fields alike and how alike the names are.

    ``None`` when their names are not alike, or more than a third of their fields (or one) changed.
    """
    names = old.keys() | new.keys()
    changed = sum(old.get(name) != new.get(name) for name in names)
    if changed > max(1, len(names) // 3):
        return None
    alike = 1.0 if old_name == new_name else difflib.SequenceMatcher(a=old_name, b=new_name, autojunk=False).ratio()
    if alike < _ALIKE:
        return None
    return len(names) - changed, alike


def _refers(fields: dict[str, str], ids: set[str]) -> bool:
    """Whether a field of an object of some kind that refers to objects of its kind names one of *ids*."""
    return any(_named(json.loads(fields[name])) & ids for name in _OWN_REFERENCES if name in fields)


def _named(value: Any) -> set[str]:
    """Every text within *value*."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return set().union(*(_named(item) for item in value))
    if isinstance(value, dict):
        return set().union(*(_named(item) for item in value.values()))
    return set()


def _fields(item: Any) -> dict[str, str]:
    """The fields of *item* that hold something, but for its id and the objects of an event, each as text."""
    data = _without_id(item)
    if isinstance(item, Event):
        for name in _OWN_OBJECTS:
            del data[name]
    return {name: _frozen(value) for name, value in data.items() if value not in (None, [], {})}


def _name(item: Any) -> str:
    """What names *item*: a stakeholder's name, an event's or objective's title, a takeaway's or commitment's text."""
    for field in ("name", "title", "text"):
        value = getattr(item, field, None)
        if value is not None:
            return " ".join(value.texts.values()) if isinstance(value, Translatable) else str(value)
    return ""


def _words(item: Any) -> set[str]:
    """The words of *item*'s name; a name of no word (``@``, ``–``) is one word itself, so that it can be matched."""
    name = _name(item).casefold()
    return set(_WORD.findall(name)) or ({name.strip()} - {""})


def _content(item: Any) -> str:
    """What *item* holds but for its id, as text that is the same for objects alike."""
    return _frozen(_without_id(item))


def _without_id(item: Any) -> Any:
    data = _plain(item)
    data.pop("id", None)
    return data


def _keyed(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _scoped(kb: KnowledgeBase, kind: str) -> dict[tuple[str, str], Any]:
    return {(event.id, item.id): item for event in kb.events for item in getattr(event, f"{kind}s")}


def _commitments(kb: KnowledgeBase) -> dict[str, tuple[str, Commitment]]:
    return {commitment.id: (event.id, commitment) for event in kb.events for commitment in event.commitments}


def _compared(kind: str, before: dict[Any, Any], after: dict[Any, Any]) -> Iterator[Change]:
    for key in [*before, *(key for key in after if key not in before)]:
        event, old_item = _split(key, before.get(key))
        new_event, new_item = _split(key, after.get(key))
        item_id = key[1] if isinstance(key, tuple) else key
        if old_item is None:
            yield Change("added", kind, item_id, event=new_event, summary=_label(new_item))
        elif new_item is None:
            yield Change("removed", kind, item_id, event=event, summary=_label(old_item))
        else:
            fields = tuple(_field_changes(_data(old_item), _data(new_item)))
            if event != new_event:
                fields = (FieldChange("event", event, new_event), *fields)
            if fields:
                yield Change(
                    "changed", kind, item_id, event=new_event, summary=_standing(old_item, new_item), fields=fields
                )


def _split(key: Any, value: Any) -> tuple[str | None, Any]:
    """The event and the object of a compared value: scoped objects are keyed by their event, commitments hold it."""
    if isinstance(value, tuple):
        return value[0], value[1]
    return (key[0] if isinstance(key, tuple) else None), value


def _data(item: Any) -> dict[str, Any]:
    data: dict[str, Any] = _plain(item)
    if isinstance(item, Event):
        for name in _OWN_OBJECTS:
            del data[name]
    return data


def _plain(value: Any) -> Any:
    """*value* as the data a record file holds, with every field, defaults included, so that none is missed."""
    if attrs.has(type(value)):
        return {field.name: _plain(getattr(value, field.name)) for field in attrs.fields(type(value)) if field.init}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Translatable):
        # Compared in every language it is written in, as the model compares it.
        return dict(value.texts)
    return unstructure(value)


def _compact(value: Any) -> Any:
    """*value* without the fields that hold nothing, as a file would write it."""
    if isinstance(value, dict) and not _is_text(value):
        return {key: _compact(item) for key, item in value.items() if item is not None and item != []}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


def _label(item: Any) -> str:
    name = getattr(item, "name", None) or getattr(item, "title", None) or getattr(item, "text", None)
    return f"({_shown(str(name))})" if name is not None else ""


def _standing(old: Any, new: Any) -> str:
    """A commitment's status and progress in words, when either changed."""
    if not isinstance(new, Commitment) or (old.status == new.status and old.progress == new.progress):
        return ""
    latest = new.progress[-1] if new.progress else None
    percent = f", {latest.percent} %" if latest is not None and latest.percent is not None else ""
    when = f" (reported {latest.on.isoformat()})" if latest is not None and latest not in old.progress else ""
    if old.status != new.status:
        return f"moved from {old.status.value} to {new.status.value}{percent}{when}"
    return f"is still {new.status.value}{percent}{when}"


def _field_changes(old: Any, new: Any, path: str = "") -> Iterator[FieldChange]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict) and not _is_text(old) and not _is_text(new):
        for key in [*old, *(key for key in new if key not in old)]:
            yield from _field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return
    if isinstance(old, list) and isinstance(new, list):
        yield from _list_changes(old, new, path)
        return
    yield FieldChange(path, _compact(old), _compact(new))


def _is_text(value: dict[str, Any]) -> bool:
    """Whether a mapping is a text in several languages, compared as one value."""
    return all(isinstance(text, str) and is_language_tag(tag) for tag, text in value.items())


def _list_changes(old: list[Any], new: list[Any], path: str) -> Iterator[FieldChange]:
    key = _item_key(old + new)
    if key is not None:
        before = {str(item[key]): item for item in old}
        after = {str(item[key]): item for item in new}
        for name in [*before, *(name for name in after if name not in before)]:
            yield from _field_changes(before.get(name), after.get(name), f"{path}[{name}]")
        if list(before) != [name for name in after if name in before]:
            yield FieldChange(f"{path} (order)", list(before), list(after))
        return
    if all(not isinstance(item, dict | list) for item in old + new):
        yield FieldChange(path, old or None, new or None)
        return
    matcher = difflib.SequenceMatcher(a=[_frozen(i) for i in old], b=[_frozen(i) for i in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                yield from _field_changes(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset}]")
            continue
        for index in range(i1, i2):
            yield FieldChange(f"{path}[{index}]", _compact(old[index]), None)
        for index in range(j1, j2):
            yield FieldChange(f"{path}[{index}]", None, _compact(new[index]))


def _item_key(items: list[Any]) -> str | None:
    """The key that names every item of a list of mappings once, if one does."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in _ITEM_KEYS:
        if all(isinstance(item.get(key), str) for item in items):
            return key
    return None


def _frozen(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _shown(value: Any) -> str:
    """*value* on one line: a text as it is, unless it holds line breaks or control characters, which are escaped."""
    plain = isinstance(value, str) and value.isprintable()
    shown = value if plain else json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"


def _code_ids(change: Change) -> str:
    where = f" (event `{change.event}`)" if change.event and change.kind != "event" else ""
    if change.action == "renamed":
        return f"`{change.id}` → `{change.new_id}`{where}"
    summary = f" {change.summary}" if change.summary else ""
    return f"`{change.id}`{where}{summary}"


def _code_field(field: FieldChange) -> str:
    if field.old is None:
        return f"`{field.path}` added: `{_shown(field.new)}`"
    if field.new is None:
        return f"`{field.path}` removed: `{_shown(field.old)}`"
    return f"`{field.path}`: `{_shown(field.old)}` → `{_shown(field.new)}`"
