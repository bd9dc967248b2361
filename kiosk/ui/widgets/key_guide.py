"""KeyGuide: the one-line guide to the keys that work on every screen."""

from __future__ import annotations

from textual.widgets import Static

GUIDE_WIDE = "0 Back   * Help now   / Speech on/off   . Sound"
GUIDE_NARROW = "0 Back  * Help  / Speech  . Sound"


class KeyGuide(Static):
    def __init__(self) -> None:
        super().__init__(GUIDE_WIDE, id="key-guide", markup=False)

    def on_resize(self) -> None:
        self.update(GUIDE_WIDE if self.size.width >= len(GUIDE_WIDE) else GUIDE_NARROW)
