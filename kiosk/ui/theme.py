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

#: The Linux console's own 16 colours (the kernel's default VGA palette), in SGR order: 0-7
#: are what 30-37 and 40-47 show, 8-15 what bold or 90-97 show as text. A console shows no
#: bright background (console_codes(4): 100-107 are 40-47), and bold black text is dark grey.
VGA = ("#000000", "#aa0000", "#00aa00", "#aa5500", "#0000aa", "#aa00aa", "#00aaaa", "#aaaaaa",
       "#555555", "#ff5555", "#55ff55", "#ffff55", "#5555ff", "#ff55ff", "#55ffff", "#ffffff")
VGA_BLACK, VGA_RED, VGA_GREY, VGA_BRIGHT_CYAN, VGA_WHITE = VGA[0], VGA[1], VGA[7], VGA[14], VGA[15]

#: The same roles for a 16-colour terminal (TERM=linux, the systemd unit's console): colours
#: that are exactly palette colours, so the terminal shows what the ratios were computed for.
#: The highlight is black on light grey (9.0:1), drawn without bold (kiosk.tcss): bold black
#: is dark grey there (3.2:1). The banner is white on the console's red (7.7:1).
CONSOLE = Theme(
    name="kiosk-console",
    primary=VGA_GREY,
    secondary=VGA_BRIGHT_CYAN,
    accent=VGA_GREY,
    foreground=VGA_WHITE,
    background=VGA_BLACK,
    surface=VGA_BLACK,
    panel=VGA_BLACK,
    boost=VGA_BLACK,
    warning=VGA_GREY,
    error=VGA_RED,
    success=VGA_BRIGHT_CYAN,
    dark=True,
    variables={
        **HIGH_CONTRAST.variables,
        "emergency-background": VGA_RED,
        "emergency-foreground": VGA_WHITE,
        "highlight-background": VGA_GREY,
        "highlight-foreground": VGA_BLACK,
        "heading": VGA_BRIGHT_CYAN,
        "muted": VGA_GREY,  # 9.0:1 on black
        "block-cursor-background": VGA_GREY,
        "block-cursor-foreground": VGA_BLACK,
        "footer-foreground": VGA_WHITE,
        "footer-key-foreground": VGA_WHITE,
        "scrollbar": VGA_GREY,
        "scrollbar-hover": VGA_WHITE,
        "scrollbar-active": VGA_WHITE,
        "border": VGA_WHITE,
    },
)

DEFAULT_THEME = HIGH_CONTRAST.name
THEMES = (HIGH_CONTRAST, CONSOLE)
#: Terminals that are the Linux console (console_codes(4)): no bright backgrounds, bold is bright.
CONSOLE_TERMS = ("linux",)


def theme_for(term: str | None) -> str:
    """The kiosk's theme for the terminal named ``term`` (the TERM variable): on the Linux
    console (the systemd unit sets TERM=linux) the console theme, whose colours it shows as they
    are; on any other terminal the high-contrast theme."""
    return CONSOLE.name if (term or "").split("-")[0] in CONSOLE_TERMS else DEFAULT_THEME


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours."""

    def luminance(hex_colour: str) -> float:
        hex_colour = hex_colour.lstrip("#")
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
