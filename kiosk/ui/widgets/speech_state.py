"""SpeechState: the visible "Speech on" sign while the kiosk speaks (issue 13, finding 5).

Words, not a colour or an icon alone (K-V3). It reads the app's reactive ``speech_on`` and
``speech_missing`` and draws; it decides nothing. The app redraws it when either changes
(:meth:`KioskApp.watch_speech_on`): a ``self.watch(self.app, ...)`` here would keep every
screen ever shown alive in the app's watcher list until speech is next switched (found by the
10,000-input soak: 0.45 MB a language switch).
"""

from __future__ import annotations

from kiosk.ui.widgets.safe_text import SafeText, visit_language
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr


class SpeechState(SafeText):
    DEFAULT_CSS = """
    SpeechState { width: auto; height: 1; padding: 0; display: none; text-style: bold; }
    SpeechState.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__("", id="speech-state")

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        on = bool(getattr(self.app, "speech_on", False))
        missing = bool(getattr(self.app, "speech_missing", False))
        language = visit_language(self)
        text = tr(language, W.SPEECH_ON_SIGN) if on else (tr(language, W.NO_SPEECH_HERE) if missing else "")
        self.update(f"  {text} " if text else "")  # spaced from the title, whatever the padding
        self.set_class(bool(text), "-shown")
