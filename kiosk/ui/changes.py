"""Changes: what the app tells its screens, as Textual messages.

The way back from the app to the screens. Screens ask through intents (:mod:`kiosk.ui.intents`,
which bubble up to the app); the app answers by posting one of these to the screen it concerns
(or to every screen of the visit), and a screen that cares handles it with ``@on``. A screen
that does not care simply has no handler: the app never asks what a screen can do.

They do not bubble: a change is for the screen it is posted to, never for the app again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.fields_message import FieldsMessage

if TYPE_CHECKING:
    from kiosk.content.library import LoadResult
    from kiosk.desk.cups import QueueState
    from kiosk.visit.controller import Answered
    from kiosk.visit.staff import GateResult


class Change(FieldsMessage, bubble=False):
    """Base of every change the app posts to a screen."""


class AnswerApplied(Change):
    """The controller applied an answer, Back or a return to the questions: the question
    screen draws what the flow shows now. ``answered`` is None after Back or a return (the
    current question, drawn again)."""

    answered: Answered | None = None


class SpeechChanged(Change):
    """Speech was turned on or off, or found missing: every screen of the visit shows it (the
    sign by the title, home's hints and wait time (K-T1), the sound menu's words). Posted to
    each screen rather than each watching the app, which would keep every screen ever shown
    alive in the app's watcher list."""

    on: bool
    missing: bool


class SoundChanged(Change):
    """A sound control (``rate_up``, ``volume_down``...) was applied: the sound menu draws the
    new setting and says it in that setting (K-S6, K-S12)."""

    action: str


class TopicSwitched(Change):
    """Staff switched a topic on or off; ``problem`` says why it is not saved for the next start."""

    topic_id: str
    shown: bool
    problem: str | None


class PrinterChecked(Change):
    """The print queue was asked, off the UI thread: the summary offers printing only when it
    can take a job, and the staff menu shows the queue's state."""

    state: QueueState


class Printed(Change):
    """A print job ended; ``message`` is what the patient is told (already said aloud)."""

    ok: bool
    message: str


class DeskCalled(Change):
    """The front-desk alert command finished: the emergency page tells the person whether it
    reached the desk, on screen and aloud. ``already``: a press while a call was on its way (or
    soon after one that worked) ran nothing; the person is told the desk is already coming."""

    ok: bool
    already: bool = False


class PinRefused(Change):
    """The controller refused a staff PIN (wrong, locked, none set): the pad says why, never
    the digits."""

    result: GateResult


class IdleCountdown(Change):
    """Seconds left before an unused kiosk clears itself: "Are you still there?" counts down."""

    seconds_left: int


class ContentChecked(Change):
    """The content worker finished and the controller took the result: the staff menu reports it."""

    result: LoadResult
