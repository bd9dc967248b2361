"""KeyGuide: the one-line guide to the keys that work on every screen.

It names every key a patient has (issue 13): the screen's own 0 key as the screen shows it
("0 Home" on a topic page, "0 Back" elsewhere, nothing on home where 0 does nothing), star for
help, slash for speech, minus to pause, plus to repeat, full stop for the sound menu.
"""

from __future__ import annotations

from kiosk.ui.widgets.safe_text import SafeText, visit_language
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
    def __init__(self) -> None:
        super().__init__("", id="key-guide")
        self._zero: str | None = None

    def on_mount(self) -> None:
        self.refresh_guide()

    def on_resize(self) -> None:
        self._draw()

    def refresh_guide(self) -> None:
        """Read the screen's 0 key again (a topic's last page, say, changed its choices)."""
        screen = self.screen
        zero: str | None = tr(visit_language(self), W.BACK)
        choices = getattr(screen, "choices", None)
        if choices is not None:
            labels = [item.label for item in choices.items if item.key == "0"]
            if labels:
                zero = labels[0]
        if getattr(screen, "zero_does_nothing", False):
            zero = None
        self._zero = zero
        self._draw()

    def _draw(self) -> None:
        lines = guide_lines(self._zero, visit_language(self))
        width = self.size.width or 80
        self.update(next((line for line in lines if len(line) <= width - 2), lines[-1]))


def spoken_key_help(language: str = "en") -> list[str]:
    """Spoken key help (issue 13, finding 7): said once when speech is turned on, and from the
    sound menu. Keys are named in words, the way a listener finds them on the keypad."""
    return [tr(language, line) for line in W.SPOKEN_KEY_HELP]


#: The English key help (tests compare what was said with it).
SPOKEN_KEY_HELP = spoken_key_help()
