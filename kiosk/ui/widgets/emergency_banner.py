"""EmergencyBanner: the emergency guidance docked in the same place on every screen (K-V6).

It shows a symbol and words, never colour alone (K-V3), and names the one key that opens the
full emergency page. Its text comes from the settings in the visit's language
(``settings.emergency_for(language)``) and the catalog; it draws, it does not decide.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from kiosk.content.settings import EmergencySettings
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from kiosk.words.plain_text import strip_controls

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


#: Below this many columns of words the banner's second line is the short form.
NARROW = 60


class BannerText(Visual):
    """The banner's two lines, the second in its short form when drawn narrower than
    :data:`NARROW`: chosen from the width it is drawn at, so the height Textual measures and the
    lines it draws are always of the same form (no second layout after a resize)."""

    def __init__(self, words: Content, wide: Content, narrow: Content) -> None:
        self.words, self.wide, self.narrow = words, wide, narrow

    def __str__(self) -> str:
        return f"{self.words.plain}\n{self.wide.plain}"

    def lines(self, width: int) -> Content:
        return Content("\n").join([self.words, self.narrow if width < NARROW else self.wide])

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.lines(container_width).get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.lines(0).get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).get_height(rules, width)


class EmergencyBanner(Widget):
    """Always-visible emergency guidance; clicking it opens the emergency page.

    One widget drawing both lines (the words bold, as its component class says), not a
    container of two: every screen has one, and each widget is styled, laid out and drawn on
    every screen change (bench/README.md, "Screen change")."""

    COMPONENT_CLASSES = {"emergency-banner--words"}
    DEFAULT_CSS = """
    EmergencyBanner { height: auto; }
    EmergencyBanner > .emergency-banner--words { text-style: bold; }
    """

    #: Below this many columns the second line is the short form.
    NARROW = NARROW

    def __init__(self, emergency: EmergencySettings) -> None:
        super().__init__(id="emergency-banner")
        self.emergency = emergency

    def render(self) -> BannerText:
        # Control characters never reach the terminal (see SafeText); words are never markup.
        words, wide = (Content(strip_controls(line)) for line in banner_lines(self.emergency))
        narrow = Content(strip_controls(banner_lines(self.emergency, narrow=True)[1]))
        return BannerText(words.stylize(self.get_visual_style("emergency-banner--words")), wide, narrow)

    @property
    def text(self) -> str:
        """Both lines as drawn at the banner's width now."""
        return " ".join(banner_lines(self.emergency, narrow=self.size.width < NARROW))

    async def on_click(self) -> None:
        await self.app.run_action("app.emergency")
