"""SpeechState: the visible "Speech on" sign while the kiosk speaks.

Words, not a colour or an icon alone (K-V3), so a person who cannot hear it can see that the
kiosk is speaking. It draws its two reactives and decides nothing: its screen sets them when
the app posts :class:`kiosk.ui.changes.SpeechChanged`. A ``self.watch(self.app, ...)`` here
would keep every screen ever shown alive in the app's watcher list until speech is next
switched (found by the 10,000-input soak: 0.45 MB a language switch).
"""

from __future__ import annotations

from textual.reactive import reactive

from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr


class SpeechState(SafeText):
    DEFAULT_CSS = """
    SpeechState { width: auto; height: 1; padding: 0; display: none; text-style: bold; }
    SpeechState.-shown { display: block; }
    """

    #: Speech is on.
    on: reactive[bool] = reactive(False, init=False)
    #: "/" was pressed but this kiosk cannot speak: said in words rather than in silence.
    missing: reactive[bool] = reactive(False, init=False)

    def __init__(self, language: str = "en", *, on: bool = False, missing: bool = False) -> None:
        super().__init__("", id="speech-state")
        self.language = language
        self.set_reactive(SpeechState.on, on)
        self.set_reactive(SpeechState.missing, missing)

    def on_mount(self) -> None:
        self._draw()

    def watch_on(self) -> None:
        self._draw()

    def watch_missing(self) -> None:
        self._draw()

    def _draw(self) -> None:
        words = W.NO_SPEECH_HERE if self.missing else (W.SPEECH_ON_SIGN if self.on else "")  # never "on" unheard
        text = tr(self.language, words) if words else ""
        self.update(f"  {text} " if text else "")  # spaced from the title, whatever the padding
        self.set_class(bool(text), "-shown")
