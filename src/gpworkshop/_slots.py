"""Frozen slotted attrs objects made past their ``__init__``, by code that has checked their values already.

attrs' ``__init__`` of a frozen class sets each field through
``object.__setattr__``, which costs more than anything else in making a small
object. Code that makes many objects of values it knows to be right (the
generated builders, report nodes, the problems of a large record) sets their
slots directly instead, as attrs does itself: the objects are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["new", "setter"]

#: An object of a class with none of its fields set: ``new(cls)``.
new = object.__new__


def setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The way to set the field *name* of an object of the frozen slotted class *cls*, past its ``__setattr__``."""
    set_slot: Callable[[Any, Any], None] = getattr(cls, name).__set__
    return set_slot
