"""The kiosk's screens: each draws part of the Library or a session and speaks what it draws.

The app names the screens it pushes through this package (``screens.TopicScreen``), and each
screen's module is imported the first time it is named: a start draws only home, so the other
screens' modules (about a fifth of a start's imports) are not read before the first screen, and
the app reads them once it is idle (:meth:`kiosk.ui.app.KioskApp` warms them up), before anyone
opens one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

#: Each lazily named screen (or helper) and the module that holds it.
LAZY = {
    "AboutScreen": "topic_notes",
    "WordsScreen": "topic_notes",
    "ConfirmFinishScreen": "summary",
    "SummaryScreen": "summary",
    "ContentsScreen": "contents",
    "EmergencyScreen": "emergency",
    "FlowIntroScreen": "flow_intro",
    "GroupScreen": "group",
    "QuestionScreen": "question",
    "answer_words": "question",
    "ReviewScreen": "review",
    "SoundScreen": "sound",
    "StillThereScreen": "still_there",
    "TopicScreen": "topic",
    "TopicStartScreen": "topic_start",
}

if TYPE_CHECKING:
    from kiosk.ui.screens.contents import ContentsScreen
    from kiosk.ui.screens.emergency import EmergencyScreen
    from kiosk.ui.screens.flow_intro import FlowIntroScreen
    from kiosk.ui.screens.group import GroupScreen
    from kiosk.ui.screens.question import QuestionScreen, answer_words
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.sound import SoundScreen
    from kiosk.ui.screens.still_there import StillThereScreen
    from kiosk.ui.screens.summary import ConfirmFinishScreen, SummaryScreen
    from kiosk.ui.screens.topic import TopicScreen
    from kiosk.ui.screens.topic_notes import AboutScreen, WordsScreen
    from kiosk.ui.screens.topic_start import TopicStartScreen

__all__ = [
    "AboutScreen",
    "ConfirmFinishScreen",
    "ContentsScreen",
    "EmergencyScreen",
    "FlowIntroScreen",
    "GroupScreen",
    "QuestionScreen",
    "ReviewScreen",
    "SoundScreen",
    "StillThereScreen",
    "SummaryScreen",
    "TopicScreen",
    "TopicStartScreen",
    "WordsScreen",
    "answer_words",
]


def __getattr__(name: str):
    module = LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = vars(importlib.import_module(f"{__name__}.{module}"))[name]
    globals()[name] = value  # named once: later lookups are plain attribute reads
    return value


#: Read in the idle warm-up too: what speech needs first (its thirty-odd regular expressions),
#: not loaded at start, so a listener's first key does not wait for it either.
WARM_ALSO = ("kiosk.speech.text",)


def warm_up() -> list[str]:
    """The modules not yet imported, one import each: what the app's idle warm-up steps through."""
    import sys

    return sorted(({f"{__name__}.{m}" for m in LAZY.values()} | set(WARM_ALSO)) - set(sys.modules))
