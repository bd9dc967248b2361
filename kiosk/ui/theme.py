"""The kiosk's themes. Textual ships no high-contrast theme, so we register our own.

Every text colour here is at least 7:1 against its background and focus at least 3:1
(K-V2); ``tests/app/test_contrast.py`` computes the ratios from these objects and from the
rendered widgets, so a colour change that breaks them fails the tests.
"""

from __future__ import annotations

from textual.theme import Theme

BLACK = "#000000"
WHITE = "#ffffff"
YELLOW = "#ffdd00"   # highlight and focus: 15.6:1 on black
RED = "#9e0000"      # emergency banner background: white on it is 8.6:1
CYAN = "#7fe8ff"     # headings: 14.9:1 on black

HIGH_CONTRAST = Theme(
    name="kiosk-high-contrast",
    primary=YELLOW,
    secondary=CYAN,
    accent=YELLOW,
    foreground=WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLACK,
    boost=BLACK,
    warning=YELLOW,
    error=RED,
    success=CYAN,
    dark=True,
    variables={
        "emergency-background": RED,
        "emergency-foreground": WHITE,
        "highlight-background": YELLOW,
        "highlight-foreground": BLACK,
        "heading": CYAN,
        "muted": "#d0d0d0",  # 13.6:1 on black
        "block-cursor-background": YELLOW,
        "block-cursor-foreground": BLACK,
        "footer-background": BLACK,
        "footer-foreground": WHITE,
        "footer-key-foreground": YELLOW,
        "scrollbar": "#c0c0c0",
        "scrollbar-background": BLACK,
        "scrollbar-hover": WHITE,
        "scrollbar-active": YELLOW,
        "border": WHITE,
    },
)

DEFAULT_THEME = HIGH_CONTRAST.name
THEMES = (HIGH_CONTRAST,)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours."""

    def luminance(hex_colour: str) -> float:
        hex_colour = hex_colour.lstrip("#")
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
