"""Intents: what a screen asks the kiosk to do, as Textual messages.

Screens post these and never call into the app; :class:`kiosk.ui.app.KioskApp` handles each
with ``@on`` and asks the pure :class:`kiosk.visit.controller.KioskController`. A message bubbles
from the screen to the app, so a screen needs no reference to the app at all. Each intent is
declared as a dataclass is (:mod:`kiosk.ui.fields_message`): its fields are what the app needs,
and a test can compare a posted intent with one it builds.
"""

from __future__ import annotations

from dataclasses import KW_ONLY

from kiosk.ui.fields_message import FieldsMessage
from kiosk.visit.controller import Reply
from kiosk.visit.usage import UsageEvent


class Intent(FieldsMessage, bubble=True):
    """Base of every intent."""


class ChooseLanguage(Intent):
    """Home's language key: every screen, the banner and the voice switch to ``language``."""

    language: str


class OpenTopic(Intent):
    topic_id: str


class StartFlow(Intent):
    topic_id: str


class AnswerQuestion(Intent):
    """An answer on the question screen, applied by the controller to the visit's flow:
    a single-choice answer or a multi-choice box (``choice_id``), "Not sure", "Skip" or Done."""

    reply: Reply
    choice_id: str = ""


class QuestionBack(Intent):
    """Back on a question: the question before, or out of the flow from the first one (K-I4)."""


class ReturnToQuestion(Intent):
    """The question screen is on top again (from the emergency page or the review, or first
    shown): the controller puts the flow back on a question for it to draw."""


class EditAnswer(Intent):
    """An answer picked on the review: that question again, to change it (K-I4)."""

    question_id: str


class ShowSummary(Intent):
    """The patient checked the answers: show the summary."""


class ChangeRedFlagAnswer(Intent):
    pass


class GoBack(Intent):
    pass


class GoHome(Intent):
    pass


class Finish(Intent):
    """The patient's own "Finish": the same wipe as the inactivity reset (K-P1)."""


class ConfirmFinish(Intent):
    """Finish on the summary: ask "Finish and clear your answers?" first, so one stray key
    cannot wipe the answers."""


class Speak(Intent):
    """Say ``lines``. ``screen``: the whole screen (remembered for "read again");
    ``private``: answers the person asked to hear (said even when speech is off, K-S7)."""

    lines: list[str]
    _: KW_ONLY
    screen: bool = False
    private: bool = False
    protected: bool = False
    replace: bool = True


class Count(Intent):
    """A per-day usage counter (K-P2)."""

    event: UsageEvent
    topic_id: str | None = None


class PageRead(Intent):
    topic_id: str
    page: int


class RefuseKey(Intent):
    """A key that does nothing here."""


class HomeKey(Intent):
    """A key pressed on home, watched for the staff entry sequence."""

    key: str


class LeaveStaffMode(Intent):
    """Back to a fresh home: new content and topic switches show."""


class ReloadContent(Intent):
    """Staff's "Reload now"; ``grade`` also grades reading levels (K-C1)."""

    _: KW_ONLY
    grade: bool = False


class SwitchTopic(Intent):
    topic_id: str


class QuitForMaintenance(Intent):
    pass


class ScreenShown(Intent):
    """A screen came to the top (or changed page): its whole script, said or remembered."""

    lines: list[str]
    _: KW_ONLY
    protected: bool = False


class ScreenGrew(Intent):
    """Lines the screen on top showed after it was said (the "More below" line under choices
    that turned out not to fit): remembered with its script and said after it."""

    lines: list[str]


class ToggleSpeech(Intent):
    """The sound menu's "Speech on/off", the same as the / key (K-S2)."""


class SoundControl(Intent):
    """A sound-menu change: ``action`` is a SpeechBase method (rate_up, volume_down, ...)."""

    action: str


class SubmitPin(Intent):
    """The PIN typed on the pad; checked by the controller's StaffGate, never kept or shown."""

    pin: str


class CheckPrinter(Intent):
    """The summary is shown: may it offer printing? (asked off the UI thread)."""


class PrintSummary(Intent):
    """"Print for my provider": the slip, built in memory, sent to CUPS off the UI thread."""


class CallFrontDesk(Intent):
    """"Call the front desk" on the emergency page: runs ``alert.command`` (no answers)."""


class OpenGroup(Intent):
    """Home's group: its topics, paged."""

    group: str


class ReadTopic(Intent):
    """Read a topic's pages from ``page`` (its first screen's "Read from the start", or contents).

    ``section`` is the index of one of the topic's "More about..." sections (``Topic.more``), whose
    pages are read instead of the core; None reads the core.
    """

    topic_id: str
    page: int = 0
    section: int | None = None


class ShowContents(Intent):
    topic_id: str


class ShowWords(Intent):
    """Words to know: all of a topic's glossary, or only ``terms`` (those a page uses)."""

    topic_id: str
    terms: tuple[str, ...] | None = None


class ShowAbout(Intent):
    topic_id: str


class ShowEmergency(Intent):
    """The emergency page: with ``topic_id``, that topic's danger signs; else the kiosk's."""

    topic_id: str | None = None


class BeginQuestions(Intent):
    """The flow's intro was read: start the questions."""

    topic_id: str
