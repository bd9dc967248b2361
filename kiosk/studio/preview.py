"""KioskPreview: the real kiosk, fed one topic, drawn inside the studio and walked with its keys.

The preview is not a copy of the kiosk's screens: it runs :class:`kiosk.ui.app.KioskApp` itself,
headless, at the size chosen (40x12, 80x24...), on a library of the one topic being edited in
every language it has. Each key staff press here is pressed on that kiosk; after it settles,
its screen is drawn here as it is, and what its speech layer was asked to say for that screen
(a :class:`~kiosk.speech.recording.RecordingSpeech`: no sound device needed) is posted as
:class:`KioskPreview.Heard`, the "Hear it" text.

The headless kiosk runs in this widget's worker on the studio's own event loop. While it runs,
Textual's active app in that worker is the kiosk, so the worker never touches studio widgets:
it only posts messages, handled on the widget's own task. Its clock never moves, so the
preview never goes idle and resets on its own.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console
from rich.text import Text
from textual import events, on, work
from textual.message import Message
from textual.widgets import Static

from kiosk.content.library import Library
from kiosk.speech.text import speakable_in, split_sentences
from kiosk.speech.utterance import Utterance

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

#: Keys the studio keeps for itself; every other key goes to the kiosk being previewed.
STUDIO_KEYS = frozenset({"escape", "tab", "shift+tab", "ctrl+q", "ctrl+c", *(f"f{n}" for n in range(1, 13))})


def preview_library(library: Library, language: str) -> Library:
    """``library`` as the preview shows it: every topic on, speech on (so each screen's words are
    recorded), no debounce, and the visit starting in ``language``."""
    settings = library.settings
    languages = [language, *(code for code in settings.languages if code != language)]
    speech = settings.speech.model_copy(update={"enabled_at_start": True})
    settings = settings.model_copy(update={"languages": languages, "speech": speech, "debounce_seconds": 0})
    topics = tuple(t if t.enabled else t.model_copy(update={"enabled": True}) for t in library.topics)
    return dataclasses.replace(library, settings=settings, topics=topics)


def screen_picture(app) -> Text:
    """The kiosk's current screen as styled text, as :meth:`App.export_screenshot` draws it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    text = Text.from_ansi(console.export_text(styles=True))
    text.no_wrap = True
    return text


class KioskPreview(Static, can_focus=True):
    """The kiosk's screen at ``size``; focus it and press the kiosk's keys."""

    DEFAULT_CSS: ClassVar[str] = """
    KioskPreview { border: round $accent; width: auto; height: auto; }
    KioskPreview:focus { border: double $accent; }
    """

    @dataclass
    class Drawn(Message):
        """The previewed kiosk drew a new screen."""

        picture: Text
        screen_name: str

    @dataclass
    class Heard(Message):
        """What the kiosk's speech layer was given for the screen just drawn."""

        utterances: list[Utterance]

        @property
        def lines(self) -> list[str]:
            """The words as the synthesiser gets them: the speech service's own rules applied
            (Markdown dropped, "911" read "9 1 1", keys named), one sentence a line."""
            return [sentence for u in self.utterances
                    for sentence in split_sentences(speakable_in(u.text, u.language))]

    def __init__(self, *, widget_id: str | None = None) -> None:
        super().__init__("Starting the preview...", id=widget_id)
        self._keys: asyncio.Queue[str] = asyncio.Queue()
        self.kiosk: KioskApp | None = None  # the running kiosk, for tests and the journey
        self.ready = asyncio.Event()

    def show(self, library: Library, size: tuple[int, int], language: str) -> None:
        """(Re)start the preview on ``library`` at ``size``, from home, in ``language``."""
        self.ready.clear()
        self.kiosk = None
        self._keys = asyncio.Queue()
        self.styles.width = size[0] + 2
        self.styles.height = size[1] + 2
        self._run(preview_library(library, language), size)

    def press(self, key: str) -> None:
        self._keys.put_nowait(key)

    async def on_key(self, event: events.Key) -> None:
        if event.key in STUDIO_KEYS:
            return
        event.stop()
        event.prevent_default()
        self.press(event.key)

    @on(Drawn)
    def _drawn(self, message: Drawn) -> None:
        self.update(message.picture)
        self.ready.set()

    @work(exclusive=True, group="kiosk-preview")
    async def _run(self, library: Library, size: tuple[int, int]) -> None:
        from kiosk.host.clock import FakeClock
        from kiosk.speech.recording import RecordingSpeech
        from kiosk.ui.app import KioskApp
        from kiosk.ui.screenshots import press_keys
        from kiosk.visit.usage import UsageLog

        speech = RecordingSpeech(library.settings.speech, language=library.settings.languages[0])
        kiosk = KioskApp(library, speech=speech, usage=UsageLog(None), clock=FakeClock(), dev=True)
        kiosk.animation_level = "none"
        keys = self._keys
        try:
            async with kiosk.run_test(size=size) as pilot:
                self.kiosk = kiosk
                heard = 0
                while True:
                    await press_keys(pilot, ())
                    self.post_message(self.Drawn(screen_picture(kiosk), type(kiosk.screen).__name__))
                    self.post_message(self.Heard(speech.spoken[heard:]))
                    heard = len(speech.spoken)
                    key = await keys.get()
                    await pilot.press(key)
        finally:
            speech.close()
