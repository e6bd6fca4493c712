"""One object defined in several files: an archive of records that share their stakeholders.

A secretariat keeps many records, one per workshop, and each names the
stakeholders it needs: the same organisation is written again in each file.
Two definitions of one id are one object when they agree field by field, or
when one only gives fields the other leaves out; they differ when both give a
field and its values are not the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["combined", "differences"]

_Object = TypeVar("_Object", bound="AttrsInstance")


def differences(first: Any, second: Any) -> list[str]:
    """The fields both *first* and *second* give, with values that are not the same, in the order of the class."""
    return [
        field.name
        for field in attrs.fields(type(first))
        if field.init
        and not _left_out(first, field)
        and not _left_out(second, field)
        and getattr(first, field.name) != getattr(second, field.name)
    ]


def combined(first: _Object, second: _Object) -> _Object | None:
    """*first* with the fields it leaves out taken from *second*; ``None`` when the two give a field differently."""
    if type(first) is not type(second) or differences(first, second):
        return None
    taken = {
        field.name: getattr(second, field.name)
        for field in attrs.fields(type(first))
        if field.init and _left_out(first, field) and not _left_out(second, field)
    }
    changed: _Object = attrs.evolve(cast(Any, first), **taken) if taken else first
    return changed


def _left_out(item: Any, field: attrs.Attribute[Any]) -> bool:
    """Whether *item* leaves *field* at its default, as a file that does not write it does."""
    default: Any = field.default
    if default is attrs.NOTHING:
        return False
    factory = getattr(default, "factory", None)
    if factory is not None:
        default = factory()
    return bool(getattr(item, field.name) == default)
