"""A page is heard from its source text, never from the lines the
screen wrapped, so what is heard is the same at every terminal width; page labels say
"Page 2 of 6" (no "part 1 of 2"); on the last page Enter does not go backwards; the thanks
after "Helpful" ends with a full stop."""

from __future__ import annotations

import re

import pytest

from kiosk.speech.text import speakable, split_sentences
from kiosk.ui.screens.paged import NEXT, PREVIOUS
from kiosk.ui.screens.topic import TopicScreen
from tests.app.screen_text import screen_text

TOPIC = "muscle-spasms"


async def heard_through_the_topic(app, pilot) -> list[list[str]]:
    """Every page script (label, heading, body) said while turning through the whole topic, one list per screen."""
    app.speech.set_enabled(True)
    topic = app.controller.topic(TOPIC)
    app.push_screen(TopicScreen(topic, 0))
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    scripts = [screen.page_speech()]
    while not screen.at_end:
        await pilot.press("right")
        await pilot.pause()
        scripts.append(screen.page_speech())
    return scripts


def sentences(scripts: list[list[str]]) -> list[str]:
    return [s for script in scripts for line in script for s in split_sentences(speakable(line))]


async def test_what_is_heard_does_not_depend_on_the_width_K_S1(make_app):
    heard = {}
    for size in [(40, 12), (80, 24)]:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            scripts = await heard_through_the_topic(app, pilot)
        assert not any(re.search(r"part \d+ of", line) for script in scripts for line in script)
        spoken = sentences(scripts)
        assert "It cannot tell what is wrong with you." in spoken
        heard[size] = [s for s in spoken if not s.startswith(("Page ", "More of this page"))]
    # every sentence of every page is heard, in the same order, at both sizes (a paragraph
    # taller than a whole 40x12 screen is said again on the screen that continues it)
    assert list(dict.fromkeys(heard[(40, 12)])) == list(dict.fromkeys(heard[(80, 24)]))


async def test_no_full_stop_after_a_heading_that_asks(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        scripts = await heard_through_the_topic(app, pilot)
    assert not any(line.endswith("?.") for script in scripts for line in script)


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_page_labels_and_the_last_page(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await heard_through_the_topic(app, pilot)
        screen = app.screen
        text = screen_text(app)
        assert "part 1 of" not in text and "part 2 of" not in text
        total = len(screen.pages)
        assert f"Page {total} of {total}" in text
        current = screen.choices.current
        assert current is not None and current.value not in (NEXT, PREVIOUS), current
        helpful = next(item.key for item in screen.choices.items if item.label == "Helpful")
        await pilot.press(helpful)
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "Thank you for telling us." in (flat if size == (80, 24) else app.speech.texts[-1])
