"""A clinic's whole library at scale: generated libraries of 12, 100 and 1,000 topics, with and without groups,
at 40x12, 80x24 and 200x60; every topic opened from home by keypad digits alone (K-I1, K-I2)
and by arrows (with Enter and Back) alone.

Each walk stays on a list page and goes back to it after each topic (0 on the keypad, Escape
with arrows), so a library costs about three key presses per topic. The 1,000-topic libraries
are sampled to keep the suite cheap: the first and the last topic of every page of every list
(home and each group) are opened, which proves every page is reached; 12 and 100 open all.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import pytest

from bench.library_gen import generate_library
from kiosk.content.library_nav import home_entries, keys_to_topic, offered_languages
from kiosk.content.loader import load_library
from kiosk.ui.screens.choice_pages import ChoicePagesScreen
from kiosk.ui.screens.group import GroupScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from tests.app.screen_text import screen_text

SIZES = [(40, 12), (80, 24), (200, 60)]

# Hundreds of keys per walk: Pilot's idle wait polls sooner, and each step waits for its state.
pytestmark = pytest.mark.usefixtures("quick_idle_poll")


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    made = {}

    def get(count: int, groups: int):
        if (count, groups) not in made:
            folder = generate_library(tmp_path_factory.mktemp(f"lib{count}g{groups}"), count, groups=groups)
            result = load_library(folder, grade=False)
            assert result.ok, result.problems[:3]
            lib = result.library
            quick = lib.settings.model_copy(update={"debounce_seconds": 0})
            made[count, groups] = dataclasses.replace(lib, settings=quick)
        return made[count, groups]

    return get


def all_entries(page):
    return range(page.start, page.stop)


def ends_of_page(page):
    return sorted({page.start, page.stop - 1})


async def settle(pilot):
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], deadline: float = 10.0) -> bool:
    """Pause until ``condition()`` holds or ``deadline`` seconds pass; returns the last answer,
    for the caller to assert (a slow machine only waits longer)."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            return False
        await pilot.pause()
    return True


async def opened(pilot, screen) -> None:
    """After a choice: wait until a new screen is on top of the list screen and drawn."""
    app = pilot.app
    await until(pilot, lambda: app.screen is not screen and app.screen.is_mounted)


async def back_on(pilot, screen) -> None:
    await until(pilot, lambda: pilot.app.screen is screen)
    assert pilot.app.screen is screen


async def opened_topic(pilot, seen: list[str]) -> None:
    app = pilot.app
    top = app.screen
    assert isinstance(top, TopicStartScreen), type(top)
    if app.size.height >= 20:  # the title row may be hidden on tiny screens
        await until(pilot, lambda: top.topic.title in screen_text(app))
        assert top.topic.title in screen_text(app)
    seen.append(top.topic.id)


async def walk_by_keypad(pilot, seen: list[str], sample) -> None:
    """Digits only: each sampled entry's digit, 0 back; More's digit (8, or 7 on the home of a
    two-language kiosk, whose 8 is the language key)."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, ChoicePagesScreen)
    while True:
        page = screen.current_page
        for index in sample(page):
            await pilot.press(page.key_of(index))
            await settle(pilot)
            await opened(pilot, screen)
            if isinstance(app.screen, GroupScreen):
                await walk_by_keypad(pilot, seen, sample)
            else:
                await opened_topic(pilot, seen)
            await pilot.press("0")
            await settle(pilot)
            await back_on(pilot, screen)
        if not page.has_more:
            return
        await pilot.press(screen.list_layout.more_key)
        await settle(pilot)
        await until(pilot, lambda first=page.stop: screen.current_page.start == first)
        assert screen.current_page.start == page.stop


async def walk_by_arrows(pilot, seen: list[str], sample) -> None:
    """Down and Enter only (Escape back): down past a page's last choice turns the page."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, ChoicePagesScreen)
    choices = screen.choices
    while True:
        page = screen.current_page
        wanted = set(sample(page))
        for index in range(page.start, page.stop):
            assert choices.highlighted == index - page.start  # the highlight walks the entries
            if index in wanted:
                await pilot.press("enter")
                await settle(pilot)
                await opened(pilot, screen)
                if isinstance(app.screen, GroupScreen):
                    await walk_by_arrows(pilot, seen, sample)
                else:
                    await opened_topic(pilot, seen)
                await pilot.press("escape")
                await settle(pilot)
                await back_on(pilot, screen)
            if index + 1 < page.stop:
                await pilot.press("down")
                await until(pilot, lambda row=index + 1 - page.start: choices.highlighted == row)
        if not page.has_more:
            return
        before = screen.page
        # past Previous, More and the fixed choices, down goes on to the next page
        for _ in range(len(choices.items) - choices.highlighted):
            await pilot.press("down")
        await settle(pilot)
        await until(pilot, lambda after=before + 1: screen.page == after and choices.highlighted == 0)
        assert screen.page == before + 1 and choices.highlighted == 0


