"""Intents and changes are declared as dataclasses are, made by FieldsMessage (kiosk/ui/
fields_message.py) without dataclass's code generation at import."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import KW_ONLY

import pytest

from kiosk.ui import changes, intents
from kiosk.ui.fields_message import FieldsMessage


class Said(FieldsMessage, bubble=False):
    text: str
    language: str = "en"
    _: KW_ONLY
    screen: bool = True


def test_fields_positional_keyword_only_and_defaults():
    said = Said("Hello")
    assert (said.text, said.language, said.screen) == ("Hello", "en", True)
    said = Said("Hola", "es", screen=False)
    assert (said.text, said.language, said.screen) == ("Hola", "es", False)
    with pytest.raises(TypeError):
        Said("Hola", "es", False)  # type: ignore[misc]  # past the KW_ONLY marker
    with pytest.raises(TypeError):
        Said()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Said("Hi", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Said("Hi", text="again")  # type: ignore[misc]


def test_compared_by_value_shown_by_fields_and_still_a_textual_message():
    assert Said("Hi") == Said("Hi", "en", screen=True)
    assert Said("Hi") != Said("Hi", "es")
    assert repr(Said("Hi")) == "Said(text='Hi', language='en', screen=True)"
    said = Said("Hi")
    assert said.handler_name == "on_said" and said.bubble is False and said.time > 0
    assert intents.OpenTopic("x").bubble is True
    assert intents.Speak.__field_names__ == tuple(
        name for name in intents.Speak.__annotations__ if name != "_")


def test_every_intent_and_change_is_declared_once_and_not_a_dataclass():
    made = [cls for module in (intents, changes) for cls in vars(module).values()
            if isinstance(cls, type) and issubclass(cls, FieldsMessage)
            and cls not in (intents.Intent, changes.Change)]
    assert len(made) >= 45
    assert not [cls for cls in made if "__dataclass_fields__" in vars(cls)]


def test_importing_the_messages_compiles_no_dataclass_methods():
    """dataclass builds each method with exec(): none may run while these modules load."""
    probe = """
import builtins, dataclasses, sys
import textual.app, textual.message, kiosk.visit.controller, kiosk.visit.usage, kiosk.content.library
made = []
real = dataclasses._create_fn
dataclasses._create_fn = lambda *a, **k: made.append(a[0]) or real(*a, **k)
import kiosk.ui.intents, kiosk.ui.changes
print(len(made))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"
