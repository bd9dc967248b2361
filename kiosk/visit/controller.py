"""KioskController: one person's visit and everything derived from the content, with no UI.

Owns, in one place: the Library on show, the :class:`~kiosk.visit.visit.Visit` of the person at the
kiosk, and everything built from the settings (the idle policy, the staff PIN gate, the speech
settings, the usage counts and the data folder). New content is swapped in by
:meth:`KioskController.install` as one step, so a reload can never apply half of the settings.

The Textual app turns keys into intents and calls the methods here; screens only draw what the
controller says. That includes the answers to a topic's questions: :meth:`KioskController.answer`
applies each one to the visit's :class:`~kiosk.visit.flow.FlowSession` and says what became of it.

Nothing here imports Textual (a test enforces it), so all of it is tested without an event loop, with a fake clock.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.content.library import Library, LoadResult
from kiosk.content.library_nav import offered_languages
from kiosk.content.model import Problem, Topic
from kiosk.content.settings import SpeechSettings, data_folder
from kiosk.host.clock import Clock, monotonic
from kiosk.visit.fleet_metrics import Event, FleetMetrics
from kiosk.visit.flow import AnswerRequired, FlowSession, Outcome, SummaryLine, lines_in
from kiosk.visit.idle import IdlePolicy
from kiosk.visit.staff import GateResult, GateStatus, StaffGate
from kiosk.visit.staff_lock import SharedLockout
from kiosk.visit.topic_switches import load_disabled_topics, save_disabled_topics
from kiosk.visit.usage import USAGE_FILE, UsageEvent, UsageLog
from kiosk.visit.visit import Visit

log = logging.getLogger("kiosk")

#: Kiosk errors kept in memory for staff (the log has them all).
MAX_ERRORS = 50


@dataclass(frozen=True)
class IdleOverrides:
    """The CLI's trial values (``--idle-timeout``, ``--warning``); they outlive reloads."""

    timeout_seconds: float | None = None
    warning_seconds: float | None = None


class Offer(StrEnum):
    """What became of content offered by a reload."""

    REFUSED = "refused"  # broken: the last good content stays, problems kept for staff
    WAITING = "waiting"  # good: goes live at home once nothing of a visit is left to lose
    UNCHANGED = "unchanged"  # good, and the same as what is shown


class Reply(StrEnum):
    """How a person answers the question on screen."""

    CHOOSE = "choose"  # a single-choice answer: the flow goes on at once
    TOGGLE = "toggle"  # a multi-choice box ticked or unticked: the same question stays
    NOT_SURE = "not-sure"
    SKIP = "skip"
    DONE = "done"  # a multi-choice question's Done: its ticked boxes are the answer


@dataclass(frozen=True)
class Answered:
    """What an answer did to the visit's flow, for the app to show."""

    outcome: Outcome
    #: The multi-choice box that changed; the question stays on screen, redrawn in place.
    ticked: str = ""
    #: Done with nothing chosen on a required question (K-S9), in the visit's language.
    refused: str = ""
    #: The red-flag answers that stopped the flow (K-C2): the emergency page names them.
    red_flags: tuple[str, ...] = ()


