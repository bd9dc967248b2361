"""A Textual message declared like a dataclass, without dataclass's cost at import.

The kiosk's intents and changes (about 50 small messages) were ``@dataclass`` classes:
dataclass writes and compiles ``__init__``, ``__repr__`` and ``__eq__`` for each, 8-9 ms of
every start. :class:`FieldsMessage` reads the same declarations (annotated fields, defaults,
a ``_: KW_ONLY`` marker) once per class and shares one ``__init__``, ``__eq__`` and
``__repr__``; ``dataclass_transform`` lets type checkers check each constructor as before.
"""

from __future__ import annotations

from typing import Any, ClassVar, dataclass_transform

from textual.message import Message

_MISSING: Any = object()


@dataclass_transform()
class FieldsMessage(Message):
    """Base of messages whose fields are their annotations, as in a dataclass."""

    __field_names__: ClassVar[tuple[str, ...]] = ()
    __positional__: ClassVar[int] = 0
    __field_defaults__: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls.__field_names__)
        positional = cls.__positional__ if names else None
        defaults = dict(cls.__field_defaults__)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            kind = str(annotation)
            if kind.startswith(("ClassVar", "typing.ClassVar")):
                continue
            if kind in ("KW_ONLY", "dataclasses.KW_ONLY") or name == "_":
                positional = len(names)
                continue
            names.append(name)
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
        cls.__field_names__ = tuple(names)
        cls.__positional__ = len(names) if positional is None else positional
        cls.__field_defaults__ = defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self.__field_names__
        if len(args) > self.__positional__:
            raise TypeError(f"{type(self).__name__}() takes {self.__positional__} positional field(s)")
        values = dict(zip(names, args, strict=False))  # fewer args than fields: the rest by name
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}() got an unexpected or repeated field {name!r}")
            values[name] = value
        for name in names:
            value = values.get(name, self.__field_defaults__.get(name, _MISSING))
            if value is _MISSING:
                raise TypeError(f"{type(self).__name__}() is missing its field {name!r}")
            setattr(self, name, value)
        super().__init__()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__field_names__)

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: compared by value, not hashed

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__field_names__)
        return f"{type(self).__name__}({fields})"
