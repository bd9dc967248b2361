"""Intents: what a screen asks the kiosk to do, as Textual messages.

Screens post these and never call into the app; :class:`kiosk.ui.app.KioskApp` handles each
with ``@on`` and asks the pure :class:`kiosk.visit.controller.KioskController`. A message bubbles
from the screen to the app, so a screen needs no reference to the app at all.
"""

from __future__ import annotations

from textual.message import Message

from kiosk.visit.usage import UsageEvent


class Intent(Message, bubble=True):
    """Base of every intent."""


class ChooseLanguage(Intent):
    """Home's language key: every screen, the banner and the voice switch to ``language``."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language


class OpenTopic(Intent):
    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class StartFlow(Intent):
    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class ShowReview(Intent):
    """The flow is done: show every answer before the summary (K-I4)."""


class ShowSummary(Intent):
    """The patient checked the answers: show the summary."""


class LeaveFlow(Intent):
    """Back from the first question: the answers go with the session."""


class RedFlagEmergency(Intent):
    """A red-flag answer: straight to the emergency page (K-C2)."""

    def __init__(self, topic_id: str, chosen: list[str]) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.chosen = chosen


class ChangeRedFlagAnswer(Intent):
    pass


class GoBack(Intent):
    pass


class GoHome(Intent):
    pass


class Finish(Intent):
    """The patient's own "Finish": the same wipe as the inactivity reset (K-P1)."""


class ConfirmFinish(Intent):
    """Finish on the summary: ask "Finish and clear your answers?" first (issue 13)."""


class Speak(Intent):
    """Say ``lines``. ``screen``: the whole screen (remembered for "read again");
    ``private``: answers the person asked to hear (said even when speech is off, K-S7)."""

    def __init__(self, lines: list[str], *, screen: bool = False, private: bool = False,
                 protected: bool = False, replace: bool = True) -> None:
        super().__init__()
        self.lines = lines
        self.screen = screen
        self.private = private
        self.protected = protected
        self.replace = replace


class Count(Intent):
    """A per-day usage counter (K-P2)."""

    def __init__(self, event: UsageEvent, topic_id: str | None = None) -> None:
        super().__init__()
        self.event = event
        self.topic_id = topic_id


class PageRead(Intent):
    def __init__(self, topic_id: str, page: int) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.page = page


class RefuseKey(Intent):
    """A key that does nothing here."""


class HomeKey(Intent):
    """A key pressed on home, watched for the staff entry sequence."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class LeaveStaffMode(Intent):
    """Back to a fresh home: new content and topic switches show."""


class ReloadContent(Intent):
    """Staff's "Reload now"; ``grade`` also grades reading levels (K-C1)."""

    def __init__(self, *, grade: bool = False) -> None:
        super().__init__()
        self.grade = grade


class SwitchTopic(Intent):
    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class QuitForMaintenance(Intent):
    pass


class ScreenShown(Intent):
    """A screen came to the top (or changed page): its whole script, said or remembered."""

    def __init__(self, lines: list[str], *, protected: bool = False) -> None:
        super().__init__()
        self.lines = lines
        self.protected = protected


class ScreenGrew(Intent):
    """Lines the screen on top showed after it was said (the "More below" line under choices
    that turned out not to fit, issue 13): remembered with its script and said after it."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines


class ToggleSpeech(Intent):
    """The sound menu's "Speech on/off", the same as the / key (K-S2)."""


class SoundControl(Intent):
    """A sound-menu change: ``action`` is a SpeechBase method (rate_up, volume_down, ...)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action


class SubmitPin(Intent):
    """The PIN typed on the pad; checked by the controller's StaffGate, never kept or shown."""

    def __init__(self, pin: str) -> None:
        super().__init__()
        self.pin = pin


class CheckPrinter(Intent):
    """The summary is shown: may it offer printing? (asked off the UI thread)."""


class PrintSummary(Intent):
    """"Print for my provider": the slip, built in memory, sent to CUPS off the UI thread."""


class CallFrontDesk(Intent):
    """"Call the front desk" on the emergency page: runs ``alert.command`` (no answers)."""


class OpenGroup(Intent):
    """Home's group: its topics, paged (issue 12)."""

    def __init__(self, group: str) -> None:
        super().__init__()
        self.group = group


class ReadTopic(Intent):
    """Read a topic's pages from ``page`` (its first screen's "Read from the start", or contents)."""

    def __init__(self, topic_id: str, page: int = 0) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.page = page


class ShowContents(Intent):
    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class ShowWords(Intent):
    """Words to know: all of a topic's glossary, or only ``terms`` (those a page uses)."""

    def __init__(self, topic_id: str, terms: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.terms = terms


class ShowAbout(Intent):
    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id


class ShowEmergency(Intent):
    """The emergency page: with ``topic_id``, that topic's danger signs; else the kiosk's."""

    def __init__(self, topic_id: str | None = None) -> None:
        super().__init__()
        self.topic_id = topic_id


class BeginQuestions(Intent):
    """The flow's intro was read: start the questions."""

    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id