class KioskController:
    """Pure state and rules of the running kiosk; see the module docstring."""

    def __init__(
        self,
        library: Library,
        *,
        clock: Clock = monotonic,
        today: Callable[[], dt.date] = dt.date.today,
        idle_overrides: IdleOverrides = IdleOverrides(),
        usage: UsageLog | None = None,
        keep_usage: bool = True,
        dev: bool = False,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """``usage`` given: that log is used for good (tests). Otherwise the controller opens
        the usage database in the data folder, and again when ``data_dir`` changes;
        ``keep_usage=False`` (``--dev``) counts in memory only."""
        self.clock = clock
        self.today = today
        self.dev = dev
        self.wall_clock = wall_clock
        self.idle_overrides = idle_overrides
        self._fixed_usage = usage
        self._keep_usage = keep_usage
        self.usage: UsageLog = usage or UsageLog(None)
        #: Counters for clinic IT's Prometheus (kiosk.visit.fleet_metrics): events, never answers.
        self.metrics = FleetMetrics(wall_clock=wall_clock)
        self.errors: list[str] = []
        self.reload_problems: list[Problem] = []
        self.pending: Library | None = None
        self.visit = Visit()
        self.last_print_error: str | None = None
        self._last_choice_at = -1e9
        self.library = library
        self._derive(library)

    # --- content --------------------------------------------------------------------------
    def _derive(self, library: Library) -> None:
        """Everything that comes from the settings, rebuilt from ``library`` as one step."""
        settings = library.settings
        self.library = library
        self.data_dir: Path = data_folder(library.root, settings.data_dir, dev=self.dev)
        self.idle = IdlePolicy.from_settings(
            settings.idle, self.clock,
            timeout_seconds=self.idle_overrides.timeout_seconds,
            warning_seconds=self.idle_overrides.warning_seconds,
        )
        self.staff_gate = StaffGate.from_settings(settings, self.clock, SharedLockout(self.data_dir, self.wall_clock))
        self.disabled_topics: set[str] = load_disabled_topics(self.data_dir)
        if self._fixed_usage is None:
            path = self.data_dir / USAGE_FILE if self._keep_usage else None
            if path != getattr(self.usage, "path", None):
                self.usage.close()
                self.usage = UsageLog(path)

    @property
    def speech_settings(self) -> SpeechSettings:
        return self.library.settings.speech

    def offer(self, result: LoadResult) -> Offer:
        """Content from disk: broken content never reaches the screen (last good wins, whole)."""
        if result.library is None:
            self.reload_problems = list(result.problems)
            self.pending = None  # what was good on disk is gone: staff see one status, refused
            log.warning("content refused: %d error(s); keeping the last good content", len(result.errors))
            return Offer.REFUSED
        self.reload_problems = []
        library = result.library
        if library.fingerprint == self.library.fingerprint and self.pending is None:
            return Offer.UNCHANGED
        self.pending = library
        return Offer.WAITING

    def install_pending(self) -> bool:
        """Swap in waiting content (between people only); True if anything changed."""
        if self.pending is None:
            return False
        library, self.pending = self.pending, None
        # The lockout is about the person at the keys, not about the content: keep it.
        wrong, locked_until = self.staff_gate.wrong_count, self.staff_gate.locked_until
        self._derive(library)
        self.staff_gate.restore(wrong, locked_until)
        log.info("new content is live: %s", library.summary_line())
        return True

    def may_go_live(self, *, sound_changed: bool) -> bool:
        """Waiting content may go live now, at home, without taking anything from the person at
        the kiosk: no answer begun, the language and the sound (``sound_changed``, known to
        the app) as a visit starts. Otherwise it waits for Finish or the inactivity reset."""
        if self.pending is None or sound_changed:
            return False
        return not self.visit.in_progress(self.library.settings.languages[0])

    # --- a person at the kiosk --------------------------------------------------------------
    def new_visit(self) -> bool:
        """The next person: waiting content goes live, the Visit is replaced, never cleared
        (K-P1). True if new content went live."""
        changed = self.install_pending()
        self.visit = Visit(language=self.library.settings.languages[0])
        self.idle.reset()
        return changed

    # --- the language of this visit ---------------------------------------------------------
    @property
    def languages(self) -> list[str]:
        """The languages home offers (:func:`~kiosk.content.library_nav.offered_languages`), the first
        one the language every visit starts in."""
        return offered_languages(self.library.settings.languages, self.library.topics)

    def next_language(self) -> str | None:
        """The language home's language key switches to: the next one listed after the
        visit's own (so two languages toggle, and three or more go round)."""
        languages = self.languages
        if len(languages) < 2:
            return None
        try:
            here = languages.index(self.visit.language)
        except ValueError:
            here = -1
        return languages[(here + 1) % len(languages)]

    def choose_language(self, language: str) -> bool:
        """The patient chose ``language`` on home: screens, banner and voice follow. Pages read
        so far are kept; questions begun in the other language are dropped (their words and
        flow belong to the other topic file). False for a language the kiosk does not offer."""
        if language not in self.languages:
            return False
        if language != self.visit.language:
            self.visit.language = language
            self.visit.end_flow()
            self.metrics.language_switch(language)
        return True

    def count(self, event: UsageEvent, topic_id: str | None = None) -> None:
        self.usage.count(event, topic_id)
        self.metrics.count_usage(event, topic_id)

    def touched(self) -> None:
        """Any patient input: the first one since a reset (or start) begins a visit."""
        if not self.idle.used:
            self.metrics.count(Event.VISITS_STARTED)
        self.idle.touch()

    def visible_topics(self) -> list[Topic]:
        """Topics a patient may open: enabled in the file and not switched off by staff; each in
        the visit's language, or, with no version in it, in the language it has (home marks it)."""
        return [t for t in self.library.shown_in(self.visit.language) if t.id not in self.disabled_topics]

    def topic(self, topic_id: str) -> Topic:
        """The topic in the visit's language, or in the language it has (:meth:`Library.topic_for`)."""
        return self.library.topic_for(topic_id, self.visit.language)

    def open_topic(self, topic_id: str) -> tuple[Topic, int]:
        """The topic, and the page this person last read in it."""
        topic = self.topic(topic_id)
        self.visit.topic_views.append(topic.id)
        self.count(UsageEvent.TOPIC_VIEW, topic.id)
        return topic, self.visit.page_positions.get(topic.id, 0)

    def page_read(self, topic_id: str, page: int) -> None:
        self.visit.page_positions[topic_id] = page
        self.count(UsageEvent.PAGE_READ, topic_id)

    def start_flow(self, topic_id: str) -> tuple[Topic, FlowSession]:
        topic = self.topic(topic_id)
        session = self.visit.start_flow(topic)
        self.count(UsageEvent.FLOW_STARTED, topic.id)
        return topic, session

    def leave_flow(self) -> None:
        self.visit.end_flow()

    def flow_emergency(self, topic_id: str) -> None:
        self.count(UsageEvent.FLOW_EMERGENCY, topic_id)
        self.count(UsageEvent.EMERGENCY_PAGE)

    def change_red_flag_answer(self) -> None:
        if self.visit.flow is not None:
            self.visit.flow.change_answer()

    # --- answers: every change to the visit's flow goes through here ---------------------------
    def answer(self, reply: Reply, choice_id: str = "") -> Answered | None:
        """Apply an answer to the question on screen. None when no question is on screen (an
        answer from the screen of a flow already left or finished changes nothing)."""
        session = self.visit.flow
        if session is None or session.current is None:
            return None
        try:
            if reply is Reply.CHOOSE:
                outcome = session.choose(choice_id)
            elif reply is Reply.TOGGLE:
                outcome = session.toggle(choice_id)
            elif reply is Reply.NOT_SURE:
                outcome = session.not_sure()
            elif reply is Reply.SKIP:
                outcome = session.skip()
            else:
                outcome = session.done()
        except AnswerRequired as refusal:
            return Answered(session.outcome, refused=refusal.message_in(self.visit.language))
        if outcome is Outcome.EMERGENCY:
            return Answered(outcome, red_flags=tuple(c.label for c in session.emergency_choices))
        ticked = choice_id if reply is Reply.TOGGLE else ""
        return Answered(outcome, ticked=ticked)

    def flow_back(self) -> bool:
        """Back on a question: the question before, every answer kept (K-I4). From the first
        question the flow is left, and its answers go with it: False."""
        session = self.visit.flow
        if session is not None and session.back():
            return True
        self.leave_flow()
        return False

    def return_to_question(self) -> None:
        """The question screen is on top again, however the page above it was left: from the
        emergency page the red flag is unchosen, from the review the last question shows."""
        session = self.visit.flow
        if session is not None and session.outcome is not Outcome.CONTINUE:
            session.back()

    def edit_answer(self, question_id: str) -> None:
        """An answer picked on the review: its question again, to change it (K-I4)."""
        if self.visit.flow is not None:
            self.visit.flow.edit(question_id)

    def accept_choice(self) -> bool:
        """Debounce (K-I3): a held or bounced key must not answer two questions."""
        now = self.clock()
        if now - self._last_choice_at < self.library.settings.debounce_seconds:
            return False
        self._last_choice_at = now
        return True

    def note_home_key(self, key: str) -> bool:
        """Keys pressed on home, kept on the Visit only to spot the staff sequence (never
        logged, K-P2; gone at the next reset). True when the sequence is complete."""
        sequence = self.library.settings.staff.entry_keys  # "-" is the minus key itself
        pressed = (self.visit.recent_keys + key)[-len(sequence):]
        if pressed == sequence:
            self.visit.recent_keys = ""
            return True
        self.visit.recent_keys = pressed
        return False

    # --- the summary leaves the kiosk ---------------------------------------------------------
    @property
    def can_alert(self) -> bool:
        return bool(self.library.settings.alert.command)

    @property
    def printer_set(self) -> bool:
        return bool(self.library.settings.printing.printer)

    def summary_for_provider(self) -> tuple[Topic, list[SummaryLine]] | None:
        """The answers in the clinic's first language, when the patient answered in another,
        for a provider who reads only that: the same topic's original file and its summary lines
        for the same question and choice ids. None when the visit's language is the first one, or
        no match exists."""
        topic, session = self.visit.flow_topic, self.visit.flow
        first = self.library.settings.languages[0]
        if topic is None or session is None or topic.language == first:
            return None
        try:
            original = self.library.topic(topic.id, first)
        except KeyError:
            return None
        lines = lines_in(original.flow, session, original.language) if original.flow else None
        return (original, lines) if lines is not None else None

    def print_finished(self, ok: bool, staff_message: str) -> None:
        """For staff mode: the last print's fault (never anything of the slip)."""
        self.last_print_error = None if ok else staff_message
        self.metrics.count(Event.SLIPS_PRINTED if ok else Event.SLIPS_FAILED)

    def desk_called(self, ok: bool) -> None:
        """A front-desk call finished (counted, never what it said)."""
        self.metrics.count(Event.ALERT_CALLS)
        if not ok:
            self.metrics.count(Event.ALERT_CALLS_FAILED)

    # --- staff --------------------------------------------------------------------------------
    def staff_standing(self) -> GateResult | None:
        """For the PIN pad as it opens: locked (and for how long), refused because the lockout
        cannot be kept, or None when PINs are accepted. Read from the lockout every kiosk
        process on this machine shares, not from this process's memory."""
        result = self.staff_gate.standing()
        if result is not None and result.status is GateStatus.UNAVAILABLE:
            self._log_unavailable()
        return result

    def try_pin(self, pin: str) -> GateResult:
        """Check a PIN against the machine-wide lockout: the try is counted (never the PIN) in the
        data folder before the PIN is checked, so a restart, a second page or a second kiosk
        process gives no fresh tries; a folder where it cannot be counted refuses every PIN."""
        result = self.staff_gate.try_pin(pin)
        if result.status is GateStatus.UNAVAILABLE:
            self._log_unavailable()
        return result

    def _log_unavailable(self) -> None:
        log.error("staff mode refused: the count of wrong PINs cannot be kept (%s); make the data folder "
                  "writable for the kiosk's user", self.staff_gate.unavailable)

    def switch_topic(self, topic_id: str) -> tuple[bool, str | None]:
        """Staff turn a topic on or off; (shown now, why it was not saved or None)."""
        if topic_id in self.disabled_topics:
            self.disabled_topics.discard(topic_id)
        else:
            self.disabled_topics.add(topic_id)
        problem = save_disabled_topics(self.data_dir, self.disabled_topics)
        self.metrics.mark_changed()
        return topic_id not in self.disabled_topics, problem

    def record_error(self, text: str) -> None:
        """A kiosk fault, for staff (never shown to patients)."""
        self.errors = [*self.errors[-(MAX_ERRORS - 1):], text]
