"""EmergencyBanner: the emergency guidance docked in the same place on every screen (K-V6).

It shows a symbol and words, never colour alone (K-V3), and names the one key that opens the
full emergency page. Its text comes from the settings in the visit's language
(``settings.emergency_for(language)``) and the catalog; it draws, it does not decide.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.content.settings import EmergencySettings
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr

EMERGENCY_KEY_LABEL = "*"


def banner_lines(emergency: EmergencySettings, *, narrow: bool = False) -> tuple[str, str]:
    """The two lines of the banner: the warning words, then where to get help and the key.

    On a narrow screen the second line drops the "outside the clinic" words but keeps the
    number and the key, so the banner stays three rows at 40 columns.
    """
    language = emergency.language  # the words of one language (emergency_for): the key words too
    first = f"{emergency.symbol} {emergency.banner}"
    if narrow:
        second = tr(language, W.BANNER_NARROW, number=emergency.number, key=EMERGENCY_KEY_LABEL)
    else:
        second = f"{emergency.fill(emergency.outside)} {tr(language, W.BANNER_PRESS, key=EMERGENCY_KEY_LABEL)}"
    return first, second


class EmergencyBanner(Vertical):
    """Always-visible emergency guidance; clicking it opens the emergency page."""

    #: Below this many columns the second line is the short form.
    NARROW = 60

    def __init__(self, emergency: EmergencySettings) -> None:
        super().__init__(id="emergency-banner")
        self.emergency = emergency
        self._lines = banner_lines(emergency)

    def compose(self) -> ComposeResult:
        yield SafeText(self._lines[0], classes="banner-words")
        yield SafeText(self._lines[1], classes="banner-help")

    def on_resize(self) -> None:
        lines = banner_lines(self.emergency, narrow=self.size.width < self.NARROW)
        if lines != self._lines:
            self._lines = lines
            self.query_one(".banner-help", Static).update(lines[1])

    @property
    def text(self) -> str:
        return " ".join(self._lines)

    async def on_click(self) -> None:
        await self.app.run_action("app.emergency")
