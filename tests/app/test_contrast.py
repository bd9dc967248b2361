"""Colour contrast of the default theme, from the theme and from what is drawn (K-V2, K-V3).

K-V2: text at least 7:1 against its background; focus and borders at least 3:1 (WCAG 1.4.6,
1.4.11). Computed, not eyeballed: a colour change that breaks a ratio fails here.
"""

from __future__ import annotations

import pytest
from textual.widgets import Digits, Static

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.sound import SoundScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.theme import BLACK, CONSOLE, HIGH_CONTRAST, VGA, WHITE, YELLOW, contrast_ratio, theme_for

TEXT_MIN, FOCUS_MIN = 7.0, 3.0


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast_ratio(BLACK, BLACK) == pytest.approx(1.0)
    assert contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the web's classic AA grey


@pytest.mark.parametrize(
    ("fg", "bg"),
    [
        ("foreground", "background"),
        ("emergency-foreground", "emergency-background"),
        ("highlight-foreground", "highlight-background"),
        ("heading", "background"),
        ("muted", "background"),
        ("footer-foreground", "footer-background"),
        ("block-cursor-foreground", "block-cursor-background"),
    ],
)
@pytest.mark.parametrize("theme", [HIGH_CONTRAST, CONSOLE], ids=["high-contrast", "console"])
def test_theme_text_pairs_are_at_least_7_to_1(fg, bg, theme):
    """K-V2: every text colour pair the stylesheet uses, in the terminal theme and in the Linux
    console's (whose colours are its own VGA palette's, so the console shows them as computed)."""
    colours = {
        "foreground": theme.foreground,
        "background": theme.background,
        **theme.variables,
    }
    assert contrast_ratio(colours[fg], colours[bg]) >= TEXT_MIN
    if theme is CONSOLE:
        assert colours[fg] in VGA and colours[bg] in VGA[:8]  # no bright background on a console


def test_the_linux_console_gets_the_console_theme_K_V2():
    """Under TERM=linux (the systemd unit's console) the kiosk starts in the console theme;
    elsewhere (xterm, tmux, a browser's xterm.js) in the high-contrast theme."""
    assert theme_for("linux") == theme_for("linux-16color") == CONSOLE.name
    assert theme_for("xterm-256color") == theme_for("xterm") == theme_for(None) == HIGH_CONTRAST.name


def test_focus_and_borders_are_at_least_3_to_1():
    """K-V2: the highlight against the page, and borders, at least 3:1."""
    assert contrast_ratio(YELLOW, HIGH_CONTRAST.background) >= FOCUS_MIN
    assert contrast_ratio(HIGH_CONTRAST.variables["border"], HIGH_CONTRAST.background) >= FOCUS_MIN
    assert contrast_ratio(HIGH_CONTRAST.variables["emergency-background"], HIGH_CONTRAST.background) >= 1.5


async def _rendered_pairs(app):
    for widget in app.screen.query("*"):
        if not isinstance(widget, Static | Digits) or not widget.display or widget.region.area == 0:
            continue
        _, _, background, colour = widget.colors
        yield widget, colour.hex[:7], background.hex[:7]


@pytest.mark.parametrize(
    ("keys", "kind"),
    [([], None), (["1", "1"], TopicScreen), (["asterisk"], EmergencyScreen), (["1", "3", "1"], QuestionScreen),
     (["full_stop"], SoundScreen)],
)
async def test_every_drawn_text_is_at_least_7_to_1(make_app, keys, kind):
    """K-V2 on the real screens: each visible text widget's colour against its own background."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        if kind is not None:
            assert isinstance(app.screen, kind)
        checked = 0
        async for widget, fg, bg in _rendered_pairs(app):
            ratio = contrast_ratio(fg, bg)
            assert ratio >= TEXT_MIN, f"{widget!r}: {fg} on {bg} is {ratio:.1f}:1"
            checked += 1
        assert checked >= 5


async def test_highlighted_choice_differs_from_the_others_by_more_than_colour(make_app):
    """K-V3: the highlighted row has a marker; its colours still meet 7:1."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = list(app.screen.query(".choice"))
        highlighted = [r for r in rows if r.has_class("-highlighted")]
        assert len(highlighted) == 1
        assert str(highlighted[0].render()).lstrip().startswith("▶")
        assert all(not str(r.render()).startswith("▶") for r in rows if r not in highlighted)
        _, _, bg, fg = highlighted[0].colors
        assert contrast_ratio(fg.hex[:7], bg.hex[:7]) >= TEXT_MIN
