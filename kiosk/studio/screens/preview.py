"""Preview and Hear it: the topic as a patient sees it on the kiosk, and as a listener hears it.

The kiosk itself (:class:`kiosk.studio.preview.KioskPreview`) at the size and in the language
chosen; focus it (it starts focused) and use the kiosk's keys: digits, 0 for Back, * for help,
/ for speech. Beside it, the words the kiosk's speech layer gives the synthesiser for the screen
shown. Escape goes back; Tab reaches the size and language choices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static

from kiosk.content.library import Library
from kiosk.speech.utterance import Utterance
from kiosk.studio.preview import KioskPreview
from kiosk.words.language_names import own_name

if TYPE_CHECKING:
    from kiosk.speech.service import SpeechService

#: The sizes staff can preview at: the smallest screen the kiosk must serve whole, an ordinary
#: terminal, and a big kiosk screen.
SIZES: dict[str, tuple[int, int]] = {"40x12": (40, 12), "80x24": (80, 24), "120x40": (120, 40)}
#: The choice that fills the space this window has for the preview: the kiosk's size when it runs
#: full screen on a display like this one.
FILL = "fill this window"


class PreviewScreen(Screen):
    BINDINGS: ClassVar = [Binding("escape", "back", "Back"), Binding("f8", "play", "Play aloud")]

    def __init__(self, library: Library, title: str, *, size: str = "40x12") -> None:
        super().__init__()
        self.library = library
        self.topic_title = title
        self.size_name = size
        languages = sorted({t.language for t in library.topics}, key=library.settings.languages.index)
        self.languages = languages or library.settings.languages[:1]
        self._heard: list[Utterance] = []
        self._speech: SpeechService | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="preview-row"):
            with VerticalScroll(id="preview-frame"):
                yield KioskPreview(widget_id="kiosk-preview")
            with Vertical(id="preview-side"):
                yield Static(Text(f"Preview: {self.topic_title}"), classes="side-title")
                yield Select([(name, name) for name in [*SIZES, FILL]], value=self.size_name, allow_blank=False,
                             id="preview-size")
                yield Select([(f"{own_name(code) or code} ({code})", code) for code in self.languages],
                             value=self.languages[0], allow_blank=False, id="preview-language")
                yield Static("Hear it: what the listener hears on this screen", classes="side-title")
                yield Static("", id="heard")
        yield Footer()

    def on_mount(self) -> None:
        self._restart()
        self.query_one(KioskPreview).focus()

    @on(Select.Changed)
    def _choice_changed(self) -> None:
        self._restart()
        self.query_one(KioskPreview).focus()

    def _restart(self) -> None:
        choice = str(self.query_one("#preview-size", Select).value)
        if choice == FILL:
            frame = self.query_one("#preview-frame").size  # less the preview's own border
            size = (max(SIZES["40x12"][0], frame.width - 2), max(SIZES["40x12"][1], frame.height - 2))
        else:
            size = SIZES[choice]
        language = str(self.query_one("#preview-language", Select).value)
        self.query_one(KioskPreview).show(self.library, size, language)

    @on(KioskPreview.Heard)
    def _heard_now(self, message: KioskPreview.Heard) -> None:
        self._heard = message.utterances
        self.query_one("#heard", Static).update(Text("\n".join(f"- {line}" for line in message.lines)
                                                     or "(nothing new is said on this screen)"))

    def action_play(self) -> None:
        """Read the screen's words aloud on this machine, with the kiosk's own speech service."""
        from kiosk.speech.engine import library_problem

        if not self._heard:
            self.notify("Nothing is said on this screen: press a key on the kiosk first.", markup=False)
            return
        problem = library_problem()
        if problem is not None:
            self.notify(f"Cannot play here: {problem}. The words are shown on the right.", markup=False)
            return
        if self._speech is None:
            from kiosk.speech.service import SpeechService

            self._speech = SpeechService(self.library.settings.speech, language=self._heard[0].language)
        if not self._speech.available:
            self.notify(f"Cannot play here: {self._speech.status}.", markup=False)
            return
        self._speech.speak(self._heard, force=True)

    def on_unmount(self) -> None:
        if self._speech is not None:
            self._speech.close()

    def action_back(self) -> None:
        self.dismiss()
