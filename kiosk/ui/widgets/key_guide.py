"""KeyGuide: the one-line guide to the keys that work on every screen.

It names every key a patient has (issue 13): the screen's own 0 key as the screen shows it
("0 Home" on a topic page, "0 Back" elsewhere, nothing on home where 0 does nothing), star for
help, slash for speech, minus to pause, plus to repeat, full stop for the sound menu.
"""

from __future__ import annotations

from kiosk.ui.widgets.safe_text import SafeText

#: The keys after the screen's own 0, widest form first; the first that fits is drawn.
REST = [
    "* Help now   / Speech on/off   - Pause   + Repeat   . Sound",
    "* Help  / Speech  - Pause  + Repeat  . Sound",
    "*Help /Speech -Pause +Again .Sound",
]
GUIDE_WIDE = "0 Back   " + REST[0]
GUIDE_NARROW = "0 Back  " + REST[1]


def guide_lines(zero: str | None) -> list[str]:
    """The guide in every width, for a screen whose 0 key says ``zero`` (None: no 0 key)."""
    lead = [f"0 {zero}   ", f"0 {zero}  ", f"0 {zero} "] if zero else ["", "", ""]
    return [lead[n] + rest for n, rest in enumerate(REST)]


class KeyGuide(SafeText):
    def __init__(self) -> None:
        super().__init__(GUIDE_WIDE, id="key-guide")
        self._zero: str | None = "Back"

    def on_mount(self) -> None:
        self.refresh_guide()

    def on_resize(self) -> None:
        self._draw()

    def refresh_guide(self) -> None:
        """Read the screen's 0 key again (a topic's last page, say, changed its choices)."""
        screen = self.screen
        zero: str | None = "Back"
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
        lines = guide_lines(self._zero)
        width = self.size.width or 80
        self.update(next((line for line in lines if len(line) <= width - 2), lines[-1]))


#: Spoken key help (issue 13, finding 7): said once when speech is turned on, and from the
#: sound menu. Keys are named in words, the way a listener finds them on the keypad.
SPOKEN_KEY_HELP = [
    "Keys: number keys choose. Up and down move, Enter chooses.",
    "Zero goes back. Star: help now.",
    "Slash turns speech off. Minus pauses. Plus says it again.",
    "Full stop opens the sound menu, where 8 says these keys again.",
]