def cases():
    """12 topics: every topic, every size, both ways. 100: every topic at 80x24, the ends of
    every page at 40x12 and 200x60. 1,000: the ends of every page, keypad, at 80x24 (grouped
    in the normal run; without groups, 167 home pages, under ``-m soak``). The every-topic walks
    of 100, the sampled 100-topic walks by arrows and the 1,000 walk are ``exhaustive``: ``make test``
    runs them, ``make check`` keeps the 12-topic walks and the sampled 100-topic ones by keypad."""
    out = []
    for size in SIZES:
        tag = f"{size[0]}x{size[1]}"
        for how in ("keypad", "arrows"):
            out += [pytest.param(12, 0, all_entries, size, how, id=f"12-{tag}-{how}"),
                    pytest.param(12, 3, all_entries, size, how, id=f"12-in-3-groups-{tag}-{how}")]
            sample = all_entries if size == (80, 24) else ends_of_page
            # the every-topic walks, and the sampled ones by arrows (the 12-topic walks keep arrows in check)
            full = [pytest.mark.exhaustive] if sample is all_entries or how == "arrows" else []
            out += [pytest.param(100, 0, sample, size, how, id=f"100-{tag}-{how}", marks=full),
                    pytest.param(100, 10, sample, size, how, id=f"100-in-10-groups-{tag}-{how}", marks=full)]
    out += [pytest.param(1000, 20, ends_of_page, (80, 24), "keypad", id="1000-in-20-groups-80x24-keypad-sampled",
                         marks=pytest.mark.exhaustive),
            pytest.param(1000, 20, ends_of_page, (40, 12), "arrows", id="1000-in-20-groups-40x12-arrows-sampled",
                         marks=pytest.mark.soak),
            pytest.param(1000, 0, ends_of_page, (80, 24), "keypad", id="1000-80x24-keypad-sampled",
                         marks=pytest.mark.soak)]
    return out


@pytest.mark.parametrize(("count", "groups", "sample", "size", "how"), cases())
async def test_every_topic_opens_from_home_by_keypad_and_by_arrows(make_app, generated, count, groups, sample,
                                                                     size, how):
    """K-I1, K-I2, K-V6: every enabled topic reachable from home, whatever their number."""
    library = generated(count, groups)
    app = make_app(library)
    seen: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        walk = walk_by_keypad if how == "keypad" else walk_by_arrows
        await walk(pilot, seen, sample)
    # home's order: topics, or groups and inside each its topics by title (library_nav)
    ids = [topic_id for entry in home_entries(library.topics) for topic_id in entry.topic_ids]
    if sample is all_entries:
        assert seen == ids
    else:
        assert ids[0] in seen and ids[-1] in seen and len(set(seen)) == len(seen)


async def test_topic_37_of_100_in_10_groups_takes_three_digits(make_app, generated):
    """The keys `kiosk validate` reports, counted by kiosk.content.library_nav, are the keys that work (K-I1)."""
    library = generated(100, 10)
    topic = library.topics[36]
    keys = keys_to_topic(library.topics, topic.id, len(offered_languages(library.settings.languages, library.topics)))
    assert keys == ["4", "7", "2"]
    app = make_app(library)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, TopicStartScreen) and app.screen.topic.id == topic.id


async def test_home_pages_say_where_they_are_and_speak_it(make_app, generated):
    """K-S1: "Page 2 of 20" drawn and said when the page turns. (The
    generated library has no Spanish topic, so home offers no language key.)"""
    app = make_app(generated(100, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Español" not in screen_text(app)
        assert "Page 1 of 20: 7 next page" in screen_text(app)
        await pilot.press("7")
        await settle(pilot)
        assert "Page 2 of 20: 6 previous page, 7 next page" in screen_text(app)
        assert any("Page 2 of 20: 6 previous page, 7 next page" == line for line in app.screen.speech_script())
        await pilot.press("up")  # up before the first choice: the page before, on its last topic
        await settle(pilot)
        assert "Page 1 of 20" in screen_text(app)
        assert app.screen.choices.highlighted == 4
