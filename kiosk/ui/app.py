"""KioskApp: wires the Library, the Visit, speech, the idle policy and usage counts to screens.

Owns navigation, the global keys and the locked-kiosk policy: no key a patient can type quits,
suspends, opens a palette or shows a system screen, and an error in a screen sends the kiosk
home with an apology instead of a traceback. Each visit is a Textual *mode*: a reset drops the
whole mode, so Back can never reach the last person's screens (K-P1).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding

from kiosk.clock import monotonic
from kiosk.content_watch import ContentWatcher
from kiosk.idle import IdlePolicy
from kiosk.loader import Library, LoadResult, load_library
from kiosk.model import Problem
from kiosk.staff import StaffGate
from kiosk.speech.base import SpeechBase
from kiosk.speech.text import Utterance
from kiosk.ui.theme import DEFAULT_THEME, HIGH_CONTRAST, THEMES
from kiosk.usage import UsageEvent, UsageLog
from kiosk.ui.screens.staff import load_disabled_topics
from kiosk.visit import Visit

if TYPE_CHECKING:
    from kiosk.ui.screens.base import KioskScreen

log = logging.getLogger("kiosk")

APOLOGY = "Sorry, something went wrong. We are back at the start."
#: More recoveries than this within RECOVERY_WINDOW seconds means the fault comes back by
#: itself (a timer, say): restart the whole kiosk instead of resetting it again and again.
MAX_RECOVERIES, RECOVERY_WINDOW = 3, 60.0
#: How often the idle policy is asked; fine enough for a countdown in whole seconds.
IDLE_POLL_SECONDS = 0.25
#: Keys that control speech itself, so they must not cut it off first (pause, repeat).
SPEECH_CONTROL_KEYS = ("minus", "plus")
#: How often the content folder is checked for staff edits.
CONTENT_POLL_SECONDS = 2.0
#: Events that mean a person is at the kiosk (K-T1): keys, touches, mouse and paste.
INPUT_EVENTS = (events.Key, events.MouseDown, events.MouseUp, events.MouseMove, events.MouseScrollDown,
                events.MouseScrollUp, events.Click, events.Paste)


class KioskApp(App, inherit_bindings=False):
    """The kiosk. ``inherit_bindings=False`` drops Textual's ctrl+q and ctrl+c bindings."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Clinic kiosk"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (60, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (20, "-medium"), (40, "-tall")]

    BINDINGS: ClassVar = [
        Binding("asterisk", "emergency", "Help now", show=False, priority=True),
        Binding("slash", "toggle_speech", "Speech on/off", show=False, priority=True),
        Binding("minus", "pause_speech", "Pause speech", show=False, priority=True),
        Binding("plus", "repeat_item", "Repeat", show=False, priority=True),
        Binding("full_stop", "sound_menu", "Sound", show=False, priority=True),
        Binding("ctrl+q", "quit_preview", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        library: Library,
        *,
        speech: SpeechBase,
        dev: bool = False,
        idle_timeout: float | None = None,
        warning_seconds: float | None = None,
        usage: UsageLog | None = None,
        watch_content: bool = False,
        clock: Callable[[], float] = monotonic,
        today: Callable[[], dt.date] = dt.date.today,
        apology: bool = False,
        freeze_gc: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.speech = speech
        self.dev = dev
        self.usage = usage or UsageLog(None)
        self.clock = clock
        self.today = today
        self.idle = IdlePolicy.from_settings(
            library.settings.idle, clock, timeout_seconds=idle_timeout, warning_seconds=warning_seconds
        )
        self.visit = Visit()
        self._visit_number = 0
        self._last_choice_at = -1e9
        self._recovering = False
        self._recoveries: list[float] = []
        self._show_apology = apology
        self._freeze_gc = freeze_gc
        self.errors: list[str] = []  # for staff; never shown to patients
        self.staff_gate = StaffGate.from_settings(library.settings, clock)
        self.reload_problems: list[Problem] = []  # of the last reload that failed, for staff
        self.pending_library: Library | None = None
        self.disabled_topics: set[str] = load_disabled_topics(library)
        self._watcher = ContentWatcher(library.root) if watch_content else None
        self._recent_keys = ""
        self._quiet_screen = False
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    # --- start and reset -------------------------------------------------------------------
    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our own CSS variables must exist before the stylesheet is parsed."""
        return dict(HIGH_CONTRAST.variables)

    async def on_mount(self) -> None:
        await self.reset_visit(count=False)  # start-up is a reset: every start is fresh
        self.set_interval(IDLE_POLL_SECONDS, self._poll_idle, name="idle-poll")
        if self._watcher is not None:
            self.set_interval(CONTENT_POLL_SECONDS, self._poll_content, name="content-poll")
        if self._show_apology:
            self._show_apology = False
            self.notify(APOLOGY, timeout=8)
        if self._freeze_gc:
            # Start-up objects (Textual, pydantic, the content) live as long as the kiosk: move
            # them out of the collector's way so a full collection never stalls a key press.
            self.call_after_refresh(gc.freeze)

    @property
    def mode_name(self) -> str:
        return f"visit-{self._visit_number}"

    async def reset_visit(self, *, count: bool = True) -> None:
        """Forget everything of the last person: screens, answers, speech settings (K-P1)."""
        from kiosk.ui.screens.home import HomeScreen

        self.speech.reset_to_defaults()
        self._quiet_screen = True  # nobody is here yet: no attract-loop audio (K-S11)
        if self.pending_library is not None:  # new content goes live between people
            self._install_library(self.pending_library)
        self.visit = Visit()  # replaced, never cleared
        self.idle.reset()
        old = self.mode_name if self._visit_number else None
        self._visit_number += 1
        self.add_mode(self.mode_name, HomeScreen)
        await self.switch_mode(self.mode_name)
        if old is not None:
            self.remove_mode(old)  # the last visit's screens unmount after the new home shows
        if self.theme != DEFAULT_THEME:
            self.theme = DEFAULT_THEME  # restyles every widget: only when a theme was changed
        if count:
            self.usage.count(UsageEvent.RESET)

    def finish_visit(self) -> None:
        """The patient's own "Finish": the same wipe as the inactivity reset."""
        self.run_worker(self.reset_visit(), exclusive=True, group="reset")

    # --- navigation ------------------------------------------------------------------------
    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_go_home(self) -> None:
        self.go_home()

    def go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.refuse_key("0")

    def open_topic(self, topic_id: str) -> None:
        from kiosk.ui.screens.topic import TopicScreen

        topic = self.library.topic(topic_id, self.visit.language)
        self.visit.topic_views.append(topic.id)
        self.usage.count(UsageEvent.TOPIC_VIEW, topic.id)
        self.push_screen(TopicScreen(topic, self.visit.page_positions.get(topic.id, 0)))

    def start_flow(self, topic_id: str) -> None:
        from kiosk.ui.screens.question import QuestionScreen

        topic = self.library.topic(topic_id, self.visit.language)
        session = self.visit.start_flow(topic)
        self.usage.count(UsageEvent.FLOW_STARTED, topic.id)
        self.push_screen(QuestionScreen(topic, session))

    def show_review(self, topic, session) -> None:
        from kiosk.ui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(topic, session))

    def show_summary(self, topic, session) -> None:
        from kiosk.ui.screens.summary import SummaryScreen

        self.usage.count(UsageEvent.FLOW_FINISHED, topic.id)
        self.push_screen(SummaryScreen(topic, session, self.today()))

    def leave_flow(self) -> None:
        """Back from the first question: the answers go with the session."""
        self.visit.end_flow()
        self.pop_screen()

    def action_emergency(self) -> None:
        from kiosk.ui.screens.emergency import EmergencyScreen

        if isinstance(self.screen, EmergencyScreen):
            self.screen_shown(self.screen)  # pressed again: say it again
            return
        topics = self._topics_for_emergency()
        self.usage.count(UsageEvent.EMERGENCY_PAGE)
        self.push_screen(EmergencyScreen(topics))

    def _topics_for_emergency(self):
        topic = getattr(self.screen, "topic", None)
        return [topic] if topic is not None else self.library.topics_in(self.visit.language)

    def show_red_flag_emergency(self, topic, chosen: list[str]) -> None:
        """A red-flag answer: straight to the emergency page, with a way back (K-C2)."""
        from kiosk.ui.screens.emergency import EmergencyScreen

        self.usage.count(UsageEvent.FLOW_EMERGENCY, topic.id)
        self.usage.count(UsageEvent.EMERGENCY_PAGE)
        self.push_screen(EmergencyScreen([topic], from_flow=True, chosen=chosen))

    def change_red_flag_answer(self) -> None:
        session = self.visit.flow
        if session is not None:
            session.change_answer()
        self.pop_screen()

    def action_quit_preview(self) -> None:
        if self.dev:
            self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_preview":
            return self.dev
        return True

    # --- input policy ----------------------------------------------------------------------
    def accept_choice(self) -> bool:
        """Debounce (K-I3): a held or bounced key must not answer two questions."""
        now = self.clock()
        if now - self._last_choice_at < self.library.settings.debounce_seconds:
            return False
        self._last_choice_at = now
        return True

    def refuse_key(self, what: str) -> None:
        """A key that does nothing here: a short sound-free notice, spoken when speech is on."""
        self.bell()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, INPUT_EVENTS):
            self.idle.touch()
            if not isinstance(event, events.MouseMove):
                self._quiet_screen = False  # someone is here: screens may speak again
            if isinstance(event, events.Key) and self.speech.busy and event.key not in SPEECH_CONTROL_KEYS:
                self.speech.stop()  # any other key cuts speech off (K-S4)
        await super().on_event(event)

    # --- speech ----------------------------------------------------------------------------
    def _speak(self, lines: list[str], *, protected: bool = False, screen: bool = False,
               replace: bool = True, force: bool = False) -> None:
        """Hand lines to the speech backend, which says nothing while speech is off (but keeps
        the screen, so turning speech on can read it)."""
        lang = self.visit.language
        items = [Utterance(line, lang, protected) for line in lines if line.strip()]
        self.speech.speak(items, screen=screen, replace=replace, force=force)

    def screen_shown(self, screen: KioskScreen) -> None:
        """A screen came to the top: speak it (a new screen cuts off the old speech, K-S4)."""
        from kiosk.ui.screens.emergency import EmergencyScreen

        if self._quiet_screen:
            # remembered, not spoken: "/" or the repeat keys read it when someone is there
            self.speech.last_screen = tuple(Utterance(line, self.visit.language) for line in screen.speech_script())
            return
        self._speak(screen.speech_script(), protected=isinstance(screen, EmergencyScreen), screen=True)

    def page_turned(self, screen: KioskScreen, *, count: bool = True) -> None:
        from kiosk.ui.screens.topic import TopicScreen

        if count and isinstance(screen, TopicScreen):
            self.usage.count(UsageEvent.PAGE_READ, screen.topic.id)
        self._speak(screen.speech_script(), screen=True)

    def say_item(self, text: str) -> None:
        self._speak([text])

    def say_private(self, lines: list[str]) -> None:
        """Answers and the summary, spoken only because the person asked (K-S7).

        Said even when speech is off: the person pressed "Read aloud".
        """
        self._speak(lines, force=True)

    def action_toggle_speech(self) -> None:
        """K-S2: one key on every screen turns speech on and says so."""
        enabled = not self.speech.enabled
        self.speech.set_enabled(enabled)
        refresh = getattr(self.screen, "refresh_text", None)
        if refresh is not None:
            refresh()  # e.g. home: the wait is longer in speech mode
        if enabled:
            self.usage.count(UsageEvent.SPEECH_ON)
            self._speak(["Speech is on."])
            self._speak(getattr(self.screen, "speech_script", list)(), screen=True, replace=False)

    def action_pause_speech(self) -> None:
        from kiosk.ui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.note_home_key("-")  # part of the staff sequence; nothing for patients on home
        self.speech.toggle_pause()

    def action_repeat_item(self) -> None:
        self.speech.repeat()

    def action_sound_menu(self) -> None:
        from kiosk.ui.screens.sound import SoundScreen

        if not isinstance(self.screen, SoundScreen):
            self.push_screen(SoundScreen())

    # --- idle ------------------------------------------------------------------------------
    @property
    def idle_timeout(self) -> float:
        """Seconds before the warning, as the home screen tells them (K-T1)."""
        return self.idle.timeout_for(self.speech.enabled)

    def _poll_idle(self) -> None:
        from kiosk.ui.screens.still_there import StillThereScreen

        from kiosk.ui.screens.staff import PinPadScreen, StaffModeScreen

        if isinstance(self.screen, StaffModeScreen | PinPadScreen):
            self.idle.touch()  # staff screens keep their own, shorter idle time
            return
        state = self.idle.state(speech_busy=self.speech.busy, speech_mode=self.speech.enabled)
        warning = isinstance(self.screen, StillThereScreen)
        if state.is_reset:
            if not self._recovering:
                self.run_worker(self.reset_visit(), exclusive=True, group="reset")
        elif state.is_warning:
            if not warning:
                self.push_screen(StillThereScreen(state.seconds_left))
            else:
                self.screen.count_down(state.seconds_left)
        elif warning:
            self.pop_screen()

    # --- staff mode and live content ----------------------------------------------------------
    def visible_topics(self):
        """Topics a patient may open: enabled in the file and not switched off by staff."""
        return [t for t in self.library.topics_in(self.visit.language) if t.id not in self.disabled_topics]

    def note_home_key(self, key: str) -> None:
        """Keys pressed on home, kept in memory only to spot the staff sequence (never logged, K-P2)."""
        sequence = self.library.settings.staff.entry_keys
        self._recent_keys = (self._recent_keys + key)[-len(sequence):]
        if self._recent_keys == sequence:
            self._recent_keys = ""
            self.open_staff()

    def open_staff(self) -> None:
        from kiosk.ui.screens.staff import PinPadScreen

        self.push_screen(PinPadScreen())

    def _poll_content(self) -> None:
        if self._watcher is not None and self._watcher.changed():
            self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="content")

    def _load_in_thread(self) -> None:
        try:
            result = load_library(self.library.root, grade=False)
        except Exception as error:  # noqa: BLE001 - a loader bug must not reset a patient's visit
            log.exception("content reload failed", exc_info=error)
            problem = Problem(file=str(self.library.root), line=None, field="(reload)",
                              message=f"could not be checked: {type(error).__name__}: {error}")
            result = LoadResult(None, [problem])
        self.call_from_thread(self.offer_library, result)

    def reload_content_now(self) -> LoadResult:
        """Staff's "Reload now": load, then swap in at once if the content is good."""
        result = load_library(self.library.root, grade=False)
        self.offer_library(result, now=True)
        return result

    def offer_library(self, result: LoadResult, *, now: bool = False) -> None:
        """New content from disk: broken content never reaches the screen (last good wins)."""
        if not result.ok:
            self.reload_problems = list(result.problems)
            log.warning("content reload refused: %d error(s); keeping the last good content", len(result.errors))
            return
        self.reload_problems = []
        self.pending_library = result.library
        if now or self._on_idle_home():
            self.run_worker(self.reset_visit(count=False), exclusive=True, group="reset")

    def _on_idle_home(self) -> bool:
        """Safe to swap content: a patient is not in the middle of something."""
        from kiosk.ui.screens.home import HomeScreen

        return len(self.screen_stack) == 1 and isinstance(self.screen, HomeScreen) and self.visit.flow is None

    def _install_library(self, library: Library) -> None:
        self.library = library
        self.pending_library = None
        self.staff_gate.pin_hash = library.settings.staff.pin_hash
        log.info("new content is live: %s", library.summary_line())

    def quit_for_maintenance(self) -> None:
        """Staff only (after the PIN): leave the kiosk; systemd leaves it stopped for this code."""
        self.exit(return_code=MAINTENANCE_EXIT_CODE)

    # --- errors: never a traceback on a patient's screen ------------------------------------
    async def run_action(self, action, default_namespace=None) -> bool:
        try:
            return await super().run_action(action, default_namespace)
        except Exception as error:  # noqa: BLE001 - any failure in a screen's action
            if self.dev:
                raise
            self.recover_from_error(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        if self.dev:
            return super()._handle_exception(error)
        if asyncio.current_task() is getattr(self, "_task", None):
            # The app's own message loop stops after this: exit quietly, the launcher restarts us.
            log.exception("kiosk app loop failed; restarting", exc_info=error)
            self.errors.append(f"{type(error).__name__}: {error}")
            self._return_code = RESTART_EXIT_CODE
            self._close_messages_no_wait()  # as Textual's fatal path does, minus the traceback
            return
        self.recover_from_error(error)

    def recover_from_error(self, error: BaseException) -> None:
        """Log for staff, then start a fresh visit with a short apology."""
        log.error("screen error, back to home: %s", error, exc_info=error)
        self.errors.append(f"{type(error).__name__}: {error}")
        now = self.clock()
        self._recoveries = [t for t in self._recoveries if now - t < RECOVERY_WINDOW] + [now]
        if len(self._recoveries) > MAX_RECOVERIES:
            log.error("the error keeps coming back: restarting the kiosk")
            self.exit(return_code=RESTART_EXIT_CODE)
            return
        if self._recovering:
            return
        self._recovering = True

        async def recover() -> None:
            try:
                await self.reset_visit(count=False)
                self.notify(APOLOGY, timeout=8)
                self._speak([APOLOGY])
            finally:
                self._recovering = False

        asyncio.get_running_loop().create_task(recover())


#: Exit code the launcher reads as "restart me": the app's own loop failed (EX_TEMPFAIL).
RESTART_EXIT_CODE = 75
#: Exit code of staff's "Quit the kiosk": the systemd unit does not restart after it.
MAINTENANCE_EXIT_CODE = 64
