"""The runtime form of content: plain frozen objects, with pydantic only where content is checked.

A kiosk starting on content it has already validated (the library cache) must not pay for
pydantic: importing it and building the content models' classes is about 55 ms and 8 MB of
every start (bench/README.md). So each content class exists twice, with the same name and the
same fields: a pydantic model in a schema module (:mod:`kiosk.content.schema`,
:mod:`kiosk.content.settings_schema`), which checks what staff wrote and says what is wrong,
and a frozen slotted class (:mod:`kiosk.content.model`, :mod:`kiosk.content.settings`), which
the kiosk runs on and the cache stores. Those are declared by their annotations alone, as
dataclasses are, but made by a small metaclass: ``dataclass`` writes and compiles methods for
each class, 8-9 ms of a start for the 19 of them. A test keeps the two field lists the same.

Building a plain object from data (``Topic(...)``, ``KioskSettings.model_validate(...)``)
validates it through its schema, so a wrong value is refused exactly as before; copying one
(``model_copy``) and loading one from the cache do not, as pydantic's own ``model_copy`` does not.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, Self, TypeVar

#: Where each plain module's pydantic twins live.
SCHEMA_MODULES = {
    "kiosk.content.model": "kiosk.content.schema",
    "kiosk.content.settings": "kiosk.content.settings_schema",
}
_PLAIN_MODULES = {schema: plain for plain, schema in SCHEMA_MODULES.items()}

_set = object.__setattr__
_F = TypeVar("_F", bound="Frozen")
_plain_of: dict[type, type[Frozen] | None] = {}


class _Fields(type):
    """Gives a plain class one slot per annotated field, in order (``__field_names__``)."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> _Fields:
        fields = tuple(namespace.get("__annotations__", {}))
        if bases:  # Frozen itself declares none
            namespace = {**namespace, "__slots__": fields, "__field_names__": fields}
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class Frozen(metaclass=_Fields):
    """Base of the plain content classes: slotted, frozen, equal when their fields are."""

    __slots__ = ()
    __field_names__: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **data: Any) -> None:
        made = type(self).model_validate(data)
        for name in self.__field_names__:
            _set(self, name, getattr(made, name))

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """``data`` checked by this class's schema (pydantic's ``ValidationError`` when wrong),
        as a plain object."""
        made = to_plain(schema_of(cls).model_validate(as_data(data)))
        assert isinstance(made, cls)
        return made

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A copy with ``update``'s fields replaced, unchecked (as pydantic's ``model_copy``)."""
        changes = update or {}
        for name in changes:
            if name not in self.__field_names__:
                raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        return _rebuild(type(self), tuple(changes.get(name, getattr(self, name)) for name in self.__field_names__))

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        """As pydantic's ``model_dump`` of the same content (its options and all)."""
        return schema_of(type(self)).model_validate(as_data(self)).model_dump(**kwargs)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__field_names__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in self)})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: content is frozen once loaded")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}: content is frozen once loaded")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """``(field, value)`` pairs, so ``dict(obj)`` works as it does on a pydantic model."""
        for name in self.__field_names__:
            yield name, getattr(self, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._values())


def _rebuild(cls: type[_F], values: tuple[Any, ...]) -> _F:
    """Unpickling: the fields as they were stored, no validation (the cache stores checked content)."""
    made = object.__new__(cls)
    for name, value in zip(cls.__field_names__, values, strict=True):  # a mismatch: a cache miss
        _set(made, name, value)
    return made


def schema_of(cls: type[Frozen]) -> Any:
    """The pydantic model that checks ``cls`` (imports pydantic on first use)."""
    return getattr(importlib.import_module(SCHEMA_MODULES[cls.__module__]), cls.__name__)


def plain_of(schema: type) -> type[Frozen] | None:
    """The plain class of a schema model; None for anything else."""
    try:
        return _plain_of[schema]
    except KeyError:
        plain_module = _PLAIN_MODULES.get(schema.__module__)
        found = getattr(importlib.import_module(plain_module), schema.__name__, None) if plain_module else None
        _plain_of[schema] = found if isinstance(found, type) and issubclass(found, Frozen) else None
        return _plain_of[schema]


#: Values that are never a model nor hold one: kept as they are without a look (most values).
_LEAVES = frozenset({str, int, float, bool, type(None)})


def to_plain(value: Any) -> Any:
    """``value`` (validated schema models, in lists and dicts) with every model as its plain twin.
    Reads a model's fields from its ``__dict__``, where pydantic keeps them: a load of 1,000
    topics converts about 25,000 models."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is list:
        return [item if type(item) in _LEAVES else to_plain(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _LEAVES else to_plain(item) for key, item in value.items()}
    cls = plain_of(kind)
    if cls is None:
        return value
    fields = value.__dict__
    made = object.__new__(cls)
    for name in cls.__field_names__:
        item = fields[name]
        _set(made, name, item if type(item) in _LEAVES else to_plain(item))
    return made


def as_data(value: Any) -> Any:
    """``value`` with every plain object as a dict of its fields, as a schema validates it."""
    if isinstance(value, Frozen):
        return {name: as_data(getattr(value, name)) for name in value.__field_names__}
    if isinstance(value, (list, tuple)):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value

