"""KeyGuide: the one-line guide to the keys that work on every screen.

It names every key a patient has, so nobody has to guess: the screen's own 0 key as the screen
shows it ("0 Home" on a topic page, "0 Back" elsewhere), star for
help, slash for speech, minus to pause, plus to repeat, full stop for the sound menu.
"""

from __future__ import annotations

from textual.reactive import reactive

from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr

#: The keys after the screen's own 0, widest form first; the first that fits is drawn.
REST = [W.KEY_GUIDE_REST_WIDE, W.KEY_GUIDE_REST_MIDDLE, W.KEY_GUIDE_REST_NARROW]


def guide_lines(zero: str | None, language: str = "en") -> list[str]:
    """The guide in every width, for a screen whose 0 key says ``zero`` (None: no 0 key), in
    ``language`` (``zero`` is already in it)."""
    lead = [f"0 {zero}   ", f"0 {zero}  ", f"0 {zero} "] if zero else ["", "", ""]
    return [lead[n] + tr(language, rest) for n, rest in enumerate(REST)]


class KeyGuide(SafeText):
    """Draws the widest form of the guide that fits; its screen says what 0 does (``zero``)."""

    #: The screen's 0 key in words ("Back", "Home"), or None where 0 does nothing.
    zero: reactive[str | None] = reactive[str | None](None, init=False)

    def __init__(self, language: str = "en", *, zero: str | None = None) -> None:
        super().__init__("", id="key-guide")
        self.language = language
        self.set_reactive(KeyGuide.zero, zero)

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def watch_zero(self) -> None:
        self._draw()

    def _draw(self) -> None:
        lines = guide_lines(self.zero, self.language)
        width = self.size.width or 80
        self.update(next((line for line in lines if len(line) <= width - 2), lines[-1]))


def spoken_key_help(language: str = "en") -> list[str]:
    """Spoken key help, for a listener who cannot read the key guide: said once when speech is
    turned on, and from the sound menu. Keys are named in words, the way a listener finds them on
    the keypad."""
    return [tr(language, line) for line in W.SPOKEN_KEY_HELP]


#: The English key help (tests compare what was said with it).
SPOKEN_KEY_HELP = spoken_key_help()
