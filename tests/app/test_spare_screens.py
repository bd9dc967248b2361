"""A topic's first screen, its pages and the emergency page are kept when closed and opened again
with new content (kiosk/ui/spare_screens.py): each reopened screen shows and says exactly what a
new one would, nothing of what it showed before; and none outlives the visit (K-P1).

Each test walks one kiosk that reopens a screen and a second, new kiosk straight to the same
place, and compares the two: the painted text, the script said, the highlighted choice."""

from __future__ import annotations

import dataclasses

import pytest

from bench import paint
from bench.library_gen import generate_library
from kiosk.content.loader import load_library
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from kiosk.ui.widgets.choice_list import ChoiceList
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go
from tests.app.waits import until_still

pytestmark = pytest.mark.usefixtures("quick_idle_poll")


@pytest.fixture(scope="module")
def three_topics(tmp_path_factory):
    folder = generate_library(tmp_path_factory.mktemp("three"), 3)
    result = load_library(folder, grade=False)
    assert result.ok, result.problems[:3]
    lib = result.library
    alert = lib.settings.alert.model_copy(update={"command": ("true",)})  # the desk can be called
    return dataclasses.replace(lib, settings=lib.settings.model_copy(update={"debounce_seconds": 0, "alert": alert}))


async def seen(pilot) -> tuple:
    """All a person gets from the screen on top, once drawn whole: what it shows, says, and
    where Enter goes."""
    await until_still(pilot)
    app = pilot.app
    screen = app.screen
    choices = screen.query_one(ChoiceList)
    return (type(screen).__name__, screen_text(app), screen.speech_script(), choices.highlighted,
            [item.label for item in choices.items])


def building_every_screen(app):
    """The reference: this kiosk builds each screen it opens, as every kiosk did before."""
    app._prepare_spares = lambda: None
    app._spares.open = lambda cls, context, *args, **kwargs: cls(*args, **kwargs)
    return app


async def as_new(make_app, library, size, *keys) -> tuple:
    """What a kiosk that builds every screen it opens shows after ``keys``."""
    app = building_every_screen(make_app(library))
    async with app.run_test(size=size) as pilot:
        await go(pilot, *keys)
        return await seen(pilot)


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_a_reopened_topic_start_shows_the_new_topic_as_a_new_screen_would(make_app, three_topics, size):
    app = make_app(three_topics)
    frames: list[str] = []
    uninstall = paint.install(lambda frame_app, screen, text, when: frames.append(text))
    try:
        async with app.run_test(size=size) as pilot:
            await go(pilot, "1", "down", "down", "down", "down", "down")  # the first topic, its list scrolled
            first = app.screen
            await go(pilot, "0")
            frames.clear()
            await go(pilot, "2")  # the second topic
            assert app.screen is first and isinstance(first, TopicStartScreen)
            assert first.topic.title != three_topics.topics_in("en")[0].title
            reopened = await seen(pilot)
    finally:
        uninstall()
    assert reopened == await as_new(make_app, three_topics, size, "2")
    # Not even for one frame: the list drawn scrolled where the last topic's was left.
    title = first.topic.title
    assert [frame for frame in frames if title in frame and "More above" in frame] == []


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_reopened_topic_pages_start_afresh_on_the_new_topic(make_app, three_topics, size):
    """Page, part, highlight, "Was this helpful?" answered: none of it carries over."""
    app = make_app(three_topics)
    async with app.run_test(size=size) as pilot:
        await go(pilot, "1", "1")
        pages = app.screen
        assert isinstance(pages, TopicScreen)
        for _ in range(60):  # to the end of the first topic, and answer "helpful"
            if pages.at_end:
                break
            await go(pilot, "right")
        await go(pilot, "4", "down")
        assert pages.helpful_answered
        await go(pilot, "0", "2", "1")  # home, the second topic, read from the start
        assert app.screen is pages and pages.topic.id != three_topics.topics_in("en")[0].id
        assert (pages.page, pages.part, pages.helpful_answered) == (0, 0, False)
        reopened = await seen(pilot)
        for _ in range(60):  # its end offers "helpful" again, as a new screen's does
            if pages.at_end:
                break
            await go(pilot, "right")
        at_end = await seen(pilot)
    assert reopened == await as_new(make_app, three_topics, size, "2", "1")
    app = building_every_screen(make_app(three_topics))
    async with app.run_test(size=size) as pilot:
        await go(pilot, "2", "1")
        for _ in range(60):
            if app.screen.at_end:
                break
            await go(pilot, "right")
        assert await seen(pilot) == at_end


