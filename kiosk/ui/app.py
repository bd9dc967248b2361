"""KioskApp: wires the pure KioskController to Textual.

Owns only what needs Textual: the global keys, the locked-kiosk policy (no key a patient can
type quits, suspends, opens a palette or shows a system screen), one Textual *mode* per visit
(a reset drops the whole mode, so Back can never reach the last person's screens, K-P1), the
idle timer, the content-loading worker, signals and the terminal. Screens post intents
(:mod:`kiosk.ui.intents`); the handlers here ask the controller and push or pop screens.
An error in a screen sends the kiosk home with an apology instead of a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib
import logging
import os
import signal
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.binding import Binding
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.reactive import reactive
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from kiosk.content.content_path import load_content
from kiosk.content.library import Library, LoadResult
from kiosk.content.watch import ContentWatcher
from kiosk.host import collector, exit_codes
from kiosk.host.clock import monotonic
from kiosk.host.metrics_file import MetricsFile, metrics_folder
from kiosk.host.systemd_notify import Notifier
from kiosk.speech.base import SpeechBase
from kiosk.speech.service import SpeechService
from kiosk.speech.utterance import SaidIn, Utterance
from kiosk.ui import changes, intents, screens
from kiosk.ui.held_frames import WholeFrameAfterHold
from kiosk.ui.input_driver import GovernedLinuxDriver
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.spare_screens import SpareScreens
from kiosk.ui.theme import HIGH_CONTRAST, THEMES, theme_for
from kiosk.ui.widgets.key_guide import spoken_key_help
from kiosk.visit.controller import Answered, IdleOverrides, KioskController, Offer, Reply
from kiosk.visit.fleet_metrics import Event, kiosk_state, release_state
from kiosk.visit.flow import Outcome
from kiosk.visit.key_governor import KeyGovernor
from kiosk.visit.usage import UsageEvent
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr

if TYPE_CHECKING:
    from kiosk.desk.alert import FrontDeskCaller
    from kiosk.speech.headphones import HeadphoneWatch, Jack

log = logging.getLogger("kiosk")

#: More recoveries than this within RECOVERY_WINDOW seconds means the fault comes back by
#: itself (a timer, say): restart the whole kiosk instead of resetting it again and again.
MAX_RECOVERIES, RECOVERY_WINDOW = 3, 60.0
#: How often the idle policy is asked; fine enough for a countdown in whole seconds.
IDLE_POLL_SECONDS = 0.25
#: How often the terminal is checked for a hang-up (the kiosk must exit within 2 s).
TERMINAL_POLL_SECONDS = 0.5
#: How often the metrics file is considered (kiosk.host.metrics_file writes a change at most once a second).
METRICS_POLL_SECONDS = 1.0
#: After a lost terminal or a signal, the process ends by this time even if Textual's own
#: clean-up hangs on a dead terminal.
EXIT_DEADLINE_SECONDS = 1.5
#: Keys that control speech itself, so they must not cut it off first (pause, repeat).
SPEECH_CONTROL_KEYS = ("minus", "plus")
#: How often the content folder is checked for staff edits (off the event loop), where the
#: kernel cannot tell us (no inotify, a network file system); with inotify it is never polled.
CONTENT_POLL_SECONDS = 2.0
#: With inotify: the folder is looked at this long after the last change it reported, so a
#: save of many files (a release unpacked, an editor's temporary file and rename) is one look.
CONTENT_SETTLE_SECONDS = 0.3
#: Events that mean a person is at the kiosk (K-T1): keys, touches, mouse and paste.
INPUT_EVENTS = (events.Key, events.MouseDown, events.MouseUp, events.MouseMove, events.MouseScrollDown,
                events.MouseScrollUp, events.Click, events.Paste)

#: The sound menu's controls (:class:`intents.SoundControl`'s actions), by name.
SOUND_CONTROLS: dict[str, Callable[[SpeechBase], object]] = {
    "repeat_screen": lambda speech: speech.repeat_screen(), "toggle_pause": lambda speech: speech.toggle_pause(),
    "rate_down": lambda speech: speech.rate_down(), "rate_up": lambda speech: speech.rate_up(),
    "volume_down": lambda speech: speech.volume_down(), "volume_up": lambda speech: speech.volume_up(),
}



#: After the first screen, the other screens' modules are read while nobody is there yet.
WARM_UP_AFTER_SECONDS = 1.0
WARM_UP_STEP_SECONDS = 0.02

class KioskApp(WholeFrameAfterHold, inherit_bindings=False):
    """The kiosk. ``inherit_bindings=False`` drops Textual's ctrl+q and ctrl+c bindings."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Clinic kiosk"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium"), (40, "-tall")]

    BINDINGS: ClassVar = [
        Binding("asterisk", "emergency", "Help now", show=False, priority=True),
        Binding("slash", "toggle_speech", "Speech on/off", show=False, priority=True),
        Binding("minus", "pause_speech", "Pause speech", show=False, priority=True),
        Binding("plus", "repeat_item", "Repeat", show=False, priority=True),
        Binding("full_stop", "sound_menu", "Sound", show=False, priority=True),
        Binding("ctrl+q", "quit_preview", "Quit", show=False, priority=True),
    ]

    #: Shown by every screen's speech indicator (K-S2).
    speech_on: reactive[bool] = reactive(False)
    #: "/" was pressed but this kiosk cannot speak (no engine, no sound server or player).
    speech_missing: reactive[bool] = reactive(False)

    def __init__(
        self,
        library: Library,
        *,
        speech: SpeechBase,
        dev: bool = False,
        idle_timeout: float | None = None,
        warning_seconds: float | None = None,
        usage=None,
        watch_content: bool = False,
        clock: Callable[[], float] = monotonic,
        wall_clock: Callable[[], float] = time.time,
        today: Callable[[], dt.date] = dt.date.today,
        apology: bool = False,
        freeze_gc: bool = False,
        notifier: Notifier | None = None,
        governor: KeyGovernor | None = None,
        headphones: bool = False,
    ) -> None:
        """``wall_clock``: the time the staff lockout keeps in the data folder (tests pass one that
        follows their fake ``clock``). ``governor``: the key-rate limit of a running kiosk (launch sets it; Pilot tests,
        which press keys far faster than a person, leave it out unless they test floods)."""
        super().__init__()
        self.controller = KioskController(
            library, clock=clock, today=today, usage=usage, keep_usage=not dev, dev=dev,
            idle_overrides=IdleOverrides(idle_timeout, warning_seconds), wall_clock=wall_clock,
        )
        self.speech = speech
        self.dev = dev
        self.clock = clock
        self.today = today
        self._visit_number = 0
        self._apology_due = False
        self._visit_modes: list[str] = []
        #: The visit's closed topic and emergency screens, opened again with new content.
        self._spares = SpareScreens(self)
        self._recoveries: list[float] = []
        self._show_apology = apology
        self._freeze_gc = freeze_gc
        self._watch_content = watch_content
        self._watcher: ContentWatcher | None = None
        self._content_settle: Timer | None = None
        self._idle_timer: Timer | None = None
        self._metrics_timer: Timer | None = None
        self._front_desk: FrontDeskCaller | None = None  # made at the first call (kiosk.desk.alert)
        self._quiet_screen = False
        self._key_help_said = False
        self._said_first: list[str] = []  # said before the next screen's script ("Your new answer")
        self._speech_offered = False  # the first key's "press / to hear" (K-S13), once a visit
        self.notifier = notifier or Notifier(None)
        self.governor = governor
        self._deadline: threading.Timer | None = None
        self._stopping = False
        # What signal.signal returns: a handler, SIG_DFL/SIG_IGN, or None (not set from Python).
        self._previous_handlers: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}
        self.speech_failures: list[str] = []
        self._metrics_file: MetricsFile | None = None
        self._watch_headphones = headphones  # K-S15: the jack, through the sound server
        self._headphones: HeadphoneWatch | None = None
        self._leaving = False
        #: For staff (the log): whether the jack is watched, or why not.
        self.headphones_status = "headphones: not watched"
        for theme in THEMES:
            self.register_theme(theme)
        #: Each visit starts in this theme: the console's own 16 colours under TERM=linux (K-V2).
        self.home_theme = theme_for(os.environ.get("TERM"))
        self.theme = self.home_theme
        # The stylesheet was made in App.__init__ with the default theme's variables, and the
        # theme's watcher has queued a refresh that parses every CSS source again. Given the
        # home theme's variables now, before anything is parsed, the first parse is the right
        # one and that refresh has nothing to do (see refresh_css).
        self._start_variables: dict[str, str] | None = self.get_css_variables()
        self.stylesheet.set_variables(self._start_variables)
        self._apply_speech_settings()

    # --- read-only views of the controller, for screens' drawing and for tests ------------
    @property
    def library(self) -> Library:
        return self.controller.library

    @property
    def visit(self):
        return self.controller.visit

    def _words(self, message: str, **fields: object) -> str:
        """A phrase of :mod:`kiosk.words.ui_words` in the visit's language, so a Spanish visit
        meets no English word."""
        return tr(self.visit.language, message, **fields)

    @property
    def usage(self):
        return self.controller.usage

    @property
    def idle(self):
        return self.controller.idle

    @property
    def staff_gate(self):
        return self.controller.staff_gate

    @property
    def errors(self) -> list[str]:
        return self.controller.errors

    @property
    def reload_problems(self):
        return self.controller.reload_problems

    @property
    def pending_library(self) -> Library | None:
        return self.controller.pending

    @property
    def disabled_topics(self) -> set[str]:
        return self.controller.disabled_topics

    @property
    def idle_timeout(self) -> float:
        """Seconds before the warning, as the home screen tells them (K-T1)."""
        return self.controller.idle.timeout_for(self.speech.enabled)

    # --- start and reset -------------------------------------------------------------------
    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our own CSS variables must exist before the stylesheet is parsed."""
        return dict(HIGH_CONTRAST.variables)

    async def on_mount(self) -> None:
        self._connect_speech_errors()
        await self.reset_visit(count=False)  # start-up is a reset: every start is fresh
        self._idle_timer = self.set_interval(IDLE_POLL_SECONDS, self._poll_idle, name="idle-poll")
        self._metrics_timer = self.set_interval(METRICS_POLL_SECONDS, self._metrics_tick, name="metrics")
        if self._watch_content:
            self._watcher = ContentWatcher(self.library.root)
            fd = self._watcher.fileno()
            if fd is not None:  # the kernel tells us: an untouched kiosk never looks
                asyncio.get_running_loop().add_reader(fd, self._content_event)
            else:
                self.set_interval(CONTENT_POLL_SECONDS, self._poll_content, name="content-poll")
        if not self.is_headless:
            self._install_signal_handlers()
            if not isinstance(self._driver, GovernedLinuxDriver):  # it looks from its input thread
                self.set_interval(TERMINAL_POLL_SECONDS, self._check_terminal, name="terminal-poll")
        if self._show_apology:
            self._show_apology = False
            self.notify(self._words(W.APOLOGY), timeout=8)
        if self._freeze_gc:
            # Start-up objects (Textual, the content and its classes) live as long as the kiosk: move
            # them out of the collector's way so a full collection never stalls a key press, and
            # turn it back on if the launch paused it for the start (kiosk.host.collector).
            self.call_after_refresh(collector.settle_after_start)
        # After the freeze above: frozen, the first visit's spares would outlive it uncollected.
        self.call_after_refresh(self._prepare_spares)
        self.set_timer(WARM_UP_AFTER_SECONDS, self._warm_up_screens, name="warm-up")
        # systemd (Type=notify): ready once the first screen is drawn; the watchdog pings come
        # from this event loop itself, so a hung loop stops them and systemd restarts the kiosk.
        self.call_after_refresh(self.notifier.ready)
        if self.notifier.watchdog_interval:
            self.set_interval(self.notifier.watchdog_interval, self.notifier.watchdog, name="watchdog")
        self.call_after_refresh(self._after_first_screen)

    def _after_first_screen(self) -> None:
        """Start-up work nobody waits for, begun once the first screen is drawn: in threads,
        but on two cores they took the interpreter from the first screen's layout."""
        self.speech.start()  # the speech thread and its engine child (kiosk run makes it unstarted)
        if not self.library.from_last_good:  # (from the last good copy: the start recorded why)
            self._record_live_worker(self.library)
        self._read_release_worker()
        if self.controller.printer_set:
            self._purge_print_leftovers(self.library.settings.printing)
        if self._watch_headphones:
            self._start_headphones()

    def _warm_up_screens(self) -> None:
        """The screens not drawn at start (:mod:`kiosk.ui.screens`), read while the kiosk is
        idle, one module at a time (a millisecond or so each), so the first person's first key
        never waits for an import."""
        left = screens.warm_up()
        if left:
            importlib.import_module(left[0])
            self.set_timer(WARM_UP_STEP_SECONDS, self._warm_up_screens, name="warm-up")

    def _prepare_spares(self) -> None:
        """Build this visit's topic start, topic page and emergency page now, while nobody is
        at the keys yet (:mod:`kiosk.ui.spare_screens`): the first of each a person opens is
        then only given its content, as every later one is."""
        if not self.is_running:
            return
        context = self._spare_context()
        topics = self.controller.visible_topics()
        if topics:
            self._spares.prepare(screens.TopicStartScreen, context, topics[0])
            self._spares.prepare(screens.TopicScreen, context, topics[0])
        self._spares.prepare(screens.EmergencyScreen, context)

    @work(thread=True, group="headphones", exit_on_error=False)
    def _start_headphones(self) -> None:
        """Off the event loop: the first ``pactl list sinks`` may take a moment."""
        from kiosk.speech.headphones import HeadphoneWatch  # in its thread, on first use

        watch = HeadphoneWatch(self._headphones_from_thread)
        self._headphones = watch  # first: the kiosk may close (and close it) while it starts
        watch.start()
        if self._leaving:  # closed before it could see the watch: nothing may outlive the kiosk
            watch.close()
        self.headphones_status = watch.status
        log.info("%s", watch.status)

    def _headphones_from_thread(self, change: Jack) -> None:
        try:
            self.call_from_thread(self.headphones_changed, change)
        except RuntimeError:
            pass  # the kiosk is closing

    def headphones_changed(self, change: Jack) -> None:
        """K-S15, as talking cash machines do: headphones plugged in turn speech on (and say
        so, with the keys and the screen); taken out, the visit ends at once, silently (the
        speakers must not read on), and its answers are cleared."""
        from kiosk.speech.headphones import Jack

        if change is Jack.PLUGGED:
            self.controller.idle.touch()  # someone is at the kiosk
            self._quiet_screen = False  # someone is here
            self._speech_offered = True  # no need to tell them how to turn speech on
            if not self.speech.enabled:
                self.action_toggle_speech()
        elif self.speech.enabled or self.controller.idle.used:
            self.speech.set_enabled(False)  # stops speech now; the reset then says nothing
            self._start_reset()

    def on_unmount(self) -> None:
        self._leaving = True  # before reading self._headphones: see _start_headphones
        if self._watcher is not None:
            fd = self._watcher.fileno()
            if fd is not None:
                with contextlib.suppress(RuntimeError, ValueError):
                    asyncio.get_running_loop().remove_reader(fd)
            self._watcher.close()
        metrics_file = self._metrics_file
        if metrics_file is not None:  # the last word: this kiosk is down (on purpose or not)
            why = metrics_file.write(self.metrics_text(up=False))
            if why:
                log.warning("metrics file not written: %s", why)
        if self._headphones is not None:
            self._headphones.close()
        for sig, previous in self._previous_handlers.items():
            signal.signal(sig, previous)
        self._previous_handlers = {}

    @property
    def mode_name(self) -> str:
        return f"visit-{self._visit_number}"

    async def reset_visit(self, *, count: bool = True) -> None:
        """Forget everything of the last person: screens, answers, speech settings (K-P1).
        A reset is counted only when someone used the kiosk since the last one: an untouched kiosk
        would otherwise count one every idle cycle."""
        cleared = self._cleared_words() if count and self.speech.enabled else []
        count = count and self.controller.idle.used
        if self.controller.new_visit():
            self._apply_speech_settings()  # new content: its speech settings whole
            if self._metrics_timer is not None:
                self._metrics_timer.resume()  # its settings may now ask for metrics
            self._keep_last_good(self.library)
        self.speech.reset_to_defaults()
        if cleared:  # after the stop: heard to the end unless the next person presses a key
            self.speech.speak(cleared, screen=False, force=True)
            self.speech.last_item = None  # not the next person's "+" (K-P1)
        self.speech.set_language(self.visit.language)
        self.speech_on = self.speech.enabled
        self.speech_missing = False
        self._key_help_said = False
        self._speech_offered = False
        self._quiet_screen = True  # nobody is here yet: no attract-loop audio (K-S11)
        await self._fresh_home()
        if self.theme != self.home_theme:
            self.theme = self.home_theme  # restyles every widget: only when a theme was changed
        if self._freeze_gc:  # this kiosk owns the process's collector (kiosk run, the bench)
            self.call_after_refresh(collector.collect_between_visits)  # once the fresh home is drawn
        if count:
            self.controller.count(UsageEvent.RESET)
        if self._apology_due:
            self._apology_due = False
            self.notify(self._words(W.APOLOGY), timeout=8)
            self._speak([self._words(W.APOLOGY)])

    def _cleared_words(self) -> list[Utterance]:
        """Finish and the idle reset, heard (K-S14): a listener is told their answers are gone
        and that the kiosk goes quiet, in their language, before the next visit starts silent."""
        language = self.visit.language
        return [Utterance(tr(language, message), language) for message in (W.VISIT_CLEARED, W.SPEECH_IS_OFF)]

    async def _fresh_home(self) -> None:
        """A new home screen on a stack of its own; every screen of before is dropped."""
        closing = set(self.screen_stack) if self._visit_modes else set()
        self._visit_number += 1
        self.add_mode(self.mode_name, self._new_home)
        self._visit_modes.append(self.mode_name)
        with self.batch_update():  # nothing drawn until the new home is mounted whole
            await self.switch_mode(self.mode_name)
        self.screen.refresh()  # a frame dropped in the batch: the next one comes, drawn whole (held_frames)
        # Every earlier visit's screens go, even those of a reset that was cut short, and the
        # screens it kept to open again (K-P1).
        for old in self._visit_modes[:-1]:
            self.remove_mode(old)
        self._visit_modes[:-1] = []
        self._spares.drop_all(closing)
        if self._visit_number > 1:  # (the start's first visit: on_mount prepares its spares)
            self.call_after_refresh(self._prepare_spares)  # once home is drawn: nobody waits for it

    def _spare_context(self) -> tuple:
        """What a kept screen was built for: it is opened again only while all of it holds."""
        return (self._visit_number, self.visit.language, id(self.library), self.size, self.theme)

    def _open_kept(self, cls: type[KioskScreen], *args: Any, **kwargs: Any) -> None:
        """Push a ``cls`` screen showing ``args``: the visit's closed one reopened when there is
        one (:mod:`kiosk.ui.spare_screens`), else a new one."""
        self.push_screen(self._spares.open(cls, self._spare_context(), *args, **kwargs))

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's ``switch_mode`` holds every update back 50 ms to hide a screen half built;
        the kiosk's one mode switch (a fresh home: the start, every reset, the language key)
        waits for its screen's mount inside a batch instead (:meth:`_fresh_home`), so a patient
        never waits those 50 ms after Finish or the language key, and a start draws sooner."""

    def refresh_css(self, animate: bool = True) -> None:
        """Textual's, except the refresh the home theme queued in ``__init__`` while its CSS
        variables are still the ones the stylesheet was first parsed with: it would parse every
        CSS source a second time, about 7 ms of every start, and change nothing."""
        variables, self._start_variables = self._start_variables, None
        if variables is not None and variables == self.get_css_variables():
            return
        super().refresh_css(animate)

    def _new_home(self) -> HomeScreen:
        """A visit's home, styled by the stylesheet as it stands. Textual re-reads every CSS
        source for a screen it has not seen styled (``refresh_css``, twice on a new mode's
        first screen: about 11 ms of every start and reset); nothing in the stylesheet changed
        between visits, and a theme put back by the reset refreshes it on its own."""
        home = HomeScreen()
        home._css_update_count = self._css_update_count
        return home

    @on(intents.ChooseLanguage)
    def _choose_language(self, intent: intents.ChooseLanguage) -> None:
        """Home's language key: every screen, the banner, the key guide and the voice change
        at once, because home is drawn afresh in the new language."""
        if not self.controller.choose_language(intent.language):
            self.bell()
            return
        self.speech.set_language(intent.language)
        # A listener hears the keys again in the new language, after the new home (K-S2).
        self._key_help_said = not self.speech.enabled
        self._fresh_home_worker()

    @work(exclusive=True, group="language")
    async def _fresh_home_worker(self) -> None:
        await self._fresh_home()

    # A description given to every worker that takes content or a patient's slip: without one,
    # Textual builds it from repr() of the arguments, on the event loop, before the worker
    # starts; the repr of a 1,000-topic library took 0.3-0.9 s of a start (bench/README.md).
    @work(thread=True, group="last-good", exit_on_error=False, description="keep the last good copy")
    def _keep_last_good(self, library: Library) -> None:
        """New content went live: it is the last good copy a restart falls back on, and the
        live release staff mode names."""
        from kiosk.content import last_good  # in the worker's thread: not needed to draw

        last_good.save(library, dev=self.dev)
        self._record_live(library)

    @work(thread=True, group="release-record", exit_on_error=False, description="record the live release")
    def _record_live_worker(self, library: Library) -> None:
        self._record_live(library)

    def _record_live(self, library: Library) -> None:
        from kiosk.content import release_record  # on first use: not needed to draw the first screen

        why = release_record.record_live(library.root, release_record.release_name(library.root), dev=self.dev)
        if why:
            log.warning("release record not written: %s", why)
        self._read_release(library.root)

    @work(thread=True, group="release-record", exit_on_error=False)
    def _read_release_worker(self) -> None:
        self._read_release(self.library.root)

    def _read_release(self, root: Path) -> None:
        """The release record as the metrics show it (live and last refused release)."""
        from kiosk.content import release_record

        self.controller.metrics.set_release(release_state(release_record.read(root, dev=self.dev)))

    @work(thread=True, group="release-record", exit_on_error=False, description="record a refused release")
    def _record_refused(self, result: LoadResult) -> None:
        """Content this kiosk refused: kept for staff mode, with its errors, across restarts."""
        root = self.library.root
        from kiosk.content import release_record

        why = release_record.record_refused(root, release_record.release_name(root), result.problems, dev=self.dev)
        if why:
            log.warning("release record not written: %s", why)
        self._read_release(root)

    def watch_speech_on(self) -> None:
        self._show_speech_state()

    def watch_speech_missing(self) -> None:
        self._show_speech_state()

    def _show_speech_state(self) -> None:
        """Speech turned on or off, or found missing: every screen of the stack is told (the
        sign by the title, home's hints with their wait time (K-T1), the sound menu's words).
        Told here rather than each screen watching the app, which would keep every screen ever
        shown alive."""
        for screen in self.screen_stack:
            screen.post_message(changes.SpeechChanged(on=self.speech_on, missing=self.speech_missing))

    def _apply_speech_settings(self) -> None:
        self.speech.apply_settings(self.controller.speech_settings)

    def _start_reset(self, *, count: bool = True) -> None:
        self._reset_worker(count)

    @work(exclusive=True, group="reset")
    async def _reset_worker(self, count: bool) -> None:
        """One reset at a time (a newer one cancels the older). ``@work`` starts the coroutine
        only when the worker runs, so a reset cancelled before it starts leaves nothing."""
        await self.reset_visit(count=count)

    # --- intents from screens -------------------------------------------------------------
    @on(intents.OpenTopic)
    def _open_topic(self, intent: intents.OpenTopic) -> None:
        topic, _page = self.controller.open_topic(intent.topic_id)
        self._open_kept(screens.TopicStartScreen, topic)

    @on(intents.OpenGroup)
    def _open_group(self, intent: intents.OpenGroup) -> None:
        self.push_screen(screens.GroupScreen(intent.group))

    @on(intents.ReadTopic)
    def _read_topic(self, intent: intents.ReadTopic) -> None:
        topic = self.controller.topic(intent.topic_id)
        self._open_kept(screens.TopicScreen, topic, intent.page, section=intent.section)

    @on(intents.ShowContents)
    def _show_contents(self, intent: intents.ShowContents) -> None:
        self.push_screen(screens.ContentsScreen(self.controller.topic(intent.topic_id)))

    @on(intents.ShowWords)
    def _show_words(self, intent: intents.ShowWords) -> None:
        self.push_screen(screens.WordsScreen(self.controller.topic(intent.topic_id), intent.terms,
                                     language=self.visit.language))

    @on(intents.ShowAbout)
    def _show_about(self, intent: intents.ShowAbout) -> None:
        self.push_screen(screens.AboutScreen(self.controller.topic(intent.topic_id), language=self.visit.language))

    @on(intents.ShowEmergency)
    def _show_emergency(self, intent: intents.ShowEmergency) -> None:
        topic = self.controller.topic(intent.topic_id) if intent.topic_id else None
        self.controller.count(UsageEvent.EMERGENCY_PAGE)
        self._open_kept(screens.EmergencyScreen, topic)

    @on(intents.StartFlow)
    def _start_flow(self, intent: intents.StartFlow) -> None:
        """The flow's intro first, so what staff wrote before question 1 is read; its "Start" begins
        the questions."""
        topic = self.controller.topic(intent.topic_id)
        if topic.flow is not None:
            self.push_screen(screens.FlowIntroScreen(topic))

    @on(intents.BeginQuestions)
    def _begin_questions(self, intent: intents.BeginQuestions) -> None:
        topic, session = self.controller.start_flow(intent.topic_id)
        self.push_screen(screens.QuestionScreen(topic, session))

    # --- answers: the controller applies each to the visit's flow, then the screen draws it --
    @on(intents.AnswerQuestion)
    def _answer_question(self, intent: intents.AnswerQuestion) -> None:
        """A red flag goes to the emergency page (K-C2), the last answer to the review (K-I4),
        anything else back to the question screen to draw."""
        session = self.visit.flow
        question = session.current if session is not None else None
        before = screens.answer_words(session, question.id, self.visit.language) if session and question else None
        answered = self.controller.answer(intent.reply, intent.choice_id)
        topic = self.visit.flow_topic
        if answered is None or topic is None:
            return
        if before is not None and question is not None and session is not None and intent.reply is not Reply.TOGGLE:
            after = screens.answer_words(session, question.id, self.visit.language)
            if after is not None and answered.outcome is not Outcome.EMERGENCY:
                # a changed answer is confirmed first on the next screen (K-S14)
                self._said_first = [self._words(W.YOUR_NEW_ANSWER, answer=after)]
        if answered.outcome is Outcome.EMERGENCY:
            self._red_flag_emergency(topic.id, list(answered.red_flags))
        elif answered.outcome is Outcome.DONE:
            self._show_review()
        else:
            self._draw_question(answered)

    @on(intents.QuestionBack)
    def _question_back(self) -> None:
        """Back from the first question leaves the flow: its answers go with the session."""
        if self.controller.flow_back():
            self._draw_question(None)
        else:
            self.pop_screen()

    @on(intents.ReturnToQuestion)
    def _return_to_question(self) -> None:
        self.controller.return_to_question()
        self._draw_question(None)

    @on(intents.EditAnswer)
    def _edit_answer(self, intent: intents.EditAnswer) -> None:
        self.controller.edit_answer(intent.question_id)
        self._go_back()

    def _draw_question(self, answered: Answered | None) -> None:
        """Tell the question screen what the controller did, as a message: it draws it."""
        if isinstance(self.screen, screens.QuestionScreen):
            self.screen.post_message(changes.AnswerApplied(answered))

    def _show_review(self) -> None:
        visit = self.visit
        if visit.flow is not None and visit.flow_topic is not None:
            self.push_screen(screens.ReviewScreen(visit.flow_topic, visit.flow))

    def _red_flag_emergency(self, topic_id: str, chosen: list[str]) -> None:
        """A red-flag answer: straight to the emergency page, with a way back (K-C2)."""
        self.controller.flow_emergency(topic_id)
        self.call_front_desk()  # a danger-sign answer reaches the desk too (when a command is set)
        topic = self.controller.topic(topic_id)
        self._open_kept(screens.EmergencyScreen, topic, from_flow=True, chosen=chosen)

    @on(intents.ShowSummary)
    def _show_summary(self) -> None:
        visit = self.visit
        if visit.flow is not None and visit.flow_topic is not None:
            self.controller.count(UsageEvent.FLOW_FINISHED, visit.flow_topic.id)
            self.push_screen(screens.SummaryScreen(visit.flow_topic, visit.flow, self.today()))

    @on(intents.ChangeRedFlagAnswer)
    def _change_red_flag_answer(self) -> None:
        self.controller.change_red_flag_answer()
        self.pop_screen()

    @on(intents.GoBack)
    def _go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.bell()

    @on(intents.GoHome)
    def _go_home(self) -> None:
        self.go_home()

    @on(intents.ConfirmFinish)
    def _confirm_finish(self) -> None:
        self.push_screen(screens.ConfirmFinishScreen())

    @on(intents.Finish)
    def _finish(self) -> None:
        self.controller.metrics.count(Event.VISITS_FINISHED)
        self._start_reset()

    @on(intents.Speak)
    def _speak_intent(self, intent: intents.Speak) -> None:
        self._speak(intent.lines, protected=intent.protected, screen=intent.screen,
                    replace=intent.replace, force=intent.private)

    @on(intents.Count)
    def _count(self, intent: intents.Count) -> None:
        self.controller.count(intent.event, intent.topic_id)

    @on(intents.PageRead)
    def _page_read(self, intent: intents.PageRead) -> None:
        self.controller.page_read(intent.topic_id, intent.page)

    @on(intents.RefuseKey)
    def _refuse_key(self) -> None:
        self.bell()

    @on(intents.HomeKey)
    def _home_key(self, intent: intents.HomeKey) -> None:
        if self.controller.note_home_key(intent.key):
            from kiosk.ui.screens.staff_pin import PinPadScreen  # staff screens: on first use

            self.push_screen(PinPadScreen())

    @on(intents.SubmitPin)
    def _submit_pin(self, intent: intents.SubmitPin) -> None:
        result = self.controller.try_pin(intent.pin)
        intent.pin = ""  # not kept on the message either
        if result.ok:
            from kiosk.ui.screens.staff_menu import StaffScreen

            self.switch_screen(StaffScreen())
        else:
            self.screen.post_message(changes.PinRefused(result))

    @on(intents.LeaveStaffMode)
    def _leave_staff_mode(self) -> None:
        self._start_reset(count=False)

    @on(intents.ReloadContent)
    def _reload_content(self, intent: intents.ReloadContent) -> None:
        self.load_content_worker(grade=intent.grade)

    @on(intents.SwitchTopic)
    def _switch_topic(self, intent: intents.SwitchTopic) -> None:
        shown, problem = self.controller.switch_topic(intent.topic_id)
        self.screen.post_message(changes.TopicSwitched(intent.topic_id, shown, problem))

    # --- printing and the front desk: never on the UI thread -----------------------------
    @on(intents.CheckPrinter)
    def _check_printer(self) -> None:
        if self.controller.printer_set:
            self._printer_state_worker(self.library.settings.printing)

    @work(thread=True, exclusive=True, group="printer-state", exit_on_error=False)
    def _printer_state_worker(self, printing) -> object:
        from kiosk.desk.cups import Cups

        return Cups(status_timeout=printing.status_timeout_seconds).state(printing.printer)

    @work(thread=True, group="print-leftovers", exit_on_error=False)
    def _purge_print_leftovers(self, printing) -> None:
        """A slip an earlier kiosk could not see finished is cancelled and purged, never printed
        later for somebody else; when CUPS is not up yet, as soon as it answers."""
        from kiosk.desk.cups import Cups

        try:
            Cups(status_timeout=printing.status_timeout_seconds).purge_leftovers(printing.printer)
        except Exception:  # never reaches a patient; staff see the purges in the printer info
            log.exception("looking for leftover print jobs failed")

    @on(intents.PrintSummary)
    def _print_summary(self) -> None:
        from kiosk.desk.slip import summary_slip  # reportlab: only when printing

        slip = summary_slip(self.controller, dt.datetime.now())
        if slip is None or not self.controller.printer_set:
            return
        self._speak([self._words(W.PRINTING)])
        self._print_worker(slip, self.library.settings.printing)

    @work(thread=True, exclusive=True, group="print", exit_on_error=False, description="print the slip")
    def _print_worker(self, slip, printing) -> object:
        from kiosk.desk.cups import print_slip

        return print_slip(slip, printing)

    def _printing_done(self, result) -> None:
        self.controller.print_finished(result.ok, result.staff_message)
        if not result.ok:
            log.warning("print failed: %s", result.staff_message)
        said = self._words(result.patient_message)  # kiosk.desk.cups's words are ui_words phrases
        self._speak([said])
        self.screen.post_message(changes.Printed(result.ok, said))

    @on(intents.CallFrontDesk)
    def _call_front_desk(self) -> None:
        self.call_front_desk()

    def call_front_desk(self) -> None:
        """Run ``alert.command`` detached: the kiosk's name and the time only, never an answer.
        One call at a time: a press while one is on its way runs nothing and says so."""
        settings = self.library.settings.alert
        if not settings.command:
            return
        if self._front_desk is None:
            from kiosk.desk.alert import FrontDeskCaller

            self._front_desk = FrontDeskCaller()

        def done(result) -> None:  # on the alert's own thread
            if not result.ok:
                log.warning("front desk alert failed: %s", result.reason)
            try:
                self.call_from_thread(self._desk_called, result.ok)
            except RuntimeError:
                pass  # the kiosk is closing

        if not self._front_desk.call(settings, done):
            self.screen.post_message(changes.DeskCalled(True, already=True))

    def _desk_called(self, ok: bool) -> None:
        self.controller.desk_called(ok)
        self.screen.post_message(changes.DeskCalled(ok))

    @on(intents.QuitForMaintenance)
    def _quit_for_maintenance(self) -> None:
        """Staff only (after the PIN): leave the kiosk; systemd leaves it stopped for this code."""
        self.notifier.stopping()
        self.exit(return_code=exit_codes.MAINTENANCE)

    # --- navigation ------------------------------------------------------------------------
    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_go_home(self) -> None:
        self.go_home()

    def _back_to(self, kind: type) -> bool:
        """If a ``kind`` screen is already open, close what is above it: the stack never holds
        two emergency pages or two sound menus, whatever keys are pressed: alternating `*` and `.`
        would otherwise stack screens without bound."""
        if not any(isinstance(screen, kind) for screen in self.screen_stack[1:]):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_emergency(self) -> None:
        if self._back_to(screens.EmergencyScreen):
            screen = self.screen
            assert isinstance(screen, screens.EmergencyScreen)
            screen.announce(again=True)  # pressed again: say it again
            return
        screen = self.screen
        topic = screen.topic if isinstance(screen, KioskScreen) else None  # inside a topic: its own danger signs
        self.controller.count(UsageEvent.EMERGENCY_PAGE)
        self._open_kept(screens.EmergencyScreen, topic)

    def action_quit_preview(self) -> None:
        if self.dev:
            self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_preview":
            return self.dev
        return True

    # --- input policy ----------------------------------------------------------------------
    def get_driver_class(self) -> type[Driver]:
        """In a terminal, Textual's driver with the key governor in its input thread, so a flood
        is dropped before it is queued and cannot pile up; any other driver (``TEXTUAL_DRIVER``, as
        ``kiosk serve`` sets it) as Textual picks it."""
        driver_class = super().get_driver_class()
        return GovernedLinuxDriver if driver_class is LinuxDriver else driver_class

    def accept_choice(self) -> bool:
        """Debounce (K-I3), kept by the controller so it outlives the screen it was pressed on."""
        return self.controller.accept_choice()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, INPUT_EVENTS):
            if self._stopping:
                event.stop()
                event.prevent_default()
                return
            self.controller.touched()  # the first input since a reset begins a visit
            if self._idle_timer is not None:
                self._idle_timer.resume()  # someone is here: the idle poll runs again
            if isinstance(event, events.Paste):
                event.stop()  # no free text anywhere: a paste is only a sign someone is here
                return
            if (isinstance(event, events.Key) and self.governor is not None
                    and not isinstance(self._driver, GovernedLinuxDriver)  # it has asked already
                    and not self.governor.admit(event.key)):
                event.stop()  # a flood: dropped here, before it can change a screen
                event.prevent_default()
                return
            if not isinstance(event, events.MouseMove):
                self._quiet_screen = False  # someone is here: screens may speak again
            if isinstance(event, events.Key) and self.speech.busy and event.key not in SPEECH_CONTROL_KEYS:
                self.speech.stop()  # any other key cuts speech off (K-S4)
            if isinstance(event, events.Key):
                self._offer_speech(event.key)
        await super().on_event(event)

    # --- speech ----------------------------------------------------------------------------
    def _offer_speech(self, key: str) -> None:
        """K-S13: a blind person's first key hears, once a visit, how to turn speech on, in each
        of the kiosk's languages by its own voice: with speech off the kiosk is otherwise silent,
        and the way to turn it on is only written on the screen. Said even though speech is off
        (it is what lets someone hear at all); "/" first needs no telling."""
        if self._speech_offered or self.speech.enabled or self._on_staff_screen():
            return
        self._speech_offered = True
        if key == "slash":
            return
        lines = [SaidIn(tr(language, W.SPEECH_HINT), language) for language in self.library.settings.languages]
        self._speak(lines, replace=False, force=True)

    def _connect_speech_errors(self) -> None:
        """Engine failures reach staff (the staff report and the log), never a patient."""
        self.speech.on_error = self._speech_failed_from_thread

    def _speech_failed_from_thread(self, message: str) -> None:
        try:
            self.call_from_thread(self._speech_failed, message)
        except RuntimeError:  # called on the UI thread itself, or the app is gone
            self._speech_failed(message)

    def _speech_failed(self, message: str) -> None:
        log.warning("speech failure: %s", message)
        self.controller.metrics.count(Event.SPEECH_FAILURES)
        self.speech_failures = [*self.speech_failures[-19:], message]
        if self.speech_on and isinstance(self.speech, SpeechService) and not self.speech.available:
            self._no_sound_here()

    def _no_sound_here(self) -> None:
        """Speech was on but nothing can play (no sound server): the sign says so in words
        instead of "Speech on", a note tells the patient, and the words go to speech too, so
        a speech log (or a sound server that comes back) has them (K-S2)."""
        self.speech_missing = True
        self.speech_on = False
        words = self._words(W.SPEECH_MISSING)
        self.notify(words, timeout=8)
        self._speak([words])

    def _speak(self, lines: Sequence[str], *, protected: bool = False, screen: bool = False,
               replace: bool = True, force: bool = False) -> None:
        """Hand lines to the speech backend, which says nothing while speech is off (but keeps
        the screen, so turning speech on can read it)."""
        self.speech.speak(self._utterances(lines, protected), screen=screen, replace=replace, force=force)

    def _utterances(self, lines: Sequence[str], protected: bool = False) -> list[Utterance]:
        """Lines in the visit's language, unless a line carries its own (:class:`SaidIn`:
        home's language key is said in the language it offers, by that language's voice)."""
        lang = self.visit.language
        return [Utterance(str(line), line.language if isinstance(line, SaidIn) else lang, protected)
                for line in lines if line.strip()]

    #: The longest screen text handed to a browser page's live region (a screen is far shorter).
    PAGE_TEXT_MAX = 8000

    def _to_page(self, lines: Sequence[str], *, more: bool = False) -> None:
        """Under ``kiosk serve``, hand the page the screen's words as speech says them, for its
        live region (a screen reader on a staff tablet reads what the kiosk would say). ``more``:
        lines said after the screen's, added to it. Nothing happens on a console."""
        write_meta = getattr(self._driver, "write_meta", None)
        if write_meta is None or not callable(write_meta):
            return
        text = "\n".join(str(line) for line in lines if str(line).strip())[:self.PAGE_TEXT_MAX]
        write_meta({"type": "kiosk_text", "text": text, "more": more})

    @on(intents.ScreenShown)
    def _screen_shown(self, intent: intents.ScreenShown) -> None:
        """A screen came to the top: speak it (a new screen cuts off the old speech, K-S4), and
        give its words to a browser page's live region, speech on or off."""
        self._to_page(intent.lines)
        if self._quiet_screen:
            # remembered, not spoken: "/" or the repeat keys read it when someone is there
            self.speech.last_screen = tuple(self._utterances(intent.lines))
            return
        lines, self._said_first = [*self._said_first, *intent.lines], []
        self._speak(lines, protected=intent.protected, screen=True)
        if self.speech.enabled and not self._key_help_said and isinstance(self.screen, HomeScreen):
            self._key_help_said = True  # home in a new language: its key help once, after it
            self._speak(spoken_key_help(self.visit.language), replace=False)

    @on(intents.ScreenGrew)
    def _screen_grew(self, intent: intents.ScreenGrew) -> None:
        """Said after the screen's script, not over it; never on a quiet screen (K-S11)."""
        lang = self.visit.language
        self._to_page(intent.lines, more=True)
        self.speech.last_screen = (*self.speech.last_screen, *(Utterance(line, lang) for line in intent.lines))
        if not self._quiet_screen:
            self._speak(intent.lines, screen=False, replace=False)

    @on(intents.ToggleSpeech)
    def _toggle_speech_intent(self) -> None:
        self.action_toggle_speech()

    @on(intents.SoundControl)
    def _sound_control(self, intent: intents.SoundControl) -> None:
        SOUND_CONTROLS[intent.action](self.speech)
        self.screen.post_message(changes.SoundChanged(intent.action))

    def action_toggle_speech(self) -> None:
        """K-S2: one key on every screen turns speech on and says so; the first time in a visit
        it also says which keys do what, as a listener cannot read the key guide. Where speech
        cannot work, the patient is told on screen, and staff mode shows why (the speech status)."""
        enabled = not self.speech.enabled
        logged = self.speech.transcript is not None  # --dev --speech-log: heard in the log
        silent = isinstance(self.speech, SpeechService) and not self.speech.available
        if enabled and silent and not logged:
            self.speech_missing = True
            self.notify(self._words(W.SPEECH_MISSING), timeout=8)
            self._speech_failed(f"a patient pressed / but there is no speech here: {self.speech.status}")
            return
        self.speech.set_enabled(enabled)
        self.speech_on = enabled  # every screen shows it (watch_speech_on)
        if enabled:
            self.controller.count(UsageEvent.SPEECH_ON)
            self._speak([self._words(W.SPEECH_IS_ON)])
            if not self._key_help_said:
                self._key_help_said = True
                self._speak(spoken_key_help(self.visit.language), replace=False)
            screen = self.screen
            if isinstance(screen, KioskScreen):
                self._speak(screen.speech_script(), screen=True, replace=False)

    def action_pause_speech(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self._home_key(intents.HomeKey("-"))  # part of the staff sequence; nothing for patients
        self._say_speech_is_off()
        self.speech.toggle_pause()

    def action_repeat_item(self) -> None:
        self._say_speech_is_off()
        self.speech.repeat()

    def _say_speech_is_off(self) -> None:
        """``+`` and ``-`` with speech off would do nothing a person can see: show, for a few
        seconds, that speech is off and which key turns it on."""
        if not self.speech.enabled:
            self.notify(f"{self._words(W.SPEECH_IS_OFF)} {self._words(W.SPEECH_HINT)}", timeout=5)

    def action_sound_menu(self) -> None:
        if not self._back_to(screens.SoundScreen):
            self.push_screen(screens.SoundScreen())

    # --- idle ------------------------------------------------------------------------------
    def _poll_idle(self) -> None:
        if self._on_staff_screen():
            self.controller.idle.touch()  # staff screens keep their own, shorter idle time
            return
        if self.pending_library is not None and self._may_go_live():
            self._start_reset(count=False)  # back at an idle home: content that waited goes live
            return
        state = self.controller.idle.state(speech_busy=self.speech.busy, speech_mode=self.speech.enabled)
        warning = isinstance(self.screen, screens.StillThereScreen)
        if not warning and self._rest_if_untouched():
            return
        if state.is_reset:
            self.controller.metrics.count(Event.VISITS_RESET_IDLE)
            self._start_reset()
        elif state.is_warning:
            if not warning:
                self.push_screen(screens.StillThereScreen(state.seconds_left))
            else:
                self.screen.post_message(changes.IdleCountdown(state.seconds_left))
        elif warning:
            self.pop_screen()

    def _on_staff_screen(self) -> bool:
        """A staff screen is on top (they keep their own, shorter idle time). They are imported
        on first use, so while neither module is loaded no staff screen can be showing."""
        mode, pin = sys.modules.get("kiosk.ui.screens.staff_mode"), sys.modules.get("kiosk.ui.screens.staff_pin")
        return ((mode is not None and isinstance(self.screen, mode.StaffModeScreen))
                or (pin is not None and isinstance(self.screen, pin.PinPadScreen)))

    def _rest_if_untouched(self) -> bool:
        """Nobody since the last reset: nothing to warn about or wipe, so the idle poll sleeps
        (no wake-ups at all) until the next input resumes it. True if it now sleeps."""
        if self._idle_timer is None or self.controller.idle.used or self.pending_library is not None:
            return False
        self._idle_timer.pause()
        return True

    # --- metrics for clinic IT's Prometheus (kiosk.visit.fleet_metrics) ---------------------
    def metrics_text(self, *, up: bool = True) -> str:
        """The OpenMetrics text of this kiosk's metrics file, as it stands now."""
        governor = self.governor
        state = kiosk_state(
            self.library, self.controller.disabled_topics, up=up,
            speech_up=bool(getattr(self.speech, "available", True)) and not self.speech_missing,
            keys_dropped=governor.dropped + governor.typed_dropped if governor is not None else 0,
            watchdog_seconds=self.notifier.watchdog_interval, systemd_notify=self.notifier.enabled,
        )
        return self.controller.metrics.render(state)

    def _metrics_tick(self) -> None:
        """Once a second, from the UI loop: a change is written within a second, and with no change
        the file is still written every minute, so a stuck loop shows as a stale file."""
        folder = metrics_folder(self.library.root, self.library.settings.metrics_dir)
        if folder is None:
            self._metrics_file = None
            if self._metrics_timer is not None:
                self._metrics_timer.pause()  # no metrics kept: no tick until new content goes live
            return
        if self._metrics_file is None or self._metrics_file.path.parent != folder:
            self._metrics_file = MetricsFile(folder)  # real seconds, whatever clock the idle policy keeps
        metrics = self.controller.metrics
        changed = metrics.changed
        if self._metrics_file.claim(changed):
            metrics.take_changed()
            self._write_metrics_worker(self._metrics_file, self.metrics_text())
            if not changed:  # the minute's write: a refusal by the update service shows within a minute
                self._read_release_worker()

    @work(thread=True, group="metrics", exit_on_error=False)
    def _write_metrics_worker(self, metrics_file: MetricsFile, text: str) -> None:
        was = metrics_file.last_error
        why = metrics_file.write(text)
        if why and why != was:  # once per new fault, not once a second
            log.warning("metrics file not written: %s", why)

    # --- live content: one worker, off the event loop ------------------------------------
    def _content_event(self) -> None:
        """The kernel reported a change in the content folder: look once it has settled."""
        if self._watcher is None or not self._watcher.events():
            return
        if self._content_settle is not None:
            self._content_settle.stop()
        self._content_settle = self.set_timer(CONTENT_SETTLE_SECONDS, self._poll_content, name="content-settle")

    def _poll_content(self) -> None:
        """After a change the kernel reported (or every CONTENT_POLL_SECONDS where it cannot):
        content that waited goes live if the kiosk has come back to an idle home since (Back,
        Home, speech off again; the idle poll checks that too), then the folder is looked at."""
        if self._may_go_live():
            self._start_reset(count=False)
        self._watch_content_worker()

    @work(thread=True, exclusive=True, group="content-watch", exit_on_error=False)
    def _watch_content_worker(self) -> bool:
        """The folder's signature is computed off the event loop (1,000 topics: ~10 ms)."""
        return self._watcher is not None and self._watcher.changed()

    @work(thread=True, exclusive=True, group="content", exit_on_error=False)
    def load_content_worker(self, grade: bool = False) -> LoadResult:
        """Load through the one content path; the result is handled on the UI thread."""
        return load_content(self.library.root, grade=grade)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "print" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            from kiosk.desk.cups import FailReason, PrintResult

            result = worker.result if event.state is WorkerState.SUCCESS else PrintResult(
                False, FailReason.UNKNOWN, detail=str(worker.error))
            self._printing_done(result)
            return
        if worker.group == "printer-state" and event.state is WorkerState.SUCCESS:
            if worker.result is not None:
                self.screen.post_message(changes.PrinterChecked(worker.result))
            return
        if worker.group == "content-watch" and event.state is WorkerState.SUCCESS and worker.result:
            self.load_content_worker()
        elif worker.group == "content" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            result = worker.result if event.state is WorkerState.SUCCESS else None
            if result is None:
                from kiosk.content.model import Problem

                error = worker.error
                self.controller.record_error(f"content check failed: {type(error).__name__}: {error}")
                result = LoadResult(None, [Problem(file=str(self.library.root), line=None, field="(content)",
                                                   message=f"could not be checked: {error}")])
            self.content_checked(result)

    def content_checked(self, result: LoadResult) -> None:
        """New content from disk: broken content never reaches the screen (last good wins)."""
        offer = self.controller.offer(result)
        if offer is Offer.REFUSED:
            self._record_refused(result)
        self.screen.post_message(changes.ContentChecked(result))
        if offer is Offer.WAITING and self._may_go_live():
            self._start_reset(count=False)

    def _may_go_live(self) -> bool:
        """Safe to swap waiting content: home is the only screen, and the person here would
        lose nothing (no answer begun, language and sound as a visit starts). The rule staff
        read in docs/DEPLOYMENT.md, "When a change goes live"."""
        at_home = len(self.screen_stack) == 1 and isinstance(self.screen, HomeScreen)
        return at_home and self.controller.may_go_live(sound_changed=not self.speech.as_at_start)

    # --- the terminal and signals -----------------------------------------------------------
    def _install_signal_handlers(self) -> None:
        """Plain Python handlers, not the event loop's: they run in the main thread between two
        bytecodes even while the loop works through a flood of keys, so a stop is never lost
        or queued behind them (seen in the soak: SIGHUP lost in 7 of 19 floods)."""
        for sig in (signal.SIGTERM, signal.SIGHUP):
            self._previous_handlers[sig] = signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, frame: object) -> None:
        code, why = (exit_codes.OK, "SIGTERM") if signum == signal.SIGTERM else (exit_codes.TERMINAL_LOST, "SIGHUP")
        self._arm_deadline(code)
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self.stop_now, code, why)

    def _arm_deadline(self, code: int) -> None:
        """Whatever happens next, the process ends within EXIT_DEADLINE_SECONDS, its screen blank."""
        if self._deadline is None:
            self._deadline = threading.Timer(EXIT_DEADLINE_SECONDS, _hard_exit, (code,))
            self._deadline.daemon = True
            self._deadline.start()

    def _check_terminal(self) -> None:
        """A hung-up terminal reads as EOF for ever and refuses writes: leave, never spin.

        In a browser session (``kiosk serve``) stdin is the server's pipe, never a terminal: the
        web driver learns from the server that the page has gone."""
        if self.is_web:
            return
        stdin = sys.__stdin__  # None when the process was started with no standard input
        try:
            if stdin is None:
                raise OSError("no standard input")
            termios.tcgetattr(stdin.fileno())
        except (termios.error, OSError, ValueError):
            self.stop_now(exit_codes.TERMINAL_LOST, "terminal lost")

    def stop_now(self, code: int, why: str) -> None:
        """SIGTERM, SIGHUP or a lost terminal: forget the person, stop speech, leave promptly.

        The screen is emptied first (nothing of a patient stays drawn), the terminal is
        restored by Textual's own exit, and a deadline ends the process if that hangs."""
        if self._stopping:
            return
        self._stopping = True  # from now on keys are dropped unread, so the exit is not queued
        self._arm_deadline(code)
        log.warning("stopping: %s", why)
        self.notifier.stopping()
        self.speech.stop()
        self.controller.usage.close()
        self.exit(return_code=code)

    # --- errors: never a traceback on a patient's screen ------------------------------------
    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            if self.dev:
                raise
            self.recover_from_error(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an exception in a handler (its default prints a traceback and
        exits). A test (test_textual_contract) fails if Textual renames what this relies on."""
        if self.dev:
            return super()._handle_exception(error)
        if self._loop is not None and _current_task() is getattr(self, "_task", None):
            # The app's own message loop stops after this: exit quietly, the launcher restarts us.
            log.exception("kiosk app loop failed; restarting", exc_info=error)
            self.controller.record_error(f"{type(error).__name__}: {error}")
            self._return_code = exit_codes.RESTART
            self._close_messages_no_wait()  # as Textual's fatal path does, minus the traceback
            return
        self.recover_from_error(error)

    def recover_from_error(self, error: BaseException) -> None:
        """Log for staff, then start a fresh visit with a short apology."""
        log.error("screen error, back to home: %s", error, exc_info=error)
        self.controller.record_error(f"{type(error).__name__}: {error}")
        now = self.clock()
        self._recoveries = [t for t in self._recoveries if now - t < RECOVERY_WINDOW] + [now]
        if len(self._recoveries) > MAX_RECOVERIES:
            log.error("the error keeps coming back: restarting the kiosk")
            self.exit(return_code=exit_codes.RESTART)
            return
        # A reset in the reset group (an idle reset and a recovery never run at once); the
        # apology shows at the end of whichever reset finishes.
        self._apology_due = True
        self._start_reset(count=False)


#: What a terminal needs to be left as it was found: mouse and paste reports off, the main
#: screen back, cleared (the patient's last screen must not stay), the cursor shown.
TERMINAL_RESET = ("\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l"
                  "\x1b[?1049l\x1b[H\x1b[2J\x1b[3J\x1b[?25h")


def _hard_exit(code: int) -> None:
    """The deadline: Textual's own exit did not finish in time (a dead terminal, a flood)."""
    try:
        os.write(2, TERMINAL_RESET.encode())
    except OSError:
        pass  # the terminal is gone: nothing can be shown on it either
    os._exit(code)


def _current_task():
    import asyncio

    try:
        return asyncio.current_task()
    except RuntimeError:
        return None
