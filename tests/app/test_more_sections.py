"""A topic's "More about..." sections on the real screens: listed in the contents after the core,
paged like the core, spoken like the core, and never run into from the core's last page."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content.library_nav import keys_to_entry
from kiosk.content.model import MoreSection, Page
from kiosk.ui.screens.contents import ContentsScreen
from kiosk.ui.screens.topic import TopicScreen
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go, unspoken_lines

SIZES = pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])

SECTIONS = (
    MoreSection(title="More about causes", pages=[
        Page(heading="Rare causes", body="Some illnesses of the nerves can cause cramps.\n\n"
                                         "Your doctor can tell you more."),
        Page(heading="Medicines that may cause cramps", body="- Water pills\n- Statins\n- Some asthma inhalers"),
    ]),
    MoreSection(title="More about the body", pages=[
        Page(heading="How a muscle works", body="A muscle gets shorter to move a part of the body."),
    ]),
)


@pytest.fixture
def short_library(library):
    """The shipped topic cut to a 3-page core with two sections after it (its first topic only)."""
    first = library.topics[0]
    topic = first.model_copy(update={"pages": first.pages[:3], "more": list(SECTIONS)})
    return dataclasses.replace(library, topics=(topic, *library.topics[1:]))


async def open_contents_entry(pilot, topic, index: int) -> None:
    """From home: the topic, its contents (2), then the entry ``index`` of the contents."""
    await go(pilot, "1", "2")
    assert isinstance(pilot.app.screen, ContentsScreen)
    await go(pilot, *keys_to_entry(len(topic.pages) + len(topic.more), index))


async def page_to_end(pilot) -> None:
    screen = pilot.app.screen
    for _ in range(60):
        if screen.at_end:
            return
        await go(pilot, "right")
    raise AssertionError("never reached the end")


@SIZES
async def test_contents_lists_the_core_pages_then_each_section(make_app, short_library, size):
    topic = short_library.topics[0]
    app = make_app(short_library)
    async with app.run_test(size=size) as pilot:
        await go(pilot, "1", "2")
        screen = app.screen
        assert isinstance(screen, ContentsScreen)
        labels = [entry.label for entry in screen.all_entries]
        assert labels == [p.heading for p in topic.pages] + [s.title for s in SECTIONS]
        assert SECTIONS[0].title in screen_text(app) and unspoken_lines(app) == []


@SIZES
async def test_a_section_pages_like_the_core_and_goes_back_to_the_contents(make_app, short_library, size):
    topic = short_library.topics[0]
    app = make_app(short_library)
    async with app.run_test(size=size) as pilot:
        await open_contents_entry(pilot, topic, len(topic.pages))  # the first section
        screen = app.screen
        assert isinstance(screen, TopicScreen) and screen.section == 0
        text = screen_text(app)
        assert SECTIONS[0].title in text and SECTIONS[0].pages[0].heading in text
        assert unspoken_lines(app) == []
        await page_to_end(pilot)
        assert SECTIONS[0].pages[-1].heading in screen_text(app)
        assert SECTIONS[1].pages[0].heading not in screen_text(app)  # a section never runs on
        assert unspoken_lines(app) == []
        values = [item.value for item in screen.query_one("#choices").items]
        assert "=contents" in values and "=questions" not in values and "=helpful-yes" not in values
        await go(pilot, "3")
        assert isinstance(app.screen, ContentsScreen)


@SIZES
async def test_the_core_ends_at_its_last_page_with_the_questions(make_app, short_library, size):
    topic = short_library.topics[0]
    app = make_app(short_library)
    async with app.run_test(size=size) as pilot:
        await go(pilot, "1", "1")  # Read from the start
        screen = app.screen
        assert isinstance(screen, TopicScreen) and screen.section is None
        await page_to_end(pilot)
        assert screen.page == len(topic.pages) - 1
        await go(pilot, "right")  # past the end: refused, no section page
        assert screen.page == len(topic.pages) - 1 and screen.at_end
        assert SECTIONS[0].title not in screen_text(app)
        values = [item.value for item in screen.query_one("#choices").items]
        assert "=questions" in values and "=contents" not in values


async def test_a_section_is_spoken_as_pages_are(make_app, short_library):
    topic = short_library.topics[0]
    app = make_app(short_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contents_entry(pilot, topic, len(topic.pages) + 1)  # the second section, one page
        spoken = " ".join(u.text for u in app.speech.last_screen)
        assert SECTIONS[1].title in spoken
        assert SECTIONS[1].pages[0].heading in spoken and SECTIONS[1].pages[0].body in spoken