async def test_a_reopened_emergency_page_shows_its_new_signs_and_no_old_desk_note(make_app, three_topics):
    app = make_app(three_topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "asterisk")  # from home: the kiosk's own list
        emergency = app.screen
        assert isinstance(emergency, EmergencyScreen) and emergency.topic is None
        await go(pilot, "4")  # call the front desk: its note shows
        await app.workers.wait_for_complete()
        await go(pilot)
        assert emergency.desk_note
        await go(pilot, "escape", "1", "asterisk")  # inside the first topic: its danger signs
        assert app.screen is emergency and emergency.topic is not None
        assert not emergency.desk_note
        reopened = await seen(pilot)
    assert reopened == await as_new(make_app, three_topics, (80, 24), "1", "asterisk")


async def test_a_reopened_screen_shows_speech_as_it_is_now(make_app, three_topics):
    """Speech was turned on while the screen was closed (told to open screens only)."""
    app = make_app(three_topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "1", "0", "slash", "1")
        assert app.speech_on
        reopened = await seen(pilot)
    assert reopened == await as_new(make_app, three_topics, (80, 24), "slash", "1")


async def test_no_screen_is_reopened_in_the_next_visit_K_P1(make_app, three_topics):
    app = make_app(three_topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "1", "1", "asterisk")
        kept = [app.screen_stack[1], app.screen_stack[2], app.screen]
        await go(pilot, "escape", "0", "9")  # finish: the next person
        await app.workers.wait_for_complete()
        await go(pilot)
        assert not any(app.is_screen_installed(screen) for screen in kept)
        assert not any(screen.is_attached for screen in kept)
        await go(pilot, "1", "1", "asterisk")
        assert not {id(screen) for screen in app.screen_stack} & {id(screen) for screen in kept}


async def test_a_screen_is_built_anew_after_the_terminal_changes_size(make_app, three_topics):
    """A kept screen was styled for its size (the -narrow classes): another size gets a new one."""
    app = make_app(three_topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot, "1", "0")
        kept = [screen for screen in app._installed_screens.values() if isinstance(screen, TopicStartScreen)]
        await pilot.resize_terminal(40, 12)
        await go(pilot, "2")
        assert app.screen not in kept
        reopened = await seen(pilot)
    assert reopened == await as_new(make_app, three_topics, (40, 12), "2")


async def test_each_visit_builds_its_own_spares_while_nobody_is_at_the_keys_K_P1(make_app, three_topics):
    """Once home is drawn, the visit's topic start, topic page and emergency page are built (not
    shown, not said); the first topic opened is that screen, showing what a new one would; the
    next visit builds new ones."""
    app = make_app(three_topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_still(pilot)
        ready = {type(screen): screen for screen in app._installed_screens.values()}
        assert set(ready) == {TopicStartScreen, TopicScreen, EmergencyScreen}
        assert all(screen.is_running and screen not in app.screen_stack for screen in ready.values())
        summary = ready[TopicStartScreen].topic.summary
        heard = [item.text for item in [*app.speech.spoken, *app.speech.last_screen]]
        assert heard and not any(summary in line for line in heard)  # home's, not the spare's
        await go(pilot, "2")
        assert app.screen is ready[TopicStartScreen]
        opened = await seen(pilot)
        await go(pilot, "0", "9")  # finish: the next person
        await until_still(pilot)
        again = {type(screen): screen for screen in app._installed_screens.values()}
        assert set(again) == set(ready) and not set(again.values()) & set(ready.values())
        assert not any(screen.is_attached for screen in ready.values())
    assert opened == await as_new(make_app, three_topics, (80, 24), "2")


async def test_the_first_visits_spares_are_built_after_the_start_is_frozen(make_app, three_topics):
    """``kiosk run`` freezes what the start made out of the collector's way (kiosk.host.collector):
    spares built before that would be frozen too, and outlive their visit uncollected."""
    import gc

    app = make_app(three_topics, freeze_gc=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_still(pilot)
            assert gc.get_freeze_count() > 0
            spares = list(app._installed_screens.values())
            assert len(spares) == 3
            tracked = {id(obj) for obj in gc.get_objects()}  # the frozen ones are not listed
            assert all(id(screen) in tracked for screen in spares)
    finally:
        gc.unfreeze()
