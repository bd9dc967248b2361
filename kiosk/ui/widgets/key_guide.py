"""KeyGuide: the one-line guide to the keys that work on every screen."""

from __future__ import annotations

from kiosk.ui.widgets.safe_text import SafeText

GUIDE_WIDE = "0 Back   * Help now   / Speech on/off   . Sound"
GUIDE_NARROW = "0 Back  * Help  / Speech  . Sound"


class KeyGuide(SafeText):
    def __init__(self) -> None:
        super().__init__(GUIDE_WIDE, id="key-guide")

    def on_resize(self) -> None:
        self.update(GUIDE_WIDE if self.size.width >= len(GUIDE_WIDE) else GUIDE_NARROW)
